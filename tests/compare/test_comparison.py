"""Tests for assessments.compare.comparison: weights, ranking, stability and side-by-side tables.

Candidates are real assessments of the tiny fixture frameworks, scored by the
real scoring module; every expected number below is worked out by hand in the
comment beside it (readiness section = mean of value/max × 100; NASSS level
simple/complicated/complex = 100/50/0; SIPS = readiness).
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from assessments.compare.comparison import (
    CAVEAT,
    Candidate,
    alternative_weightings,
    competition_ranks,
    default_weights,
    evidence_rows,
    factor_matrix,
    factor_table,
    filter_candidates,
    nasss_grid,
    parse_weights_yaml,
    rank_candidates,
    readiness_matrix,
    summary_table,
    unique_labels,
    validate_profile_name,
    validate_weights,
    weight_keys,
    weights_yaml,
)
from assessments.errors import ErrorCode, InputError
from assessments.models import Answer, Assessment, AssessmentMeta, AssessorRole, EvidenceType, Framework, Innovation
from assessments.models import Stage as St
from assessments.scoring import score_assessment


def make(
    frameworks: dict[str, Framework],
    key: str,
    answers: dict[str, dict[str, str]],
    *,
    evidence: dict[str, tuple[EvidenceType, ...]] | None = None,
    stage: St | None = None,
    role: AssessorRole | None = None,
    on: dt.date | None = None,
) -> Candidate:
    """A scored candidate from option ids per framework and item."""
    evidence = evidence or {}
    parsed = {
        fid: {iid: Answer(value=v, evidence=evidence.get(iid, ())) for iid, v in items.items()}
        for fid, items in answers.items()
    }
    a = Assessment(
        innovation=Innovation(name=key),
        assessment=AssessmentMeta(stage=stage, assessor_role=role, assessed_on=on),
        answers=parsed,
    )
    return Candidate(key=key, label=key, assessment=a, result=score_assessment(a, frameworks), source="test")


def ready(**values: str) -> dict[str, dict[str, str]]:
    """Answers to the tiny readiness framework."""
    return {"tiny_readiness": values}


A3 = "addressed"
A2 = "partly_addressed"
A1 = "recognised"
A0 = "not_considered"


@pytest.fixture(name="rfw")
def _rfw(readiness_fw: Framework) -> dict[str, Framework]:
    return {"tiny_readiness": readiness_fw}


def test_weight_keys__ok(tiny_frameworks: dict[str, Framework]) -> None:
    """Should list one framework.section key per section, defaults equal to 1."""
    keys = weight_keys(tiny_frameworks)
    assert "tiny_readiness.inner" in keys and "tiny_complexity.system" in keys and "tiny_planning.money" in keys
    assert len(keys) == 2 + 3 + 2
    assert set(default_weights(tiny_frameworks).values()) == {1.0}


# ----------------------------------------------------------------------------- ranking


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


# ----------------------------------------------------------------------------- stability


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


# ----------------------------------------------------------------------------- weights validation


@pytest.mark.parametrize(
    ("raw", "codes"),
    [
        ({"nope.section": 1}, [ErrorCode.COMPARE_002]),
        ({"tiny_readiness.inner": 11}, [ErrorCode.COMPARE_001]),
        ({"tiny_readiness.inner": -0.5}, [ErrorCode.COMPARE_001]),
        ({"tiny_readiness.inner": "lots"}, [ErrorCode.COMPARE_001]),
        ({"tiny_readiness.inner": True}, [ErrorCode.COMPARE_001]),
        ({"tiny_readiness.inner": float("nan")}, [ErrorCode.COMPARE_001]),
        ({"tiny_readiness.inner": None}, [ErrorCode.COMPARE_001]),
        ({"tiny_readiness.inner": 0, "tiny_readiness.outer": 0}, [ErrorCode.COMPARE_003]),
        ({"x.y": 1, "tiny_readiness.outer": 20}, [ErrorCode.COMPARE_002, ErrorCode.COMPARE_001]),
    ],
)
def test_validate_weights__error(rfw: dict[str, Framework], raw: dict[str, object], codes: list[ErrorCode]) -> None:
    """Should report each bad weight with its COMPARE code."""
    with pytest.raises(InputError) as exc:
        validate_weights(raw, rfw)
    assert exc.value.codes == codes


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({}, {"tiny_readiness.inner": 1.0, "tiny_readiness.outer": 1.0}),
        ({"tiny_readiness.inner": 2.5}, {"tiny_readiness.inner": 2.5, "tiny_readiness.outer": 1.0}),
        (
            {"tiny_readiness.outer": "0", "tiny_readiness.inner": 10},
            {"tiny_readiness.inner": 10, "tiny_readiness.outer": 0},
        ),
    ],
)
def test_validate_weights__ok(rfw: dict[str, Framework], raw: dict[str, object], expected: dict[str, float]) -> None:
    """Should fill missing keys with the default and keep key order."""
    assert validate_weights(raw, rfw) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("- 1\n- 2\n", ErrorCode.COMPARE_005),
        ("tiny_readiness.inner: [1\n", ErrorCode.COMPARE_005),
        ("tiny_readiness.inner: 12\n", ErrorCode.COMPARE_001),
        ("scie.nope: 1\n", ErrorCode.COMPARE_002),
    ],
)
def test_parse_weights_yaml__error(rfw: dict[str, Framework], text: str, code: ErrorCode) -> None:
    """Should turn YAML and value problems into COMPARE codes with the file name."""
    with pytest.raises(InputError) as exc:
        parse_weights_yaml(text, rfw, file="w.yaml")
    assert exc.value.codes == [code]
    assert exc.value.problems[0].file == "w.yaml"


def test_weights_yaml_round_trip__ok(rfw: dict[str, Framework]) -> None:
    """Should write weights as YAML that reads back the same."""
    w = {"tiny_readiness.inner": 2.5, "tiny_readiness.outer": 0.0}
    assert parse_weights_yaml(weights_yaml(w), rfw) == w


@pytest.mark.parametrize(("name", "ok"), [("Prevention first", True), ("a" * 61, False), ("=cmd", False), ("", False)])
def test_validate_profile_name(name: str, ok: bool) -> None:
    """Should accept plain names and refuse empty, long or formula-like ones (COMPARE_006)."""
    if ok:
        assert validate_profile_name(name) == name
    else:
        with pytest.raises(InputError) as exc:
            validate_profile_name(name)
        assert exc.value.codes == [ErrorCode.COMPARE_006]


# ----------------------------------------------------------------------------- tables


def test_evidence_rows__ok(rfw: dict[str, Framework]) -> None:
    """Should count don't know, unanswered and answers citing evidence, by type."""
    a = make(
        rfw,
        "A",
        ready(r_evidence=A3, r_vision=A2, r_staff="dont_know", r_funding="not_applicable"),
        evidence={"r_evidence": (EvidenceType.RESEARCH, EvidenceType.LIVED_EXPERIENCE)},
    )
    (row,) = evidence_rows([a])
    # 6 items: 2 answered, 1 don't know, 1 n/a, 2 unanswered (networks + the text item)
    assert (row.answered, row.dont_know, row.not_applicable, row.unanswered, row.total) == (2, 1, 1, 2, 6)
    assert row.with_evidence == 1
    assert row.evidenced_share == 50.0
    assert row.by_type[EvidenceType.RESEARCH] == 1 and row.by_type[EvidenceType.EVALUATION_DATA] == 0


def test_nasss_grid_sorted__ok(complexity_fw: Framework) -> None:
    """Should write each domain's level (unknown when nothing rated) and sort by complex count."""
    fws = {"tiny_complexity": complexity_fw}
    one = make(fws, "One", {"tiny_complexity": {"c_needs": "complex", "c_parts": "simple"}})
    two = make(fws, "Two", {"tiny_complexity": {"c_needs": "complex", "c_parts": "complex", "c_policy": "dont_know"}})
    rows = nasss_grid([one, two], complexity_fw, sort_by_complex=True)
    assert [(r.label, r.levels, r.complex_count) for r in rows] == [
        ("Two", ("complex", "complex", "unknown"), 2),
        ("One", ("complex", "simple", "unknown"), 1),
    ]


def test_factor_matrix_marks_priorities__ok(rfw: dict[str, Framework], readiness_fw: Framework) -> None:
    """Should mark priority factors with a star and their number, and show don't know as text."""
    a = make(rfw, "A", ready(r_evidence=A3, r_vision="dont_know"))
    m = factor_matrix([a], readiness_fw)
    assert m.item_labels[:3] == ("★ P7 Evidence", "Vision", "★ P4 Staff")
    assert m.values[0] == (3,) and m.values[1] == (None,) and m.max_value == 3
    table = factor_table(m)
    assert table.rows[1] == ("Vision", "don't know")
    assert table.rows[2] == ("★ P4 Staff", "—")


def test_summary_table_values__ok(tiny_frameworks: dict[str, Framework]) -> None:
    """Should give native section values and flag counts as values."""
    c = make(
        tiny_frameworks,
        "C",
        {
            "tiny_readiness": {"r_evidence": A0, "r_vision": A3},
            "tiny_complexity": {"c_needs": "complex", "c_parts": "complex"},
        },
    )
    t = summary_table([c], tiny_frameworks)
    row = dict(zip(t.columns, t.rows[0], strict=True))
    assert row["Tiny R: Inner factors (0-100)"] == 50.0
    assert row["Tiny C: People and needs (level)"] == "complex"
    assert row["Tiny C: The wider system (level)"] == "unknown"
    assert row["Complex domains"] == 2
    assert row["Priority gaps"] >= 1
    assert "NASSS_MULTIPLE_COMPLEX" in row["Flags"]


def test_filter_candidates__ok(rfw: dict[str, Framework]) -> None:
    """Should keep only candidates matching stage, role and the date range."""
    a = make(rfw, "A", {}, stage=St.PILOT, role=AssessorRole.INNOVATOR, on=dt.date(2025, 1, 10))
    b = make(rfw, "B", {}, stage=St.SPREADING, role=AssessorRole.COMMISSIONER, on=dt.date(2025, 6, 1))
    c = make(rfw, "C", {})
    all3 = [a, b, c]
    assert [x.key for x in filter_candidates(all3)] == ["A", "B", "C"]
    assert [x.key for x in filter_candidates(all3, stages=[St.PILOT])] == ["A"]
    assert [x.key for x in filter_candidates(all3, roles=[AssessorRole.COMMISSIONER])] == ["B"]
    assert [x.key for x in filter_candidates(all3, date_from=dt.date(2025, 2, 1))] == ["B"]
    assert [x.key for x in filter_candidates(all3, date_to=dt.date(2025, 2, 1))] == ["A"]


def test_unique_labels__ok() -> None:
    """Should keep the first label and number repeats."""
    assert unique_labels(["X", "Y", "X", "X"]) == ["X", "Y", "X #2", "X #3"]


def test_readiness_matrix_nan_for_missing__ok(rfw: dict[str, Framework]) -> None:
    """Should hold NaN, never a made-up number, for a section with nothing rated."""
    a = make(rfw, "A", ready(r_evidence="dont_know", r_funding=A3))
    m = readiness_matrix([a], rfw)
    assert math.isnan(m.values[0, 0]) and m.values[0, 1] == 100.0


def test_caveat_says_not_validated__ok() -> None:
    """Should say the ranking is a decision aid over self-assessments, not a validated score."""
    assert "self-assessments" in CAVEAT and "not a validated score" in CAVEAT
