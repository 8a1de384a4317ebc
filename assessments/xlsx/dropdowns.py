"""Excel data validations for the assessment workbook: drop-down lists, text length and dates.

Drop-down lists read their labels from the hidden ``Lists`` sheet (one column
per list), so long lists never hit Excel's 255-character limit for inline lists.
"""

from __future__ import annotations

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from assessments.models import EVIDENCE_LABELS, MAX_TEXT_LENGTH
from assessments.xlsx.cells import write_text
from assessments.xlsx.layout import LISTS_SHEET, cell_at


class ListsSheet:
    """The hidden Lists sheet: one column per drop-down list, header in row 1."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.ranges: dict[str, str] = {}

    def add(self, key: str, labels: list[str]) -> str:
        """Add a list (once per key) and return its range for a validation's formula1."""
        if key in self.ranges:
            return self.ranges[key]
        col = len(self.ranges) + 1
        letter = get_column_letter(col)
        self.ws.cell(row=1, column=col, value=key)
        for row, label in enumerate(labels, start=2):
            write_text(cell_at(self.ws, row, col), label)
        self.ws.column_dimensions[letter].width = max(12, min(60, max(len(x) for x in labels) + 2))
        ref = f"{LISTS_SHEET}!${letter}$2:${letter}${len(labels) + 1}"
        self.ranges[key] = ref
        return ref


def list_validation(ref: str, *, title: str, prompt: str, error: str, strict: bool = True) -> DataValidation:
    """A drop-down list reading ``ref``; when not strict, other typed values are allowed."""
    return DataValidation(
        type="list",
        formula1=ref,
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=strict,
        promptTitle=title[:32],
        prompt=prompt[:255],
        errorTitle="Not in the list"[:32] if strict else None,
        error=error[:225] if strict else None,
        errorStyle="stop" if strict else None,
    )


def text_validation(title: str, prompt: str) -> DataValidation:
    """Free text of at most the models' text limit."""
    return DataValidation(
        type="textLength",
        operator="lessThanOrEqual",
        formula1=str(MAX_TEXT_LENGTH),
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        promptTitle=title[:32],
        prompt=prompt[:255],
        errorTitle="Text too long",
        error=f"Keep this to {MAX_TEXT_LENGTH:,} characters or fewer.",
        errorStyle="stop",
    )


def date_validation(title: str) -> DataValidation:
    """A date typed as YYYY-MM-DD."""
    return DataValidation(
        type="date",
        operator="greaterThan",
        formula1="1",
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        promptTitle=title[:32],
        prompt="Type a date as YYYY-MM-DD, for example 2026-03-31.",
        errorTitle="Not a date",
        error="Type a date as YYYY-MM-DD, for example 2026-03-31.",
        errorStyle="stop",
    )


def evidence_prompt() -> str:
    """The input message of the Evidence types column."""
    return (
        "Optional. One or more of: "
        + ", ".join(EVIDENCE_LABELS.values())
        + ". Pick one from the list or type several separated by commas or semicolons."
    )


class _NoValidation:
    """Stands in for a validation on cells that have none."""

    def add(self, cell: Cell) -> None:
        del cell


NO_VALIDATION = _NoValidation()
