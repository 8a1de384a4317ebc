"""Turn a scored assessment into suggested next steps for its weakest areas.

The advice text lives in ``advice.yaml`` (see :mod:`assessments.guidance.advice`);
this module holds the rules that choose it. :func:`next_steps` picks the weakest areas:

1. SCIE priority factors flagged as gaps (rated 0, "don't know", then 1; ties
   by priority number then questionnaire order);
2. NASSS domains rated complex, in framework order;
3. SIPS-structured planning items still missing, least complete section first;
4. one step on finding out the "don't know" answers when there are several;
5. other SCIE factors rated at the lowest point.

Lists are taken in turn (one from each, then the next from each), so a short
list still covers every framework that has a weak area. Two rules come on top:

* A missing theory of change or logic model (advice marked ``first``) comes before
  everything else: SCIE's summary of SIPS calls the theory of change perhaps the most
  critical part of the information gathered.
* Given the innovation's stage, steps in the areas that stage focuses on (``stages``
  in ``advice.yaml``, our editorial choice) come first within each list.

The choice is fully deterministic: the same results and stage always give the same
steps in the same order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from assessments.guidance.advice import Advice, StageAdvice, bundled_advice
from assessments.methods import method_of
from assessments.methods.complexity import Complexity
from assessments.methods.readiness import Readiness
from assessments.models import STAGE_LABELS, AssessmentResult, FlagCode, Framework, FrameworkResult, Stage

_BOOK = bundled_advice()

SOURCES: Mapping[str, str] = _BOOK.sources
"""Where the advice comes from: full label by source key (see docs and the method page)."""

GUIDANCE: Mapping[str, Mapping[str, Advice]] = _BOOK.guidance
"""Advice keyed by framework id, then item or section id (item advice wins over section advice)."""

UNKNOWNS_ADVICE: Advice = _BOOK.unknowns
"""Advice for the step on finding out "don't know" answers."""

GENERIC_ADVICE: Advice = _BOOK.generic
"""Advice for an area with nothing more specific."""

STAGE_ADVICE: Mapping[Stage, StageAdvice] = _BOOK.stages
"""Which areas come first at each stage of an innovation, and why."""

UNKNOWN_STEP_THRESHOLD = 3
"""Number of "don't know" answers (across frameworks) that adds a step on finding them out."""

Kind = Literal["priority_gap", "complex_domain", "planning_missing", "unknowns", "low_factor"]


@dataclass(frozen=True)
class NextStep:
    """A suggested next step for one weak area."""

    kind: Kind
    framework: str
    area: str
    """Item or section id the step is about (empty for the don't-know step)."""
    reason: str
    """Why this area was picked, e.g. the rating that made it a gap."""
    title: str
    action: str
    sources: tuple[str, ...]
    section: str = ""
    """The section the area belongs to (the area itself for a section), for the stage's focus."""
    first: bool = False
    """A missing theory of change or logic model: shown before every other step."""

    @property
    def source_labels(self) -> list[str]:
        """Full names of the sources the advice draws on."""
        return [SOURCES[s] for s in self.sources]


def advice_for(framework_id: str, area_id: str, section_id: str | None = None) -> Advice:
    """The advice for an item or section, falling back to its section, then to generic advice.

    Args:
        framework_id: The framework id.
        area_id: Item or section id.
        section_id: The item's section, used when the item has no advice of its own.

    Returns:
        The most specific advice available.
    """
    table = GUIDANCE.get(framework_id, {})
    if area_id in table:
        return table[area_id]
    if section_id is not None and section_id in table:
        return table[section_id]
    return GENERIC_ADVICE


def _step(
    kind: Kind, result: FrameworkResult, area: str, reason: str, advice: Advice, section: str | None = None
) -> NextStep:
    return NextStep(
        kind=kind,
        framework=result.framework,
        area=area,
        reason=reason,
        title=advice.title,
        action=advice.action,
        sources=advice.sources,
        section=section or area,
        first=advice.first,
    )


def _advice_rank(step: NextStep) -> int:
    """Where a step's advice stands in the advice file, for ordering steps that all come first."""
    titles = [a.title for a in GUIDANCE.get(step.framework, {}).values()]
    return titles.index(step.title) if step.title in titles else len(titles)


def stage_note(stage: Stage | None) -> str:
    """How the steps are ordered for an innovation at this stage, in one sentence ("" without a stage)."""
    if stage is None or stage not in STAGE_ADVICE:
        return ""
    return f"Ordered for an innovation at the {STAGE_LABELS[stage].lower()} stage. {STAGE_ADVICE[stage].note}"


def _gap_steps(result: FrameworkResult, framework: Framework) -> list[NextStep]:
    items = {i.id: i for i in result.items}
    order = list(framework.items)
    ranked: list[tuple[int, int, int, NextStep]] = []
    for flag in result.flags:
        if flag.code is not FlagCode.SCIE_PRIORITY_GAP or flag.item is None or flag.item not in items:
            continue
        it = items[flag.item]
        rank = 1 if it.status == "dont_know" else (0 if (it.numeric or 0) == 0 else 2)
        section = framework.section_of(flag.item).id if flag.item in framework.items else None
        advice = advice_for(result.framework, flag.item, section)
        step = _step("priority_gap", result, flag.item, flag.message, advice, section)
        position = order.index(flag.item) if flag.item in order else len(order)
        ranked.append((rank, flag.priority or 99, position, step))
    ranked.sort(key=lambda r: r[:3])
    seen: set[str] = set()
    steps = []
    for *_, step in ranked:
        if step.area not in seen:
            seen.add(step.area)
            steps.append(step)
    return steps


def _low_factor_steps(result: FrameworkResult, framework: Framework, exclude: set[str]) -> list[NextStep]:
    steps = []
    for it in result.items:
        if it.id in exclude or it.priority is not None or it.status != "answered" or it.numeric is None:
            continue
        options = [o for o in framework.options(it.id) if o.is_scale]
        if not options or it.numeric != options[0].value:
            continue
        label = framework.item(it.id).short_label
        reason = f"'{label}' is rated at the lowest point ('{options[0].label}')."
        steps.append(
            _step("low_factor", result, it.id, reason, advice_for(result.framework, it.id, it.section), it.section)
        )
    return steps


def _complex_steps(result: FrameworkResult, framework: Framework) -> list[NextStep]:
    steps = []
    top_by_item = {
        item_id: max((o.value for o in framework.options(item_id) if o.is_scale and o.value is not None), default=None)
        for item_id in framework.items
    }
    for section in result.sections:
        if section.level != "complex":
            continue
        complex_items = [
            framework.item(i.id).short_label
            for i in result.items
            if i.section == section.id and i.numeric is not None and i.numeric == top_by_item.get(i.id)
        ]
        reason = f"Domain '{section.title}' is rated complex"
        reason += f" ({'; '.join(complex_items)})." if complex_items else "."
        steps.append(_step("complex_domain", result, section.id, reason, advice_for(result.framework, section.id)))
    return steps


def _planning_steps(result: FrameworkResult, framework: Framework) -> list[NextStep]:
    ordered = sorted(
        enumerate(result.sections),
        key=lambda p: (p[1].completeness if p[1].completeness is not None else 101.0, p[0]),
    )
    # Items sharing one piece of advice become one step listing them all.
    groups: dict[Advice, tuple[str, list[str], str, str]] = {}
    for _, section in ordered:
        for item_id in section.missing:
            if item_id not in framework.items:
                continue
            advice = advice_for(result.framework, item_id, section.id)
            done = f", {section.completeness:.0f} % complete" if section.completeness is not None else ""
            labels = groups.setdefault(advice, (item_id, [], f"'{section.title}'{done}", section.id))[1]
            labels.append(framework.item(item_id).short_label)
    return [
        _step("planning_missing", result, first, f"Still to do in {where}: {'; '.join(labels)}.", advice, section)
        for advice, (first, labels, where, section) in groups.items()
    ]


def next_steps(
    result: AssessmentResult,
    frameworks: Mapping[str, Framework],
    limit: int = 6,
    *,
    stage: Stage | None = None,
) -> list[NextStep]:
    """Pick suggested next steps for the weakest areas, deterministically.

    Args:
        result: The scored assessment.
        frameworks: The frameworks the result was scored with, by id.
        limit: Most steps to return (0 or less returns none).
        stage: The innovation's stage: the areas it focuses on come first within each list.

    Returns:
        Up to ``limit`` steps: lists of priority gaps, complex NASSS domains,
        missing SIPS-structured planning items, a step on "don't know" answers
        (when there are at least :data:`UNKNOWN_STEP_THRESHOLD`) and other SCIE
        factors at the lowest point, taken in turn in that order; a missing theory of
        change or logic model always first.
    """
    if limit <= 0:
        return []
    gaps: list[NextStep] = []
    complex_: list[NextStep] = []
    planning: list[NextStep] = []
    low: list[NextStep] = []
    unknowns: list[NextStep] = []
    unknown_total = 0
    for fr in result.results:
        fw = frameworks.get(fr.framework)
        if fw is None:
            continue
        unknown_total += fr.unknown
        method = method_of(fr)
        if isinstance(method, Readiness):
            found = _gap_steps(fr, fw)
            gaps.extend(found)
            low.extend(_low_factor_steps(fr, fw, {s.area for s in found}))
        elif isinstance(method, Complexity):
            complex_.extend(_complex_steps(fr, fw))
        else:
            planning.extend(_planning_steps(fr, fw))
    if unknown_total >= UNKNOWN_STEP_THRESHOLD:
        per = ", ".join(
            f"{fr.unknown} in {frameworks[fr.framework].short_title}"
            for fr in result.results
            if fr.unknown and fr.framework in frameworks
        )
        unknowns.append(
            NextStep(
                kind="unknowns",
                framework="",
                area="",
                reason=f'{unknown_total} answers are "don\'t know" ({per}).',
                title=UNKNOWNS_ADVICE.title,
                action=UNKNOWNS_ADVICE.action,
                sources=UNKNOWNS_ADVICE.sources,
            )
        )
    focus = set(STAGE_ADVICE[stage].focus) if stage is not None and stage in STAGE_ADVICE else set()
    queues = [
        sorted(q, key=lambda s: f"{s.framework}.{s.section}" not in focus)  # stable: focus areas first
        for q in (gaps, complex_, planning, unknowns, low)
    ]
    # The theory of change before the logic model: in the order the advice file lists them.
    picked: list[NextStep] = sorted((s for s in planning if s.first), key=_advice_rank)[:limit]
    queues = [[s for s in q if not s.first] for q in queues]
    depth = 0
    while len(picked) < limit and any(depth < len(q) for q in queues):
        for q in queues:
            if depth < len(q) and len(picked) < limit:
                picked.append(q[depth])
        depth += 1
    return picked
