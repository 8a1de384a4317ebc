"""The spokes of a framework's radar and each result's value and reading on them, without any plotting library.

The app's radar (:mod:`assessments.charts.radar`), the change table and the comparison's
radar data all take their numbers from here, so every view plots the same quantity.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assessments.methods import RadarLevel, method_of
from assessments.methods.base import section_counts_text
from assessments.models import Framework, FrameworkResult, ItemResult, SectionResult
from assessments.wording import STATUS_LABELS

Level = Literal["auto", "item", "section"]


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


def resolve_level(framework: Framework, level: Level = "auto") -> RadarLevel:
    """Which spokes a framework's radar uses.

    Args:
        framework: The framework.
        level: ``"item"``, ``"section"`` or ``"auto"`` (items for readiness
            frameworks, sections otherwise).

    Returns:
        ``"item"`` or ``"section"``. Only readiness frameworks can be drawn per item.
    """
    return method_of(framework).radar_level(level)


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
        return Point(None, STATUS_LABELS["unanswered"])
    if item.status != "answered" or item.numeric is None:
        return Point(None, STATUS_LABELS[item.status])
    option = framework.option(item.id, item.value or "")
    label = option.label if option is not None else str(item.value)
    # Scale labels may already start with their number ("2 – Planned or partly addressed").
    reading = label if label.startswith(str(item.numeric)) else f"{item.numeric} · {label}"
    return Point(float(item.numeric), reading)


def section_point(framework: Framework, section: SectionResult | None) -> Point:
    """A section's chart value (None for a gap) and its reading in words, with the counts it rests on."""
    if section is None:
        return Point(None, STATUS_LABELS["unanswered"])
    method = method_of(framework)
    return Point(method.chart_value(section), f"{method.reading(section)} ({section_counts_text(section)})")


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
    return [section_point(framework, sections.get(s.id)) for s in spokes]
