"""The non-compensatory screen (assessments.screen), hand-worked against the tiny fixture frameworks.

Fixture items (tests/fixtures/tiny_*.yaml; 16 questions in all):

* tiny_readiness (6): r_evidence (priority 7), r_vision, r_staff (priority 4), r_funding (priority 3),
  r_networks, r_context (text). Scale 0-3.
* tiny_complexity (5): people = c_needs, c_context; model = c_parts, c_knowhow; system = c_policy. 1-3.
* tiny_planning (5): p_problem (text), p_theory (check), p_end_date (date), p_costs, p_plan (checks).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings

from assessments.catalogue import Catalogue, bundled_frameworks, load_frameworks
from assessments.models import Answer, Assessment, EvidenceType, Innovation
from assessments.scoring import score_assessment
from assessments.screen import CODES, Screen, ScreenWarning, screen_from_json, screen_of, screen_to_json
from tests.conftest import FIXTURES
from tests.strategies import assessments

TINY = load_frameworks(FIXTURES)
R, C, P = "tiny_readiness", "tiny_complexity", "tiny_planning"


def _a(value: str, *evidence: EvidenceType) -> Answer:
    return Answer(value=value, evidence=evidence)


def _screen(answers: dict[str, dict[str, Answer]], frameworks: tuple[str, ...] = (R, C, P), **kw: Any) -> Screen:
    assessment = Assessment(innovation=Innovation(name="x"), answers=answers)
    return screen_of(score_assessment(assessment, {f: TINY[f] for f in frameworks}), **kw)


WORKED = {
    R: {
        "r_evidence": _a("recognised"),  # priority 7, rated 1: a gap
        "r_vision": _a("addressed", EvidenceType.RESEARCH),
        "r_staff": _a("dont_know"),  # priority 4, don't know: a gap
        "r_funding": _a("addressed"),  # priority 3, rated 3 with no evidence type
        "r_networks": _a("partly_addressed", EvidenceType.PRACTICE_KNOWLEDGE),
        "r_context": _a("Busy winter"),
    },
    C: {
        "c_needs": _a("complicated"),
        "c_context": _a("dont_know"),  # people: at least complicated
        "c_parts": _a("complex"),
        "c_knowhow": _a("simple"),  # model: complex
        # system (c_policy) unanswered: no level
    },
    P: {
        "p_problem": _a("Lonely evenings"),
        "p_theory": _a("in_place", EvidenceType.LIVED_EXPERIENCE),
        "p_costs": _a("not_applicable"),
        "p_plan": _a("dont_know"),
        # p_end_date unanswered
    },
}
"""The worked example: 16 questions, 14 answered (2 blank), 3 don't know, 8 ratings of which 3 with evidence."""


def test_worked_example_counts__ok() -> None:
    """Should count by items: 14 of 16 answered, 3 don't know, 8 ratings, 3 with evidence, 2 priority gaps."""
    s = _screen(WORKED)
    assert (s.items, s.answered, s.dont_know, s.rated, s.rated_with_evidence) == (16, 14, 3, 8, 3)
    assert (s.nasss_complex, s.nasss_at_least, s.nasss_unknown) == (1, 1, 1)
    assert s.priority_gaps == ("r_staff", "r_evidence")  # priority 4 before priority 7
    assert s.top_without_evidence == ("r_funding",)
    assert (s.coverage, s.dont_know_share, s.evidence_share) == (14 / 16, 3 / 14, 3 / 8)


def test_worked_example_warnings__ok() -> None:
    """Should raise, in order, could-be-complex, priority gaps, don't know (21 %), low evidence (38 %), bare 3."""
    s = _screen(WORKED, labels={"r_staff": "Staff", "r_evidence": "Evidence", "r_funding": "Funding"})
    assert s.warnings == (
        ScreenWarning(
            "SCREEN_NASSS_POSSIBLY_COMPLEX",
            'Could be complex in 2 or more NASSS domains once "don\'t know" and unanswered sub-domains are '
            "settled: complex in The innovation itself, and not yet settled in People and needs; The wider system.",
        ),
        ScreenWarning(
            "SCREEN_PRIORITY_GAPS", '2 SCIE priority factors rated 0 or 1 or "don\'t know": Staff; Evidence.'
        ),
        ScreenWarning("SCREEN_DONT_KNOW", '21 % of the answers given are "don\'t know" (3 of 14).'),
        ScreenWarning("SCREEN_LOW_EVIDENCE", "Only 38 % of the ratings name an evidence type (3 of 8)."),
        ScreenWarning(
            "SCREEN_EVIDENCE_MISSING",
            '1 SCIE factor rated 3 "addressed, with evidence" but no evidence type given: Funding.',
        ),
    )
    assert list(s.codes) == [c for c in CODES if c in s.codes]


def test_item_ids_name_factors_without_labels__ok() -> None:
    """Should name factors by their ids, underscores as spaces, when no labels are given."""
    s = _screen(WORKED)
    gaps = next(w for w in s.warnings if w.code == "SCREEN_PRIORITY_GAPS")
    assert gaps.text.endswith(": r staff; r evidence.")


COMPLEX_CASES = [
    # (case, complexity answers, threshold, (complex, at_least, unknown), NASSS codes raised)
    pytest.param(
        {"c_needs": "complex", "c_parts": "complex", "c_policy": "simple"}, 2, (2, 0, 0), ["SCREEN_NASSS_COMPLEX"],
        id="two-complex",
    ),
    pytest.param({"c_needs": "complex", "c_parts": "simple", "c_knowhow": "simple", "c_policy": "simple"}, 2,
                 (1, 0, 0), [], id="one-complex-settled"),
    pytest.param({"c_needs": "complex", "c_parts": "simple", "c_knowhow": "simple", "c_policy": "simple"}, 1,
                 (1, 0, 0), ["SCREEN_NASSS_COMPLEX"], id="one-complex-threshold-1"),
    pytest.param({"c_needs": "simple", "c_context": "dont_know", "c_parts": "simple", "c_policy": "simple"}, 2,
                 (0, 2, 0), ["SCREEN_NASSS_POSSIBLY_COMPLEX"], id="two-floors"),
    pytest.param({"c_needs": "simple", "c_context": "simple", "c_parts": "simple", "c_knowhow": "simple",
                  "c_policy": "not_applicable"}, 2, (0, 0, 1), [], id="all-na-domain-is-no-open-question"),
    pytest.param({}, 2, (None, 0, 3), ["SCREEN_NASSS_POSSIBLY_COMPLEX"], id="nothing-rated-is-not-simple"),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "threshold", "counts", "codes"), COMPLEX_CASES)
def test_nasss_screen__ok(
    answers: dict[str, str], threshold: int, counts: tuple[int | None, int, int], codes: list[str]
) -> None:
    """Should count complex domains, floors and unknown domains, and warn at the threshold or when open."""
    s = _screen({C: {k: _a(v) for k, v in answers.items()}}, (C,), complex_threshold=threshold)
    assert (s.nasss_complex, s.nasss_at_least, s.nasss_unknown) == counts
    assert [c for c in s.codes if c.startswith("SCREEN_NASSS")] == codes


def test_no_nasss_framework_gives_none__ok() -> None:
    """Should report no complex count (not zero) when the assessment has no NASSS result."""
    s = _screen({R: {"r_vision": _a("addressed")}}, (R,))
    assert (s.nasss_complex, s.nasss_at_least, s.nasss_unknown) == (None, 0, 0)


SHARE_CASES = [
    # (case, readiness answers, codes among DONT_KNOW / LOW_EVIDENCE / INCOMPLETE)
    pytest.param({"r_vision": _a("addressed", EvidenceType.RESEARCH), "r_staff": _a("recognised"),
                  "r_funding": _a("recognised", EvidenceType.RESEARCH), "r_networks": _a("recognised"),
                  "r_evidence": _a("not_applicable")}, [], id="evidence-2-of-4-is-50pc-no"),
    pytest.param({"r_vision": _a("addressed", EvidenceType.RESEARCH), "r_staff": _a("recognised"),
                  "r_funding": _a("recognised"), "r_networks": _a("recognised"),
                  "r_evidence": _a("not_applicable")}, ["SCREEN_LOW_EVIDENCE"], id="evidence-1-of-4-yes"),
    pytest.param({"r_vision": _a("addressed", EvidenceType.RESEARCH)}, ["SCREEN_INCOMPLETE"],
                 id="1-of-6-answered"),
    pytest.param({k: _a("not_applicable") for k in ("r_vision", "r_staff", "r_funding", "r_networks")},
                 ["SCREEN_INCOMPLETE"], id="not-applicable-counts-as-answered-4-of-6-is-67pc"),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "codes"), SHARE_CASES)
def test_share_thresholds__ok(answers: dict[str, Answer], codes: list[str]) -> None:
    """Should warn under 50 % of ratings with evidence and under 80 % of questions answered."""
    s = _screen({R: answers}, (R,))
    shares = {"SCREEN_DONT_KNOW", "SCREEN_LOW_EVIDENCE", "SCREEN_INCOMPLETE"}
    assert [c for c in s.codes if c in shares] == codes


def test_dont_know_shares_hand_worked__ok() -> None:
    """Should give 1 of 6 answers (17 %, no warning) and 1 of 5 (20 %, a warning)."""
    six = {"r_evidence": _a("dont_know"), "r_context": _a("t")}
    six |= {k: _a("addressed", EvidenceType.RESEARCH) for k in ("r_vision", "r_staff", "r_funding", "r_networks")}
    five = {k: v for k, v in six.items() if k != "r_networks"}
    assert "SCREEN_DONT_KNOW" not in _screen({R: six}, (R,)).codes
    warned = _screen({R: five}, (R,))
    assert next(w.text for w in warned.warnings if w.code == "SCREEN_DONT_KNOW") == (
        '20 % of the answers given are "don\'t know" (1 of 5).'
    )


def test_complete_with_evidence_raises_nothing__ok() -> None:
    """Should raise no warning for a complete assessment, simple everywhere, with evidence on every rating."""
    ev = EvidenceType.EVALUATION_DATA
    answers = {
        R: {k: _a("addressed", ev) for k in ("r_evidence", "r_vision", "r_staff", "r_funding", "r_networks")}
        | {"r_context": _a("x")},
        C: {k: _a("simple", ev) for k in ("c_needs", "c_context", "c_parts", "c_knowhow", "c_policy")},
        P: {"p_problem": _a("x"), "p_end_date": _a("2030-01-01")}
        | {k: _a("in_place", ev) for k in ("p_theory", "p_costs", "p_plan")},
    }
    s = _screen(answers)
    assert s.warnings == ()
    assert (s.nasss_complex, s.answered, s.items, s.rated, s.rated_with_evidence) == (0, 16, 16, 13, 13)


def test_empty_assessment__ok() -> None:
    """Should give no shares (not zero) when nothing is answered, and warn only that it is incomplete."""
    s = _screen({}, (R, P))
    assert (s.coverage, s.dont_know_share, s.evidence_share) == (0.0, None, None)
    assert s.codes == ("SCREEN_INCOMPLETE",)
    assert _screen({}, ()).coverage is None


@pytest.mark.parametrize("threshold", [0, -1, True, 1.5])
def test_threshold__error(threshold: Any) -> None:
    """Should refuse a threshold that is not a whole number of at least 1."""
    with pytest.raises(ValueError, match="complex_threshold"):
        _screen({}, (C,), complex_threshold=threshold)


def test_json_round_trip_worked_example__ok() -> None:
    """Should write plain JSON and read back exactly the same screen."""
    s = _screen(WORKED)
    data = json.loads(json.dumps(screen_to_json(s)))
    assert data["priority_gaps"] == ["r_staff", "r_evidence"]
    assert screen_from_json(data) == s


BAD_JSON = [
    pytest.param({"items": "16"}, ValueError, id="count-as-text"),
    pytest.param({"answered": True}, ValueError, id="count-as-bool"),
    pytest.param({"nasss_complex": 1.5}, ValueError, id="complex-not-whole"),
    pytest.param({"priority_gaps": "r_staff"}, ValueError, id="gaps-not-list"),
    pytest.param({"warnings": [{"code": "X"}]}, ValueError, id="warning-without-text"),
]


@pytest.mark.parametrize(("change", "exc"), BAD_JSON)
def test_json_bad_field__error(change: dict[str, Any], exc: type[Exception]) -> None:
    """Should refuse a stored screen with a field of the wrong type."""
    with pytest.raises(exc):
        screen_from_json(screen_to_json(_screen(WORKED)) | change)


def test_json_missing_field__error() -> None:
    """Should refuse a stored screen with a field missing."""
    data = screen_to_json(_screen(WORKED))
    del data["rated"]
    with pytest.raises(KeyError):
        screen_from_json(data)


def _bundled() -> Catalogue:
    return bundled_frameworks()


@settings(max_examples=60, deadline=None, derandomize=True)
@given(assessment=assessments(_bundled()))
def test_screen_invariants_on_bundled_frameworks__ok(assessment: Assessment) -> None:
    """Should keep counts consistent, codes known and in order, and round-trip through JSON exactly."""
    s = screen_of(score_assessment(assessment, _bundled()))
    assert 0 <= s.rated_with_evidence <= s.rated <= s.answered <= s.items
    assert s.dont_know + s.rated <= s.answered
    assert s.nasss_complex is None or s.nasss_complex + s.nasss_at_least + s.nasss_unknown <= 7
    assert list(s.codes) == [c for c in CODES if c in s.codes]
    assert screen_from_json(json.loads(json.dumps(screen_to_json(s)))) == s
