"""Each candidate's sections on one 0-100 "more ready is higher" axis, for the dominance tiers only.

Nothing here adds sections up. Per section (docs/scoring.md, "Comparing innovations"):

* a SCIE factor group: its section score (0-100);
* a NASSS domain: its level through a *level mapping* (default simple 100, complicated 50,
  complex 0). A domain with no level has no value; a domain whose level is only "at least" (some
  sub-domains still "don't know" or blank) has no value either under the default floor rule,
  because its level is not settled (:data:`FLOOR_MISSING`);
* a SIPS section: the share of its readiness checks in place (0-100); its narrative answers are
  not a score and do not enter.

Each section also gets a *tolerance*: the effect of one answer moving one step on its scale when
every item of the section is rated (a NASSS domain: the smallest step between two levels). A
difference smaller than that is treated as a tie when tiers are formed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from assessments.compare.weights import weight_key
from assessments.methods import method_of
from assessments.methods.complexity import LEVELS
from assessments.models import AssessmentResult, Framework

LevelMapping = tuple[float, float, float]
"""Readiness values of simple, complicated and complex."""
DEFAULT_MAPPING: Final = "100/50/0"
MAPPINGS: Final[dict[str, LevelMapping]] = {
    "100/50/0": (100.0, 50.0, 0.0),
    "100/75/0": (100.0, 75.0, 0.0),
    "100/25/0": (100.0, 25.0, 0.0),
    "100/100/0": (100.0, 100.0, 0.0),
    "100/0/0": (100.0, 0.0, 0.0),
}
"""NASSS level mappings tried by the sensitivity check (simple/complicated/complex), the default first."""
MAPPING_NOTES: Final = {
    "100/50/0": "complicated half way (the default)",
    "100/75/0": "complicated nearer simple",
    "100/25/0": "complicated nearer complex",
    "100/100/0": "complicated counted as simple",
    "100/0/0": "complicated counted as complex",
}

FloorRule = Literal["missing", "known_level"]
FLOOR_MISSING: Final[FloorRule] = "missing"
"""A NASSS domain that is only "at least" its level has no value (the default)."""
FLOOR_KNOWN: Final[FloorRule] = "known_level"
"""A NASSS domain that is only "at least" its level counts at that level (a sensitivity check)."""
ROUNDING_SLACK: Final = 0.1
"""Section scores are rounded to one decimal, so a one-answer difference may look up to 0.1 smaller."""


@dataclass(frozen=True)
class SectionColumn:
    """One column of the matrix: a framework section and the smallest difference that counts."""

    key: str
    framework: str
    section: str
    label: str
    tolerance: float


def _step_effect(framework: Framework, section_id: str) -> float:
    """100 / (scale steps × scale items) of a section: one answer's effect when all its items are rated."""
    section = framework.section(section_id)
    scale_items = []
    for item in section.items:
        scale = [o for o in framework.options(item.id) if o.kind == "scale"]
        if len(scale) > 1:
            scale_items.append(len(scale) - 1)
    if not scale_items:
        return 0.0
    steps = max(scale_items)
    return max(0.0, 100.0 / (steps * len(scale_items)) - ROUNDING_SLACK)


def section_columns(frameworks: Mapping[str, Framework], *, mapping: str = DEFAULT_MAPPING) -> list[SectionColumn]:
    """Every section of every framework, in order, with its tolerance."""
    levels = MAPPINGS[mapping]
    gaps = [abs(a - b) for a in levels for b in levels if abs(a - b) > 0]
    level_step = min(gaps) if gaps else 0.0
    out = []
    for fid, fw in frameworks.items():
        complexity = method_of(fw).id == "complexity"
        for s in fw.sections:
            tol = level_step if complexity else _step_effect(fw, s.id)
            out.append(SectionColumn(weight_key(fid, s.id), fid, s.id, f"{fw.short_title}: {s.label}", tol))
    return out


def section_row(
    result: AssessmentResult,
    columns: Sequence[SectionColumn],
    *,
    mapping: str = DEFAULT_MAPPING,
    floors: FloorRule = FLOOR_MISSING,
) -> list[float | None]:
    """One candidate's value per column (None where it has none); never imputed."""
    levels = dict(zip(LEVELS, MAPPINGS[mapping], strict=True))
    by_key = {}
    for fr in result.results:
        method = method_of(fr)
        for s in fr.sections:
            value: float | None
            if method.id == "complexity":
                unsettled = s.at_least and floors == FLOOR_MISSING
                value = None if s.level is None or unsettled else levels.get(s.level)
            else:
                value = method.ranking_value(s)
            by_key[weight_key(fr.framework, s.id)] = value
    return [by_key.get(c.key) for c in columns]


def section_matrix(
    results: Sequence[AssessmentResult],
    columns: Sequence[SectionColumn],
    *,
    mapping: str = DEFAULT_MAPPING,
    floors: FloorRule = FLOOR_MISSING,
) -> list[list[float | None]]:
    """Candidates × columns (see :func:`section_row`)."""
    return [section_row(r, columns, mapping=mapping, floors=floors) for r in results]
