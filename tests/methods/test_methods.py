"""The scoring methods: each one's values and words, and the same radar quantity in every view."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assessments.catalogue import bundled_frameworks
from assessments.charts.spokes import radar_points
from assessments.compare.candidates import Candidate
from assessments.compare.chart_data import radar_data
from assessments.jsonfile import read_assessment_file
from assessments.methods import METHODS, ScoringMethod, method_of
from assessments.models import Answer, Assessment, Innovation, SectionResult
from assessments.report.radar_svg import radial_range
from assessments.scoring import score_assessment
from assessments.xlsx.layout import SUMMARY_SHEET
from assessments.xlsx.write import workbook_bytes

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.json"))


def _section(**values: object) -> SectionResult:
    counts = {"answered": 1, "unknown": 0, "not_applicable": 0, "unanswered": 0, "total": 1}
    return SectionResult.model_validate({"id": "s", "title": "S", "score": None, **counts, **values})


@pytest.mark.parametrize("method", METHODS.values(), ids=list(METHODS))
def test_axes_hold_their_ticks__ok(method: ScoringMethod) -> None:
    """Should give every axis a scale from low to high with its ticks inside it and a label per tick."""
    for axis in [method.section_axis(), *([method.item_axis()] if method.item_radar else [])]:
        assert axis.low < axis.high
        assert all(axis.low <= t <= axis.high for t in axis.tickvals)
        assert len(axis.tickvals) == len(axis.ticktext)
        assert axis.meaning and axis.title


def test_each_method_reads_its_own_quantity__ok() -> None:
    """Should chart, rank and describe the quantity each method owns (no number made up for a gap)."""
    readiness, complexity, planning = METHODS["readiness"], METHODS["complexity"], METHODS["planning"]
    assert readiness.chart_value(_section(score=62.5)) == readiness.ranking_value(_section(score=62.5)) == 62.5
    assert readiness.reading(_section(score=None)) == "Not scored: no rated answers"
    assert complexity.chart_value(_section(score=2.0, level="complicated")) == 2.0
    assert complexity.ranking_value(_section(score=3.0, level="complex")) == 0.0
    assert complexity.ranking_value(_section(score=None, level=None)) is None
    assert complexity.reading(_section(score=1.0, level="simple")) == "Simple"
    assert complexity.colour(_section(score=3.0, level="complex")) is not None
    assert complexity.colour(_section(score=None, level=None)) is None
    sips = _section(completeness=80.0, readiness=50.0, missing=("a", "b"))
    assert planning.chart_value(sips) == 80.0
    assert planning.ranking_value(sips) == 50.0
    assert planning.reading(sips) == "80% complete; checks 50% in place; 2 still missing"


def test_radar_range_leaves_room_beyond_the_scale__ok() -> None:
    """Should draw a 0-100 section radar to 105 and a 0-3 item or level radar to 3.15 (a top marker is not cut)."""
    frameworks = bundled_frameworks()
    assert radial_range(frameworks["scie"], "section") == pytest.approx((0, 105))
    assert radial_range(frameworks["scie"], "item") == pytest.approx((0, 3.15))
    assert radial_range(frameworks["nasss"]) == pytest.approx((0, 3.15))
    assert radial_range(frameworks["sips"]) == pytest.approx((0, 105))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_sips_radar_shows_completeness_everywhere__ok(path: Path) -> None:
    """Should plot the same SIPS quantity (completeness) on the app's radar, the Excel summary and the comparison."""
    frameworks = bundled_frameworks()
    assessment = read_assessment_file(path, frameworks)
    result = score_assessment(assessment, frameworks)
    sips, fr = frameworks["sips"], result.framework("sips")
    expected = [s.completeness for s in fr.sections]
    app = [p.value for p in radar_points(sips, fr)]
    candidate = Candidate(key="k", label="x", assessment=assessment, result=result, source="test")
    compared = [row[0] for row in radar_data([candidate], sips).values]
    ws = load_workbook(BytesIO(workbook_bytes(frameworks, assessment)))[SUMMARY_SHEET]
    by_id = {row[0]: row[2] for row in ws.iter_rows(values_only=True) if row[0]}
    excel = [by_id[s.id] for s in fr.sections]
    assert app == compared == excel == expected


def test_overview_completeness_leaves_out_follow_up_only_blank__ok() -> None:
    """Should give a baseline with every applicable SIPS item answered 100 % complete (the follow-up item is not owed)."""
    frameworks = bundled_frameworks()
    sips = frameworks["sips"]
    answers: dict[str, Answer] = {}
    for item in sips.items.values():
        if item.follow_up_only:
            continue
        if item.type == "choice":
            answers[item.id] = Answer(value=next(o.id for o in sips.options(item.id) if o.kind == "scale"))
        elif item.type == "date":
            answers[item.id] = Answer(value="2026-12-01")
        else:
            answers[item.id] = Answer(value="Written down.")
    result = score_assessment(Assessment(innovation=Innovation(name="Baseline"), answers={"sips": answers}), frameworks)
    fr = result.framework("sips")
    assert all(s.completeness == 100.0 for s in fr.sections)
    assert method_of(fr).overview(sips, fr)[0] == "100 %"


def test_answers_text_one_meaning_of_answered__ok() -> None:
    """Should count "don't know" and "not applicable" as answered (as the questionnaire does) and name them."""
    from assessments.methods.base import answers_text
    from assessments.models import SectionResult

    s = SectionResult(id="x", title="X", score=None, answered=11, unknown=3, not_applicable=1, unanswered=7, total=22)
    assert answers_text(s) == "15 of 22 answered, of which 3 don't know and 1 not applicable"
    plain = s.model_copy(update={"unknown": 0, "not_applicable": 0, "unanswered": 11})
    assert answers_text(plain) == "11 of 22 answered"
