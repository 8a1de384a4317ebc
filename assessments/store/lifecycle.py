"""Archiving and deleting assessments: an innovator's own ones, each step audited in the workspace's history."""

from __future__ import annotations

from sqlalchemy import Connection, delete, func, insert, select, update

from assessments.store.engine import StoreBase
from assessments.store.rows import now, workspace_event
from assessments.store.schema import (
    answers_table,
    assessment_results,
    assessments_table,
    audit_table,
    innovations,
    share_links,
    shares,
)


def drop_assessment(conn: Connection, assessment_id: str) -> None:
    """Delete an assessment's answers and row (and its innovation once it has no assessment left).

    Audit rows are kept: the history of what was deleted stays with the workspace.
    """
    inn = conn.execute(
        select(assessments_table.c.innovation_id).where(assessments_table.c.id == assessment_id)
    ).scalar()
    conn.execute(delete(answers_table).where(answers_table.c.assessment_id == assessment_id))
    conn.execute(delete(assessment_results).where(assessment_results.c.assessment_id == assessment_id))
    conn.execute(delete(assessments_table).where(assessments_table.c.id == assessment_id))
    if inn is not None:
        left = conn.execute(
            select(func.count()).select_from(assessments_table).where(assessments_table.c.innovation_id == inn)
        ).scalar_one()
        if not left:
            conn.execute(delete(innovations).where(innovations.c.id == inn))


class Lifecycle(StoreBase):
    """Archive (hide from lists and comparisons, kept whole), restore, and delete for good."""

    def archive(self, assessment_id: str, *, archived: bool = True) -> None:
        """Archive an assessment (or, with ``archived=False``, bring it back).

        Raises:
            InputError: STORAGE_001/003 if it is not the viewer's to change.
        """
        at = now()
        field = "archived" if archived else "restored"
        with self._write() as conn:
            ws, _ = self._place(conn, assessment_id, edit=True)
            current = conn.execute(
                select(assessments_table.c.archived_at).where(assessments_table.c.id == assessment_id)
            ).scalar()
            if (current is not None) == archived:
                return
            conn.execute(
                update(assessments_table)
                .where(assessments_table.c.id == assessment_id)
                .values(archived_at=at if archived else None)
            )
            conn.execute(insert(audit_table).values(assessment_id=assessment_id, field=field, actor=self.actor, at=at))
            workspace_event(conn, ws, field, actor=self.actor, at=at, assessment_id=assessment_id)

    def delete_assessment(self, assessment_id: str) -> None:
        """Delete an assessment for good: its answers, its shared copies (withdrawn) and its links (revoked).

        The workspace's history keeps who deleted what, and when.

        Raises:
            InputError: STORAGE_001/003 if it is not the viewer's to change.
        """
        at = now()
        with self._write() as conn:
            ws, _ = self._place(conn, assessment_id, edit=True)
            row = conn.execute(
                select(assessments_table, innovations.c.name)
                .join(innovations, innovations.c.id == assessments_table.c.innovation_id)
                .where(assessments_table.c.id == assessment_id)
            ).one()
            for share in conn.execute(
                select(shares).where(shares.c.assessment_id == assessment_id, shares.c.withdrawn_at.is_(None))
            ).all():
                if share.copy_id:
                    drop_assessment(conn, share.copy_id)
                conn.execute(
                    update(shares)
                    .where(shares.c.id == share.id)
                    .values(withdrawn_at=at, withdrawn_by=self.actor, copy_id=None)
                )
                workspace_event(
                    conn,
                    share.to_workspace_id,
                    "share.withdrawn",
                    actor=self.actor,
                    at=at,
                    assessment_id=assessment_id,
                    reason="the original was deleted",
                )
            conn.execute(
                update(share_links)
                .where(share_links.c.assessment_id == assessment_id, share_links.c.revoked_at.is_(None))
                .values(revoked_at=at, revoked_by=self.actor)
            )
            drop_assessment(conn, assessment_id)
            what = {"innovation": row.name, "label": row.label, "assessed_on": str(row.assessed_on or "")}
            conn.execute(
                insert(audit_table).values(
                    assessment_id=assessment_id, field="deleted", old=what, actor=self.actor, at=at
                )
            )
            workspace_event(conn, ws, "deleted", actor=self.actor, at=at, assessment_id=assessment_id, old=what)
