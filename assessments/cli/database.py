"""``db status`` and ``db upgrade``: where the database's schema stands, and bringing it up to date.

A database made by an earlier release is never changed behind anyone's back: the app and every
other command refuse it (STORAGE_008) until someone who can back it up runs ``db upgrade``. In a
single-user installation ``make run`` does that first; with several servers, run it once before
starting them.
"""

from __future__ import annotations

import argparse
from typing import Any

from assessments.catalogue import bundled_frameworks
from assessments.cli.operator import add_database_option
from assessments.store import SchemaStatus, database_status, upgrade_database


def register(sub: Any) -> None:
    """Add the ``db`` sub-commands."""
    db = sub.add_parser(
        "db",
        help="check or upgrade the database's schema",
        description="Check whether the database suits this version of the app, and upgrade it if not.",
    )
    actions = db.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = actions.add_parser("status", help="say whether the database needs upgrading (changes nothing)")
    add_database_option(p)
    p.set_defaults(handler=run_status)
    p = actions.add_parser(
        "upgrade",
        help="create or upgrade the schema (back the database up first)",
        description=(
            "Bring the database to the schema this version of the app needs, in one transaction: either all "
            "of it happens or nothing does, then store the results of any assessment whose results are missing "
            "or were computed by another version of the scoring. Back the database up first. Running it again "
            "changes nothing."
        ),
    )
    add_database_option(p)
    p.set_defaults(handler=run_upgrade)


def _describe(status: SchemaStatus) -> str:
    if status.empty:
        return f"empty (no tables yet); this version needs schema revision {status.head}"
    made = " (made before migrations were recorded)" if status.legacy else ""
    if status.up_to_date:
        return f"up to date: schema revision {status.current}"
    return f"schema revision {status.current}{made}; this version needs {status.head}"


def run_status(args: argparse.Namespace) -> int:
    """Print where the schema stands; exit 0 if up to date, 1 if it needs upgrading."""
    status = database_status(args.database)
    print(_describe(status))
    if not status.up_to_date:
        print("Back the database up, then run: python -m assessments db upgrade")
    return 0 if status.up_to_date else 1


def run_upgrade(args: argparse.Namespace) -> int:
    """Upgrade (or create) the schema and say what changed."""
    before = database_status(args.database)
    after = upgrade_database(args.database, frameworks=bundled_frameworks())
    if before.up_to_date:
        print(f"Nothing to do: the schema is already at revision {after.current}.")
    else:
        print(f"Upgraded from {_describe(before)}.")
        print(f"Now {_describe(after)}.")
    return 0
