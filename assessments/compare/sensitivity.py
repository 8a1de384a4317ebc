"""Sensitivity: each candidate's range of tiers and of positions when the method's real choices change.

The choices varied (docs/scoring.md, "Comparing innovations"):

* **NASSS level mapping**: 100/50/0 and the alternatives in :data:`~assessments.compare.sections.MAPPINGS`.
  Tiers depend on order only, so a mapping that keeps simple > complicated > complex cannot move a
  tier; the two that merge complicated with simple or with complex can.
* **Missing data**: NASSS domains that are only "at least" a level counted at that level instead of
  left out; and, for tiers, comparing only the sections both candidates have a value for; for an
  ordering, keeping only the sections every candidate has a value for.
* **Rating noise**: tiers with any difference counting, instead of only differences of at least one
  answer's effect.
* **Weighting** (orderings only, tiers use no weights): equal weight per section, and, for SCIE, equal
  weight per factor instead of per section; each non-zero weight halved and doubled in turn, and
  :data:`RANDOM_RUNS` weightings with every weight scaled by a random factor between 1/2 and 2.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from assessments.compare.dominance import MISSING_BLOCKS, SHARED_ONLY, MissingRule, dominance_tiers
from assessments.compare.ordering import Profile, Scenario, answer_effect, positions, profile_of, score
from assessments.compare.sections import (
    DEFAULT_MAPPING,
    FLOOR_KNOWN,
    FLOOR_MISSING,
    MAPPING_NOTES,
    MAPPINGS,
    FloorRule,
    SectionColumn,
    SectionValues,
    section_columns,
    section_values,
)
from assessments.methods import method_of
from assessments.models import AssessmentResult, Framework

RANDOM_RUNS: Final = 50
"""Random weightings tried for an ordering."""
RANDOM_SEED: Final = 20200
"""Seed of the random weightings: the same inputs always give the same ranges."""
RANDOM_FACTOR: Final = 2.0
"""Random weightings scale each weight by 1/RANDOM_FACTOR .. RANDOM_FACTOR (log-uniform)."""

RANDOM_NAME: Final = (
    f"{RANDOM_RUNS} random weightings, each weight multiplied by a factor between 1/2 and 2 (seed {RANDOM_SEED})"
)
DIMENSIONS: Final = {
    "mapping": "NASSS level mapping",
    "missing": "Missing data",
    "noise": "Rating noise",
    "scheme": "Weight per section or per factor",
    "weights": "Weight perturbations",
}
"""The dimensions varied, in the order shown."""


@dataclass(frozen=True)
class Variant:
    """One alternative tried: its dimension and a plain description."""

    dimension: str
    name: str


@dataclass(frozen=True)
class Ranges:
    """Per candidate, the smallest and largest tier or position over every variant, and per dimension."""

    base: tuple[int | None, ...]
    low: tuple[int | None, ...]
    high: tuple[int | None, ...]
    by_dimension: dict[str, tuple[tuple[int | None, int | None], ...]]
    variants: tuple[Variant, ...]
    """Every alternative tried (the base excluded)."""


def _ranges(base: Sequence[int | None], tried: Sequence[tuple[Variant, Sequence[int | None]]]) -> Ranges:
    n = len(base)

    def span(runs: Sequence[Sequence[int | None]], i: int) -> tuple[int | None, int | None]:
        values = [v for r in runs if (v := r[i]) is not None]
        return (min(values), max(values)) if values else (None, None)

    dims: dict[str, list[Sequence[int | None]]] = {}
    for variant, run in tried:
        dims.setdefault(variant.dimension, [base]).append(run)
    every = [base, *(run for _, run in tried)]
    spans = [span(every, i) for i in range(n)]
    return Ranges(
        base=tuple(base),
        low=tuple(s[0] for s in spans),
        high=tuple(s[1] for s in spans),
        by_dimension={d: tuple(span(runs, i) for i in range(n)) for d, runs in dims.items()},
        variants=tuple(v for v, _ in tried),
    )


def _tiers(
    values: SectionValues,
    columns: Sequence[SectionColumn],
    *,
    mapping: str = DEFAULT_MAPPING,
    floors: FloorRule = FLOOR_MISSING,
    rule: MissingRule = MISSING_BLOCKS,
    noise: bool = True,
) -> list[int]:
    tolerance = [c.tolerance for c in columns] if noise else None
    return dominance_tiers(values.array(mapping=mapping, floors=floors), tolerance=tolerance, rule=rule)


def _keeps_order(mapping: str) -> bool:
    """Whether a NASSS mapping keeps simple > complicated > complex strictly (so tiers cannot move)."""
    simple, complicated, complex_ = MAPPINGS[mapping]
    return simple > complicated > complex_


def tier_sensitivity(results: Sequence[AssessmentResult], frameworks: Mapping[str, Framework]) -> Ranges:
    """Each candidate's tier under the default method and under every alternative choice."""
    return tier_sensitivity_of(section_values(results, section_columns(frameworks)), frameworks)


def tier_sensitivity_of(values: SectionValues, frameworks: Mapping[str, Framework]) -> Ranges:
    """The same from section values already read (for example kept with each assessment in the store)."""
    columns = section_columns(frameworks)
    base = _tiers(values, columns)
    tried: list[tuple[Variant, Sequence[int | None]]] = []
    has_nasss = any(method_of(fw).id == "complexity" for fw in frameworks.values())
    if has_nasss:
        for name in MAPPINGS:
            if name != DEFAULT_MAPPING:
                # A mapping that keeps simple > complicated > complex cannot move a tier (dominance uses order
                # only, and any level difference is at least the smallest step): its tiers are the default's.
                run = (
                    base
                    if _keeps_order(name)
                    else _tiers(values, section_columns(frameworks, mapping=name), mapping=name)
                )
                tried.append((Variant("mapping", f"NASSS levels {name} ({MAPPING_NOTES[name]})"), run))
        tried.append(
            (
                Variant("missing", "NASSS domains that are only 'at least' a level counted at that level"),
                _tiers(values, columns, floors=FLOOR_KNOWN),
            )
        )
    tried.append(
        (
            Variant("missing", "only sections both candidates have a value for compared"),
            _tiers(values, columns, rule=SHARED_ONLY),
        )
    )
    tried.append(
        (
            Variant("noise", "any difference counts, even less than one answer's effect"),
            _tiers(values, columns, noise=False),
        )
    )
    return _ranges(base, tried)


def random_weightings(
    base: Sequence[float], *, runs: int = RANDOM_RUNS, seed: int = RANDOM_SEED
) -> list[tuple[float, ...]]:
    """``runs`` weightings with every weight multiplied by a log-uniform factor in [1/2, 2] (zero stays zero)."""
    rng = random.Random(seed)
    span = math.log(RANDOM_FACTOR)
    return [tuple(w * math.exp(rng.uniform(-span, span)) for w in base) for _ in range(runs)]


def _positions(ps: Sequence[Profile], scenario: Scenario, complexity: bool) -> list[int | None]:
    scores = [score(p, scenario, complexity=complexity)[0] for p in ps]
    effects = [answer_effect(p, scenario, complexity=complexity) for p in ps]
    return positions(scores, effects)


def ordering_sensitivity(
    framework: Framework, results: Sequence[AssessmentResult], weights: Sequence[float], section_labels: Sequence[str]
) -> Ranges:
    """Each candidate's position inside one framework under the chosen weights and every alternative."""
    complexity = method_of(framework).id == "complexity"
    profiles = [profile_of(r, framework) for r in results]
    base_scenario = Scenario(weights=tuple(weights))
    base = _positions(profiles, base_scenario, complexity)
    tried: list[tuple[Variant, Sequence[int | None]]] = []

    def run(variant: Variant, scenario: Scenario) -> None:
        tried.append((variant, _positions(profiles, scenario, complexity)))

    for i, w in enumerate(weights):
        if w > 0:
            for factor, word in ((0.5, "halved"), (2.0, "doubled")):
                changed = list(weights)
                changed[i] = w * factor
                run(Variant("weights", f"weight of {section_labels[i]} {word}"), Scenario(weights=tuple(changed)))
    for alt in random_weightings(weights):
        run(Variant("weights", RANDOM_NAME), Scenario(weights=alt))
    run(Variant("scheme", "equal weight per section"), Scenario(weights=tuple(1.0 for _ in weights)))
    if not complexity:
        run(Variant("scheme", "equal weight per factor"), Scenario(weights=tuple(weights), per_item=True))
    n = len(weights)
    present = [[any(it.section == s and it.rank is not None for it in p.items) for s in range(n)] for p in profiles]
    common = tuple(all(row[s] for row in present) for s in range(n)) if present else None
    if common is not None and any(common):
        run(
            Variant("missing", "only sections every candidate has a value for"),
            Scenario(weights=tuple(weights), keep=common),
        )
    if complexity:
        for name in MAPPINGS:
            if name != DEFAULT_MAPPING:
                run(
                    Variant("mapping", f"NASSS levels {name} ({MAPPING_NOTES[name]})"),
                    Scenario(weights=tuple(weights), mapping=name),
                )
    return _ranges(base, tried)
