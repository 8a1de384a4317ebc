"""Who the command line acts as, which database it opens, and which workspace it works in.

Whoever can run the command line administers the installation, so it acts as a
**system operator** (:class:`~assessments.store.Viewer` with ``system=True``): it may
create workspaces and manage any workspace's members. The audit trail names it
``command line (USER)``, USER being the operating-system account.

Reading and writing assessments is narrower. ``import`` and ``export`` with
``--workspace NAME`` act as that workspace's operator: every role in it and nothing
elsewhere, so an export reads only what the workspace may read and an import changes
only the workspace's own assessments. Without ``--workspace`` they act on the
single-user ``local`` workspace, the one an installation without sign-in uses.

The database is ``--database URL``, else ``DATABASE_URL``, else the SQLite file under
``data/`` (see :mod:`assessments.store`).
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from assessments.catalogue import bundled_frameworks
from assessments.errors import ErrorCode, InputError, problem
from assessments.store import DEMO_WORKSPACE, LOCAL_WORKSPACE, Store, Viewer, Workspace

DATABASE_HELP = "database URL (default: DATABASE_URL, else data/assessments.db)"


def add_database_option(parser: Any) -> None:
    """Add ``--database URL`` to a sub-command's parser."""
    parser.add_argument("--database", metavar="URL", help=DATABASE_HELP)


def cli_actor() -> str:
    """Who the audit trail names for the command line's changes, e.g. ``command line (alice)``."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment or the password database
        user = "unknown user"
    return f"command line ({user})"


def system_viewer() -> Viewer:
    """The installation's operator: may create workspaces and manage any workspace's members."""
    return Viewer(actor=cli_actor(), system=True)


@contextmanager
def system_store(database: str | None) -> Iterator[Store]:
    """The database, acting for :func:`system_viewer`; closed when the block ends.

    Raises:
        InputError: STORAGE_002 if the database cannot be opened.
    """
    store = Store(database, frameworks=bundled_frameworks(), viewer=system_viewer())
    try:
        yield store
    finally:
        store.close()


@contextmanager
def workspace_store(database: str | None, name: str | None, *, adds: bool) -> Iterator[tuple[Store, Workspace]]:
    """The database acting as one workspace's operator, and that workspace.

    Args:
        database: Database URL (None: the default).
        name: The workspace's name or id; None for the single-user ``local`` workspace.
        adds: True if assessments will be added or changed there (the ``demo`` workspace
            of illustrative examples is then refused).

    Raises:
        InputError: STORAGE_002 (database), STORAGE_004 (no such workspace), STORAGE_006 (adding to ``demo``).
    """
    with system_store(database) as system:
        if name is None:
            workspace = next(w for w in system.workspaces() if w.id == LOCAL_WORKSPACE)
        else:
            workspace = system.workspace_named(name)
        if adds and workspace.id == DEMO_WORKSPACE:
            detail = (
                f"Workspace '{workspace.name}' holds only the bundled illustrative examples, so nothing is "
                "imported into it. Give --workspace an organisation's name, or leave it out to use this "
                "computer's workspace"
            )
            raise InputError([problem(ErrorCode.STORAGE_006, detail=detail)])
        yield system.as_viewer(Viewer.operator(workspace.id, cli_actor())), workspace
