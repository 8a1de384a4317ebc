"""The Summary sheet of the assessment workbook: scores, counts and flags as values, and native radar charts.

Every figure is a value calculated by :mod:`assessments.scoring` (never an Excel
formula). Each framework gets a native Excel radar chart drawn from its score
cells: section scores, or for the readiness method every factor's own rating.
How a score reads depends on the framework's scoring method; the switches on
``fw.scoring`` are all in this module.
"""

from __future__ import annotations

from collections.abc import Mapping

from openpyxl.chart._chart import ChartBase
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from assessments.methods import method_of
from assessments.models import Assessment, Framework, FrameworkResult
from assessments.wording import SELF_ASSESSMENT_NOTE, STATUS_LABELS
from assessments.xlsx.cells import write_text
from assessments.xlsx.chart_pages import ROW_HEIGHT_CM, PageFill, place_charts, rows_for
from assessments.xlsx.charts import chart_table_from_cells, profile_chart
from assessments.xlsx.layout import (
    HEADER_FILL,
    HEADER_FONT,
    HEADING_FONT,
    TITLE_FONT,
    WRAP,
    cell_at,
)
from assessments.xlsx.printing import row_height

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
SUMMARY_WIDTHS = (22, 28, 15, 26, 11, 10, 11, 13, 8, 15)
"""Column widths: every header fits on at most three wrapped lines; the table prints landscape at about 90%."""
FLAG_HEADERS = ("Framework", "Flag", "Severity", "Section", "Item", "Message")
MESSAGE_COLUMNS = (6, 10)
"""The flags' message is merged over these columns (first, last), wide enough to read."""
NUMBER = Alignment(horizontal="center", vertical="top")
"""Numbers are centred, so a number never runs into the text of the next column."""


def _write_factor_table(ws: Worksheet, row: int, fw: Framework, result: FrameworkResult) -> tuple[int, int]:
    """Write one row per factor (id, label, rating 0-3 or blank, reading); return (header row, last row).

    Blank ratings ("don't know", not applicable, unanswered) are left empty, never
    zero, so the chart shows a gap rather than a low score.
    """
    headers = ("Factor id", "Factor", method_of(fw).item_axis().title, "Reading")
    for col, header in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=col, value=header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
    header_row = row
    for item_result in result.items:
        row += 1
        item = fw.item(item_result.id)
        label = item.short_label + (f" [P{item.priority}]" if item.priority else "")
        ws.cell(row=row, column=1, value=item.id)
        write_text(cell_at(ws, row, 2), label)
        ws.cell(row=row, column=3, value=item_result.numeric).alignment = NUMBER
        if item_result.status == "answered" and item_result.value is not None:
            option = fw.option(item.id, item_result.value)
            reading = option.label if option is not None else item_result.value
        else:
            reading = STATUS_LABELS[item_result.status]
        write_text(cell_at(ws, row, 4), reading)
        _wrap_row(ws, row, 4)
    ws.row_dimensions[header_row].height = row_height(zip(headers, SUMMARY_WIDTHS, strict=False), bold=True)
    return header_row, row


def _wrap_row(ws: Worksheet, row: int, columns: int) -> None:
    """Wrap the text cells of a row's first ``columns`` columns and give the row the height they need."""
    for col in range(1, columns + 1):
        cell = ws.cell(row=row, column=col)
        if isinstance(cell.value, str):
            cell.alignment = WRAP
    ws.row_dimensions[row].height = row_height(
        (ws.cell(row=row, column=col).value, SUMMARY_WIDTHS[col - 1]) for col in range(1, columns + 1)
    )


def write_summary(
    ws: Worksheet, fws: Mapping[str, Framework], results: list[FrameworkResult], assessment: Assessment | None
) -> None:
    """Write the Summary sheet: per framework a score table and a radar chart, then every flag.

    Args:
        ws: The (empty) Summary sheet.
        fws: The frameworks, in display order.
        results: Each framework's scores, in the same order.
        assessment: The assessment, or None for the blank template.
    """
    for col, width in enumerate(SUMMARY_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    title = ws.cell(row=1, column=1, value="Summary of the self-assessment")
    title.font = TITLE_FONT
    who = assessment.innovation.name if assessment else "Blank template (no answers yet)"
    write_text(cell_at(ws, 2, 1), f"Innovation: {who}")
    caveat = (
        SELF_ASSESSMENT_NOTE + " All figures are values calculated by the app (no formulas); the scoring method is "
        "at the end of the About sheet and in docs/scoring.md. Colours repeat the words in the 'Reading' column."
    )
    write_text(cell_at(ws, 3, 1), caveat)
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=len(SUMMARY_HEADERS))
    ws.cell(row=3, column=1).alignment = WRAP
    ws.row_dimensions[3].height = row_height([(caveat, sum(SUMMARY_WIDTHS))])
    row = 5
    charts: list[ChartBase] = []
    for fw, result in zip(fws.values(), results, strict=True):
        ws.cell(row=row, column=1, value=f"{fw.title} (version {fw.version})").font = HEADING_FONT
        row += 1
        method = method_of(fw)
        level = method.radar_level()
        headers = list(SUMMARY_HEADERS)
        headers[2] = method.section_axis().title
        header_row = row
        for col, header in enumerate(headers, start=1):
            cell = ws.cell(row=row, column=col, value=header)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = WRAP
        ws.row_dimensions[row].height = row_height(zip(headers, SUMMARY_WIDTHS, strict=True), bold=True)
        for sec in result.sections:
            row += 1
            section = fw.section(sec.id)
            ws.cell(row=row, column=1, value=sec.id)
            write_text(cell_at(ws, row, 2), section.label)
            score = ws.cell(row=row, column=3, value=method.chart_value(sec))
            score.number_format = "0.0"
            score.alignment = NUMBER
            reading = ws.cell(row=row, column=4, value=method.reading(sec))
            colour = method.colour(sec)
            if colour is not None:
                reading.fill = PatternFill("solid", fgColor=colour)
            for col, count in enumerate(
                (sec.answered, sec.unknown, sec.not_applicable, sec.unanswered, sec.total), start=5
            ):
                ws.cell(row=row, column=col, value=count).alignment = NUMBER
            if sec.completeness is not None:
                done = ws.cell(row=row, column=10, value=sec.completeness)
                done.number_format = "0.0"
                done.alignment = NUMBER
            _wrap_row(ws, row, 4)
        last = row
        row += 1
        ws.cell(row=row, column=2, value="All sections").font = Font(bold=True)
        if result.complex_domains is not None:
            ws.cell(row=row, column=4, value=f"{result.complex_domains} complex domain(s)")
        for col, count in enumerate(
            (result.answered, result.unknown, result.not_applicable, result.unanswered, result.total), start=5
        ):
            total = ws.cell(row=row, column=col, value=count)
            total.font = Font(bold=True)
            total.alignment = NUMBER
        if level == "item":
            # A radar of two or three section scores is a line, not a profile: chart
            # every factor's own rating (0-3) instead, from a factor table written here.
            row += 2
            header_row, last = _write_factor_table(ws, row, fw, result)
            row = last
        table = chart_table_from_cells(ws, header_row=header_row, last_row=last, label_column=2, columns=(3,))
        charts.append(profile_chart(table, method.axis(level), fw.short_title))
        row += 2
    ws.cell(row=row, column=1, value="Flags").font = HEADING_FONT
    row += 1
    for col, header in enumerate(FLAG_HEADERS, start=1):
        cell = ws.cell(row=row, column=col, value=header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    ws.merge_cells(start_row=row, start_column=MESSAGE_COLUMNS[0], end_row=row, end_column=MESSAGE_COLUMNS[1])
    flag_widths = (*SUMMARY_WIDTHS[: MESSAGE_COLUMNS[0] - 1], sum(SUMMARY_WIDTHS[MESSAGE_COLUMNS[0] - 1 :]))
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
            message = cell_at(ws, row, MESSAGE_COLUMNS[0])
            write_text(message, flag.message)
            ws.merge_cells(start_row=row, start_column=MESSAGE_COLUMNS[0], end_row=row, end_column=MESSAGE_COLUMNS[1])
            for col in range(1, MESSAGE_COLUMNS[0] + 1):
                ws.cell(row=row, column=col).alignment = WRAP
            ws.row_dimensions[row].height = row_height(
                (ws.cell(row=row, column=col).value, width) for col, width in enumerate(flag_widths, start=1)
            )
    if not any_flag:
        ws.cell(row=row + 1, column=1, value="No flags.")
    # Under everything else, from column A, whole charts to a page (a chart beside the table would widen the page).
    # The first chart (SCIE's 22 factors) is full width; the others go in pairs side by side (column E starts
    # past a chart's width), so the three fit under the flags and the workbook prints in ten pages.
    # Where the flags end on their page is not known well enough to place a break (a break that is not
    # needed costs a page): LibreOffice, checked by tests/xlsx/test_print.py, keeps the charts whole.
    pages = PageFill.of(ws, 0.0)
    row = place_charts(ws, charts[:1], row + 3, pages=pages)
    for pair in (charts[i : i + 2] for i in range(1, len(charts), 2)):
        rows = max(rows_for(c.height) for c in pair)
        pages.keep_together(row, rows * ROW_HEIGHT_CM)
        for chart, column in zip(pair, ("A", "E"), strict=False):
            ws.add_chart(chart, f"{column}{row}")
        row += rows + 1
