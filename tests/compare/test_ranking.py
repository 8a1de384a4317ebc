"""Tests for assessments.compare.ranking: the weighted ranking, ties, missing sections and rank stability.

Every expected number is worked out by hand in the comment beside it (see tests/compare/scored.py).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from assessments.compare.ranking import (
    CAVEAT,
    alternative_weightings,
    competition_ranks,
    rank_candidates,
    readiness_matrix,
)
from assessments.errors import ErrorCode, InputError
from assessments.models import Framework
from tests.compare.scored import A0, A1, A2, A3, make, ready


def test_rank_hand_computed__ok(rfw: dict[str, Framework]) -> None:
    """Should rank by the weighted mean of section scores, as computed by hand."""
    a = make(rfw, "A", ready(r_evidence=A3, r_vision=A3, r_staff=A3, r_funding=A0, r_networks=A0))  # 100, 0
    b = make(rfw, "B", ready(r_evidence=A2, r_vision=A2, r_staff=A2, r_funding=A2, r_networks=A2))  # 66.7, 66.7
    equal = rank_candidates([a, b], rfw, stability=False)
    assert [r.key for r in equal.rows] == ["B", "A"]
    assert equal.by_key()["A"].score == pytest.approx(50.0)
    assert equal.by_key()["B"].score == pytest.approx(66.7)
    tilted = rank_candidates([a, b], rfw, {"tiny_readiness.inner": 3}, stability=False)
    # A: (3*100 + 0)/4 = 75; B: 66.7
    assert [r.key for r in tilted.rows] == ["A", "B"]
    assert tilted.by_key()["A"].score == pytest.approx(75.0)
    assert [r.rank for r in tilted.rows] == [1, 2]


def test_rank_all_frameworks_hand_computed__ok(tiny_frameworks: dict[str, Framework]) -> None:
    """Should put NASSS levels at 100/50/0 and SIPS readiness on the same axis."""
    c = make(
        tiny_frameworks,
        "C",
        {
            "tiny_readiness": {"r_evidence": A3, "r_vision": A0, "r_staff": A0, "r_funding": A3, "r_networks": A3},
            "tiny_complexity": {"c_needs": "simple", "c_parts": "complicated", "c_policy": "complex"},
            "tiny_planning": {"p_theory": "in_place", "p_costs": "in_progress", "p_plan": "not_started"},
        },
    )
    ranking = rank_candidates([c], tiny_frameworks, stability=False)
    row = ranking.rows[0]
    # inner 33.3, outer 100, people 100, model 50, system 0, define 100, money 25 -> 408.3 / 7
    assert row.section_values["tiny_complexity.model"] == 50.0
    assert row.section_values["tiny_planning.money"] == 25.0
    assert row.score == pytest.approx((33.3 + 100 + 100 + 50 + 0 + 100 + 25) / 7)
    assert row.coverage == pytest.approx(100.0)
    assert row.rank == 1


def test_rank_missing_sections_renormalised__ok(tiny_frameworks: dict[str, Framework]) -> None:
    """Should leave out sections with nothing rated (don't know is not imputed) and report coverage."""
    c = make(
        tiny_frameworks,
        "C",
        {"tiny_complexity": {"c_needs": "simple", "c_parts": "complicated", "c_policy": "dont_know"}},
    )
    ranking = rank_candidates([c], tiny_frameworks, {"tiny_complexity.people": 2}, stability=False)
    row = ranking.rows[0]
    # only people (100, weight 2) and model (50, weight 1) have values: (200 + 50) / 3
    assert row.section_values["tiny_complexity.system"] is None
    assert row.score == pytest.approx(250 / 3)
    assert row.coverage == pytest.approx(100 * 3 / 8)  # total weight 2 + 6 × 1
    assert row.sections_scored == 2


def test_rank_ties_share_rank__ok(rfw: dict[str, Framework]) -> None:
    """Should give equal scores the same rank and skip the next (1, 1, 3); unscored last, unranked."""
    same = {"r_evidence": A2, "r_funding": A1}
    a = make(rfw, "A", ready(**same))
    b = make(rfw, "B", ready(**same))
    c = make(rfw, "C", ready(r_evidence=A0))
    d = make(rfw, "D", ready(r_evidence="dont_know"))
    ranking = rank_candidates([c, d, b, a], rfw)
    assert [(r.key, r.rank) for r in ranking.rows] == [("A", 1), ("B", 1), ("C", 3), ("D", None)]
    assert ranking.by_key()["D"].rank_range == "not ranked"
    assert ranking.by_key()["D"].coverage == 0.0


def test_rank_invalid_weights__error(rfw: dict[str, Framework]) -> None:
    """Should refuse invalid weights rather than rank with them."""
    a = make(rfw, "A", ready(r_evidence=A2))
    with pytest.raises(InputError) as exc:
        rank_candidates([a], rfw, {"tiny_readiness.inner": 0, "tiny_readiness.outer": 0})
    assert exc.value.codes == [ErrorCode.COMPARE_003]


def test_rank_nothing__ok(rfw: dict[str, Framework]) -> None:
    """Should return an empty ranking for no candidates rather than fail."""
    assert rank_candidates([], rfw).rows == ()


def test_competition_ranks__ok() -> None:
    """Should rank each column independently, highest first, NaN unranked (0)."""
    scores = np.array([[10.0, 1.0], [20.0, 1.0], [np.nan, 3.0], [20.0, 2.0]])
    assert competition_ranks(scores).tolist() == [[3, 3], [1, 3], [0, 1], [1, 2]]


def test_stability_one_weight_flips_order__ok(rfw: dict[str, Framework]) -> None:
    """Should show a 2–3 range for two candidates whose order flips when one weight doubles."""
    a = make(rfw, "A", ready(r_evidence=A3, r_vision=A3, r_staff=A3, r_funding=A0, r_networks=A0))  # 100, 0
    b = make(rfw, "B", ready(r_evidence=A2, r_vision=A2, r_staff=A2, r_funding=A1, r_networks=A2))  # 66.7, 50
    c = make(rfw, "C", ready(r_evidence=A3, r_vision=A3, r_staff=A3, r_funding=A3, r_networks=A3))  # 100, 100
    base = rank_candidates([a, b, c], rfw)
    # equal: A 50, B 58.3 -> B before A; inner doubled: A 66.7, B 61.1 -> A before B
    assert [r.key for r in base.rows] == ["C", "B", "A"]
    doubled = rank_candidates([a, b, c], rfw, {"tiny_readiness.inner": 2}, stability=False)
    assert [r.key for r in doubled.rows] == ["C", "A", "B"]
    ranges = {r.key: r.rank_range for r in base.rows}
    assert ranges == {"C": "1", "B": "2–3", "A": "2–3"}
    assert base.alternatives == 2 * 2 + 50


def test_stability_dominant_order__ok(rfw: dict[str, Framework]) -> None:
    """Should keep a single rank when one candidate is better in every section."""
    a = make(rfw, "A", ready(r_evidence=A3, r_funding=A3))
    b = make(rfw, "B", ready(r_evidence=A1, r_funding=A1))
    ranking = rank_candidates([a, b], rfw)
    assert [(r.best_rank, r.worst_rank) for r in ranking.rows] == [(1, 1), (2, 2)]


def test_alternative_weightings_fixed__ok() -> None:
    """Should build the documented set: halve/double each non-zero weight, then seeded random factors in [1/2, 2]."""
    alt = alternative_weightings([1.0, 0.0, 4.0], runs=10, seed=1)
    assert alt.shape == (2 * 2 + 10, 3)
    assert alt[:4].tolist() == [[0.5, 0, 4], [2, 0, 4], [1, 0, 2], [1, 0, 8]]
    assert (alt[:, 1] == 0).all()
    ratios = alt[4:, [0, 2]] / np.array([1.0, 4.0])
    assert ((ratios >= 0.5) & (ratios <= 2.0)).all()
    assert np.array_equal(alt, alternative_weightings([1.0, 0.0, 4.0], runs=10, seed=1))


def test_readiness_matrix_nan_for_missing__ok(rfw: dict[str, Framework]) -> None:
    """Should hold NaN, never a made-up number, for a section with nothing rated."""
    a = make(rfw, "A", ready(r_evidence="dont_know", r_funding=A3))
    m = readiness_matrix([a], rfw)
    assert math.isnan(m.values[0, 0]) and m.values[0, 1] == 100.0


def test_caveat_says_not_validated__ok() -> None:
    """Should say the ranking is a decision aid over self-assessments, not a validated score."""
    assert "self-assessments" in CAVEAT and "not a validated score" in CAVEAT
