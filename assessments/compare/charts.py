"""Plotly figures for comparing innovations; each has a table twin in :mod:`assessments.compare.chart_data`.

* :func:`compare_radar_figure`: one framework, one trace per innovation. Up to
  :data:`MAX_OVERLAY` innovations are overlaid (told apart by line dash and
  marker as well as colour, via :func:`assessments.charts.radar.radar_figure`);
  beyond that, small multiples, one small radar per innovation, all on the
  same radial scale so shapes can be compared.
* :func:`nasss_grid_figure`: innovations × domains, each cell coloured by level
  (grey = unknown) and the level written in it.
* :func:`factor_heatmap_figure`: SCIE factors × innovations, the rating (or
  "don't know" / "n/a" / "—") written in each cell, priority factors marked
  "★ P<n>" in the label.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from assessments.charts.radar import (
    radar_figure,
    series_trace,
)
from assessments.charts.spokes import radar_points, radar_spokes
from assessments.charts.text import chart_text
from assessments.compare.candidates import Candidate
from assessments.compare.chart_data import FactorMatrix, GridRow
from assessments.methods import method_of
from assessments.methods.complexity import LEVEL_COLOURS, LEVELS
from assessments.methods.readiness import RATING_COLOURS
from assessments.models import Framework
from assessments.wording import STATUS_SHORT

MAX_OVERLAY = 6
"""Most innovations overlaid on one radar; more become small multiples."""
SMALL_MULTIPLE_COLUMNS = 3
GAP_COLOUR = f"#{LEVEL_COLOURS['unknown']}"


def _wrap(label: str, width: int = 22, lines: int = 3) -> str:
    """Break a long axis label over a few lines (plotly uses <br>), shortening the last one if needed."""
    parts = textwrap.wrap(label, width) or [label]
    if len(parts) > lines:
        parts = [*parts[: lines - 1], textwrap.shorten(" ".join(parts[lines - 1 :]), width, placeholder="…")]
    return "<br>".join(chart_text(part) for part in parts)


def _radial_range(framework: Framework) -> list[float]:
    axis = method_of(framework).axis(method_of(framework).radar_level())
    return [axis.low, axis.high * 1.05]


def compare_radar_figure(
    framework: Framework, candidates: Sequence[Candidate], *, max_overlay: int = MAX_OVERLAY
) -> go.Figure:
    """A radar of one framework for several innovations.

    Args:
        framework: The framework.
        candidates: The innovations, in display order.
        max_overlay: Overlay up to this many; beyond, draw small multiples on a shared scale.

    Returns:
        The figure (overlay: one trace per innovation; small multiples: one polar subplot each).
    """
    series = [(c.label, fr) for c in candidates if (fr := c.framework_result(framework.id)) is not None]
    if len(series) <= max_overlay:
        fig = radar_figure(framework, series, title=f"{framework.short_title}: innovations overlaid")
        # Long innovation names make a tall legend: give it room, and leave the reading note to the
        # page's caption (chart_note) so the two never overlap.
        legend_px = 24 * len(series)
        fig.layout.annotations = ()
        fig.update_layout(
            height=(fig.layout.height or 480) + legend_px,
            margin={"b": 60 + legend_px},
            legend={"y": -0.08, "yanchor": "top"},
        )
        return fig
    cols = SMALL_MULTIPLE_COLUMNS
    rows = math.ceil(len(series) / cols)
    fig = make_subplots(
        rows=rows,
        cols=cols,
        specs=[[{"type": "polar"}] * cols for _ in range(rows)],
        subplot_titles=[chart_text(name) for name, _ in series],
        vertical_spacing=min(0.3 / rows + 0.02, 0.12),
    )
    spokes = radar_spokes(framework)
    theta = [f"{s.label} [P{s.priority}]" if s.priority else s.label for s in spokes]
    for index, (name, result) in enumerate(series):
        trace = series_trace(name, theta, radar_points(framework, result), index, marker_size=5)
        trace.showlegend = False
        fig.add_trace(
            trace,
            row=index // cols + 1,
            col=index % cols + 1,
        )
    polar_layout = {
        "radialaxis": {"range": _radial_range(framework), "showticklabels": False},
        "angularaxis": {"direction": "clockwise", "rotation": 90, "showticklabels": len(spokes) <= 8},
    }
    fig.update_layout(
        title={
            "text": f"{framework.short_title}: one radar per innovation, same scale ({method_of(framework).chart_note})"
        },
        height=max(320, 300 * rows),
        margin={"l": 40, "r": 40, "t": 90, "b": 40},
        **{("polar" if i == 0 else f"polar{i + 1}"): polar_layout for i in range(rows * cols)},
    )
    return fig


def nasss_grid_figure(rows: Sequence[GridRow], framework: Framework) -> go.Figure:
    """The NASSS grid: innovations × domains, coloured by level with the level written in each cell.

    Args:
        rows: Grid rows from :func:`assessments.compare.chart_data.nasss_grid` (already in display order).
        framework: The complexity framework (for domain labels).
    """
    x = [s.label for s in framework.sections]
    y = [f"{chart_text(r.label)} ({r.complex_count} complex)" for r in rows]
    codes = {level: code for code, level in enumerate(("unknown", *LEVELS))}
    z = [[codes.get(level, 0) for level in r.levels] for r in rows]
    text = [list(r.texts) for r in rows]
    scale = []
    for code, level in enumerate(("unknown", *LEVELS)):
        lo, hi = code / 4, (code + 1) / 4
        scale += [[lo, f"#{LEVEL_COLOURS[level]}"], [hi, f"#{LEVEL_COLOURS[level]}"]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            text=text,
            texttemplate="%{text}",
            hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>",
            colorscale=scale,
            zmin=-0.5,
            zmax=3.5,
            showscale=False,
            xgap=2,
            ygap=2,
        )
    )
    fig.update_layout(
        title={"text": f"{framework.short_title}: level per domain (grey = unknown)"},
        yaxis={"autorange": "reversed"},
        xaxis={"side": "top"},
        height=max(240, 60 + 36 * len(rows)),
        margin={"l": 20, "r": 20, "t": 100, "b": 20},
    )
    return fig


def factor_heatmap_figure(matrix: FactorMatrix, *, title: str = "SCIE factors") -> go.Figure:
    """Factors × innovations, the rating written in every cell; grey for don't know, n/a or unanswered.

    Args:
        matrix: From :func:`assessments.compare.chart_data.factor_matrix`.
        title: Figure title.
    """
    top = max(matrix.max_value, 1)
    z: list[list[float | None]] = []
    text: list[list[str]] = []
    for vrow, srow in zip(matrix.values, matrix.statuses, strict=True):
        z.append([None if v is None else float(v) for v in vrow])
        text.append([str(v) if v is not None else STATUS_SHORT[s] for v, s in zip(vrow, srow, strict=True)])
    columns = [_wrap(label) for label in matrix.candidate_labels]
    if len(set(columns)) < len(columns):  # shortened labels collided: wrap in full (labels are unique)
        columns = [_wrap(label, lines=20) for label in matrix.candidate_labels]
    scale = []
    steps = len(RATING_COLOURS)
    for i, colour in enumerate(RATING_COLOURS):
        scale += [[i / steps, f"#{colour}"], [(i + 1) / steps, f"#{colour}"]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=columns,
            y=list(matrix.item_labels),
            text=text,
            texttemplate="%{text}",
            hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>",
            colorscale=scale,
            zmin=-0.5,
            zmax=top + 0.5,
            showscale=False,
            xgap=2,
            ygap=2,
            hoverongaps=True,
        )
    )
    fig.update_layout(
        title={"text": f"{title}: 0-{top} how well addressed (★ = priority factor; grey = no rating)", "y": 0.99},
        yaxis={"autorange": "reversed"},
        xaxis={"side": "top", "tickangle": 0},
        plot_bgcolor=GAP_COLOUR,
        height=max(320, 170 + 26 * len(matrix.item_labels)),
        margin={"l": 20, "r": 20, "t": 150, "b": 20},
    )
    return fig
