"""One worksheet of an uploaded workbook, read as a stream with row and column limits.

A sheet of the assessment workbook is a small table (at most a few dozen rows
of nine columns). :func:`read_sheet` checks the sheet's declared dimension
first and then every row and cell as it comes, and stops at the first one past
the limits (WORKBOOK_018), so a sheet with one cell in row 1,048,576 costs no
more than one with one cell in row 2. Cells keep their raw value: text exactly
as stored (escapes intact), numbers as numbers, dates (numbers in a date
format) as datetimes, formulas as formulas (never evaluated and never replaced
by the value a spreadsheet cached).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from assessments.errors import ErrorCode, InputError, problem
from assessments.xlsx.package import MAX_SHEET_PART_BYTES, MAX_XML_ELEMENTS, Package, PartTooBig

MAX_ROWS = 1000
"""Highest row a sheet may reach (a framework sheet has one row per item, at most a few dozen)."""
MAX_COLUMNS = 64
"""Highest column a sheet may reach (column BL; the framework sheets use A to I)."""
MAX_NUMBER_CHARS = 64
"""Longest number a cell may hold, in characters (Excel's own are at most 17 significant digits)."""

_COORDINATE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


class Kind:
    """What a cell holds (``XCell.kind``)."""

    EMPTY = ""
    TEXT = "s"
    NUMBER = "n"
    DATE = "d"
    BOOL = "b"
    ERROR = "e"
    FORMULA = "f"
    INVALID = "invalid"
    """A value the cell's type cannot hold (a number of 5,000 digits, a boolean of 7): the raw text is kept."""


@dataclass(frozen=True)
class XCell:
    """One cell as stored: its position, what kind of value it holds, and the value."""

    row: int
    column: int
    value: Any = None
    kind: str = Kind.EMPTY

    @property
    def column_letter(self) -> str:
        """The column as a letter, e.g. ``E``."""
        return get_column_letter(self.column)

    @property
    def is_formula(self) -> bool:
        """True if the cell holds a formula."""
        return self.kind == Kind.FORMULA


@dataclass
class Sheet:
    """The cells of one sheet within the limits, and its merged ranges."""

    title: str
    cells: dict[tuple[int, int], XCell] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    """Merged ranges as (first row, first column, last row, last column)."""

    def cell(self, row: int, column: int) -> XCell:
        """The cell at (row, column), empty if the sheet has none there."""
        return self.cells.get((row, column)) or XCell(row, column)

    @property
    def last_row(self) -> int:
        """The last row holding any cell (1 if none)."""
        return max((r for r, _c in self.cells), default=1)

    def row(self, row: int, columns: int) -> tuple[XCell, ...]:
        """Columns 1 to ``columns`` of one row."""
        return tuple(self.cell(row, col) for col in range(1, columns + 1))


def _coordinate(text: str) -> tuple[int, int] | None:
    m = _COORDINATE.fullmatch(text.strip())
    if not m:
        return None
    letters, digits = m.groups()
    column = 0
    for ch in letters.upper():
        column = column * 26 + ord(ch) - 64
    return int(digits), column


def _too_big(pkg: Package, sheet: str, detail: str, row: int | None = None, column: int | None = None) -> InputError:
    return InputError(
        [
            problem(
                ErrorCode.WORKBOOK_018,
                file=pkg.file,
                sheet=sheet,
                row=row,
                column=get_column_letter(min(column, 18_278)) if column else None,
                detail=detail,
            )
        ]
    )


def _reach(row: int, column: int, max_rows: int, max_columns: int) -> str | None:
    if row > max_rows:
        return f"it reaches row {row:,}, and the app reads at most {max_rows:,} rows"
    if column > max_columns:
        return (
            f"it reaches column {get_column_letter(min(column, 18_278))}, and the app reads at most "
            f"{max_columns} columns (up to {get_column_letter(max_columns)})"
        )
    return None


@dataclass
class _CellState:
    row: int
    column: int
    kind: str
    style: int
    value: str | None = None
    formula: str | None = None
    formula_type: str | None = None
    text: list[str] = field(default_factory=list)
    in_inline: bool = False
    phonetic: int = 0


def read_sheet(pkg: Package, title: str, *, max_rows: int = MAX_ROWS, max_columns: int = MAX_COLUMNS) -> Sheet:
    """Read one sheet's cells within the limits.

    Raises:
        InputError: WORKBOOK_018 (a row or column past the limits, from the sheet's dimension
            or as read), WORKBOOK_003 (damaged), WORKBOOK_020 (the sheet's part is too big).
        KeyError: the workbook has no sheet called ``title`` (check :attr:`Package.sheets` first).
    """
    part = pkg.sheets[title]
    sheet = Sheet(title)
    row = 0
    column = 0
    current: _CellState | None = None
    try:
        for event, el, name in pkg.elements(part, MAX_SHEET_PART_BYTES, sheet=title):
            if event == "start":
                if name == "row":
                    r = el.get("r")
                    row = _row_number(pkg, title, r) if r is not None else row + 1
                    column = 0
                    reach = _reach(row, 1, max_rows, max_columns)
                    if reach:
                        raise _too_big(pkg, title, reach, row=row)
                elif name == "c":
                    ref = el.get("r")
                    if ref is not None:
                        place = _coordinate(ref)
                        if place is None:
                            raise pkg.damaged(f"a cell has the impossible reference '{ref}'", sheet=title)
                        cell_row, column = place
                    else:
                        cell_row, column = row, column + 1
                    reach = _reach(cell_row, column, max_rows, max_columns)
                    if reach:
                        raise _too_big(pkg, title, reach, row=cell_row, column=column)
                    current = _CellState(cell_row, column, el.get("t", "n"), _style(el.get("s")))
                elif current is not None:
                    if name == "is":
                        current.in_inline = True
                    elif name == "rPh":
                        current.phonetic += 1
                continue
            if current is not None:
                if name == "c":
                    cell = _cell(pkg, title, current)
                    if cell.kind != Kind.EMPTY:
                        sheet.cells[(cell.row, cell.column)] = cell
                    current = None
                elif name == "v":
                    current.value = el.text or ""
                elif name == "f":
                    current.formula = el.text or ""
                    current.formula_type = el.get("t")
                elif name == "t" and current.in_inline and not current.phonetic:
                    current.text.append(el.text or "")
                elif name == "rPh":
                    current.phonetic -= 1
            elif name == "dimension":
                _check_dimension(pkg, title, el.get("ref", ""), max_rows, max_columns)
            elif name == "mergeCell":
                found = _range(el.get("ref", ""))
                if found is not None and len(sheet.merged) < 200:
                    sheet.merged.append(found)
    except PartTooBig as exc:
        raise _too_big(pkg, title, f"it holds more than the {MAX_XML_ELEMENTS:,} XML elements a workbook may") from exc
    return sheet


def _row_number(pkg: Package, title: str, text: str) -> int:
    if not text.isdigit() or len(text) > 7:
        raise pkg.damaged(f"a row has the impossible number '{text[:20]}'", sheet=title)
    return int(text)


def _style(text: str | None) -> int:
    if text is None or not text.isdigit() or len(text) > 9:
        return 0
    return int(text)


def _check_dimension(pkg: Package, title: str, ref: str, max_rows: int, max_columns: int) -> None:
    last = ref.split(":")[-1]
    place = _coordinate(last) if last else None
    if place is None:
        return  # no usable dimension: the rows and cells are checked as they come
    reach = _reach(place[0], place[1], max_rows, max_columns)
    if reach:
        raise _too_big(pkg, title, f"its dimension says {reach}", row=place[0], column=place[1])


def _range(ref: str) -> tuple[int, int, int, int] | None:
    first, _, last = ref.partition(":")
    a = _coordinate(first)
    b = _coordinate(last or first)
    if a is None or b is None:
        return None
    return min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])


def _cell(pkg: Package, title: str, state: _CellState) -> XCell:
    row, column = state.row, state.column
    if state.formula is not None:
        text = state.formula or ("(shared formula)" if state.formula_type == "shared" else "")
        return XCell(row, column, "=" + text, Kind.FORMULA)
    kind = state.kind
    if kind == "inlineStr":
        return XCell(row, column, "".join(state.text), Kind.TEXT)
    raw = state.value
    if raw is None:
        return XCell(row, column)
    if kind == "s":
        index = int(raw) if raw.strip().isdigit() and len(raw) < 10 else -1
        if not 0 <= index < len(pkg.shared):
            where = f"{get_column_letter(column)}{row}"
            raise pkg.damaged(f"cell {where} points at shared string '{raw[:20]}', which does not exist", sheet=title)
        return XCell(row, column, pkg.shared[index], Kind.TEXT)
    if kind == "str":
        return XCell(row, column, raw, Kind.TEXT)
    if kind == "e":
        return XCell(row, column, raw, Kind.ERROR)
    if kind == "b":
        if raw.strip() in ("0", "1"):
            return XCell(row, column, raw.strip() == "1", Kind.BOOL)
        return XCell(row, column, raw, Kind.INVALID)
    if kind == "d":
        try:
            return XCell(row, column, dt.datetime.fromisoformat(raw.strip()), Kind.DATE)
        except ValueError:
            return XCell(row, column, raw, Kind.INVALID)
    number = _number(raw)
    if number is None:
        return XCell(row, column, raw, Kind.INVALID)
    if state.style in pkg.date_styles:
        try:
            when = from_excel(number, pkg.epoch)
        except (OverflowError, ValueError, TypeError):
            return XCell(row, column, number, Kind.NUMBER)
        if isinstance(when, dt.datetime):
            return XCell(row, column, when, Kind.DATE)
    return XCell(row, column, number, Kind.NUMBER)


def _number(raw: str) -> int | float | None:
    text = raw.strip()
    if not text or len(text) > MAX_NUMBER_CHARS:
        return None
    try:
        if text.lstrip("-").isdigit():
            return int(text)
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
