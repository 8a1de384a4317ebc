"""Sharing: a frozen copy of an assessment given to another workspace, its withdrawal, and read-only links.

A share copies the assessment as it is at that moment (details, answers, notes,
evidence) into the receiving workspace, where its commissioners can read and
compare it but nobody can change it. Sharing again after edits replaces the
copy with the newer version. Withdrawing deletes the copy. A link is a frozen
copy too, opened with a token of which only a SHA-256 hash is stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, update

from assessments.errors import ErrorCode, InputError, problem
from assessments.models import Assessment, Innovation
from assessments.store.access import Origin
from assessments.store.assessments import Assessments
from assessments.store.lifecycle import Lifecycle, drop_assessment
from assessments.store.rows import aware, insert_assessment, insert_innovation, new_id, now, row_meta, workspace_event
from assessments.store.schema import (
    answers_table,
    assessments_table,
    audit_table,
    innovations,
    share_links,
    shares,
    workspaces,
)
from assessments.store.workspaces import ORGANISATION

LINK_DAYS_MAX = 90
"""The longest a share link may stay valid."""


@dataclass(frozen=True)
class Share:
    """One assessment shared with one workspace."""

    id: str
    assessment_id: str
    to_workspace_id: str
    to_workspace: str
    copy_id: str | None
    version_at: dt.datetime
    """When the shared version was last changed (what the copy holds)."""
    shared_at: dt.datetime
    shared_by: str
    withdrawn_at: dt.datetime | None
    withdrawn_by: str
    from_workspace: str = ""

    @property
    def active(self) -> bool:
        """True until withdrawn (or replaced by a newer share)."""
        return self.withdrawn_at is None


@dataclass(frozen=True)
class ShareLink:
    """A read-only link to a frozen copy of an assessment (the token itself is never stored)."""

    id: str
    assessment_id: str
    version_at: dt.datetime
    created_at: dt.datetime
    created_by: str
    expires_at: dt.datetime
    revoked_at: dt.datetime | None

    def usable(self, at: dt.datetime) -> bool:
        """True if the link still opens at ``at`` (not revoked, not expired)."""
        return self.revoked_at is None and at < self.expires_at


def token_hash(token: str) -> str:
    """The stored form of a link token."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def _opt(value: dt.datetime | None) -> dt.datetime | None:
    return aware(value) if value is not None else None


class Sharing(Lifecycle, Assessments):
    """Shares with workspaces and read-only links; every step is audited on the assessment and its workspace."""

    def share(self, assessment_id: str, to_workspace: str) -> Share:
        """Share the assessment as it is now with another workspace (replacing an older shared version).

        Sharing a version that is already shared (unchanged since) returns that share.

        Raises:
            InputError: STORAGE_001/003 (assessment unknown or not the viewer's to share),
                STORAGE_004 (no such organisation workspace), STORAGE_006 (its own workspace).
        """
        at = now()
        with self._write() as conn:
            from_ws, _ = self._place(conn, assessment_id, edit=True)
            target = conn.execute(select(workspaces).where(workspaces.c.id == to_workspace)).first()
            if target is None or target.kind != ORGANISATION:
                raise InputError([problem(ErrorCode.STORAGE_004, found=to_workspace)])
            if target.id == from_ws:
                detail = "An assessment is already visible in its own workspace; choose another workspace"
                raise InputError([problem(ErrorCode.STORAGE_006, detail=detail)])
            source = conn.execute(select(assessments_table).where(assessments_table.c.id == assessment_id)).one()
            active = conn.execute(
                select(shares).where(
                    shares.c.assessment_id == assessment_id,
                    shares.c.to_workspace_id == target.id,
                    shares.c.withdrawn_at.is_(None),
                )
            ).all()
            for old in active:
                if old.version_at == source.updated_at:
                    return self._share(conn, old)
                self._withdraw(conn, old, at, reason="replaced by a newer version")
            copy_id = self._copy(conn, source, target.id, at)
            sid = new_id()
            conn.execute(
                insert(shares).values(
                    id=sid,
                    assessment_id=assessment_id,
                    from_workspace_id=from_ws,
                    to_workspace_id=target.id,
                    copy_id=copy_id,
                    version_at=source.updated_at,
                    shared_at=at,
                    shared_by=self.actor,
                )
            )
            conn.execute(
                insert(audit_table).values(
                    assessment_id=assessment_id, field="shared", new=target.name, actor=self.actor, reason=sid, at=at
                )
            )
            for ws in (from_ws, target.id):
                workspace_event(
                    conn, ws, "shared", actor=self.actor, at=at, assessment_id=assessment_id, new=target.name
                )
            return self._share(conn, conn.execute(select(shares).where(shares.c.id == sid)).one())

    def shares(self, assessment_id: str) -> list[Share]:
        """Every share of an assessment the viewer may change (withdrawn ones included), newest first.

        Raises:
            InputError: STORAGE_001/003 if the assessment is not the viewer's.
        """
        with self._read() as conn:
            self._place(conn, assessment_id, edit=True)
            rows = conn.execute(
                select(shares).where(shares.c.assessment_id == assessment_id).order_by(shares.c.shared_at.desc())
            ).all()
            return [self._share(conn, r) for r in rows]

    def share_of_copy(self, copy_id: str) -> Share | None:
        """The share a read-only copy came from (None for anything else).

        Raises:
            InputError: STORAGE_001 if the viewer may not read the copy.
        """
        with self._read() as conn:
            self._place(conn, copy_id)
            row = conn.execute(select(shares).where(shares.c.copy_id == copy_id)).first()
            return self._share(conn, row) if row is not None else None

    def withdraw_share(self, share_id: str) -> Share:
        """Withdraw a share: the receiving workspace's copy is deleted at once.

        Raises:
            InputError: STORAGE_006 if there is no active share with this id that the viewer may withdraw.
        """
        at = now()
        with self._write() as conn:
            row = conn.execute(select(shares).where(shares.c.id == share_id)).first()
            missing = InputError([problem(ErrorCode.STORAGE_006, detail=f"There is no share '{share_id}' to withdraw")])
            if row is None:
                raise missing
            try:
                self._place(conn, row.assessment_id, edit=True)
            except InputError:
                raise missing from None
            if row.withdrawn_at is None:
                self._withdraw(conn, row, at, reason="withdrawn")
            return self._share(conn, conn.execute(select(shares).where(shares.c.id == share_id)).one())

    def create_share_link(self, assessment_id: str, *, days: int = 14) -> tuple[str, ShareLink]:
        """A read-only link to the assessment as it is now, valid for ``days`` days.

        Returns:
            The token (shown once; only its hash is kept) and the link.

        Raises:
            InputError: STORAGE_001/003 (not the viewer's), STORAGE_006 (days out of 1..90).
        """
        if not 1 <= days <= LINK_DAYS_MAX:
            detail = f"A link can stay valid for 1 to {LINK_DAYS_MAX} days (asked: {days})"
            raise InputError([problem(ErrorCode.STORAGE_006, detail=detail)])
        snapshot = self.get_assessment(assessment_id)
        token = secrets.token_urlsafe(24)
        at = now()
        with self._write() as conn:
            ws, _ = self._place(conn, assessment_id, edit=True)
            version = conn.execute(
                select(assessments_table.c.updated_at).where(assessments_table.c.id == assessment_id)
            ).scalar_one()
            lid = new_id()
            values: dict[str, Any] = {
                "id": lid,
                "token_hash": token_hash(token),
                "assessment_id": assessment_id,
                "snapshot": snapshot.model_dump(mode="json"),
                "version_at": version,
                "created_at": at,
                "created_by": self.actor,
                "expires_at": at + dt.timedelta(days=days),
            }
            conn.execute(insert(share_links).values(**values))
            expires = values["expires_at"].date().isoformat()
            conn.execute(
                insert(audit_table).values(
                    assessment_id=assessment_id, field="link.created", new=expires, actor=self.actor, reason=lid, at=at
                )
            )
            workspace_event(conn, ws, "link.created", actor=self.actor, at=at, assessment_id=assessment_id, new=expires)
            return token, self._link(conn.execute(select(share_links).where(share_links.c.id == lid)).one())

    def share_links(self, assessment_id: str) -> list[ShareLink]:
        """Every link made for an assessment the viewer may change, newest first."""
        with self._read() as conn:
            self._place(conn, assessment_id, edit=True)
            rows = conn.execute(
                select(share_links)
                .where(share_links.c.assessment_id == assessment_id)
                .order_by(share_links.c.created_at.desc())
            ).all()
        return [self._link(r) for r in rows]

    def revoke_share_link(self, link_id: str) -> None:
        """Stop a link working at once.

        Raises:
            InputError: STORAGE_006 if there is no link with this id that the viewer may revoke.
        """
        at = now()
        with self._write() as conn:
            row = conn.execute(select(share_links).where(share_links.c.id == link_id)).first()
            missing = InputError([problem(ErrorCode.STORAGE_006, detail=f"There is no link '{link_id}' to revoke")])
            if row is None:
                raise missing
            try:
                ws, _ = self._place(conn, row.assessment_id, edit=True)
            except InputError:
                raise missing from None
            if row.revoked_at is not None:
                return
            conn.execute(
                update(share_links).where(share_links.c.id == link_id).values(revoked_at=at, revoked_by=self.actor)
            )
            conn.execute(
                insert(audit_table).values(
                    assessment_id=row.assessment_id, field="link.revoked", actor=self.actor, reason=link_id, at=at
                )
            )
            workspace_event(conn, ws, "link.revoked", actor=self.actor, at=at, assessment_id=row.assessment_id)

    def open_share_link(self, token: str) -> tuple[Assessment, ShareLink]:
        """The frozen copy behind a link token (anyone holding the token may read it).

        Raises:
            InputError: STORAGE_007 if the token is unknown, revoked or expired.
        """
        at = now()
        with self._read() as conn:
            row = conn.execute(select(share_links).where(share_links.c.token_hash == token_hash(token))).first()
        if row is None:
            raise InputError([problem(ErrorCode.STORAGE_007, detail="it is not a link this server made")])
        link = self._link(row)
        if link.revoked_at is not None:
            raise InputError([problem(ErrorCode.STORAGE_007, detail="it was withdrawn by the person who made it")])
        if not link.usable(at.replace(tzinfo=dt.UTC)):
            raise InputError(
                [problem(ErrorCode.STORAGE_007, detail=f"it expired on {link.expires_at.date().isoformat()}")]
            )
        return Assessment.model_validate(row.snapshot), link

    # --- helpers -------------------------------------------------------------------

    def _copy(self, conn: Connection, source: Any, to_ws: str, at: dt.datetime) -> str:
        """Copy one assessment (details, answers) into another workspace as a read-only shared copy."""
        inn = conn.execute(select(innovations).where(innovations.c.id == source.innovation_id)).one()
        values = {"name": inn.name, "organisation": inn.organisation, "description": inn.description}
        copy_inn = conn.execute(
            select(innovations.c.id).where(
                innovations.c.workspace_id == to_ws, innovations.c.source_innovation_id == inn.id
            )
        ).scalar()
        if copy_inn is None:
            copy_inn = insert_innovation(conn, Innovation(**values), at, workspace_id=to_ws, source_id=inn.id)
        else:
            conn.execute(update(innovations).where(innovations.c.id == copy_inn).values(updated_at=at, **values))
        copy_id = insert_assessment(
            conn,
            copy_inn,
            row_meta(source),
            at,
            frameworks=self.frameworks,
            actor=self.actor,
            source=f"shared:{source.id}",
            origin=Origin.SHARED.value,
        )
        conn.execute(
            update(assessments_table)
            .where(assessments_table.c.id == copy_id)
            .values(framework_versions=source.framework_versions, updated_at=source.updated_at)
        )
        answers = conn.execute(select(answers_table).where(answers_table.c.assessment_id == source.id)).all()
        if answers:
            conn.execute(
                insert(answers_table),
                [{**a._asdict(), "assessment_id": copy_id} for a in answers],
            )
        self._store_results(conn, copy_id)
        return copy_id

    def _withdraw(self, conn: Connection, row: Any, at: dt.datetime, *, reason: str) -> None:
        if row.copy_id:
            drop_assessment(conn, row.copy_id)
        conn.execute(
            update(shares).where(shares.c.id == row.id).values(withdrawn_at=at, withdrawn_by=self.actor, copy_id=None)
        )
        name = conn.execute(select(workspaces.c.name).where(workspaces.c.id == row.to_workspace_id)).scalar() or ""
        conn.execute(
            insert(audit_table).values(
                assessment_id=row.assessment_id,
                field="share.withdrawn",
                old=name,
                actor=self.actor,
                reason=reason,
                at=at,
            )
        )
        for ws in (row.from_workspace_id, row.to_workspace_id):
            workspace_event(
                conn,
                ws,
                "share.withdrawn",
                actor=self.actor,
                at=at,
                assessment_id=row.assessment_id,
                old=name,
                reason=reason,
            )

    def _share(self, conn: Connection, row: Any) -> Share:
        names = {r.id: r.name for r in conn.execute(select(workspaces.c.id, workspaces.c.name))}
        return Share(
            id=row.id,
            assessment_id=row.assessment_id,
            to_workspace_id=row.to_workspace_id,
            to_workspace=names.get(row.to_workspace_id, ""),
            copy_id=row.copy_id,
            version_at=aware(row.version_at),
            shared_at=aware(row.shared_at),
            shared_by=row.shared_by,
            withdrawn_at=_opt(row.withdrawn_at),
            withdrawn_by=row.withdrawn_by or "",
            from_workspace=names.get(row.from_workspace_id, ""),
        )

    @staticmethod
    def _link(row: Any) -> ShareLink:
        return ShareLink(
            id=row.id,
            assessment_id=row.assessment_id,
            version_at=aware(row.version_at),
            created_at=aware(row.created_at),
            created_by=row.created_by,
            expires_at=aware(row.expires_at),
            revoked_at=_opt(row.revoked_at),
        )
