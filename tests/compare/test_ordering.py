"""The optional ordering inside one framework (assessments.compare.ordering), hand-worked on the tiny frameworks.

tiny_readiness: inner = r_evidence, r_vision, r_staff; outer = r_funding, r_networks (+ a text item). 0-3.
tiny_complexity: people = c_needs, c_context; model = c_parts, c_knowhow; system = c_policy. 1-3.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.catalogue import load_frameworks
from assessments.compare.ordering import (
    Ordering,
    Profile,
    Scenario,
    answer_effect,
    check_orderable,
    framework_weights,
    order_within,
    positions,
    profile_of,
    score,
)
from assessments.errors import InputError
from assessments.models import Answer, Assessment, Framework, Innovation
from assessments.scoring import score_assessment
from tests.compare.scored import A0, A1, A2, A3, make
from tests.conftest import FIXTURES
from tests.strategies import answers_for

TINY = load_frameworks(FIXTURES)
R, C = TINY["tiny_readiness"], TINY["tiny_complexity"]


def _ready(inner: tuple[str, str, str], outer: tuple[str, str]) -> dict[str, dict[str, str]]:
    keys = ("r_evidence", "r_vision", "r_staff", "r_funding", "r_networks")
    return {"tiny_readiness": dict(zip(keys, (*inner, *outer), strict=True))}


def _order(fw: Framework, weights: dict[str, float], **answers: dict[str, dict[str, str]]) -> Ordering:
    cands = [make(TINY, key, a) for key, a in answers.items()]
    return order_within(fw, [c.key for c in cands], [c.label for c in cands], [c.result for c in cands], weights)


def test_scie_ordering_hand_worked__ok() -> None:
    """Should score P 100, Q 94.4 (tied with P: 5.6 < 8.3), R 16.7 with a range 16.7-41.7 from one don't know."""
    o = _order(
        R,
        {},
        P=_ready((A3, A3, A3), (A3, A3)),
        Q=_ready((A3, A3, A2), (A3, A3)),  # inner 8/9 = 88.9; (88.9 + 100) / 2 = 94.4
        R=_ready((A1, A1, A1), ("dont_know", A0)),  # (33.3 + 0) / 2 = 16.7; best outer (3 + 0) / 6 = 50
    )
    rows = {r.key: r for r in o.rows}
    assert [r.key for r in o.rows] == ["P", "Q", "R"]
    assert rows["P"].score == pytest.approx(100.0) and rows["Q"].score == pytest.approx(850 / 9)
    # one answer's effect: inner 100 / (3 × 3) × 1/2 = 5.6; outer 100 / (3 × 2) × 1/2 = 8.3
    assert rows["P"].effect == pytest.approx(100 / 12)
    assert (rows["P"].position, rows["Q"].position, rows["R"].position) == (1, 1, 3)
    r = rows["R"]
    assert (r.score, r.worst, r.best) == pytest.approx((50 / 3, 50 / 3, 125 / 3))
    assert r.effect == pytest.approx(100 / 6)  # outer has one rated factor: one step is 33.3 of it, half the weight
    assert (r.dont_know, r.coverage) == (1, 1.0)


def test_weights_used_and_coverage__ok() -> None:
    """Should weight inner 3 and outer 1, and report the share of weight on sections with a value."""
    o = _order(R, {"tiny_readiness.inner": 3.0}, X=_ready((A3, A3, A0), ("", "")))
    (row,) = o.rows
    assert o.weights == {"tiny_readiness.inner": 3.0, "tiny_readiness.outer": 1.0}
    assert row.score == pytest.approx(200 / 3)  # only inner rated: its mean, outer left out (never 0)
    assert row.coverage == pytest.approx(0.75)


def test_nothing_rated_is_not_ordered__ok() -> None:
    """Should give no score and no position to a candidate with nothing rated, listed last."""
    o = _order(R, {}, Blank={"tiny_readiness": {}}, Some=_ready((A1, A1, A1), (A1, A1)))
    assert [(r.key, r.position, r.score) for r in o.rows] == [
        ("Some", 1, pytest.approx(100 / 3)),
        ("Blank", None, None),
    ]


def test_nasss_ordering_hand_worked__ok() -> None:
    """Should count each domain at its most complex answer (100/50/0) and take don't know as simple or complex."""
    o = _order(
        C,
        {},
        S={"tiny_complexity": {"c_needs": "complex", "c_context": "simple", "c_parts": "simple", "c_knowhow": "simple",
                               "c_policy": "complicated"}},  # (0 + 100 + 50) / 3 = 50
        T={"tiny_complexity": {"c_needs": "complicated", "c_context": "dont_know", "c_parts": "simple",
                               "c_policy": "simple"}},  # (50 + 100 + 100) / 3 = 83.3; worst people complex: 66.7
    )  # fmt: skip
    rows = {r.key: r for r in o.rows}
    assert o.mapping == "100/50/0"
    assert rows["S"].score == pytest.approx(50.0)
    assert (rows["T"].score, rows["T"].worst, rows["T"].best) == pytest.approx((250 / 3, 200 / 3, 250 / 3))
    assert rows["S"].effect == pytest.approx(50 / 3)  # one domain one level (50) of three equal weights
    assert (rows["T"].position, rows["S"].position) == (1, 2)  # 33.3 apart, more than 16.7


def test_positions_ties__ok() -> None:
    """Should share a position when two scores differ by less than the larger effect, and count who is clearly ahead."""
    assert positions([90.0, 85.0, 60.0, None], [6.0, 2.0, 2.0, 0.0]) == [1, 1, 3, None]
    assert positions([90.0, 85.0], [5.0, 5.0]) == [1, 2]  # exactly one answer apart is not "less than"
    assert positions([], []) == []


def test_sips_cannot_be_ordered__error(frameworks: dict[str, Framework]) -> None:
    """Should refuse to order within the SIPS planning record, which has no score, or an unknown framework."""
    for fid in ("sips", "nope"):
        with pytest.raises(InputError) as exc:
            check_orderable(fid, frameworks)
        assert exc.value.problems[0].code.code == "COMPARE_004"
    assert check_orderable("scie", frameworks).id == "scie"


def test_all_weights_zero__error() -> None:
    """Should refuse an ordering whose framework's sections all weigh 0."""
    with pytest.raises(InputError, match="weight 0"):
        framework_weights({"tiny_readiness.inner": 0, "tiny_readiness.outer": 0}, R)


def _brute_effect(p: Profile, scenario: Scenario, complexity: bool) -> float:
    base = score(p, scenario, complexity=complexity)[0]
    if base is None:
        return 0.0
    out = 0.0
    for idx, item in enumerate(p.items):
        if item.rank is None:
            continue
        for new in (item.rank - 1, item.rank + 1):
            if 0 <= new <= item.steps:
                moved = score(p, scenario, complexity=complexity, moved=(idx, new))[0]
                if moved is not None:
                    out = max(out, abs(moved - base))
    return out


@settings(max_examples=80, deadline=None, derandomize=True)
@given(
    fid=st.sampled_from(["tiny_readiness", "tiny_complexity"]),
    data=st.data(),
    weights=st.lists(st.sampled_from([0.0, 0.5, 1.0, 3.0]), min_size=3, max_size=3),
    per_item=st.booleans(),
    mapping=st.sampled_from(["100/50/0", "100/0/0", "100/75/0"]),
)
def test_answer_effect_matches_rescoring__ok(
    fid: str, data: st.DataObject, weights: list[float], per_item: bool, mapping: str
) -> None:
    """Should give the same one-answer effect as re-scoring every one-step move of every rated answer."""
    fw = TINY[fid]
    answers: dict[str, Answer] = data.draw(answers_for(fw))
    result = score_assessment(Assessment(innovation=Innovation(name="x"), answers={fid: answers}), {fid: fw})
    profile = profile_of(result, fw)
    complexity = fid == "tiny_complexity"
    scenario = Scenario(weights=tuple(weights[: len(fw.sections)]), per_item=per_item, mapping=mapping)
    assert answer_effect(profile, scenario, complexity=complexity) == pytest.approx(
        _brute_effect(profile, scenario, complexity)
    )
