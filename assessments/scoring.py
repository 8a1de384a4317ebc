"""Scoring: turn validated answers into per-section results and flags.

Pure functions, no IO. Input is taken as already validated (see
``assessments.jsonfile``): an unknown item or option id is a programming error
here and raises ``KeyError`` / ``ValueError`` instead of being skipped.

Each framework is scored on its own terms, dispatching on ``Framework.scoring``.
The rules below are the ones the tests in ``tests/test_scoring.py`` cite; the
plain-English version is ``docs/scoring.md`` (see ``assessments.wording``).

Rules common to every method:

* ALL-01 An item's status is ``answered`` (a scale option, or non-blank text or
  date), ``dont_know``, ``not_applicable`` or ``unanswered`` (no answer, or only a
  note or evidence).
* ALL-02 ``answered + unknown + not_applicable + unanswered == total`` for every
  section and for the framework.
* ALL-03 "Don't know" is never imputed: it is counted in ``unknown`` and never
  enters a score. Flag ``DONT_KNOW_ANSWERS`` (info) gives the count when > 0.
* ALL-04 Flag ``INCOMPLETE`` (info) gives the number of unanswered items when > 0.
* ALL-05 Every framework passed in gets a result, in order, even with no answers.

Readiness (SCIE factors):

* SCIE-S01 A section's score is the mean of its answered scale items, each
  placed on 0..1 from the least to the most ready option, times 100, rounded to
  one decimal place (for the 0-3 scale: mean value / 3 x 100).
* SCIE-S02 A section with no answered scale item has score ``None`` (not 0).
* SCIE-S03 "Not applicable" items leave the denominator; "don't know" items are
  counted, not scored.
* SCIE-S04 One ``SCIE_PRIORITY_GAP`` flag (warning) per priority item rated at
  one of the two least-ready options (0 or 1) or "don't know", ordered by
  priority number, naming the factor, its rating and the priority.
* SCIE-S05 Unanswered priority items are not gaps (``INCOMPLETE`` covers them).

Complexity (NASSS):

* NASSS-S01 A domain's level is its most complex answered sub-domain; its score
  is that scale value (1 simple, 2 complicated, 3 complex). Never averaged.
* NASSS-S02 A domain with no answered sub-domain (only "don't know", "not
  applicable" or blanks) has score and level ``None``: it never looks simple.
* NASSS-S03 ``complex_domains`` counts domains whose level is the top of the scale.
* NASSS-S04 Flag ``NASSS_MULTIPLE_COMPLEX`` (warning) when ``complex_domains`` >=
  the threshold (default 2, configurable, at least 1); ``NASSS_COMPLEX_DOMAIN``
  (info) when 1 <= ``complex_domains`` < threshold.

Planning (SIPS structure):

* SIPS-S01 There is no SIPS score: section score and level are ``None``.
* SIPS-S02 completeness = items with a substantive answer (text, date or scale
  option) / (total - not applicable) x 100; ``None`` when every item is not applicable.
* SIPS-S03 readiness = mean of answered checks on 0..1 x 100; ``None`` when no
  check is answered.
* SIPS-S04 ``missing`` lists, in questionnaire order, items unanswered or "don't
  know" and checks not yet at the top of their scale. One ``SIPS_MISSING`` flag
  (info) per section with missing items, listing their short labels.
* SIPS-S05 An item marked ``follow_up_only`` (what changed since last time) that is
  left blank is neither missing nor counted against completeness: a baseline has
  nothing to report there. Once answered it counts like any other item.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from assessments.models import (
    Answer,
    Assessment,
    AssessmentResult,
    Flag,
    Framework,
    FrameworkResult,
    Item,
    ItemResult,
    Option,
    Section,
    SectionResult,
)

DEFAULT_COMPLEX_THRESHOLD = 2
"""Number of complex NASSS domains that raises ``NASSS_MULTIPLE_COMPLEX`` by default."""

Status = Literal["answered", "dont_know", "not_applicable", "unanswered"]

# Flag codes (stable; documented in docs/scoring.md and docs/assessment-format.md).
SCIE_PRIORITY_GAP = "SCIE_PRIORITY_GAP"
NASSS_MULTIPLE_COMPLEX = "NASSS_MULTIPLE_COMPLEX"
NASSS_COMPLEX_DOMAIN = "NASSS_COMPLEX_DOMAIN"
SIPS_MISSING = "SIPS_MISSING"
DONT_KNOW_ANSWERS = "DONT_KNOW_ANSWERS"
INCOMPLETE = "INCOMPLETE"
FLAG_CODES = (
    SCIE_PRIORITY_GAP,
    NASSS_MULTIPLE_COMPLEX,
    NASSS_COMPLEX_DOMAIN,
    SIPS_MISSING,
    DONT_KNOW_ANSWERS,
    INCOMPLETE,
)


@dataclass(frozen=True, slots=True)
class _Read:
    """How one item was read: its public result plus what the scorers need."""

    result: ItemResult
    item: Item
    option: Option | None
    position: float | None
    """Scale options only: 0.0 (least ready / simplest) .. 1.0 (most ready / most complex)."""
    rank: int | None
    """Scale options only: index among the item's scale options, 0 = first listed."""
    size: int
    """Number of scale options of the item (0 for text and date items)."""

    @property
    def top(self) -> bool:
        """True for the last scale option (the top of the scale)."""
        return self.rank is not None and self.rank == self.size - 1


def _check_threshold(complex_threshold: int) -> None:
    if isinstance(complex_threshold, bool) or not isinstance(complex_threshold, int):
        raise ValueError(f"complex_threshold must be a whole number, not {complex_threshold!r}")
    if complex_threshold < 1:
        raise ValueError(f"complex_threshold must be at least 1 (got {complex_threshold})")


@dataclass(frozen=True, slots=True)
class _OptionPlan:
    option: Option
    rank: int | None
    size: int
    position: float | None


@dataclass(frozen=True, slots=True)
class _ItemPlan:
    item: Item
    section: str
    options: dict[str, _OptionPlan]
    reads: dict[tuple[str | None, tuple[Any, ...], bool], _Read]
    """Readings already made of this item, by (value, evidence, has a note): choice and
    unanswered items only, so at most options x evidence sets x 2 entries. A reading
    is immutable, so a thousand assessments that chose the same option share one."""


@dataclass(frozen=True, slots=True)
class _Plan:
    """Per-framework lookups built once (the framework is immutable), so scoring is dict lookups only."""

    framework: Framework
    sections: tuple[tuple[Section, tuple[_ItemPlan, ...]], ...]
    item_ids: frozenset[str]


_PLANS: dict[int, _Plan] = {}


def _plan(framework: Framework) -> _Plan:
    cached = _PLANS.get(id(framework))
    if cached is not None and cached.framework is framework:
        return cached
    sections: list[tuple[Section, tuple[_ItemPlan, ...]]] = []
    for section in framework.sections:
        plans: list[_ItemPlan] = []
        for item in section.items:
            options = framework.options(item.id)
            scale = [o for o in options if o.kind == "scale"]
            lo = scale[0].value if scale else None
            hi = scale[-1].value if scale else None
            opts: dict[str, _OptionPlan] = {}
            for o in options:
                if o.kind == "scale":
                    assert lo is not None and hi is not None and o.value is not None  # scale options carry values
                    rank = scale.index(o)
                    opts[o.id] = _OptionPlan(o, rank, len(scale), (o.value - lo) / (hi - lo))
                else:
                    opts[o.id] = _OptionPlan(o, None, 0, None)
            plans.append(_ItemPlan(item=item, section=section.id, options=opts, reads={}))
        sections.append((section, tuple(plans)))
    plan = _Plan(framework=framework, sections=tuple(sections), item_ids=frozenset(framework.items))
    if len(_PLANS) > 64:  # frameworks are few; keep the cache from growing in long test runs
        _PLANS.clear()
    _PLANS[id(framework)] = plan
    return plan


def _read_item(framework: Framework, plan: _ItemPlan, answer: Answer | None) -> _Read:
    """Classify one answer (ALL-01); raise ValueError on an option the item does not have."""
    item = plan.item
    value = answer.value if answer is not None else None
    if item.type != "choice" and value is not None:
        return _new_read(framework, plan, answer, value)  # free text: never the same twice
    key = (value, answer.evidence, bool(answer.note.strip())) if answer is not None else (None, (), False)
    read = plan.reads.get(key)
    if read is None:
        read = plan.reads[key] = _new_read(framework, plan, answer, value)
    return read


def _new_read(framework: Framework, plan: _ItemPlan, answer: Answer | None, value: str | None) -> _Read:
    item = plan.item
    status: Status = "unanswered"
    numeric: int | None = None
    option: Option | None = None
    position: float | None = None
    rank: int | None = None
    size = 0
    if value is not None and value.strip() != "":
        if item.type == "choice":
            found = plan.options.get(value)
            if found is None:
                raise ValueError(
                    f"framework '{framework.id}', item '{item.id}': '{value}' is not an option "
                    f"(use one of: {', '.join(plan.options)})"
                )
            option = found.option
            if option.kind == "scale":
                status = "answered"
                numeric, rank, size, position = option.value, found.rank, found.size, found.position
            elif option.kind == "dont_know":
                status = "dont_know"
            else:
                status = "not_applicable"
        else:
            status = "answered"
    result = ItemResult(
        id=item.id,
        section=plan.section,
        status=status,
        value=value if status != "unanswered" else None,
        numeric=numeric,
        priority=item.priority,
        evidence=answer.evidence if answer is not None else (),
        has_note=bool(answer is not None and answer.note.strip()),
    )
    return _Read(result=result, item=item, option=option, position=position, rank=rank, size=size)


def _readiness_position(read: _Read) -> float | None:
    """0..1 with 1 = most ready, honouring the item's ``ready_end``."""
    if read.position is None:
        return None
    return 1.0 - read.position if read.item.ready_end == "low" else read.position


_COUNT_KEYS = ("answered", "unknown", "not_applicable", "unanswered", "total")


def _counts(reads: Iterable[_Read]) -> dict[str, int]:
    counts = dict.fromkeys(_COUNT_KEYS, 0)
    for r in reads:
        counts["total"] += 1
        status = r.result.status
        counts["unknown" if status == "dont_know" else status] += 1
    return counts


def _pct(values: list[float]) -> float | None:
    return round(sum(values) / len(values) * 100, 1) if values else None


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _option_label(read: _Read) -> str:
    return read.option.label if read.option is not None else "don't know"


def score_framework(
    framework: Framework, answers: Mapping[str, Answer], *, complex_threshold: int = DEFAULT_COMPLEX_THRESHOLD
) -> FrameworkResult:
    """Score one framework's answers by the framework's own method.

    Args:
        framework: The framework definition.
        answers: Answers keyed by item id (validated; missing items count as unanswered).
        complex_threshold: Number of complex NASSS domains that raises
            ``NASSS_MULTIPLE_COMPLEX`` (complexity frameworks only; at least 1).

    Returns:
        The framework's result: sections, flags, per-item reading and counts.

    Raises:
        KeyError: An answer names an item the framework does not have.
        ValueError: An answer names an option its item does not have, or the
            threshold is below 1.
    """
    _check_threshold(complex_threshold)
    plan = _plan(framework)
    unknown = [iid for iid in answers if iid not in plan.item_ids]
    if unknown:
        raise KeyError(f"framework '{framework.id}' has no item(s): {', '.join(sorted(unknown))}")
    by_section: list[tuple[Section, list[_Read]]] = [
        (section, [_read_item(framework, p, answers.get(p.item.id)) for p in items]) for section, items in plan.sections
    ]
    if framework.scoring == "readiness":
        sections, flags = _score_readiness(framework, by_section)
        complex_domains = None
    elif framework.scoring == "complexity":
        sections, flags, complex_domains = _score_complexity(by_section, complex_threshold)
    else:
        sections, flags = _score_planning(by_section)
        complex_domains = None
    all_reads = [r for _, reads in by_section for r in reads]
    # ALL-02: the framework's counts are the sums of its sections' counts.
    totals = {key: sum(getattr(s, key) for s in sections) for key in _COUNT_KEYS}
    if totals["unknown"]:
        flags.append(
            Flag(
                code=DONT_KNOW_ANSWERS,
                severity="info",
                message=(
                    f"{_plural(totals['unknown'], 'answer')} {'is' if totals['unknown'] == 1 else 'are'} "
                    '"don\'t know". '
                    + ("It is" if totals["unknown"] == 1 else "They are")
                    + " counted, not scored; finding out would make the picture more reliable."
                ),
            )
        )
    if totals["unanswered"]:
        flags.append(
            Flag(
                code=INCOMPLETE,
                severity="info",
                message=(
                    f"{_plural(totals['unanswered'], 'item')} of {totals['total']} "
                    f"{'is' if totals['unanswered'] == 1 else 'are'} not answered yet; results cover answered items only."
                ),
            )
        )
    return FrameworkResult(
        framework=framework.id,
        framework_version=framework.version,
        method=framework.scoring,
        sections=tuple(sections),
        flags=tuple(flags),
        items=tuple(r.result for r in all_reads),
        complex_domains=complex_domains,
        **totals,
    )


def _score_readiness(
    framework: Framework, by_section: list[tuple[Section, list[_Read]]]
) -> tuple[list[SectionResult], list[Flag]]:
    sections: list[SectionResult] = []
    gaps: list[tuple[int, int, Flag]] = []
    order = 0
    for section, reads in by_section:
        positions = [p for r in reads if (p := _readiness_position(r)) is not None]
        sections.append(SectionResult(id=section.id, title=section.title, score=_pct(positions), **_counts(reads)))
        for r in reads:
            order += 1
            priority = r.item.priority
            if priority is None:
                continue
            low = r.result.status == "answered" and r.rank is not None and _ready_rank(r) <= 1
            if not (low or r.result.status == "dont_know"):
                continue
            rating = (
                'answered "don\'t know"'
                if r.result.status == "dont_know"
                else f"rated '{_option_label(r)}'"
                + ("" if _option_label(r).startswith(str(r.result.numeric)) else f" ({r.result.numeric})")
            )
            gaps.append(
                (
                    priority,
                    order,
                    Flag(
                        code=SCIE_PRIORITY_GAP,
                        severity="warning",
                        section=section.id,
                        item=r.item.id,
                        priority=priority,
                        message=(
                            f"Priority {priority} for adult social care, '{r.item.short_label}', is {rating}: "
                            "a gap to plan for."
                        ),
                    ),
                )
            )
    gaps.sort(key=lambda g: (g[0], g[1]))
    return sections, [g[2] for g in gaps]


def _ready_rank(read: _Read) -> int:
    """Rank counted from the least-ready end (0 = least ready)."""
    assert read.rank is not None
    return read.size - 1 - read.rank if read.item.ready_end == "low" else read.rank


def _score_complexity(
    by_section: list[tuple[Section, list[_Read]]], complex_threshold: int
) -> tuple[list[SectionResult], list[Flag], int]:
    sections: list[SectionResult] = []
    complex_titles: list[str] = []
    for section, reads in by_section:
        answered = [r for r in reads if r.result.status == "answered" and r.option is not None]
        score: float | None = None
        level: str | None = None
        if answered:
            worst = max(answered, key=lambda r: (r.position or 0.0, r.result.numeric or 0))
            assert worst.option is not None
            score = float(worst.result.numeric) if worst.result.numeric is not None else None
            level = worst.option.id
            if worst.top:
                complex_titles.append(section.title)
        sections.append(SectionResult(id=section.id, title=section.title, score=score, level=level, **_counts(reads)))
    count = len(complex_titles)
    flags: list[Flag] = []
    names = "; ".join(complex_titles)
    if count >= complex_threshold:
        flags.append(
            Flag(
                code=NASSS_MULTIPLE_COMPLEX,
                severity="warning",
                message=(
                    f"{_plural(count, 'domain')} rated complex ({names}). In the original NASSS case studies, "
                    "programmes that were complex in several domains rarely if ever became mainstream. "
                    f"The threshold used here ({complex_threshold}) is our reading of a qualitative finding from "
                    "six case studies, not a validated cut-off."
                ),
            )
        )
    elif count >= 1:
        flags.append(
            Flag(
                code=NASSS_COMPLEX_DOMAIN,
                severity="info",
                message=(
                    f"Complexity in {_plural(count, 'domain')} ({names}): plan how to reduce or manage it "
                    f"before it spreads to other domains (the warning for several complex domains starts at "
                    f"{complex_threshold})."
                ),
            )
        )
    return sections, flags, count


def _score_planning(by_section: list[tuple[Section, list[_Read]]]) -> tuple[list[SectionResult], list[Flag]]:
    sections: list[SectionResult] = []
    flags: list[Flag] = []
    for section, reads in by_section:
        counts = _counts(reads)
        skipped = sum(1 for r in reads if r.item.follow_up_only and r.result.status == "unanswered")
        applicable = counts["total"] - counts["not_applicable"] - skipped
        completeness = round(counts["answered"] / applicable * 100, 1) if applicable else None
        checks = [p for r in reads if (p := _readiness_position(r)) is not None]
        missing: list[_Read] = []
        for r in reads:
            status = r.result.status
            if r.item.follow_up_only and status == "unanswered":
                continue
            if status in ("unanswered", "dont_know") or (
                status == "answered" and r.option is not None and not _at_ready_top(r)
            ):
                missing.append(r)
        sections.append(
            SectionResult(
                id=section.id,
                title=section.title,
                score=None,
                completeness=completeness,
                readiness=_pct(checks),
                missing=tuple(r.item.id for r in missing),
                **counts,
            )
        )
        if missing:
            labels = "; ".join(r.item.short_label for r in missing)
            flags.append(
                Flag(
                    code=SIPS_MISSING,
                    severity="info",
                    section=section.id,
                    message=f"{section.title}: {_plural(len(missing), 'item')} still to do or not yet in place: {labels}.",
                )
            )
    return sections, flags


def _at_ready_top(read: _Read) -> bool:
    """True when a scale answer sits at the most-ready end of its scale."""
    return _readiness_position(read) == 1.0


def score_assessment(
    assessment: Assessment,
    frameworks: Mapping[str, Framework] | Iterable[Framework],
    *,
    complex_threshold: int = DEFAULT_COMPLEX_THRESHOLD,
) -> AssessmentResult:
    """Score every framework for one assessment (ALL-05).

    Answers for frameworks not passed in are left out, so a caller can score a
    subset; within a scored framework unknown ids raise.

    Args:
        assessment: The validated assessment.
        frameworks: Frameworks to score, in display order (a mapping by id or an iterable).
        complex_threshold: See :func:`score_framework`.

    Returns:
        One result per framework, in the order given, even with no answers.

    Raises:
        KeyError: An answer names an unknown item.
        ValueError: An answer names an unknown option, or the threshold is below 1.
    """
    _check_threshold(complex_threshold)
    fws = list(frameworks.values()) if isinstance(frameworks, Mapping) else list(frameworks)
    return AssessmentResult(
        results=tuple(
            score_framework(fw, assessment.answers.get(fw.id, {}), complex_threshold=complex_threshold) for fw in fws
        )
    )


def results_to_json(result: AssessmentResult | FrameworkResult) -> dict[str, Any]:
    """The stable, documented JSON form of results (docs/assessment-format.md).

    Args:
        result: All frameworks' results, or one framework's result.

    Returns:
        ``{"results": [{"framework", "framework_version", "method", "sections": [...],
        "flags": [...], "items": [...], counts..., "complex_domains"}]}``.
    """
    results = result.results if isinstance(result, AssessmentResult) else (result,)
    return {"results": [r.model_dump(mode="json") for r in results]}
