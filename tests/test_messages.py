"""Messages in plain words first: the field by its label, the code and field path only in the support line."""

from __future__ import annotations

import datetime as dt

import pytest

from assessments.compare.weights import validate_profile_name
from assessments.errors import ErrorCode, InputError, problem
from assessments.models.fields import DETAIL_LABELS, FIELD_LABELS, field_label
from assessments.store.versions import FieldConflict, conflict_problem
from assessments.validation import check_details


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("innovation.name", "Innovation name"),
        ("assessment.assessed_on", "Assessment date"),
        ("answers.scie.q1", "Answer to item q1"),
        ("answers.scie.q1.value", "Answer to item q1"),
        ("answers.scie.q1.note", "Note on item q1"),
        ("answers.scie.q1.evidence", "Evidence for item q1"),
        ("scie.people", None),
        ("answers.scie.q1.other", None),
        (None, None),
    ],
)
def test_field_label__ok(path: str | None, label: str | None) -> None:
    """Should name a field by its label, and give no label to a path that has none of its own."""
    assert field_label(path) == label


def test_every_detail_has_a_label__ok() -> None:
    """Should label every detail of the innovation and the assessment under both of its paths."""
    for key, label in DETAIL_LABELS.items():
        assert FIELD_LABELS[f"innovation.{key}"] == FIELD_LABELS[f"assessment.{key}"] == label


def test_empty_name_plain_words_first__error() -> None:
    """Should say in words that the name is empty and how to fix it; the code and path go to the support line."""
    with pytest.raises(InputError) as caught:
        check_details({"name": " "}, {}, required={"innovation.name": "Innovation name"})
    [p] = caught.value.problems
    assert p.text == "Innovation name is required but empty. Type it in."
    assert p.support == "For support: ASSESSMENT_008 · field innovation.name"
    assert "ASSESSMENT" not in p.text and "innovation.name" not in p.text
    assert str(p) == "Innovation name is required but empty. Type it in. [ASSESSMENT_008 · field innovation.name]"


def test_where_names_file_sheet_row_and_label__ok() -> None:
    """Should name the place in words: file, sheet, row, column, then the field's label."""
    p = problem(ErrorCode.ASSESSMENT_012, file="a.json", field="assessment.assessed_on", found="31/3/2026")
    assert p.where == "a.json, Assessment date"
    assert p.text.startswith("a.json, Assessment date: '31/3/2026' is not a valid date.")
    assert p.location == "a.json, field 'assessment.assessed_on'"  # support's view keeps the path
    sheet = problem(ErrorCode.WORKBOOK_013, file="b.xlsx", sheet="SCIE", row=7, column="E", found="x")
    assert sheet.where == "b.xlsx, sheet 'SCIE', row 7, column E" and sheet.support == "For support: WORKBOOK_013"


def test_field_without_label_named_as_it_stands__ok() -> None:
    """Should name a path with no label of its own as the entry it is, unless the message quotes it already."""
    quoted = problem(ErrorCode.COMPARE_001, file="w.yaml", field="scie.people", key="scie.people", found="12")
    assert quoted.where == "w.yaml"
    unquoted = problem(ErrorCode.ASSESSMENT_019, file="c.json", field="meta.x", found="\\ud800")
    assert unquoted.where == "c.json, entry 'meta.x'"


def test_empty_profile_name_says_so__error() -> None:
    """Should say an empty profile name is empty and what to type, not that the weights cannot be used."""
    with pytest.raises(InputError) as caught:
        validate_profile_name("  ")
    [p] = caught.value.problems
    assert p.code is ErrorCode.COMPARE_008
    assert p.text.startswith("The profile name is empty. Type a name for these weights, for example")


def test_conflict_names_fields_in_words__ok() -> None:
    """Should name the fields two people changed by their labels (details) or in words (an answer's parts)."""
    at = dt.datetime(2026, 3, 3, 9, 30, tzinfo=dt.UTC)
    details = [FieldConflict(f, "a", "b", "c", "alice@a.org", at) for f in ("innovation.name", "assessment.stage")]
    [p] = conflict_problem("details", details).problems
    assert "(Innovation name, Stage)" in p.text and "innovation.name" not in p.text
    answer = [FieldConflict(f, "a", "b", "c", "", None) for f in ("value", "note")]
    [q] = conflict_problem("answers.scie.q1", answer).problems
    assert "(answer, note)" in q.text and q.where == "Answer to item q1"
    assert q.support == "For support: STORAGE_009 · field answers.scie.q1"


def test_form_label_names_the_field_once__error() -> None:
    """Should name a field by the form's own label ("Your role", not also "Assessor role"), once."""
    with pytest.raises(InputError) as caught:
        check_details({"name": "Homeshare"}, {}, required={"assessment.assessor_role": "Your role"})
    [p] = caught.value.problems
    assert p.text == "Your role is required but empty. Choose one."
    assert p.support == "For support: ASSESSMENT_008 · field assessment.assessor_role"
