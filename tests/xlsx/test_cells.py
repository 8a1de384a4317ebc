"""Tests for the spreadsheet text guard (assessments/cells.py), in memory and through a saved xlsx."""

from __future__ import annotations

from io import BytesIO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell

from assessments.xlsx.cells import (
    EXCEL_CELL_LIMIT,
    cell_round_trip,
    clean_text,
    escape_ooxml,
    read_text,
    stored_text,
    unescape_ooxml,
    write_text,
)

any_text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=80)


def _saved_round_trip(texts: list[str]) -> list[str]:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row, text in enumerate(texts, start=1):
        cell = ws.cell(row=row, column=1)
        assert isinstance(cell, Cell)  # a fresh sheet has no merged cells
        write_text(cell, text)
    buffer = BytesIO()
    wb.save(buffer)
    back = load_workbook(BytesIO(buffer.getvalue())).active
    assert back is not None
    return [read_text(back.cell(row=row, column=1).value) for row in range(1, len(texts) + 1)]


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("plain", "plain"),
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-5 people", "'-5 people"),
        ("@mention", "'@mention"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'_x000D_return"),
        ("'quoted", "''quoted"),
        ("a\r\nb", "a_x000D_\nb"),
        ("_x000D_", "_x005F_x000D_"),
        ("bell\x07char", "bellchar"),
        ("a = b", "a = b"),
    ],
)
def test_stored_text__ok(text: str, stored: str) -> None:
    """Should guard formula triggers and apostrophes, escape CR and literal escapes, drop illegal characters."""
    assert stored_text(text) == stored


@pytest.mark.parametrize("text", ["=1+1", "-x", "@x", "'x", "\t", "\r\n", "_x0041_", "é漢字😀", "line\nbreak", " pad "])
def test_write_read_through_file__ok(text: str) -> None:
    """Should read back exactly what was written, through a real saved workbook."""
    assert _saved_round_trip([text]) == [text]


def test_formula_text_is_a_string_cell__ok() -> None:
    """Should store '=...' as a string cell with the quote prefix, never as a formula."""
    ws = Workbook().active
    assert ws is not None
    write_text(ws["A1"], '=HYPERLINK("http://x")')
    assert ws["A1"].data_type == "s"
    assert ws["A1"].quotePrefix
    write_text(ws["A2"], "")
    write_text(ws["A3"], None)
    write_text(ws["A4"], "\x01\x02")
    assert ws["A2"].value is None
    assert ws["A3"].value is None
    assert ws["A4"].value is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, ""), (3.0, "3"), (2.5, "2.5"), (7, "7"), ("'x", "x"), ("x_x000D_y", "x\ry"), ("_x005F_x0041_", "_x0041_")],
)
def test_read_text__ok(value: object, expected: str) -> None:
    """Should turn typed numbers into text and undo the guard and escapes."""
    assert read_text(value) == expected


def test_unescape_keeps_surrogate_escapes__ok() -> None:
    """Should leave an escape naming a lone surrogate as typed (it is not text)."""
    assert unescape_ooxml("_xD800_") == "_xD800_"


@settings(max_examples=200, deadline=None)
@given(text=any_text)
def test_escape_round_trip__ok(text: str) -> None:
    """Should undo escaping exactly for any text."""
    assert unescape_ooxml(escape_ooxml(clean_text(text))) == clean_text(text)
    assert cell_round_trip(text) == clean_text(text)


@settings(max_examples=30, deadline=None)
@given(texts=st.lists(any_text, min_size=1, max_size=20))
def test_file_round_trip__ok(texts: list[str]) -> None:
    """Should read back the cleaned text exactly through a saved workbook, for any text."""
    assert _saved_round_trip(texts) == [clean_text(t) for t in texts]


@pytest.mark.parametrize(
    ("text", "exact"),
    [
        ("a\r" * 9_000, False),  # 18,000 characters, 72,000 escaped: line endings become line feeds
        ("a\r\n" * 6_000, False),
        ("=" + "x" * 19_999, True),
        ("_x0041_" * 2_800, False),  # 36,400 escaped: stored as typed, read back as escapes
    ],
)
def test_text_over_cell_limit_once_escaped__ok(text: str, exact: bool) -> None:
    """Should always fit the cell limit, keeping text exact when it fits and describing the change when not."""
    assert len(stored_text(text)) <= EXCEL_CELL_LIMIT
    assert (cell_round_trip(text) == text) is exact
    assert _saved_round_trip([text]) == [cell_round_trip(text)]
    if "\r" in text:
        assert cell_round_trip(text) == text.replace("\r\n", "\n").replace("\r", "\n")
