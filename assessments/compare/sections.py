"""What each scoring method contributes per section: its place on the ranking axis and its summary-table cells.

These, with the radar axes in :mod:`assessments.compare.chart_data`, are the
package's switches on a framework's scoring method (readiness, complexity,
planning).
"""

from __future__ import annotations

from typing import Any, Literal

from assessments.models import Framework, SectionResult

NASSS_READINESS = {"simple": 100.0, "complicated": 50.0, "complex": 0.0}
"""Where each NASSS level sits on the ranking axis (0-100, more ready = higher)."""

SummaryKind = Literal["native", "readiness", "completeness"]
"""Which value of a section a summary column shows: its native value, or a SIPS readiness or completeness."""


def section_readiness(method: str, section: SectionResult) -> float | None:
    """A section's position on the 0-100 ranking axis, or None when missing.

    Args:
        method: The framework's scoring method (readiness, complexity, planning).
        section: The section result.
    """
    if method == "readiness":
        return section.score
    if method == "complexity":
        return NASSS_READINESS.get(section.level) if section.level else None
    if method == "planning":
        return section.readiness
    return None


def summary_columns(framework: Framework) -> list[tuple[str, str, SummaryKind]]:
    """The summary table's columns for one framework: ``(header, section id, kind)`` per column.

    SCIE sections are 0-100 scores, NASSS domains their level text, SIPS
    sections readiness and completeness (0-100), each its own column.
    """
    fw = framework
    columns: list[tuple[str, str, SummaryKind]] = []
    for s in fw.sections:
        if fw.scoring == "planning":
            columns.append((f"{fw.short_title}: {s.label} readiness (0-100)", s.id, "readiness"))
            columns.append((f"{fw.short_title}: {s.label} completeness (0-100)", s.id, "completeness"))
        elif fw.scoring == "complexity":
            columns.append((f"{fw.short_title}: {s.label} (level)", s.id, "native"))
        else:
            columns.append((f"{fw.short_title}: {s.label} (0-100)", s.id, "native"))
    return columns


def summary_cell(kind: SummaryKind, method: str, section: SectionResult) -> Any:
    """A section's summary cell: a number rounded to 0.1, or the NASSS level ("unknown" when nothing rated).

    Args:
        kind: The column's kind, from :func:`summary_columns`.
        method: The scoring method of the framework result the section belongs to.
        section: The section result.
    """
    if kind == "completeness":
        return None if section.completeness is None else round(section.completeness, 1)
    if kind == "readiness":
        return None if section.readiness is None else round(section.readiness, 1)
    if method == "complexity":
        return section.level or "unknown"
    if method == "planning":
        return None if section.readiness is None else round(section.readiness, 1)
    return None if section.score is None else round(section.score, 1)
