"""Words that travel with every number: the self-assessment note, status labels, and the method note.

Each is defined once here and used by the app, both workbooks and the command line.
The scoring-method note has its one source in ``docs/scoring.md``.

The app's Method page renders :func:`method_markdown`; exports that cannot show
Markdown (Excel About sheets, plain-text summaries) use :func:`method_lines`.
Both read the same file, so the note cannot drift between the app and exports.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from assessments.models import EVIDENCE_LABELS, Answer, EvidenceType, Framework, ItemStatus

# Re-exported: field labels have their one source in models/fields.py.
from assessments.models.fields import DETAIL_LABELS as DETAIL_LABELS
from assessments.models.fields import field_label as field_label

METHOD_PATH = Path(__file__).resolve().parents[1] / "docs" / "scoring.md"
"""The scoring-method note (Markdown)."""

SELF_ASSESSMENT_NOTE = (
    "These are self-assessments: the answers are the judgement of whoever filled them in, and the scores "
    "are calculated from those answers by the app's published scoring method. They are not an independent measurement, "
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


def document_markdown(name: str) -> str:
    """One of the app's own documents in ``docs/`` (e.g. ``accessibility.md``) as Markdown.

    Raises:
        FileNotFoundError: If the document is missing from the installation.
        ValueError: If ``name`` is not a plain file name in ``docs/``.
    """
    if "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"not a document name: {name!r}")
    return (METHOD_PATH.parent / name).read_text(encoding="utf-8")


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


def norm_label(text: str) -> str:
    """Case- and space-insensitive form used to match typed labels."""
    return " ".join(text.replace("\u2013", "-").replace("\u2014", "-").split()).casefold()


def option_labels(framework: Framework, item_id: str) -> dict[str, str]:
    """The label shown in the drop-down list for each option id of a choice item.

    Labels are the options' own labels; if two options of a scale share a label
    (ignoring case and spaces) the option id is added in brackets so every entry
    maps back to exactly one option.

    Args:
        framework: The framework.
        item_id: A choice item's id.

    Returns:
        Labels keyed by option id, in scale order (empty for text and date items).
    """
    options = framework.options(item_id)
    counts: dict[str, int] = {}
    for o in options:
        counts[norm_label(o.label)] = counts.get(norm_label(o.label), 0) + 1
    return {o.id: (o.label if counts[norm_label(o.label)] == 1 else f"{o.label} ({o.id})") for o in options}


def evidence_text(evidence: Iterable[EvidenceType]) -> str:
    """Evidence types as written in the Evidence column: labels separated by '; '."""
    return "; ".join(EVIDENCE_LABELS[e] for e in evidence)


def answer_text(framework: Framework, item_id: str, answer: Answer | None) -> str:
    """An answer's value as shown to people: the option label, the text or the date."""
    if answer is None or answer.value is None:
        return ""
    if framework.item(item_id).type == "choice":
        return option_labels(framework, item_id).get(answer.value, answer.value)
    return answer.value


_NO_DECOMPOSITION = str.maketrans(
    {"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ß": "ss", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Đ": "D", "đ": "d"}
)
"""Letters that Unicode does not split into a base letter and an accent."""


def file_stem(innovation: str, label: str | None = None, on: str | None = None) -> str:
    """A download's file name without extension: innovation, the assessment's label and date, readable anywhere.

    Letters keep their base form ("Café" -> "cafe", "Zürich" -> "zurich"); anything else that is not
    a letter or digit becomes one hyphen. The label (e.g. "Baseline", "Follow-up") keeps two
    assessments of one innovation apart on disk; the date is ISO. Example:
    ``file_stem("Café homeshare", "Follow-up", "2026-03-01")`` -> ``"cafe-homeshare-follow-up-2026-03-01"``.
    """

    def part(text: str, limit: int) -> str:
        plain = unicodedata.normalize("NFKD", text.translate(_NO_DECOMPOSITION))
        ascii_text = plain.encode("ascii", "ignore").decode("ascii")
        return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")

    bits = [part(innovation, 50) or "assessment", part(label or "", 30), part(on or "", 10)]
    return "-".join(b for b in bits if b)


def series_name(label: str, assessed_on: dt.date | None) -> str:
    """An assessment's label and date, e.g. ``Baseline 2026-01-10`` (Results page, PDF report)."""
    when = assessed_on.isoformat() if assessed_on else "undated"
    return f"{label or 'Assessment'} {when}".strip()


def long_date(day: dt.date) -> str:
    """A date as people write it, e.g. ``3 March 2026`` (the same in any locale)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


_MONTHS = (
    "January February March April May June July August September October November December".split()  # noqa: SIM905
)


def changes_title(label: str, assessed_on: dt.date | None) -> str:
    """The heading of a change view, naming the assessment it compares against by its date and label,
    e.g. ``What changed since the assessment of 3 March 2026 (Baseline)``."""
    when = f"of {long_date(assessed_on)}" if assessed_on else "with no date"
    return f"What changed since the assessment {when}" + (f" ({label})" if label else "")


def short_name(assessed_on: dt.date | None, *, current: bool = False) -> str:
    """The compact series name for chart legends and table headings, e.g. ``Earlier (2026-01-10)``."""
    when = assessed_on.isoformat() if assessed_on else "undated"
    return f"This one ({when})" if current else f"Earlier ({when})"
