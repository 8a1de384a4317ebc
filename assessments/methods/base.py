"""What every scoring method provides, and the reading of one item that all of them start from."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from assessments.models import (
    Flag,
    Framework,
    FrameworkResult,
    Item,
    ItemResult,
    MethodId,
    Option,
    Section,
    SectionResult,
)

RadarLevel = Literal["item", "section"]
"""Whether a radar has a spoke per item or per section."""

COUNT_KEYS = ("answered", "unknown", "not_applicable", "unanswered", "total")


@dataclass(frozen=True, slots=True)
class Reading:
    """How one item was read: its public result plus what the methods need."""

    result: ItemResult
    item: Item
    option: Option | None
    position: float | None
    """Scale options only: 0.0 (first listed option) .. 1.0 (last listed option)."""
    rank: int | None
    """Scale options only: index among the item's scale options, 0 = first listed."""
    size: int
    """Number of scale options of the item (0 for text and date items)."""

    @property
    def top(self) -> bool:
        """True for the last scale option (the top of the scale)."""
        return self.rank is not None and self.rank == self.size - 1

    @property
    def ready_position(self) -> float | None:
        """0..1 with 1 = most ready, honouring the item's ``ready_end``; None when not on a scale."""
        if self.position is None:
            return None
        return 1.0 - self.position if self.item.ready_end == "low" else self.position

    @property
    def ready_rank(self) -> int | None:
        """Rank counted from the least-ready end (0 = least ready); None when not on a scale."""
        if self.rank is None:
            return None
        return self.size - 1 - self.rank if self.item.ready_end == "low" else self.rank


@dataclass(frozen=True, slots=True)
class SectionScores:
    """A method's results for every section of one framework, with the flags they raise."""

    sections: list[SectionResult]
    flags: list[Flag]
    complex_domains: int | None = None


@dataclass(frozen=True, slots=True)
class Axis:
    """The radial axis of a radar: range, ticks, and what the distance from the centre means."""

    low: float
    high: float
    """The ends of the scale; a plot leaves a little room beyond ``high`` for its markers."""
    tickvals: tuple[float, ...]
    ticktext: tuple[str, ...]
    meaning: str
    """Shown under the chart title, e.g. "Complexity (outer = more complex)"."""
    title: str
    """Short name of the plotted quantity, e.g. for a workbook column or chart title."""


def percent_axis(meaning: str, title: str) -> Axis:
    """A 0-100 axis ticked every 25."""
    ticks = (0, 25, 50, 75, 100)
    return Axis(0, 100, ticks, tuple(str(t) for t in ticks), meaning, title)


def counts(reads: Iterable[Reading]) -> dict[str, int]:
    """Answered, don't know, not applicable, unanswered and total counts (rule ALL-02)."""
    out = dict.fromkeys(COUNT_KEYS, 0)
    for r in reads:
        out["total"] += 1
        status = r.result.status
        out["unknown" if status == "dont_know" else status] += 1
    return out


def pct(values: Sequence[float]) -> float | None:
    """Mean of 0..1 values as a percentage to one decimal place, None for no values."""
    return round(sum(values) / len(values) * 100, 1) if values else None


def plural(n: int, one: str, many: str | None = None) -> str:
    """``"1 item"``, ``"3 items"``."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def answers_text(counts: SectionResult | FrameworkResult) -> str:
    """How much of a section or framework was answered: ``"4 of 5 answered, of which 1 don't know"``.

    "Answered" has one meaning everywhere (questionnaire, Results, exports, command line): the
    question has any answer, "don't know" and "not applicable" included. Those two are then named,
    because they are counted but never scored.
    """
    given = counts.answered + counts.unknown + counts.not_applicable
    detail = []
    if counts.unknown:
        detail.append(f"{counts.unknown} don't know")
    if counts.not_applicable:
        detail.append(f"{counts.not_applicable} not applicable")
    return f"{given} of {counts.total} answered" + (f", of which {' and '.join(detail)}" if detail else "")


def section_counts_text(section: SectionResult) -> str:
    """:func:`answers_text` of one section: how much of it a figure rests on."""
    return answers_text(section)


class ScoringMethod(ABC):
    """One way of scoring a framework: the only place that knows what its numbers mean.

    Scoring, charts, workbooks, the comparison and the command line ask the method of a
    framework instead of testing its name, so a rule about one method lives in one class.
    """

    id: ClassVar[MethodId]
    description: ClassVar[str]
    """How the method is described in a list of frameworks ("readiness, 0-100")."""
    area_heading: ClassVar[str] = "Section"
    """What a section is called in tables ("Section", "Domain")."""
    chart_note: ClassVar[str]
    """The sentence telling readers how to read this method's radar."""
    item_radar: ClassVar[bool] = False
    """True when the radar can have a spoke per item (each item is rated on one shared scale)."""
    change_unit: ClassVar[str] = ""
    """Unit named in a change of chart value ("Up 10 points")."""
    comparison_grid: ClassVar[Literal["levels", "ratings"] | None] = None
    """The grid a comparison shows for this method: each domain's level, each item's rating, or none."""
    summary_fields: ClassVar[tuple[str, ...]] = ("(0-100)",)
    top_needs_evidence: ClassVar[bool] = False
    """True when the top of the scale claims evidence ("3 – addressed, with evidence"): saved with no
    evidence type it is flagged, and the questionnaire says so under the answer."""
    """Column headings (after the section's name) of a section in summary tables, one per value."""

    @abstractmethod
    def score_sections(
        self, by_section: Sequence[tuple[Section, Sequence[Reading]]], *, complex_threshold: int
    ) -> SectionScores:
        """Section results and method-specific flags from the readings of every item."""

    @abstractmethod
    def chart_value(self, section: SectionResult) -> float | None:
        """The value a section's radar spoke shows (None for a gap, never zero)."""

    @abstractmethod
    def ranking_value(self, section: SectionResult) -> float | None:
        """The section on the comparison's 0-100 readiness axis (100 = most ready); None when missing."""

    @abstractmethod
    def reading(self, section: SectionResult) -> str:
        """The section's result in words ("42 out of 100", "Complicated", "80% complete; ...")."""

    @abstractmethod
    def overview(self, framework: Framework, result: FrameworkResult) -> tuple[str, str]:
        """The framework's result in one line: a headline figure and what it counts.

        E.g. ``("2 of 7", "priority factors are gaps · ...")``; a page may set the figure in bold.
        """

    def ready_answer(self, label: str) -> str:
        """How the most-ready answer of an item (its option ``label``) is described beside the item."""
        return f"More ready: towards '{label}'."

    @abstractmethod
    def section_axis(self) -> Axis:
        """The radial axis of a radar with a spoke per section."""

    def item_axis(self) -> Axis:
        """The radial axis of a radar with a spoke per item (only where ``item_radar``)."""
        raise NotImplementedError(f"the {self.id} method has no per-item radar")

    def axis(self, level: RadarLevel) -> Axis:
        """The radial axis for a radar at this level."""
        return self.item_axis() if level == "item" else self.section_axis()

    def radar_level(self, requested: Literal["auto", "item", "section"] = "auto") -> RadarLevel:
        """Which spokes a radar uses: items where the method allows it and it was asked for (or by default)."""
        if not self.item_radar:
            return "section"
        return "item" if requested == "auto" else requested

    def summary_values(self, section: SectionResult) -> tuple[float | str | None, ...]:
        """A section's values in summary tables, one per ``summary_fields``, rounded to 0.1."""
        return (None if section.score is None else round(section.score, 1),)

    def colour(self, section: SectionResult) -> str | None:
        """A fill colour (hex RGB, no '#') that repeats the reading's words; None for no colour."""
        return None

    def change(self, before: float, after: float) -> str:
        """A change of chart value in words ("Up 12", "Less complex")."""
        unit = f" {self.change_unit}" if self.change_unit else ""
        return f"Up {after - before:.0f}{unit}" if after > before else f"Down {before - after:.0f}{unit}"

    def item_change(self, before: int, after: int) -> str:
        """A change of an item's scale value in words."""
        return f"Up {after - before}" if after > before else f"Down {before - after}"
