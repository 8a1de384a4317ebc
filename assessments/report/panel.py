"""What a commissioner's panel pack says about a comparison, gathered before any HTML is written.

The pack prints the same :class:`~assessments.compare.comparison.Comparison` the Compare page,
the comparison workbook and ``python -m assessments compare`` show: the screen, the dominance
tiers (and an ordering inside one framework if one was asked for), each candidate's profile
per framework as a small chart with its numbers, the NASSS grid and SCIE factors in words, the
weights and the method. Then one part per candidate. Nothing here adds frameworks together and
nothing is imputed: gaps stay gaps.

:mod:`assessments.report.panel_html` writes it as HTML and makes the tagged PDF (``panel_pdf``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assessments.charts.spokes import radar_points, radar_spokes, resolve_level
from assessments.compare.comparison import Comparison
from assessments.compare.result_tables import span_text
from assessments.methods import method_of
from assessments.methods.base import answers_text
from assessments.models import Framework, FrameworkResult
from assessments.report.content import FlagText, Table, flag_text, role_text, stage_text
from assessments.report.panel_charts import Chart, small_chart
from assessments.report.radar_svg import spoke_label


@dataclass(frozen=True)
class CandidateFramework:
    """One framework's part of a candidate's page."""

    framework: Framework
    headline: tuple[str, str]
    """The method's headline figure and what it counts, as on the Results page."""
    answers: str
    """E.g. "18 of 22 answered, of which 2 don't know"."""
    chart: Chart
    table: Table
    """Every value in the chart: spoke number, label, value and reading."""
    flags: tuple[FlagText, ...]


@dataclass(frozen=True)
class PanelCandidate:
    """Everything the pack says about one candidate (in the comparison's order)."""

    number: int
    """1, 2, 3... in the order of the comparison (by tier, then alphabetically): an anchor, never a rank."""
    label: str
    details: tuple[tuple[str, str], ...]
    tier: int
    tier_range: str
    warnings: tuple[str, ...]
    """The screen's warnings as sentences."""
    coverage: str
    """Questions answered across its frameworks, counted by items."""
    parts: tuple[CandidateFramework, ...]
    missing: tuple[str, ...]
    """Short titles of the compared frameworks this candidate has no result in."""


@dataclass(frozen=True)
class PanelPack:
    """The whole pack's content."""

    comparison: Comparison
    frameworks: Mapping[str, Framework]
    weights: Mapping[str, float] | None
    """The weights of the ordering inside one framework, when one was asked for."""
    candidates: tuple[PanelCandidate, ...]
    produced_on: dt.date


def details(candidate_index: int, comparison: Comparison) -> tuple[tuple[str, str], ...]:
    """A candidate's details as labels: innovation, organisation, assessment date, label, stage, role, source."""
    c = comparison.candidates[candidate_index]
    a = c.assessment
    meta = a.assessment
    rows = [
        ("Innovation", a.innovation.name),
        ("Organisation", a.innovation.organisation or "Not given"),
        ("Assessment date", meta.assessed_on.isoformat() if meta.assessed_on else "Not given"),
        ("Stage", stage_text(a)),
        ("Assessor role", role_text(a)),
    ]
    if meta.label:
        rows.insert(3, ("Label", meta.label))
    return tuple(rows)


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def spoke_table(framework: Framework, result: FrameworkResult) -> Table:
    """The numbers of one candidate's chart: a row per spoke (numbered as on the chart), its value and reading."""
    level = resolve_level(framework)
    method = method_of(framework)
    axis = method.axis(level)
    heading = "Factor" if level == "item" else method.area_heading
    rows = tuple(
        (str(n), spoke_label(spoke), _number(point.value), point.reading)
        for n, (spoke, point) in enumerate(
            zip(radar_spokes(framework, level), radar_points(framework, result, level), strict=True), start=1
        )
    )
    return Table(("No.", heading, f"Value ({axis.low:.0f}-{axis.high:.0f})", "Reading"), rows)


def _flags(result: FrameworkResult) -> tuple[FlagText, ...]:
    warnings = [f for f in result.flags if f.severity == "warning"]
    return tuple(flag_text(f) for f in (*warnings, *(f for f in result.flags if f.severity != "warning")))


def _candidate(comparison: Comparison, index: int, frameworks: Mapping[str, Framework]) -> PanelCandidate:
    c = comparison.candidates[index]
    screen = comparison.screens[index]
    parts = []
    missing = []
    for fid, fw in frameworks.items():
        fr = c.framework_result(fid)
        if fr is None:
            missing.append(fw.short_title)
            continue
        parts.append(
            CandidateFramework(
                framework=fw,
                headline=method_of(fw).overview(fw, fr),
                answers=answers_text(fr),
                chart=small_chart(fw, c.label, fr),
                table=spoke_table(fw, fr),
                flags=_flags(fr),
            )
        )
    share = f" ({round(100 * screen.coverage)}%)" if screen.coverage is not None else ""
    coverage = (
        f"{screen.answered} of {screen.items} questions answered{share}, of which {screen.dont_know} "
        f'"don\'t know"; {screen.rated_with_evidence} of {screen.rated} ratings name an evidence type.'
    )
    r = comparison.tiers
    return PanelCandidate(
        number=index + 1,
        label=c.label,
        details=details(index, comparison),
        tier=comparison.tier(index),
        tier_range=span_text(r.low[index], r.high[index]),
        warnings=tuple(w.text for w in screen.warnings),
        coverage=coverage,
        parts=tuple(parts),
        missing=tuple(missing),
    )


def build_pack(
    comparison: Comparison, frameworks: Mapping[str, Framework], *, produced_on: dt.date | None = None
) -> PanelPack:
    """Gather what the panel pack of a comparison says.

    Args:
        comparison: The comparison, as :func:`assessments.compare.comparison.compare` made it
            (with its ordering inside one framework, if one was asked for).
        frameworks: The frameworks compared, in display order.
        produced_on: The date printed as the pack's date (default: today).
    """
    o = comparison.ordering
    return PanelPack(
        comparison=comparison,
        frameworks=frameworks,
        weights=None if o is None else o.weights,
        candidates=tuple(_candidate(comparison, i, frameworks) for i in range(len(comparison.candidates))),
        produced_on=produced_on or dt.date.today(),
    )


def spoke_names(framework: Framework) -> tuple[str, ...]:
    """The names of a framework's spokes in chart order (a numbered chart's key)."""
    return tuple(spoke_label(s) for s in radar_spokes(framework, resolve_level(framework)))


def chunks(count: int, size: int) -> Sequence[range]:
    """``range(count)`` cut into runs of at most ``size``, as even as possible (6 and 5, not 10 and 1)."""
    if count <= 0:
        return []
    parts = -(-count // size)
    base, extra = divmod(count, parts)
    out, start = [], 0
    for n in range(parts):
        width = base + (1 if n < extra else 0)
        out.append(range(start, start + width))
        start += width
    return out
