"""What a printed report of one assessment says, gathered from the domain before any HTML is written.

Everything here is plain data in people's words (labels, readings, flag titles), taken from
the same places the Results page takes it: scoring, the method of each framework, the radar's
spokes, the change table, the next steps and the wording module. Nothing here formats HTML.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assessments.changes import diff_assessments
from assessments.charts.changes import change_table
from assessments.charts.spokes import radar_points, radar_spokes, resolve_level, section_point
from assessments.guidance import NextStep, next_steps
from assessments.methods import method_of
from assessments.methods.base import answers_text
from assessments.models import (
    EVIDENCE_LABELS,
    ROLE_LABELS,
    STAGE_LABELS,
    Assessment,
    AssessmentResult,
    EvidenceType,
    Flag,
    FlagCode,
    Framework,
    FrameworkResult,
)
from assessments.report.radar_svg import RadarSeries, spoke_label
from assessments.scoring import score_assessment
from assessments.wording import answer_text, changes_title, evidence_text, series_name, short_name

MAX_SERIES = 4
"""Most assessments on one radar, as on the Results page: this one and up to three earlier ones."""


@dataclass(frozen=True)
class Scored:
    """One assessment with its results, named as on the Results page."""

    name: str
    """Short name for legends and table headings, e.g. ``Earlier (2025-05-01)``."""
    full_name: str
    """Its label and date, e.g. ``Baseline 2025-05-01``."""
    assessment: Assessment
    result: AssessmentResult
    since: str = ""
    """The heading of the change view against it, e.g. ``What changed since the assessment of 1 May 2025 (Baseline)``."""


@dataclass(frozen=True)
class Table:
    """A table in words: headings and rows of cells (``strong_rows`` are set in bold, e.g. section rows)."""

    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    strong_rows: frozenset[int] = frozenset()


@dataclass(frozen=True)
class FlagText:
    """A flag in words: "Warning" or "Note", its title and its message."""

    kind: str
    title: str
    message: str


@dataclass(frozen=True)
class FrameworkPart:
    """One framework's part of the report."""

    framework: Framework
    overview: tuple[str, str]
    """The headline figure and what it counts (the method's overview)."""
    answers: str
    """E.g. "18 of 22 answered, 2 don't know"."""
    series: tuple[RadarSeries, ...]
    chart_alt: str
    radar_table: Table
    section_table: Table | None
    """Section results, for frameworks whose radar has a spoke per item (else the radar table is it)."""
    flags: tuple[FlagText, ...]
    changes: Table | None
    changed_answers: int
    evidence: Table
    evidence_note: str
    written: Table | None
    """Every answer with a note or a written (text or date) answer: item, answer, evidence types and note."""


@dataclass(frozen=True)
class Report:
    """Everything the printed report says about one assessment."""

    current: Scored
    earlier: tuple[Scored, ...]
    previous: Scored | None
    parts: tuple[FrameworkPart, ...]
    steps: tuple[NextStep, ...]
    detail_changes: tuple[tuple[str, str, str], ...]
    """(field, before, after) for each detail of the assessment that changed since the previous one."""
    other_changes: str
    """How many notes and evidence entries changed since the previous one, in words ("" when none)."""
    produced_on: dt.date


def stage_text(assessment: Assessment) -> str:
    """The stage as a label ("Pilot"), or "Not given"."""
    stage = assessment.assessment.stage
    return STAGE_LABELS[stage] if stage else "Not given"


def role_text(assessment: Assessment) -> str:
    """The assessor's role as a label ("Provider"), or "Not given"."""
    role = assessment.assessment.assessor_role
    return ROLE_LABELS[role] if role else "Not given"


def _scored(assessment: Assessment, frameworks: Mapping[str, Framework], *, current: bool = False) -> Scored:
    meta = assessment.assessment
    return Scored(
        name=short_name(meta.assessed_on, current=current),
        full_name=series_name(meta.label, meta.assessed_on),
        assessment=assessment,
        result=score_assessment(assessment, frameworks),
        since=changes_title(meta.label, meta.assessed_on),
    )


def _unique(names: Sequence[str]) -> list[str]:
    out: list[str] = []
    for base in names:
        candidate, n = base, 2
        while candidate in out:
            candidate = f"{base} ({n})"
            n += 1
        out.append(candidate)
    return out


def _number(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "—"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def flag_text(flag: Flag) -> FlagText:
    """A flag in words: its title and message, never its code."""
    return FlagText("Warning" if flag.severity == "warning" else "Note", flag.code.label, flag.message)


def _flags(fr: FrameworkResult) -> tuple[FlagText, ...]:
    # Priority gaps first, as on the Results page, then the others in scoring order.
    gaps = [f for f in fr.flags if f.code is FlagCode.SCIE_PRIORITY_GAP]
    others = [f for f in fr.flags if f.code is not FlagCode.SCIE_PRIORITY_GAP]
    return tuple(flag_text(f) for f in (*gaps, *others))


def _radar_table(framework: Framework, series: Sequence[RadarSeries]) -> Table:
    level = resolve_level(framework)
    spokes = radar_spokes(framework, level)
    method = method_of(framework)
    heading = "Factor" if level == "item" else method.area_heading
    headings: list[str] = [heading]
    if level == "item":
        headings += ["Group"]
    headings += [s.name for s in series]
    headings.append(f"Reading: {series[-1].name}" if len(series) > 1 else "Reading")
    points = [radar_points(framework, s.result, level) for s in series]
    rows = []
    for i, spoke in enumerate(spokes):
        row = [spoke_label(spoke)]
        if level == "item":
            row.append(framework.section(spoke.section).label)
        row += [_number(p[i].value) for p in points]
        row.append(points[-1][i].reading)
        rows.append(tuple(row))
    return Table(tuple(headings), tuple(rows))


def _section_table(framework: Framework, series: Sequence[RadarSeries]) -> Table:
    method = method_of(framework)
    axis = method.section_axis()
    headings = (method.area_heading, *(f"{s.name} ({axis.low:.0f}-{axis.high:.0f})" for s in series), "Reading")
    rows = []
    for section in framework.sections:
        values = []
        for s in series:
            found = next((r for r in s.result.sections if r.id == section.id), None)
            values.append(_number(section_point(framework, found).value))
        current = next((r for r in series[-1].result.sections if r.id == section.id), None)
        rows.append((section.label, *values, section_point(framework, current).reading))
    return Table(headings, tuple(rows))


def _changes(framework: Framework, before: FrameworkResult, after: FrameworkResult) -> tuple[Table, int]:
    frame = change_table(framework, before, after)
    rows = tuple(
        tuple(str(v) for v in row) for row in frame[["Area", "Before", "After", "Change"]].itertuples(index=False)
    )
    strong = frozenset(i for i, level in enumerate(frame["Level"]) if level == "Section")
    return Table(("Area", "Before", "After", "Change"), rows, strong), int((frame["Level"] == "Item").sum())


def _evidence(fr: FrameworkResult) -> tuple[Table, str]:
    rated = [i for i in fr.items if i.status in ("answered", "dont_know", "not_applicable")]
    counts = dict.fromkeys(EvidenceType, 0)
    for item in rated:
        for e in set(item.evidence):
            counts[e] += 1
    without = sum(1 for i in rated if not i.evidence)
    notes = sum(1 for i in fr.items if i.has_note)
    rows = tuple((EVIDENCE_LABELS[e], str(n)) for e, n in counts.items())
    rows += (("No evidence type given", str(without)),)
    note = (
        f"Evidence types the assessor recorded against the {len(rated)} questions with an answer "
        f"(one answer can rest on several types); {notes} {'answer has' if notes == 1 else 'answers have'} a note. "
        "The app records what kind of evidence an answer rests on; it does not check the evidence."
    )
    return Table(("Evidence type", "Answers"), rows), note


def _written(framework: Framework, assessment: Assessment) -> Table | None:
    rows = []
    for item_id, item in framework.items.items():
        answer = assessment.answer(framework.id, item_id)
        if answer is None or not (answer.note or (item.type != "choice" and answer.value)):
            continue
        rows.append(
            (item.short_label, answer_text(framework, item_id, answer), evidence_text(answer.evidence), answer.note)
        )
    if not rows:
        return None
    # Leave out a column nobody filled in (SIPS notes, say), so the written text gets the width.
    keep = [0, *(c for c in (1, 2, 3) if any(r[c] for r in rows))]
    headings = ("Question", "Answer", "Evidence types", "Note")
    return Table(tuple(headings[c] for c in keep), tuple(tuple(r[c] for c in keep) for r in rows))


def _part(framework: Framework, scored: Sequence[Scored], names: Sequence[str]) -> FrameworkPart | None:
    series: list[RadarSeries] = []
    for name, s in zip(names, scored, strict=True):
        try:
            series.append(RadarSeries(name, s.result.framework(framework.id)))
        except KeyError:
            continue
    if framework.id not in {r.framework for r in scored[-1].result.results}:
        return None
    fr = series[-1].result
    method = method_of(framework)
    level = resolve_level(framework)
    spokes = "factor" if level == "item" else method.area_heading.lower()
    axis = method.axis(level)
    overlaid = f", with {len(series) - 1} earlier assessment(s) overlaid" if len(series) > 1 else ""
    alt = (
        f"Radar chart of {framework.short_title} results{overlaid}: one spoke per {spokes}; "
        f"distance from the centre: {axis.meaning}. Gaps in a line are answers that give no number. "
        "The table after the chart gives every value shown."
    )
    previous = series[-2].result if len(series) > 1 else None
    changes, changed = _changes(framework, previous, fr) if previous is not None else (None, 0)
    evidence, evidence_note = _evidence(fr)
    return FrameworkPart(
        framework=framework,
        overview=method.overview(framework, fr),
        answers=answers_text(fr),
        series=tuple(series),
        chart_alt=alt,
        radar_table=_radar_table(framework, series),
        section_table=_section_table(framework, series) if level == "item" else None,
        flags=_flags(fr),
        changes=changes,
        changed_answers=changed,
        evidence=evidence,
        evidence_note=evidence_note,
        written=_written(framework, scored[-1].assessment),
    )


def _detail_changes(
    before: Assessment, after: Assessment, frameworks: Mapping[str, Framework]
) -> tuple[tuple[tuple[str, str, str], ...], str]:
    changes = diff_assessments(before, after, frameworks)
    details = tuple(
        (c.where.removeprefix("Innovation: "), c.old, c.new)
        for c in changes
        if c.framework is None and c.field not in ("label", "assessed_on")
    )
    notes = sum(1 for c in changes if c.field == "note")
    evidence = sum(1 for c in changes if c.field == "evidence")
    parts = []
    if notes:
        parts.append(f"{notes} note{'s' if notes != 1 else ''}")
    if evidence:
        parts.append(f"the evidence types of {evidence} answer{'s' if evidence != 1 else ''}")
    return details, (" and ".join(parts) + " changed.") if parts else ""


def build_report(
    assessment: Assessment,
    frameworks: Mapping[str, Framework],
    *,
    earlier: Sequence[Assessment] = (),
    produced_on: dt.date | None = None,
) -> Report:
    """Gather what the report of one assessment says.

    Args:
        assessment: The assessment reported on.
        frameworks: The app's frameworks by id.
        earlier: Earlier assessments of the same innovation, oldest first; the last
            ``MAX_SERIES - 1`` are overlaid on the radars and the last one is "the previous".
        produced_on: The date printed as the report's date (default: today).

    Returns:
        The report's content.
    """
    current = _scored(assessment, frameworks, current=True)
    before = tuple(_scored(a, frameworks) for a in list(earlier)[-(MAX_SERIES - 1) :])
    everyone = (*before, current)
    names = _unique([s.name for s in everyone])
    parts = tuple(
        p
        for fr in current.result.results
        if fr.framework in frameworks
        if (p := _part(frameworks[fr.framework], everyone, names)) is not None
    )
    previous = before[-1] if before else None
    details, others = _detail_changes(previous.assessment, assessment, frameworks) if previous else ((), "")
    return Report(
        current=current,
        earlier=before,
        previous=previous,
        parts=parts,
        steps=tuple(next_steps(current.result, frameworks)),
        detail_changes=details,
        other_changes=others,
        produced_on=produced_on or dt.date.today(),
    )
