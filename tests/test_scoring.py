"""Scoring rules, table-driven against tiny fixture frameworks.

Each case cites the rule it checks (rule list: the ``assessments.scoring`` docstring):

* ALL-01..05 statuses, counts, don't-know and incomplete flags, one result per framework;
* SCIE-S01..S05 readiness scores and priority gaps;
* NASSS-S01..S04 worst-level domains, unknown domains, complex-domain flags;
* SIPS-S01..S05 completeness, readiness, missing checklist, no SIPS score.

Fixture frameworks (tests/fixtures/tiny_*.yaml):

* tiny_readiness: inner = r_evidence (priority 7), r_vision, r_staff (priority 4);
  outer = r_funding (priority 3), r_networks, r_context (text). Scale 0-3.
* tiny_complexity: people = c_needs, c_context; model = c_parts, c_knowhow; system = c_policy. 1-3.
* tiny_planning: define = p_problem (text), p_theory (check); money = p_end_date (date),
  p_costs (check), p_plan (check). Checks 0-2.
"""

from __future__ import annotations

from typing import Any

import pytest

from assessments.models import Answer, Assessment, EvidenceType, Framework, FrameworkResult, Innovation, SectionResult
from assessments.scoring import (
    DEFAULT_COMPLEX_THRESHOLD,
    score_assessment,
    score_framework,
)


def _answers(**values: str | Answer) -> dict[str, Answer]:
    """Answers from item_id=option_id (or full Answer) keyword arguments."""
    return {k: v if isinstance(v, Answer) else Answer(value=v) for k, v in values.items()}


def _codes(result: Any) -> list[str]:
    return [f.code for f in result.flags]


# ---------------------------------------------------------------------------
# Readiness (SCIE)
# ---------------------------------------------------------------------------

READINESS_SCORES = [
    # (rule, answers, expected {section: (score, answered, unknown, not_applicable, unanswered, total)})
    pytest.param(
        "SCIE-S01",
        {"r_evidence": "addressed", "r_vision": "addressed", "r_staff": "addressed"},
        {"inner": (100.0, 3, 0, 0, 0, 3), "outer": (None, 0, 0, 0, 3, 3)},
        id="all-addressed",
    ),
    pytest.param(
        "SCIE-S01",
        {"r_evidence": "not_considered", "r_vision": "recognised", "r_staff": "partly_addressed"},
        {"inner": (33.3, 3, 0, 0, 0, 3)},
        id="mean-0-1-2-of-3",
    ),
    pytest.param(
        "SCIE-S01",
        {"r_evidence": "not_considered", "r_vision": "not_considered", "r_staff": "not_considered"},
        {"inner": (0.0, 3, 0, 0, 0, 3)},
        id="all-zero-is-zero-not-none",
    ),
    pytest.param(
        "SCIE-S02",
        {},
        {"inner": (None, 0, 0, 0, 3, 3), "outer": (None, 0, 0, 0, 3, 3)},
        id="nothing-answered-is-none",
    ),
    pytest.param(
        "SCIE-S03",
        {"r_evidence": "dont_know", "r_vision": "addressed", "r_staff": "not_applicable"},
        {"inner": (100.0, 1, 1, 1, 0, 3)},
        id="dont-know-not-imputed-na-left-out",
    ),
    pytest.param(
        "SCIE-S02",
        {"r_evidence": "dont_know", "r_vision": "dont_know"},
        {"inner": (None, 0, 2, 0, 1, 3)},
        id="only-dont-know-is-none",
    ),
    pytest.param(
        "ALL-01",
        {"r_context": "Commissioners are interested", "r_funding": "recognised", "r_networks": "partly_addressed"},
        {"outer": (50.0, 3, 0, 0, 0, 3)},
        id="text-item-answered-not-scored",
    ),
    pytest.param(
        "ALL-01",
        {"r_context": Answer(value=None, note="to check"), "r_funding": Answer(value="addressed")},
        {"outer": (100.0, 1, 0, 0, 2, 3)},
        id="note-only-is-unanswered",
    ),
    pytest.param(
        "ALL-01",
        {"r_context": "   "},
        {"outer": (None, 0, 0, 0, 3, 3)},
        id="blank-text-is-unanswered",
    ),
]


@pytest.mark.parametrize(("rule", "answers", "expected"), READINESS_SCORES)
def test_readiness_section_scores__ok(
    readiness_fw: Framework, rule: str, answers: dict[str, str | Answer], expected: dict[str, tuple[Any, ...]]
) -> None:
    """Should score each readiness section as the mean of answered items on 0-100, with honest counts."""
    result = score_framework(readiness_fw, _answers(**answers))
    for section_id, (score, answered, unknown, na, unanswered, total) in expected.items():
        s = result.section(section_id)
        assert (s.score, s.answered, s.unknown, s.not_applicable, s.unanswered, s.total) == (
            score,
            answered,
            unknown,
            na,
            unanswered,
            total,
        ), rule
        assert s.level is None and s.completeness is None and s.readiness is None


PRIORITY_GAPS = [
    # (rule, answers, expected [(priority, item)] in order)
    pytest.param("SCIE-S04", {"r_evidence": "not_considered"}, [(7, "r_evidence")], id="rated-0"),
    pytest.param("SCIE-S04", {"r_staff": "recognised"}, [(4, "r_staff")], id="rated-1"),
    pytest.param("SCIE-S04", {"r_funding": "dont_know"}, [(3, "r_funding")], id="dont-know"),
    pytest.param("SCIE-S04", {"r_staff": "partly_addressed", "r_funding": "addressed"}, [], id="rated-2-3-no-gap"),
    pytest.param("SCIE-S04", {"r_vision": "not_considered"}, [], id="non-priority-rated-0"),
    pytest.param("SCIE-S05", {}, [], id="unanswered-not-a-gap"),
    pytest.param("SCIE-S04", {"r_funding": "not_applicable"}, [], id="not-applicable-no-gap"),
    pytest.param(
        "SCIE-S04",
        {"r_evidence": "recognised", "r_staff": "dont_know", "r_funding": "not_considered"},
        [(3, "r_funding"), (4, "r_staff"), (7, "r_evidence")],
        id="ordered-by-priority",
    ),
]


@pytest.mark.parametrize(("rule", "answers", "expected"), PRIORITY_GAPS)
def test_readiness_priority_gaps__ok(
    readiness_fw: Framework, rule: str, answers: dict[str, str], expected: list[tuple[int, str]]
) -> None:
    """Should list one gap per priority item rated 0-1 or don't know, in priority order."""
    result = score_framework(readiness_fw, _answers(**answers))
    gaps = [f for f in result.flags if f.code == "SCIE_PRIORITY_GAP"]
    assert [(f.priority, f.item) for f in gaps] == expected, rule
    for f in gaps:
        assert f.item is not None
        assert f.severity == "warning"
        assert f.section == readiness_fw.section_of(f.item).id
        assert f"Priority {f.priority}" in f.message
        assert readiness_fw.item(f.item).short_label in f.message


# ---------------------------------------------------------------------------
# Complexity (NASSS)
# ---------------------------------------------------------------------------

COMPLEXITY_LEVELS = [
    # (rule, answers, expected {domain: (score, level)}, complex_domains)
    pytest.param(
        "NASSS-S01",
        {"c_needs": "simple", "c_context": "complex"},
        {"people": (3.0, "complex"), "model": (None, None)},
        1,
        id="worst-not-mean",
    ),
    pytest.param(
        "NASSS-S01",
        {"c_needs": "simple", "c_context": "complicated", "c_parts": "simple", "c_knowhow": "simple"},
        {"people": (2.0, "complicated"), "model": (1.0, "simple")},
        0,
        id="complicated-and-simple",
    ),
    pytest.param(
        "NASSS-S02",
        {"c_needs": "dont_know", "c_context": "dont_know"},
        {"people": (None, None)},
        0,
        id="only-dont-know-never-simple",
    ),
    pytest.param(
        "NASSS-S02",
        {"c_policy": "not_applicable"},
        {"system": (None, None)},
        0,
        id="only-not-applicable",
    ),
    pytest.param(
        "NASSS-S01",
        {"c_needs": "dont_know", "c_context": "simple"},
        {"people": (1.0, "simple")},
        0,
        id="dont-know-beside-simple-stays-counted",
    ),
    pytest.param(
        "NASSS-S03",
        {"c_needs": "complex", "c_parts": "complex", "c_knowhow": "complex", "c_policy": "complex"},
        {"people": (3.0, "complex"), "model": (3.0, "complex"), "system": (3.0, "complex")},
        3,
        id="count-domains-not-items",
    ),
]


@pytest.mark.parametrize(("rule", "answers", "expected", "complex_domains"), COMPLEXITY_LEVELS)
def test_complexity_domain_levels__ok(
    complexity_fw: Framework,
    rule: str,
    answers: dict[str, str],
    expected: dict[str, tuple[Any, Any]],
    complex_domains: int,
) -> None:
    """Should give each domain the level of its most complex answered sub-domain, never an average."""
    result = score_framework(complexity_fw, _answers(**answers))
    for domain, (score, level) in expected.items():
        s = result.section(domain)
        assert (s.score, s.level) == (score, level), rule
    assert result.complex_domains == complex_domains


COMPLEX_FLAGS = [
    # (rule, complex answers, threshold, expected complexity flag codes)
    pytest.param("NASSS-S04", [], 2, [], id="none-complex"),
    pytest.param("NASSS-S04", ["c_needs"], 2, ["NASSS_COMPLEX_DOMAIN"], id="one-complex"),
    pytest.param("NASSS-S04", ["c_needs", "c_parts"], 2, ["NASSS_MULTIPLE_COMPLEX"], id="two-complex-default"),
    pytest.param("NASSS-S04", ["c_needs", "c_context"], 2, ["NASSS_COMPLEX_DOMAIN"], id="two-items-one-domain"),
    pytest.param("NASSS-S04", ["c_needs", "c_parts"], 3, ["NASSS_COMPLEX_DOMAIN"], id="two-below-threshold-3"),
    pytest.param(
        "NASSS-S04", ["c_needs", "c_parts", "c_policy"], 3, ["NASSS_MULTIPLE_COMPLEX"], id="three-at-threshold-3"
    ),
    pytest.param("NASSS-S04", ["c_needs"], 1, ["NASSS_MULTIPLE_COMPLEX"], id="threshold-1"),
]


@pytest.mark.parametrize(("rule", "complex_items", "threshold", "expected"), COMPLEX_FLAGS)
def test_complexity_flags__ok(
    complexity_fw: Framework, rule: str, complex_items: list[str], threshold: int, expected: list[str]
) -> None:
    """Should warn about several complex domains at the configurable threshold, and note a single one."""
    answers = {iid: "simple" for iid in complexity_fw.items} | dict.fromkeys(complex_items, "complex")
    result = score_framework(complexity_fw, _answers(**answers), complex_threshold=threshold)
    codes = [c for c in _codes(result) if c.startswith("NASSS_")]
    assert codes == expected, rule
    for f in result.flags:
        if f.code == "NASSS_MULTIPLE_COMPLEX":
            assert f.severity == "warning"
            assert "not a validated cut-off" in f.message
            assert f"({threshold})" in f.message
        if f.code == "NASSS_COMPLEX_DOMAIN":
            assert f.severity == "info"


def test_default_threshold_is_two__ok() -> None:
    """Should keep the documented default threshold of 2 complex domains."""
    assert DEFAULT_COMPLEX_THRESHOLD == 2


# ---------------------------------------------------------------------------
# Planning (SIPS structure)
# ---------------------------------------------------------------------------

PLANNING = [
    # (rule, answers, {section: (completeness, readiness, missing)})
    pytest.param(
        "SIPS-S02",
        {},
        {"define": (0.0, None, ("p_problem", "p_theory")), "money": (0.0, None, ("p_end_date", "p_costs", "p_plan"))},
        id="nothing-answered",
    ),
    pytest.param(
        "SIPS-S02",
        {"p_problem": "Lonely older people", "p_theory": "in_place"},
        {"define": (100.0, 100.0, ())},
        id="complete-and-in-place",
    ),
    pytest.param(
        "SIPS-S04",
        {"p_problem": "Lonely older people", "p_theory": "in_progress"},
        {"define": (100.0, 50.0, ("p_theory",))},
        id="check-not-at-top-is-missing",
    ),
    pytest.param(
        "SIPS-S03",
        {"p_end_date": "2027-03-31", "p_costs": "not_started", "p_plan": "in_place"},
        {"money": (100.0, 50.0, ("p_costs",))},
        id="readiness-mean-of-checks",
    ),
    pytest.param(
        "SIPS-S02",
        {"p_end_date": "2027-03-31", "p_costs": "not_applicable", "p_plan": "dont_know"},
        {"money": (50.0, None, ("p_plan",))},
        id="na-leaves-denominator-dont-know-missing",
    ),
    pytest.param(
        "SIPS-S02",
        {"p_end_date": "2026-01-01", "p_costs": "not_applicable"},
        {"money": (50.0, None, ("p_plan",))},
        id="date-counts-as-substantive",
    ),
    pytest.param(
        "SIPS-S02",
        {"p_problem": "x", "p_theory": "not_applicable"},
        {"define": (100.0, None, ())},
        id="na-check-not-missing",
    ),
]


@pytest.mark.parametrize(("rule", "answers", "expected"), PLANNING)
def test_planning_sections__ok(
    planning_fw: Framework, rule: str, answers: dict[str, str], expected: dict[str, tuple[Any, Any, tuple[str, ...]]]
) -> None:
    """Should report completeness, check readiness and a missing list per section, and no SIPS score."""
    result = score_framework(planning_fw, _answers(**answers))
    for section_id, (completeness, readiness, missing) in expected.items():
        s = result.section(section_id)
        assert (s.completeness, s.readiness, s.missing) == (completeness, readiness, missing), rule
        assert s.score is None and s.level is None  # SIPS-S01


def test_planning_all_not_applicable__ok(planning_fw: Framework) -> None:
    """Should give completeness None (not 0 or 100) when every item in a section is not applicable."""
    data = planning_fw.model_dump(mode="json")
    data["sections"] = [
        {"id": "checks", "title": "Checks only", "items": [i for i in data["sections"][1]["items"] if i["scale"]]}
    ]
    checks_only = Framework.model_validate(data)
    s = score_framework(checks_only, _answers(p_costs="not_applicable", p_plan="not_applicable")).section("checks")
    assert (s.not_applicable, s.total, s.completeness, s.readiness, s.missing) == (2, 2, None, None, ())  # SIPS-S02
    # One applicable item left: the denominator is 1, not 2.
    s = score_framework(checks_only, _answers(p_costs="not_applicable", p_plan="in_place")).section("checks")
    assert (s.completeness, s.readiness) == (100.0, 100.0)


def test_planning_follow_up_only_item__ok(planning_fw: Framework) -> None:
    """Should leave a blank follow-up-only item out of missing and completeness, and count it once answered."""
    data = planning_fw.model_dump(mode="json")
    data["sections"][0]["items"].append(
        {"id": "p_changes", "type": "text", "text": "What changed since last time?", "follow_up_only": True}
    )
    fw = Framework.model_validate(data)
    s = score_framework(fw, _answers(p_problem="x", p_theory="in_place")).section("define")
    assert (s.completeness, s.missing, s.unanswered, s.total) == (100.0, (), 1, 3)  # SIPS-S05
    s = score_framework(fw, _answers(p_problem="x", p_theory="in_place", p_changes="New site added")).section("define")
    assert (s.completeness, s.answered) == (100.0, 3)  # SIPS-S05
    s = score_framework(fw, _answers(p_theory="in_place", p_changes="New site added")).section("define")
    assert (s.completeness, s.missing) == (66.7, ("p_problem",))  # SIPS-S05


def test_planning_missing_flags__ok(planning_fw: Framework) -> None:
    """Should raise one SIPS_MISSING flag per section with missing items, naming their short labels."""
    result = score_framework(planning_fw, _answers(p_problem="x", p_theory="in_place", p_costs="in_progress"))
    missing = [f for f in result.flags if f.code == "SIPS_MISSING"]
    assert [f.section for f in missing] == ["money"]  # SIPS-S04
    assert "Funding end date" in missing[0].message and "Costs" in missing[0].message
    assert "Sustainability plan" in missing[0].message
    assert all(f.severity == "info" for f in missing)


# ---------------------------------------------------------------------------
# Common rules
# ---------------------------------------------------------------------------

COMMON_FLAGS = [
    # (rule, framework fixture, answers, expected codes among DONT_KNOW_ANSWERS / INCOMPLETE, count in message)
    pytest.param(
        "ALL-03",
        "complexity_fw",
        {
            "c_needs": "dont_know",
            "c_context": "simple",
            "c_parts": "simple",
            "c_knowhow": "simple",
            "c_policy": "simple",
        },
        ["DONT_KNOW_ANSWERS"],
        id="dont-know-flag",
    ),
    pytest.param(
        "ALL-04",
        "complexity_fw",
        {"c_needs": "simple"},
        ["INCOMPLETE"],
        id="incomplete-flag",
    ),
    pytest.param(
        "ALL-04",
        "planning_fw",
        {"p_problem": "x", "p_theory": "dont_know", "p_end_date": "2026-05-01", "p_costs": "in_place"},
        ["DONT_KNOW_ANSWERS", "INCOMPLETE"],
        id="both",
    ),
    pytest.param(
        "ALL-04",
        "complexity_fw",
        {"c_needs": "simple", "c_context": "simple", "c_parts": "simple", "c_knowhow": "simple", "c_policy": "simple"},
        [],
        id="neither",
    ),
]


@pytest.mark.parametrize(("rule", "fixture", "answers", "expected"), COMMON_FLAGS)
def test_common_flags__ok(
    request: pytest.FixtureRequest, rule: str, fixture: str, answers: dict[str, str], expected: list[str]
) -> None:
    """Should flag don't-know answers and unanswered items, with their counts, as information."""
    fw: Framework = request.getfixturevalue(fixture)
    result = score_framework(fw, _answers(**answers))
    common = [f for f in result.flags if f.code in ("DONT_KNOW_ANSWERS", "INCOMPLETE")]
    assert [f.code for f in common] == expected, rule
    for f in common:
        assert f.severity == "info"
        count = result.unknown if f.code == "DONT_KNOW_ANSWERS" else result.unanswered
        assert f.message.startswith(str(count))


@pytest.mark.parametrize("fixture", ["readiness_fw", "complexity_fw", "planning_fw"])
def test_counts_add_up__ok(request: pytest.FixtureRequest, fixture: str) -> None:
    """Should keep answered + unknown + not applicable + unanswered == total per section and framework."""
    fw: Framework = request.getfixturevalue(fixture)
    options = ["dont_know", "not_applicable"]
    answers = {iid: options[i % 2] for i, iid in enumerate(fw.items) if fw.item(iid).type == "choice"}
    result = score_framework(fw, _answers(**answers))
    parts: tuple[SectionResult | FrameworkResult, ...] = (*result.sections, result)
    for part in parts:
        assert part.answered + part.unknown + part.not_applicable + part.unanswered == part.total  # ALL-02
    assert result.total == fw.item_count
    assert sum(s.total for s in result.sections) == result.total


def test_item_results_carry_answer_details__ok(readiness_fw: Framework) -> None:
    """Should report each item's status, value, numeric position, priority, evidence and note."""
    answers = {
        "r_evidence": Answer(value="partly_addressed", note="Pilot evaluation", evidence=(EvidenceType.RESEARCH,)),
        "r_staff": Answer(value="dont_know"),
    }
    result = score_framework(readiness_fw, answers)
    by_id = {i.id: i for i in result.items}
    assert list(by_id) == list(readiness_fw.items)
    ev = by_id["r_evidence"]
    assert (ev.status, ev.value, ev.numeric, ev.priority, ev.evidence, ev.has_note, ev.section) == (
        "answered",
        "partly_addressed",
        2,
        7,
        (EvidenceType.RESEARCH,),
        True,
        "inner",
    )
    assert (by_id["r_staff"].status, by_id["r_staff"].numeric) == ("dont_know", None)
    assert (by_id["r_vision"].status, by_id["r_vision"].value) == ("unanswered", None)


def test_item_readings_follow_each_answer_when_scored_in_turn__ok(readiness_fw: Framework) -> None:
    """Should read the same option afresh with another evidence set or note (readings are shared, never mixed)."""
    variants = [
        Answer(value="addressed", note="Board minutes", evidence=(EvidenceType.RESEARCH,)),
        Answer(value="addressed"),
        Answer(value="addressed", evidence=(EvidenceType.RESEARCH, EvidenceType.EVALUATION_DATA)),
        Answer(value="recognised"),
        Answer(note="only a note"),
    ]
    expected = [
        ("answered", "addressed", 3, (EvidenceType.RESEARCH,), True),
        ("answered", "addressed", 3, (), False),
        ("answered", "addressed", 3, (EvidenceType.RESEARCH, EvidenceType.EVALUATION_DATA), False),
        ("answered", "recognised", 1, (), False),
        ("unanswered", None, None, (), True),
    ]
    for _ in range(2):  # the second pass meets every reading already made
        for answer, want in zip(variants, expected, strict=True):
            got = {i.id: i for i in score_framework(readiness_fw, {"r_vision": answer}).items}["r_vision"]
            assert (got.status, got.value, got.numeric, got.evidence, got.has_note) == want


def test_score_assessment_every_framework_in_order__ok(tiny_frameworks: dict[str, Framework]) -> None:
    """Should return one result per framework in the order given, even for frameworks with no answers."""
    assessment = Assessment(
        innovation=Innovation(name="Shared Lives pilot"),
        answers={"tiny_readiness": _answers(r_vision="addressed")},
    )
    order = ["tiny_planning", "tiny_readiness", "tiny_complexity"]
    result = score_assessment(assessment, {f: tiny_frameworks[f] for f in order})
    assert [r.framework for r in result.results] == order  # ALL-05
    assert result.framework("tiny_readiness").section("inner").score == 100.0
    assert result.framework("tiny_complexity").answered == 0
    assert [r.framework for r in score_assessment(assessment, tiny_frameworks).results] == list(tiny_frameworks)


def test_score_assessment_skips_frameworks_not_requested__ok(tiny_frameworks: dict[str, Framework]) -> None:
    """Should score only the frameworks passed in, leaving other frameworks' answers out."""
    assessment = Assessment(
        innovation=Innovation(name="x"),
        answers={"tiny_readiness": _answers(r_vision="addressed"), "tiny_complexity": _answers(c_needs="complex")},
    )
    result = score_assessment(assessment, {"tiny_complexity": tiny_frameworks["tiny_complexity"]})
    assert [r.framework for r in result.results] == ["tiny_complexity"]


BAD_INPUT = [
    # (case, framework fixture, answers, kwargs, exception)
    pytest.param("readiness_fw", {"nope": Answer(value="addressed")}, {}, KeyError, id="unknown-item"),
    pytest.param("readiness_fw", {"r_vision": Answer(value="brilliant")}, {}, ValueError, id="unknown-option"),
    pytest.param("complexity_fw", {}, {"complex_threshold": 0}, ValueError, id="threshold-0"),
    pytest.param("complexity_fw", {}, {"complex_threshold": -3}, ValueError, id="threshold-negative"),
    pytest.param("complexity_fw", {}, {"complex_threshold": 1.5}, ValueError, id="threshold-float"),
    pytest.param("complexity_fw", {}, {"complex_threshold": True}, ValueError, id="threshold-bool"),
]


@pytest.mark.parametrize(("fixture", "answers", "kwargs", "exc"), BAD_INPUT)
def test_score_framework__error(
    request: pytest.FixtureRequest, fixture: str, answers: dict[str, Answer], kwargs: dict[str, Any], exc: type
) -> None:
    """Should refuse unvalidated input (unknown ids) and thresholds below 1 instead of guessing."""
    fw: Framework = request.getfixturevalue(fixture)
    with pytest.raises(exc):
        score_framework(fw, answers, **kwargs)


def test_score_assessment_threshold__error(tiny_frameworks: dict[str, Framework]) -> None:
    """Should validate the threshold even when no complexity framework is scored."""
    with pytest.raises(ValueError, match="at least 1"):
        score_assessment(Assessment(innovation=Innovation(name="x")), tiny_frameworks, complex_threshold=0)
