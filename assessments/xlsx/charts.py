"""Native charts in the workbooks: profile radars (or bars) that print whole and load in every spreadsheet.

Both workbooks (the assessment's Summary sheet and the comparison's Radar sheets) build their
charts here, from numbers they have already written in a table, so the rules are in one place:

* **Fits the page:** :data:`CHART_WIDTH_CM` wide (A4 portrait prints about 17 cm between the
  margins); :func:`assessments.xlsx.chart_pages.place_charts` stacks the charts at column A with
  a page break before any chart that would not fit whole on the page.
* **Legible:** every step of the radial axis is labelled (``majorUnit`` is the method's tick step:
  1 for 0-3 ratings and NASSS levels, 25 for percentages); spoke labels are the frameworks' short
  labels in a small font (the full names are in the table beside the chart); the legend, when
  there is more than one series, sits under the plot and never over it.
* **Numbers inside the file:** every series carries its cached values, categories and name, so a
  viewer that does not recalculate (previews, converters, Gnumeric) still draws the chart.
* **Never a radar of fewer than three spokes** (a line, not a profile): a bar chart instead.
* **Gnumeric:** :func:`assessments.xlsx.chart_xml.declare_namespaces_on_root` rewrites the saved
  package's drawing and chart parts; both workbooks' ``..._bytes`` functions call it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from openpyxl.chart import BarChart, RadarChart
from openpyxl.chart.data_source import (
    AxDataSource,
    NumData,
    NumDataSource,
    NumRef,
    NumVal,
    StrData,
    StrRef,
    StrVal,
)
from openpyxl.chart.layout import Layout, ManualLayout
from openpyxl.chart.legend import Legend
from openpyxl.chart.marker import Marker
from openpyxl.chart.series import Series, SeriesLabel
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.line import LineProperties
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from assessments.methods.base import Axis
from assessments.xlsx.cells import clean_text

CHART_WIDTH_CM = 16
"""Every chart's width: A4 portrait leaves about 17 cm between the usual margins."""
MAX_OVERLAID = 3
"""Most series drawn in one chart; more overlaid profiles cannot be told apart (issue 14)."""
MIN_RADAR_SPOKES = 3
"""Fewer spokes than this make a radar a line or a point: such data is drawn as bars."""
COLOURS = ("0072B2", "D55E00", "009E73", "CC79A7", "E69F00", "56B4E9", "000000", "999999")
"""Series colours (Okabe-Ito, readable by people with colour-blindness), with dashes and markers as well."""
Dash = Literal["solid", "dash", "sysDot", "dashDot", "lgDash", "lgDashDot", "sysDash", "lgDashDotDot"]
Symbol = Literal["circle", "square", "diamond", "triangle", "x", "star", "plus", "dash"]
DASHES: tuple[Dash, ...] = ("solid", "dash", "sysDot", "dashDot", "lgDash", "lgDashDot", "sysDash", "lgDashDotDot")
MARKERS: tuple[Symbol, ...] = ("circle", "square", "diamond", "triangle", "x", "star", "plus", "dash")


@dataclass(frozen=True)
class ChartSeries:
    """One series of a chart: its name (in ``name_cell``) and its values (in ``column``, on the table's rows)."""

    name: str
    name_cell: tuple[int, int]
    """(row, column) of the cell holding the name."""
    column: int
    values: tuple[float | None, ...]
    """One per spoke, None for a gap; exactly what the cells hold."""
    style: int = 0
    """Index into :data:`COLOURS`, :data:`DASHES` and :data:`MARKERS`: one innovation keeps one look in every chart."""


@dataclass(frozen=True)
class ChartTable:
    """Where a chart's numbers are on its sheet: spoke labels in one column, one column per series, same rows."""

    sheet: str
    first_row: int
    label_column: int
    labels: tuple[str, ...]
    """The spoke labels as the cells show them."""
    series: tuple[ChartSeries, ...]

    @property
    def last_row(self) -> int:
        """The table's last data row."""
        return self.first_row + len(self.labels) - 1

    def range(self, column: int) -> str:
        """The absolute reference of one column of the data rows, e.g. ``'Summary'!$C$7:$C$28``."""
        letter = get_column_letter(column)
        return f"{quote_sheetname(self.sheet)}!${letter}${self.first_row}:${letter}${self.last_row}"


def chart_table_from_cells(
    ws: Worksheet, *, header_row: int, last_row: int, label_column: int, columns: Sequence[int]
) -> ChartTable:
    """The table of a chart whose numbers are already written in ``ws`` (not a write-only sheet).

    Spoke labels are in ``label_column`` below ``header_row``, each series' name in ``header_row``
    and its values below it; the chart caches exactly what these cells hold.
    """
    rows = range(header_row + 1, last_row + 1)

    def number(value: object) -> float | None:
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None

    return ChartTable(
        sheet=ws.title,
        first_row=header_row + 1,
        label_column=label_column,
        labels=tuple(str(ws.cell(row=r, column=label_column).value or "") for r in rows),
        series=tuple(
            ChartSeries(
                name=str(ws.cell(row=header_row, column=col).value or ""),
                name_cell=(header_row, col),
                column=col,
                values=tuple(number(ws.cell(row=r, column=col).value) for r in rows),
                style=n,
            )
            for n, col in enumerate(columns)
        ),
    )


def _font(size: float, *, bold: bool = False) -> CharacterProperties:
    return CharacterProperties(sz=round(size * 100), b=bold)


def _text_properties(size: float) -> RichText:
    """Text properties giving an axis, legend or label a font size."""
    font = _font(size)
    paragraph = Paragraph(pPr=ParagraphProperties(defRPr=font), endParaRPr=font)
    paragraph.r = []  # openpyxl adds an empty run; text properties hold none
    return RichText(p=[paragraph])


def _title(lines: Sequence[str]) -> Title:
    """A title of one or more lines, all in one font (LibreOffice draws a whole title in its first line's font)."""
    font = _font(10, bold=True)
    paragraphs = [
        Paragraph(pPr=ParagraphProperties(defRPr=font), r=[RegularTextRun(rPr=font, t=clean_text(line))])
        for line in lines
    ]
    return Title(tx=Text(rich=RichText(p=paragraphs)), overlay=False)


def _series(table: ChartTable, s: ChartSeries, index: int) -> Series:
    """A series referring to its cells, with the cells' values cached (so nothing needs recalculating)."""
    row, col = s.name_cell
    name_ref = f"{quote_sheetname(table.sheet)}!${get_column_letter(col)}${row}"
    name = StrRef(f=name_ref, strCache=StrData(ptCount=1, pt=[StrVal(idx=0, v=clean_text(s.name))]))
    count = len(table.labels)
    labels = [StrVal(idx=i, v=clean_text(label)) for i, label in enumerate(table.labels)]
    values = [NumVal(idx=i, v=v) for i, v in enumerate(s.values) if v is not None]
    series = Series(
        idx=index,
        order=index,
        tx=SeriesLabel(strRef=name),
        cat=AxDataSource(strRef=StrRef(f=table.range(table.label_column), strCache=StrData(ptCount=count, pt=labels))),
        val=NumDataSource(
            numRef=NumRef(f=table.range(s.column), numCache=NumData(formatCode="General", ptCount=count, pt=values))
        ),
    )
    colour = COLOURS[s.style % len(COLOURS)]
    line = LineProperties(solidFill=colour, w=22_000, prstDash=DASHES[s.style % len(DASHES)])
    series.spPr = GraphicalProperties(ln=line)
    return series


def _style_markers(series: Series, style: int) -> None:
    colour = COLOURS[style % len(COLOURS)]
    series.marker = Marker(
        symbol=MARKERS[style % len(MARKERS)],
        size=6,
        spPr=GraphicalProperties(solidFill=colour, ln=LineProperties(solidFill=colour)),
    )
    series.smooth = False


def chart_groups(count: int) -> list[range]:
    """Series indices ``0..count-1`` in consecutive groups of at most :data:`MAX_OVERLAID`, as even as can be.

    E.g. 5 -> [0, 1, 2], [3, 4]; 4 -> [0, 1], [2, 3]; 7 -> [0, 1, 2], [3, 4], [5, 6].
    """
    charts = math.ceil(count / MAX_OVERLAID)
    out, start = [], 0
    for n in range(charts):
        size = count // charts + (1 if n < count % charts else 0)
        out.append(range(start, start + size))
        start += size
    return out


def axis_step(axis: Axis) -> float:
    """The radial axis's step: the smallest gap between the method's ticks (1 for 0-3 ratings, 25 for %)."""
    ticks = sorted({axis.low, *axis.tickvals})
    return min((b - a for a, b in itertools.pairwise(ticks)), default=axis.high - axis.low)


def axis_key(axis: Axis, title: str = "") -> str:
    """What the axis numbers stand for when the method names its ticks, e.g. ``1 Simple, 2 Complicated, 3 Complex``.

    Empty when the ticks are plain numbers, or when ``title`` already names every tick.
    """
    named = [(v, t) for v, t in zip(axis.tickvals, axis.ticktext, strict=True) if t != f"{v:g}"]
    if all(t.lower() in title.lower() for _, t in named):
        return ""
    return ", ".join(f"{v:g} {t}" for v, t in named)


def legend_lines(table: ChartTable) -> int:
    """Lines the legend under a chart takes: none for one series, one when the names fit side by side."""
    if len(table.series) < 2:
        return 0
    # About 0.17 cm a character at 9 pt, and 1 cm for each entry's line sample.
    side_by_side = sum(len(s.name) * 0.17 + 1.0 for s in table.series)
    return 1 if side_by_side < CHART_WIDTH_CM - 2 else len(table.series)


def chart_height_cm(spokes: int) -> float:
    """The chart's height: many spokes need room for their labels around the plot."""
    if spokes < MIN_RADAR_SPOKES:
        return 8.0
    return 11.0 if spokes > 12 else 9.5


def profile_chart(table: ChartTable, axis: Axis, title: str) -> RadarChart | BarChart:
    """A chart of one table: a radar with every axis step labelled, or bars when there are under three spokes.

    Args:
        table: Where the numbers are (the chart refers to these cells and caches their values).
        axis: The method's axis for these spokes (range and tick step).
        title: The chart title; the axis key is added when the method names its ticks (NASSS levels).

    Returns:
        The chart, :data:`CHART_WIDTH_CM` wide; anchor it with :func:`place_charts`.

    Raises:
        ValueError: for more than :data:`MAX_OVERLAID` series, no series or no spoke.
    """
    if not table.series or len(table.series) > MAX_OVERLAID:
        raise ValueError(f"a chart draws 1 to {MAX_OVERLAID} series, not {len(table.series)}")
    if not table.labels:
        raise ValueError("a chart needs at least one spoke")
    spokes = len(table.labels)
    chart: RadarChart | BarChart
    if spokes < MIN_RADAR_SPOKES:
        chart = BarChart()
        chart.type = "col"
        chart.gapWidth = 80
    else:
        chart = RadarChart()
        chart.type = "marker"
    for index, s in enumerate(table.series):
        series = _series(table, s, index)
        if isinstance(chart, RadarChart):
            _style_markers(series, s.style)
        else:
            series.spPr = GraphicalProperties(solidFill=COLOURS[s.style % len(COLOURS)])
        chart.series.append(series)
    key = axis_key(axis, axis.meaning)
    lines = [title, axis.meaning, key] if key else [title, axis.meaning]
    chart.title = _title(lines)
    values = chart.y_axis
    values.scaling.min = axis.low
    values.scaling.max = axis.high
    values.majorUnit = axis_step(axis)
    values.number_format = "0"
    values.delete = False
    values.txPr = _text_properties(8)
    categories = chart.x_axis
    categories.delete = False
    categories.txPr = _text_properties(8 if spokes > 12 else 9)
    if len(table.series) > 1:
        chart.legend = Legend(legendPos="b", overlay=False, txPr=_text_properties(9))
    else:
        chart.legend = None  # the one series is named in the title
    height = chart_height_cm(spokes)
    if isinstance(chart, RadarChart):
        # The plot in the middle half of the width, leaving about 4 cm on either side for the spoke labels,
        # Room above for the title lines and the top label, below for the bottom label and the legend.
        top, bottom = (1.3 + 0.45 * len(lines)) / height, (1.0 + 0.45 * legend_lines(table)) / height
        chart.layout = Layout(
            manualLayout=ManualLayout(
                layoutTarget="inner", xMode="edge", yMode="edge", x=0.25, y=top, w=0.5, h=1 - top - bottom
            )
        )
    chart.width = CHART_WIDTH_CM
    chart.height = height
    return chart
