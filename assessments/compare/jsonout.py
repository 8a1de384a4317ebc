"""The comparison as JSON (``python -m assessments compare FILES... --json``), documented in docs/comparison-format.md."""

from __future__ import annotations

from typing import Any, Final

from assessments.compare.comparison import EDITORIAL_NOTE, Comparison
from assessments.compare.sections import MAPPINGS
from assessments.compare.sensitivity import DIMENSIONS, Ranges
from assessments.screen import screen_to_json
from assessments.wording import SELF_ASSESSMENT_REMINDER

FORMAT: Final = "scaling-readiness-comparison"
FORMAT_VERSION: Final = 1
METHOD: Final = "docs/scoring.md, section 'Comparing innovations'"


def _span(low: int | None, high: int | None) -> list[int] | None:
    return None if low is None or high is None else [low, high]


def _by_dimension(r: Ranges, i: int) -> dict[str, list[int] | None]:
    return {d: _span(*r.by_dimension[d][i]) for d in DIMENSIONS if d in r.by_dimension}


def _variants(r: Ranges) -> list[dict[str, str]]:
    seen = dict.fromkeys((v.dimension, v.name) for v in r.variants)
    return [{"dimension": d, "name": n} for d, n in seen]


def _share(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _num(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def comparison_to_json(comparison: Comparison) -> dict[str, Any]:
    """The comparison as a plain JSON-able dict; candidates by tier, then alphabetically."""
    orderings: dict[str, dict[str, Any]] = {}
    o, oranges = comparison.ordering, comparison.ordering_ranges
    if o is not None and oranges is not None:
        for i, row in enumerate(o.rows):
            orderings[row.key] = {
                "framework": o.framework,
                "score": _num(row.score),
                "worst": _num(row.worst),
                "best": _num(row.best),
                "one_answer_effect": _num(row.effect),
                "coverage": _share(row.coverage),
                "dont_know": row.dont_know,
                "position": row.position,
                "position_range": _span(oranges.low[i], oranges.high[i]),
                "position_range_by_dimension": _by_dimension(oranges, i),
            }
    candidates = []
    for i, c in enumerate(comparison.candidates):
        s = comparison.screens[i]
        meta = c.assessment.assessment
        candidates.append(
            {
                "key": c.key,
                "label": c.label,
                "source": c.source,
                "stage": meta.stage.value if meta.stage else None,
                "assessor_role": meta.assessor_role.value if meta.assessor_role else None,
                "assessed_on": meta.assessed_on.isoformat() if meta.assessed_on else None,
                "framework_versions": c.versions(),
                "screen": screen_to_json(s),
                "shares": {
                    "coverage": _share(s.coverage),
                    "dont_know": _share(s.dont_know_share),
                    "rated_with_evidence": _share(s.evidence_share),
                },
                "tier": comparison.tier(i),
                "tier_range": _span(comparison.tiers.low[i], comparison.tiers.high[i]),
                "tier_range_by_dimension": _by_dimension(comparison.tiers, i),
                "dominated_by": [
                    comparison.candidates[j].key
                    for j in range(len(comparison.candidates))
                    if comparison.dominance[j, i]
                ],
                "sections": {col.key: _num(v) for col, v in zip(comparison.columns, comparison.matrix[i], strict=True)},
                "orderings": [orderings[c.key]] if c.key in orderings else [],
            }
        )
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "method": METHOD,
        "note": SELF_ASSESSMENT_REMINDER,
        "warnings": [{"code": w.code, "text": w.text} for w in comparison.context],
        "sections": [
            {"key": col.key, "label": col.label, "tolerance": _num(col.tolerance)} for col in comparison.columns
        ],
        "tier_variants": _variants(comparison.tiers),
        "ordering": None
        if o is None or oranges is None
        else {
            "framework": o.framework,
            "weights": o.weights,
            "nasss_mapping": o.mapping,
            "editorial_note": EDITORIAL_NOTE.format(framework=o.title),
            "variants": _variants(oranges),
        },
        "nasss_mappings": {name: list(values) for name, values in MAPPINGS.items()},
        "candidates": candidates,
    }
