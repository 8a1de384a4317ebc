"""Tidy CSV exports for analysts: one row per answer, and one row per section result (docs/reports.md).

Both files are UTF-8 with a byte-order mark (so Excel reads accents correctly), comma-separated,
quoted where needed, with a header row. Free text (names, notes, narrative answers, labels) is
guarded against formula injection exactly as in the workbooks, by
:func:`assessments.xlsx.cells.guard_text`: text a spreadsheet could run as a formula gets a
leading apostrophe. Numbers are written as numbers; "don't know" is never given a value.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

from assessments.methods import method_of
from assessments.models import (
    DONT_KNOW,
    EVIDENCE_LABELS,
    NOT_APPLICABLE,
    ROLE_LABELS,
    STAGE_LABELS,
    Assessment,
    Framework,
)
from assessments.scoring import score_assessment
from assessments.xlsx.cells import guard_text

ANSWER_COLUMNS = (
    "assessment_id",
    "innovation",
    "organisation",
    "assessment_date",
    "stage",
    "assessor_role",
    "framework",
    "framework_version",
    "section",
    "item",
    "item_label",
    "option_id",
    "option_label",
    "value",
    "dont_know",
    "not_applicable",
    "note",
    "evidence_types",
)
"""The long (one row per answer) CSV's columns, in order."""

SECTION_COLUMNS = (
    "assessment_id",
    "innovation",
    "organisation",
    "assessment_date",
    "stage",
    "assessor_role",
    "framework",
    "framework_version",
    "method",
    "section",
    "section_title",
    "score",
    "level",
    "at_least",
    "completeness",
    "readiness",
    "answered",
    "dont_know",
    "not_applicable",
    "unanswered",
    "total",
    "reading",
)
"""The section-results CSV's columns, in order."""

ENCODING = "utf-8-sig"
"""UTF-8 with a byte-order mark: Excel then reads non-ASCII text correctly; pandas and R read it as UTF-8."""


def _text(value: str) -> str:
    return guard_text(value) if value else ""


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _details(assessment: Assessment) -> list[str]:
    meta = assessment.assessment
    return [
        _text(assessment.id or ""),
        _text(assessment.innovation.name),
        _text(assessment.innovation.organisation),
        meta.assessed_on.isoformat() if meta.assessed_on else "",
        STAGE_LABELS[meta.stage] if meta.stage else "",
        ROLE_LABELS[meta.assessor_role] if meta.assessor_role else "",
    ]


def answer_rows(assessment: Assessment, frameworks: Mapping[str, Framework]) -> Iterable[list[str]]:
    """One row per recorded answer (a value, a note or evidence), in questionnaire order.

    Items nobody answered have no row. ``value`` is the scale position of a scale option
    (e.g. ``2``), the text of a narrative answer, or the date of a date item; it is empty for
    "don't know" and "not applicable", which are marked in their own columns instead.
    """
    details = _details(assessment)
    for fw in frameworks.values():
        answers = assessment.answers.get(fw.id, {})
        for item_id, item in fw.items.items():
            answer = answers.get(item_id)
            if answer is None or answer.is_blank:
                continue
            option = fw.option(item_id, answer.value) if item.type == "choice" and answer.value else None
            if option is not None:
                value = "" if option.value is None else str(option.value)
            else:
                value = _text(answer.value or "")
            yield [
                *details,
                fw.id,
                _text(fw.version),
                fw.section_of(item_id).id,
                item_id,
                _text(item.short_label),
                option.id if option is not None else "",
                _text(option.label) if option is not None else "",
                value,
                _flag(answer.value == DONT_KNOW),
                _flag(answer.value == NOT_APPLICABLE),
                _text(answer.note),
                _text("; ".join(EVIDENCE_LABELS[e] for e in answer.evidence)),
            ]


def section_rows(assessment: Assessment, frameworks: Mapping[str, Framework]) -> Iterable[list[str]]:
    """One row per section of every framework, with its result as scoring gives it (blank = no figure)."""
    details = _details(assessment)
    for fr in score_assessment(assessment, frameworks).results:
        method = method_of(fr)
        for s in fr.sections:
            yield [
                *details,
                fr.framework,
                _text(fr.framework_version),
                fr.method,
                s.id,
                _text(s.title),
                _number(s.score),
                s.level or "",
                _flag(s.at_least),
                _number(s.completeness),
                _number(s.readiness),
                str(s.answered),
                str(s.unknown),
                str(s.not_applicable),
                str(s.unanswered),
                str(s.total),
                _text(method.reading(s)),
            ]


def _write(columns: Sequence[str], rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue().encode(ENCODING)


def answers_csv(assessments: Iterable[Assessment], frameworks: Mapping[str, Framework]) -> bytes:
    """The long CSV (one row per answer) of one or more assessments, as file bytes.

    Args:
        assessments: The assessments, in the order their rows should appear.
        frameworks: The app's frameworks by id (their order is the order of the rows).

    Returns:
        The CSV file's content (UTF-8 with a byte-order mark, CRLF line endings).
    """
    return _write(ANSWER_COLUMNS, (row for a in assessments for row in answer_rows(a, frameworks)))


def sections_csv(assessments: Iterable[Assessment], frameworks: Mapping[str, Framework]) -> bytes:
    """The section-results CSV (one row per section of every framework) of one or more assessments."""
    return _write(SECTION_COLUMNS, (row for a in assessments for row in section_rows(a, frameworks)))
