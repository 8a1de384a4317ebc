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

import numpy as np
import numpy.typing as npt

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


@dataclass(frozen=True)
class SectionValues:
    """Every candidate's section values read once, so each mapping or floor rule is a quick array operation."""

    plain: npt.NDArray[np.float64]
    """Candidates × columns: SCIE and SIPS values (NaN = none, and NaN in NASSS columns)."""
    level: npt.NDArray[np.int_]
    """Candidates × columns: NASSS level index 0 simple .. 2 complex, -1 = none (and in other columns)."""
    floor: npt.NDArray[np.bool_]
    """Candidates × columns: the NASSS level is only "at least"."""

    def array(self, *, mapping: str = DEFAULT_MAPPING, floors: FloorRule = FLOOR_MISSING) -> npt.NDArray[np.float64]:
        """Candidates × columns on 0-100 (NaN = no value) under one mapping and floor rule."""
        levels = np.array([*MAPPINGS[mapping], np.nan])  # index -1 = no level
        nasss = levels[self.level]
        if floors == FLOOR_MISSING:
            nasss = np.where(self.floor, np.nan, nasss)
        return np.where(self.level >= 0, nasss, self.plain)


def section_values(results: Sequence[AssessmentResult], columns: Sequence[SectionColumn]) -> SectionValues:
    """Read every candidate's section values once (see :func:`section_row` for what each value is)."""
    index = {c.key: j for j, c in enumerate(columns)}
    plain = np.full((len(results), len(columns)), np.nan)
    level = np.full((len(results), len(columns)), -1, dtype=int)
    floor = np.zeros((len(results), len(columns)), dtype=bool)
    rank = {lv: i for i, lv in enumerate(LEVELS)}
    for row, result in enumerate(results):
        for fr in result.results:
            method = method_of(fr)
            complexity = method.id == "complexity"
            for s in fr.sections:
                col = index.get(weight_key(fr.framework, s.id))
                if col is None:
                    continue
                if complexity:
                    if s.level is not None:
                        level[row, col] = rank[s.level]
                        floor[row, col] = s.at_least
                else:
                    value = method.ranking_value(s)
                    if value is not None:
                        plain[row, col] = value
    return SectionValues(plain=plain, level=level, floor=floor)


def stored_section_values(
    rows: Sequence[Mapping[str, Sequence[object]]], columns: Sequence[SectionColumn]
) -> SectionValues:
    """Section values kept with each assessment, as ``{"framework.section": [value, level, at_least]}`` per
    candidate (``value``: the method's 0-100 value or None; ``level``: a NASSS level or None), so tiers can be
    formed without scoring again. Keys not in ``columns`` are ignored; a missing key is no value.
    """
    plain = np.full((len(rows), len(columns)), np.nan)
    level = np.full((len(rows), len(columns)), -1, dtype=int)
    floor = np.zeros((len(rows), len(columns)), dtype=bool)
    rank = {lv: i for i, lv in enumerate(LEVELS)}
    for i, row in enumerate(rows):
        for j, col in enumerate(columns):
            stored = row.get(col.key)
            if not stored:
                continue
            value, lv, at_least = [*stored, None, None, None][:3]
            if isinstance(lv, str) and lv in rank:
                level[i, j] = rank[lv]
                floor[i, j] = bool(at_least)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                plain[i, j] = float(value)
    return SectionValues(plain=plain, level=level, floor=floor)


def section_row(
    result: AssessmentResult,
    columns: Sequence[SectionColumn],
    *,
    mapping: str = DEFAULT_MAPPING,
    floors: FloorRule = FLOOR_MISSING,
) -> list[float | None]:
    """One candidate's value per column (None where it has none); never imputed."""
    return section_matrix([result], columns, mapping=mapping, floors=floors)[0]


def section_matrix(
    results: Sequence[AssessmentResult],
    columns: Sequence[SectionColumn],
    *,
    mapping: str = DEFAULT_MAPPING,
    floors: FloorRule = FLOOR_MISSING,
) -> list[list[float | None]]:
    """Candidates × columns, None where a candidate has no value."""
    values = section_values(results, columns).array(mapping=mapping, floors=floors)
    return [[None if np.isnan(v) else float(v) for v in row] for row in values]
