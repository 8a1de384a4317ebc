"""Write-only worksheet helpers of the comparison workbook: styled headers, notes and rows of values.

Every text cell goes through the workbook helpers of :mod:`assessments.xlsx.cells` (cleaned,
formula-guarded and OOXML-escaped exactly as :func:`~assessments.xlsx.cells.write_text` does), so
nothing user-typed becomes a formula or is read back changed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from assessments.compare.tables import Table
from assessments.xlsx.cells import GUARD, stored_text, write_text
from assessments.xlsx.printing import row_height, set_up_printing

COMPARISON_TITLE = "Comparison of candidate innovations"
"""What the page header of every printed sheet says."""


class PrintedSheet(WriteOnlyWorksheet):
    """A write-only sheet that counts the rows written, so a row's height can be set before it is written."""

    rows_written = 0

    def append(self, row: Any) -> None:
        """Write one row (see :meth:`WriteOnlyWorksheet.append`) and count it."""
        super().append(row)
        self.rows_written += 1


def new_sheet(wb: Workbook, title: str, *, landscape: bool = True, title_rows: str | None = None) -> Worksheet:
    """A sheet of the (write-only) comparison workbook that counts its rows, set up to print (A4, one page wide)."""
    ws = PrintedSheet(parent=wb, title=title)
    wb._add_sheet(ws)  # type: ignore[attr-defined]  # what Workbook.create_sheet does with a write-only sheet
    set_up_printing(ws, landscape=landscape, title=COMPARISON_TITLE, title_rows=title_rows)
    return cast(Worksheet, ws)  # openpyxl's stubs give write-only sheets almost none of their attributes


def rows_written(ws: Worksheet) -> int:
    """How many rows a sheet of :func:`new_sheet` has written so far."""
    return int(getattr(ws, "rows_written", 0))


def _fit_next_row(ws: Worksheet, values: Sequence[Any], *, bold: bool = False) -> list[float]:
    """Lay out the row about to be written; return the width each value has.

    Text in the row's last filled cell spans the empty columns to the sheet's last column (merged, so
    it wraps across them rather than down a narrow column); the row gets the height its wrapped text
    needs. Only on the sheets of :func:`new_sheet`, which count their rows; elsewhere each value has
    its own column's width.
    """
    widths = [_width(ws, col) for col in range(1, len(values) + 1)]
    rows_written = getattr(ws, "rows_written", None)
    if rows_written is None:
        return widths
    row = rows_written + 1
    filled = [i for i, v in enumerate(values) if v is not None and v != ""]
    span = _span(ws)
    if filled and isinstance(values[filled[-1]], str) and filled[-1] + 1 < span:
        last = filled[-1]
        room = sum(_width(ws, col) for col in range(last + 1, span + 1))
        if len(values[last]) > widths[last]:
            widths[last] = room
            ws.merged_cells.add(f"{get_column_letter(last + 1)}{row}:{get_column_letter(span)}{row}")
    texts = [(v, w) for v, w in zip(values, widths, strict=True) if isinstance(v, str) and len(v) > w]
    if texts:
        ws.row_dimensions[row].height = row_height(texts, bold=bold)
    return widths


def _width(ws: Worksheet, col: int) -> float:
    letter = get_column_letter(col)
    width = ws.column_dimensions[letter].width if letter in ws.column_dimensions else None
    return float(width or 13)


def _span(ws: Worksheet) -> int:
    """The last column whose width the sheet sets (the width of its tables)."""
    return max((column_index_from_string(key) for key in ws.column_dimensions), default=1)


HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(bold=True)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
NUMBER_TOP = Alignment(vertical="top", horizontal="center")
"""A number in a row of wrapped text: centred, so it never runs into the text beside it."""
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_name(text: str) -> str:
    """A valid worksheet name (no ``[]:*?/\\``, at most 31 characters)."""
    return _SHEET_BAD.sub(" ", text)[:31]


def text_cell(ws: Worksheet, text: str, *, bold: bool = False, fill: PatternFill | None = None) -> Cell:
    """A styled text cell for a write-only sheet (free text written by :func:`write_text`)."""
    cell = WriteOnlyCell(ws)
    write_text(cell, text)
    if bold:
        cell.font = BOLD
    if fill is not None:
        cell.fill = fill
        cell.alignment = WRAP_TOP
    return cell


def header(ws: Worksheet, headers: Sequence[str], *, widths: Sequence[int] | None = None) -> None:
    """Set the column widths and append a styled header row (write-only: widths come first)."""
    for col in range(1, len(headers) + 1):
        width = widths[col - 1] if widths and col - 1 < len(widths) else (34 if col == 1 else 16)
        ws.column_dimensions[get_column_letter(col)].width = width
    header_row(ws, headers)


def header_row(ws: Worksheet, headers: Sequence[str]) -> None:
    """Append a styled header row (column widths untouched)."""
    _fit_next_row(ws, headers, bold=True)
    ws.append([text_cell(ws, text, bold=True, fill=HEADER_FILL) for text in headers])


def equal_rule(formula: str, fill: PatternFill) -> Rule:
    """A conditional format filling cells equal to ``formula`` (what openpyxl's untyped CellIsRule builds)."""
    return Rule(type="cellIs", operator="equal", formula=[formula], dxf=DifferentialStyle(fill=fill))


@functools.lru_cache(maxsize=4096)
def _stored(value: str) -> str:
    """The string :func:`write_text` stores for ``value`` (tables repeat the same labels and levels)."""
    return stored_text(value)


def _value(ws: Worksheet, value: Any, width: float) -> Any:
    """A cell value for ``ws.append``: text stored exactly as :func:`write_text` stores it, wrapped when
    it is longer than its column is wide."""
    if not isinstance(value, str):
        return value
    stored = _stored(value)
    if stored.startswith(GUARD) or len(value) > width:
        cell = text_cell(ws, value)  # the quote prefix and the wrapping need a cell object
        cell.alignment = WRAP_TOP
        return cell
    return stored or None


def append_rows(ws: Worksheet, rows: Iterable[Sequence[Any]]) -> None:
    """Append rows; text is cleaned, escaped and formula-guarded, and long text wraps."""
    for values in rows:
        widths = _fit_next_row(ws, values)
        cells = [_value(ws, v, w) for v, w in zip(values, widths, strict=True)]
        if any(isinstance(c, Cell) and c.alignment.wrap_text for c in cells):
            # A row of wrapped text: every cell at the top, so a number stands beside the start of its text.
            cells = [_on_top(ws, c) for c in cells]
        ws.append(cells)


def _on_top(ws: Worksheet, value: Any) -> Any:
    if value is None:
        return None
    cell = value if isinstance(value, Cell) else WriteOnlyCell(ws, value=value)
    if not cell.alignment.wrap_text:
        cell.alignment = TOP if isinstance(cell.value, str) else NUMBER_TOP
    return cell


def note(ws: Worksheet, text: str, *, bold: bool = False, blank_before: int = 0) -> None:
    """Append ``blank_before`` empty rows, then one line of text in column A (wrapped)."""
    for _ in range(blank_before):
        ws.append([])
    cell = text_cell(ws, text, bold=bold)
    cell.alignment = WRAP_TOP
    _fit_next_row(ws, [text], bold=bold)
    ws.append([cell])


def table_sheet(ws: Worksheet, table: Table, *, freeze: bool = True) -> None:
    """Append a table with a styled header (frozen when it is the sheet's first row)."""
    if freeze:
        ws.freeze_panes = "B2"
    header(ws, table.columns)
    append_rows(ws, table.rows)


def table_block(ws: Worksheet, title: str, table: Table) -> None:
    """A bold title, then the table with a styled header, below what the sheet already holds."""
    note(ws, title, bold=True, blank_before=1)
    header_row(ws, table.columns)
    append_rows(ws, table.rows)
