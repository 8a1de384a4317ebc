"""Readiness (SCIE factors): each factor rated on how well it is addressed; sections scored 0-100."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from assessments.methods.base import Axis, Reading, ScoringMethod, SectionScores, counts, pct, percent_axis, plural
from assessments.models import Flag, FlagCode, Framework, FrameworkResult, MethodId, Section, SectionResult

RATING_COLOURS = ("F8CBAD", "FCE4D6", "E2EFDA", "C6EFCE")
"""Fill colours for factor ratings 0..3, least to most ready (the rating is always written in the cell too)."""


class Readiness(ScoringMethod):
    """Rules SCIE-S01..S05 in ``assessments.scoring``."""

    id: ClassVar[MethodId] = "readiness"
    description = "readiness, 0-100"
    chart_note = (
        "Outer rings mean the factor is better addressed (self-assessed). "
        "Gaps in a line are 'don't know', not applicable or unanswered items: they are not counted as zero."
    )
    item_radar = True
    comparison_grid = "ratings"
    top_needs_evidence = True

    def score_sections(
        self, by_section: Sequence[tuple[Section, Sequence[Reading]]], *, complex_threshold: int
    ) -> SectionScores:
        sections: list[SectionResult] = []
        gaps: list[tuple[int, int, Flag]] = []
        unevidenced: list[str] = []
        order = 0
        for section, reads in by_section:
            positions = [p for r in reads if (p := r.ready_position) is not None]
            sections.append(SectionResult(id=section.id, title=section.title, score=pct(positions), **counts(reads)))
            for r in reads:
                order += 1
                gap = _priority_gap(section, r)
                if gap is not None:
                    gaps.append((gap.priority or 0, order, gap))
                if _top_without_evidence(r):
                    unevidenced.append(r.item.short_label)
        gaps.sort(key=lambda g: (g[0], g[1]))
        return SectionScores(sections=sections, flags=[g[2] for g in gaps] + _evidence_flags(unevidenced))

    def chart_value(self, section: SectionResult) -> float | None:
        return section.score

    def ranking_value(self, section: SectionResult) -> float | None:
        return section.score

    def reading(self, section: SectionResult) -> str:
        return "Not scored: no rated answers" if section.score is None else f"{section.score:g} out of 100"

    def overview(self, framework: Framework, result: FrameworkResult) -> tuple[str, str]:
        priority_items = sum(1 for i in framework.items.values() if i.priority)
        gaps = sum(1 for f in result.flags if f.code is FlagCode.SCIE_PRIORITY_GAP)
        sections = ", ".join(
            f"{framework.section(s.id).label} {s.score:.0f}/100" if s.score is not None else f"{s.title}: no score"
            for s in result.sections
        )
        return f"{gaps} of {priority_items}", f"priority factors are gaps · {sections}"

    def section_axis(self) -> Axis:
        return percent_axis("Score 0-100 (outer = more ready)", "Readiness score (0-100)")

    def item_axis(self) -> Axis:
        return Axis(
            0,
            3,
            (0, 1, 2, 3),
            ("0", "1", "2", "3"),
            "How well addressed, 0-3 (outer = more ready)",
            "Factor rating (0-3)",
        )


def _priority_gap(section: Section, r: Reading) -> Flag | None:
    """SCIE-S04: a priority factor rated at one of the two least-ready options, or "don't know"."""
    priority = r.item.priority
    status = r.result.status
    if priority is None:
        return None
    low = status == "answered" and r.ready_rank is not None and r.ready_rank <= 1
    if not (low or status == "dont_know"):
        return None
    label = r.option.label if r.option is not None else "don't know"
    rating = (
        'answered "don\'t know"'
        if status == "dont_know"
        else f"rated '{label}'" + ("" if label.startswith(str(r.result.numeric)) else f" ({r.result.numeric})")
    )
    code = FlagCode.SCIE_PRIORITY_GAP
    return Flag(
        code=code,
        severity=code.severity,
        section=section.id,
        item=r.item.id,
        priority=priority,
        message=f"Priority {priority} for adult social care, '{r.item.short_label}', is {rating}: a gap to plan for.",
    )


def _top_without_evidence(r: Reading) -> bool:
    """SCIE-S06: rated at the most-ready point ("3 – ..., with evidence") with no evidence type recorded."""
    return (
        r.result.status == "answered"
        and r.ready_rank is not None
        and r.ready_rank == r.size - 1
        and not r.result.evidence
    )


def _evidence_flags(labels: list[str]) -> list[Flag]:
    """SCIE-S06: one ``SCIE_NO_EVIDENCE`` flag naming every top rating that records no evidence type."""
    if not labels:
        return []
    code = FlagCode.SCIE_NO_EVIDENCE
    count = len(labels)
    message = (
        f'{plural(count, "factor")} {"is" if count == 1 else "are"} rated 3 ("with evidence") but no evidence type '
        f"is recorded: {'; '.join(labels)}. Say what the evidence is (research, evaluation data, lived experience, "
        "practice knowledge or organisational data), or choose a lower rating."
    )
    return [Flag(code=code, severity=code.severity, message=message)]
