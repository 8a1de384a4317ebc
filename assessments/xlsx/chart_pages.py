"""Where charts go on a sheet: under the tables at column A, never split across printed pages.

A sheet printed "fit to one page wide" is scaled down when it is wider than the paper, so a page
holds more of it; :func:`print_scale` estimates that scale from the column widths (Excel's
measure, the narrower of Excel's and LibreOffice's, so the estimate errs towards more breaks)
and :class:`PageFill` puts a manual page break before any block that would not fit whole on the
current page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.chart._chart import ChartBase
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from assessments.xlsx.charts import CHART_WIDTH_CM

A4_CM = (21.0, 29.7)
"""Width and height of an A4 sheet of paper, portrait."""
PRINT_SAFETY = 0.95
"""Share of a page's printable height that blocks may fill (spreadsheets round row heights and scales)."""
DEFAULT_COLUMN_WIDTH = 8.43
"""Width in characters of a column whose width is not set."""
ROW_HEIGHT_CM = 15 * 2.54 / 72
"""A row of the default height (15 pt), on which charts are placed."""


def rows_for(height_cm: float) -> int:
    """Rows of the default height that a chart of ``height_cm`` covers."""
    return math.ceil(height_cm / ROW_HEIGHT_CM)


def _column_cm(chars: float) -> float:
    """A column's printed width: Excel's ``7 * chars + 5`` pixels at 96 pixels to the inch."""
    return (7 * chars + 5) * 2.54 / 96


def _paper_cm(ws: Worksheet) -> tuple[float, float]:
    """The printable width and height of one page of ``ws``: A4 in its orientation, less its margins."""
    width, height = A4_CM if ws.page_setup.orientation != "landscape" else A4_CM[::-1]
    m = ws.page_margins
    return width - (m.left + m.right) * 2.54, height - (m.top + m.bottom) * 2.54


def print_scale(ws: Worksheet) -> float:
    """The scale a printout of ``ws`` uses: below 1 when set to fit one page wide and wider than the page.

    The sheet's width is the sum of its columns up to the last one whose width is set, or the
    chart width when that is more. A sheet not (yet) set to fit its width prints at 100 %.
    """
    props = ws.sheet_properties.pageSetUpPr
    if props is None or not props.fitToPage or ws.page_setup.fitToWidth not in (None, 1):
        return 1.0
    widths = {
        column_index_from_string(letter): dim.width
        for letter, dim in ws.column_dimensions.items()
        if dim.width  # column_dimensions makes an entry, without width, for any letter it is asked about
    }
    last = max(widths, default=0)
    sheet = sum(_column_cm(widths.get(col, DEFAULT_COLUMN_WIDTH)) for col in range(1, last + 1))
    return min(1.0, _paper_cm(ws)[0] / max(sheet, CHART_WIDTH_CM))


def page_capacity_cm(ws: Worksheet) -> float:
    """How many centimetres of the sheet (at 100 %) one printed page holds, with :data:`PRINT_SAFETY`."""
    return _paper_cm(ws)[1] * PRINT_SAFETY / print_scale(ws)


@dataclass
class PageFill:
    """How much of the current printed page a sheet has used, to keep blocks (a chart, a table) on one page."""

    ws: Worksheet
    capacity: float
    """What one page holds, in centimetres of the sheet at 100 % (:func:`page_capacity_cm`)."""
    used: float | None = None
    """Height used on the current page; None when unknown (the next block starts a new page)."""

    @classmethod
    def of(cls, ws: Worksheet, used: float | None = None) -> PageFill:
        """The page fill of ``ws``, with ``used`` centimetres already on the current page."""
        return cls(ws, page_capacity_cm(ws), used)

    def keep_together(self, row: int, height_cm: float) -> None:
        """A block of ``height_cm`` starts at ``row``: put a page break before it unless it fits on this page."""
        if self.used is None or self.used + height_cm > self.capacity:
            if row > 1:
                self.ws.row_breaks.append(Break(id=row - 1))
            self.used = 0.0
        self.used += height_cm

    def add(self, height_cm: float) -> None:
        """Rows that may run onto the next page (the page is then only known roughly)."""
        self.used = (self.used or 0.0) + height_cm
        while self.used > self.capacity:
            self.used -= self.capacity


def place_charts(
    ws: Worksheet, charts: Sequence[ChartBase], first_row: int, *, column: int = 1, pages: PageFill | None = None
) -> int:
    """Anchor ``charts`` one under another from ``first_row``, so that no chart is split across pages.

    A manual page break comes before the first chart (unless ``pages`` says how much of the page
    the rows above use) and before every chart that would not fit whole on the page under the
    ones above it. Call it once the sheet's column widths and page setup are final: a sheet
    printed fitted to its width is scaled down (:func:`print_scale`), so a page holds more.

    Returns:
        The first row below the last chart and the blank row after it.
    """
    pages = pages or PageFill.of(ws)
    row = first_row
    for chart in charts:
        rows = rows_for(chart.height)
        pages.keep_together(row, rows * ROW_HEIGHT_CM)
        ws.add_chart(chart, f"{get_column_letter(column)}{row}")
        pages.add(ROW_HEIGHT_CM)  # the blank row between charts
        row += rows + 1
    return row
