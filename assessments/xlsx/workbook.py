"""The assessment workbook: one xlsx format for exports and for the blank template.

A workbook holds one assessment (or none, which makes it the blank template for
filling in offline). Sheets, in order:

* ``About``: what the file is, how to fill it in, the scoring method, the
  frameworks' citations and versions, the generated date.
* ``Innovation``: the innovation and the assessment's details, one field per
  row, with drop-down lists for stage and assessor role.
* one sheet per framework: a row per item (item id in column A, never edited),
  with the answer as the option label shown in its drop-down list, a note and
  the evidence types.
* ``Summary``: every score, count and flag as values computed in Python (never
  formulas), and a native Excel radar chart per framework built from the score
  cells.
* ``Lists`` (hidden): the option labels the drop-down lists read, so long lists
  never hit Excel's 255-character limit for inline lists.
* ``_meta`` (hidden): format version, framework ids, versions and sheet names,
  and the assessment id.

:func:`read_workbook` reads a filled workbook back strictly: every problem is
collected, located (file, sheet, row, column) and raised together as one
:class:`~assessments.errors.InputError`. Free text goes through
:mod:`assessments.xlsx.cells` both ways, so it round-trips exactly and a formula is
never written or run.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import RadarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet

from assessments.errors import ErrorCode, InputError, Problem, human_size, problem
from assessments.models import (
    EVIDENCE_LABELS,
    MAX_TEXT_LENGTH,
    ROLE_LABELS,
    STAGE_LABELS,
    Answer,
    Assessment,
    AssessmentMeta,
    AssessorRole,
    EvidenceType,
    Framework,
    FrameworkResult,
    Innovation,
    Stage,
)
from assessments.scoring import score_assessment, score_framework
from assessments.wording import method_lines
from assessments.xlsx.cells import read_text, write_text

WORKBOOK_FORMAT = "scaling-readiness-workbook"
WORKBOOK_FORMAT_VERSION = 1
MAX_WORKBOOK_BYTES = 10 * 1024 * 1024
"""Largest workbook accepted (an exported assessment is about 40 KB)."""
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""Largest total unpacked size of the zip parts (guards against zip bombs)."""
SHORT_TEXT_LIMIT = 200
"""Limit for names, organisation, assessor and label (as in the models)."""

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
ITEM_WIDTHS = (24, 24, 60, 48, 30, 48, 30, 10, 60)
COL_ID, COL_SECTION, COL_TEXT, COL_HELP, COL_ANSWER, COL_NOTE, COL_EVIDENCE, COL_PRIORITY, COL_OPTIONS = range(1, 10)

INNOVATION_HEADERS = ("Field id (do not edit)", "Field", "Value", "How to fill in")
INNOVATION_WIDTHS = (24, 22, 60, 60)
INNOVATION_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", "Innovation name", "Required. The name people know the innovation by (up to 200 characters)."),
    ("organisation", "Organisation", "Who runs or owns the innovation (up to 200 characters)."),
    ("description", "Description", "A few sentences on what the innovation does and for whom."),
    ("stage", "Stage", "Pick from the list: " + ", ".join(STAGE_LABELS.values()) + "."),
    ("assessor_role", "Assessor role", "Pick from the list: " + ", ".join(ROLE_LABELS.values()) + "."),
    ("assessor", "Assessor", "Who filled in this assessment (name or team, up to 200 characters)."),
    ("assessed_on", "Assessment date", "The date of this assessment, as YYYY-MM-DD (for example 2026-03-31)."),
    ("label", "Label", "Optional short label to tell assessments apart, e.g. 'Baseline' or 'After pilot'."),
)

META_HEADERS = ("key", "value", "version", "sheet")
SUMMARY_HEADERS = (
    "Section id",
    "Section",
    "",  # chart value, named per framework (see _CHART_VALUE)
    "Reading",
    "Answered",
    "Don't know",
    "Not applicable",
    "Unanswered",
    "Total",
    "Completeness %",
)
SUMMARY_WIDTHS = (22, 34, 22, 40, 11, 11, 14, 12, 9, 15)
FLAG_HEADERS = ("Framework", "Flag", "Severity", "Section", "Item", "Message")
_CHART_VALUE = {
    "readiness": ("Readiness score (0-100)", 0, 100),
    "complexity": ("Complexity level (1 simple to 3 complex)", 0, 3),
    "planning": ("Readiness checks in place (0-100)", 0, 100),
}
_CHART_ROWS = 28
"""Rows between the top edges of consecutive radar charts on the Summary sheet."""

SELF_ASSESSMENT_NOTE = (
    "These are self-assessments: the answers are the judgement of whoever filled them in, and the scores "
    "are calculated from those answers by the method below. They are not an independent measurement, "
    "a rating or an accreditation, and 'don't know' is shown as such, never filled in."
)

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_TITLE_FONT = Font(bold=True, size=14)
_HEADING_FONT = Font(bold=True, size=12)
_WRAP = Alignment(wrap_text=True, vertical="top")
_THIN = Side(style="thin", color="BFBFBF")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LEVEL_FILLS = {
    "simple": PatternFill("solid", fgColor="C6EFCE"),
    "complicated": PatternFill("solid", fgColor="FFEB9C"),
    "complex": PatternFill("solid", fgColor="FFC7CE"),
}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_EVIDENCE_SPLIT = re.compile(r"[,;\n]")


# ---------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------


def _framework_dict(frameworks: Mapping[str, Framework] | Iterable[Framework]) -> dict[str, Framework]:
    if isinstance(frameworks, Mapping):
        return dict(frameworks)
    return {fw.id: fw for fw in frameworks}


def _norm(text: str) -> str:
    """Case- and space-insensitive form used to match typed labels."""
    return " ".join(text.replace("\u2013", "-").replace("\u2014", "-").split()).casefold()


def sheet_names(frameworks: Mapping[str, Framework] | Iterable[Framework]) -> dict[str, str]:
    """The worksheet name used for each framework (Excel: at most 31 characters, no ``[]:*?/\\``).

    Args:
        frameworks: The frameworks, by id or as an iterable.

    Returns:
        Sheet names keyed by framework id, unique and distinct from the fixed sheets.
    """
    taken = {name.casefold() for name in RESERVED_SHEETS}
    out: dict[str, str] = {}
    for fw in _framework_dict(frameworks).values():
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
        counts[_norm(o.label)] = counts.get(_norm(o.label), 0) + 1
    return {o.id: (o.label if counts[_norm(o.label)] == 1 else f"{o.label} ({o.id})") for o in options}


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


def _style_header(ws: Worksheet, headers: Iterable[str], widths: Iterable[int], row: int = 1) -> None:
    for col, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(row=row, column=col, value=header or None)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP
        cell.border = _BOX
        ws.column_dimensions[get_column_letter(col)].width = width


# ---------------------------------------------------------------------------
# Building the workbook
# ---------------------------------------------------------------------------


class _Lists:
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
            write_text(self.ws.cell(row=row, column=col), label)
        self.ws.column_dimensions[letter].width = max(12, min(60, max(len(x) for x in labels) + 2))
        ref = f"{LISTS_SHEET}!${letter}$2:${letter}${len(labels) + 1}"
        self.ranges[key] = ref
        return ref


def _list_validation(ref: str, *, title: str, prompt: str, error: str, strict: bool = True) -> DataValidation:
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


def _text_validation(title: str, prompt: str) -> DataValidation:
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


def _date_validation(title: str) -> DataValidation:
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


def _evidence_prompt() -> str:
    return (
        "Optional. One or more of: "
        + ", ".join(EVIDENCE_LABELS.values())
        + ". Pick one from the list or type several separated by commas or semicolons."
    )


def build_workbook(
    frameworks: Mapping[str, Framework] | Iterable[Framework],
    assessment: Assessment | None = None,
    *,
    generated: dt.datetime | None = None,
) -> Workbook:
    """Build the assessment workbook (the blank template when ``assessment`` is None).

    Args:
        frameworks: The frameworks to include, in display order.
        assessment: The assessment to export, or None for the blank template.
        generated: The generated-at time written to the About and _meta sheets
            (defaults to now, UTC; tests freeze it).

    Returns:
        The openpyxl workbook, ready to save.
    """
    fws = _framework_dict(frameworks)
    generated = generated or dt.datetime.now(dt.UTC).replace(microsecond=0)
    names = sheet_names(fws)
    if assessment is not None:
        results = list(score_assessment(assessment, fws).results)
    else:
        results = [score_framework(fw, {}) for fw in fws.values()]

    wb = Workbook()
    about = wb.active
    assert about is not None  # a new Workbook always has one sheet
    about.title = ABOUT_SHEET
    innovation_ws = wb.create_sheet(INNOVATION_SHEET)
    framework_ws = {fid: wb.create_sheet(names[fid]) for fid in fws}
    summary = wb.create_sheet(SUMMARY_SHEET)
    lists = _Lists(wb.create_sheet(LISTS_SHEET))
    meta = wb.create_sheet(META_SHEET)
    lists.ws.sheet_state = "hidden"
    meta.sheet_state = "hidden"

    _write_about(about, fws, assessment, generated)
    _write_innovation(innovation_ws, assessment, lists)
    for fid, fw in fws.items():
        _write_framework(framework_ws[fid], fw, assessment, lists)
    _write_summary(summary, fws, results, assessment)
    _write_meta(meta, fws, names, assessment, generated)
    return wb


def workbook_bytes(
    frameworks: Mapping[str, Framework] | Iterable[Framework],
    assessment: Assessment | None = None,
    *,
    generated: dt.datetime | None = None,
) -> bytes:
    """The assessment workbook as xlsx bytes (see :func:`build_workbook`).

    Args:
        frameworks: The frameworks to include, in display order.
        assessment: The assessment to export, or None for the blank template.
        generated: The generated-at time (defaults to now).

    Returns:
        The saved .xlsx file's content.
    """
    buffer = BytesIO()
    build_workbook(frameworks, assessment, generated=generated).save(buffer)
    return buffer.getvalue()


def _write_about(
    ws: Worksheet, fws: dict[str, Framework], assessment: Assessment | None, generated: dt.datetime
) -> None:
    ws.column_dimensions["A"].width = 110
    rows: list[tuple[str, Font | None]] = []

    def add(text: str = "", font: Font | None = None) -> None:
        rows.append((text, font))

    add("Scaling readiness self-assessment workbook", _TITLE_FONT)
    if assessment is not None:
        add(f"Assessment of: {assessment.innovation.name}")
    else:
        add("Blank template: no answers yet.")
    add()
    add("What this file is", _HEADING_FONT)
    add(
        "This workbook holds one self-assessment of an adult social care innovation against "
        f"{len(fws)} framework{'s' if len(fws) != 1 else ''}: "
        + "; ".join(f"{fw.short_title} ({fw.title})" for fw in fws.values())
        + ". The same layout is used for an exported assessment and, with the answers left empty, "
        "for the blank template you can fill in offline and send back."
    )
    add(SELF_ASSESSMENT_NOTE)
    add()
    add("How to fill it in offline", _HEADING_FONT)
    steps = [
        "On the 'Innovation' sheet, type the innovation's name (required) and the other details in column C.",
        "On each framework sheet, pick an answer for each question in the 'Answer' column (shaded) from the "
        "drop-down list. 'Don't know' is a proper answer: it is counted and reported, never scored as a middle "
        "value. Leave a question blank if you have not got to it yet.",
        "The 'Answer options' column says what each option means for that question.",
        "Use 'Note' for your reasons or a link to evidence (up to 20,000 characters).",
        "In 'Evidence types' name what your answer rests on: "
        + ", ".join(EVIDENCE_LABELS.values())
        + ". Pick one from the list or type several separated by commas or semicolons.",
        "Do not edit column A (item ids), the header rows or the sheet names, and do not add, delete, merge, sort "
        "or reorder rows: the app reads answers by item id and position and rejects a changed layout.",
        "Scores on the 'Summary' sheet are calculated by the app; editing them has no effect. They are "
        "recalculated when the workbook is imported.",
        "Save as Excel Workbook (.xlsx) and upload it on the app's 'Excel import and export' page, or run "
        "'python -m assessments import FILE.xlsx'. If anything is wrong, the app lists each problem with its "
        "sheet, row and column, and saves nothing from that file.",
    ]
    for n, step in enumerate(steps, start=1):
        add(f"{n}. {step}")
    add()
    add("Scoring method", _HEADING_FONT)
    for line in method_lines():
        add(line)
    add()
    add("Frameworks", _HEADING_FONT)
    for fw in fws.values():
        add(f"{fw.title} (id '{fw.id}', version {fw.version})", Font(bold=True))
        add(f"Source: {fw.citation.text}")
        add(f"Link: {fw.citation.url}" + (f" (doi: {fw.citation.doi})" if fw.citation.doi else ""))
        for ref in fw.references:
            add(f"See also: {ref.text} {ref.url}")
        add(f"Reuse: {fw.licence}")
        add("How our questions adapt the source: " + " ".join(fw.adaptations))
        add()
    add("File details", _HEADING_FONT)
    add(f"Generated: {generated.isoformat()}")
    add(f"Workbook format: {WORKBOOK_FORMAT} version {WORKBOOK_FORMAT_VERSION}")
    for row, (text, font) in enumerate(rows, start=1):
        cell = ws.cell(row=row, column=1)
        write_text(cell, text)
        cell.alignment = _WRAP
        if font is not None:
            cell.font = font


def _write_innovation(ws: Worksheet, assessment: Assessment | None, lists: _Lists) -> None:
    _style_header(ws, INNOVATION_HEADERS, INNOVATION_WIDTHS)
    ws.freeze_panes = "A2"
    inn = assessment.innovation if assessment else None
    meta = assessment.assessment if assessment else None
    values: dict[str, Any] = {
        "name": inn.name if inn else "",
        "organisation": inn.organisation if inn else "",
        "description": inn.description if inn else "",
        "stage": STAGE_LABELS[meta.stage] if meta and meta.stage else "",
        "assessor_role": ROLE_LABELS[meta.assessor_role] if meta and meta.assessor_role else "",
        "assessor": meta.assessor if meta else "",
        "assessed_on": meta.assessed_on if meta else None,
        "label": meta.label if meta else "",
    }
    stage_dv = _list_validation(
        lists.add("stage", list(STAGE_LABELS.values())),
        title="Stage",
        prompt="Pick how far the innovation has got.",
        error="Pick a stage from the drop-down list.",
    )
    role_dv = _list_validation(
        lists.add("assessor_role", list(ROLE_LABELS.values())),
        title="Assessor role",
        prompt="Pick who filled in this assessment.",
        error="Pick a role from the drop-down list.",
    )
    date_dv = _date_validation("Assessment date")
    desc_dv = _text_validation("Description", "Free text, up to 20,000 characters.")
    for dv in (stage_dv, role_dv, date_dv, desc_dv):
        ws.add_data_validation(dv)
    for row, (field_id, label, hint) in enumerate(INNOVATION_FIELDS, start=2):
        ws.cell(row=row, column=1, value=field_id)
        ws.cell(row=row, column=2, value=label).font = Font(bold=True)
        value_cell = ws.cell(row=row, column=3)
        value = values[field_id]
        if isinstance(value, dt.date):
            value_cell.value = value
            value_cell.number_format = "yyyy-mm-dd"
        else:
            write_text(value_cell, value)
        value_cell.fill = _INPUT_FILL
        value_cell.border = _BOX
        ws.cell(row=row, column=4, value=hint)
        for col in range(1, 5):
            ws.cell(row=row, column=col).alignment = _WRAP
        {"stage": stage_dv, "assessor_role": role_dv, "assessed_on": date_dv, "description": desc_dv}.get(
            field_id, _NoValidation
        ).add(value_cell)


class _NoValidationType:
    def add(self, cell: Cell) -> None:
        del cell


_NoValidation = _NoValidationType()


def _options_text(framework: Framework, item_id: str) -> str:
    item = framework.item(item_id)
    if item.type == "text":
        return "Free text (up to 20,000 characters)."
    if item.type == "date":
        return "A date, as YYYY-MM-DD (for example 2026-03-31)."
    labels = option_labels(framework, item_id)
    lines = []
    for o in framework.options(item_id):
        lines.append(f"{labels[o.id]}: {o.descriptor}" if o.descriptor else labels[o.id])
    if item.ready_means:
        lines.append(f"Ready looks like: {item.ready_means}")
    return "\n".join(lines)


def _write_framework(ws: Worksheet, fw: Framework, assessment: Assessment | None, lists: _Lists) -> None:
    _style_header(ws, ITEM_HEADERS, ITEM_WIDTHS)
    ws.freeze_panes = "A2"
    ws.cell(row=1, column=COL_ANSWER).value = ITEM_HEADERS[COL_ANSWER - 1]
    note_dv = _text_validation("Note", "Optional: your reasons or a link to evidence (up to 20,000 characters).")
    text_dv = _text_validation("Answer", "Type your answer (up to 20,000 characters).")
    date_dv = _date_validation("Answer")
    evidence_dv = _list_validation(
        lists.add("evidence", list(EVIDENCE_LABELS.values())),
        title="Evidence types",
        prompt=_evidence_prompt(),
        error="",
        strict=False,
    )
    scale_dvs: dict[str, DataValidation] = {}
    for dv in (note_dv, text_dv, date_dv, evidence_dv):
        ws.add_data_validation(dv)
    answers = assessment.answers.get(fw.id, {}) if assessment else {}
    for row, (item_id, item) in enumerate(fw.items.items(), start=2):
        section = fw.section_of(item_id)
        answer = answers.get(item_id)
        ws.cell(row=row, column=COL_ID, value=item_id)
        write_text(ws.cell(row=row, column=COL_SECTION), section.title)
        write_text(ws.cell(row=row, column=COL_TEXT), item.text)
        write_text(ws.cell(row=row, column=COL_HELP), item.help)
        answer_cell = ws.cell(row=row, column=COL_ANSWER)
        if item.type == "choice":
            assert item.scale is not None  # guaranteed by the Item model for choice items
            key = f"{fw.id}.{item.scale}"
            if key not in scale_dvs:
                labels = list(option_labels(fw, item_id).values())
                scale_dvs[key] = _list_validation(
                    lists.add(key, labels),
                    title="Answer",
                    prompt="Pick one option from the list. 'Answer options' (column I) says what each means.",
                    error="Pick an answer from the drop-down list; see 'Answer options' for what each one means.",
                )
                ws.add_data_validation(scale_dvs[key])
            scale_dvs[key].add(answer_cell)
            write_text(answer_cell, answer_text(fw, item_id, answer))
        elif item.type == "date":
            date_dv.add(answer_cell)
            if answer is not None and answer.value:
                answer_cell.value = dt.date.fromisoformat(answer.value)
            answer_cell.number_format = "yyyy-mm-dd"
        else:
            text_dv.add(answer_cell)
            write_text(answer_cell, answer.value if answer else "")
        note_cell = ws.cell(row=row, column=COL_NOTE)
        write_text(note_cell, answer.note if answer else "")
        note_dv.add(note_cell)
        evidence_cell = ws.cell(row=row, column=COL_EVIDENCE)
        write_text(evidence_cell, evidence_text(answer.evidence) if answer else "")
        evidence_dv.add(evidence_cell)
        if item.priority is not None:
            ws.cell(row=row, column=COL_PRIORITY, value=item.priority)
        write_text(ws.cell(row=row, column=COL_OPTIONS), _options_text(fw, item_id))
        for col in range(1, len(ITEM_HEADERS) + 1):
            cell = ws.cell(row=row, column=col)
            cell.alignment = _WRAP
            cell.border = _BOX
        for col in (COL_ANSWER, COL_NOTE, COL_EVIDENCE):
            ws.cell(row=row, column=col).fill = _INPUT_FILL


def _reading(method: str, section: Any) -> str:
    if method == "readiness":
        return "Not scored: no rated answers" if section.score is None else f"{section.score:g} out of 100"
    if method == "complexity":
        return "Not rated: no answers" if section.level is None else str(section.level).capitalize()
    completeness = "no items apply" if section.completeness is None else f"{section.completeness:g}% complete"
    readiness = "no checks answered" if section.readiness is None else f"checks {section.readiness:g}% in place"
    return f"{completeness}; {readiness}; {len(section.missing)} still missing"


_FACTOR_READING = {
    "dont_know": "Don't know (not scored)",
    "not_applicable": "Not applicable",
    "unanswered": "Not answered",
}


def _write_factor_table(ws: Worksheet, row: int, fw: Framework, result: FrameworkResult) -> tuple[int, int]:
    """Write one row per factor (id, label, rating 0-3 or blank, reading); return (header row, last row).

    Blank ratings ("don't know", not applicable, unanswered) are left empty, never
    zero, so the chart shows a gap rather than a low score.
    """
    headers = ("Factor id", "Factor", "Factor rating (0-3)", "Reading")
    for col, header in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=col, value=header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP
    header_row = row
    for item_result in result.items:
        row += 1
        item = fw.item(item_result.id)
        label = item.short_label + (f" [P{item.priority}]" if item.priority else "")
        ws.cell(row=row, column=1, value=item.id)
        write_text(ws.cell(row=row, column=2), label)
        ws.cell(row=row, column=3, value=item_result.numeric)
        if item_result.status == "answered" and item_result.value is not None:
            option = fw.option(item.id, item_result.value)
            reading = option.label if option is not None else item_result.value
        else:
            reading = _FACTOR_READING[item_result.status]
        write_text(ws.cell(row=row, column=4), reading)
    return header_row, row


def _write_summary(
    ws: Worksheet, fws: dict[str, Framework], results: list[FrameworkResult], assessment: Assessment | None
) -> None:
    for col, width in enumerate(SUMMARY_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    title = ws.cell(row=1, column=1, value="Summary of the self-assessment")
    title.font = _TITLE_FONT
    who = assessment.innovation.name if assessment else "Blank template (no answers yet)"
    write_text(ws.cell(row=2, column=1), f"Innovation: {who}")
    write_text(
        ws.cell(row=3, column=1),
        SELF_ASSESSMENT_NOTE + " All figures are values calculated by the app (no formulas); "
        "the method is on the About sheet. Colours repeat the words in the 'Reading' column.",
    )
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=len(SUMMARY_HEADERS))
    ws.cell(row=3, column=1).alignment = _WRAP
    ws.row_dimensions[3].height = 45
    chart_col = get_column_letter(len(SUMMARY_HEADERS) + 2)
    row = 5
    charts: list[RadarChart] = []
    for fw, result in zip(fws.values(), results, strict=True):
        ws.cell(row=row, column=1, value=f"{fw.title} (version {fw.version})").font = _HEADING_FONT
        row += 1
        value_header, lo, hi = _CHART_VALUE[fw.scoring]
        headers = list(SUMMARY_HEADERS)
        headers[2] = value_header
        header_row = row
        for col, header in enumerate(headers, start=1):
            cell = ws.cell(row=row, column=col, value=header)
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL
            cell.alignment = _WRAP
        for sec in result.sections:
            row += 1
            section = fw.section(sec.id)
            value = sec.readiness if fw.scoring == "planning" else sec.score
            ws.cell(row=row, column=1, value=sec.id)
            write_text(ws.cell(row=row, column=2), section.label)
            ws.cell(row=row, column=3, value=value).number_format = "0.0"
            reading = ws.cell(row=row, column=4, value=_reading(fw.scoring, sec))
            if fw.scoring == "complexity" and sec.level in _LEVEL_FILLS:
                reading.fill = _LEVEL_FILLS[str(sec.level)]
            for col, count in enumerate(
                (sec.answered, sec.unknown, sec.not_applicable, sec.unanswered, sec.total), start=5
            ):
                ws.cell(row=row, column=col, value=count)
            if sec.completeness is not None:
                ws.cell(row=row, column=10, value=sec.completeness).number_format = "0.0"
        last = row
        row += 1
        ws.cell(row=row, column=2, value="All sections").font = Font(bold=True)
        if result.complex_domains is not None:
            ws.cell(row=row, column=4, value=f"{result.complex_domains} complex domain(s)")
        for col, count in enumerate(
            (result.answered, result.unknown, result.not_applicable, result.unanswered, result.total), start=5
        ):
            ws.cell(row=row, column=col, value=count).font = Font(bold=True)
        if fw.scoring == "readiness":
            # A radar of two or three section scores is a line, not a profile: chart
            # every factor's own rating (0-3) instead, from a factor table written here.
            row += 2
            header_row, last = _write_factor_table(ws, row, fw, result)
            row = last
            value_header, lo, hi = "Factor rating (0-3)", 0, 3
        chart = RadarChart()
        chart.type = "marker"
        chart.title = f"{fw.short_title}: {value_header}"
        chart.add_data(Reference(ws, min_col=3, min_row=header_row, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=2, min_row=header_row + 1, max_row=last))
        chart.y_axis.scaling.min = lo
        chart.y_axis.scaling.max = hi
        chart.y_axis.delete = False
        # Twenty-two factor labels need more room than a handful of sections.
        chart.height = 13 if fw.scoring == "readiness" else 9
        chart.width = 20 if fw.scoring == "readiness" else 14
        charts.append(chart)
        row += 2
    ws.cell(row=row, column=1, value="Flags").font = _HEADING_FONT
    row += 1
    for col, header in enumerate(FLAG_HEADERS, start=1):
        cell = ws.cell(row=row, column=col, value=header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    any_flag = False
    for fw, result in zip(fws.values(), results, strict=True):
        for flag in result.flags:
            any_flag = True
            row += 1
            ws.cell(row=row, column=1, value=fw.id)
            ws.cell(row=row, column=2, value=flag.code)
            ws.cell(row=row, column=3, value=flag.severity)
            ws.cell(row=row, column=4, value=flag.section)
            ws.cell(row=row, column=5, value=flag.item)
            message = ws.cell(row=row, column=6)
            write_text(message, flag.message)
            message.alignment = _WRAP
    if not any_flag:
        ws.cell(row=row + 1, column=1, value="No flags.")
    for n, chart in enumerate(charts):
        ws.add_chart(chart, f"{chart_col}{5 + n * _CHART_ROWS}")


def _write_meta(
    ws: Worksheet,
    fws: dict[str, Framework],
    names: dict[str, str],
    assessment: Assessment | None,
    generated: dt.datetime,
) -> None:
    for col, header in enumerate(META_HEADERS, start=1):
        ws.cell(row=1, column=col, value=header)
    ws.cell(row=2, column=1, value="format")
    ws.cell(row=2, column=2, value=WORKBOOK_FORMAT)
    ws.cell(row=3, column=1, value="format_version")
    ws.cell(row=3, column=2, value=WORKBOOK_FORMAT_VERSION)
    ws.cell(row=4, column=1, value="assessment_id")
    write_text(ws.cell(row=4, column=2), assessment.id if assessment and assessment.id else "")
    ws.cell(row=5, column=1, value="generated")
    ws.cell(row=5, column=2, value=generated.isoformat())
    for row, (fid, fw) in enumerate(fws.items(), start=6):
        ws.cell(row=row, column=1, value="framework")
        ws.cell(row=row, column=2, value=fid)
        write_text(ws.cell(row=row, column=3), fw.version)
        write_text(ws.cell(row=row, column=4), names[fid])


# ---------------------------------------------------------------------------
# Reading a workbook back
# ---------------------------------------------------------------------------

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_MARKER = "EncryptionInfo".encode("utf-16-le")


def _check_container(content: bytes, file: str) -> None:
    """Size, encryption and zip checks before openpyxl sees the bytes."""
    if len(content) > MAX_WORKBOOK_BYTES:
        raise InputError(
            [
                problem(
                    ErrorCode.WORKBOOK_004,
                    file=file,
                    size=human_size(len(content)),
                    limit=human_size(MAX_WORKBOOK_BYTES),
                )
            ]
        )
    if content.startswith(_OLE2_MAGIC):
        if _ENCRYPTION_MARKER in content:
            raise InputError([problem(ErrorCode.WORKBOOK_002, file=file)])
        raise InputError(
            [problem(ErrorCode.WORKBOOK_001, file=file, detail="it is an old-style .xls or other Office 97-2003 file")]
        )
    if not content.startswith(b"PK"):
        detail = "the file is empty" if not content else "it is not a zip-based Office file"
        raise InputError([problem(ErrorCode.WORKBOOK_001, file=file, detail=detail)])
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            unpacked = sum(info.file_size for info in infos)
            bad = archive.testzip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(
            [problem(ErrorCode.WORKBOOK_003, file=file, detail=f"the zip container is broken: {exc}")]
        ) from exc
    if bad is not None:
        raise InputError([problem(ErrorCode.WORKBOOK_003, file=file, detail=f"part '{bad}' is corrupted")])
    if "xl/workbook.xml" not in names:
        raise InputError(
            [problem(ErrorCode.WORKBOOK_001, file=file, detail="it is a zip file but holds no Excel workbook")]
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(
            [
                problem(
                    ErrorCode.WORKBOOK_004,
                    file=file,
                    size=f"{human_size(unpacked)} unpacked",
                    limit=human_size(MAX_UNPACKED_BYTES),
                )
            ]
        )


def _load(content: bytes, file: str) -> Workbook:
    try:
        # data_only=False: a formula is seen as a formula (and reported), never replaced by a cached value.
        return load_workbook(BytesIO(content), read_only=False, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many types (KeyError, XML, ValueError...) for damaged parts
        raise InputError(
            [problem(ErrorCode.WORKBOOK_003, file=file, detail=f"{type(exc).__name__}: {exc}".strip()[:200])]
        ) from exc


@dataclass
class _Reader:
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


@dataclass(frozen=True)
class _MetaInfo:
    assessment_id: str | None
    frameworks: list[tuple[Framework, str]]
    """Each framework found in the workbook with its sheet name."""


def _read_meta(wb: Workbook, fws: dict[str, Framework], reader: _Reader) -> _MetaInfo | None:
    if META_SHEET not in wb.sheetnames:
        reader.add(ErrorCode.WORKBOOK_005, sheet=META_SHEET)
        return None
    ws = wb[META_SHEET]
    keys: dict[str, Any] = {}
    listed: list[tuple[int, str, str, str]] = []
    for row in ws.iter_rows(min_row=2, max_col=4):
        key = row[0].value
        if key == "framework":
            listed.append((row[0].row, read_text(row[1].value), read_text(row[2].value), read_text(row[3].value)))
        elif isinstance(key, str):
            keys[key] = row[1].value
    if keys.get("format") != WORKBOOK_FORMAT:
        reader.add(
            ErrorCode.WORKBOOK_006,
            sheet=META_SHEET,
            row=2,
            column="B",
            found=f"'{keys.get('format')}' (not an assessment workbook)",
            expected=WORKBOOK_FORMAT_VERSION,
        )
        return None
    if keys.get("format_version") != WORKBOOK_FORMAT_VERSION:
        reader.add(
            ErrorCode.WORKBOOK_006,
            sheet=META_SHEET,
            row=3,
            column="B",
            found=keys.get("format_version"),
            expected=WORKBOOK_FORMAT_VERSION,
        )
        return None
    found: list[tuple[Framework, str]] = []
    for row, fid, version, sheet in listed:
        fw = fws.get(fid)
        if fw is None:
            reader.add(ErrorCode.WORKBOOK_016, sheet=META_SHEET, row=row, column="B", found=fid, allowed=", ".join(fws))
            continue
        if version != fw.version:
            reader.add(
                ErrorCode.WORKBOOK_010,
                sheet=META_SHEET,
                row=row,
                column="C",
                framework=fid,
                found=version,
                expected=fw.version,
            )
            continue
        found.append((fw, sheet))
    ident = read_text(keys.get("assessment_id")).strip() or None
    return _MetaInfo(assessment_id=ident, frameworks=found)


def _match_choice(value: str, labels: dict[str, str]) -> str | None:
    wanted = _norm(value)
    for option_id, label in labels.items():
        if wanted in (_norm(label), option_id.casefold()):
            return option_id
    return None


def _parse_evidence(cell: Cell, sheet: str, reader: _Reader) -> tuple[EvidenceType, ...] | None:
    if reader.formula(cell, sheet):
        return None
    raw = read_text(cell.value)
    by_key = {}
    for et, label in EVIDENCE_LABELS.items():
        by_key[_norm(label)] = et
        by_key[et.value] = et
    found: list[EvidenceType] = []
    ok = True
    for token in _EVIDENCE_SPLIT.split(raw):
        token = token.strip()
        if not token:
            continue
        et = by_key.get(_norm(token)) or by_key.get(token.casefold())
        if et is None:
            reader.add(
                ErrorCode.WORKBOOK_008,
                sheet=sheet,
                row=cell.row,
                column=cell.column_letter,
                found=token,
                allowed=", ".join(EVIDENCE_LABELS.values()),
            )
            ok = False
        elif et not in found:
            found.append(et)
    if not ok:
        return None
    order = list(EvidenceType)
    return tuple(sorted(found, key=order.index))


def _read_framework(wb: Workbook, fw: Framework, sheet: str, reader: _Reader) -> dict[str, Answer]:
    if sheet not in wb.sheetnames:
        reader.add(ErrorCode.WORKBOOK_005, sheet=sheet)
        return {}
    ws = wb[sheet]
    if not (reader.header(ws, ITEM_HEADERS) & reader.merged(ws)):
        return {}
    expected = list(fw.items)
    seen: dict[str, int] = {}
    structural = False
    answers: dict[str, Answer] = {}
    for cells in ws.iter_rows(min_row=2, max_col=len(ITEM_HEADERS)):
        row = cells[0].row
        content = [c for c in cells[1:] if c.value not in (None, "")]
        raw_id = cells[0].value
        if raw_id in (None, ""):
            if content:
                structural = True
                reader.add(
                    ErrorCode.WORKBOOK_009,
                    sheet=sheet,
                    row=row,
                    column="A",
                    detail="this row has content but no item id in column A (was a row added?)",
                )
            continue
        item_id = read_text(raw_id).strip()
        if item_id not in fw.items:
            structural = True
            reader.add(ErrorCode.WORKBOOK_007, sheet=sheet, row=row, column="A", found=item_id)
            continue
        if item_id in seen:
            structural = True
            reader.add(
                ErrorCode.WORKBOOK_009,
                sheet=sheet,
                row=row,
                column="A",
                detail=f"item '{item_id}' appears twice (rows {seen[item_id]} and {row})",
            )
            continue
        seen[item_id] = row
        answer = _read_answer(fw, item_id, cells, sheet, reader)
        if answer is not None and not answer.is_blank:
            answers[item_id] = answer
    missing = [item_id for item_id in expected if item_id not in seen]
    if missing and not structural:  # after an unknown or repeated id the missing rows are usually that row
        structural = True
        shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
        reader.add(ErrorCode.WORKBOOK_009, sheet=sheet, column="A", detail=f"the rows for items {shown} are missing")
    elif not structural:
        for index, item_id in enumerate(expected):
            if seen[item_id] != index + 2:
                reader.add(
                    ErrorCode.WORKBOOK_009,
                    sheet=sheet,
                    row=seen[item_id],
                    column="A",
                    detail=f"item '{item_id}' is on row {seen[item_id]} but belongs on row {index + 2}",
                )
    return answers


def _read_answer(fw: Framework, item_id: str, cells: tuple[Cell, ...], sheet: str, reader: _Reader) -> Answer | None:
    item = fw.item(item_id)
    before = len(reader.problems)
    answer_cell = cells[COL_ANSWER - 1]
    value: str | None = None
    if item.type == "choice":
        if not reader.formula(answer_cell, sheet):
            typed = read_text(answer_cell.value).strip()
            if typed:
                labels = option_labels(fw, item_id)
                value = _match_choice(typed, labels)
                if value is None:
                    reader.add(
                        ErrorCode.WORKBOOK_008,
                        sheet=sheet,
                        row=answer_cell.row,
                        column=answer_cell.column_letter,
                        found=typed,
                        allowed="; ".join(labels.values()),
                    )
    elif item.type == "date":
        ok, date = reader.date(answer_cell, sheet)
        value = date.isoformat() if ok and date else None
    else:
        value = reader.text(answer_cell, sheet, MAX_TEXT_LENGTH) or None
    note = reader.text(cells[COL_NOTE - 1], sheet, MAX_TEXT_LENGTH)
    evidence = _parse_evidence(cells[COL_EVIDENCE - 1], sheet, reader)
    if len(reader.problems) != before or note is None or evidence is None:
        return None
    return Answer(value=value, note=note, evidence=evidence)


def _read_innovation(wb: Workbook, reader: _Reader) -> tuple[Innovation, AssessmentMeta] | None:
    sheet = INNOVATION_SHEET
    if sheet not in wb.sheetnames:
        reader.add(ErrorCode.WORKBOOK_005, sheet=sheet)
        return None
    ws = wb[sheet]
    if not (reader.header(ws, INNOVATION_HEADERS) & reader.merged(ws)):
        return None
    before = len(reader.problems)
    cells: dict[str, Cell] = {}
    for row, (field_id, _label, _hint) in enumerate(INNOVATION_FIELDS, start=2):
        found = read_text(ws.cell(row=row, column=1).value).strip()
        if found != field_id:
            reader.add(
                ErrorCode.WORKBOOK_009,
                sheet=sheet,
                row=row,
                column="A",
                detail=f"row {row} should hold field '{field_id}' but holds '{found}'",
            )
        cells[field_id] = ws.cell(row=row, column=3)
    if len(reader.problems) != before:
        return None
    name = reader.text(cells["name"], sheet, SHORT_TEXT_LIMIT)
    if name is not None and not name.strip():
        reader.add(ErrorCode.WORKBOOK_017, sheet=sheet, row=cells["name"].row, column="C", detail="The innovation name")
    organisation = reader.text(cells["organisation"], sheet, SHORT_TEXT_LIMIT)
    description = reader.text(cells["description"], sheet, MAX_TEXT_LENGTH)
    assessor = reader.text(cells["assessor"], sheet, SHORT_TEXT_LIMIT)
    label = reader.text(cells["label"], sheet, SHORT_TEXT_LIMIT)
    stage = _read_enum(cells["stage"], sheet, Stage, STAGE_LABELS, reader)
    role = _read_enum(cells["assessor_role"], sheet, AssessorRole, ROLE_LABELS, reader)
    _ok, assessed_on = reader.date(cells["assessed_on"], sheet)
    if len(reader.problems) != before:
        return None
    innovation = Innovation(name=name or "", organisation=organisation or "", description=description or "")
    meta = AssessmentMeta(
        assessed_on=assessed_on, stage=stage, assessor_role=role, assessor=assessor or "", label=label or ""
    )
    return innovation, meta


def _read_enum(cell: Cell, sheet: str, enum: Any, labels: Mapping[Any, str], reader: _Reader) -> Any:
    if reader.formula(cell, sheet):
        return None
    typed = read_text(cell.value).strip()
    if not typed:
        return None
    option_id = _match_choice(typed, {member.value: label for member, label in labels.items()})
    if option_id is None:
        reader.add(
            ErrorCode.WORKBOOK_008,
            sheet=sheet,
            row=cell.row,
            column=cell.column_letter,
            found=typed,
            allowed=", ".join(labels.values()),
        )
        return None
    return enum(option_id)


def read_workbook(
    content: bytes, frameworks: Mapping[str, Framework] | Iterable[Framework], *, file: str
) -> Assessment:
    """Read an assessment workbook (filled template or export) strictly.

    Checks, in order: size (before parsing), encryption, zip container, the
    ``_meta`` sheet (format version, framework versions), then the Innovation
    sheet and every framework sheet (header row, merged cells, item ids and
    their order, answers against their lists, dates, formulas, text length).
    Every problem found is collected before raising.

    Args:
        content: The .xlsx file's bytes.
        frameworks: The app's frameworks (by id or as an iterable).
        file: The file name, used in every problem's location.

    Returns:
        The assessment, with ``id`` set to the assessment id recorded in the
        workbook (None for a filled-in template). Answers are validated against
        the frameworks; a framework with no answers has no entry in ``answers``.

    Raises:
        InputError: With every problem found (WORKBOOK_001 to WORKBOOK_017).
    """
    fws = _framework_dict(frameworks)
    _check_container(content, file)
    return _read_checked(content, fws, file)


def _read_checked(content: bytes, fws: dict[str, Framework], file: str) -> Assessment:
    wb = _load(content, file)
    reader = _Reader(file=file, problems=[])
    meta = _read_meta(wb, fws, reader)
    if meta is None:
        raise InputError(reader.problems)
    details = _read_innovation(wb, reader)
    answers: dict[str, dict[str, Answer]] = {}
    for fw, sheet in meta.frameworks:
        found = _read_framework(wb, fw, sheet, reader)
        if found:
            answers[fw.id] = found
    if reader.problems or details is None:
        raise InputError(reader.problems)
    innovation, assessment_meta = details
    return Assessment(id=meta.assessment_id, innovation=innovation, assessment=assessment_meta, answers=answers)


# ---------------------------------------------------------------------------
# What an import would change (for previews)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One difference between a saved assessment and an imported one."""

    where: str
    """Human location, e.g. ``Innovation: Stage`` or ``SCIE scaling factors: Leadership``."""
    field: str
    """``value``, ``note`` or ``evidence`` for answers; the field id for details."""
    old: str
    new: str
    framework: str | None = None
    item: str | None = None


_DETAIL_LABELS = {field_id: label for field_id, label, _hint in INNOVATION_FIELDS}


def _details(assessment: Assessment) -> dict[str, str]:
    inn, meta = assessment.innovation, assessment.assessment
    return {
        "name": inn.name,
        "organisation": inn.organisation,
        "description": inn.description,
        "stage": STAGE_LABELS[meta.stage] if meta.stage else "",
        "assessor_role": ROLE_LABELS[meta.assessor_role] if meta.assessor_role else "",
        "assessor": meta.assessor,
        "assessed_on": meta.assessed_on.isoformat() if meta.assessed_on else "",
        "label": meta.label,
    }


def diff_assessments(
    old: Assessment | None, new: Assessment, frameworks: Mapping[str, Framework] | Iterable[Framework]
) -> list[Change]:
    """List what saving ``new`` over ``old`` would change (everything, if ``old`` is None).

    Args:
        old: The saved assessment, or None when the import creates a new one.
        new: The imported assessment.
        frameworks: The frameworks, for labels.

    Returns:
        Changes to details first, then answers in questionnaire order.
    """
    fws = _framework_dict(frameworks)
    changes: list[Change] = []
    old_details = _details(old) if old else dict.fromkeys(_DETAIL_LABELS, "")
    for key, new_value in _details(new).items():
        if old_details[key] != new_value:
            changes.append(Change(f"Innovation: {_DETAIL_LABELS[key]}", key, old_details[key], new_value))
    for fw in fws.values():
        for item_id, item in fw.items.items():
            before = old.answer(fw.id, item_id) if old else None
            after = new.answer(fw.id, item_id)
            where = f"{fw.short_title}: {item.short_label}"
            pairs = (
                ("value", answer_text(fw, item_id, before), answer_text(fw, item_id, after)),
                ("note", before.note if before else "", after.note if after else ""),
                (
                    "evidence",
                    evidence_text(before.evidence) if before else "",
                    evidence_text(after.evidence) if after else "",
                ),
            )
            for field, was, now in pairs:
                if was != now:
                    changes.append(Change(where, field, was, now, framework=fw.id, item=item_id))
    return changes
