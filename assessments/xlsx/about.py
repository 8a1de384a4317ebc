"""The About sheet of the assessment workbook: what the file is, how to fill it in, the method and the sources.

One column of wrapped text, printed portrait; each row is given the height its text needs
(:mod:`assessments.xlsx.printing`), so LibreOffice and Gnumeric show it without overlap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from assessments.models import EVIDENCE_LABELS, Assessment, Framework
from assessments.wording import SELF_ASSESSMENT_NOTE, method_lines
from assessments.xlsx.cells import write_text
from assessments.xlsx.layout import HEADING_FONT, TITLE_FONT, WORKBOOK_FORMAT, WORKBOOK_FORMAT_VERSION, WRAP, cell_at
from assessments.xlsx.printing import row_height

BODY_FONT = Font(size=9)
"""The About sheet's running text: a little smaller, so what is printed of it fits one page."""
GAP_POINTS = 8
"""Height of the empty rows between sections (half a line)."""
ABOUT_WIDTH = 75
"""Width of the About sheet's one column: a portrait A4 page's width, with room to spare for wider fonts."""


def write_about(
    ws: Worksheet, fws: Mapping[str, Framework], assessment: Assessment | None, generated: dt.datetime
) -> None:
    ws.column_dimensions["A"].width = ABOUT_WIDTH
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
        "The 'Answer options' column says what each option means for that question (on screen: a printout "
        "leaves it out, and the item ids).",
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
    add("Frameworks", HEADING_FONT)
    add(
        "On screen, below the list, are each framework's links, terms of reuse and how our questions adapt it, "
        "the scoring method and the file's details. A printout leaves them out: they are the same in every "
        "workbook, and the app (the Scoring method page) and docs/scoring.md hold them too."
    )
    for fw in fws.values():
        add(f"{fw.title} (id '{fw.id}', version {fw.version})", Font(bold=True, size=BODY_FONT.sz))
        add(f"Source: {fw.citation.text}")
    printed = len(rows)
    add()
    add("File details", HEADING_FONT)
    add(f"Generated: {generated.isoformat()}")
    add(f"Workbook format: {WORKBOOK_FORMAT} version {WORKBOOK_FORMAT_VERSION}")
    add()
    for fw in fws.values():
        add(f"{fw.title}: source, reuse and adaptation", Font(bold=True, size=BODY_FONT.sz))
        add(f"Link: {fw.citation.url}" + (f" (doi: {fw.citation.doi})" if fw.citation.doi else ""))
        for ref in fw.references:
            add(f"See also: {ref.text} {ref.url}")
        add(f"Reuse: {fw.licence}")
        add("How our questions adapt the source: " + " ".join(fw.adaptations))
        add()
    add("Scoring method", HEADING_FONT)
    for line in method_lines():
        add(line)
    for row, (text, font) in enumerate(rows, start=1):
        cell = cell_at(ws, row, 1)
        write_text(cell, text)
        cell.alignment = WRAP
        cell.font = font if font is not None else BODY_FONT
        size = float(font.size if font is not None and font.size else BODY_FONT.sz or 10)
        lines = row_height([(text, ABOUT_WIDTH)], font_size=size, bold=bool(font and font.b))
        ws.row_dimensions[row].height = lines if text else GAP_POINTS
    # The method note is long and the same in every workbook: on screen it is all here, but the
    # printout stops before it (the line above it says where to read it).
    ws.print_area = f"A1:A{printed}"
