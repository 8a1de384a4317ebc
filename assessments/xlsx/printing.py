"""How the workbooks print: A4 page set-up, and row heights for wrapped text.

Shared by the assessment workbook (:mod:`assessments.xlsx.write`, :mod:`assessments.xlsx.summary`)
and the comparison workbook (:mod:`assessments.compare.workbook`), so both print the same way.

Excel works out a wrapped row's height when it opens a file; LibreOffice and Gnumeric use the
height the file gives, and with none they draw one line per row, so wrapped text overlaps the
rows below. Every row with wrapped text is therefore given a height here, estimated from the
length of its text against its column's width. The estimate errs on the tall side: a little
white space is better than text cut off.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

CHARS_PER_WIDTH = 0.95
"""Characters of prose that fit per unit of column width (the width of one '0').

Measured on rendered pages: about 1.17 in LibreOffice on Linux (which draws Calibri as DejaVu Sans and
sizes its columns by that font's '0' too), more in Excel's Calibri, and about 0.96 in Gnumeric. The
lowest is assumed, so no client cuts text off; the others show a little white space."""
LINE_POINTS = 1.25
"""Height of one line of text as a multiple of the font size, in points."""
PADDING_POINTS = 3.0
"""Added to every estimated row height (cell padding and borders)."""
MAX_ROW_POINTS = 409.0
"""The tallest row a spreadsheet allows."""
DEFAULT_FONT_SIZE = 11.0
INCH_CM = 2.54
SIDE_MARGIN_CM = 0.8
"""Left and right margins: 1.6 cm together, so a 16 cm chart fits a portrait page's 19.4 cm."""
TOP_MARGIN_CM = 1.2
HEADER_CM = 0.5
MAX_HEADER_TEXT = 90
"""Most characters of a name repeated in the page header (Excel allows 255 for the whole header)."""


def text_lines(text: str, width: float, *, font_size: float = DEFAULT_FONT_SIZE, bold: bool = False) -> int:
    """How many lines ``text`` takes when wrapped in a column ``width`` characters wide.

    Each paragraph is wrapped word by word, as a spreadsheet wraps it; a word longer than a line
    is broken over several.

    Args:
        text: The cell's text (line breaks start new lines).
        width: The column width, in the units of ``column_dimensions[...].width``.
        font_size: The font size in points (a larger font fits fewer characters per line).
        bold: Whether the text is bold (about 10% wider).

    Returns:
        The number of lines, at least 1.
    """
    per_line = max(1, int(width * CHARS_PER_WIDTH * DEFAULT_FONT_SIZE / font_size / (1.1 if bold else 1.0)))
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0
        for word in paragraph.split():
            need = len(word) if used == 0 else used + 1 + len(word)
            if need <= per_line:
                used = need
                continue
            if used:
                lines += 1
            lines += (len(word) - 1) // per_line
            used = len(word) % per_line or per_line
        total += lines
    return max(1, total)


def row_height(
    cells: Iterable[tuple[Any, float]], *, font_size: float = DEFAULT_FONT_SIZE, bold: bool = False
) -> float:
    """The height, in points, of a row whose cells hold ``(value, column width)`` pairs (wrapped text).

    Values that are not text take one line.
    """
    lines = max(
        (text_lines(value, width, font_size=font_size, bold=bold) for value, width in cells if isinstance(value, str)),
        default=1,
    )
    return min(MAX_ROW_POINTS, math.ceil(lines * font_size * LINE_POINTS + PADDING_POINTS))


def header_text(text: str) -> str:
    """Text for a page header or footer: ``&`` doubled (a single one starts a code) and cut short."""
    text = " ".join(text.split())
    if len(text) > MAX_HEADER_TEXT:
        text = text[: MAX_HEADER_TEXT - 1] + "…"
    return text.replace("&", "&&")


def set_up_printing(
    ws: Any,
    *,
    landscape: bool,
    title: str,
    title_rows: str | None = None,
    gridlines: bool = False,
) -> None:
    """A4, fitted to one page wide (as many pages tall as it needs), margins, titles, header and footer.

    Works on ordinary and write-only sheets alike (for a write-only sheet, call it before the first row
    is written: the fit-to-page flag goes at the top of the sheet's XML).

    Args:
        ws: The worksheet.
        landscape: Landscape (wide tables) or portrait (text, narrow tables).
        title: What the page header names on the left (the innovation, or the comparison).
        title_rows: Rows repeated at the top of every printed page, e.g. ``"1:1"``.
        gridlines: Whether to print the cell grid (off: the tables have their own borders or shading).
    """
    setup = ws.page_setup
    setup.paperSize = Worksheet.PAPERSIZE_A4
    setup.orientation = Worksheet.ORIENTATION_LANDSCAPE if landscape else Worksheet.ORIENTATION_PORTRAIT
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    else:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    side, top, edge = SIDE_MARGIN_CM / INCH_CM, TOP_MARGIN_CM / INCH_CM, HEADER_CM / INCH_CM
    ws.page_margins = PageMargins(left=side, right=side, top=top, bottom=top, header=edge, footer=edge)
    ws.print_options.gridLines = gridlines
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddHeader.left.text = header_text(title)
    ws.oddHeader.right.text = "&A"  # the sheet's name
    ws.oddFooter.left.text = "&F"  # the file's name
    ws.oddFooter.right.text = "Page &P of &N"
