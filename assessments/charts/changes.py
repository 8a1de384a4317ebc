"""What changed between two assessments of one framework, section by section and item by item, as a table."""

from __future__ import annotations

import math

import pandas as pd

from assessments.charts.spokes import section_point
from assessments.methods import method_of
from assessments.models import Framework, FrameworkResult, ItemResult, SectionResult
from assessments.wording import STATUS_LABELS


def _answer_text(framework: Framework, item: ItemResult | None) -> str:
    if item is None or item.status == "unanswered":
        return STATUS_LABELS["unanswered"]
    if item.status in ("dont_know", "not_applicable"):
        return STATUS_LABELS[item.status]
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
        return method_of(framework).item_change(b, a)
    before_text = _answer_text(framework, before)
    after_text = _answer_text(framework, after)
    if before_text == STATUS_LABELS["unanswered"]:
        return "Newly answered"
    if after_text == STATUS_LABELS["unanswered"]:
        return "Answer removed"
    return "Changed"


def _section_change(framework: Framework, before: SectionResult | None, after: SectionResult | None) -> str:
    b = _section_value(framework, before)
    a = _section_value(framework, after)
    if a is None or b is None:
        return "No change" if a is None and b is None else ("Now scored" if b is None else "No longer scored")
    if math.isclose(a, b):
        return "No change"
    return method_of(framework).change(b, a)


def _section_value(framework: Framework, section: SectionResult | None) -> float | None:
    if section is None:
        return None
    return method_of(framework).chart_value(section)


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
                "Before": section_point(framework, b).reading,
                "After": section_point(framework, a).reading,
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
