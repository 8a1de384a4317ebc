"""People commands: ``workspace`` (add, list) and ``member`` (add, list, remove).

* ``workspace add NAME`` creates an organisation's workspace and prints its id and name.
* ``workspace list`` prints every workspace: id, name and kind (``organisation``, ``local``
  for this computer's single-user workspace, ``demo`` for the illustrative examples).
* ``member add EMAIL --workspace NAME --role ROLE`` gives a person (matched by the e-mail
  address they sign in with) a role: innovator, commissioner or admin.
* ``member list --workspace NAME`` prints each membership with when and by whom it was added.
* ``member remove EMAIL --workspace NAME [--role ROLE]`` takes one role (or all) away.

The command line acts as the installation's operator (:mod:`assessments.cli.operator`),
so it may manage any workspace, and every change is kept in the workspace's audit history.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from typing import Any

from assessments.cli.operator import add_database_option, system_store
from assessments.store import DEMO_WORKSPACE, Role
from assessments.store.workspaces import check_email

EXIT_OK = 0
ROLES = [r.value for r in Role]


def register(sub: Any) -> None:
    """Add the ``workspace`` and ``member`` sub-commands."""
    ws = sub.add_parser(
        "workspace",
        help="create and list workspaces (one per organisation)",
        description="Create and list workspaces. Each organisation using the installation has one.",
    )
    actions = ws.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = actions.add_parser("add", help="create a workspace", description="Create an organisation's workspace.")
    p.add_argument("name", metavar="NAME", help="the organisation's name, e.g. 'Northshire Council' (1-100 characters)")
    add_database_option(p)
    p.set_defaults(handler=run_workspace_add)
    p = actions.add_parser("list", help="list every workspace", description="List every workspace: id, name, kind.")
    add_database_option(p)
    p.set_defaults(handler=run_workspace_list)

    member = sub.add_parser(
        "member",
        help="give people roles in a workspace, list and remove them",
        description=(
            "Manage who belongs to a workspace. People are matched by the e-mail address they sign in with. "
            "Innovators fill in and share their assessments, commissioners read what is shared with them, "
            "admins manage the workspace's members."
        ),
    )
    actions = member.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = actions.add_parser("add", help="give a person a role in a workspace")
    p.add_argument("email", metavar="EMAIL", help="the e-mail address the person signs in with")
    _workspace_option(p)
    p.add_argument("--role", required=True, choices=ROLES, help="the role to give")
    add_database_option(p)
    p.set_defaults(handler=run_member_add)
    p = actions.add_parser("list", help="list a workspace's members and their roles")
    _workspace_option(p)
    add_database_option(p)
    p.set_defaults(handler=run_member_list)
    p = actions.add_parser("remove", help="take a person's role (or every role) in a workspace away")
    p.add_argument("email", metavar="EMAIL", help="the person's e-mail address")
    _workspace_option(p)
    p.add_argument("--role", choices=ROLES, help="remove only this role (default: every role the person holds)")
    add_database_option(p)
    p.set_defaults(handler=run_member_remove)


def _workspace_option(parser: Any) -> None:
    parser.add_argument(
        "--workspace", required=True, metavar="NAME", help="the workspace's name or id (see: workspace list)"
    )


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Rows as left-aligned columns under a header line, two spaces apart (no trailing spaces)."""
    widths = [max(len(str(c)) for c in column) for column in zip(headers, *rows, strict=True)]
    lines = ["  ".join(f"{c:<{w}}" for c, w in zip(row, widths, strict=True)).rstrip() for row in [headers, *rows]]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# workspace
# ---------------------------------------------------------------------------


def run_workspace_add(args: argparse.Namespace) -> int:
    """Create a workspace and print its id and name."""
    with system_store(args.database) as store:
        workspace = store.add_workspace(args.name)
    print(f"created workspace  {workspace.id}  {workspace.name}")
    return EXIT_OK


def run_workspace_list(args: argparse.Namespace) -> int:
    """Print every workspace as a table: id, name, kind."""
    with system_store(args.database) as store:
        found = store.workspaces()
    print(format_table(("ID", "NAME", "KIND"), [(w.id, w.name, w.kind) for w in found]), end="")
    return EXIT_OK


# ---------------------------------------------------------------------------
# member
# ---------------------------------------------------------------------------


def run_member_add(args: argparse.Namespace) -> int:
    """Give a person a role in a workspace (saying so when they held it already)."""
    role = Role(args.role)
    with system_store(args.database) as store:
        workspace = store.workspace_named(args.workspace)
        address = check_email(args.email)
        held = any(m.email == address and m.role == role for m in store.members(workspace.id))
        added = store.add_member(workspace.id, address, role)
    if held:
        print(
            f"{added.email} is already {role.value} in workspace '{workspace.name}' "
            f"(added {_when(added.added_at)} by {added.added_by or 'unknown'}); nothing changed"
        )
    else:
        print(f"added  {added.email}  as {role.value}  in workspace '{workspace.name}'")
    return EXIT_OK


def run_member_list(args: argparse.Namespace) -> int:
    """Print a workspace's memberships: e-mail, role, when and by whom added."""
    with system_store(args.database) as store:
        workspace = store.workspace_named(args.workspace)
        found = store.members(workspace.id)
    if not found and workspace.id == DEMO_WORKSPACE:
        print(f"workspace '{workspace.name}' has no members: everyone signed in reads it, and nobody changes it")
        return EXIT_OK
    if not found:
        print(
            f"workspace '{workspace.name}' has no members yet; add one with: python -m assessments member add "
            f"EMAIL --workspace '{workspace.name}' --role admin"
        )
        return EXIT_OK
    rows = [(m.email, m.role.value, _when(m.added_at), m.added_by) for m in found]
    print(format_table(("EMAIL", "ROLE", "ADDED", "ADDED BY"), rows), end="")
    return EXIT_OK


def run_member_remove(args: argparse.Namespace) -> int:
    """Take a role (or every role) away and say how many memberships went; none is not an error."""
    role = Role(args.role) if args.role else None
    with system_store(args.database) as store:
        workspace = store.workspace_named(args.workspace)
        removed = store.remove_member(workspace.id, args.email, role)
    address = args.email.strip().lower()
    which = f"the {role.value} role" if role else "any role"
    if removed == 0:
        print(f"{address} did not hold {which} in workspace '{workspace.name}'; nothing removed")
    else:
        plural = "membership" if removed == 1 else "memberships"
        print(f"removed {removed} {plural} of {address} in workspace '{workspace.name}'")
    return EXIT_OK


def _when(at: dt.datetime) -> str:
    return f"{at:%Y-%m-%d %H:%M} UTC"
