"""Workspaces and memberships: organisations, who belongs to them in which role, and their audit history."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, insert, select

from assessments.errors import ErrorCode, InputError, problem
from assessments.store.access import DEMO_WORKSPACE, SPECIAL_WORKSPACES, Role
from assessments.store.audit import AuditEntry, audit_entries
from assessments.store.engine import StoreBase
from assessments.store.rows import aware, new_id, now, workspace_event
from assessments.store.schema import audit_table, memberships, workspaces
from assessments.validation import clean_text, has_visible_text

ORGANISATION = "organisation"
"""The kind of every workspace made by people (the others are ``local`` and ``demo``)."""
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
EMAIL_MAX = 200
"""The longest address a member may have: the audit trail records their changes under it (200 characters)."""


@dataclass(frozen=True)
class Workspace:
    """An organisation using the installation (or the single-user ``local`` one, or the ``demo`` one)."""

    id: str
    name: str
    kind: str
    created_at: dt.datetime


@dataclass(frozen=True)
class Membership:
    """A person's role in a workspace (the person is matched by the ``email`` claim on sign-in)."""

    workspace_id: str
    workspace_name: str
    email: str
    role: Role
    added_at: dt.datetime
    added_by: str


def _workspace(row: object) -> Workspace:
    return Workspace(row.id, row.name, row.kind, aware(row.created_at))  # type: ignore[attr-defined]


def check_email(email: str) -> str:
    """An e-mail address trimmed and in lower case.

    Raises:
        InputError: STORAGE_006 if it does not look like an address, or is longer than :data:`EMAIL_MAX`.
    """
    address = clean_text(email).strip().lower()
    if not _EMAIL.match(address):
        raise InputError([problem(ErrorCode.STORAGE_006, detail=f"'{address}' is not an e-mail address")])
    if len(address) > EMAIL_MAX:
        detail = (
            f"'{address}' is {len(address)} characters long; an address can have at most {EMAIL_MAX} characters "
            "here (the audit trail records each change under it)"
        )
        raise InputError([problem(ErrorCode.STORAGE_006, detail=detail)])
    return address


class Workspaces(StoreBase):
    """Creating workspaces and managing memberships; each change is kept in the workspace's audit history."""

    def workspaces(self) -> list[Workspace]:
        """The organisation workspaces (the places an assessment can be shared with), by name.

        The single-user ``local`` workspace is included for a viewer who holds a role in it,
        and a system viewer (the command line) sees every workspace, ``local`` and ``demo``
        included. Nobody signed out sees any.
        """
        if not self.viewer.signed_in:
            return []
        with self._read() as conn:
            roles = self._roles(conn)
            rows = conn.execute(select(workspaces)).all()
        return [
            _workspace(r)
            for r in sorted(rows, key=lambda r: (r.name.lower(), r.name))
            if self.viewer.system or r.kind == ORGANISATION or r.id in roles.by_workspace
        ]

    def workspace_named(self, name: str) -> Workspace:
        """The workspace with this name (case-insensitive), or with this id.

        Raises:
            InputError: STORAGE_004 if there is none.
        """
        wanted = clean_text(name).strip()
        for ws in self.workspaces():
            if wanted.lower() in (ws.name.lower(), ws.id.lower()):
                return ws
        raise InputError([problem(ErrorCode.STORAGE_004, found=wanted)])

    def add_workspace(self, name: str) -> Workspace:
        """Create an organisation workspace; a signed-in creator becomes its admin.

        Allowed for the command line and for anyone who is already an admin of a workspace.

        Raises:
            InputError: STORAGE_005 (not allowed), STORAGE_006 (empty, too long or taken name).
        """
        clean = " ".join(clean_text(name).split())
        if not has_visible_text(clean) or len(clean) > 100:
            raise InputError(
                [problem(ErrorCode.STORAGE_006, detail="A workspace needs a name of 1 to 100 characters that show")]
            )
        at = now()
        with self._write() as conn:
            roles = self._roles(conn)
            if not (self.viewer.system or roles.workspaces(Role.ADMIN)):
                raise InputError([problem(ErrorCode.STORAGE_005, detail=Role.ADMIN.value, found="any workspace")])
            # Compared in Python: SQL lower() knows ASCII only on SQLite and follows the locale on PostgreSQL.
            names = [
                *conn.execute(select(workspaces.c.name)).scalars(),
                *SPECIAL_WORKSPACES,
                *SPECIAL_WORKSPACES.values(),
            ]
            if clean.lower() in {n.lower() for n in names}:
                raise InputError(
                    [problem(ErrorCode.STORAGE_006, detail=f"A workspace called '{clean}' exists already")]
                )
            wid = new_id()
            conn.execute(
                insert(workspaces).values(id=wid, name=clean, kind=ORGANISATION, created_at=at, created_by=self.actor)
            )
            workspace_event(conn, wid, "workspace.created", actor=self.actor, at=at, new=clean)
            if self.viewer.email:
                self._insert_member(conn, wid, self.viewer.email, Role.ADMIN, at)
        return Workspace(wid, clean, ORGANISATION, at.replace(tzinfo=dt.UTC))

    def my_memberships(self) -> list[Membership]:
        """The viewer's own roles, by workspace name then role (what the app's navigation is built from)."""
        with self._read() as conn:
            roles = self._roles(conn)
            names = {r.id: r.name for r in conn.execute(select(workspaces.c.id, workspaces.c.name))}
            rows = {
                (r.workspace_id, r.role): r
                for r in conn.execute(select(memberships).where(memberships.c.email == self.viewer.email))
            }
        out = []
        for ws, held in roles.by_workspace.items():
            for role in held:
                row = rows.get((ws, role.value))
                added = aware(row.added_at) if row else dt.datetime.min.replace(tzinfo=dt.UTC)
                out.append(
                    Membership(ws, names.get(ws, ws), self.viewer.email, role, added, row.added_by if row else "")
                )
        return sorted(out, key=lambda m: (m.workspace_name.lower(), list(Role).index(m.role)))

    def members(self, workspace_id: str) -> list[Membership]:
        """Everyone holding a role in the workspace (admins of it only), by e-mail then role.

        Raises:
            InputError: STORAGE_005 if the viewer is not an admin of the workspace.
        """
        with self._read() as conn:
            self._require(conn, workspace_id, Role.ADMIN)
            name = conn.execute(select(workspaces.c.name).where(workspaces.c.id == workspace_id)).scalar() or ""
            rows = conn.execute(
                select(memberships).where(memberships.c.workspace_id == workspace_id).order_by(memberships.c.email)
            ).all()
        return sorted(
            (Membership(workspace_id, name, r.email, Role(r.role), aware(r.added_at), r.added_by) for r in rows),
            key=lambda m: (m.email, list(Role).index(m.role)),
        )

    def add_member(self, workspace_id: str, email: str, role: Role) -> Membership:
        """Give a person (by e-mail) a role in the workspace; adding an existing membership changes nothing.

        The ``demo`` workspace has no members: everyone signed in reads it already, and only
        the examples loader changes it.

        Raises:
            InputError: STORAGE_005 (viewer not admin there), STORAGE_006 (not an e-mail address,
                or the ``demo`` workspace).
        """
        address = check_email(email)
        if workspace_id == DEMO_WORKSPACE:
            detail = (
                "The illustrative examples' workspace has no members (everyone signed in can read it); "
                "add people to an organisation workspace instead"
            )
            raise InputError([problem(ErrorCode.STORAGE_006, detail=detail)])
        at = now()
        with self._write() as conn:
            self._require(conn, workspace_id, Role.ADMIN)
            key = (
                (memberships.c.workspace_id == workspace_id)
                & (memberships.c.email == address)
                & (memberships.c.role == role.value)
            )
            existing = conn.execute(select(memberships).where(key)).first()
            if existing is None:
                self._insert_member(conn, workspace_id, address, role, at)
            name = conn.execute(select(workspaces.c.name).where(workspaces.c.id == workspace_id)).scalar() or ""
        if existing is not None:
            return Membership(workspace_id, name, address, role, aware(existing.added_at), existing.added_by)
        return Membership(workspace_id, name, address, role, at.replace(tzinfo=dt.UTC), self.actor)

    def remove_member(self, workspace_id: str, email: str, role: Role | None = None) -> int:
        """Take a role (or, with ``role`` None, every role) in the workspace away from a person.

        The last admin of a workspace can only be removed from the command line, so a
        workspace is never left without someone who can manage it by accident.

        Returns:
            How many memberships were removed (0 if the person held none).

        Raises:
            InputError: STORAGE_005 (viewer not admin there), STORAGE_006 (would remove the last admin).
        """
        address = clean_text(email).strip().lower()
        at = now()
        with self._write() as conn:
            self._require(conn, workspace_id, Role.ADMIN)
            where = (memberships.c.workspace_id == workspace_id) & (memberships.c.email == address)
            if role is not None:
                where &= memberships.c.role == role.value
            doomed = [r.role for r in conn.execute(select(memberships.c.role).where(where))]
            if Role.ADMIN.value in doomed and not self.viewer.system:
                admins = conn.execute(
                    select(func.count())
                    .select_from(memberships)
                    .where(memberships.c.workspace_id == workspace_id, memberships.c.role == Role.ADMIN.value)
                ).scalar_one()
                if admins <= 1:
                    detail = f"{address} is the workspace's last admin; add another admin first"
                    raise InputError([problem(ErrorCode.STORAGE_006, detail=detail)])
            conn.execute(delete(memberships).where(where))
            for gone in doomed:
                workspace_event(conn, workspace_id, "member.removed", actor=self.actor, at=at, old=f"{address}: {gone}")
        return len(doomed)

    def workspace_audit(self, workspace_id: str, *, limit: int = 1000) -> list[AuditEntry]:
        """The workspace's own history (memberships, shares, archiving, deletions), newest first.

        Raises:
            InputError: STORAGE_005 if the viewer is not an admin of the workspace.
        """
        with self._read() as conn:
            self._require(conn, workspace_id, Role.ADMIN)
            rows = conn.execute(
                select(audit_table)
                .where(audit_table.c.workspace_id == workspace_id)
                .order_by(audit_table.c.id.desc())
                .limit(limit)
            ).all()
        return audit_entries(rows)

    def _insert_member(self, conn: Connection, workspace_id: str, email: str, role: Role, at: dt.datetime) -> None:
        conn.execute(
            insert(memberships).values(
                workspace_id=workspace_id, email=email, role=role.value, added_at=at, added_by=self.actor
            )
        )
        workspace_event(conn, workspace_id, "member.added", actor=self.actor, at=at, new=f"{email}: {role.value}")
