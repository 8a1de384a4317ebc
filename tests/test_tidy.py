"""The tidy CSV exports read back with the csv module and checked against the assessment they came from."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from assessments.jsonfile import read_assessment_file
from assessments.models import DONT_KNOW, NOT_APPLICABLE, Answer, Assessment, Framework
from assessments.scoring import score_assessment
from assessments.tidy import ANSWER_COLUMNS, ENCODING, SECTION_COLUMNS, answers_csv, sections_csv
from assessments.xlsx.cells import unguard_text

EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "examples" / "home_sensors_pilot_follow_up.json"
FORMULA = '=HYPERLINK("http://example.invalid","click")'


@pytest.fixture(name="assessment")
def _assessment(frameworks: dict[str, Framework]) -> Assessment:
    """The example, with a formula for a name, a risky note, a don't know and a not applicable."""
    a = read_assessment_file(EXAMPLE, frameworks)
    scie = dict(a.answers["scie"])
    first, second, third = list(scie)[:3]
    scie[first] = Answer(value=scie[first].value, note="+cmd|' /C calc'!A0", evidence=scie[first].evidence)
    scie[second] = Answer(value=DONT_KNOW)
    scie[third] = Answer(value=NOT_APPLICABLE, note="Not our service")
    return a.model_copy(
        update={
            "id": "abc123",
            "innovation": a.innovation.model_copy(update={"name": FORMULA}),
            "answers": {**a.answers, "scie": scie},
        }
    )


def _rows(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(content.decode(ENCODING), newline="")))


def test_answers_csv_one_row_per_answer__ok(assessment: Assessment, frameworks: dict[str, Framework]) -> None:
    """Should write one row per recorded answer, in the documented columns, matching the assessment."""
    rows = _rows(answers_csv([assessment], frameworks))
    assert list(rows[0]) == list(ANSWER_COLUMNS)
    expected = [(f, i) for f, items in assessment.answers.items() for i, a in items.items() if not a.is_blank]
    assert sorted((r["framework"], r["item"]) for r in rows) == sorted(expected)
    for row in rows:
        fw = frameworks[row["framework"]]
        answer = assessment.answer(row["framework"], row["item"])
        assert answer is not None
        assert row["assessment_id"] == "abc123"
        assert row["assessment_date"] == "2025-11-17"
        assert row["stage"] == "Pilot"
        assert row["section"] == fw.section_of(row["item"]).id
        assert unguard_text(row["note"]) == answer.note
        assert row["dont_know"] == ("true" if answer.value == DONT_KNOW else "false")
        assert row["not_applicable"] == ("true" if answer.value == NOT_APPLICABLE else "false")
        if fw.item(row["item"]).type == "choice" and answer.value:
            option = fw.option(row["item"], answer.value)
            assert option is not None
            assert row["option_id"] == option.id
            assert unguard_text(row["option_label"]) == option.label
            assert row["value"] == ("" if option.value is None else str(option.value))
        else:
            assert row["option_id"] == ""
            assert unguard_text(row["value"]) == (answer.value or "")


def test_text_guarded_against_formulas__ok(assessment: Assessment, frameworks: dict[str, Framework]) -> None:
    """Should prefix text a spreadsheet could run (=, +, -, @) with an apostrophe, as the workbooks do."""
    rows = _rows(answers_csv([assessment], frameworks))
    assert {r["innovation"] for r in rows} == {"'" + FORMULA}
    assert "'+cmd|' /C calc'!A0" in {r["note"] for r in rows}
    assert not any(v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())


def test_sections_csv_matches_scoring__ok(assessment: Assessment, frameworks: dict[str, Framework]) -> None:
    """Should write one row per section of every framework with the scores, levels and counts scoring gives."""
    rows = _rows(sections_csv([assessment, assessment], frameworks))
    assert list(rows[0]) == list(SECTION_COLUMNS)
    result = score_assessment(assessment, frameworks)
    sections = [(fr, s) for fr in result.results for s in fr.sections]
    assert len(rows) == 2 * len(sections)
    for row, (fr, s) in zip(rows, sections, strict=False):
        assert (row["framework"], row["section"], row["method"]) == (fr.framework, s.id, fr.method)
        assert row["score"] == ("" if s.score is None else f"{s.score:g}")
        assert row["level"] == (s.level or "")
        assert int(row["answered"]) + int(row["dont_know"]) + int(row["not_applicable"]) + int(
            row["unanswered"]
        ) == int(row["total"])
        assert (row["answered"], row["dont_know"]) == (str(s.answered), str(s.unknown))


def test_empty_assessment_list_gives_header_only__ok(frameworks: dict[str, Framework]) -> None:
    """Should write just the header row for no assessments."""
    assert _rows(answers_csv([], frameworks)) == []
    assert answers_csv([], frameworks).decode(ENCODING).splitlines() == [",".join(ANSWER_COLUMNS)]
