"""Tests for assessments.compare.candidates: labels, filtering and reading either file format."""

from __future__ import annotations

import datetime as dt

import pytest

from assessments.compare.candidates import filter_candidates, read_assessment_any, unique_labels
from assessments.errors import ErrorCode, InputError
from assessments.models import AssessorRole, Framework
from assessments.models import Stage as St
from tests.compare.scored import make


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


@pytest.mark.parametrize("name", ["a.csv", "noext"])
def test_read_assessment_any_suffix__error(rfw: dict[str, Framework], name: str) -> None:
    """Should refuse a file that is neither .json nor .xlsx (ASSESSMENT_016), naming the file."""
    with pytest.raises(InputError) as exc:
        read_assessment_any(b"{}", name, rfw)
    assert exc.value.codes == [ErrorCode.ASSESSMENT_016]
    assert exc.value.problems[0].file == name
