"""The radar of one framework as an SVG drawn by matplotlib: the Results and Compare pages' radar and the
printed reports' (no browser or chart script needed).

It plots the spokes of :mod:`assessments.charts.spokes` in order, clockwise from the top, with their
values (the numbers of :func:`assessments.charts.radar.radar_table`), gaps for "don't know", "not
applicable" and unanswered items (never zero), the method's axis range, ticks and tick labels, and each
series told apart by line style and marker as well as colour (:data:`LINE_STYLES`, :data:`MARKERS`,
:data:`assessments.charts.radar.SERIES_COLOURS`).

Titles, axis meaning and the note on reading the chart are left to the page around the
picture, where they are text a screen reader and a search can reach.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes

from assessments.charts.radar import SERIES_COLOURS
from assessments.charts.spokes import Level, Point, Spoke, radar_points, radar_spokes, resolve_level
from assessments.methods import method_of
from assessments.models import Framework, FrameworkResult

LINE_STYLES = ("-", "--", ":", "-.", (0, (8, 3)), (0, (8, 3, 2, 3)), "-")
"""Each series' line style: solid, dashed, dotted, dash-dot, long dash, long dash-dot (then solid again)."""
MARKERS = ("o", "s", "D", "^", "x", "*", "P")
"""Each series' marker: circle, square, diamond, triangle, x, star, cross (as :data:`assessments.charts.html.SERIES_MARKS`)."""
WIDTH_INCHES = 6.4
"""Fits the printable width of A4 with 2 cm margins (17 cm) with room to spare."""


@dataclass(frozen=True)
class RadarSeries:
    """One series on a radar: its legend name and the framework's result."""

    name: str
    result: FrameworkResult


def spoke_label(spoke: Spoke) -> str:
    """A spoke's label as the app shows it: priority factors marked in text (``[P3]``), not by colour."""
    return f"{spoke.label} [P{spoke.priority}]" if spoke.priority else spoke.label


def radial_range(framework: Framework, level: Level = "auto") -> tuple[float, float]:
    """The radar's radial range: the method's scale with 5 % room beyond its top, so a top value's marker
    is not cut by the outer ring (0-105 for a percentage, 0-3.15 for a 0-3 rating or a NASSS level)."""
    axis = method_of(framework).axis(resolve_level(framework, level))
    return axis.low, axis.high * 1.05


def _closed(points: Sequence[Point], angles: Sequence[float]) -> tuple[list[float], list[float]]:
    values = [math.nan if p.value is None else p.value for p in points]
    return [*angles, angles[0]], [*values, values[0]]


def radar_svg(
    framework: Framework,
    series: Sequence[RadarSeries],
    *,
    level: Level = "auto",
    width_inches: float = WIDTH_INCHES,
    numbered: bool = False,
) -> str:
    """The framework's radar as an SVG document.

    Its text is SVG text in DejaVu Sans (which the report's renderer finds on this computer), not
    glyph outlines: a report then renders in half the time, and the words stay sharp at any size.

    Args:
        framework: The framework every result belongs to.
        series: The series, oldest first; the last one is drawn on top.
        level: ``"item"`` or ``"section"`` spokes, as for the app's radar.
        width_inches: The picture's width; a narrower one (a small multiple) keeps its text at the
            same point size, gives the plot less room and has no legend (its caption names it).
        numbered: Label the spokes 1, 2, 3... instead of by name (for a small multiple whose page
            lists the names by number) and leave out the legend.

    Returns:
        The SVG, starting with ``<?xml``; the same input always gives the same bytes.
    """
    resolved = resolve_level(framework, level)
    spokes = radar_spokes(framework, resolved)
    axis = method_of(framework).axis(resolved)
    many = len(spokes) > 10
    small = width_inches < WIDTH_INCHES
    fig = Figure(figsize=(width_inches, width_inches * (0.9 if many or small else 0.75)))
    ax = fig.add_subplot(projection="polar")
    assert isinstance(ax, PolarAxes)
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    angles = [2 * math.pi * i / len(spokes) for i in range(len(spokes))]
    low, top = radial_range(framework, resolved)
    ax.set_xticks(angles)
    ax.set_xticklabels([])
    for number, (angle, spoke) in enumerate(zip(angles, spokes, strict=True), start=1):
        # Clockwise from the top: labels on the right start at the spoke, labels on the left end at it.
        x, y = math.sin(angle), math.cos(angle)
        label = str(number) if numbered else textwrap.fill(spoke_label(spoke), 18 if many else 22)
        ax.text(
            angle,
            top * (1.08 if numbered else 1.1),
            label,
            ha="left" if x > 0.15 else "right" if x < -0.15 else "center",
            va="bottom" if y > 0.5 else "top" if y < -0.5 else "center",
            fontsize=7 if small else 7.5 if many else 8.5,
            linespacing=1.1,
        )
    ax.set_ylim(low, top)
    ax.set_yticks(list(axis.tickvals))
    ax.set_yticklabels(list(axis.ticktext), fontsize=6 if small else 7, color="#333333")
    ax.set_rlabel_position(180 / len(spokes))
    ax.grid(color="#bbbbbb", linewidth=0.6)
    ax.spines["polar"].set_color("#888888")
    for index, s in enumerate(series):
        k = index % len(SERIES_COLOURS)
        xs, ys = _closed(radar_points(framework, s.result, resolved), angles)
        ax.plot(
            xs,
            ys,
            color=SERIES_COLOURS[k],
            linestyle=LINE_STYLES[k],
            linewidth=1.6,
            marker=MARKERS[k],
            markersize=4.5,
            label=s.name,
        )
    if series and not (numbered or small):
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2 if many else -0.16), ncols=2, fontsize=8, frameon=False)
    buffer = io.StringIO()
    with rc_context({"svg.hashsalt": "scaling-readiness", "svg.fonttype": "none"}):
        fig.savefig(
            buffer, format="svg", bbox_inches="tight", pad_inches=0.05, metadata={"Date": None, "Creator": None}
        )
    return buffer.getvalue()
