"""Tests for diff_assessments: what saving an imported assessment over a saved one would change."""

from __future__ import annotations

from pathlib import Path

from assessments.changes import diff_assessments
from assessments.jsonfile import read_assessment_file
from assessments.models import Answer, Assessment, AssessmentMeta, EvidenceType, Framework, Innovation, Stage
from assessments.wording import option_labels

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.json"))


def test_diff_assessments__ok(frameworks: dict[str, Framework]) -> None:
    """Should list changed details and per-item old -> new values as people see them."""
    fw = frameworks["scie"]
    first = next(iter(fw.items))
    old = Assessment(
        innovation=Innovation(name="A"),
        assessment=AssessmentMeta(stage=Stage.IDEA),
        answers={"scie": {first: Answer(value="recognised", note="n")}},
    )
    new = Assessment(
        innovation=Innovation(name="A"),
        assessment=AssessmentMeta(stage=Stage.PILOT),
        answers={"scie": {first: Answer(value="addressed", note="n", evidence=(EvidenceType.RESEARCH,))}},
    )
    changes = diff_assessments(old, new, frameworks)
    labels = option_labels(fw, first)
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("stage", "Idea", "Pilot"),
        ("value", labels["recognised"], labels["addressed"]),
        ("evidence", "", "Research"),
    ]
    assert changes[1].framework == "scie"
    assert changes[1].item == first
    assert diff_assessments(new, new, frameworks) == []


def test_diff_against_nothing__ok(frameworks: dict[str, Framework]) -> None:
    """Should show every filled field and answer as new when the import creates an assessment."""
    assessment = read_assessment_file(EXAMPLES[0], frameworks)
    changes = diff_assessments(None, assessment, frameworks)
    answered = sum(len(a) for a in assessment.answers.values())
    assert len([c for c in changes if c.field == "value"]) == sum(
        1 for a in assessment.answers.values() for ans in a.values() if ans.value
    )
    assert answered > 0
    assert changes[0].field == "name"
