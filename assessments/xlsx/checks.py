"""Reading a workbook's cells strictly: each problem is collected with its sheet, row and column.

:class:`CellReader` is what the strict reader (:mod:`assessments.xlsx.read`)
reads every cell through: formulas are reported (never evaluated or replaced by
a cached value), text is checked against its length limit, dates are parsed
(date cells, numeric date serials and typed text), and header rows and merged
cells are checked. It stops collecting after :data:`MAX_WORKBOOK_PROBLEMS`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import WINDOWS_EPOCH, from_excel

from assessments.errors import ErrorCode, Problem, message
from assessments.xlsx.cells import read_text
from assessments.xlsx.sheet import Kind, Sheet, XCell

MAX_WORKBOOK_PROBLEMS = 100
"""Problems listed for one workbook; past that a last problem (WORKBOOK_021) says more were found."""
FIRST_SAFE_SERIAL = 61
"""1900-03-01: below it Excel (which counts a 29 February 1900) and LibreOffice disagree on the day."""
LAST_SERIAL = 2_958_465
"""9999-12-31, the last date a spreadsheet holds."""


class TooManyProblems(Exception):
    """Raised by :meth:`CellReader.add` once the workbook has :data:`MAX_WORKBOOK_PROBLEMS` problems."""


@dataclass
class CellReader:
    """Collects problems while reading one workbook."""

    file: str
    problems: list[Problem]
    epoch: dt.datetime = WINDOWS_EPOCH
    """The workbook's date system (1900, or 1904 for some Mac workbooks), for numeric date serials."""

    def add(
        self,
        code: ErrorCode,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        **params: Any,
    ) -> None:
        if len(self.problems) >= MAX_WORKBOOK_PROBLEMS:
            self.problems.append(
                Problem(
                    code=ErrorCode.WORKBOOK_021,
                    message=message(ErrorCode.WORKBOOK_021, limit=MAX_WORKBOOK_PROBLEMS),
                    file=self.file,
                )
            )
            raise TooManyProblems
        # Built directly (not with problem()) because some templates name the sheet too ({sheet}).
        text = message(code, sheet=sheet, **params)
        self.problems.append(Problem(code=code, message=text, file=self.file, sheet=sheet, row=row, column=column))

    def extend(self, problems: list[Problem]) -> None:
        """Add problems found by the validator (same limit as :meth:`add`)."""
        for p in problems:
            if len(self.problems) >= MAX_WORKBOOK_PROBLEMS:
                self.add(p.code)  # raises TooManyProblems after recording WORKBOOK_021
            self.problems.append(p)

    def not_in_list(self, cell: XCell, sheet: str, found: str, allowed: str) -> None:
        """Report a value that is not one of its drop-down list's entries (WORKBOOK_008)."""
        self.add(
            ErrorCode.WORKBOOK_008, sheet=sheet, row=cell.row, column=cell.column_letter, found=found, allowed=allowed
        )

    def formula(self, cell: XCell, sheet: str) -> bool:
        """Report a formula cell, or a value its type cannot hold (WORKBOOK_012); True if it holds either."""
        if cell.kind == Kind.INVALID:
            self.add(
                ErrorCode.WORKBOOK_012,
                sheet=sheet,
                row=cell.row,
                column=cell.column_letter,
                detail=f"the cell's stored value '{str(cell.value)[:40]}' is not one a spreadsheet can hold; "
                "type the value again",
            )
            return True
        if cell.is_formula:
            self.add(
                ErrorCode.WORKBOOK_014,
                sheet=sheet,
                row=cell.row,
                column=cell.column_letter,
                found=str(cell.value)[:60],
            )
        return cell.is_formula

    def text(self, cell: XCell, sheet: str, limit: int) -> str | None:
        """Free text from a cell (guard undone), or None after reporting a problem."""
        if self.formula(cell, sheet):
            return None
        text = read_text(cell.value)
        if len(text) > limit:
            self.add(
                ErrorCode.WORKBOOK_015,
                sheet=sheet,
                row=cell.row,
                column=cell.column_letter,
                length=len(text),
                limit=limit,
            )
            return None
        return text

    def date(self, cell: XCell, sheet: str) -> tuple[bool, dt.date | None]:
        """A date from a cell: (ok, date or None if empty).

        Read are: a date cell, a number (the date serial a spreadsheet stores, in the workbook's
        date system) and text typed as YYYY-MM-DD or DD/MM/YYYY. A date cell or serial before
        1900-03-01 is refused: Excel and LibreOffice disagree on which day those serials are,
        so the app writes such dates as text (which is read back exactly).
        """
        if self.formula(cell, sheet):
            return False, None
        value = cell.value
        if value is None or (isinstance(value, str) and not read_text(value).strip()):
            return True, None
        found = read_text(value)
        if cell.kind == Kind.DATE and isinstance(value, dt.datetime):
            if value.date() >= dt.date(1900, 3, 1) or self.epoch != WINDOWS_EPOCH:
                return True, value.date()
            found = f"{value.date().isoformat()} (a date cell before 1900-03-01)"
        elif cell.kind == Kind.NUMBER and isinstance(value, int | float) and not isinstance(value, bool):
            serial = _serial_date(value, self.epoch)
            if serial is not None:
                return True, serial
            found = f"{found} (as a date serial, outside 1900-03-01 to 9999-12-31)"
        elif isinstance(value, str):
            text = found.strip()
            for parse in (dt.date.fromisoformat, lambda s: dt.datetime.strptime(s, "%d/%m/%Y").date()):
                try:
                    return True, parse(text)
                except ValueError:
                    continue
        self.add(ErrorCode.WORKBOOK_013, sheet=sheet, row=cell.row, column=cell.column_letter, found=found)
        return False, None

    def header(self, ws: Sheet, expected: tuple[str, ...]) -> bool:
        """Check row 1 against the expected headers; True if it matches."""
        found = [read_text(ws.cell(1, col).value).strip() for col in range(1, len(expected) + 2)]
        changes = [
            f"column {get_column_letter(col)} should be '{want}' but is '{got}'"
            for col, (want, got) in enumerate(zip(expected, found, strict=False), start=1)
            if want != got
        ]
        if found[len(expected)]:
            changes.append(f"column {get_column_letter(len(expected) + 1)} '{found[len(expected)]}' was added")
        if changes:
            self.add(ErrorCode.WORKBOOK_011, sheet=ws.title, row=1, detail="; ".join(changes))
            return False
        return True

    def merged(self, ws: Sheet) -> bool:
        """Report merged cells; True if there are none."""
        for first_row, first_col, last_row, last_col in ws.merged:
            coord = f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}"
            self.add(
                ErrorCode.WORKBOOK_009,
                sheet=ws.title,
                row=first_row,
                column=get_column_letter(first_col),
                detail=f"cells {coord} are merged",
            )
        return not ws.merged


def _serial_date(value: float, epoch: dt.datetime) -> dt.date | None:
    """The date a whole-day serial stands for in the workbook's date system (None if it stands for none safely)."""
    if not float(value).is_integer():
        return None
    first = FIRST_SAFE_SERIAL if epoch == WINDOWS_EPOCH else 0
    if not first <= value <= LAST_SERIAL:
        return None
    try:
        when = from_excel(int(value), epoch)
    except (OverflowError, ValueError):
        return None
    return when.date() if isinstance(when, dt.datetime) and when.year <= 9999 else None
