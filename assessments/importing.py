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

Two things a careful import does besides. Text whose only difference from what
is saved is its line endings (LibreOffice saves a note's CR LF as LF) keeps the
saved text, so re-saving a workbook in another spreadsheet changes nothing. And a
file whose content is identical to an assessment already saved (the same
details and answers, as when the same filled template is uploaded twice) is
flagged (:attr:`ImportPlan.duplicate_of`), so the person can skip it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from assessments.changes import Change, diff_assessments
from assessments.errors import ErrorCode, InputError, Problem
from assessments.models import Answer, Assessment
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
    duplicate_of: str | None = None
    """A saved assessment whose content is identical to the file's, when the import would create a new one."""

    @property
    def action(self) -> Literal["created", "updated"]:
        """What applying the plan does, as reported to people."""
        return "updated" if self.target_id else "created"

    @property
    def unchanged(self) -> bool:
        """True when the import would change nothing: it updates an assessment to what it already holds."""
        return self.target_id is not None and not self.changes

    @property
    def duplicate(self) -> str:
        """Why the person may want to skip this file (empty when it is not a duplicate), in words: the
        assessment is named by its innovation, label and date; its id is in :attr:`support`."""
        if not self.duplicate_of:
            return ""
        return (
            f"Its content is identical to the assessment of {_named(self.assessment)} that is already saved: "
            "importing it would make a second copy."
        )

    @property
    def note(self) -> str:
        """Why a file exported from a saved assessment creates a new one (empty otherwise); the id it
        names is in :attr:`support`."""
        if not self.named_id:
            return ""
        return (
            "The file was exported from an assessment you cannot change here, so it is saved as a new "
            "assessment and the one it came from is left as it was."
        )

    @property
    def support(self) -> str:
        """The assessment ids behind :attr:`note` and :attr:`duplicate`, for support (empty when neither applies)."""
        parts = [f"exported from assessment {shown_id(self.named_id)}"] if self.named_id else []
        parts += [f"identical to assessment {self.duplicate_of}"] if self.duplicate_of else []
        return f"For support: {' · '.join(parts)}" if parts else ""


def _named(assessment: Assessment) -> str:
    """An assessment in words, e.g. ``Memory cafe (Baseline, 2026-03-01)``."""
    meta = assessment.assessment
    when = [meta.label, meta.assessed_on.isoformat() if meta.assessed_on else ""]
    extra = ", ".join(w for w in when if w)
    return f"{assessment.innovation.name} ({extra})" if extra else assessment.innovation.name


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
    if old is not None:
        assessment = same_line_endings(assessment, old)
    changes = tuple(diff_assessments(old, assessment, store.frameworks))
    warnings = version_problems(store.frameworks, assessment.framework_versions, assessment.answers)
    duplicate = None if target else find_identical(store, assessment, workspace=workspace)
    return ImportPlan(
        assessment,
        target,
        changes,
        workspace=workspace,
        named_id=named,
        warnings=tuple(warnings),
        duplicate_of=duplicate,
    )


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _keep(old: str, new: str) -> str:
    return old if new != old and _lines(new) == _lines(old) else new


def same_line_endings(new: Assessment, old: Assessment) -> Assessment:
    """``new`` with each text that differs from ``old`` only in its line endings (CR LF, CR, LF) taken from ``old``."""
    inn, meta = new.innovation, new.assessment
    innovation = inn.model_copy(
        update={
            "name": _keep(old.innovation.name, inn.name),
            "organisation": _keep(old.innovation.organisation, inn.organisation),
            "description": _keep(old.innovation.description, inn.description),
        }
    )
    details = meta.model_copy(
        update={
            "assessor": _keep(old.assessment.assessor, meta.assessor),
            "label": _keep(old.assessment.label, meta.label),
        }
    )
    answers: dict[str, dict[str, Answer]] = {}
    for fid, items in new.answers.items():
        answers[fid] = {}
        for iid, answer in items.items():
            before = old.answer(fid, iid)
            if before is not None:
                update: dict[str, Any] = {"note": _keep(before.note, answer.note)}
                if answer.value is not None and before.value is not None:
                    update["value"] = _keep(before.value, answer.value)
                answer = answer.model_copy(update=update)
            answers[fid][iid] = answer
    return new.model_copy(update={"innovation": innovation, "assessment": details, "answers": answers})


def _content(assessment: Assessment) -> tuple[Any, ...]:
    """What makes two assessments the same: details and non-blank answers, line endings aside."""
    inn, meta = assessment.innovation, assessment.assessment
    answers = sorted(
        (fid, iid, _lines(a.value or ""), _lines(a.note), a.evidence)
        for fid, items in assessment.answers.items()
        for iid, a in items.items()
        if not a.is_blank
    )
    return (
        _lines(inn.name),
        _lines(inn.organisation),
        _lines(inn.description),
        meta.assessed_on,
        meta.stage,
        meta.assessor_role,
        _lines(meta.assessor),
        _lines(meta.label),
        tuple(answers),
    )


def same_content(a: Assessment, b: Assessment) -> bool:
    """True when two assessments hold the same details and answers (line endings aside), e.g. two uploads."""
    return _content(a) == _content(b)


def find_identical(store: Store, assessment: Assessment, *, workspace: str | None = None) -> str | None:
    """A saved (not archived) assessment the viewer may read whose content is identical to ``assessment``.

    Only assessments of the same innovation name, organisation, date, stage, role and label are
    opened to compare their answers, so this stays cheap however many are saved.

    Args:
        store: The database, acting for the person importing.
        assessment: The assessment read from a file.
        workspace: Look in this workspace only (None: every workspace the viewer may read).

    Returns:
        The id of the most recently changed identical assessment, or None.
    """
    inn, meta = assessment.innovation, assessment.assessment
    wanted = _content(assessment)
    for summary in store.list_assessments(workspace=workspace):
        if (
            _lines(summary.innovation_name) != _lines(inn.name)
            or _lines(summary.organisation) != _lines(inn.organisation)
            or summary.assessed_on != meta.assessed_on
            or summary.stage != meta.stage
            or summary.assessor_role != meta.assessor_role
            or _lines(summary.label) != _lines(meta.label)
        ):
            continue
        if _content(store.get_assessment(summary.id)) == wanted:
            return summary.id
    return None


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
