"""Scoring: turn validated answers into per-section results and flags.

Pure functions, no IO. Input is taken as already validated (see
``assessments.validation``): an unknown item or option id is a programming error
here and raises ``KeyError`` / ``ValueError`` instead of being skipped.

Each framework is scored on its own terms by its method (``assessments.methods``);
this module reads every item (ALL-01), counts (ALL-02) and adds the common flags.
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
* ALL-06 Answers given under an earlier version of the framework whose meaning has
  changed since (``assessments.upgrades``) are scored as given, never reinterpreted,
  and named in one ``EARLIER_VERSION`` flag (warning) until changed or confirmed.

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
* SCIE-S06 One ``SCIE_NO_EVIDENCE`` flag (warning) names every factor rated at the
  top of its scale ("3 - ..., with evidence") that records no evidence type.

Complexity (NASSS):

* NASSS-S01 A domain's level is its most complex answered sub-domain; its score
  is that scale value (1 simple, 2 complicated, 3 complex). Never averaged.
* NASSS-S02 A domain with no answered sub-domain (only "don't know", "not
  applicable" or blanks) has score and level ``None``: it never looks simple.
* NASSS-S03 ``complex_domains`` counts domains whose level is the top of the scale.
* NASSS-S04 Flag ``NASSS_MULTIPLE_COMPLEX`` (warning) when ``complex_domains`` >=
  the threshold (default 2, configurable, at least 1); ``NASSS_COMPLEX_DOMAIN``
  (info) when 1 <= ``complex_domains`` < threshold.
* NASSS-S05 A domain below complex with any sub-domain "don't know" or unanswered
  is only *at least* its level (``at_least``); such domains, and domains with no
  level but open sub-domains, could still be complex. The NASSS flag names them
  (``NASSS_MAY_BE_COMPLEX``, info, when no domain is complex yet).

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

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assessments.methods import Reading, method_of
from assessments.methods.base import COUNT_KEYS, plural
from assessments.models import (
    Answer,
    Assessment,
    AssessmentResult,
    EvidenceType,
    Flag,
    FlagCode,
    Framework,
    FrameworkResult,
    Item,
    ItemResult,
    ItemStatus,
    Option,
    Section,
)
from assessments.upgrades import check_message, to_check

DEFAULT_COMPLEX_THRESHOLD = 2
"""Number of complex NASSS domains that raises ``NASSS_MULTIPLE_COMPLEX`` by default."""


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


_ReadKey = tuple[str | None, tuple[EvidenceType, ...], bool]


@dataclass(frozen=True, slots=True)
class _ItemPlan:
    item: Item
    section: str
    options: dict[str, _OptionPlan]
    reads: dict[_ReadKey, Reading]
    """Readings already made of this item, by (value, evidence, has a note): choice and
    unanswered items only, so at most options x evidence sets x 2 entries. A reading
    is immutable, so a thousand assessments that chose the same option share one."""


@dataclass(frozen=True, slots=True)
class _Plan:
    """Per-framework lookups built once (the framework is immutable), so scoring is dict lookups only."""

    sections: tuple[tuple[Section, tuple[_ItemPlan, ...]], ...]
    item_ids: frozenset[str]


def _plan(framework: Framework) -> _Plan:
    """The framework's scoring plan, kept with the framework itself (no global cache)."""
    return framework.lookups.derived(_Plan, lambda: _build_plan(framework))


def _build_plan(framework: Framework) -> _Plan:
    sections: list[tuple[Section, tuple[_ItemPlan, ...]]] = []
    for section in framework.sections:
        plans: list[_ItemPlan] = []
        for item in section.items:
            options = framework.options(item.id)
            scale = [o for o in options if o.kind == "scale"]
            opts: dict[str, _OptionPlan] = {}
            for o in options:
                if o.kind == "scale":
                    lo, hi = scale[0].value, scale[-1].value
                    assert lo is not None and hi is not None and o.value is not None  # scale options carry values
                    opts[o.id] = _OptionPlan(o, scale.index(o), len(scale), (o.value - lo) / (hi - lo))
                else:
                    opts[o.id] = _OptionPlan(o, None, 0, None)
            plans.append(_ItemPlan(item=item, section=section.id, options=opts, reads={}))
        sections.append((section, tuple(plans)))
    return _Plan(sections=tuple(sections), item_ids=frozenset(framework.items))


def _read_item(framework: Framework, plan: _ItemPlan, answer: Answer | None) -> Reading:
    """Classify one answer (ALL-01); raise ValueError on an option the item does not have."""
    item = plan.item
    value = answer.value if answer is not None else None
    if item.type != "choice" and value is not None:
        return _new_read(framework, plan, answer, value)  # free text: never the same twice
    key: _ReadKey = (value, answer.evidence, bool(answer.note.strip())) if answer is not None else (None, (), False)
    read = plan.reads.get(key)
    if read is None:
        read = plan.reads[key] = _new_read(framework, plan, answer, value)
    return read


def _new_read(framework: Framework, plan: _ItemPlan, answer: Answer | None, value: str | None) -> Reading:
    item = plan.item
    status: ItemStatus = "unanswered"
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
    return Reading(result=result, item=item, option=option, position=position, rank=rank, size=size)


def score_framework(
    framework: Framework,
    answers: Mapping[str, Answer],
    *,
    complex_threshold: int = DEFAULT_COMPLEX_THRESHOLD,
    answered_under: str | None = None,
) -> FrameworkResult:
    """Score one framework's answers by the framework's own method.

    Args:
        framework: The framework definition.
        answers: Answers keyed by item id (validated; missing items count as unanswered).
        complex_threshold: Number of complex NASSS domains that raises
            ``NASSS_MULTIPLE_COMPLEX`` (complexity frameworks only; at least 1).
        answered_under: The framework version the answers were given under, when it is an
            earlier one (ALL-06); None for the current version.

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
    by_section: list[tuple[Section, list[Reading]]] = [
        (section, [_read_item(framework, p, answers.get(p.item.id)) for p in items]) for section, items in plan.sections
    ]
    scored = method_of(framework).score_sections(by_section, complex_threshold=complex_threshold)
    # ALL-02: the framework's counts are the sums of its sections' counts.
    totals = {key: sum(getattr(s, key) for s in scored.sections) for key in COUNT_KEYS}
    return FrameworkResult(
        framework=framework.id,
        framework_version=framework.version,
        method=framework.scoring,
        sections=tuple(scored.sections),
        flags=(*_version_flags(framework, answered_under, answers), *scored.flags, *_common_flags(totals)),
        items=tuple(r.result for _, reads in by_section for r in reads),
        complex_domains=scored.complex_domains,
        **totals,
    )


def _version_flags(framework: Framework, version: str | None, answers: Mapping[str, Answer]) -> list[Flag]:
    """ALL-06: the answers given under an earlier version whose meaning has changed, named for checking."""
    items = to_check(framework, version, answers)
    if not items or version is None:
        return []
    code = FlagCode.EARLIER_VERSION
    return [Flag(code=code, severity=code.severity, message=check_message(framework, version, items))]


def _common_flags(totals: Mapping[str, int]) -> list[Flag]:
    """ALL-03 and ALL-04: how many answers are "don't know", and how many items are unanswered."""
    flags: list[Flag] = []
    unknown, unanswered = totals["unknown"], totals["unanswered"]
    if unknown:
        code = FlagCode.DONT_KNOW_ANSWERS
        message = (
            f'{plural(unknown, "answer")} {"is" if unknown == 1 else "are"} "don\'t know". '
            + ("It is" if unknown == 1 else "They are")
            + " counted, not scored; finding out would make the picture more reliable."
        )
        flags.append(Flag(code=code, severity=code.severity, message=message))
    if unanswered:
        code = FlagCode.INCOMPLETE
        message = (
            f"{plural(unanswered, 'item')} of {totals['total']} "
            f"{'is' if unanswered == 1 else 'are'} not answered yet; results cover answered items only."
        )
        flags.append(Flag(code=code, severity=code.severity, message=message))
    return flags


def score_assessment(
    assessment: Assessment,
    frameworks: Mapping[str, Framework],
    *,
    complex_threshold: int = DEFAULT_COMPLEX_THRESHOLD,
) -> AssessmentResult:
    """Score every framework for one assessment (ALL-05).

    Answers for frameworks not passed in are left out, so a caller can score a
    subset; within a scored framework unknown ids raise.

    Args:
        assessment: The validated assessment.
        frameworks: Frameworks to score by id, in display order (the app's ``Catalogue`` or a subset).
        complex_threshold: See :func:`score_framework`.

    Returns:
        One result per framework, in the order given, even with no answers.

    Raises:
        KeyError: An answer names an unknown item.
        ValueError: An answer names an unknown option, or the threshold is below 1.
    """
    _check_threshold(complex_threshold)
    return AssessmentResult(
        results=tuple(
            score_framework(
                fw,
                assessment.answers.get(fw.id, {}),
                complex_threshold=complex_threshold,
                answered_under=assessment.framework_versions.get(fw.id),
            )
            for fw in frameworks.values()
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
