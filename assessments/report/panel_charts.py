"""The panel pack's small charts: one candidate in one framework, drawn by matplotlib as SVG (no browser).

A framework with three spokes or more is a small radar (:func:`assessments.report.radar_svg.radar_svg`
at a smaller width, the same spokes, values, gaps and axis as the app's radar) whose spokes are
numbered: names would leave the plot too small to read, so the page lists them by number. A framework
with one or two spokes, where a radar would be a line, is drawn as horizontal bars. Every chart has
one series only: candidates are compared side by side, never overlaid.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass

from matplotlib import rc_context
from matplotlib.figure import Figure

from assessments.charts.radar import SERIES_COLOURS
from assessments.charts.spokes import radar_points, radar_spokes, resolve_level
from assessments.methods import method_of
from assessments.models import Framework, FrameworkResult
from assessments.report.radar_svg import RadarSeries, radar_svg, spoke_label

SMALL_INCHES = 2.6
"""A small multiple's width: three fit across the printable width of A4 (17.4 cm)."""
MIN_RADAR_SPOKES = 3
"""Fewer spokes than this are drawn as bars: a radar of one or two spokes is a dot or a line."""


@dataclass(frozen=True)
class Chart:
    """A small chart: its SVG and its text alternative."""

    svg: str
    alt: str
    numbered: bool


def _alt(framework: Framework, name: str, kind: str, numbered: bool) -> str:
    method = method_of(framework)
    level = resolve_level(framework)
    axis = method.axis(level)
    spokes = "factor" if level == "item" else method.area_heading.lower()
    what = f"one spoke per {spokes}" + (", numbered as in the table" if numbered else "")
    if kind == "bars":
        what = f"one bar per {spokes}"
    return (
        f"{kind.capitalize()} chart of {framework.short_title} for {name}: {what}; {axis.meaning}. "
        "Answers that give no number are gaps, never zero. The table with it gives every value shown."
    )


def small_chart(framework: Framework, name: str, result: FrameworkResult) -> Chart:
    """One candidate's small chart in one framework, on the framework's own scale."""
    spokes = radar_spokes(framework, resolve_level(framework))
    if len(spokes) < MIN_RADAR_SPOKES:
        return Chart(bars_svg(framework, result), _alt(framework, name, "bar", False), False)
    svg = radar_svg(framework, [RadarSeries(name, result)], width_inches=SMALL_INCHES, numbered=True)
    return Chart(svg, _alt(framework, name, "radar", True), True)


def bars_svg(framework: Framework, result: FrameworkResult) -> str:
    """Horizontal bars, one per spoke, on the method's axis; a spoke with no value says so in words."""
    level = resolve_level(framework)
    spokes = radar_spokes(framework, level)
    points = radar_points(framework, result, level)
    axis = method_of(framework).axis(level)
    fig = Figure(figsize=(SMALL_INCHES, 0.5 + 0.45 * len(spokes)))
    ax = fig.add_subplot()
    ys = list(range(len(spokes)))[::-1]
    for y, point in zip(ys, points, strict=True):
        if point.value is None or math.isnan(point.value):
            ax.text(axis.low, y, " no value", va="center", fontsize=7, color="#333333")
        else:
            ax.barh(y, point.value - axis.low, left=axis.low, color=SERIES_COLOURS[0], height=0.6)
    ax.set_yticks(ys)
    ax.set_yticklabels([textwrap.fill(spoke_label(s), 16) for s in spokes], fontsize=7)
    ax.set_xlim(axis.low, axis.high)
    ax.set_xticks(list(axis.tickvals))
    ax.set_xticklabels(list(axis.ticktext), fontsize=6)
    ax.spines[["top", "right"]].set_visible(False)
    buffer = io.StringIO()
    with rc_context({"svg.hashsalt": "scaling-readiness", "svg.fonttype": "none"}):
        fig.savefig(
            buffer, format="svg", bbox_inches="tight", pad_inches=0.05, metadata={"Date": None, "Creator": None}
        )
    return buffer.getvalue()
