"""Tests for assessments.compare.workbook: the comparison workbook, saved and read back with openpyxl."""

from __future__ import annotations

import io
import random
import zipfile
from xml.etree import ElementTree

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from assessments.compare.candidates import Candidate
from assessments.compare.comparison import CAVEAT, EDITORIAL_NOTE, TIERS_NOTE, Comparison, compare
from assessments.compare.screening import who_raises_what
from assessments.compare.tables import summary_table
from assessments.compare.workbook import MAX_CHART_SERIES, comparison_workbook_bytes
from assessments.models import Assessment, Framework, Innovation
from assessments.scoring import score_assessment
from assessments.wording import method_lines
from assessments.xlsx.cells import read_text
from assessments.xlsx.charts import MAX_OVERLAID
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


@pytest.fixture(name="comparison", scope="module")
def _comparison(three: list[Candidate], frameworks: dict[str, Framework]) -> Comparison:
    return compare(three, frameworks, order="scie", weights={"scie.innovation": 3})


@pytest.fixture(name="book", scope="module")
def _book(comparison: Comparison, frameworks: dict[str, Framework]) -> bytes:
    return comparison_workbook_bytes(comparison, frameworks)


def texts(ws: Worksheet, column: str = "A") -> list[str]:
    """Every non-empty text of one column, read back as typed."""
    return [read_text(c.value) for c in ws[column] if c.value is not None]


def test_sheets__ok(book: bytes) -> None:
    """Should hold About, Screen, Tiers, the ordering asked for, Profiles, the NASSS grid, SCIE factors, Evidence
    and one radar per framework, then the hidden format marker."""
    wb = openpyxl.load_workbook(io.BytesIO(book))
    assert wb["_meta"].sheet_state == "hidden"
    assert [c.value for c in wb["_meta"]["B"]][1:3] == ["scaling-readiness-comparison", 1]
    assert wb.sheetnames == [
        "About",
        "Screen",
        "Tiers",
        "Ordering SCIE",
        "Profiles",
        "NASSS grid",
        "SCIE factors",
        "Evidence",
        "Radar SCIE",
        "Radar NASSS",
        "Radar SIPS",
        "_meta",
    ]


def test_radar_one_series_per_innovation__ok(book: bytes) -> None:
    """Should store a native radar chart per framework with one series per innovation."""
    counts = chart_series_counts(book)
    assert list(counts.values()) == [3, 3, 3]
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        assert all(ElementTree.fromstring(z.read(n)).find(f".//{{{CHART_NS}}}radarChart") is not None for n in counts)


def test_radar_capped__ok(frameworks: dict[str, Framework]) -> None:
    """Should chart the first MAX_CHART_SERIES innovations, at most MAX_OVERLAID to a chart, and say so on the sheet
    when more are compared."""
    many = candidates_for(frameworks, MAX_CHART_SERIES + 3)
    content = comparison_workbook_bytes(compare(many, frameworks), frameworks)
    counts = list(chart_series_counts(content).values())
    assert max(counts) == MAX_OVERLAID
    assert sum(counts) == MAX_CHART_SERIES * len(frameworks)
    ws = openpyxl.load_workbook(io.BytesIO(content))["Radar NASSS"]
    notes = [read_text(c.value) for c in ws["A"] if c.value]
    assert any(f"first {MAX_CHART_SERIES} of {MAX_CHART_SERIES + 3}" in n for n in notes)


def test_profile_values__ok(book: bytes, comparison: Comparison, frameworks: dict[str, Framework]) -> None:
    """Should write the profile matrix as values, rows in tier order, free text unguarded on read."""
    expected = summary_table(list(comparison.candidates), frameworks)
    ws = openpyxl.load_workbook(io.BytesIO(book))["Profiles"]
    header = [read_text(c.value) for c in ws[1]]
    assert header == list(expected.columns)
    for r, row in enumerate(expected.rows, start=2):
        got = [c.value for c in ws[r]]
        assert read_text(got[0]) == row[0]
        assert got[4:-1] == [None if v is None else v for v in row[4:-1]]


def test_formula_text_is_text__ok(book: bytes) -> None:
    """Should store an innovation name that looks like a formula as text, reading back exactly."""
    wb = openpyxl.load_workbook(io.BytesIO(book))
    names = [
        c for ws in (wb["Profiles"], wb["Screen"], wb["Tiers"], wb["Evidence"]) for c in ws["A"] + ws["B"] if c.value
    ]
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
    allowed = {"simple", "complicated", "complex", "unknown", "at least simple", "at least complicated"}
    assert levels <= allowed and levels
    counts: list[int] = []
    for r in range(2, 5):
        count = ws.cell(row=r, column=len(header)).value
        assert isinstance(count, int), (r, count)
        counts.append(count)
    assert counts == sorted(counts, reverse=True)
    for r in range(2, 5):
        row_levels = [ws.cell(row=r, column=c).value for c in range(2, 2 + len(nasss.sections))]
        assert row_levels.count("complex") == ws.cell(row=r, column=len(header)).value
    formulas = {f for rng in ws.conditional_formatting for rule in rng.rules for f in rule.formula}
    assert formulas == {
        '"simple"',
        '"complicated"',
        '"complex"',
        '"unknown"',
        '"at least simple"',
        '"at least complicated"',
    }


def test_factor_sheet_priorities_marked__ok(book: bytes, frameworks: dict[str, Framework]) -> None:
    """Should mark the SCIE priority factors in their column labels."""
    ws = openpyxl.load_workbook(io.BytesIO(book))["SCIE factors"]
    header = [read_text(c.value) for c in ws[1]]
    priorities = sum(1 for item in frameworks["scie"].items.values() if item.priority)
    assert sum(1 for h in header if h.startswith("★ P")) == priorities


def test_screen_sheet__ok(book: bytes, comparison: Comparison) -> None:
    """Should say the screen is not a score, and in plain words which innovations raise which warnings."""
    lines = texts(openpyxl.load_workbook(io.BytesIO(book))["Screen"])
    assert "not a score" in lines[0]
    for line in who_raises_what(comparison.candidates, comparison.screens):
        assert line in lines


def test_tiers_sheet__ok(book: bytes, comparison: Comparison) -> None:
    """Should explain the tiers and list each tier's members alphabetically, with the ranges table."""
    ws = openpyxl.load_workbook(io.BytesIO(book))["Tiers"]
    col_a, col_b = texts(ws, "A"), texts(ws, "B")
    assert col_a[0] == TIERS_NOTE
    for tier, members in comparison.tier_members():
        assert f"Tier {tier}" in col_a and "; ".join(members) in col_b
    assert "Tier range (all checks)" in [read_text(c.value) for row in ws.iter_rows() for c in row if c.value]


def test_ordering_sheet_is_labelled_editorial__ok(book: bytes, frameworks: dict[str, Framework]) -> None:
    """Should label the ordering as the commissioner's editorial choice and show the weights used."""
    ws = openpyxl.load_workbook(io.BytesIO(book))["Ordering SCIE"]
    cells = [read_text(c.value) if isinstance(c.value, str) else c.value for row in ws.iter_rows() for c in row]
    assert cells[0] == EDITORIAL_NOTE.format(framework=frameworks["scie"].short_title)
    assert "scie.innovation" in cells and 3 in cells
    assert "Worst case" in cells and "Best case" in cells


def test_no_ordering_no_sheet__ok(three: list[Candidate], frameworks: dict[str, Framework]) -> None:
    """Should write no ordering sheet when no ordering was asked for."""
    wb = openpyxl.load_workbook(io.BytesIO(comparison_workbook_bytes(compare(three, frameworks), frameworks)))
    assert not [n for n in wb.sheetnames if n.startswith("Ordering")]


def test_about_has_method__ok(book: bytes) -> None:
    """Should carry the caveat, the mixed-context warnings and the method text, comparison section included."""
    text = texts(openpyxl.load_workbook(io.BytesIO(book))["About"])
    assert CAVEAT in text
    assert method_lines()[0] in text
    assert "Comparing innovations" in text and "Worked example" in text


def test_empty_framework_results__ok(frameworks: dict[str, Framework]) -> None:
    """Should still build when a candidate answered nothing (all unknown, not ranked)."""
    a = Assessment(innovation=Innovation(name="Blank"))
    c = Candidate(key="b", label="Blank", assessment=a, result=score_assessment(a, frameworks))
    wb = openpyxl.load_workbook(io.BytesIO(comparison_workbook_bytes(compare([c], frameworks), frameworks)))
    assert wb["NASSS grid"].cell(row=2, column=2).value == "unknown"
