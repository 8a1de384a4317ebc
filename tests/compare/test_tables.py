"""Tests for assessments.compare.tables: the summary matrix and the evidence rows."""

from __future__ import annotations

from assessments.compare.tables import evidence_rows, summary_table
from assessments.models import EvidenceType, Framework
from tests.compare.scored import A0, A2, A3, make, ready


def test_evidence_rows__ok(rfw: dict[str, Framework]) -> None:
    """Should count don't know, unanswered and answers citing evidence, by type."""
    a = make(
        rfw,
        "A",
        ready(r_evidence=A3, r_vision=A2, r_staff="dont_know", r_funding="not_applicable"),
        evidence={"r_evidence": (EvidenceType.RESEARCH, EvidenceType.LIVED_EXPERIENCE)},
    )
    (row,) = evidence_rows([a])
    # 6 items: 2 answered, 1 don't know, 1 n/a, 2 unanswered (networks + the text item)
    assert (row.answered, row.dont_know, row.not_applicable, row.unanswered, row.total) == (2, 1, 1, 2, 6)
    assert row.with_evidence == 1
    assert row.evidenced_share == 50.0
    assert row.by_type[EvidenceType.RESEARCH] == 1 and row.by_type[EvidenceType.EVALUATION_DATA] == 0


def test_summary_table_values__ok(tiny_frameworks: dict[str, Framework]) -> None:
    """Should give native section values and flag counts as values."""
    c = make(
        tiny_frameworks,
        "C",
        {
            "tiny_readiness": {"r_evidence": A0, "r_vision": A3},
            "tiny_complexity": {"c_needs": "complex", "c_parts": "complex"},
        },
    )
    t = summary_table([c], tiny_frameworks)
    row = dict(zip(t.columns, t.rows[0], strict=True))
    assert row["Tiny R: Inner factors (0-100)"] == 50.0
    assert row["Tiny C: People and needs (level)"] == "complex"
    assert row["Tiny C: The wider system (level)"] == "unknown"
    assert row["Complex domains"] == 2
    assert row["Priority gaps"] >= 1
    assert "Complex in several domains" in row["Flags"] and "NASSS_MULTIPLE_COMPLEX" not in row["Flags"]


def test_summary_table_at_least__ok(tiny_frameworks: dict[str, Framework]) -> None:
    """Should write a NASSS level that is only a floor as "at least ..." in the profile table."""
    c = make(tiny_frameworks, "C", {"tiny_complexity": {"c_needs": "simple", "c_context": "dont_know"}})
    row = dict(zip(*(lambda t: (t.columns, t.rows[0]))(summary_table([c], tiny_frameworks)), strict=True))
    assert row["Tiny C: People and needs (level)"] == "at least simple"
