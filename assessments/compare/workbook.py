"""The comparison workbook: candidate innovations side by side, for Excel and LibreOffice.

Sheets, in order:

* **About**: what the file is, when it was made, the weighting caveat and method,
  then the scoring method (:func:`assessments.wording.method_lines`).
* **Summary**: innovations × sections (native values) and flags, as values.
* **Ranking**: the weights used (defaults beside them) and the ranking with its
  rank range over the alternative weightings and the coverage.
* **NASSS grid**: innovations × domains, the level written in each cell and
  coloured (grey = unknown), sorted by number of complex domains.
* **SCIE factors**: factors × innovations, priority factors marked "★ P<n>".
* **Evidence**: don't know, unanswered and evidence types per innovation.
* **Radar <framework>**: the chart's numbers and a native radar chart with one
  series per innovation (the first :data:`MAX_CHART_SERIES` in rank order; the
  sheet says so when more were compared).

Every free-text cell (innovation names, labels, file names) goes through
:func:`assessments.xlsx.cells.write_text`, so nothing user-typed becomes a formula.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.chart import RadarChart, Reference
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from assessments.compare.candidates import Candidate
from assessments.compare.chart_data import factor_matrix, factor_table, nasss_grid, nasss_table, radar_data
from assessments.compare.ranking import CAVEAT, WEIGHTING_NOTES, Ranking, rank_candidates
from assessments.compare.tables import Table, evidence_table, ranking_table, summary_table, weights_table
from assessments.methods import method_of
from assessments.methods.complexity import LEVEL_COLOURS
from assessments.methods.readiness import RATING_COLOURS
from assessments.models import Framework
from assessments.wording import method_lines
from assessments.xlsx.cells import GUARD, stored_text, write_text

MAX_CHART_SERIES = 12
"""Most series drawn in one native radar chart; beyond this a chart is unreadable."""
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
LEVEL_FILLS = {level: PatternFill("solid", fgColor=c, bgColor=c) for level, c in LEVEL_COLOURS.items()}
"""Fills for factor ratings 0..3 (the rating is always written in the cell too)."""
SERIES_DASHES = ("solid", "dash", "sysDot", "dashDot", "lgDash", "lgDashDot", "sysDash", "lgDashDotDot")
SERIES_MARKERS = ("circle", "square", "diamond", "triangle", "x", "star", "plus", "dash")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def build_comparison_workbook(
    candidates: Sequence[Candidate],
    frameworks: Mapping[str, Framework],
    weights: Mapping[str, float] | None = None,
    *,
    ranking: Ranking | None = None,
    generated: dt.datetime | None = None,
) -> Workbook:
    """Build the comparison workbook.

    Args:
        candidates: The candidates, in the order chosen (sheets list them in rank order).
        frameworks: The frameworks compared, in display order.
        weights: Section weights (validated; missing keys default to 1).
        ranking: A ranking already computed with these weights (computed if None).
        generated: Time stamp written on the About sheet (now if None).

    Returns:
        The openpyxl workbook (not yet saved).

    Raises:
        InputError: if the weights are invalid (COMPARE_001/002/003).
    """
    ranking = ranking or rank_candidates(candidates, frameworks, weights)
    order = {r.key: i for i, r in enumerate(ranking.rows)}
    ranked = sorted(candidates, key=lambda c: order.get(c.key, len(order)))
    # Write-only mode streams each row straight to the file: comparing a thousand
    # innovations writes tens of thousands of cells, and keeping them all as cell
    # objects was the largest cost of the compare command (bench/compare.py).
    wb = Workbook(write_only=True)
    _about_sheet(wb.create_sheet("About"), ranked, frameworks, generated or dt.datetime.now().astimezone())
    _table_sheet(wb.create_sheet("Summary"), summary_table(ranked, frameworks))
    _ranking_sheet(wb.create_sheet("Ranking"), ranking, ranked, frameworks)
    for fw in frameworks.values():
        if method_of(fw).comparison_grid == "levels":
            _nasss_sheet(wb.create_sheet(_sheet_name(f"{fw.id.upper()} grid")), ranked, fw)
    for fw in frameworks.values():
        if method_of(fw).comparison_grid == "ratings":
            _factor_sheet(wb.create_sheet(_sheet_name(f"{fw.id.upper()} factors")), ranked, fw)
    _table_sheet(wb.create_sheet("Evidence"), evidence_table(ranked))
    for fw in frameworks.values():
        _radar_sheet(wb.create_sheet(_sheet_name(f"Radar {fw.id.upper()}")), ranked, fw)
    return wb


def comparison_workbook_bytes(
    candidates: Sequence[Candidate],
    frameworks: Mapping[str, Framework],
    weights: Mapping[str, float] | None = None,
    *,
    ranking: Ranking | None = None,
) -> bytes:
    """The comparison workbook as .xlsx bytes (for a download button or a file)."""
    buf = io.BytesIO()
    build_comparison_workbook(candidates, frameworks, weights, ranking=ranking).save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------
# Sheets
# ---------------------------------------------------------------------------


def _sheet_name(text: str) -> str:
    return _SHEET_BAD.sub(" ", text)[:31]


_BOLD = Font(bold=True)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")


def _text_cell(ws: Worksheet, text: str, *, bold: bool = False, fill: PatternFill | None = None) -> Cell:
    """A styled text cell for a write-only sheet (free text guarded by :func:`write_text`)."""
    cell = WriteOnlyCell(ws)
    write_text(cell, text)
    if bold:
        cell.font = _BOLD
    if fill is not None:
        cell.fill = fill
        cell.alignment = _WRAP_TOP
    return cell


def _header(ws: Worksheet, headers: Sequence[str], *, widths: Sequence[int] | None = None) -> None:
    """Set the column widths and append a styled header row (write-only: widths come first)."""
    for col in range(1, len(headers) + 1):
        width = widths[col - 1] if widths and col - 1 < len(widths) else (34 if col == 1 else 16)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.append([_text_cell(ws, text, bold=True, fill=HEADER_FILL) for text in headers])


def _equal_rule(formula: str, fill: PatternFill) -> Rule:
    """A conditional format filling cells equal to ``formula`` (what openpyxl's untyped CellIsRule builds)."""
    return Rule(type="cellIs", operator="equal", formula=[formula], dxf=DifferentialStyle(fill=fill))


@functools.lru_cache(maxsize=4096)
def _stored(value: str) -> str:
    """Text as a cell stores it: cleaned, guarded and ``_xHHHH_``-escaped (tables repeat the same labels and levels)."""
    return stored_text(value)


def _value(ws: Worksheet, value: Any) -> Any:
    """A cell value for ``ws.append``: text is cleaned, escaped and guarded exactly as :func:`write_text` does."""
    if not isinstance(value, str):
        return value
    stored = _stored(value)
    if stored.startswith(GUARD):
        return _text_cell(ws, value)
    return stored or None


def _append_rows(ws: Worksheet, rows: Iterable[Sequence[Any]]) -> None:
    """Append rows; any text that could be read as a formula is written as guarded text."""
    for values in rows:
        ws.append([_value(ws, v) for v in values])


def _note(ws: Worksheet, text: str, *, bold: bool = False, blank_before: int = 0) -> None:
    """Append ``blank_before`` empty rows, then one line of text in column A."""
    for _ in range(blank_before):
        ws.append([])
    ws.append([_text_cell(ws, text, bold=bold)])


def _table_sheet(ws: Worksheet, table: Table, *, freeze: bool = True) -> None:
    """Append a table with a styled header (frozen when it is the sheet's first row)."""
    if freeze:
        ws.freeze_panes = "B2"
    _header(ws, table.columns)
    _append_rows(ws, table.rows)


def _about_sheet(
    ws: Worksheet, candidates: Sequence[Candidate], frameworks: Mapping[str, Framework], generated: dt.datetime
) -> None:
    ws.column_dimensions["A"].width = 120
    lines: list[tuple[str, bool]] = [
        ("Comparison of candidate innovations (self-assessed scaling readiness)", True),
        (f"Generated {generated.isoformat(timespec='seconds')} from {len(candidates)} assessments.", False),
        (
            "Frameworks: "
            + "; ".join(f"{fw.short_title} {fw.title}, version {fw.version}" for fw in frameworks.values()),
            False,
        ),
        ("", False),
        (CAVEAT, True),
        ("", False),
        *((line, i == 0) for i, line in enumerate(WEIGHTING_NOTES)),
        ("", False),
        ("Scoring method", True),
        *((line, False) for line in method_lines()),
    ]
    for text, bold in lines:
        cell = _text_cell(ws, text, bold=bold)
        cell.alignment = _WRAP_TOP
        ws.append([cell])


def _ranking_sheet(
    ws: Worksheet, ranking: Ranking, candidates: Sequence[Candidate], frameworks: Mapping[str, Framework]
) -> None:
    table = ranking_table(ranking, candidates)
    weights = weights_table(ranking.weights, frameworks)
    for col in range(1, max(len(table.columns), len(weights.columns)) + 1):
        ws.column_dimensions[get_column_letter(col)].width = {1: 24, 2: 36}.get(col, 16)
    _note(ws, CAVEAT, bold=True)
    _note(ws, "Weights used (0-10 per section; 1 = the default, equal weighting)", bold=True, blank_before=1)
    ws.append([_text_cell(ws, text, bold=True, fill=HEADER_FILL) for text in weights.columns])
    _append_rows(ws, weights.rows)
    _note(
        ws,
        f"Ranking, with the rank range over {ranking.alternatives} alternative weightings",
        bold=True,
        blank_before=1,
    )
    ws.append([_text_cell(ws, text, bold=True, fill=HEADER_FILL) for text in table.columns])
    _append_rows(ws, table.rows)


def _nasss_sheet(ws: Worksheet, candidates: Sequence[Candidate], framework: Framework) -> None:
    rows = nasss_grid(candidates, framework, sort_by_complex=True)
    table = nasss_table(rows, framework)
    ws.freeze_panes = "B2"
    _header(ws, table.columns, widths=[34] + [18] * (len(table.columns) - 1))
    _append_rows(ws, table.rows)
    if table.rows:
        # One rule per level colours the whole grid; the level is written in every cell as well.
        cells = f"B2:{get_column_letter(len(table.columns) - 1)}{len(table.rows) + 1}"
        for level, fill in LEVEL_FILLS.items():
            ws.conditional_formatting.add(cells, _equal_rule(f'"{level}"', fill))
    _note(
        ws,
        "Each cell is the most complex sub-domain rating (self-assessed); 'unknown' (grey) means nothing was rated. "
        "Rows are sorted by number of complex domains.",
        blank_before=1,
    )


def _factor_sheet(ws: Worksheet, candidates: Sequence[Candidate], framework: Framework) -> None:
    matrix = factor_matrix(candidates, framework)
    table = factor_table(matrix)
    # Innovations as rows (so a long comparison grows downwards), factors as columns.
    headers = ("Innovation", *matrix.item_labels)
    ws.freeze_panes = "B2"
    _header(ws, headers, widths=[34] + [14] * len(matrix.item_labels))
    _append_rows(
        ws,
        ([label, *(row[c_index + 1] for row in table.rows)] for c_index, label in enumerate(matrix.candidate_labels)),
    )
    if matrix.candidate_labels and matrix.item_labels:
        cells = f"B2:{get_column_letter(len(headers))}{len(matrix.candidate_labels) + 1}"
        for value, colour in enumerate(RATING_COLOURS[: matrix.max_value + 1]):
            fill = PatternFill("solid", fgColor=colour, bgColor=colour)
            ws.conditional_formatting.add(cells, _equal_rule(str(value), fill))
    _note(
        ws,
        f"Ratings 0-{matrix.max_value} (higher = better addressed, self-assessed). ★ P<n> marks SCIE's priority "
        "factors for adult social care. 'don't know' and 'n/a' are never counted as a number; '—' is unanswered.",
        blank_before=1,
    )


def _radar_sheet(ws: Worksheet, candidates: Sequence[Candidate], framework: Framework) -> None:
    shown = list(candidates[:MAX_CHART_SERIES])
    data = radar_data(shown, framework)
    _header(ws, ("Spoke", *data.candidate_labels), widths=[34] + [14] * len(shown))
    for label, values in zip(data.spoke_labels, data.values, strict=True):
        ws.append([_text_cell(ws, label), *values])
    last = len(data.spoke_labels) + 1
    note = data.axis_title + ". Empty cells are gaps (don't know, not applicable or unanswered), not zero."
    if len(candidates) > len(shown):
        note += f" The chart shows the first {len(shown)} of {len(candidates)} innovations in rank order."
    _note(ws, note, blank_before=1)
    if not shown:
        return
    chart = RadarChart()
    chart.type = "marker"
    chart.style = 2
    chart.title = framework.short_title
    chart.y_axis.scaling.min = data.axis_min
    chart.y_axis.scaling.max = data.axis_max
    chart.y_axis.delete = False
    chart.add_data(Reference(ws, min_col=2, max_col=1 + len(shown), min_row=1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last))
    for i, series in enumerate(chart.series):
        series.smooth = False
        series.graphicalProperties.line.dashStyle = SERIES_DASHES[i % len(SERIES_DASHES)]
        series.graphicalProperties.line.width = 22000
        series.marker.symbol = SERIES_MARKERS[i % len(SERIES_MARKERS)]
        series.marker.size = 7
    chart.height = 12
    chart.width = 18
    ws.add_chart(chart, f"{get_column_letter(len(shown) + 3)}2")
