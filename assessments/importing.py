"""Importing an assessment read from a workbook: plan (a preview of what it would change), then apply.

Shared by the app's Excel page and the ``import`` command, so both decide the
same way whether a file creates a new assessment or updates a saved one: a
workbook exported from a saved assessment (its ``_meta`` sheet records the
assessment id) updates that assessment if it is still saved and the person
importing may change it; any other workbook creates a new one. A file naming an
assessment the importer may not change (another workspace's, a shared copy, an
example, or an id that does not exist) never touches it: a new assessment is
made, the plan says so, and the audit trail records which id the file named.
Nothing is saved by :func:`plan_import`; :func:`apply_import` saves the whole
assessment in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assessments.changes import Change, diff_assessments
from assessments.errors import ErrorCode, InputError, Problem
from assessments.models import Assessment
from assessments.store import Store
from assessments.upgrades import version_problems

IMPORT_SOURCE = "excel"
"""Recorded as the saved assessment's source."""
SHOWN_ID_MAX = 40
"""The most of a file's assessment id repeated in a note or the audit trail (the app's ids have 11 characters)."""


def shown_id(assessment_id: str) -> str:
    """A file's assessment id as a note or the audit trail repeats it: cut short if it is far longer than any id
    this app makes (the audit's reason column holds 300 characters, and PostgreSQL refuses longer text)."""
    if len(assessment_id) <= SHOWN_ID_MAX:
        return assessment_id
    return f"{assessment_id[: SHOWN_ID_MAX - 1]}… ({len(assessment_id)} characters)"


@dataclass(frozen=True)
class ImportPlan:
    """What importing one assessment would do, worked out without saving anything."""

    assessment: Assessment
    """The assessment as read from the file."""
    target_id: str | None
    """The saved assessment it updates, or None when it creates a new one."""
    changes: tuple[Change, ...]
    """Every change, old -> new (against nothing for a new assessment)."""
    workspace: str | None = None
    """The workspace a new assessment goes to (None: the importer's only one)."""
    named_id: str | None = None
    """The assessment id the file names when the importer may not change it (so a new one is made)."""
    warnings: tuple[Problem, ...] = ()
    """``VERSION_002``: answers given under an earlier framework version to check (imported as given)."""

    @property
    def action(self) -> Literal["created", "updated"]:
        """What applying the plan does, as reported to people."""
        return "updated" if self.target_id else "created"

    @property
    def note(self) -> str:
        """Why a file exported from a saved assessment creates a new one (empty otherwise)."""
        if not self.named_id:
            return ""
        return (
            f"The file was exported from assessment {shown_id(self.named_id)}, which you cannot change here, "
            "so it is saved as a new assessment and the one it came from is left as it was."
        )


def plan_import(store: Store, assessment: Assessment, *, workspace: str | None = None) -> ImportPlan:
    """Work out whether importing ``assessment`` creates or updates, and what it changes.

    Args:
        store: The database, acting for the person importing (its frameworks label the changes).
        assessment: The assessment read from a workbook; its ``id`` is the
            assessment id the workbook was exported from, if any.
        workspace: The workspace to import into (None: the importer's only one). A file
            exported from an assessment of another workspace creates a new one here.

    Returns:
        The plan: the target assessment id (None for a new one) and the changes.

    Raises:
        InputError: the database cannot be read (an id the importer may not change is
            not an error: the import then creates a new assessment and says so).
    """
    target = _editable_id(store, assessment.id, workspace)
    named = assessment.id if assessment.id and target is None else None
    old = store.get_assessment(target) if target else None
    changes = tuple(diff_assessments(old, assessment, store.frameworks))
    warnings = version_problems(store.frameworks, assessment.framework_versions, assessment.answers)
    return ImportPlan(assessment, target, changes, workspace=workspace, named_id=named, warnings=tuple(warnings))


def apply_import(store: Store, plan: ImportPlan) -> str:
    """Save a planned import in one transaction (all or nothing), as the store's viewer.

    Returns:
        The id of the created or updated assessment.

    Raises:
        InputError: any problem with the answers (nothing is saved), STORAGE_001/003
            if the assessment to update was deleted or became read-only since the plan
            was made, STORAGE_005/006 if the workspace is not the importer's.
    """
    reason = IMPORT_SOURCE
    if plan.named_id:
        reason = (
            f"{IMPORT_SOURCE}; the file named assessment {shown_id(plan.named_id)}, which this account may not change"
        )
    return store.save_assessment(
        plan.assessment,
        assessment_id=plan.target_id,
        source=IMPORT_SOURCE,
        workspace=None if plan.target_id else plan.workspace,
        reason=reason,
    )


def _editable_id(store: Store, assessment_id: str | None, workspace: str | None) -> str | None:
    if not assessment_id:
        return None
    try:
        summary = store.get_summary(assessment_id)
    except InputError as exc:
        if ErrorCode.STORAGE_001 in exc.codes:
            return None
        raise
    if not summary.editable or (workspace is not None and summary.workspace_id != workspace):
        return None
    return assessment_id
