"""Answers: read an assessment's answers, save one answer, save a whole assessment in one transaction.

Every answer is checked by :func:`assessments.validation.check_answer` before
anything is written; the store has no answer rules of its own.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, delete, insert, select, update

from assessments.errors import InputError, Problem
from assessments.models import Answer, Assessment
from assessments.store.access import DEMO_WORKSPACE, Origin, Role
from assessments.store.audit import field_changes, replaced_answers
from assessments.store.engine import StoreBase
from assessments.store.rows import (
    answer_json,
    assessment_row,
    aware,
    check_name,
    find_innovation,
    innovation_values,
    insert_assessment,
    insert_innovation,
    meta_values,
    now,
    row_answer,
)
from assessments.store.schema import (
    DELETE_ANSWER,
    INSERT_ANSWER,
    INSERT_AUDIT,
    SELECT_ANSWER,
    SELECT_ANSWERS,
    TOUCH_ASSESSMENT,
    UPDATE_ANSWER,
    answers_table,
    assessments_table,
    audit_table,
    innovations,
)
from assessments.validation import check_answer


class Answers(StoreBase):
    """Reads and writes of answers, each write audited."""

    def get_answers(self, assessment_id: str, framework_id: str | None = None) -> dict[str, dict[str, Answer]]:
        """Saved answers of one assessment (optionally one framework), keyed by framework then item.

        Unlike :meth:`get_assessment` this does not check the assessment exists
        (an unknown id, or one the viewer may not read, simply has no answers); it is the
        cheap read for a page.
        """
        query = SELECT_ANSWERS
        if framework_id is not None:
            query = query.where(answers_table.c.framework_id == framework_id)
        with self._read() as conn:
            try:
                self._place(conn, assessment_id)
            except InputError:
                return {}
            rows = conn.execute(query, {"k_assessment": assessment_id}).all()
        out: dict[str, dict[str, Answer]] = {}
        for r in rows:
            out.setdefault(r.framework_id, {})[r.item_id] = row_answer(r)
        return out

    def save_answer(self, assessment_id: str, framework_id: str, item_id: str, answer: Answer | None) -> dt.datetime:
        """Save (or clear) one answer now, with an audit row per changed field.

        Saving an answer identical to the stored one writes nothing. ``None``
        or a blank answer removes the stored answer.

        Args:
            assessment_id: The assessment.
            framework_id: Framework id, e.g. ``scie``.
            item_id: Item id within the framework.
            answer: The whole answer (value, note, evidence), or None to clear it.

        Returns:
            The time (UTC, aware) the answer was saved; for a no-op, when it was last saved.

        Raises:
            InputError: STORAGE_001 (unknown assessment), STORAGE_003 (read-only for this viewer),
                ASSESSMENT_004/005/006/012/013 (unknown framework, item, option, bad date,
                text too long). Nothing is saved.
        """
        field = f"answers.{framework_id}.{item_id}"
        new = (
            None
            if answer is None or answer.is_blank
            else check_answer(self.frameworks, framework_id, item_id, answer, field=field)
        )
        at = now()
        actor = self.actor
        key = {"k_assessment": assessment_id, "k_framework": framework_id, "k_item": item_id}
        with self._write() as conn:
            self._place(conn, assessment_id, edit=True)
            row = conn.execute(SELECT_ANSWER, key).first()
            old = row_answer(row) if row is not None else None
            if old == new:
                return aware(row.updated_at) if row is not None else at.replace(tzinfo=dt.UTC)
            old_json, new_json = answer_json(old) or {}, answer_json(new) or {}
            changes = field_changes(assessment_id, framework_id, item_id, old_json, new_json, actor=actor, at=at)
            if new is None:
                conn.execute(DELETE_ANSWER, key)
            elif row is None:
                conn.execute(
                    INSERT_ANSWER,
                    {
                        "assessment_id": assessment_id,
                        "framework_id": framework_id,
                        "item_id": item_id,
                        "updated_by": actor,
                        "updated_at": at,
                        **new_json,
                    },
                )
            else:
                conn.execute(
                    UPDATE_ANSWER,
                    {
                        **key,
                        "n_value": new_json["value"],
                        "n_note": new_json["note"],
                        "n_evidence": new_json["evidence"],
                        "n_by": actor,
                        "n_at": at,
                    },
                )
            conn.execute(INSERT_AUDIT, changes)
            conn.execute(TOUCH_ASSESSMENT, {"k_assessment": assessment_id, "n_at": at})
        return at.replace(tzinfo=dt.UTC)

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
                    .values(updated_at=at, **innovation_values(assessment.innovation))
                )
                conn.execute(
                    update(assessments_table)
                    .where(assessments_table.c.id == aid)
                    .values(updated_at=at, **meta_values(assessment.assessment))
                )
                old_rows = {
                    (r.framework_id, r.item_id): row_answer(r)
                    for r in conn.execute(select(answers_table).where(answers_table.c.assessment_id == aid)).all()
                }
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
                )
                old_rows = {}
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
                            **(answer_json(ans) or {}),
                        }
                        for (fid, iid), ans in clean.items()
                    ],
                )
            audit_rows = replaced_answers(aid, old_rows, clean, actor=actor, reason=reason, at=at)
            if audit_rows:
                conn.execute(insert(audit_table), audit_rows)
        return aid
