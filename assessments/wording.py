"""Words that travel with every number: the self-assessment note, status labels, and the method note.

Each is defined once here and used by the app, both workbooks and the command line.
The scoring-method note has its one source in ``docs/scoring.md``.

The app's Method page renders :func:`method_markdown`; exports that cannot show
Markdown (Excel About sheets, plain-text summaries) use :func:`method_lines`.
Both read the same file, so the note cannot drift between the app and exports.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from assessments.models import ItemStatus

METHOD_PATH = Path(__file__).resolve().parents[1] / "docs" / "scoring.md"
"""The scoring-method note (Markdown)."""

SELF_ASSESSMENT_NOTE = (
    "These are self-assessments: the answers are the judgement of whoever filled them in, and the scores "
    "are calculated from those answers by the method below. They are not an independent measurement, "
    "a rating or an accreditation, and 'don't know' is shown as such, never filled in."
)
"""Shown or printed beside any numbers: on screen, in every workbook and PDF, and by the command line."""

SELF_ASSESSMENT_REMINDER = (
    "These results are self-assessments, not measurements: no summary number is a validated scale, "
    'and "don\'t know" answers are counted, never scored. See the method note (docs/scoring.md).'
)
"""The same caution in one line, for plain-text output where the method is not printed beside it."""

STATUS_LABELS: dict[ItemStatus, str] = {
    "answered": "Answered",
    "dont_know": "Don't know",
    "not_applicable": "Not applicable",
    "unanswered": "Not answered",
}
"""How an item's status is written wherever it stands in for a value (charts, tables, workbooks)."""

STATUS_SHORT: dict[ItemStatus, str] = {
    "answered": "answered",
    "dont_know": "don't know",
    "not_applicable": "n/a",
    "unanswered": "—",
}
"""The same statuses in grid cells, where one innovation's column is a few characters wide."""

_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")


@lru_cache(maxsize=1)
def method_markdown() -> str:
    """The scoring-method note as Markdown (the text of docs/scoring.md).

    Returns:
        The whole note, ending with a newline.

    Raises:
        FileNotFoundError: If docs/scoring.md is missing from the installation.
    """
    return METHOD_PATH.read_text(encoding="utf-8")


def _plain(text: str) -> str:
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    return _EMPHASIS.sub("", text).strip()


@lru_cache(maxsize=1)
def _lines() -> tuple[str, ...]:
    out: list[str] = []
    buffer: list[str] = []
    bullet = False

    def flush() -> None:
        nonlocal buffer, bullet
        if buffer:
            text = _plain(" ".join(part.strip() for part in buffer))
            out.append(f"• {text}" if bullet else text)
        buffer, bullet = [], False

    for raw in method_markdown().splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.startswith("#"):
            flush()
            out.append(_plain(stripped.lstrip("#")))
            continue
        if stripped.startswith(("- ", "* ")):
            flush()
            bullet = True
            buffer.append(stripped[2:])
            continue
        buffer.append(stripped)
    flush()
    return tuple(out)


def method_lines() -> list[str]:
    """The scoring-method note as plain-text paragraphs, one per list entry.

    Headings become their own line, each bullet becomes one line starting with
    "• ", wrapped lines are joined, and Markdown emphasis and link syntax are
    removed (links keep their address in brackets). Suitable for one cell per
    line in an Excel About sheet.

    Returns:
        The paragraphs in order, without blank entries.
    """
    return list(_lines())
