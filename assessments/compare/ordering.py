"""An optional weighted ordering inside ONE framework: the commissioner's own editorial choice, with its uncertainty.

Only frameworks with a score can be ordered: SCIE (readiness) and NASSS (complexity, through a level
mapping). A SIPS planning record has no score and is never ordered. Nothing here mixes frameworks.

* **Score.** Each section of the chosen framework gets the commissioner's weight (0-10, the
  workspace's weight profile restricted to this framework). A SCIE factor group counts as the mean
  of its rated factors (0-100); a NASSS domain as its level through the level mapping. The score is
  the weighted mean over the sections that have a value; the share of weight they carry is the
  *coverage*. Sections with nothing rated are left out, never filled in.
* **Uncertainty range.** The score again with every "don't know" answer of the framework taken as
  the best case (SCIE 3, NASSS simple) and as the worst case (SCIE 0, NASSS complex).
* **One answer's effect.** The largest change in the score from moving any one rated answer one
  step up or down its scale. Two candidates whose scores differ by less than the larger of their two
  effects are tied: their position is shared. Position = 1 + the number of candidates clearly ahead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np

from assessments.compare.sections import DEFAULT_MAPPING, MAPPINGS
from assessments.compare.weights import weight_key
from assessments.errors import ErrorCode, InputError, problem
from assessments.methods import method_of
from assessments.methods.complexity import LEVELS
from assessments.models import AssessmentResult, Framework

ORDERABLE: Final = ("readiness", "complexity")
"""Scoring methods whose frameworks can be ordered (SIPS, "planning", has no score)."""
DontKnowCase = Literal["as_is", "best", "worst"]
TIE_EPSILON: Final = 1e-9


@dataclass(frozen=True, slots=True)
class _Item:
    section: int
    rank: int | None
    """Steps from the least ready end (None for "don't know")."""
    steps: int


@dataclass(frozen=True)
class Profile:
    """One candidate's scale answers in one framework, ready for scoring under any scenario."""

    items: tuple[_Item, ...]
    dont_know: int


@dataclass(frozen=True)
class Scenario:
    """How a score is worked out: weights per section, per-factor weighting, sections kept, level mapping."""

    weights: tuple[float, ...]
    per_item: bool = False
    keep: tuple[bool, ...] | None = None
    mapping: str = DEFAULT_MAPPING


def orderable(frameworks: Mapping[str, Framework]) -> list[str]:
    """Ids of the frameworks that can be ordered, in display order."""
    return [fid for fid, fw in frameworks.items() if method_of(fw).id in ORDERABLE]


def check_orderable(framework_id: str, frameworks: Mapping[str, Framework]) -> Framework:
    """The framework to order within.

    Raises:
        InputError: COMPARE_004 when the framework is unknown or has no score (SIPS).
    """
    allowed = orderable(frameworks)
    if framework_id not in allowed:
        detail = f"'{framework_id}' cannot be ordered (frameworks with a score: {', '.join(allowed)})"
        raise InputError([problem(ErrorCode.COMPARE_004, field="order", detail=detail)])
    return frameworks[framework_id]


def framework_weights(weights: Mapping[str, float], framework: Framework) -> tuple[float, ...]:
    """The weights of one framework's sections (default 1).

    Raises:
        InputError: COMPARE_004 when every section of the framework has weight 0.
    """
    out = tuple(float(weights.get(weight_key(framework.id, s.id), 1.0)) for s in framework.sections)
    if not any(w > 0 for w in out):
        detail = f"every section of {framework.short_title} has weight 0, so there is nothing to order by"
        raise InputError([problem(ErrorCode.COMPARE_004, field="weights", detail=detail)])
    return out


def profile_of(result: AssessmentResult, framework: Framework) -> Profile:
    """The candidate's scale answers and "don't know" answers in one framework (no result: none)."""
    try:
        fr = result.framework(framework.id)
    except KeyError:
        return Profile(items=(), dont_know=0)
    index = {s.id: i for i, s in enumerate(framework.sections)}
    items = []
    for ir in fr.items:
        item = framework.item(ir.id)
        scale = [o.id for o in framework.options(ir.id) if o.kind == "scale"]
        if len(scale) < 2:
            continue
        steps = len(scale) - 1
        if ir.status == "dont_know":
            items.append(_Item(index[ir.section], None, steps))
        elif ir.status == "answered" and ir.value in scale:
            rank = scale.index(ir.value)
            items.append(_Item(index[ir.section], steps - rank if item.ready_end == "low" else rank, steps))
    return Profile(items=tuple(items), dont_know=sum(1 for i in items if i.rank is None))


def _rank(item: _Item, case: DontKnowCase) -> int | None:
    if item.rank is not None:
        return item.rank
    return {"as_is": None, "best": item.steps, "worst": 0}[case]


def score(
    profile: Profile,
    scenario: Scenario,
    *,
    complexity: bool,
    case: DontKnowCase = "as_is",
    moved: tuple[int, int] | None = None,
) -> tuple[float | None, float]:
    """``(score, coverage)`` of one candidate under one scenario; score None when nothing weighted has a value.

    ``moved`` = (item index, new rank) scores the profile with one answer moved (for one answer's effect).
    """
    n = len(scenario.weights)
    ranks: list[list[float]] = [[] for _ in range(n)]
    for idx, item in enumerate(profile.items):
        rank = moved[1] if moved is not None and moved[0] == idx else _rank(item, case)
        if rank is not None and (scenario.keep is None or scenario.keep[item.section]):
            ranks[item.section].append(rank / item.steps)
    if scenario.per_item and not complexity:
        flat = [v for sec in ranks for v in sec]
        return (100.0 * sum(flat) / len(flat) if flat else None), (1.0 if flat else 0.0)
    levels = MAPPINGS[scenario.mapping]
    total = covered = 0.0
    for s, values in enumerate(ranks):
        w = scenario.weights[s]
        if not values or w <= 0:
            continue
        if complexity:
            # ready position 1 = simple ... 0 = complex; the domain takes its least ready (most complex) answer
            worst = min(values)
            value = levels[round((1.0 - worst) * (len(LEVELS) - 1))]
        else:
            value = 100.0 * sum(values) / len(values)
        total += w * value
        covered += w
    weight_sum = sum(w for w in scenario.weights if w > 0)
    return (total / covered if covered else None), (covered / weight_sum if weight_sum else 0.0)


def answer_effect(profile: Profile, scenario: Scenario, *, complexity: bool) -> float:
    """The largest change in the score from moving one rated answer one step (0 when nothing is rated).

    Worked out section by section rather than by re-scoring every move (the tests check both agree): in a
    SCIE section of n rated factors one step moves the mean by 100 / (steps × n); a NASSS domain moves
    only when its most complex answer does (up a level if it can, or down when it is the only one there).
    """
    n = len(scenario.weights)
    by_section: list[list[_Item]] = [[] for _ in range(n)]
    for item in profile.items:
        if item.rank is not None and (scenario.keep is None or scenario.keep[item.section]):
            by_section[item.section].append(item)
    if scenario.per_item and not complexity:
        rated = [i for sec in by_section for i in sec]
        return max((100.0 / (i.steps * len(rated)) for i in rated), default=0.0)
    weight_sum = sum(w for w, sec in zip(scenario.weights, by_section, strict=True) if w > 0 and sec)
    if not weight_sum:
        return 0.0
    levels = MAPPINGS[scenario.mapping]
    effect = 0.0
    for w, sec in zip(scenario.weights, by_section, strict=True):
        if w <= 0 or not sec:
            continue
        change = _domain_change(sec, levels) if complexity else max(100.0 / (i.steps * len(sec)) for i in sec)
        effect = max(effect, w * change / weight_sum)
    return effect


def _level(item: _Item, rank: int) -> int:
    """Level index (0 simple .. 2 complex) of a NASSS answer at ``rank`` steps from the least ready end."""
    return round((1.0 - rank / item.steps) * (len(LEVELS) - 1))


def _domain_change(items: Sequence[_Item], levels: Sequence[float]) -> float:
    """The largest change in a NASSS domain's value from moving one of its answers one step."""
    assert all(i.rank is not None for i in items)
    ranks = [i.rank or 0 for i in items]
    worst = min(ranks)
    current = levels[_level(items[0], worst)]
    change = 0.0
    at_worst = [k for k, r in enumerate(ranks) if r == worst]
    if worst > 0:  # the most complex answer can get one step more complex
        change = max(change, abs(levels[_level(items[0], worst - 1)] - current))
    if len(at_worst) == 1 and worst < items[at_worst[0]].steps:  # the only most complex answer can ease
        others = [r for k, r in enumerate(ranks) if k != at_worst[0]]
        new = min([worst + 1, *others])
        change = max(change, abs(levels[_level(items[0], new)] - current))
    return change


def positions(scores: Sequence[float | None], effects: Sequence[float]) -> list[int | None]:
    """Position per candidate: 1 + the number clearly ahead (by at least the larger of the two effects).

    Candidates without a score get None. Differences smaller than one answer's effect are ties.
    """
    if not scores:
        return []
    s = np.array([np.nan if x is None else x for x in scores], dtype=float)
    e = np.asarray(effects, dtype=float)
    with np.errstate(invalid="ignore"):
        gap = s[None, :] - s[:, None]  # [i, j]: how far j is ahead of i
        ahead = (gap > 0) & (gap >= np.maximum(e[:, None], e[None, :]) - TIE_EPSILON)
    counts = ahead.sum(axis=1)
    return [None if np.isnan(s[i]) else 1 + int(counts[i]) for i in range(len(s))]


@dataclass(frozen=True)
class OrderRow:
    """One candidate in the ordering."""

    key: str
    label: str
    score: float | None
    best: float | None
    worst: float | None
    effect: float
    coverage: float
    dont_know: int
    position: int | None


@dataclass(frozen=True)
class Ordering:
    """An ordering inside one framework, with the weights it used."""

    framework: str
    title: str
    weights: dict[str, float]
    mapping: str | None
    rows: tuple[OrderRow, ...]
    """In position order (unordered last), ties alphabetically."""


def order_within(
    framework: Framework,
    keys: Sequence[str],
    labels: Sequence[str],
    results: Sequence[AssessmentResult],
    weights: Mapping[str, float],
) -> Ordering:
    """The weighted ordering of candidates inside one framework, with best/worst cases and ties.

    Raises:
        InputError: COMPARE_004 when the framework cannot be ordered or all its weights are 0.
    """
    complexity = method_of(framework).id == "complexity"
    w = framework_weights(weights, framework)
    scenario = Scenario(weights=w)
    profiles = [profile_of(r, framework) for r in results]
    scored = [score(p, scenario, complexity=complexity) for p in profiles]
    effects = [answer_effect(p, scenario, complexity=complexity) for p in profiles]
    pos = positions([s for s, _ in scored], effects)
    rows = [
        OrderRow(
            key=key,
            label=label,
            score=s,
            best=score(p, scenario, complexity=complexity, case="best")[0],
            worst=score(p, scenario, complexity=complexity, case="worst")[0],
            effect=e,
            coverage=cov,
            dont_know=p.dont_know,
            position=q,
        )
        for key, label, p, (s, cov), e, q in zip(keys, labels, profiles, scored, effects, pos, strict=True)
    ]
    rows.sort(key=lambda r: (r.position is None, r.position or 0, r.label.casefold()))
    return Ordering(
        framework=framework.id,
        title=framework.short_title,
        weights={weight_key(framework.id, s.id): x for s, x in zip(framework.sections, w, strict=True)},
        mapping=DEFAULT_MAPPING if complexity else None,
        rows=tuple(rows),
    )
