"""Typed models for frameworks, assessments and results.

Three families of models live here:

* **Framework definitions** (``Framework`` and its parts), loaded from
  ``frameworks/*.yaml`` and validated strictly: unknown keys are rejected, ids
  are unique and every reference resolves.
* **Assessments** (``Assessment``, ``Answer``, ``Innovation``, ``AssessmentMeta``):
  what a person answered, keyed by stable ids.
* **Results** (``AssessmentResult`` and its parts): what the scoring module
  produces. Their JSON form (``model_dump(mode="json")``) is the stable,
  documented machine-readable output (see docs/scoring.md).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, field_validator, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""A stable snake_case identifier: storage, scores and exports key on these."""

ASSESSMENT_FORMAT = "scaling-readiness-assessment"
ASSESSMENT_FORMAT_VERSION = 1
MAX_TEXT_LENGTH = 20_000
"""Longest note or narrative answer accepted (Excel holds at most 32,767 characters a cell)."""


class StrictModel(BaseModel):
    """Base for every model: unknown keys are errors and instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------------------
# Vocabularies shared by every framework
# ---------------------------------------------------------------------------


class EvidenceType(StrEnum):
    """Kinds of evidence an answer can rest on (seed documents ask for a mix)."""

    RESEARCH = "research"
    EVALUATION_DATA = "evaluation_data"
    LIVED_EXPERIENCE = "lived_experience"
    PRACTICE_KNOWLEDGE = "practice_knowledge"
    ORGANISATIONAL_DATA = "organisational_data"

    @property
    def label(self) -> str:
        """Human label for the evidence type."""
        return EVIDENCE_LABELS[self]


EVIDENCE_LABELS: dict[EvidenceType, str] = {
    EvidenceType.RESEARCH: "Research",
    EvidenceType.EVALUATION_DATA: "Evaluation data",
    EvidenceType.LIVED_EXPERIENCE: "Lived experience",
    EvidenceType.PRACTICE_KNOWLEDGE: "Practice knowledge",
    EvidenceType.ORGANISATIONAL_DATA: "Organisational data",
}


class Stage(StrEnum):
    """How far the innovation has got."""

    IDEA = "idea"
    PILOT = "pilot"
    ESTABLISHED = "established"
    SPREADING = "spreading"


class AssessorRole(StrEnum):
    """Who filled in the assessment."""

    INNOVATOR = "innovator"
    PROVIDER = "provider"
    COMMISSIONER = "commissioner"
    OTHER = "other"


STAGE_LABELS = {
    Stage.IDEA: "Idea",
    Stage.PILOT: "Pilot",
    Stage.ESTABLISHED: "Established",
    Stage.SPREADING: "Spreading",
}
ROLE_LABELS = {
    AssessorRole.INNOVATOR: "Innovator",
    AssessorRole.PROVIDER: "Provider",
    AssessorRole.COMMISSIONER: "Commissioner",
    AssessorRole.OTHER: "Other",
}

DONT_KNOW = "dont_know"
NOT_APPLICABLE = "not_applicable"


# ---------------------------------------------------------------------------
# Framework definitions
# ---------------------------------------------------------------------------


class Citation(StrictModel):
    """Where the framework comes from."""

    text: str = Field(min_length=10)
    url: str = Field(pattern=r"^https?://")
    doi: str | None = None


class Option(StrictModel):
    """One answer option.

    ``value`` places a scale option on its scale (0 = least ready, or simplest
    for NASSS); "don't know" and "not applicable" have no value.
    """

    id: Id
    label: str = Field(min_length=1)
    descriptor: str = ""
    value: int | None = None
    kind: Literal["scale", "dont_know", "not_applicable"] = "scale"

    @model_validator(mode="after")
    def _value_matches_kind(self) -> Self:
        if self.kind == "scale" and self.value is None:
            raise ValueError(f"option '{self.id}': a scale option needs a numeric 'value'")
        if self.kind != "scale" and self.value is not None:
            raise ValueError(f"option '{self.id}': a '{self.kind}' option must not have a 'value'")
        if self.kind == "dont_know" and self.id != DONT_KNOW:
            raise ValueError(f"option '{self.id}': the don't-know option must have id '{DONT_KNOW}'")
        if self.kind == "not_applicable" and self.id != NOT_APPLICABLE:
            raise ValueError(f"option '{self.id}': the not-applicable option must have id '{NOT_APPLICABLE}'")
        return self

    @property
    def is_scale(self) -> bool:
        """True for options that carry a position on the scale."""
        return self.kind == "scale"


class Scale(StrictModel):
    """A reusable list of options, in scale order, with the special options last."""

    id: Id
    options: tuple[Option, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        ids = [o.id for o in self.options]
        if len(ids) != len(set(ids)):
            raise ValueError(f"scale '{self.id}': option ids must be unique")
        kinds = [o.kind for o in self.options]
        seen_special = False
        for k in kinds:
            if k != "scale":
                seen_special = True
            elif seen_special:
                raise ValueError(
                    f"scale '{self.id}': list scale options first, then 'dont_know' and 'not_applicable' last"
                )
        values = [o.value for o in self.options if o.value is not None]
        if values != sorted(values) or len(values) != len(set(values)):
            raise ValueError(f"scale '{self.id}': scale options must be listed in rising 'value' order")
        if len(values) < 2:
            raise ValueError(f"scale '{self.id}': needs at least two scale options")
        return self


class Item(StrictModel):
    """One question.

    ``ready_end`` says which end of the scale means "more ready": ``high`` when
    the last scale option is the most ready (SCIE, SIPS checks), ``low`` when
    the first is (NASSS: simple is the most ready end).
    """

    id: Id
    text: str = Field(min_length=5)
    help: str = ""
    type: Literal["choice", "text", "date"] = "choice"
    scale: Id | None = None
    descriptors: dict[Id, str] = Field(default_factory=dict)
    priority: int | None = Field(default=None, ge=1, le=7)
    ready_end: Literal["high", "low"] | None = None
    ready_means: str = ""
    source: str = ""
    label: str = ""
    follow_up_only: bool = False
    """Asked only at follow-up (e.g. "what changed since last time"): when left blank it
    is not counted as missing or against completeness."""

    @model_validator(mode="after")
    def _type_fields(self) -> Self:
        if self.type == "choice":
            if self.scale is None:
                raise ValueError(f"item '{self.id}': a choice item needs a 'scale'")
            if self.ready_end is None:
                raise ValueError(f"item '{self.id}': a choice item must say which end is more ready ('ready_end')")
        else:
            if self.scale is not None or self.descriptors:
                raise ValueError(f"item '{self.id}': a {self.type} item takes no 'scale' or 'descriptors'")
        return self

    @property
    def short_label(self) -> str:
        """A short label for charts and tables (falls back to the text)."""
        return self.label or self.text


class Section(StrictModel):
    """A group of items: a SCIE factor group, a NASSS domain or a SIPS section."""

    id: Id
    title: str = Field(min_length=1)
    short_title: str = ""
    description: str = ""
    items: tuple[Item, ...] = Field(min_length=1)

    @property
    def label(self) -> str:
        """Short title for charts, falling back to the title."""
        return self.short_title or self.title


class Framework(StrictModel):
    """A framework definition as loaded from ``frameworks/<id>.yaml``."""

    id: Id
    title: str = Field(min_length=3)
    short_title: str = Field(min_length=2)
    version: str = Field(min_length=1)
    scoring: Literal["readiness", "complexity", "planning"]
    description: str = ""
    citation: Citation
    references: tuple[Citation, ...] = ()
    licence: str = Field(min_length=10)
    adaptations: tuple[str, ...] = Field(min_length=1)
    scales: tuple[Scale, ...] = ()
    sections: tuple[Section, ...] = Field(min_length=1)

    _items: dict[str, Item] = PrivateAttr(default_factory=dict)
    _item_section: dict[str, Section] = PrivateAttr(default_factory=dict)
    _options: dict[str, tuple[Option, ...]] = PrivateAttr(default_factory=dict)
    _option_ids: dict[str, frozenset[str]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        scales = {s.id: s for s in self.scales}
        if len(scales) != len(self.scales):
            raise ValueError("scale ids must be unique")
        section_ids = [s.id for s in self.sections]
        if len(section_ids) != len(set(section_ids)):
            dup = sorted({x for x in section_ids if section_ids.count(x) > 1})
            raise ValueError(f"section ids must be unique (repeated: {', '.join(dup)})")
        seen: dict[str, str] = {}
        for section in self.sections:
            for item in section.items:
                if item.id in seen:
                    raise ValueError(
                        f"item id '{item.id}' is used in both '{seen[item.id]}' and '{section.id}'; item ids must be unique"
                    )
                seen[item.id] = section.id
                if item.type != "choice":
                    continue
                if item.scale not in scales:
                    raise ValueError(
                        f"item '{item.id}': scale '{item.scale}' is not declared; use one of: {', '.join(scales) or '(none)'}"
                    )
                option_ids = {o.id for o in scales[item.scale].options}
                unknown = sorted(set(item.descriptors) - option_ids)
                if unknown:
                    raise ValueError(
                        f"item '{item.id}': descriptors for unknown options {', '.join(unknown)}; "
                        f"options of scale '{item.scale}' are: {', '.join(sorted(option_ids))}"
                    )
        return self

    def model_post_init(self, __context: Any) -> None:
        """Build lookup tables once; the model itself stays immutable."""
        scales = {s.id: s for s in self.scales}
        for section in self.sections:
            for item in section.items:
                self._items[item.id] = item
                self._item_section[item.id] = section
                # An unresolved scale is reported by _references_resolve, which runs after this hook.
                if item.type == "choice" and item.scale in scales:
                    self._options[item.id] = tuple(
                        o.model_copy(update={"descriptor": item.descriptors[o.id]}) if o.id in item.descriptors else o
                        for o in scales[item.scale].options
                    )
                else:
                    self._options[item.id] = ()
                self._option_ids[item.id] = frozenset(o.id for o in self._options[item.id])

    # -- lookups -------------------------------------------------------------
    # These read pydantic's private-attribute dict directly: plain ``self._items``
    # goes through BaseModel.__getattr__ on every call, which dominated bulk
    # validation (one lookup per answer) in bench/compare.py.
    def _private(self, name: str) -> Any:
        return self.__pydantic_private__[name]  # type: ignore[index]  # always set by model_post_init

    @property
    def items(self) -> dict[str, Item]:
        """Every item by id, in questionnaire order."""
        return self._private("_items")  # type: ignore[no-any-return]

    def item(self, item_id: str) -> Item:
        """The item with this id (KeyError if unknown)."""
        return self._private("_items")[item_id]  # type: ignore[no-any-return]

    def section_of(self, item_id: str) -> Section:
        """The section holding this item."""
        return self._private("_item_section")[item_id]  # type: ignore[no-any-return]

    def section(self, section_id: str) -> Section:
        """The section with this id (KeyError if unknown)."""
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def options(self, item_id: str) -> tuple[Option, ...]:
        """Resolved options of an item (item descriptors merged in); empty for text items."""
        return self._private("_options")[item_id]  # type: ignore[no-any-return]

    def option_ids(self, item_id: str) -> frozenset[str]:
        """The ids of an item's options, for quick membership checks; empty for text items."""
        return self._private("_option_ids")[item_id]  # type: ignore[no-any-return]

    def option(self, item_id: str, option_id: str) -> Option | None:
        """One option of an item, or None if the item has no such option."""
        for o in self._private("_options")[item_id]:
            if o.id == option_id:
                return o
        return None

    @property
    def item_count(self) -> int:
        """Number of items in the framework."""
        return len(self._private("_items"))


# ---------------------------------------------------------------------------
# Assessments
# ---------------------------------------------------------------------------


class Answer(StrictModel):
    """One answer: an option id (choice), text (narrative) or ISO date (date).

    ``value`` may be None when only a note or evidence has been recorded.
    """

    value: str | None = None
    note: str = Field(default="", max_length=MAX_TEXT_LENGTH)
    evidence: tuple[EvidenceType, ...] = ()

    @property
    def is_blank(self) -> bool:
        """True when nothing at all has been recorded."""
        return (self.value is None or self.value == "") and not self.note and not self.evidence


class Innovation(StrictModel):
    """What is being assessed."""

    name: str = Field(min_length=1, max_length=200)
    organisation: str = Field(default="", max_length=200)
    description: str = Field(default="", max_length=MAX_TEXT_LENGTH)

    @field_validator("name")
    @classmethod
    def _name_trimmed(cls, value: str) -> str:
        """Names are matched and shown without surrounding spaces, so store them that way."""
        value = value.strip()
        if not value:
            raise ValueError("the innovation's name must not be blank")
        return value


class AssessmentMeta(StrictModel):
    """Who assessed, when, and at what stage."""

    assessed_on: dt.date | None = None
    stage: Stage | None = None
    assessor_role: AssessorRole | None = None
    assessor: str = Field(default="", max_length=200)
    label: str = Field(default="", max_length=200)


Answers = dict[str, dict[str, Answer]]
"""Answers keyed by framework id, then item id."""


class Assessment(StrictModel):
    """One dated assessment of one innovation, as in the JSON assessment file."""

    format: Literal["scaling-readiness-assessment"] = ASSESSMENT_FORMAT
    version: Literal[1] = ASSESSMENT_FORMAT_VERSION
    id: str | None = None
    innovation: Innovation
    assessment: AssessmentMeta = Field(default_factory=AssessmentMeta)
    answers: Answers = Field(default_factory=dict)

    def answer(self, framework_id: str, item_id: str) -> Answer | None:
        """The answer to one item, or None if there is none."""
        return self.answers.get(framework_id, {}).get(item_id)


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


class ItemResult(StrictModel):
    """How one item was read by the scoring."""

    id: str
    section: str
    status: Literal["answered", "dont_know", "not_applicable", "unanswered"]
    value: str | None = None
    """Option id, text or date as answered (None when unanswered)."""
    numeric: int | None = None
    """Scale position of a scale option, else None."""
    priority: int | None = None
    evidence: tuple[EvidenceType, ...] = ()
    has_note: bool = False


class SectionResult(StrictModel):
    """The result for one section (SCIE factor group, NASSS domain, SIPS section).

    Counts always satisfy ``answered + unknown + not_applicable + unanswered == total``.
    """

    id: str
    title: str
    score: float | None
    """SCIE: mean of applicable answered items as 0-100. NASSS: 1-3 level of the
    most complex answered sub-domain. SIPS: None (there is no SIPS score)."""
    level: str | None = None
    """NASSS only: 'simple', 'complicated' or 'complex' (None when nothing answered)."""
    answered: int
    unknown: int
    not_applicable: int
    unanswered: int
    total: int
    completeness: float | None = None
    """SIPS: share of items answered (any answer, don't know excluded) as 0-100."""
    readiness: float | None = None
    """SIPS: mean of applicable answered readiness checks as 0-100."""
    missing: tuple[str, ...] = ()
    """SIPS: ids of items still missing or not yet in place."""


class Flag(StrictModel):
    """A finding worth attention, with a stable code."""

    code: str
    message: str
    severity: Literal["info", "warning"] = "warning"
    section: str | None = None
    item: str | None = None
    priority: int | None = None


class FrameworkResult(StrictModel):
    """Scores and flags for one framework."""

    framework: str
    framework_version: str
    method: Literal["readiness", "complexity", "planning"]
    sections: tuple[SectionResult, ...]
    flags: tuple[Flag, ...]
    items: tuple[ItemResult, ...]
    answered: int
    unknown: int
    not_applicable: int
    unanswered: int
    total: int
    complex_domains: int | None = None
    """NASSS only: the number of domains whose level is 'complex'."""

    def section(self, section_id: str) -> SectionResult:
        """The result of one section (KeyError if unknown)."""
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)


class AssessmentResult(StrictModel):
    """Results for every framework in an assessment."""

    results: tuple[FrameworkResult, ...]

    def framework(self, framework_id: str) -> FrameworkResult:
        """The result for one framework (KeyError if absent)."""
        for r in self.results:
            if r.framework == framework_id:
                return r
        raise KeyError(framework_id)
