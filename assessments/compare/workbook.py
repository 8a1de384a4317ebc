"""The comparison workbook: candidate innovations side by side, for Excel and LibreOffice.

Sheets, in order (the same findings as the Compare page, from one :class:`~assessments.compare.comparison.Comparison`):

* **About**: what the file is, when it was made, the warnings about mixed stages, roles or
  framework versions, then the whole method note (docs/scoring.md, whose section "Comparing
  innovations" explains every sheet below).
* **Screen**: each innovation's non-compensatory screen, and in plain words which innovations raise
  which warnings.
* **Tiers**: the dominance tiers (members alphabetically), each innovation's tier range over the
  sensitivity checks, and who dominates it; then every alternative tried.
* **Ordering <framework>** (only when asked for): the commissioner's weighted ordering inside one
  framework, labelled as their editorial choice, with best and worst cases and position ranges.
* **Profiles**: innovations × sections in each framework's own terms, and the flags.
* **NASSS grid**: innovations × domains, the level written in each cell and coloured (grey =
  unknown; "at least" where the level is not settled).
* **SCIE factors**: factors × innovations, priority factors marked "★ P<n>".
* **Evidence**: don't know, unanswered and evidence types per innovation.
* **Radar <framework>**: the charts' numbers, then native radar charts (bars under three spokes) of at most
  three innovations each (the first :data:`MAX_CHART_SERIES` in tier order; the sheet says so when more were
  compared).

Every text cell goes through :mod:`assessments.compare.sheets`, which writes text as
:func:`assessments.xlsx.cells.write_text` does, so nothing user-typed becomes a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from assessments.compare.candidates import Candidate
from assessments.compare.chart_data import factor_matrix, factor_table, nasss_grid, nasss_table, radar_data
from assessments.compare.comparison import CAVEAT, EDITORIAL_NOTE, TIERS_NOTE, Comparison
from assessments.compare.result_tables import (
    context_lines,
    ordering_table,
    screen_findings,
    tiers_table,
    variants_table,
)
from assessments.compare.screening import who_raises_what
from assessments.compare.sheets import (
    append_rows,
    equal_rule,
    header,
    header_row,
    new_sheet,
    note,
    rows_written,
    sheet_name,
    table_block,
    table_sheet,
    text_cell,
)
from assessments.compare.tables import evidence_table, summary_table, weights_table
from assessments.methods import method_of
from assessments.methods.complexity import LEVEL_COLOURS
from assessments.methods.readiness import RATING_COLOURS
from assessments.models import Framework
from assessments.wording import method_lines
from assessments.xlsx.chart_pages import ROW_HEIGHT_CM, PageFill, place_charts, rows_for
from assessments.xlsx.chart_xml import declare_namespaces_on_root
from assessments.xlsx.charts import MAX_OVERLAID, ChartSeries, ChartTable, chart_groups, chart_height_cm, profile_chart
from assessments.xlsx.layout import COMPARISON_FORMAT, COMPARISON_FORMAT_VERSION, META_HEADERS, META_SHEET

MAX_CHART_SERIES = 12
"""Most innovations charted on a Radar sheet (in charts of at most MAX_OVERLAID each); the sheet says when more were compared."""
LEVEL_FILLS = {level: PatternFill("solid", fgColor=c, bgColor=c) for level, c in LEVEL_COLOURS.items()}
"""Fills for factor ratings 0..3 (the rating is always written in the cell too)."""


def build_comparison_workbook(
    comparison: Comparison,
    frameworks: Mapping[str, Framework],
    *,
    generated: dt.datetime | None = None,
) -> Workbook:
    """Build the comparison workbook.

    Args:
        comparison: The comparison (:func:`assessments.compare.comparison.compare`); its candidates are
            listed in its order (by tier, then alphabetically).
        frameworks: The frameworks compared, in display order.
        generated: Time stamp written on the About sheet (now if None).

    Returns:
        The openpyxl workbook (not yet saved).
    """
    listed = list(comparison.candidates)
    # Write-only mode streams each row straight to the file: comparing a thousand
    # innovations writes tens of thousands of cells, and keeping them all as cell
    # objects was the largest cost of the compare command (bench/compare.py).
    wb = Workbook(write_only=True)
    generated = generated or dt.datetime.now().astimezone()
    _about_sheet(new_sheet(wb, "About", landscape=False), comparison, frameworks, generated)
    _screen_sheet(new_sheet(wb, "Screen"), comparison, frameworks)
    _tiers_sheet(new_sheet(wb, "Tiers"), comparison)
    if comparison.ordering is not None:
        _ordering_sheet(
            new_sheet(wb, sheet_name(f"Ordering {comparison.ordering.framework.upper()}")), comparison, frameworks
        )
    table_sheet(new_sheet(wb, "Profiles", title_rows="1:1"), summary_table(listed, frameworks))
    for fw in frameworks.values():
        if method_of(fw).comparison_grid == "levels":
            _nasss_sheet(new_sheet(wb, sheet_name(f"{fw.id.upper()} grid"), title_rows="1:1"), listed, fw)
    for fw in frameworks.values():
        if method_of(fw).comparison_grid == "ratings":
            _factor_sheet(new_sheet(wb, sheet_name(f"{fw.id.upper()} factors"), title_rows="1:1"), listed, fw)
    table_sheet(new_sheet(wb, "Evidence", title_rows="1:1"), evidence_table(listed))
    for fw in frameworks.values():
        _radar_sheet(new_sheet(wb, sheet_name(f"Radar {fw.id.upper()}"), landscape=False), listed, fw)
    _meta_sheet(wb.create_sheet(META_SHEET), generated)
    return wb


def _meta_sheet(ws: Worksheet, generated: dt.datetime) -> None:
    """The hidden format marker, laid out as the assessment workbook's, so importing this file says what it is."""
    ws.sheet_state = "hidden"
    ws.append(list(META_HEADERS[:2]))
    ws.append(["format", COMPARISON_FORMAT])
    ws.append(["format_version", COMPARISON_FORMAT_VERSION])
    ws.append(["generated", generated.isoformat(timespec="seconds")])


def comparison_workbook_bytes(comparison: Comparison, frameworks: Mapping[str, Framework]) -> bytes:
    """The comparison workbook as .xlsx bytes (for a download button or a file)."""
    buf = io.BytesIO()
    build_comparison_workbook(comparison, frameworks).save(buf)
    return declare_namespaces_on_root(buf.getvalue())


# ---------------------------------------------------------------------------
# Sheets
# ---------------------------------------------------------------------------


def _about_sheet(
    ws: Worksheet, comparison: Comparison, frameworks: Mapping[str, Framework], generated: dt.datetime
) -> None:
    ws.column_dimensions["A"].width = 75  # one column fits a portrait page, even in LibreOffice's wider fonts
    note(ws, "Comparison of candidate innovations (self-assessed scaling readiness)", bold=True)
    note(ws, f"Generated {generated.isoformat(timespec='seconds')} from {len(comparison.candidates)} assessments.")
    note(
        ws,
        "Frameworks: " + "; ".join(f"{fw.short_title} {fw.title}, version {fw.version}" for fw in frameworks.values()),
    )
    note(ws, CAVEAT, bold=True, blank_before=1)
    lines = context_lines(comparison)
    if lines:
        note(ws, "Compare with care", bold=True, blank_before=1)
        for line in lines:
            note(ws, line)
    note(
        ws,
        "Below this line, on screen only, is the method note: how the results and the comparison are worked out. "
        "A printout leaves it out (it is the same in every comparison); the app's Scoring method page and "
        "docs/scoring.md hold it too.",
        blank_before=1,
    )
    ws.print_area = f"A1:A{rows_written(ws)}"
    note(ws, "How the results and the comparison are worked out (docs/scoring.md)", bold=True, blank_before=1)
    for line in method_lines():
        note(ws, line)


def _screen_sheet(ws: Worksheet, comparison: Comparison, frameworks: Mapping[str, Framework]) -> None:
    table = screen_findings(comparison, dict(frameworks))
    for col in range(1, len(table.columns) + 1):
        ws.column_dimensions[get_column_letter(col)].width = {1: 40, 4: 40, 10: 60}.get(col, 16)
    note(
        ws,
        "The screen: findings no other framework can offset. It is not a score, and innovations are listed "
        "by tier, then alphabetically.",
        bold=True,
    )
    table_block(ws, "Screen", table)
    note(ws, "Which innovations raise which warnings", bold=True, blank_before=1)
    for line in who_raises_what(comparison.candidates, comparison.screens):
        note(ws, line)
    note(ws, "Each innovation's warnings", bold=True, blank_before=1)
    for c, s in zip(comparison.candidates, comparison.screens, strict=True):
        append_rows(ws, [(c.label, " ".join(w.text for w in s.warnings) or "No screen warning.")])


def _tiers_sheet(ws: Worksheet, comparison: Comparison) -> None:
    table = tiers_table(comparison)
    for col in range(1, len(table.columns) + 1):
        ws.column_dimensions[get_column_letter(col)].width = {1: 24, 2: 40}.get(col, 20)
    note(ws, TIERS_NOTE, bold=True)
    for tier, members in comparison.tier_members():
        append_rows(ws, [(f"Tier {tier}", "; ".join(members))])
    table_block(ws, "Tiers, their ranges over the sensitivity checks, and who dominates whom", table)
    table_block(ws, "Alternatives tried (tier ranges)", variants_table(comparison.tiers))


def _ordering_sheet(ws: Worksheet, comparison: Comparison, frameworks: Mapping[str, Framework]) -> None:
    o, ranges, table = comparison.ordering, comparison.ordering_ranges, ordering_table(comparison)
    assert o is not None and ranges is not None and table is not None  # only written when an ordering was asked for
    for col in range(1, len(table.columns) + 1):
        ws.column_dimensions[get_column_letter(col)].width = {1: 24, 2: 40}.get(col, 18)
    note(ws, EDITORIAL_NOTE.format(framework=o.title), bold=True)
    table_block(ws, "Your weights (0-10 per section)", weights_table(o.weights, frameworks))
    if o.mapping:
        note(ws, f"NASSS levels counted as simple/complicated/complex = {o.mapping}.")
    table_block(ws, f"Ordering within {o.title}", table)
    note(
        ws,
        "Innovations whose scores differ by less than one answer's effect share a position. The worst and best "
        'cases take every "don\'t know" at the bottom and at the top of its scale.',
    )
    table_block(ws, "Alternatives tried (position ranges)", variants_table(ranges))


def _nasss_sheet(ws: Worksheet, candidates: Sequence[Candidate], framework: Framework) -> None:
    rows = nasss_grid(candidates, framework, sort_by_complex=True)
    table = nasss_table(rows, framework)
    ws.freeze_panes = "B2"
    header(ws, table.columns, widths=[34] + [18] * (len(table.columns) - 1))
    append_rows(ws, table.rows)
    if table.rows:
        # One rule per level colours the whole grid; the level is written in every cell as well.
        cells = f"B2:{get_column_letter(len(table.columns) - 1)}{len(table.rows) + 1}"
        for level, fill in LEVEL_FILLS.items():
            ws.conditional_formatting.add(cells, equal_rule(f'"{level}"', fill))
            if level not in ("unknown", "complex"):
                ws.conditional_formatting.add(cells, equal_rule(f'"at least {level}"', fill))
    note(
        ws,
        "Each cell is the most complex sub-domain rating (self-assessed); 'unknown' (grey) means nothing was rated, "
        "and 'at least' means some sub-domains are still \"don't know\" or blank, so the domain could be more "
        "complex. Rows are sorted by number of complex domains.",
        blank_before=1,
    )


def _factor_sheet(ws: Worksheet, candidates: Sequence[Candidate], framework: Framework) -> None:
    matrix = factor_matrix(candidates, framework)
    table = factor_table(matrix)
    # Innovations as rows (so a long comparison grows downwards), factors as columns.
    headers = ("Innovation", *matrix.item_labels)
    ws.freeze_panes = "B2"
    header(ws, headers, widths=[34] + [14] * len(matrix.item_labels))
    append_rows(
        ws,
        ([label, *(row[c_index + 1] for row in table.rows)] for c_index, label in enumerate(matrix.candidate_labels)),
    )
    if matrix.candidate_labels and matrix.item_labels:
        cells = f"B2:{get_column_letter(len(headers))}{len(matrix.candidate_labels) + 1}"
        for value, colour in enumerate(RATING_COLOURS[: matrix.max_value + 1]):
            fill = PatternFill("solid", fgColor=colour, bgColor=colour)
            ws.conditional_formatting.add(cells, equal_rule(str(value), fill))
    note(
        ws,
        f"Ratings 0-{matrix.max_value} (higher = better addressed, self-assessed). ★ P<n> marks SCIE's priority "
        "factors for adult social care. 'don't know' and 'n/a' are never counted as a number; '—' is unanswered.",
        blank_before=1,
    )


def _radar_sheet(ws: Worksheet, candidates: Sequence[Candidate], framework: Framework) -> None:
    """Small multiples, then their numbers: charts of at most MAX_OVERLAID innovations, each with its own table.

    The charts come first, two or three to a printed page and never split across pages; each
    chart's table (spokes × its innovations) follows, so no table is wider than a chart and
    printing fitted to the page width keeps the charts full size.
    """
    shown = list(candidates[:MAX_CHART_SERIES])
    data = radar_data(shown, framework)
    widths = [30] + [12] * min(MAX_OVERLAID, len(shown))
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    text = data.axis_title + ". Empty cells are gaps (don't know, not applicable or unanswered), not zero."
    if len(candidates) > len(shown):
        text += f" The charts show the first {len(shown)} of {len(candidates)} innovations in tier order."
    if len(shown) > MAX_OVERLAID:
        text += f" Each chart shows at most {MAX_OVERLAID} innovations; an innovation keeps its colour in every chart."
    groups = chart_groups(len(shown)) if data.spoke_labels else []
    # Rows: the charts, a blank row, the note, a blank row, then per chart its table and a blank row.
    chart_rows = sum(rows_for(chart_height_cm(len(data.spoke_labels))) + 1 for _ in groups)
    first_table = 1 + chart_rows + 3
    method = method_of(framework)
    axis = method.axis(method.radar_level())
    charts = []
    for n, group in enumerate(groups):
        header_at = first_table + n * (len(data.spoke_labels) + 2)
        table = ChartTable(
            sheet=ws.title,
            first_row=header_at + 1,
            label_column=1,
            labels=data.spoke_labels,
            series=tuple(
                ChartSeries(
                    name=data.candidate_labels[i],
                    name_cell=(header_at, col),
                    column=col,
                    values=tuple(row[i] for row in data.values),
                    style=i,
                )
                for col, i in enumerate(group, start=2)
            ),
        )
        title = framework.short_title + (f" ({n + 1} of {len(groups)})" if len(groups) > 1 else "")
        charts.append(profile_chart(table, axis, title))
    pages = PageFill.of(ws, used=0.0)
    after = place_charts(ws, charts, 1, pages=pages)
    assert after == 1 + chart_rows  # the tables below are where the charts look for their numbers
    for _ in range(chart_rows):
        ws.append([])
    if charts:
        # The note and the tables start a new page (the note's height is known only once its text wraps).
        pages.used = None
        pages.keep_together(2 + chart_rows, (2 + len(text) // 28) * ROW_HEIGHT_CM)  # about 28 characters a line
    note(ws, text, blank_before=1)
    ws.append([])
    for n, group in enumerate(groups):
        names = [data.candidate_labels[i] for i in group]
        # Each table on one page: its header (names wrap, about 11 characters a line) and its spokes.
        header_lines = max(math.ceil(len(name) / 11) for name in names)
        pages.keep_together(
            first_table + n * (len(data.spoke_labels) + 2), (header_lines + len(data.spoke_labels) + 1) * ROW_HEIGHT_CM
        )
        header_row(ws, ("Spoke", *names))
        for label, values in zip(data.spoke_labels, data.values, strict=True):
            ws.append([text_cell(ws, label), *(values[i] for i in group)])
        ws.append([])
