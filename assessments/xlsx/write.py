"""Writing the assessment workbook: one xlsx format for exports and for the blank template.

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
  cells (see :mod:`assessments.xlsx.summary`).
* ``Lists`` (hidden): the option labels the drop-down lists read, so long lists
  never hit Excel's 255-character limit for inline lists.
* ``_meta`` (hidden): format version, framework ids, versions and sheet names,
  and the assessment id.

Free text goes through :mod:`assessments.xlsx.cells`, so it round-trips exactly
and a formula is never written. :mod:`assessments.xlsx.read` reads the file back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from assessments.models import EVIDENCE_LABELS, ROLE_LABELS, STAGE_LABELS, Assessment, Framework
from assessments.scoring import score_assessment, score_framework
from assessments.upgrades import as_read_under
from assessments.wording import SELF_ASSESSMENT_NOTE, answer_text, evidence_text, method_lines, option_labels
from assessments.xlsx.cells import write_date, write_text
from assessments.xlsx.chart_xml import declare_namespaces_on_root
from assessments.xlsx.dropdowns import (
    NO_VALIDATION,
    ListsSheet,
    date_validation,
    evidence_prompt,
    list_validation,
    text_validation,
)
from assessments.xlsx.layout import (
    ABOUT_SHEET,
    BOX,
    COL_ANSWER,
    COL_EVIDENCE,
    COL_HELP,
    COL_ID,
    COL_NOTE,
    COL_OPTIONS,
    COL_PRIORITY,
    COL_SECTION,
    COL_TEXT,
    HEADING_FONT,
    INNOVATION_FIELDS,
    INNOVATION_HEADERS,
    INNOVATION_SHEET,
    INNOVATION_WIDTHS,
    INPUT_FILL,
    ITEM_HEADERS,
    ITEM_WIDTHS,
    LISTS_SHEET,
    META_HEADERS,
    META_SHEET,
    SUMMARY_SHEET,
    TITLE_FONT,
    WORKBOOK_FORMAT,
    WORKBOOK_FORMAT_VERSION,
    WRAP,
    cell_at,
    sheet_names,
    style_header,
)
from assessments.xlsx.summary import write_summary


def build_workbook(
    frameworks: Mapping[str, Framework],
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
    generated = generated or dt.datetime.now(dt.UTC).replace(microsecond=0)
    names = sheet_names(frameworks)
    if assessment is not None:
        results = list(score_assessment(assessment, frameworks).results)
    else:
        results = [score_framework(fw, {}) for fw in frameworks.values()]

    wb = Workbook()
    about = wb.active
    assert about is not None  # a new Workbook always has one sheet
    about.title = ABOUT_SHEET
    innovation_ws = wb.create_sheet(INNOVATION_SHEET)
    framework_ws = {fid: wb.create_sheet(names[fid]) for fid in frameworks}
    summary = wb.create_sheet(SUMMARY_SHEET)
    lists = ListsSheet(wb.create_sheet(LISTS_SHEET))
    meta = wb.create_sheet(META_SHEET)
    lists.ws.sheet_state = "hidden"
    meta.sheet_state = "hidden"

    _write_about(about, frameworks, assessment, generated)
    _write_innovation(innovation_ws, assessment, lists)
    # Answers awaiting their check under an earlier framework version are exported as that version showed them.
    earlier = assessment.framework_versions if assessment is not None else {}
    shown = {fid: as_read_under(fw, earlier[fid]) if fid in earlier else fw for fid, fw in frameworks.items()}
    for fid, fw in shown.items():
        _write_framework(framework_ws[fid], fw, assessment, lists)
    write_summary(summary, frameworks, results, assessment)
    _write_meta(meta, shown, names, assessment, generated)
    return wb


def workbook_bytes(
    frameworks: Mapping[str, Framework],
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
    return declare_namespaces_on_root(buffer.getvalue())


def _write_about(
    ws: Worksheet, fws: Mapping[str, Framework], assessment: Assessment | None, generated: dt.datetime
) -> None:
    ws.column_dimensions["A"].width = 110
    rows: list[tuple[str, Font | None]] = []

    def add(text: str = "", font: Font | None = None) -> None:
        rows.append((text, font))

    add("Scaling readiness self-assessment workbook", TITLE_FONT)
    if assessment is not None:
        add(f"Assessment of: {assessment.innovation.name}")
    else:
        add("Blank template: no answers yet.")
    add()
    add("What this file is", HEADING_FONT)
    add(
        "This workbook holds one self-assessment of an adult social care innovation against "
        f"{len(fws)} framework{'s' if len(fws) != 1 else ''}: "
        + "; ".join(f"{fw.short_title} ({fw.title})" for fw in fws.values())
        + ". The same layout is used for an exported assessment and, with the answers left empty, "
        "for the blank template you can fill in offline and send back."
    )
    add(SELF_ASSESSMENT_NOTE)
    add()
    add("How to fill it in offline", HEADING_FONT)
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
    add("Scoring method", HEADING_FONT)
    for line in method_lines():
        add(line)
    add()
    add("Frameworks", HEADING_FONT)
    for fw in fws.values():
        add(f"{fw.title} (id '{fw.id}', version {fw.version})", Font(bold=True))
        add(f"Source: {fw.citation.text}")
        add(f"Link: {fw.citation.url}" + (f" (doi: {fw.citation.doi})" if fw.citation.doi else ""))
        for ref in fw.references:
            add(f"See also: {ref.text} {ref.url}")
        add(f"Reuse: {fw.licence}")
        add("How our questions adapt the source: " + " ".join(fw.adaptations))
        add()
    add("File details", HEADING_FONT)
    add(f"Generated: {generated.isoformat()}")
    add(f"Workbook format: {WORKBOOK_FORMAT} version {WORKBOOK_FORMAT_VERSION}")
    for row, (text, font) in enumerate(rows, start=1):
        cell = cell_at(ws, row, 1)
        write_text(cell, text)
        cell.alignment = WRAP
        if font is not None:
            cell.font = font


def _write_innovation(ws: Worksheet, assessment: Assessment | None, lists: ListsSheet) -> None:
    style_header(ws, INNOVATION_HEADERS, INNOVATION_WIDTHS)
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
    stage_dv = list_validation(
        lists.add("stage", list(STAGE_LABELS.values())),
        title="Stage",
        prompt="Pick how far the innovation has got.",
        error="Pick a stage from the drop-down list.",
    )
    role_dv = list_validation(
        lists.add("assessor_role", list(ROLE_LABELS.values())),
        title="Assessor role",
        prompt="Pick who filled in this assessment.",
        error="Pick a role from the drop-down list.",
    )
    date_dv = date_validation("Assessment date")
    desc_dv = text_validation("Description", "Free text, up to 20,000 characters.")
    for dv in (stage_dv, role_dv, date_dv, desc_dv):
        ws.add_data_validation(dv)
    for row, (field_id, label, hint) in enumerate(INNOVATION_FIELDS, start=2):
        ws.cell(row=row, column=1, value=field_id)
        ws.cell(row=row, column=2, value=label).font = Font(bold=True)
        value_cell = cell_at(ws, row, 3)
        value = values[field_id]
        if isinstance(value, dt.date):
            write_date(value_cell, value)
        else:
            write_text(value_cell, value)
        value_cell.fill = INPUT_FILL
        value_cell.border = BOX
        ws.cell(row=row, column=4, value=hint)
        for col in range(1, 5):
            ws.cell(row=row, column=col).alignment = WRAP
        {"stage": stage_dv, "assessor_role": role_dv, "assessed_on": date_dv, "description": desc_dv}.get(
            field_id, NO_VALIDATION
        ).add(value_cell)


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


def _write_framework(ws: Worksheet, fw: Framework, assessment: Assessment | None, lists: ListsSheet) -> None:
    style_header(ws, ITEM_HEADERS, ITEM_WIDTHS)
    ws.freeze_panes = "A2"
    cell_at(ws, 1, COL_ANSWER).value = ITEM_HEADERS[COL_ANSWER - 1]
    note_dv = text_validation("Note", "Optional: your reasons or a link to evidence (up to 20,000 characters).")
    text_dv = text_validation("Answer", "Type your answer (up to 20,000 characters).")
    date_dv = date_validation("Answer")
    evidence_dv = list_validation(
        lists.add("evidence", list(EVIDENCE_LABELS.values())),
        title="Evidence types",
        prompt=evidence_prompt(),
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
        write_text(cell_at(ws, row, COL_SECTION), section.title)
        write_text(cell_at(ws, row, COL_TEXT), item.text)
        write_text(cell_at(ws, row, COL_HELP), item.help)
        answer_cell = cell_at(ws, row, COL_ANSWER)
        if item.type == "choice":
            assert item.scale is not None  # guaranteed by the Item model for choice items
            key = f"{fw.id}.{item.scale}"
            if key not in scale_dvs:
                labels = list(option_labels(fw, item_id).values())
                scale_dvs[key] = list_validation(
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
            write_date(
                answer_cell, dt.date.fromisoformat(answer.value) if answer is not None and answer.value else None
            )
        else:
            text_dv.add(answer_cell)
            write_text(answer_cell, answer.value if answer else "")
        note_cell = cell_at(ws, row, COL_NOTE)
        write_text(note_cell, answer.note if answer else "")
        note_dv.add(note_cell)
        evidence_cell = cell_at(ws, row, COL_EVIDENCE)
        write_text(evidence_cell, evidence_text(answer.evidence) if answer else "")
        evidence_dv.add(evidence_cell)
        if item.priority is not None:
            ws.cell(row=row, column=COL_PRIORITY, value=item.priority)
        write_text(cell_at(ws, row, COL_OPTIONS), _options_text(fw, item_id))
        for col in range(1, len(ITEM_HEADERS) + 1):
            cell = ws.cell(row=row, column=col)
            cell.alignment = WRAP
            cell.border = BOX
        for col in (COL_ANSWER, COL_NOTE, COL_EVIDENCE):
            ws.cell(row=row, column=col).fill = INPUT_FILL


def _write_meta(
    ws: Worksheet,
    fws: Mapping[str, Framework],
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
    write_text(cell_at(ws, 4, 2), assessment.id if assessment and assessment.id else "")
    ws.cell(row=5, column=1, value="generated")
    ws.cell(row=5, column=2, value=generated.isoformat())
    for row, (fid, fw) in enumerate(fws.items(), start=6):
        ws.cell(row=row, column=1, value="framework")
        ws.cell(row=row, column=2, value=fid)
        write_text(cell_at(ws, row, 3), fw.version)
        write_text(cell_at(ws, row, 4), names[fid])
