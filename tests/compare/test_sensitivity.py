"""Sensitivity (assessments.compare.sensitivity): each dimension hand-worked on the tiny frameworks.

Tolerances of the tiny readiness sections (one answer's effect, less 0.1 for rounding): inner (3 factors)
100 / 9 - 0.1 = 11.0; outer (2 factors) 100 / 6 - 0.1 = 16.6; a complexity domain: one level.
"""

from __future__ import annotations

from assessments.catalogue import load_frameworks
from assessments.compare.candidates import Candidate
from assessments.compare.sections import section_columns, stored_section_values
from assessments.compare.sensitivity import (
    RANDOM_RUNS,
    Ranges,
    ordering_sensitivity,
    random_weightings,
    tier_sensitivity,
    tier_sensitivity_of,
)
from assessments.methods import method_of
from assessments.models import AssessmentResult
from tests.compare.scored import A0, A1, A2, A3, make
from tests.conftest import FIXTURES

TINY = load_frameworks(FIXTURES)
RC = {f: TINY[f] for f in ("tiny_readiness", "tiny_complexity")}
EASY = {"c_needs": "complicated", "c_context": "complicated", "c_parts": "simple", "c_knowhow": "simple",
        "c_policy": "simple"}  # fmt: skip
"""People complicated (50), model simple (100), system simple (100)."""


def cand(key: str, inner: tuple[str, str, str], outer: tuple[str, str], complexity: dict[str, str]) -> Candidate:
    keys = ("r_evidence", "r_vision", "r_staff", "r_funding", "r_networks")
    ready = {k: v for k, v in zip(keys, (*inner, *outer), strict=True) if v}
    return make(RC, key, {"tiny_readiness": ready, "tiny_complexity": complexity})


def tiers(*cands: Candidate) -> Ranges:
    return tier_sensitivity([c.result for c in cands], RC)


def test_mapping_moves_a_tier__ok() -> None:
    """Should put D below A by default (complex against complicated) and beside A when complicated counts as complex."""
    a = cand("A", (A2, A2, A2), (A2, A2), EASY)
    d = cand("D", (A2, A2, A2), (A2, A2), EASY | {"c_needs": "complex"})
    r = tiers(a, d)
    assert r.base == (1, 2)
    assert r.by_dimension["mapping"] == ((1, 1), (1, 2))
    assert r.by_dimension["noise"] == ((1, 1), (2, 2))
    assert (r.low, r.high) == ((1, 1), (1, 2))


def test_noise_moves_a_tier__ok() -> None:
    """Should tie G (83.3 from 2 rated factors) with F (77.8 from 3): 5.6 apart, less than one answer (11.0)."""
    f = cand("F", (A3, A2, A2), (A2, A2), EASY)
    g = cand("G", (A3, A2, "dont_know"), (A2, A2), EASY)
    r = tiers(f, g)
    assert r.base == (1, 1)
    assert r.by_dimension["noise"] == ((1, 2), (1, 1))  # any difference counting puts F below G
    assert r.by_dimension["mapping"] == ((1, 1), (1, 1))


def test_missing_data_moves_a_tier__ok() -> None:
    """Should leave H (people only 'at least complicated') incomparable with A by default, below A otherwise."""
    a = cand("A", (A2, A2, A2), (A2, A2), EASY)
    h = cand("H", (A2, A2, A2), (A2, A1), EASY | {"c_context": "dont_know"})  # outer 50 against 66.7: clear
    r = tiers(a, h)
    assert r.base == (1, 1)
    assert r.by_dimension["missing"] == ((1, 1), (1, 2))
    names = [v.name for v in r.variants if v.dimension == "missing"]
    assert len(names) == 2  # floors counted at their level; only shared sections compared


def ready_results(**answers: tuple[tuple[str, str, str], tuple[str, str]]) -> list[AssessmentResult]:
    return [cand(k, inner, outer, {}).result for k, (inner, outer) in answers.items()]


R = TINY["tiny_readiness"]
SECTIONS = ["Inner factors", "Outer factors"]


def test_weight_perturbation_range__ok() -> None:
    """Should give U (100 inside, 0 outside) position 2 with equal weights and a tie for first when inner is doubled."""
    results = ready_results(U=((A3, A3, A3), (A0, A0)), V=((A2, A2, A2), (A2, A2)))
    r = ordering_sensitivity(R, results, [1.0, 1.0], SECTIONS)
    assert r.base == (2, 1)  # U 50, V 66.7: 16.7 apart, more than one answer (8.3)
    assert r.by_dimension["weights"][0] == (1, 2)  # inner doubled: U (200 + 0) / 3 = 66.7, a tie
    assert sum(1 for v in r.variants if v.dimension == "weights") == 4 + RANDOM_RUNS


def test_weight_per_factor_range__ok() -> None:
    """Should tie W and Z when every factor weighs the same (9 of 15 points each), not per section (50 and 66.7)."""
    results = ready_results(W=((A3, A3, A3), (A0, A0)), Z=((A1, A1, A1), (A3, A3)))
    r = ordering_sensitivity(R, results, [1.0, 1.0], SECTIONS)
    assert r.base == (2, 1)
    assert r.by_dimension["scheme"] == ((1, 2), (1, 1))


def test_missing_data_rule_range__ok() -> None:
    """Should separate M1 and M2 when only the sections both have a value for are kept."""
    results = ready_results(M1=((A2, A2, A2), ("", "")), M2=((A2, A1, A1), (A3, A3)))
    r = ordering_sensitivity(R, results, [1.0, 1.0], SECTIONS)
    assert r.base == (1, 1)  # M1 66.7 (inner only), M2 (44.4 + 100) / 2 = 72.2: 5.6 apart, a tie
    assert r.by_dimension["missing"] == ((1, 1), (1, 2))  # inner only: 66.7 against 44.4


def test_nasss_mapping_range__ok() -> None:
    """Should tie N1 and N2 when complicated counts 75, and put N2 first with the default 100/50/0."""
    c = TINY["tiny_complexity"]
    n1 = make(TINY, "N1", {"tiny_complexity": {"c_needs": "complicated", "c_parts": "complicated",
                                                "c_policy": "complicated"}})  # fmt: skip
    n2 = make(TINY, "N2", {"tiny_complexity": {"c_needs": "simple", "c_parts": "simple", "c_policy": "complex"}})
    r = ordering_sensitivity(c, [n1.result, n2.result], [1.0, 1.0, 0.5], ["People", "Model", "System"])
    assert r.base == (2, 1)  # N1 (50 + 50 + 25) / 2.5 = 50; N2 (100 + 100 + 0) / 2.5 = 80
    assert r.by_dimension["mapping"] == ((1, 2), (1, 1))  # 100/75/0: N1 75 against 80, within one level's effect
    assert "scheme" in r.by_dimension and not any(v.name == "equal weight per factor" for v in r.variants)


def test_random_weightings_fixed__ok() -> None:
    """Should draw the same weightings every time, each weight within 1/2 and 2 times its value, zero kept zero."""
    first = random_weightings([1.0, 0.0, 4.0])
    assert first == random_weightings([1.0, 0.0, 4.0])
    assert len(first) == RANDOM_RUNS
    assert all(0.5 <= w[0] <= 2.0 and w[1] == 0.0 and 2.0 <= w[2] <= 8.0 for w in first)


def test_tiers_from_stored_values_match_scoring__ok() -> None:
    """Should give the same tiers from values kept as [value, level, at_least] as from fresh scoring."""
    cands = [
        cand("A", (A2, A2, A2), (A2, A2), EASY),
        cand("D", (A2, A2, A2), (A2, A2), EASY | {"c_needs": "complex"}),
        cand("H", (A2, A2, A2), (A2, A1), EASY | {"c_context": "dont_know"}),
    ]
    stored = [
        {f"{fr.framework}.{s.id}": [method_of(fr).ranking_value(s), s.level, s.at_least] for fr in c.result.results
         for s in fr.sections}
        for c in cands
    ]  # fmt: skip
    fresh = tiers(*cands)
    kept = tier_sensitivity_of(stored_section_values(stored, section_columns(RC)), RC)
    assert (kept.base, kept.low, kept.high, kept.by_dimension) == (
        fresh.base,
        fresh.low,
        fresh.high,
        fresh.by_dimension,
    )
    assert fresh.base == (1, 2, 1)
