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

A carriage return survives only if it is escaped: XML parsers turn a raw CR
into a line feed. Cell text therefore uses the OOXML ``_xHHHH_`` escape for CR
(``_x000D_``, which Excel and LibreOffice show as the character itself), and a
literal ``_xHHHH_`` in the text is escaped as ``_x005F_xHHHH_``, exactly as
Excel writes it. :func:`read_text` undoes both.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from openpyxl.cell.cell import Cell

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
EXCEL_CELL_LIMIT = 32_767
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LITERAL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4})(?=_|\r)")
"""``_xHHHH`` that would read as an escape: followed by ``_``, or by a CR (which becomes ``_x000D_``)."""
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


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


def escape_ooxml(text: str) -> str:
    """Escape text for an xlsx string: literal ``_xHHHH_`` sequences, then carriage returns."""
    return _LITERAL_ESCAPE.sub(r"_x005F_\1", text).replace("\r", "_x000D_")


def _unescape_one(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    if 0xD800 <= code <= 0xDFFF:  # a lone surrogate is not text; keep the escape as typed
        return match.group(0)
    return chr(code)


def unescape_ooxml(value: str) -> str:
    """Undo :func:`escape_ooxml` (and Excel's own ``_xHHHH_`` escapes) in one pass."""
    if "_x" not in value:
        return value
    return clean_text(_ESCAPED.sub(_unescape_one, value))


def unguard_text(value: str) -> str:
    """Undo :func:`guard_text` (removes one leading apostrophe if present)."""
    return value[1:] if value.startswith(GUARD) else value


def stored_text(text: str) -> str:
    """The exact string :func:`write_text` puts in a cell for ``text``.

    Cleaned, guarded and escaped. Escaping lengthens text; if the result would
    pass Excel's 32,767-character cell limit (only for text of thousands of
    carriage returns or ``_xHHHH_`` sequences), line endings are first turned
    into line feeds, and if it still does not fit it is stored unescaped. Only
    in those cases does the text read back differently (see :func:`cell_round_trip`).
    """
    escaped = escape_ooxml(guard_text(text))
    if len(escaped) <= EXCEL_CELL_LIMIT:
        return escaped
    guarded = guard_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    escaped = escape_ooxml(guarded)
    return escaped if len(escaped) <= EXCEL_CELL_LIMIT else guarded


def cell_round_trip(text: str) -> str:
    """What :func:`read_text` gives back for text written with :func:`write_text`.

    Equal to ``clean_text(text)`` except in the over-long cases described in
    :func:`stored_text`.
    """
    return read_text(stored_text(text)) if text else ""


def write_text(cell: Cell, text: str | None) -> None:
    """Write free text into a cell as a string, never as a formula.

    Args:
        cell: The openpyxl cell.
        text: The text; None or empty leaves the cell empty.
    """
    if not text:
        cell.value = None
        return
    stored = stored_text(text)
    if not stored:
        cell.value = None
        return
    cell.value = stored
    cell.data_type = "s"
    if stored.startswith(GUARD):
        cell.quotePrefix = True


DATE_FORMAT = "yyyy-mm-dd"
FIRST_DATE_CELL = dt.date(1900, 3, 1)
"""The first date written as a date cell: Excel and LibreOffice number the days before it differently."""


def write_date(cell: Cell, date: dt.date | None) -> None:
    """Write a date so that every spreadsheet shows it and it reads back as the same day.

    A date from 1900-03-01 on is a date cell (a serial number shown as YYYY-MM-DD). An earlier
    date is written as its YYYY-MM-DD text: spreadsheets cannot agree on those serials (Excel
    counts a 29 February 1900 that never was, and cannot show dates before 1900 at all). The
    reader accepts both forms.
    """
    cell.number_format = DATE_FORMAT
    if date is None:
        cell.value = None
    elif date >= FIRST_DATE_CELL:
        cell.value = date
    else:
        write_text(cell, date.isoformat())


def read_text(value: Any) -> str:
    """Read back free text written with :func:`write_text` (or typed by a person).

    Numbers and dates typed into a text column are turned into their text form.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return unguard_text(unescape_ooxml(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
