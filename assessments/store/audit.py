"""The audit trail: the rows an answer change appends (one per changed field) and reading them back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from assessments.models import Answer
from assessments.store.engine import StoreBase
from assessments.store.rows import answer_json, aware
from assessments.store.schema import audit_table

ANSWER_FIELDS = ("value", "note", "evidence")
"""The answer columns audited one by one when a single answer is saved."""
_EMPTY: dict[str, Any] = {"value": None, "note": "", "evidence": []}


@dataclass(frozen=True)
class AuditEntry:
    """One appended audit row."""

    id: int
    assessment_id: str
    framework_id: str | None
    item_id: str | None
    field: str
    old: Any
    new: Any
    actor: str
    reason: str
    at: dt.datetime
    workspace_id: str | None = None


def field_changes(
    assessment_id: str,
    framework_id: str,
    item_id: str,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    *,
    actor: str,
    at: dt.datetime,
) -> list[dict[str, Any]]:
    """Audit rows for one saved answer: one per field (value, note, evidence) whose JSON changed."""
    return [
        {
            "assessment_id": assessment_id,
            "framework_id": framework_id,
            "item_id": item_id,
            "field": name,
            "old": old.get(name),
            "new": new.get(name),
            "actor": actor,
            "reason": "",
            "at": at,
        }
        for name in ANSWER_FIELDS
        if old.get(name, _EMPTY[name]) != new.get(name, _EMPTY[name])
    ]


def replaced_answers(
    assessment_id: str,
    old: Mapping[tuple[str, str], Answer],
    new: Mapping[tuple[str, str], Answer],
    *,
    actor: str,
    reason: str,
    at: dt.datetime,
) -> list[dict[str, Any]]:
    """Audit rows for a whole set of answers replaced at once: one ``answer`` row per (framework, item) that changed."""
    keys: Iterable[tuple[str, str]] = [*new, *(k for k in old if k not in new)]
    return [
        {
            "assessment_id": assessment_id,
            "framework_id": fid,
            "item_id": iid,
            "field": "answer",
            "old": answer_json(old.get((fid, iid))),
            "new": answer_json(new.get((fid, iid))),
            "actor": actor,
            "reason": reason,
            "at": at,
        }
        for fid, iid in keys
        if old.get((fid, iid)) != new.get((fid, iid))
    ]


class Audit(StoreBase):
    """Reading the audit trail."""

    def audit_log(self, assessment_id: str) -> list[AuditEntry]:
        """Every audit row of one assessment the viewer may read, oldest first.

        Raises:
            InputError: STORAGE_001 if the assessment does not exist or may not be read.
        """
        with self._read() as conn:
            self._place(conn, assessment_id)
            rows = conn.execute(
                select(audit_table)
                .where(audit_table.c.assessment_id == assessment_id, audit_table.c.workspace_id.is_(None))
                .order_by(audit_table.c.id)
            ).all()
        return audit_entries(rows)


def audit_entries(rows: Iterable[Any]) -> list[AuditEntry]:
    """Audit rows as entries."""
    return [
        AuditEntry(
            id=r.id,
            assessment_id=r.assessment_id,
            framework_id=r.framework_id,
            item_id=r.item_id,
            field=r.field,
            old=r.old,
            new=r.new,
            actor=r.actor,
            reason=r.reason,
            at=aware(r.at),
            workspace_id=r.workspace_id,
        )
        for r in rows
    ]
