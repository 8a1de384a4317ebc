"""Importing an assessment read from a workbook: plan (a preview of what it would change), then apply.

Shared by the app's Excel page and the ``import`` command, so both decide the
same way whether a file creates a new assessment or updates a saved one: a
workbook exported from a saved assessment (its ``_meta`` sheet records the
assessment id) updates that assessment if it is still in the database; any
other workbook creates a new one. Nothing is saved by :func:`plan_import`;
:func:`apply_import` saves the whole assessment in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assessments.changes import Change, diff_assessments
from assessments.errors import ErrorCode, InputError
from assessments.models import Assessment
from assessments.store import Store

IMPORT_SOURCE = "excel"
"""Recorded as the saved assessment's source."""


@dataclass(frozen=True)
class ImportPlan:
    """What importing one assessment would do, worked out without saving anything."""

    assessment: Assessment
    """The assessment as read from the file."""
    target_id: str | None
    """The saved assessment it updates, or None when it creates a new one."""
    changes: tuple[Change, ...]
    """Every change, old -> new (against nothing for a new assessment)."""

    @property
    def action(self) -> Literal["created", "updated"]:
        """What applying the plan does, as reported to people."""
        return "updated" if self.target_id else "created"


def plan_import(store: Store, assessment: Assessment) -> ImportPlan:
    """Work out whether importing ``assessment`` creates or updates, and what it changes.

    Args:
        store: The database (its frameworks label the changes).
        assessment: The assessment read from a workbook; its ``id`` is the
            assessment id the workbook was exported from, if any.

    Returns:
        The plan: the target assessment id (None for a new one) and the changes.

    Raises:
        InputError: the database cannot be read (an unknown id is not an error:
            the import then creates a new assessment).
    """
    target = _saved_id(store, assessment.id)
    old = store.get_assessment(target) if target else None
    return ImportPlan(assessment, target, tuple(diff_assessments(old, assessment, store.frameworks)))


def apply_import(store: Store, plan: ImportPlan, *, actor: str) -> str:
    """Save a planned import in one transaction (all or nothing).

    Args:
        store: The database.
        plan: From :func:`plan_import`.
        actor: Who is importing (kept in the audit trail).

    Returns:
        The id of the created or updated assessment.

    Raises:
        InputError: any problem with the answers (nothing is saved), or STORAGE_001
            if the assessment to update has been deleted since the plan was made.
    """
    return store.save_assessment(plan.assessment, actor=actor, assessment_id=plan.target_id, source=IMPORT_SOURCE)


def _saved_id(store: Store, assessment_id: str | None) -> str | None:
    if not assessment_id:
        return None
    try:
        store.get_summary(assessment_id)
    except InputError as exc:
        if ErrorCode.STORAGE_001 in exc.codes:
            return None
        raise
    return assessment_id
