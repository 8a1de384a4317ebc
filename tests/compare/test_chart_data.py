"""Tests for assessments.compare.chart_data: the NASSS grid and the SCIE factor matrix."""

from __future__ import annotations

from assessments.compare.chart_data import factor_matrix, factor_table, nasss_grid, nasss_table
from assessments.models import Framework
from tests.compare.scored import A3, make, ready


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


def test_nasss_grid_at_least__ok(complexity_fw: Framework) -> None:
    """Should write "at least" for a domain whose level is only a floor, in the grid and its table."""
    fws = {"tiny_complexity": complexity_fw}
    one = make(
        fws, "One", {"tiny_complexity": {"c_needs": "complicated", "c_context": "dont_know", "c_parts": "complex"}}
    )
    (row,) = nasss_grid([one], complexity_fw)
    assert row.levels == ("complicated", "complex", "unknown")
    assert row.texts == ("at least complicated", "complex", "unknown")  # the complex domain is settled: it cannot rise
    assert nasss_table([row], complexity_fw).rows[0] == ("One", "at least complicated", "complex", "unknown", 1)
