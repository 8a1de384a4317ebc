"""What the assessment workbook looks like: sheet names, columns, styles and how answers are shown.

Shared by the writer (:mod:`assessments.xlsx.write`, :mod:`assessments.xlsx.summary`)
and the strict reader (:mod:`assessments.xlsx.read`), so both agree on every
header, column and label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from assessments.models import ROLE_LABELS, SHORT_TEXT_LENGTH, STAGE_LABELS, Framework
from assessments.wording import DETAIL_LABELS
from assessments.xlsx.printing import row_height

WORKBOOK_FORMAT = "scaling-readiness-workbook"
WORKBOOK_FORMAT_VERSION = 1
COMPARISON_FORMAT = "scaling-readiness-comparison"
"""The format marker in the comparison workbook's ``_meta`` sheet: the reader names such a file for what it is."""
COMPARISON_FORMAT_VERSION = 1

ABOUT_SHEET = "About"
INNOVATION_SHEET = "Innovation"
SUMMARY_SHEET = "Summary"
LISTS_SHEET = "Lists"
META_SHEET = "_meta"
RESERVED_SHEETS = (ABOUT_SHEET, INNOVATION_SHEET, SUMMARY_SHEET, LISTS_SHEET, META_SHEET)

ITEM_HEADERS = (
    "Item id (do not edit)",
    "Section",
    "Question",
    "Help",
    "Answer",
    "Note",
    "Evidence types",
    "Priority",
    "Answer options",
)
ITEM_WIDTHS = (16, 18, 46, 46, 42, 32, 18, 8, 200)
COL_ID, COL_SECTION, COL_TEXT, COL_HELP, COL_ANSWER, COL_NOTE, COL_EVIDENCE, COL_PRIORITY, COL_OPTIONS = range(1, 10)

INNOVATION_HEADERS = ("Field id (do not edit)", "Field", "Value", "How to fill in")
INNOVATION_WIDTHS = (24, 22, 60, 60)
INNOVATION_FIELDS: tuple[tuple[str, str, str], ...] = tuple(
    (field_id, DETAIL_LABELS[field_id], hint)
    for field_id, hint in (
        ("name", f"Required. The name people know the innovation by (up to {SHORT_TEXT_LENGTH} characters)."),
        ("organisation", f"Who runs or owns the innovation (up to {SHORT_TEXT_LENGTH} characters)."),
        ("description", "A few sentences on what the innovation does and for whom."),
        ("stage", "Pick from the list: " + ", ".join(STAGE_LABELS.values()) + "."),
        ("assessor_role", "Pick from the list: " + ", ".join(ROLE_LABELS.values()) + "."),
        ("assessor", f"Who filled in this assessment (name or team, up to {SHORT_TEXT_LENGTH} characters)."),
        ("assessed_on", "The date of this assessment, as YYYY-MM-DD (for example 2026-03-31)."),
        ("label", "Optional short label to tell assessments apart, e.g. 'Baseline' or 'After pilot'."),
    )
)

META_HEADERS = ("key", "value", "version", "sheet")

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
TITLE_FONT = Font(bold=True, size=14)
HEADING_FONT = Font(bold=True, size=12)
ITEM_FONT = Font(size=10)
"""The framework sheets' questions, help and answers: a little smaller, so the sheets print in fewer pages."""
OPTIONS_FONT = Font(size=8)
"""The answer options: reference text, wide and small so it does not set the row's height."""
WRAP = Alignment(wrap_text=True, vertical="top")
_THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_names(frameworks: Mapping[str, Framework]) -> dict[str, str]:
    """The worksheet name used for each framework (Excel: at most 31 characters, no ``[]:*?/\\``).

    Args:
        frameworks: The frameworks by id.

    Returns:
        Sheet names keyed by framework id, unique and distinct from the fixed sheets.
    """
    taken = {name.casefold() for name in RESERVED_SHEETS}
    out: dict[str, str] = {}
    for fw in frameworks.values():
        base = _BAD_SHEET_CHARS.sub(" ", fw.short_title).strip().strip("'")[:31].strip() or fw.id[:31]
        name = base
        n = 2
        while name.casefold() in taken:
            suffix = f" ({n})"
            name = base[: 31 - len(suffix)] + suffix
            n += 1
        taken.add(name.casefold())
        out[fw.id] = name
    return out


def cell_at(ws: Worksheet, row: int, column: int) -> Cell:
    """The cell at (row, column) of a sheet being written, typed as a plain (writable) cell.

    The writer only merges a range after writing its top-left cell, so it never
    writes into a merged cell; the assertion narrows openpyxl's ``Cell | MergedCell``.
    """
    cell = ws.cell(row=row, column=column)
    assert isinstance(cell, Cell), f"{ws.title}!{get_column_letter(column)}{row} is merged"
    return cell


def style_header(ws: Worksheet, headers: Iterable[str], widths: Iterable[int], row: int = 1) -> None:
    """Write a styled header row, set the column widths and give the row the height its wrapped headers need."""
    pairs = list(zip(headers, widths, strict=True))
    ws.row_dimensions[row].height = row_height(pairs, bold=True)
    for col, (header, width) in enumerate(pairs, start=1):
        cell = ws.cell(row=row, column=col, value=header or None)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
        cell.border = BOX
        ws.column_dimensions[get_column_letter(col)].width = width
