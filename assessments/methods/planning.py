"""Planning (the SIPS structure): a record of what is written down and in place; there is no SIPS score."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from assessments.methods.base import Axis, Reading, ScoringMethod, SectionScores, counts, pct, percent_axis, plural
from assessments.models import Flag, FlagCode, Framework, FrameworkResult, MethodId, Section, SectionResult


class Planning(ScoringMethod):
    """Rules SIPS-S01..S05 in ``assessments.scoring``.

    Its radar shows **completeness** everywhere (app, Excel, comparison): a planning record
    has no score, and how much of it is written down is the one figure every section has.
    The readiness checks in place are given in words beside it, and rank candidates.
    """

    id: ClassVar[MethodId] = "planning"
    description = "planning record"
    chart_note = (
        "Each spoke is the share of the section's items with an answer (completeness), not a score. "
        "There is no SIPS score."
    )
    change_unit = "points"
    summary_fields = ("readiness (0-100)", "completeness (0-100)")

    def score_sections(
        self, by_section: Sequence[tuple[Section, Sequence[Reading]]], *, complex_threshold: int
    ) -> SectionScores:
        sections: list[SectionResult] = []
        flags: list[Flag] = []
        for section, reads in by_section:
            section_counts = counts(reads)
            skipped = sum(1 for r in reads if _skipped(r))
            applicable = section_counts["total"] - section_counts["not_applicable"] - skipped
            completeness = round(section_counts["answered"] / applicable * 100, 1) if applicable else None
            checks = [p for r in reads if (p := r.ready_position) is not None]
            missing = [r for r in reads if _missing(r)]
            sections.append(
                SectionResult(
                    id=section.id,
                    title=section.title,
                    score=None,
                    completeness=completeness,
                    readiness=pct(checks),
                    missing=tuple(r.item.id for r in missing),
                    **section_counts,
                )
            )
            if missing:
                labels = "; ".join(r.item.short_label for r in missing)
                code = FlagCode.SIPS_MISSING
                message = f"{section.title}: {plural(len(missing), 'item')} still to do or not yet in place: {labels}."
                flags.append(Flag(code=code, severity=code.severity, section=section.id, message=message))
        return SectionScores(sections=sections, flags=flags)

    def chart_value(self, section: SectionResult) -> float | None:
        return section.completeness

    def ranking_value(self, section: SectionResult) -> float | None:
        return section.readiness

    def reading(self, section: SectionResult) -> str:
        completeness = "no items apply" if section.completeness is None else f"{section.completeness:g}% complete"
        readiness = "no checks answered" if section.readiness is None else f"checks {section.readiness:g}% in place"
        return f"{completeness}; {readiness}; {len(section.missing)} still missing"

    def summary_values(self, section: SectionResult) -> tuple[float | str | None, ...]:
        return (
            None if section.readiness is None else round(section.readiness, 1),
            None if section.completeness is None else round(section.completeness, 1),
        )

    def overview(self, framework: Framework, result: FrameworkResult) -> tuple[str, str]:
        # As in each section's completeness (SIPS-S02, S05): not applicable items, and a follow-up-only
        # item left blank at a baseline, are not counted against it.
        applicable = sum(
            1
            for ir in result.items
            if ir.status != "not_applicable" and framework.item(ir.id).owed(ir.status != "unanswered")
        )
        complete = 100 * result.answered / applicable if applicable else 0.0
        missing = sum(len(s.missing) for s in result.sections)
        return f"{complete:.0f} %", f"complete · {missing} items still to do or not yet in place"

    def section_axis(self) -> Axis:
        return percent_axis("Completeness % (outer = more complete)", "Completeness (%)")


def _skipped(r: Reading) -> bool:
    """SIPS-S05: a follow-up-only item left blank at a baseline is neither missing nor counted."""
    return not r.item.owed(r.result.status != "unanswered")


def _missing(r: Reading) -> bool:
    """SIPS-S04: unanswered, "don't know", or a check not yet at the ready end of its scale."""
    if _skipped(r):
        return False
    status = r.result.status
    return status in ("unanswered", "dont_know") or (
        status == "answered" and r.option is not None and r.ready_position != 1.0
    )
