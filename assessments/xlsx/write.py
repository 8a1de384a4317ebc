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
from collections.abc import Iterable, Mapping
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from assessments.models import EVIDENCE_LABELS, ROLE_LABELS, STAGE_LABELS, Assessment, Framework
from assessments.scoring import score_assessment, score_framework
from assessments.upgrades import as_read_under
from assessments.wording import answer_text, evidence_text, option_labels
from assessments.xlsx.about import write_about
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
    INNOVATION_FIELDS,
    INNOVATION_HEADERS,
    INNOVATION_SHEET,
    INNOVATION_WIDTHS,
    INPUT_FILL,
    ITEM_FONT,
    ITEM_HEADERS,
    ITEM_WIDTHS,
    LISTS_SHEET,
    META_HEADERS,
    META_SHEET,
    OPTIONS_FONT,
    SUMMARY_SHEET,
    WORKBOOK_FORMAT,
    WORKBOOK_FORMAT_VERSION,
    WRAP,
    cell_at,
    sheet_names,
    style_header,
)
from assessments.xlsx.printing import row_height, set_up_printing
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

    write_about(about, frameworks, assessment, generated)
    _write_innovation(innovation_ws, assessment, lists)
    # Answers awaiting their check under an earlier framework version are exported as that version showed them.
    earlier = assessment.framework_versions if assessment is not None else {}
    shown = {fid: as_read_under(fw, earlier[fid]) if fid in earlier else fw for fid, fw in frameworks.items()}
    for fid, fw in shown.items():
        _write_framework(framework_ws[fid], fw, assessment, lists)
    # Page set-up before the Summary is written: its charts are placed by how much a printed page holds.
    _set_up_printing(wb, assessment, framework_ws.values())
    write_summary(summary, frameworks, results, assessment)
    _write_meta(meta, shown, names, assessment, generated)
    return wb


def _set_up_printing(wb: Workbook, assessment: Assessment | None, framework_sheets: Iterable[Worksheet]) -> None:
    """Page set-up of every sheet; a framework sheet prints its columns Section to Priority.

    The item ids are for the app and the answer options are the same in every copy (and too long to
    print beside the rest at a readable size), so a printout leaves them out; on screen every column
    is there.
    """
    title = assessment.innovation.name if assessment else "Blank template"
    set_up_printing(wb[ABOUT_SHEET], landscape=False, title=title)
    set_up_printing(wb[INNOVATION_SHEET], landscape=True, title=title, title_rows="1:1")
    set_up_printing(wb[SUMMARY_SHEET], landscape=False, title=title)
    last = get_column_letter(COL_PRIORITY)
    for ws in framework_sheets:
        set_up_printing(ws, landscape=True, title=title, title_rows="1:1")
        ws.print_area = f"{get_column_letter(COL_SECTION)}1:{last}{ws.max_row}"


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
        if field_id == "assessed_on":  # a date cell even when empty, so a date typed in reads as one
            write_date(value_cell, value)
        else:
            write_text(value_cell, value)
        value_cell.fill = INPUT_FILL
        value_cell.border = BOX
        ws.cell(row=row, column=4, value=hint)
        for col in range(1, 5):
            ws.cell(row=row, column=col).alignment = WRAP
        ws.row_dimensions[row].height = row_height(
            (ws.cell(row=row, column=col).value, width) for col, width in enumerate(INNOVATION_WIDTHS, start=1)
        )
        {"stage": stage_dv, "assessor_role": role_dv, "assessed_on": date_dv, "description": desc_dv}.get(
            field_id, NO_VALIDATION
        ).add(value_cell)


OPTION_SEPARATOR = "  •  "


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
    # One paragraph in a wide column of small print: a line per option would make every row as tall as
    # its list of options, and the printout (which leaves this column out) mostly white space.
    return OPTION_SEPARATOR.join(lines)


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
            cell.font = ITEM_FONT
        for col in (COL_ANSWER, COL_NOTE, COL_EVIDENCE):
            ws.cell(row=row, column=col).fill = INPUT_FILL
        ws.cell(row=row, column=COL_OPTIONS).font = OPTIONS_FONT
        ws.row_dimensions[row].height = max(
            row_height(
                ((ws.cell(row=row, column=col).value, ITEM_WIDTHS[col - 1]) for col in range(1, COL_OPTIONS)),
                font_size=float(ITEM_FONT.sz or 10),
            ),
            row_height(
                [(ws.cell(row=row, column=COL_OPTIONS).value, ITEM_WIDTHS[-1])], font_size=float(OPTIONS_FONT.sz or 8)
            ),
        )


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
