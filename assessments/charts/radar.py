"""Radar charts and their table equivalents for framework results.

Every chart here has a table with the same numbers (:func:`radar_table`), so
the page never relies on the picture alone, and every series is told apart by
line dash and marker symbol as well as colour. Figures use plain plotly
attributes only, because Streamlit draws them with its own bundled plotly.js.

What each framework's radar shows:

* ``readiness`` (SCIE): one spoke per factor on the 0-3 "how well addressed"
  scale (``level="item"``, the default), or one spoke per section as 0-100
  (``level="section"``). "Don't know", "not applicable" and unanswered items are
  gaps in the line, never zero.
* ``complexity`` (NASSS): one spoke per domain on rings 1-3 labelled Simple,
  Complicated and Complex. Lines are not filled and the axis says "outer = more
  complex", so a bigger shape is not read as a better one.
* ``planning`` (SIPS): one spoke per section, its completeness as 0-100.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from assessments.charts.spokes import Level, Point, Spoke, radar_points, radar_spokes, resolve_level
from assessments.charts.text import chart_text

__all__ = ["radar_figure", "radar_table", "series_trace"]
from assessments.methods import RadarLevel, method_of
from assessments.models import Framework, FrameworkResult

SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
"""Okabe-Ito colours: distinguishable with the common colour-vision deficiencies."""
SERIES_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid")
SERIES_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross")


def _spoke_label(spoke: Spoke) -> str:
    # Priority factors are marked in text, not by colour.
    return f"{spoke.label} [P{spoke.priority}]" if spoke.priority else spoke.label


def _unique_names(series: Sequence[tuple[str, FrameworkResult]]) -> list[str]:
    names: list[str] = []
    for name, _ in series:
        base = name or "Assessment"
        candidate, n = base, 2
        while candidate in names:
            candidate = f"{base} ({n})"
            n += 1
        names.append(candidate)
    return names


def _radial_axis(framework: Framework, level: RadarLevel) -> dict[str, object]:
    axis = method_of(framework).axis(level)
    return {
        "range": [axis.low, axis.high * 1.05],
        "tickvals": list(axis.tickvals),
        "ticktext": list(axis.ticktext),
        "angle": 90,
        "tickangle": 90,
    }


def axis_meaning(framework: Framework, level: RadarLevel) -> str:
    """What the distance from the centre means, shown under the chart title.

    It sits under the title rather than along the radial axis, where a title
    would run across the spoke labels.
    """
    return method_of(framework).axis(level).meaning


def _wrap(text: str, width: int = 95) -> str:
    """Break a note into lines for a plotly annotation (plotly does not wrap text)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return "<br>".join(lines)


def series_trace(
    name: str, theta: Sequence[str], points: Sequence[Point], index: int, *, marker_size: int = 8
) -> go.Scatterpolar:
    """One unfilled, closed radar trace, told apart by dash and marker as well as colour.

    Args:
        name: Series name (legend and hover text).
        theta: Spoke labels, in order.
        points: One point per spoke (``value`` None leaves a gap, never zero).
        index: Position of the series, which picks its colour, dash and marker.
        marker_size: Marker size in pixels.

    Returns:
        The plotly trace.
    """
    r = [p.value for p in points]
    name = chart_text(name)  # a person's label: shown as typed, never as plotly's HTML
    hover = [f"{t}<br>{name}: {p.reading}" for t, p in zip(theta, points, strict=True)]
    k = index % len(SERIES_COLOURS)
    return go.Scatterpolar(
        r=[*r, r[0]] if r else r,
        theta=[*theta, theta[0]] if theta else list(theta),
        name=name,
        mode="lines+markers",
        fill="none",
        connectgaps=False,
        line={"color": SERIES_COLOURS[k], "dash": SERIES_DASHES[k], "width": 2},
        marker={"symbol": SERIES_SYMBOLS[k], "size": marker_size, "color": SERIES_COLOURS[k]},
        text=[*hover, hover[0]] if hover else hover,
        hoverinfo="text",
    )


def radar_figure(
    framework: Framework,
    series: Sequence[tuple[str, FrameworkResult]],
    *,
    level: Level = "auto",
    title: str | None = None,
) -> go.Figure:
    """A radar chart with one unfilled trace per series.

    Args:
        framework: The framework all results belong to.
        series: ``(name, result)`` pairs, e.g. baseline then follow-ups, or one
            per innovation. Names are made unique if they repeat.
        level: ``"item"`` or ``"section"`` spokes for readiness frameworks (see
            :func:`resolve_level`).
        title: Chart title; defaults to the framework's short title.

    Returns:
        The plotly figure. Gaps (None values) are left as breaks in the line
        (``connectgaps=False``); every trace closes back to its first spoke.
    """
    resolved = resolve_level(framework, level)
    spokes = radar_spokes(framework, resolved)
    theta = [_spoke_label(s) for s in spokes]
    fig = go.Figure()
    for index, (name, (_, result)) in enumerate(zip(_unique_names(series), series, strict=True)):
        fig.add_trace(series_trace(name, theta, radar_points(framework, result, resolved), index))
    fig.update_layout(
        title={
            "text": f"{chart_text(title) if title is not None else framework.short_title}"
            f"<br><sup>{axis_meaning(framework, resolved)}</sup>"
        },
        polar={
            "radialaxis": _radial_axis(framework, resolved),
            "angularaxis": {"direction": "clockwise", "rotation": 90, "tickfont": {"size": 11}},
        },
        showlegend=True,
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        margin={"l": 70, "r": 70, "t": 80, "b": 130},
        annotations=[
            {
                "text": _wrap(method_of(framework).chart_note),
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.25,
                "yanchor": "top",
                "showarrow": False,
                "align": "left",
                "font": {"size": 11},
            }
        ],
        height=560 if resolved == "item" else 480,
    )
    return fig


def _area_heading(framework: Framework, level: RadarLevel) -> str:
    if level == "item":
        return "Factor"
    return method_of(framework).area_heading


def radar_table(
    framework: Framework,
    series: Sequence[tuple[str, FrameworkResult]],
    *,
    level: Level = "auto",
) -> pd.DataFrame:
    """The numbers behind :func:`radar_figure`, as a table.

    Args:
        framework: The framework all results belong to.
        series: ``(name, result)`` pairs, as for the figure.
        level: As for the figure.

    Returns:
        One row per spoke, indexed by spoke id. Columns: the area label
        (``Factor``/``Domain``/``Section``), ``Group`` and ``Priority`` for item
        spokes, then per series a numeric column named after the series (NaN
        for a gap: the chart draws no point there) and a ``<name>: reading``
        text column (option chosen, level, or counts of answered, don't know
        and not applicable items).
    """
    resolved = resolve_level(framework, level)
    spokes = radar_spokes(framework, resolved)
    heading = _area_heading(framework, resolved)
    data: dict[str, list[object]] = {heading: [s.label for s in spokes]}
    if resolved == "item":
        data["Group"] = [framework.section(s.section).label for s in spokes]
        data["Priority"] = [f"P{s.priority}" if s.priority else "" for s in spokes]
    for name, (_, result) in zip(_unique_names(series), series, strict=True):
        points = radar_points(framework, result, resolved)
        data[name] = [math.nan if p.value is None else p.value for p in points]
        data[f"{name}: reading"] = [p.reading for p in points]
    frame = pd.DataFrame(data, index=pd.Index([s.id for s in spokes], name="id"))
    for name in _unique_names(series):
        frame[name] = frame[name].astype("float64")
    return frame
