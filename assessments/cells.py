"""Safe text in spreadsheet cells: no formula injection, nothing Excel cannot hold.

Free text (innovation names, notes, narrative answers) can start with ``=``,
``+``, ``-``, ``@``, tab or carriage return, which a spreadsheet may run as a
formula (CWE-1236). Such text is written as an explicit *string* cell with
Excel's quote-prefix flag set, so Excel and LibreOffice show it as typed and
never evaluate it. As a second guard for copies that lose the flag (CSV, some
converters) the stored text also gets a leading apostrophe, which
:func:`read_text` removes again, so text round-trips exactly. Text that itself
starts with an apostrophe is guarded too, so stripping is never ambiguous.

Characters that the xlsx format cannot hold (C0 control characters other than
tab, newline and carriage return) are removed: :func:`clean_text` is applied
wherever text enters the system, so what is stored can always be exported.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.cell.cell import Cell

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
EXCEL_CELL_LIMIT = 32_767
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Remove characters that an xlsx cell cannot hold (keeps tab, LF and CR)."""
    return _ILLEGAL.sub("", text)


def needs_guard(text: str) -> bool:
    """True if the text could be read as a formula, or starts with the guard itself."""
    return text.startswith(FORMULA_TRIGGERS) or text.startswith(GUARD)


def guard_text(text: str) -> str:
    """Text as stored in a cell: cleaned, and apostrophe-prefixed when risky."""
    text = clean_text(text)
    return GUARD + text if needs_guard(text) else text


def unguard_text(value: str) -> str:
    """Undo :func:`guard_text` (removes one leading apostrophe if present)."""
    return value[1:] if value.startswith(GUARD) else value


def write_text(cell: Cell, text: str | None) -> None:
    """Write free text into a cell as a string, never as a formula.

    Args:
        cell: The openpyxl cell.
        text: The text; None or empty leaves the cell empty.
    """
    if not text:
        cell.value = None
        return
    stored = guard_text(text)
    cell.value = stored
    cell.data_type = "s"
    if stored is not text and stored.startswith(GUARD):
        cell.quotePrefix = True


def read_text(value: Any) -> str:
    """Read back free text written with :func:`write_text` (or typed by a person).

    Numbers and dates typed into a text column are turned into their text form.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return unguard_text(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
