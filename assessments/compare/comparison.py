"""A whole comparison: profiles and screens first, then dominance tiers, then an optional ordering in one framework.

The page, the comparison workbook and ``python -m assessments compare`` all build one
:class:`Comparison` with :func:`compare`, so they show the same findings. There is no score across
frameworks anywhere: the screen counts findings, the tiers use dominance (no weights, no sums), and
the only weighted number is an ordering inside one framework, labelled as the commissioner's own
choice. The method is "Comparing innovations" in docs/scoring.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
import numpy.typing as npt

from assessments.compare.candidates import Candidate
from assessments.compare.dominance import dominance_matrix
from assessments.compare.ordering import Ordering, check_orderable, framework_weights, order_within
from assessments.compare.screening import ContextWarning, context_warnings, screens
from assessments.compare.sections import SectionColumn, section_columns, section_matrix
from assessments.compare.sensitivity import Ranges, ordering_sensitivity, tier_sensitivity
from assessments.models import Framework
from assessments.screen import Screen

CAVEAT = (
    "A decision aid built on self-assessments, not a validated score. No number here adds SCIE, NASSS and SIPS "
    "together: read each innovation's profile and its screen first; the tiers only say who is at least as ready "
    "everywhere, and any ordering stays inside one framework and is your own editorial choice."
)
"""Shown at the top of the Compare page and on the workbook's About sheet."""
EDITORIAL_NOTE = (
    "This ordering is your own editorial choice: you chose to order within {framework} and chose its section "
    "weights. None of SCIE, NASSS or SIPS defines a weighting or a total, and the ordering says nothing about "
    "the other frameworks. Read it with the screen and the tiers."
)
"""Shown with every ordering inside one framework (``{framework}`` is its short title)."""
TIERS_NOTE = (
    "Tiers come from dominance: one candidate dominates another when it is at least as ready in every section "
    "and clearly more ready in at least one. Tier 1 is every candidate nobody dominates. Members of a tier are "
    "listed alphabetically: there is no order inside a tier."
)


@dataclass(frozen=True)
class Comparison:
    """Everything the page, the workbook and the command line show about one set of candidates."""

    candidates: tuple[Candidate, ...]
    """In the order shown everywhere: by tier, then alphabetically (no order inside a tier)."""
    screens: tuple[Screen, ...]
    context: tuple[ContextWarning, ...]
    columns: tuple[SectionColumn, ...]
    matrix: tuple[tuple[float | None, ...], ...]
    tiers: Ranges
    """``tiers.base`` is each candidate's tier; low/high its range over the sensitivity variants."""
    ordering: Ordering | None = None
    ordering_ranges: Ranges | None = None
    """Positions of ``ordering.rows`` (same order) over the sensitivity variants."""

    @cached_property
    def dominance(self) -> npt.NDArray[np.bool_]:
        """``[i, j]``: candidate i dominates candidate j (default method)."""
        return dominance_matrix(self.matrix, tolerance=[c.tolerance for c in self.columns])

    def dominated_by(self, index: int) -> list[str]:
        """Labels of the candidates that dominate candidate ``index``, alphabetically."""
        return sorted((self.candidates[i].label for i in np.flatnonzero(self.dominance[:, index])), key=str.casefold)

    def tier(self, index: int) -> int:
        """The tier of candidate ``index``."""
        value = self.tiers.base[index]
        assert value is not None  # every candidate has a tier
        return value

    def tier_members(self) -> list[tuple[int, list[str]]]:
        """``[(tier, labels...)]``, members alphabetically."""
        out: dict[int, list[str]] = {}
        for i, c in enumerate(self.candidates):
            out.setdefault(self.tier(i), []).append(c.label)
        return [(t, out[t]) for t in sorted(out)]


def compare(
    candidates: Sequence[Candidate],
    frameworks: Mapping[str, Framework],
    *,
    order: str | None = None,
    weights: Mapping[str, float] | None = None,
) -> Comparison:
    """Screen, tier and (optionally) order the candidates.

    Args:
        candidates: The candidates, any order (the result lists them by tier, then alphabetically).
        frameworks: The frameworks compared, in display order.
        order: A framework id to order within (SCIE or NASSS), or None for no ordering.
        weights: Section weights (``framework.section``: 0-10; only the chosen framework's are used).

    Raises:
        InputError: COMPARE_004 when ``order`` names a framework that cannot be ordered, or every
            section of it has weight 0.
    """
    frameworks = dict(frameworks)
    if order is not None:
        check_orderable(order, frameworks)
    columns = tuple(section_columns(frameworks))
    first = tier_sensitivity([c.result for c in candidates], frameworks)
    listed = sorted(
        range(len(candidates)), key=lambda i: (first.base[i] or 0, candidates[i].label.casefold(), candidates[i].key)
    )
    ordered = tuple(candidates[i] for i in listed)
    results = [c.result for c in ordered]
    comparison = Comparison(
        candidates=ordered,
        screens=tuple(screens(ordered, frameworks)),
        context=tuple(context_warnings(ordered)),
        columns=columns,
        matrix=tuple(tuple(r) for r in section_matrix(results, columns)),
        tiers=_reorder(first, listed),
    )
    return comparison if order is None else with_ordering(comparison, frameworks, order, weights or {})


def with_ordering(
    comparison: Comparison, frameworks: Mapping[str, Framework], order: str, weights: Mapping[str, float]
) -> Comparison:
    """The same comparison with an ordering inside the framework ``order`` by ``weights``, and its ranges.

    Raises:
        InputError: COMPARE_004 when the framework cannot be ordered, or every section of it has weight 0.
    """
    fw = check_orderable(order, frameworks)
    w = framework_weights(weights, fw)
    ordered = comparison.candidates
    results = [c.result for c in ordered]
    ordering = order_within(fw, [c.key for c in ordered], [c.label for c in ordered], results, weights)
    position = {c.key: i for i, c in enumerate(ordered)}
    ranges = ordering_sensitivity(fw, results, w, [s.label for s in fw.sections])
    return replace(
        comparison,
        ordering=ordering,
        ordering_ranges=_reorder(ranges, [position[r.key] for r in ordering.rows]),
    )


def _reorder(r: Ranges, index: Sequence[int]) -> Ranges:
    """The same ranges with candidates taken in the order ``index``."""
    return Ranges(
        base=tuple(r.base[i] for i in index),
        low=tuple(r.low[i] for i in index),
        high=tuple(r.high[i] for i in index),
        by_dimension={d: tuple(v[i] for i in index) for d, v in r.by_dimension.items()},
        variants=r.variants,
    )
