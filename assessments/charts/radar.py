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
from dataclasses import dataclass
from typing import Literal

import pandas as pd
import plotly.graph_objects as go

from assessments.models import Framework, FrameworkResult, ItemResult, SectionResult

Level = Literal["auto", "item", "section"]

SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
"""Okabe-Ito colours: distinguishable with the common colour-vision deficiencies."""
SERIES_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid")
SERIES_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross")

NASSS_LEVELS = {1: "Simple", 2: "Complicated", 3: "Complex"}
NASSS_AXIS_TITLE = "Complexity (outer = more complex)"
NASSS_NOTE = (
    "Outer rings mean MORE complexity, which makes spread harder: a bigger shape is not a better result. "
    "Gaps in a line are domains answered 'don't know', not applicable or not yet answered."
)
READINESS_NOTE = (
    "Outer rings mean the factor is better addressed (self-assessed). "
    "Gaps in a line are 'don't know', not applicable or unanswered items: they are not counted as zero."
)
PLANNING_NOTE = (
    "Each spoke is the share of the section's items with an answer (completeness), not a score. There is no SIPS score."
)

STATUS_TEXT = {
    "dont_know": "Don't know",
    "not_applicable": "Not applicable",
    "unanswered": "Not answered",
}


@dataclass(frozen=True)
class Spoke:
    """One spoke of a radar: an item or a section."""

    id: str
    label: str
    section: str
    priority: int | None = None


@dataclass(frozen=True)
class Point:
    """The value of one spoke for one series: a number, or None for a gap, plus a reading."""

    value: float | None
    reading: str


def resolve_level(framework: Framework, level: Level = "auto") -> Literal["item", "section"]:
    """Which spokes a framework's radar uses.

    Args:
        framework: The framework.
        level: ``"item"``, ``"section"`` or ``"auto"`` (items for readiness
            frameworks, sections otherwise).

    Returns:
        ``"item"`` or ``"section"``. Only readiness frameworks can be drawn per item.
    """
    if framework.scoring != "readiness":
        return "section"
    return "item" if level == "auto" else level


def radar_spokes(framework: Framework, level: Level = "auto") -> list[Spoke]:
    """The spokes of a framework's radar, in framework order.

    Args:
        framework: The framework.
        level: See :func:`resolve_level`.

    Returns:
        One spoke per choice item (item level) or per section (section level).
    """
    if resolve_level(framework, level) == "item":
        return [
            Spoke(id=item.id, label=item.short_label, section=section.id, priority=item.priority)
            for section in framework.sections
            for item in section.items
            if item.type == "choice"
        ]
    return [Spoke(id=s.id, label=s.label, section=s.id) for s in framework.sections]


def _item_point(framework: Framework, item: ItemResult | None) -> Point:
    if item is None:
        return Point(None, STATUS_TEXT["unanswered"])
    if item.status != "answered" or item.numeric is None:
        return Point(None, STATUS_TEXT.get(item.status, item.status))
    option = framework.option(item.id, item.value or "")
    label = option.label if option is not None else str(item.value)
    # Scale labels may already start with their number ("2 – Planned or partly addressed").
    reading = label if label.startswith(str(item.numeric)) else f"{item.numeric} · {label}"
    return Point(float(item.numeric), reading)


def _counts(section: SectionResult) -> str:
    parts = [f"{section.answered} of {section.total} answered"]
    if section.unknown:
        parts.append(f"{section.unknown} don't know")
    if section.not_applicable:
        parts.append(f"{section.not_applicable} not applicable")
    return ", ".join(parts)


def _section_point(framework: Framework, section: SectionResult | None) -> Point:
    if section is None:
        return Point(None, STATUS_TEXT["unanswered"])
    if framework.scoring == "complexity":
        if section.score is None:
            return Point(None, f"No level ({_counts(section)})")
        level = NASSS_LEVELS.get(round(section.score), section.level or "")
        return Point(float(section.score), f"{level} ({_counts(section)})")
    if framework.scoring == "planning":
        if section.completeness is None:
            return Point(None, f"Nothing to complete ({_counts(section)})")
        reading = f"{section.completeness:.0f} % complete"
        if section.readiness is not None:
            reading += f", checks {section.readiness:.0f} % in place"
        if section.missing:
            reading += f", {len(section.missing)} missing"
        return Point(float(section.completeness), reading)
    if section.score is None:
        return Point(None, f"No score ({_counts(section)})")
    return Point(float(section.score), f"{section.score:.0f} / 100 ({_counts(section)})")


def radar_points(framework: Framework, result: FrameworkResult, level: Level = "auto") -> list[Point]:
    """The value and reading of every spoke for one result.

    Args:
        framework: The framework the result belongs to.
        result: The scored result.
        level: See :func:`resolve_level`.

    Returns:
        One point per spoke of :func:`radar_spokes`, None values for gaps.
    """
    spokes = radar_spokes(framework, level)
    if resolve_level(framework, level) == "item":
        items = {i.id: i for i in result.items}
        return [_item_point(framework, items.get(s.id)) for s in spokes]
    sections = {s.id: s for s in result.sections}
    return [_section_point(framework, sections.get(s.id)) for s in spokes]


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


def _radial_axis(framework: Framework, level: Literal["item", "section"]) -> dict[str, object]:
    if framework.scoring == "complexity":
        return {
            "range": [0, 3.15],
            "tickvals": [1, 2, 3],
            "ticktext": [NASSS_LEVELS[1], NASSS_LEVELS[2], NASSS_LEVELS[3]],
            "angle": 90,
            "tickangle": 90,
        }
    if framework.scoring == "readiness" and level == "item":
        return {
            "range": [0, 3.15],
            "tickvals": [0, 1, 2, 3],
            "ticktext": ["0", "1", "2", "3"],
            "angle": 90,
            "tickangle": 90,
        }
    return {
        "range": [0, 105],
        "tickvals": [0, 25, 50, 75, 100],
        "angle": 90,
        "tickangle": 90,
    }


def axis_meaning(framework: Framework, level: Literal["item", "section"]) -> str:
    """What the distance from the centre means, shown under the chart title.

    It sits under the title rather than along the radial axis, where a title
    would run across the spoke labels.
    """
    if framework.scoring == "complexity":
        return NASSS_AXIS_TITLE
    if framework.scoring == "readiness" and level == "item":
        return "How well addressed, 0-3 (outer = more ready)"
    if framework.scoring == "planning":
        return "Completeness % (outer = more complete)"
    return "Score 0-100 (outer = more ready)"


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


def chart_note(framework: Framework) -> str:
    """The sentence that tells readers how to read a framework's radar."""
    return {"complexity": NASSS_NOTE, "planning": PLANNING_NOTE}.get(framework.scoring, READINESS_NOTE)


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
            "text": f"{title if title is not None else framework.short_title}"
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
                "text": _wrap(chart_note(framework)),
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


def _area_heading(framework: Framework, level: Literal["item", "section"]) -> str:
    if level == "item":
        return "Factor"
    return {"complexity": "Domain", "planning": "Section"}.get(framework.scoring, "Section")


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


def _answer_text(framework: Framework, item: ItemResult | None) -> str:
    if item is None or item.status == "unanswered":
        return STATUS_TEXT["unanswered"]
    if item.status in ("dont_know", "not_applicable"):
        return STATUS_TEXT[item.status]
    value = item.value or ""
    option = framework.option(item.id, value) if framework.options(item.id) else None
    if option is not None:
        return option.label
    return value if len(value) <= 60 else value[:57] + "..."


def _item_change(framework: Framework, before: ItemResult | None, after: ItemResult | None) -> str:
    b = before.numeric if before is not None and before.status == "answered" else None
    a = after.numeric if after is not None and after.status == "answered" else None
    if a is not None and b is not None:
        if a == b:
            return "Changed"
        if framework.scoring == "complexity":
            return "Less complex" if a < b else "More complex"
        return f"Up {a - b}" if a > b else f"Down {b - a}"
    before_text = _answer_text(framework, before)
    after_text = _answer_text(framework, after)
    if before_text == STATUS_TEXT["unanswered"]:
        return "Newly answered"
    if after_text == STATUS_TEXT["unanswered"]:
        return "Answer removed"
    return "Changed"


def _section_change(framework: Framework, before: SectionResult | None, after: SectionResult | None) -> str:
    b = _section_value(framework, before)
    a = _section_value(framework, after)
    if a is None or b is None:
        return "No change" if a is None and b is None else ("Now scored" if b is None else "No longer scored")
    if math.isclose(a, b):
        return "No change"
    if framework.scoring == "complexity":
        return "Less complex" if a < b else "More complex"
    unit = " points" if framework.scoring == "planning" else ""
    return f"Up {a - b:.0f}{unit}" if a > b else f"Down {b - a:.0f}{unit}"


def _section_value(framework: Framework, section: SectionResult | None) -> float | None:
    if section is None:
        return None
    return section.completeness if framework.scoring == "planning" else section.score


def change_table(framework: Framework, before: FrameworkResult, after: FrameworkResult) -> pd.DataFrame:
    """What changed between two assessments of one framework.

    Args:
        framework: The framework both results belong to.
        before: The earlier result.
        after: The later result.

    Returns:
        One row per section (always), then one row per item whose answer
        changed (value, status or text), indexed ``section:<id>`` /
        ``item:<id>``. Columns: ``Level`` (Section/Item), ``Area``, ``Before``,
        ``After`` and ``Change`` (e.g. "Up 2", "Less complex", "Newly answered").
        For NASSS a fall in level reads "Less complex", never "Down".
    """
    rows: list[dict[str, str]] = []
    index: list[str] = []
    before_sections = {s.id: s for s in before.sections}
    after_sections = {s.id: s for s in after.sections}
    for section in framework.sections:
        b, a = before_sections.get(section.id), after_sections.get(section.id)
        index.append(f"section:{section.id}")
        rows.append(
            {
                "Level": "Section",
                "Area": section.label,
                "Before": _section_point(framework, b).reading,
                "After": _section_point(framework, a).reading,
                "Change": _section_change(framework, b, a),
            }
        )
    before_items = {i.id: i for i in before.items}
    after_items = {i.id: i for i in after.items}
    for item_id, item in framework.items.items():
        b_item, a_item = before_items.get(item_id), after_items.get(item_id)
        b_key = (b_item.status, b_item.value) if b_item else ("unanswered", None)
        a_key = (a_item.status, a_item.value) if a_item else ("unanswered", None)
        if b_key == a_key:
            continue
        index.append(f"item:{item_id}")
        rows.append(
            {
                "Level": "Item",
                "Area": item.short_label,
                "Before": _answer_text(framework, b_item),
                "After": _answer_text(framework, a_item),
                "Change": _item_change(framework, b_item, a_item),
            }
        )
    return pd.DataFrame(rows, index=pd.Index(index, name="id"), columns=["Level", "Area", "Before", "After", "Change"])
