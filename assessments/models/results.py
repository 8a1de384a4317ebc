"""Results: what scoring produces. Their JSON form (``model_dump(mode="json")``) is the stable,
documented machine-readable output (docs/assessment-format.md)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from assessments.models.vocab import EvidenceType, ItemStatus, MethodId, StrictModel

Severity = Literal["info", "warning"]


class ItemResult(StrictModel):
    """How one item was read by the scoring."""

    id: str
    section: str
    status: ItemStatus
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
    at_least: bool = False
    """NASSS only: the level is a floor, not the domain's level: some sub-domains are "don't know" or
    unanswered and the known level is below complex, so the domain is *at least* ``level``."""
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


class FlagCode(StrEnum):
    """The stable codes of scoring flags (docs/scoring.md), each carrying its short title as ``label``."""

    label: str
    """Short title shown beside the flag's message."""
    severity: Severity
    """``warning`` for what may stand in the way of scaling, ``info`` otherwise."""

    def __new__(cls, code: str, label: str, severity: Severity) -> FlagCode:
        member = str.__new__(cls, code)
        member._value_ = code
        member.label = label
        member.severity = severity
        return member

    SCIE_PRIORITY_GAP = "SCIE_PRIORITY_GAP", "Priority gap", "warning"
    NASSS_MULTIPLE_COMPLEX = "NASSS_MULTIPLE_COMPLEX", "Complex in several domains", "warning"
    NASSS_COMPLEX_DOMAIN = "NASSS_COMPLEX_DOMAIN", "Complex domain", "info"
    SIPS_MISSING = "SIPS_MISSING", "Still to do", "info"
    DONT_KNOW_ANSWERS = "DONT_KNOW_ANSWERS", "Don't know answers", "info"
    INCOMPLETE = "INCOMPLETE", "Not finished", "info"
    SCIE_NO_EVIDENCE = "SCIE_NO_EVIDENCE", "Top rating without evidence", "warning"
    NASSS_MAY_BE_COMPLEX = "NASSS_MAY_BE_COMPLEX", "Could still be complex", "info"
    EARLIER_VERSION = "EARLIER_VERSION", "Answers to check (earlier version)", "warning"


class Flag(StrictModel):
    """A finding worth attention, with a stable code."""

    code: FlagCode
    message: str
    severity: Severity = "warning"
    section: str | None = None
    item: str | None = None
    priority: int | None = None


class FrameworkResult(StrictModel):
    """Scores and flags for one framework."""

    framework: str
    framework_version: str
    method: MethodId
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
