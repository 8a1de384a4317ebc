"""Reading a workbook's cells strictly: each problem is collected with its sheet, row and column.

:class:`CellReader` is what the strict reader (:mod:`assessments.xlsx.read`)
reads every cell through: formulas are reported (never evaluated or replaced by
a cached value), text is checked against its length limit, dates are parsed,
and header rows and merged cells are checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet

from assessments.errors import ErrorCode, Problem
from assessments.xlsx.cells import read_text


@dataclass
class CellReader:
    """Collects problems while reading one workbook."""

    file: str
    problems: list[Problem]

    def add(
        self,
        code: ErrorCode,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        **params: Any,
    ) -> None:
        # Built directly (not with problem()) because some templates name the sheet too ({sheet}).
        message = code.value.format(sheet=sheet, **params)
        self.problems.append(Problem(code=code, message=message, file=self.file, sheet=sheet, row=row, column=column))

    def not_in_list(self, cell: Cell, sheet: str, found: str, allowed: str) -> None:
        """Report a value that is not one of its drop-down list's entries (WORKBOOK_008)."""
        self.add(
            ErrorCode.WORKBOOK_008, sheet=sheet, row=cell.row, column=cell.column_letter, found=found, allowed=allowed
        )

    def formula(self, cell: Cell, sheet: str) -> bool:
        """Report a formula cell; True if the cell holds one."""
        value = cell.value
        is_formula = cell.data_type == "f" or isinstance(value, ArrayFormula | DataTableFormula)
        if is_formula:
            shown = value.text if isinstance(value, ArrayFormula) else str(value)
            self.add(
                ErrorCode.WORKBOOK_014,
                sheet=sheet,
                row=cell.row,
                column=cell.column_letter,
                found=(shown or "")[:60],
            )
        return is_formula

    def text(self, cell: Cell, sheet: str, limit: int) -> str | None:
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

    def date(self, cell: Cell, sheet: str) -> tuple[bool, dt.date | None]:
        """A date from a cell: (ok, date or None if empty)."""
        if self.formula(cell, sheet):
            return False, None
        value = cell.value
        if value is None or (isinstance(value, str) and not value.strip()):
            return True, None
        if isinstance(value, dt.datetime):
            return True, value.date()
        if isinstance(value, dt.date):
            return True, value
        if isinstance(value, str):
            text = read_text(value).strip()
            for parse in (dt.date.fromisoformat, lambda s: dt.datetime.strptime(s, "%d/%m/%Y").date()):
                try:
                    return True, parse(text)
                except ValueError:
                    continue
        self.add(ErrorCode.WORKBOOK_013, sheet=sheet, row=cell.row, column=cell.column_letter, found=read_text(value))
        return False, None

    def header(self, ws: Worksheet, expected: tuple[str, ...]) -> bool:
        """Check row 1 against the expected headers; True if it matches."""
        found = [read_text(ws.cell(row=1, column=col).value).strip() for col in range(1, len(expected) + 2)]
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

    def merged(self, ws: Worksheet) -> bool:
        """Report merged cells; True if there are none."""
        ranges = list(ws.merged_cells.ranges)
        for rng in ranges:
            self.add(
                ErrorCode.WORKBOOK_009,
                sheet=ws.title,
                row=rng.min_row,
                column=get_column_letter(rng.min_col),
                detail=f"cells {rng.coord} are merged",
            )
        return not ranges


def unmerged(cell: Cell | MergedCell) -> Cell:
    """A cell typed as a plain cell; only for sheets where :meth:`CellReader.merged` found no merged range."""
    assert isinstance(cell, Cell), f"{cell.coordinate} is merged; merged ranges are rejected before cells are read"
    return cell
