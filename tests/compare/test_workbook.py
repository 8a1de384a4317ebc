"""Tests for assessments.compare.workbook: the comparison workbook, saved and read back with openpyxl."""

from __future__ import annotations

import io
import random
import re
import zipfile
from xml.etree import ElementTree

import openpyxl
import pytest

from assessments.compare.candidates import Candidate
from assessments.compare.ranking import CAVEAT, rank_candidates
from assessments.compare.tables import summary_table
from assessments.compare.workbook import MAX_CHART_SERIES, comparison_workbook_bytes
from assessments.models import Assessment, Framework, Innovation
from assessments.scoring import score_assessment
from assessments.wording import method_lines
from assessments.xlsx.cells import read_text
from bench.compare import synthetic_assessment

CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def candidates_for(frameworks: dict[str, Framework], count: int, *, first_name: str = "") -> list[Candidate]:
    """``count`` scored synthetic candidates (seeded); the first may get a chosen name."""
    rng = random.Random(11)
    out = []
    for n in range(count):
        a = synthetic_assessment(frameworks, rng, n)
        if n == 0 and first_name:
            a = a.model_copy(update={"innovation": Innovation(name=first_name)})
        out.append(
            Candidate(key=f"k{n}", label=a.innovation.name, assessment=a, result=score_assessment(a, frameworks))
        )
    return out


def chart_series_counts(content: bytes) -> dict[str, int]:
    """Number of series in each chart part of the saved file (read from the chart XML itself)."""
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return {
            name: len(ElementTree.fromstring(z.read(name)).findall(f".//{{{CHART_NS}}}radarChart/{{{CHART_NS}}}ser"))
            for name in sorted(z.namelist())
            if name.startswith("xl/charts/chart")
        }


@pytest.fixture(name="three", scope="module")
def _three(frameworks: dict[str, Framework]) -> list[Candidate]:
    return candidates_for(frameworks, 3, first_name='=HYPERLINK("http://x")')


@pytest.fixture(name="book", scope="module")
def _book(three: list[Candidate], frameworks: dict[str, Framework]) -> bytes:
    return comparison_workbook_bytes(three, frameworks, {"scie.innovation": 3})


def test_sheets__ok(book: bytes) -> None:
    """Should hold About, Summary, Ranking, the NASSS grid, SCIE factors, Evidence and one radar per framework."""
    wb = openpyxl.load_workbook(io.BytesIO(book))
    assert wb.sheetnames == [
        "About",
        "Summary",
        "Ranking",
        "NASSS grid",
        "SCIE factors",
        "Evidence",
        "Radar SCIE",
        "Radar NASSS",
        "Radar SIPS",
    ]


def test_radar_one_series_per_innovation__ok(book: bytes) -> None:
    """Should store a native radar chart per framework with one series per innovation."""
    counts = chart_series_counts(book)
    assert list(counts.values()) == [3, 3, 3]
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        assert all(ElementTree.fromstring(z.read(n)).find(f".//{{{CHART_NS}}}radarChart") is not None for n in counts)


def test_radar_capped__ok(frameworks: dict[str, Framework]) -> None:
    """Should draw at most MAX_CHART_SERIES series and say so on the sheet when more are compared."""
    many = candidates_for(frameworks, MAX_CHART_SERIES + 3)
    content = comparison_workbook_bytes(many, frameworks)
    assert set(chart_series_counts(content).values()) == {MAX_CHART_SERIES}
    ws = openpyxl.load_workbook(io.BytesIO(content))["Radar NASSS"]
    notes = [read_text(c.value) for c in ws["A"] if c.value]
    assert any(f"first {MAX_CHART_SERIES} of {MAX_CHART_SERIES + 3}" in n for n in notes)


def test_summary_values__ok(book: bytes, three: list[Candidate], frameworks: dict[str, Framework]) -> None:
    """Should write the summary matrix as values, rows in rank order, free text unguarded on read."""
    ranking = rank_candidates(three, frameworks, {"scie.innovation": 3})
    order = [r.key for r in ranking.rows]
    by_key = {c.key: c for c in three}
    expected = summary_table([by_key[k] for k in order], frameworks)
    ws = openpyxl.load_workbook(io.BytesIO(book))["Summary"]
    header = [read_text(c.value) for c in ws[1]]
    assert header == list(expected.columns)
    for r, row in enumerate(expected.rows, start=2):
        got = [c.value for c in ws[r]]
        assert read_text(got[0]) == row[0]
        assert got[4:-1] == [None if v is None else v for v in row[4:-1]]


def test_formula_text_is_text__ok(book: bytes) -> None:
    """Should store an innovation name that looks like a formula as text, reading back exactly."""
    wb = openpyxl.load_workbook(io.BytesIO(book))
    names = [c for ws in (wb["Summary"], wb["Ranking"], wb["Evidence"]) for c in ws["A"] + ws["B"] if c.value]
    hits = [c for c in names if read_text(c.value) == '=HYPERLINK("http://x")']
    assert hits
    assert all(c.data_type == "s" and not str(c.value).startswith("=") for c in hits)


def test_nasss_grid_text_labels__ok(book: bytes, three: list[Candidate], frameworks: dict[str, Framework]) -> None:
    """Should write the level text in every grid cell, coloured by one rule per level, sorted by complex count."""
    ws = openpyxl.load_workbook(io.BytesIO(book))["NASSS grid"]
    nasss = frameworks["nasss"]
    header = [read_text(c.value) for c in ws[1]]
    assert header == ["Innovation", *(s.label for s in nasss.sections), "Complex domains"]
    levels = {ws.cell(row=r, column=c).value for r in range(2, 5) for c in range(2, 2 + len(nasss.sections))}
    assert levels <= {"simple", "complicated", "complex", "unknown"} and levels
    counts = [ws.cell(row=r, column=len(header)).value for r in range(2, 5)]
    assert counts == sorted(counts, reverse=True)
    for r in range(2, 5):
        row_levels = [ws.cell(row=r, column=c).value for c in range(2, 2 + len(nasss.sections))]
        assert row_levels.count("complex") == ws.cell(row=r, column=len(header)).value
    formulas = {f for rng in ws.conditional_formatting for rule in rng.rules for f in rule.formula}
    assert formulas == {'"simple"', '"complicated"', '"complex"', '"unknown"'}


def test_factor_sheet_priorities_marked__ok(book: bytes, frameworks: dict[str, Framework]) -> None:
    """Should mark the SCIE priority factors in their column labels."""
    ws = openpyxl.load_workbook(io.BytesIO(book))["SCIE factors"]
    header = [read_text(c.value) for c in ws[1]]
    priorities = sum(1 for item in frameworks["scie"].items.values() if item.priority)
    assert sum(1 for h in header if h.startswith("★ P")) == priorities


def test_ranking_sheet_weights_and_stability__ok(book: bytes) -> None:
    """Should show the caveat, the weights used beside the default, and each rank's range."""
    ws = openpyxl.load_workbook(io.BytesIO(book))["Ranking"]
    cells = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None}
    assert read_text(cells[(1, 1)]) == CAVEAT
    weight_rows = {cells[(r, 1)]: cells[(r, 3)] for r in range(5, 5 + 13)}
    assert weight_rows["scie.innovation"] == 3 and weight_rows["nasss.technology"] == 1
    header_row = next(r for (r, c), v in cells.items() if c == 4 and v == "Rank range")
    ranges = [cells.get((header_row + i, 4)) for i in (1, 2, 3)]
    assert all(re.fullmatch(r"\d+(–\d+)?", str(x)) for x in ranges)


def test_about_has_method__ok(book: bytes) -> None:
    """Should carry the weighting caveat and the scoring method text."""
    ws = openpyxl.load_workbook(io.BytesIO(book))["About"]
    text = [read_text(c.value) for c in ws["A"] if c.value]
    assert CAVEAT in text
    assert method_lines()[0] in text


def test_empty_framework_results__ok(frameworks: dict[str, Framework]) -> None:
    """Should still build when a candidate answered nothing (all unknown, not ranked)."""
    a = Assessment(innovation=Innovation(name="Blank"))
    c = Candidate(key="b", label="Blank", assessment=a, result=score_assessment(a, frameworks))
    wb = openpyxl.load_workbook(io.BytesIO(comparison_workbook_bytes([c], frameworks)))
    assert wb["NASSS grid"].cell(row=2, column=2).value == "unknown"
