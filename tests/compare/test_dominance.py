"""Dominance tiers (assessments.compare.dominance): hand-worked cases, the worked example of docs/scoring.md,
and the property that no candidate sits in a worse tier than one it dominates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.compare.dominance import (
    MISSING_BLOCKS,
    SHARED_ONLY,
    MissingRule,
    dominance_matrix,
    dominance_tiers,
    dominates,
    tier_members,
)

# The worked example of docs/scoring.md ("Comparing innovations"): SCIE innovation, SCIE external,
# NASSS technology, NASSS organisation, with the tolerances of the bundled SCIE (14 and 8 factors).
DOC_TOLERANCE = [100 / 42 - 0.1, 100 / 24 - 0.1, 50.0, 50.0]
DOC: dict[str, list[float | None]] = {
    "A": [64.3, 50.0, 50.0, 50.0],
    "B": [58.3, 45.8, 50.0, 0.0],
    "C": [81.0, 29.2, 100.0, None],  # organisation only "at least complicated": no value
    "D": [62.5, 48.0, 50.0, 0.0],
}
DOC_COMPLICATED_AS_COMPLEX: dict[str, list[float | None]] = {
    "A": [64.3, 50.0, 50.0, 0.0],
    "B": [58.3, 45.8, 50.0, 0.0],
    "C": [81.0, 29.2, 100.0, None],
    "D": [62.5, 48.0, 50.0, 0.0],
}


def test_doc_example_dominance__ok() -> None:
    """Should find A over B and D, D over B, and nobody comparable with C (its missing organisation)."""
    labels = list(DOC)
    dom = dominance_matrix(list(DOC.values()), tolerance=DOC_TOLERANCE)
    pairs = {(labels[i], labels[j]) for i in range(4) for j in range(4) if dom[i, j]}
    assert pairs == {("A", "B"), ("A", "D"), ("D", "B")}


def test_doc_example_tiers__ok() -> None:
    """Should give tier 1: A, C; tier 2: D; tier 3: B, as the worked example says."""
    tiers = dominance_tiers(list(DOC.values()), tolerance=DOC_TOLERANCE)
    assert tier_members(tiers, list(DOC)) == [(1, ["A", "C"]), (2, ["D"]), (3, ["B"])]


def test_doc_example_complicated_as_complex__ok() -> None:
    """Should put D in tier 1 and B in tier 2 once complicated counts as complex (A's SCIE leads are noise)."""
    tiers = dominance_tiers(list(DOC_COMPLICATED_AS_COMPLEX.values()), tolerance=DOC_TOLERANCE)
    assert tier_members(tiers, list(DOC)) == [(1, ["A", "C", "D"]), (2, ["B"])]


DOMINATES = [
    # (case, a, b, tolerance, rule, a dominates b)
    pytest.param([2, 2], [1, 1], None, MISSING_BLOCKS, True, id="better-everywhere"),
    pytest.param([2, 1], [1, 1], None, MISSING_BLOCKS, True, id="better-once-equal-else"),
    pytest.param([1, 1], [1, 1], None, MISSING_BLOCKS, False, id="equal-is-not-dominance"),
    pytest.param([2, 0], [1, 1], None, MISSING_BLOCKS, False, id="a-strength-never-offsets-a-weakness"),
    pytest.param([1.5, 1], [1, 1], [1, 1], MISSING_BLOCKS, False, id="lead-within-one-answer-is-a-tie"),
    pytest.param([2, 1], [1, 1], [1, 1], MISSING_BLOCKS, True, id="lead-of-one-answer-counts"),
    pytest.param([2, None], [1, 1], None, MISSING_BLOCKS, False, id="missing-on-one-side-blocks"),
    pytest.param([2, None], [1, None], None, MISSING_BLOCKS, True, id="missing-on-both-sides-skipped"),
    pytest.param([2, None], [1, 1], None, SHARED_ONLY, True, id="shared-only-skips-missing"),
    pytest.param([None, None], [None, None], None, SHARED_ONLY, False, id="nothing-shared-no-dominance"),
    pytest.param([None, 5], [1, 1], None, SHARED_ONLY, True, id="shared-only-one-section"),
]


@pytest.mark.parametrize(("a", "b", "tolerance", "rule", "expected"), DOMINATES)
def test_dominates__ok(
    a: list[float | None], b: list[float | None], tolerance: list[float] | None, rule: MissingRule, expected: bool
) -> None:
    """Should claim dominance only when at least as ready everywhere and clearly more ready somewhere."""
    assert dominates(a, b, tolerance=tolerance, rule=rule) is expected


def test_missing_is_never_imputed__ok() -> None:
    """Should not let a blank section count as zero (B is no worse than A where B has no value)."""
    assert not dominates([50, 50], [40, None])
    assert dominance_tiers([[50, 50], [40, None]]) == [1, 1]


def test_shared_only_cycle_ends__ok() -> None:
    """Should end the peeling when shared-only comparisons cycle, putting the cycle in one tier."""
    rows: list[list[float | None]] = [[1, 2, None], [None, 1, 2], [2, None, 1]]  # 0>1, 1>2, 2>0
    dom = dominance_matrix(rows, rule=SHARED_ONLY)
    assert dom[0, 1] and dom[1, 2] and dom[2, 0]
    assert dominance_tiers(rows, rule=SHARED_ONLY) == [1, 1, 1]


def test_tiers_chain__ok() -> None:
    """Should put a chain in successive tiers, and [3, 0] (below [3, 3], beside [2, 2]) in tier 2."""
    assert dominance_tiers([[1, 1], [3, 3], [2, 2], [3, 0]]) == [3, 1, 2, 2]  # [3, 3] is ahead of [3, 0] too


def test_tier_members_alphabetical__ok() -> None:
    """Should list each tier's members alphabetically, ignoring case."""
    assert tier_members([2, 1, 1, 2], ["zeta", "Beta", "alpha", "Gamma"]) == [
        (1, ["alpha", "Beta"]),
        (2, ["Gamma", "zeta"]),
    ]


def test_empty__ok() -> None:
    """Should give no tiers for no candidates."""
    assert dominance_tiers([]) == []


BAD = [
    pytest.param([[1, 2], [1]], None, id="ragged-rows"),
    pytest.param([[float("nan")]], None, id="nan-value"),
    pytest.param([[1.0]], [-1.0], id="negative-tolerance"),
    pytest.param([[1.0]], [1.0, 1.0], id="tolerance-wrong-length"),
]


@pytest.mark.parametrize(("matrix", "tolerance"), BAD)
def test_bad_input__error(matrix: list[list[float | None]], tolerance: list[float] | None) -> None:
    """Should refuse ragged rows, values that are not finite and a bad tolerance."""
    with pytest.raises(ValueError):
        dominance_tiers(matrix, tolerance=tolerance)


values = st.one_of(st.none(), st.sampled_from([0.0, 25.0, 33.3, 50.0, 66.7, 100.0]), st.floats(0, 100))


@st.composite
def matrices(draw: st.DrawFn) -> tuple[list[list[float | None]], list[float]]:
    cols = draw(st.integers(1, 5))
    rows = draw(st.lists(st.lists(values, min_size=cols, max_size=cols), min_size=0, max_size=12))
    tolerance = draw(st.lists(st.sampled_from([0.0, 2.3, 16.6, 50.0]), min_size=cols, max_size=cols))
    return rows, tolerance


@settings(max_examples=300, deadline=None, derandomize=True)
@given(case=matrices(), rule=st.sampled_from([MISSING_BLOCKS, SHARED_ONLY]))
def test_no_candidate_below_one_it_dominates__ok(
    case: tuple[list[list[float | None]], list[float]], rule: MissingRule
) -> None:
    """Should never place a candidate in a worse tier than a candidate it dominates (any matrix, either rule)."""
    rows, tolerance = case
    dom = dominance_matrix(rows, tolerance=tolerance, rule=rule)
    tiers = dominance_tiers(rows, tolerance=tolerance, rule=rule)
    for i in range(len(rows)):
        for j in range(len(rows)):
            if dom[i, j]:
                assert tiers[i] <= tiers[j]
                if rule == MISSING_BLOCKS:
                    assert tiers[i] < tiers[j]  # a strict partial order: the dominated one is strictly lower


@settings(max_examples=200, deadline=None, derandomize=True)
@given(case=matrices())
def test_default_rule_is_a_strict_partial_order__ok(case: tuple[list[list[float | None]], list[float]]) -> None:
    """Should be irreflexive and transitive under the default rule, so tiers are well defined."""
    rows, tolerance = case
    dom = dominance_matrix(rows, tolerance=tolerance)
    n = len(rows)
    assert not any(dom[i, i] for i in range(n))
    for i in range(n):
        for j in range(n):
            for k in range(n):
                if dom[i, j] and dom[j, k]:
                    assert dom[i, k]


@settings(max_examples=100, deadline=None, derandomize=True)
@given(case=matrices())
def test_tier_one_is_undominated__ok(case: tuple[list[list[float | None]], list[float]]) -> None:
    """Should put in tier 1 exactly the candidates nobody dominates."""
    rows, tolerance = case
    dom = dominance_matrix(rows, tolerance=tolerance)
    tiers = dominance_tiers(rows, tolerance=tolerance)
    assert [t == 1 for t in tiers] == [not dom[:, j].any() for j in range(len(rows))]
