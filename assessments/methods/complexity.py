"""Complexity (NASSS): each domain takes the level of its most complex answered sub-domain; never averaged."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from assessments.methods.base import Axis, Reading, ScoringMethod, SectionScores, counts, plural
from assessments.models import Flag, FlagCode, Framework, FrameworkResult, MethodId, Section, SectionResult

LEVELS = ("simple", "complicated", "complex")
"""NASSS levels, least to most complex: the option ids of the complexity scale (values 1, 2, 3)."""
LEVEL_LABELS = {"simple": "Simple", "complicated": "Complicated", "complex": "Complex"}
LEVEL_COLOURS = {"simple": "C6EFCE", "complicated": "FFEB9C", "complex": "FFC7CE", "unknown": "D9D9D9"}
"""Fill colours per level (hex RGB); the level is always written in the same cell, so colour never carries it alone."""
LEVEL_READINESS = {"simple": 100.0, "complicated": 50.0, "complex": 0.0}
"""A domain on the comparison's 0-100 readiness axis: simpler is more ready to scale."""


class Complexity(ScoringMethod):
    """Rules NASSS-S01..S04 in ``assessments.scoring``."""

    id: ClassVar[MethodId] = "complexity"
    description = "complexity by domain"
    area_heading = "Domain"
    summary_fields = ("(level)",)
    comparison_grid = "levels"
    chart_note = (
        "Outer rings mean MORE complexity, which makes spread harder: a bigger shape is not a better result. "
        "Gaps in a line are domains answered 'don't know', not applicable or not yet answered."
    )

    def score_sections(
        self, by_section: Sequence[tuple[Section, Sequence[Reading]]], *, complex_threshold: int
    ) -> SectionScores:
        sections: list[SectionResult] = []
        complex_titles: list[str] = []
        for section, reads in by_section:
            answered = [r for r in reads if r.result.status == "answered" and r.option is not None]
            score: float | None = None
            level: str | None = None
            if answered:
                worst = max(answered, key=lambda r: (r.position or 0.0, r.result.numeric or 0))
                assert worst.option is not None  # answered scale items carry their option
                score = float(worst.result.numeric) if worst.result.numeric is not None else None
                level = worst.option.id
                if worst.top:
                    complex_titles.append(section.title)
            tally = counts(reads)
            open_parts = tally["unknown"] + tally["unanswered"]
            at_least = level is not None and level != LEVELS[-1] and open_parts > 0
            sections.append(
                SectionResult(id=section.id, title=section.title, score=score, level=level, at_least=at_least, **tally)
            )
        return SectionScores(
            sections=sections,
            flags=_complexity_flags(complex_titles, complex_threshold),
            complex_domains=len(complex_titles),
        )

    def chart_value(self, section: SectionResult) -> float | None:
        return section.score

    def ranking_value(self, section: SectionResult) -> float | None:
        return LEVEL_READINESS.get(section.level) if section.level is not None else None

    def reading(self, section: SectionResult) -> str:
        if section.level is None:
            return "Not rated: no answers"
        label = LEVEL_LABELS.get(section.level, section.level)
        return f"At least {label.lower()}" if section.at_least else label

    def overview(self, framework: Framework, result: FrameworkResult) -> tuple[str, str]:
        no_level = sum(1 for s in result.sections if s.level is None)
        extra = f" · {no_level} without a level yet" if no_level else ""
        return f"{result.complex_domains or 0} of {len(result.sections)}", f"domains rated complex{extra}"

    def ready_answer(self, label: str) -> str:
        return f"Simplest (least complexity): '{label}'. Further out on the results radar means more complex."

    def section_axis(self) -> Axis:
        labels = tuple(LEVEL_LABELS[level] for level in LEVELS)
        return Axis(
            0, 3, (1, 2, 3), labels, "Complexity (outer = more complex)", "Complexity level (1 simple to 3 complex)"
        )

    def summary_values(self, section: SectionResult) -> tuple[float | str | None, ...]:
        return (section.level or "unknown",)

    def colour(self, section: SectionResult) -> str | None:
        return LEVEL_COLOURS.get(section.level) if section.level is not None else None

    def change(self, before: float, after: float) -> str:
        return "Less complex" if after < before else "More complex"

    def item_change(self, before: int, after: int) -> str:
        return "Less complex" if after < before else "More complex"


def _complexity_flags(complex_titles: list[str], threshold: int) -> list[Flag]:
    """NASSS-S04: several complex domains is a warning; fewer is information."""
    count = len(complex_titles)
    names = "; ".join(complex_titles)
    if count >= threshold:
        code = FlagCode.NASSS_MULTIPLE_COMPLEX
        message = (
            f"{plural(count, 'domain')} rated complex ({names}). In the original NASSS case studies, "
            "programmes that were complex in several domains rarely if ever became mainstream. "
            f"The threshold used here ({threshold}) is our reading of a qualitative finding from "
            "six case studies, not a validated cut-off."
        )
    elif count >= 1:
        code = FlagCode.NASSS_COMPLEX_DOMAIN
        message = (
            f"Complexity in {plural(count, 'domain')} ({names}): plan how to reduce or manage it "
            f"before it spreads to other domains (the warning for several complex domains starts at "
            f"{threshold})."
        )
    else:
        return []
    return [Flag(code=code, severity=code.severity, message=message)]
