"""Importing: a whole assessment saved in one transaction (JSON and Excel import, the examples).

Every answer is checked by :func:`assessments.validation.check_answer` before anything is
written. An import replaces what is stored without merging (the import's own plan, shown
before it is applied, lists every change); each replaced answer's version goes up by one.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select, update

from assessments.errors import InputError, Problem
from assessments.models import Answer, Assessment
from assessments.store.access import DEMO_WORKSPACE, Origin, Role
from assessments.store.audit import replaced_answers
from assessments.store.engine import StoreBase
from assessments.store.rows import (
    answer_json,
    assessment_row,
    check_name,
    find_innovation,
    framework_versions,
    innovation_values,
    insert_assessment,
    insert_innovation,
    meta_values,
    now,
    row_answer,
)
from assessments.store.schema import answers_table, assessments_table, audit_table, innovations
from assessments.validation import check_answer


class Imports(StoreBase):
    """Whole assessments written at once, replacing what is stored."""

    def _import_place(self, conn: Connection, workspace: str | None) -> tuple[str, str]:
        """(workspace id, origin) of a new imported assessment: the viewer's own if it innovates there, else received."""
        roles = self._roles(conn)
        if workspace is None:
            for role in (Role.INNOVATOR, Role.COMMISSIONER):
                if [ws for ws in roles.workspaces(role) if ws != DEMO_WORKSPACE]:
                    workspace = self._home(conn, None, role)
                    break
            else:
                workspace = self._home(conn, None, Role.INNOVATOR)
        self._require(conn, workspace, Role.INNOVATOR, Role.COMMISSIONER)
        innovator = roles.has(workspace, Role.INNOVATOR) or self.viewer.system
        return workspace, (Origin.OWN if innovator else Origin.RECEIVED).value

    def _checked_answers(self, assessment: Assessment) -> dict[tuple[str, str], Answer]:
        """Every non-blank answer of ``assessment`` checked, by (framework, item).

        Raises:
            InputError: every problem found in any answer.
        """
        problems: list[Problem] = []
        clean: dict[tuple[str, str], Answer] = {}
        for fid, items in assessment.answers.items():
            for iid, ans in items.items():
                if ans.is_blank:
                    continue
                try:
                    clean[(fid, iid)] = check_answer(self.frameworks, fid, iid, ans, field=f"answers.{fid}.{iid}")
                except InputError as exc:
                    problems.extend(exc.problems)
        if problems:
            raise InputError(problems)
        return clean

    def save_assessment(
        self,
        assessment: Assessment,
        *,
        assessment_id: str | None = None,
        source: str = "",
        workspace: str | None = None,
        reason: str = "",
    ) -> str:
        """Create or replace a whole assessment in ONE transaction (all or nothing).

        Used by JSON and Excel import. Every answer is validated before anything
        is written; on any problem nothing changes.

        Args:
            assessment: The assessment to store (its own ``id`` is ignored).
            assessment_id: Replace this saved assessment (details and all answers); the
                viewer must be allowed to change it. When None a new assessment is
                created, attached to an existing innovation of the workspace with the
                same name and organisation if there is one.
            source: Where it came from (kept on the assessment row, e.g. ``excel``).
            workspace: Workspace id for a new assessment; may be left out when the viewer
                is an innovator (or, failing that, a commissioner) of one workspace only.
                An innovator's import is the workspace's own (changeable); a commissioner's
                is kept as received (read-only).
            reason: Kept in the audit trail (defaults to ``source``).

        Returns:
            The assessment id.

        Raises:
            InputError: every problem found in the answers, STORAGE_001 for an unknown
                ``assessment_id``, STORAGE_003 if it may not be changed, STORAGE_005/006
                for a workspace the viewer may not add to, ASSESSMENT_008 for an empty
                innovation name.
        """
        check_name(assessment.innovation)
        clean = self._checked_answers(assessment)
        at = now()
        reason = reason or source or "imported"
        actor = self.actor
        with self._write() as conn:
            if assessment_id is not None:
                self._place(conn, assessment_id, edit=True)
                row = assessment_row(conn, assessment_id)
                aid = assessment_id
                conn.execute(
                    update(innovations)
                    .where(innovations.c.id == row.innovation_id)
                    .values(
                        updated_at=at, version=innovations.c.version + 1, **innovation_values(assessment.innovation)
                    )
                )
                conn.execute(
                    update(assessments_table)
                    .where(assessments_table.c.id == aid)
                    .values(
                        updated_at=at,
                        version=assessments_table.c.version + 1,
                        framework_versions=framework_versions(self.frameworks, assessment.framework_versions),
                        **meta_values(assessment.assessment),
                    )
                )
                stored = conn.execute(select(answers_table).where(answers_table.c.assessment_id == aid)).all()
                old_rows = {(r.framework_id, r.item_id): row_answer(r) for r in stored}
                versions = {(r.framework_id, r.item_id): r.version for r in stored}
                conn.execute(delete(answers_table).where(answers_table.c.assessment_id == aid))
                conn.execute(
                    insert(audit_table).values(
                        assessment_id=aid, field="replaced", old=None, new=None, actor=actor, reason=reason, at=at
                    )
                )
            else:
                ws, origin = self._import_place(conn, workspace)
                inn_id = find_innovation(conn, assessment.innovation, ws)
                if inn_id is None:
                    inn_id = insert_innovation(conn, assessment.innovation, at, workspace_id=ws)
                aid = insert_assessment(
                    conn,
                    inn_id,
                    assessment.assessment,
                    at,
                    frameworks=self.frameworks,
                    actor=actor,
                    source=source,
                    origin=origin,
                    reason=reason,
                    versions=assessment.framework_versions,
                )
                old_rows, versions = {}, {}
            if clean:
                conn.execute(
                    insert(answers_table),
                    [
                        {
                            "assessment_id": aid,
                            "framework_id": fid,
                            "item_id": iid,
                            "updated_by": actor,
                            "updated_at": at,
                            # Versions only go up: an answer replaced by itself keeps its own.
                            "version": versions.get((fid, iid), 0) + (old_rows.get((fid, iid)) != ans),
                            **(answer_json(ans) or {}),
                        }
                        for (fid, iid), ans in clean.items()
                    ],
                )
            audit_rows = replaced_answers(aid, old_rows, clean, actor=actor, reason=reason, at=at)
            if audit_rows:
                conn.execute(insert(audit_table), audit_rows)
            self._store_results(conn, aid)
        return aid
