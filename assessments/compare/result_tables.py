"""The tables of a comparison's findings: the screen, the tiers, their sensitivity and an ordering in one framework.

Each is a plain :class:`~assessments.compare.tables.Table`, shown by the page and written by the
comparison workbook, so both carry the same values.
"""

from __future__ import annotations

from assessments.compare.comparison import Comparison
from assessments.compare.screening import screen_table
from assessments.compare.sensitivity import DIMENSIONS, Ranges
from assessments.compare.tables import Table
from assessments.models import Framework

MAX_NAMED = 6
"""Most candidates named in one "dominated by" cell; the rest are counted."""


def span_text(low: int | None, high: int | None) -> str:
    """``2`` or ``1–3``; ``—`` when there is nothing."""
    if low is None or high is None:
        return "—"
    return str(low) if low == high else f"{low}–{high}"


def _names(labels: list[str]) -> str:
    if len(labels) <= MAX_NAMED:
        return "; ".join(labels)
    return "; ".join(labels[:MAX_NAMED]) + f"; and {len(labels) - MAX_NAMED} more"


def screen_findings(comparison: Comparison, frameworks: dict[str, Framework]) -> Table:
    """The screen of every candidate, in tier order."""
    return screen_table(comparison.candidates, comparison.screens, frameworks)


def _dims(ranges: Ranges) -> list[str]:
    return [d for d in DIMENSIONS if d in ranges.by_dimension]


def tiers_table(comparison: Comparison) -> Table:
    """Tier, the tier range over every sensitivity variant and per dimension, and who dominates each candidate."""
    r = comparison.tiers
    dims = _dims(r)
    rows = []
    total = len(comparison.columns)
    for i, c in enumerate(comparison.candidates):
        with_value = sum(1 for v in comparison.matrix[i] if v is not None)
        rows.append(
            (
                comparison.tier(i),
                c.label,
                span_text(r.low[i], r.high[i]),
                *(span_text(*r.by_dimension[d][i]) for d in dims),
                f"{with_value} of {total}",
                _names(comparison.dominated_by(i)),
            )
        )
    return Table(
        columns=(
            "Tier",
            "Innovation",
            "Tier range (all checks)",
            *(f"Range: {DIMENSIONS[d]}" for d in dims),
            "Sections with a value",
            "Dominated by",
        ),
        rows=tuple(rows),
    )


def ordering_table(comparison: Comparison) -> Table | None:
    """The ordering inside one framework, with best and worst cases and position ranges; None when not asked."""
    o, r = comparison.ordering, comparison.ordering_ranges
    if o is None or r is None:
        return None
    dims = _dims(r)

    def num(x: float | None) -> float | None:
        return None if x is None else round(x, 1)

    rows = []
    for i, row in enumerate(o.rows):
        rows.append(
            (
                row.position,
                row.label,
                num(row.score),
                num(row.worst),
                num(row.best),
                num(row.effect),
                round(100 * row.coverage),
                row.dont_know,
                span_text(r.low[i], r.high[i]),
                *(span_text(*r.by_dimension[d][i]) for d in dims),
            )
        )
    return Table(
        columns=(
            "Position",
            "Innovation",
            "Score, your weights (0-100)",
            "Worst case",
            "Best case",
            "One answer's effect",
            "Coverage (% of weight)",
            "Don't know",
            "Position range (all checks)",
            *(f"Range: {DIMENSIONS[d]}" for d in dims),
        ),
        rows=tuple(rows),
    )


def variants_table(ranges: Ranges) -> Table:
    """Every alternative tried, by dimension (the random weightings as one row)."""
    return Table(
        columns=("Dimension", "Alternative tried"),
        rows=tuple(dict.fromkeys((DIMENSIONS.get(v.dimension, v.dimension), v.name) for v in ranges.variants)),
    )


def context_lines(comparison: Comparison) -> list[str]:
    """The mixed-context warnings as sentences."""
    return [w.text for w in comparison.context]
