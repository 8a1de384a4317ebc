"""Answers: read an assessment's answers (with their versions), and save one answer merged with what is stored.

Every answer is checked by :func:`assessments.validation.check_answer` before
anything is written; the store has no answer rules of its own. How a save based on a
stale view is merged, or refused as a conflict, is described in :mod:`assessments.store.versions`.
Whole assessments are written by :mod:`assessments.store.imports`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from sqlalchemy import Connection

from assessments.errors import ErrorCode, InputError, problem
from assessments.models import Answer
from assessments.store.audit import field_changes
from assessments.store.engine import StoreBase
from assessments.store.rows import (
    answer_json,
    aware,
    now,
    row_answer,
)
from assessments.store.schema import (
    DELETE_ANSWER,
    INSERT_ANSWER,
    INSERT_AUDIT,
    LOCK_ASSESSMENT,
    SELECT_ANSWER,
    SELECT_ANSWERS,
    TOUCH_ASSESSMENT,
    UPDATE_ANSWER,
    answers_table,
)
from assessments.store.versions import (
    ANSWER_FIELDS,
    UNSET,
    AnswerConflict,
    FieldConflict,
    SavedAnswer,
    Unset,
    answer_fields,
    answer_values,
    conflict_problem,
    last_changes,
    merge,
)
from assessments.validation import check_answer

_MERGE_ATTEMPTS: Final = 5
"""Merges of one save before giving up on a row that keeps changing (it never changes under a lock)."""
_UNCHANGED: Final = UNSET
"""What :meth:`Answers._merged` returns when the save changes nothing."""


def saved_answer(row: Any) -> SavedAnswer:
    """The stored answer of an ``answers`` row, with its version and last change."""
    return SavedAnswer(row_answer(row), row.version, row.updated_by, aware(row.updated_at))


class Answers(StoreBase):
    """Reads and writes of answers, each write audited and merged with what was saved meanwhile."""

    def get_answers(self, assessment_id: str, framework_id: str | None = None) -> dict[str, dict[str, Answer]]:
        """Saved answers of one assessment (optionally one framework), keyed by framework then item.

        Unlike :meth:`get_assessment` this does not check the assessment exists
        (an unknown id, or one the viewer may not read, simply has no answers); it is the
        cheap read for a page.
        """
        return {
            fid: {iid: s.answer for iid, s in items.items()}
            for fid, items in self._saved(assessment_id, framework_id).items()
        }

    def saved_answers(self, assessment_id: str, framework_id: str | None = None) -> dict[str, dict[str, SavedAnswer]]:
        """:meth:`get_answers` with each answer's version, and who changed it last and when."""
        return self._saved(assessment_id, framework_id)

    def saved_answer(self, assessment_id: str, framework_id: str, item_id: str) -> SavedAnswer | None:
        """One stored answer with its version (None if there is none, or the viewer may not read it)."""
        key = {"k_assessment": assessment_id, "k_framework": framework_id, "k_item": item_id}
        with self._read() as conn:
            try:
                self._place(conn, assessment_id)
            except InputError:
                return None
            row = conn.execute(SELECT_ANSWER, key).first()
        return saved_answer(row) if row is not None else None

    def _saved(self, assessment_id: str, framework_id: str | None) -> dict[str, dict[str, SavedAnswer]]:
        query = SELECT_ANSWERS
        if framework_id is not None:
            query = query.where(answers_table.c.framework_id == framework_id)
        with self._read() as conn:
            try:
                self._place(conn, assessment_id)
            except InputError:
                return {}
            rows = conn.execute(query, {"k_assessment": assessment_id}).all()
        out: dict[str, dict[str, SavedAnswer]] = {}
        for r in rows:
            out.setdefault(r.framework_id, {})[r.item_id] = saved_answer(r)
        return out

    def save_answer(
        self,
        assessment_id: str,
        framework_id: str,
        item_id: str,
        answer: Answer | None,
        *,
        based_on: Answer | Unset | None = UNSET,
    ) -> dt.datetime:
        """Save (or clear) one answer now, with an audit row per changed field.

        With ``based_on`` (the answer the person saw when they changed it; None: there was none)
        only the fields they changed are written, and only over the value they saw: a field
        someone else changed meanwhile to something else is a conflict, and then nothing is
        written (:mod:`assessments.store.versions`). Without it the whole answer is written.
        Saving what is stored already writes nothing. ``None`` or a blank answer clears every
        field; an answer left with no field set is removed. Each write adds one to its version.

        Args:
            assessment_id: The assessment.
            framework_id: Framework id, e.g. ``scie``.
            item_id: Item id within the framework.
            answer: The whole answer (value, note, evidence), or None to clear it.
            based_on: The answer the change was made to (None: no answer); left out, the whole
                answer is written whatever is stored (imports, the command line).

        Returns:
            The time (UTC, aware) the answer was saved; for a no-op, when it was last saved.

        Raises:
            AnswerConflict: STORAGE_009 with both values of every conflicting field. Nothing is saved.
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
        key = {"k_assessment": assessment_id, "k_framework": framework_id, "k_item": item_id}
        with self._write() as conn:
            self._place(conn, assessment_id, edit=True)
            if conn.dialect.name != "sqlite":
                conn.execute(LOCK_ASSESSMENT, key)
            # The update matches only the version merged with, so a row changed in between
            # (possible only without the lock above) is merged again.
            for _ in range(_MERGE_ATTEMPTS):
                row = conn.execute(SELECT_ANSWER, key).first()
                merged = self._merged(conn, key, row, new, based_on)
                if merged is _UNCHANGED:
                    return aware(row.updated_at) if row is not None else at.replace(tzinfo=dt.UTC)
                if self._write_answer(conn, key, row, merged, at):
                    self._store_results(conn, assessment_id)
                    return at.replace(tzinfo=dt.UTC)
        raise InputError([problem(ErrorCode.STORAGE_002, detail="the answer kept changing while it was being saved")])

    def _merged(
        self, conn: Connection, key: dict[str, str], row: Any, new: Answer | None, based_on: Answer | Unset | None
    ) -> Answer | Unset | None:
        """The answer to store after merging ``new`` (based on ``based_on``) with the stored row; _UNCHANGED if nothing changes.

        Raises:
            AnswerConflict: a field changed by both, to different values.
        """
        old = row_answer(row) if row is not None else None
        if based_on is UNSET:
            return _UNCHANGED if old == new else new
        mine, theirs = answer_fields(new), answer_fields(old)
        writes, conflicts = merge(mine, answer_fields(based_on), theirs)
        if conflicts:
            raise self._conflict(conn, key, row, old, new, based_on, conflicts)
        if not writes:
            return _UNCHANGED
        if all(mine[i] == theirs[i] for i in range(len(ANSWER_FIELDS)) if i not in writes):
            return new  # the usual case: nobody else changed this answer meanwhile
        values, changed = answer_values(old), answer_values(new)
        for i in writes:
            values[ANSWER_FIELDS[i]] = changed[ANSWER_FIELDS[i]]
        merged = Answer.model_construct(**values)  # every field already checked (stored, or just now)
        return None if merged.is_blank else merged

    def _conflict(
        self,
        conn: Connection,
        key: dict[str, str],
        row: Any,
        old: Answer | None,
        new: Answer | None,
        based_on: Answer | None,
        conflicts: list[int],
    ) -> AnswerConflict:
        names = [ANSWER_FIELDS[i] for i in conflicts]
        who = last_changes(conn, [key["k_assessment"]], names, framework_id=key["k_framework"], item_id=key["k_item"])
        stored = saved_answer(row) if row is not None else None
        theirs, yours, based = answer_values(old), answer_values(new), answer_values(based_on)
        fields = tuple(
            FieldConflict(
                field=name,
                based_on=based[name],
                stored=theirs[name],
                yours=yours[name],
                changed_by=who[name][0] if name in who else (stored.updated_by if stored else ""),
                changed_at=who[name][1] if name in who else (stored.updated_at if stored else None),
            )
            for name in names
        )
        where = f"answers.{key['k_framework']}.{key['k_item']}"
        return AnswerConflict(
            conflict_problem(where, fields).problems,
            conflicts=fields,
            stored=stored,
            yours=new or Answer(),
            based_on=based_on,
        )

    def _write_answer(
        self, conn: Connection, key: dict[str, str], row: Any, new: Answer | None, at: dt.datetime
    ) -> bool:
        """Write ``new`` over ``row`` (None: none stored) with its audit rows; False if the row changed meanwhile."""
        old = row_answer(row) if row is not None else None
        old_json, new_json = answer_json(old) or {}, answer_json(new) or {}
        actor = self.actor
        if new is None:
            if row is not None and conn.execute(DELETE_ANSWER, {**key, "k_version": row.version}).rowcount != 1:
                return False
        elif row is None:
            conn.execute(
                INSERT_ANSWER,
                {
                    "assessment_id": key["k_assessment"],
                    "framework_id": key["k_framework"],
                    "item_id": key["k_item"],
                    "updated_by": actor,
                    "updated_at": at,
                    "version": 1,
                    **new_json,
                },
            )
        else:
            done = conn.execute(
                UPDATE_ANSWER,
                {
                    **key,
                    "k_version": row.version,
                    "n_value": new_json["value"],
                    "n_note": new_json["note"],
                    "n_evidence": new_json["evidence"],
                    "n_by": actor,
                    "n_at": at,
                },
            )
            if done.rowcount != 1:
                return False
        changes = field_changes(
            key["k_assessment"], key["k_framework"], key["k_item"], old_json, new_json, actor=actor, at=at
        )
        conn.execute(INSERT_AUDIT, changes)
        conn.execute(TOUCH_ASSESSMENT, {"k_assessment": key["k_assessment"], "n_at": at})
        return True
