"""No lost update: every save says what it was based on, and a stale save never overwrites a newer value silently.

A page that saves an answer (or the details) passes ``based_on``: the answer as the person saw
it when they changed it. The store then merges three ways, field by field (an answer's value,
note and evidence; each detail of the innovation and of the assessment):

* a field the person did not change (new equals ``based_on``) is **not written**: whatever is
  stored stays, whoever stored it (a note save never touches the rating);
* a field they changed is written if the stored value is still the one they started from;
* a field they changed that someone else also changed meanwhile, to something else, is a
  **conflict**. If any field of a save conflicts, **nothing** of that save is written and
  :class:`AnswerConflict` (or :class:`DetailsConflict`) is raised, carrying both values of every
  conflicting field, who changed it and when, and the stored answer with its version. The
  person then decides with the whole picture (:func:`resolve`) and saves again, based on the
  stored answer.

Two changes to the same value are no conflict. Each write adds one to the row's ``version``
(answers, assessments and innovations each have one). A save without ``based_on`` (imports,
the command line) writes the whole answer as before; imports have their own plan and check.
Saves of one assessment run one after another (SQLite's write lock; a row lock on PostgreSQL),
and an answer is only updated at the version it was merged with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Final, TypeVar

from sqlalchemy import Connection, or_, select

from assessments.errors import ErrorCode, InputError, problem
from assessments.models import Answer, AssessmentMeta, AssessorRole, Innovation, Stage
from assessments.models.fields import field_label
from assessments.store.rows import aware, innovation_values, meta_values
from assessments.store.schema import assessments_table, audit_table
from assessments.validation import clean_text


class Unset(Enum):
    """The type of :data:`UNSET`."""

    UNSET = "unset"


UNSET: Final = Unset.UNSET
"""``based_on`` left out: the whole answer is written, as imports and the command line do."""

ANSWER_FIELDS: Final = ("value", "note", "evidence")
"""The fields of an answer, merged one by one."""
DETAIL_FIELDS: Final = (
    "innovation.name",
    "innovation.organisation",
    "innovation.description",
    "assessment.label",
    "assessment.assessed_on",
    "assessment.stage",
    "assessment.assessor_role",
    "assessment.assessor",
)
"""The details, merged one by one (the innovation's are shared by all its assessments)."""

_EMPTY = Answer()


@dataclass(frozen=True)
class SavedAnswer:
    """An answer as stored: the answer itself, its version, and who changed it last and when."""

    answer: Answer
    version: int
    updated_by: str
    updated_at: dt.datetime
    """UTC, aware."""


@dataclass(frozen=True)
class SavedDetails:
    """The details as stored: the innovation's (with its version) and the assessment's (with its version)."""

    innovation: Innovation
    meta: AssessmentMeta
    version: int
    """The assessment's version (its details)."""
    innovation_version: int


@dataclass(frozen=True)
class FieldConflict:
    """One field changed by the person and, meanwhile, by someone else to something else."""

    field: str
    """``value``, ``note`` or ``evidence`` of an answer; ``innovation.name``, ``assessment.stage``... of the details."""
    based_on: Any
    """The value the person started from."""
    stored: Any
    """Theirs: the value stored now (an option id or text, a tuple of evidence types, a date, a stage...)."""
    yours: Any
    """Yours: the value the person tried to save."""
    changed_by: str
    """Who stored theirs (from the audit trail; empty if unknown)."""
    changed_at: dt.datetime | None
    """When (UTC, aware; None if unknown)."""


@dataclass
class ConflictError(InputError):
    """A save based on a stale view met a newer value of the same field; nothing of it was written (STORAGE_009)."""

    conflicts: tuple[FieldConflict, ...] = ()


@dataclass
class AnswerConflict(ConflictError):
    """A conflicting answer save, with the stored answer, the person's answer and what it was based on."""

    stored: SavedAnswer | None = None
    """The answer stored now (None: someone cleared it)."""
    yours: Answer = field(default_factory=Answer)
    based_on: Answer | None = None


@dataclass
class DetailsConflict(ConflictError):
    """A conflicting details save, with the stored details, the person's and what they were based on."""

    stored: SavedDetails | None = None
    yours: tuple[Innovation, AssessmentMeta] | None = None
    based_on: tuple[Innovation, AssessmentMeta] | None = None


def answer_fields(answer: Answer | None) -> tuple[Any, ...]:
    """An answer's (value, note, evidence) as compared by the merge: text cleaned as saved, evidence as a set."""
    a = answer or _EMPTY
    value = clean_text(a.value) if a.value else None
    return value, clean_text(a.note), frozenset(a.evidence)


def answer_values(answer: Answer | None) -> dict[str, Any]:
    """An answer's fields by name, as shown in a conflict (evidence in canonical order)."""
    a = answer or _EMPTY
    return {"value": a.value or None, "note": a.note, "evidence": a.evidence}


def detail_values(innovation: Innovation, meta: AssessmentMeta) -> dict[str, Any]:
    """The details by dotted field, cleaned as the store saves them (stage and role as their ids)."""
    inn = {f"innovation.{k}": v for k, v in innovation_values(innovation).items()}
    return inn | {f"assessment.{k}": v for k, v in meta_values(meta).items()}


T = TypeVar("T")


def merge(new: Sequence[T], based: Sequence[T], stored: Sequence[T]) -> tuple[list[int], list[int]]:
    """The three-way merge of one save, field by field (positions in the sequences).

    Returns:
        (fields to write, fields in conflict): a field is written when the person changed it
        and the stored value is still the one they started from; it conflicts when the stored
        value differs from both. Unchanged fields, and changes equal to what is stored, are neither.
    """
    writes: list[int] = []
    conflicts: list[int] = []
    for i, (n, b, s) in enumerate(zip(new, based, stored, strict=True)):
        if n in (b, s):
            continue
        (writes if s == b else conflicts).append(i)
    return writes, conflicts


def resolve(yours: Mapping[str, T], based: Mapping[str, T], stored: Mapping[str, T], *, mine: bool) -> dict[str, T]:
    """What to save once the person has chosen, field by field (``based`` then serves as the stored values' base).

    Every field the person changed takes their value when ``mine`` ("Use mine"), and only when
    nobody else changed it meanwhile otherwise ("Keep theirs"); every other field keeps the
    stored value. So their changes to fields the person did not touch are never reverted.
    """
    return {k: yours[k] if yours[k] != based[k] and (mine or stored[k] == based[k]) else stored[k] for k in stored}


def resolve_answer(conflict: AnswerConflict, stored: Answer | None, *, mine: bool) -> Answer:
    """The answer to save after a conflict: the person's (``mine``) or the stored (``stored``), field by field.

    Args:
        conflict: The conflict raised by the save.
        stored: The answer stored now (the conflict's, or one read again since).
        mine: True for "Use mine", False for "Keep theirs".
    """
    out = resolve(answer_values(conflict.yours), answer_values(conflict.based_on), answer_values(stored), mine=mine)
    return Answer(value=out["value"], note=out["note"], evidence=out["evidence"])


def resolve_details(
    conflict: DetailsConflict, stored: tuple[Innovation, AssessmentMeta], *, mine: bool
) -> tuple[Innovation, AssessmentMeta]:
    """The details to save after a conflict (see :func:`resolve_answer`)."""
    assert conflict.yours is not None and conflict.based_on is not None
    out = resolve(detail_values(*conflict.yours), detail_values(*conflict.based_on), detail_values(*stored), mine=mine)
    innovation = Innovation(
        name=out["innovation.name"],
        organisation=out["innovation.organisation"],
        description=out["innovation.description"],
    )
    stage, role = out["assessment.stage"], out["assessment.assessor_role"]
    meta = AssessmentMeta(
        assessed_on=out["assessment.assessed_on"],
        stage=Stage(stage) if stage else None,
        assessor_role=AssessorRole(role) if role else None,
        assessor=out["assessment.assessor"],
        label=out["assessment.label"],
    )
    return innovation, meta


_ANSWER_PARTS = {"value": "answer", "note": "note", "evidence": "evidence"}
"""An answer's conflicting parts in words (a details conflict names its fields by their labels)."""


def conflict_problem(where: str, conflicts: Sequence[FieldConflict]) -> InputError:
    """The STORAGE_009 problem of a conflict (for anyone who shows the error's message rather than both values)."""
    first = conflicts[0]
    at = first.changed_at.strftime("%Y-%m-%d %H:%M UTC") if first.changed_at else "an unknown time"
    names = ", ".join(field_label(c.field) or _ANSWER_PARTS.get(c.field, c.field) for c in conflicts)
    return InputError(
        [problem(ErrorCode.STORAGE_009, field=where, detail=names, actor=first.changed_by or "someone else", at=at)]
    )


def last_changes(
    conn: Connection,
    assessment_ids: Iterable[str],
    fields: Iterable[str],
    *,
    framework_id: str | None = None,
    item_id: str | None = None,
) -> dict[str, tuple[str, dt.datetime]]:
    """Who last changed each of ``fields`` and when, from the audit trail (only read when a save conflicts).

    An import that replaced the answers (``answer``) or the whole assessment (``replaced``) counts
    as a change of every field it covers.
    """
    wanted = list(fields)
    query = select(audit_table.c.field, audit_table.c.actor, audit_table.c.at).where(
        audit_table.c.assessment_id.in_(list(assessment_ids)),
        audit_table.c.workspace_id.is_(None),
        audit_table.c.field.in_([*wanted, "answer", "replaced"]),
    )
    if item_id is not None:
        query = query.where(
            or_(audit_table.c.field == "replaced", audit_table.c.item_id == item_id),
            or_(audit_table.c.field == "replaced", audit_table.c.framework_id == framework_id),
        )
    found: dict[str, tuple[str, dt.datetime]] = {}
    for row in conn.execute(query.order_by(audit_table.c.id.desc())):
        covered = wanted if row.field in ("answer", "replaced") else [row.field]
        for name in covered:
            found.setdefault(name, (row.actor, aware(row.at)))
        if len(found) == len(wanted):
            break
    return found


def innovation_assessments(conn: Connection, innovation_id: str) -> list[str]:
    """Ids of every assessment of one innovation (its details are changed through any of them)."""
    rows = conn.execute(select(assessments_table.c.id).where(assessments_table.c.innovation_id == innovation_id))
    return [r.id for r in rows]
