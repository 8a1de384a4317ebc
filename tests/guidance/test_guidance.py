"""Tests for assessments.guidance: advice coverage and deterministic choice of the weakest areas."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments.catalogue import Catalogue, bundled_frameworks
from assessments.guidance import (
    GENERIC_ADVICE,
    GUIDANCE,
    SOURCES,
    STAGE_ADVICE,
    UNKNOWN_STEP_THRESHOLD,
    advice_for,
    next_steps,
    stage_note,
)
from assessments.jsonfile import read_assessment_file
from assessments.models import Answer, Assessment, AssessmentResult, Framework, Innovation, Stage
from assessments.scoring import score_assessment
from tests.chart_fixtures import PLANNING_YAML, load, planning_result

PLAN = load(PLANNING_YAML)


def _bundled() -> Catalogue:
    try:
        return bundled_frameworks()
    except Exception as exc:  # pragma: no cover - only while framework files are being written
        pytest.skip(f"bundled frameworks not loadable yet: {exc}")


def _fw(framework_id: str) -> Framework:
    frameworks = _bundled()
    if framework_id not in frameworks:
        pytest.skip(f"framework {framework_id} not bundled yet")
    return frameworks[framework_id]


def _score(answers: dict[str, dict[str, str]], frameworks: list[Framework]) -> AssessmentResult:
    assessment = Assessment(
        innovation=Innovation(name="Test"),
        answers={f: {i: Answer(value=v) for i, v in items.items()} for f, items in answers.items()},
    )
    return score_assessment(assessment, {fw.id: fw for fw in frameworks})


def test_every_source_key_is_known__ok() -> None:
    """Should cite only known sources, and every advice should cite at least one."""
    for table in GUIDANCE.values():
        for advice in table.values():
            assert advice.sources
            assert set(advice.sources) <= set(SOURCES)


@pytest.mark.parametrize(("framework_id", "level"), [("scie", "item"), ("nasss", "section"), ("sips", "section")])
def test_bundled_areas_have_specific_advice__ok(framework_id: str, level: str) -> None:
    """Should hold specific advice for every SCIE factor, NASSS domain and SIPS section, and none for unknown ids."""
    fw = _fw(framework_id)
    ids = list(fw.items) if level == "item" else [s.id for s in fw.sections]
    for area in ids:
        assert advice_for(framework_id, area) is not GENERIC_ADVICE, area
    known = set(fw.items) | {s.id for s in fw.sections}
    assert set(GUIDANCE[framework_id]) <= known, set(GUIDANCE[framework_id]) - known


def test_priority_gaps_ranked__ok() -> None:
    """Should list priority gaps weakest first: rated 0, then don't know, then 1; ties by priority number."""
    scie = _fw("scie")
    answers = {
        "evidence_of_efficacy": "recognised",  # P7, rated 1
        "engaging_with_complexity": "recognised",  # P1, rated 1
        "difficult_environment": "dont_know",  # P2, don't know
        "coproduction": "not_considered",  # P6, rated 0
        "adequate_resources": "not_considered",  # P3, rated 0
        "recruitment_and_turnover": "addressed",  # P4, not a gap
    }
    steps = next_steps(_score({"scie": answers}, [scie]), {"scie": scie}, limit=10)
    gap_areas = [s.area for s in steps if s.kind == "priority_gap"]
    assert gap_areas == [
        "adequate_resources",
        "coproduction",
        "difficult_environment",
        "engaging_with_complexity",
        "evidence_of_efficacy",
    ]
    assert all(s.sources and s.title and s.action for s in steps)


def test_categories_taken_in_turn__ok() -> None:
    """Should take one gap, one complex domain and one planning item in turn, so a short list covers each framework."""
    scie, nasss = _fw("scie"), _fw("nasss")
    result = _score(
        {
            "scie": {"coproduction": "not_considered", "adequate_resources": "not_considered"},
            "nasss": {"condition_nature": "complex", "wider_policy": "complex", "organisation_capacity": "simple"},
        },
        [scie, nasss],
    )
    planning = planning_result(
        {"defining": 50.0, "next_steps": 0.0},
        {"defining": ("theory_of_change",), "next_steps": ("evaluation_plan", "funding_end")},
    )
    combined = AssessmentResult(results=(*result.results, planning))
    steps = next_steps(combined, {f.id: f for f in (scie, nasss, PLAN)}, limit=4)
    assert [(s.kind, s.area) for s in steps] == [
        ("priority_gap", "adequate_resources"),
        ("complex_domain", "condition"),
        ("planning_missing", "evaluation_plan"),  # least complete section first
        ("priority_gap", "coproduction"),
    ]
    assert "Nature of needs" in steps[1].reason


def test_unknown_step_and_low_factors__ok() -> None:
    """Should add one step on don't-know answers at the threshold, then non-priority factors at the lowest point."""
    scie = _fw("scie")
    answers = {
        "fidelity_and_adaptation": "dont_know",
        "iterative_learning": "dont_know",
        "shared_vision": "dont_know",
        "partnership_working": "not_considered",
    }
    assert UNKNOWN_STEP_THRESHOLD == 3
    steps = next_steps(_score({"scie": answers}, [scie]), {"scie": scie})
    assert [(s.kind, s.area) for s in steps] == [("unknowns", ""), ("low_factor", "partnership_working")]
    assert "3 answers" in steps[0].reason


@pytest.mark.parametrize("limit", [0, 1, 3])
def test_limit_and_determinism__ok(limit: int) -> None:
    """Should never return more than the limit and give the same steps for the same results."""
    scie = _fw("scie")
    answers = {i: "not_considered" for i in scie.items}
    result = _score({"scie": answers}, [scie])
    first = next_steps(result, {"scie": scie}, limit=limit)
    assert len(first) == min(limit, 7 + 15)
    assert first == next_steps(result, {"scie": scie}, limit=limit)


def test_nothing_weak__ok() -> None:
    """Should suggest nothing when every area is at its best."""
    scie, nasss = _fw("scie"), _fw("nasss")
    answers = {"scie": dict.fromkeys(scie.items, "addressed"), "nasss": dict.fromkeys(nasss.items, "simple")}
    assert next_steps(_score(answers, [scie, nasss]), {"scie": scie, "nasss": nasss}) == []


def test_planning_items_grouped_by_advice__ok() -> None:
    """Should turn missing SIPS-structured items sharing advice into one step naming them all, least complete first."""
    sips = _fw("sips")
    answers = {"problem": "Isolation", "target_group": "Older people", "governance_owner_named": "in_place"}
    steps = next_steps(_score({"sips": answers}, [sips]), {"sips": sips}, limit=20)
    titles = [s.title for s in steps]
    assert len(titles) == len(set(titles))
    logic = next(s for s in steps if s.area == "logic_inputs")
    assert "Logic model: outputs" in logic.reason
    assert steps[0].area not in answers
    assert all(s.kind == "planning_missing" for s in steps)


# --- theory of change first, stage-aware order, citations per framework ------------------------------------

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples"


def _example(name: str) -> tuple[AssessmentResult, Stage | None]:
    frameworks = _bundled()
    assessment = read_assessment_file(EXAMPLES / name, frameworks)
    return score_assessment(assessment, frameworks), assessment.assessment.stage


@pytest.mark.parametrize("stage", [None, *Stage])
def test_missing_theory_of_change_comes_first__ok(stage: Stage | None) -> None:
    """Should put the theory of change, then the logic model, before every other step at every stage
    (the pilot baseline has a theory of change not yet agreed and an empty logic model)."""
    result, _ = _example("home_sensors_pilot_baseline.json")
    steps = next_steps(result, _bundled(), stage=stage)
    assert [(s.framework, s.title) for s in steps[:2]] == [
        ("sips", "Write and agree the theory of change"),
        ("sips", "Complete the logic model"),
    ]
    assert steps[0].first and steps[1].first and not any(s.first for s in steps[2:])
    assert len(steps) == 6  # the rest still covers the other frameworks
    assert {s.framework for s in steps[2:]} >= {"scie", "nasss"}


def test_theory_of_change_first_even_with_limit_one__ok() -> None:
    """Should give the theory of change as the only step when only one is asked for."""
    result, _ = _example("home_sensors_pilot_baseline.json")
    assert [s.area for s in next_steps(result, _bundled(), limit=1)] == ["theory_of_change_agreed"]


def test_agreed_theory_of_change_is_not_first__ok() -> None:
    """Should not put a theory-of-change step first once it is written, agreed and the logic model is in place."""
    sips = _fw("sips")
    answers = {"theory_of_change": "It works because...", "theory_of_change_agreed": "in_place"}
    answers |= {
        i: "text" for i in ("logic_inputs", "logic_activities", "logic_outputs", "logic_outcomes", "logic_impact")
    }
    answers["logic_model_complete"] = "in_place"
    steps = next_steps(_score({"sips": answers}, [sips]), {"sips": sips}, limit=20)
    assert steps and not any(s.first for s in steps)
    assert "Write and agree the theory of change" not in [s.title for s in steps]


def test_stage_changes_the_order__ok() -> None:
    """Should put, within each kind of step, the areas the stage focuses on first: external SCIE gaps when
    spreading, innovation-level ones at the idea stage (hand-worked: two priority gaps rated 0)."""
    scie = _fw("scie")
    result = _score({"scie": {"scale_funding": "not_considered", "coproduction": "not_considered"}}, [scie])
    default = [s.area for s in next_steps(result, {"scie": scie})]
    spreading = [s.area for s in next_steps(result, {"scie": scie}, stage=Stage.SPREADING)]
    idea = [s.area for s in next_steps(result, {"scie": scie}, stage=Stage.IDEA)]
    assert default == ["scale_funding", "coproduction"]  # priority 3 before priority 6
    assert spreading == ["scale_funding", "coproduction"]
    assert idea == ["coproduction", "scale_funding"]


def test_stage_note__ok() -> None:
    """Should say how the steps were ordered for a stage, and nothing without one."""
    assert stage_note(None) == ""
    for stage in Stage:
        note = stage_note(stage)
        assert note.startswith(f"Ordered for an innovation at the {stage.value} stage.")
        assert STAGE_ADVICE[stage].note in note


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_each_step_cites_its_framework_source__ok(name: str) -> None:
    """Should cite Greenhalgh et al. 2017 on every NASSS step, Brown (SIPS) on every planning step and SCIE
    2020 on every SCIE step of every example, at its own stage."""
    result, stage = _example(name)
    own = {"scie": "scie_2020", "nasss": "greenhalgh_2017", "sips": "brown_2015"}
    for step in next_steps(result, _bundled(), limit=20, stage=stage):
        if step.framework:
            assert own[step.framework] in step.sources, (step.framework, step.area, step.sources)
