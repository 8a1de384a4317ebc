"""Printing the workbooks: page set-up on every sheet, row heights for wrapped text, and page counts in a real client.

The page counts come from LibreOffice itself (``soffice --convert-to pdf``), counted with pypdf. CI
installs LibreOffice (``.ci/run``) and sets REQUIRE_SPREADSHEETS, so there the test fails rather than
skips when ``soffice`` is missing. All workbooks are converted in one ``soffice`` call (it takes a few
seconds to start), with a private profile so parallel runs do not share one.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.cell import Cell

from assessments.catalogue import bundled_frameworks
from assessments.compare.candidates import Candidate, candidate_label, unique_labels
from assessments.compare.comparison import compare
from assessments.compare.workbook import comparison_workbook_bytes
from assessments.jsonfile import read_assessment_file
from assessments.models import Assessment
from assessments.scoring import score_assessment
from assessments.xlsx.printing import CHARS_PER_WIDTH, row_height, text_lines
from assessments.xlsx.write import workbook_bytes
from tests.xlsx.spreadsheets import libreoffice_pdfs

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "data" / "examples").glob("*.json"))
MAX_ASSESSMENT_PAGES = 10
"""Issue 14: an assessment workbook prints in at most ten A4 pages."""
MAX_COMPARISON_PAGES = 15
"""Issue 14: a comparison of five candidates prints in a similar count: 8 pages of tables (one per sheet) and
7 of radars, which draw at most three innovations to a chart (five overlaid on 22 spokes were illegible), so
five candidates take two charts per framework, each printed whole and full size (51 pages before)."""


def _examples() -> list[Assessment]:
    frameworks = bundled_frameworks()
    return [read_assessment_file(path, frameworks) for path in EXAMPLES]


def _comparison(assessments: list[Assessment]) -> bytes:
    """The comparison workbook of the given assessments, with an ordering (the largest it gets)."""
    frameworks = bundled_frameworks()
    labels = unique_labels([candidate_label(a) for a in assessments])
    candidates = [
        Candidate(key=f"k{n}", label=label, assessment=a, result=score_assessment(a, frameworks))
        for n, (a, label) in enumerate(zip(assessments, labels, strict=True))
    ]
    return comparison_workbook_bytes(compare(candidates, frameworks, order="scie"), frameworks)


@pytest.fixture(name="books", scope="module")
def _books() -> dict[str, bytes]:
    """Every example's workbook, the blank template and the comparison of all five examples."""
    frameworks = bundled_frameworks()
    examples = _examples()
    assert len(examples) == 5
    books = {path.stem: workbook_bytes(frameworks, a) for path, a in zip(EXAMPLES, examples, strict=True)}
    books["template"] = workbook_bytes(frameworks)
    books["comparison"] = _comparison(examples)
    return books


def test_every_sheet_is_set_up_to_print__ok(books: dict[str, bytes]) -> None:
    """Should give every visible sheet A4, fit to one page wide, margins, and a numbered footer."""
    for name, content in books.items():
        wb = openpyxl.load_workbook(io.BytesIO(content))
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            where = f"{name}: {ws.title}"
            assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4, where
            assert ws.page_setup.orientation in ("portrait", "landscape"), where
            assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), where
            assert ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage, where
            assert ws.page_margins.left + ws.page_margins.right <= 2.5 / 2.54, where
            footer = ws.oddFooter.right if ws.oddFooter is not None else None
            assert footer is not None, where
            assert "&P" in (footer.text or "") and "&N" in (footer.text or ""), where
            assert not ws.print_options.gridLines, where


def test_wrapped_rows_have_heights__ok(books: dict[str, bytes]) -> None:
    """Should give every row holding wrapped text longer than its column a height (LibreOffice and Gnumeric
    draw one line per row otherwise, and the text overlaps the rows below)."""
    for name, content in books.items():
        wb = openpyxl.load_workbook(io.BytesIO(content))
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            merged = {r.min_row for r in ws.merged_cells.ranges}
            for row in ws.iter_rows():
                for cell in row:
                    if not isinstance(cell, Cell):
                        continue  # inside a merged range
                    width = ws.column_dimensions[cell.column_letter].width or 13
                    long = isinstance(cell.value, str) and len(cell.value) > width and cell.row not in merged
                    if long and cell.alignment.wrap_text:
                        height = ws.row_dimensions[cell.row].height
                        assert height is not None, f"{name}: {ws.title}!{cell.coordinate} has no row height"
                        needed = row_height([(cell.value, width)], font_size=cell.font.sz or 11, bold=bool(cell.font.b))
                        assert height >= needed - 0.5, f"{name}: {ws.title}!{cell.coordinate}"


def test_text_lines__ok() -> None:
    """Should count wrapped lines word by word, paragraphs and over-long words included."""
    assert text_lines("", 10) == 1
    assert text_lines("short", 10) == 1
    per_line = int(10 * CHARS_PER_WIDTH)
    assert per_line == 9  # the line breaks below are worked out for nine characters a line at width 10
    assert text_lines("one two three four five six seven", 10) == 4  # one two / three / four five / six seven
    assert text_lines("a\nb\nc", 50) == 3
    assert text_lines("x" * 50, 10) == math.ceil(50 / per_line)
    assert text_lines("word " * 40, 20, font_size=22) > text_lines("word " * 40, 20)


def test_page_counts_in_libreoffice__ok(books: dict[str, bytes], tmp_path: Path) -> None:
    """Should print each example's assessment workbook in at most ten A4 pages, and the comparison of the
    five examples in at most fifteen (36 and 51 before issue 14), as LibreOffice lays them out."""
    pypdf = pytest.importorskip("pypdf")
    pages = {name: len(pypdf.PdfReader(p).pages) for name, p in libreoffice_pdfs(books, tmp_path).items()}
    assert set(pages) == set(books), pages
    limits = {name: MAX_COMPARISON_PAGES if name == "comparison" else MAX_ASSESSMENT_PAGES for name in books}
    assert {n: c for n, c in pages.items() if c > limits[n]} == {}, pages
    assert min(pages.values()) >= 5, pages  # every visible sheet printed: nothing silently left out
