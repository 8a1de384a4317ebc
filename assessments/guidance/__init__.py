"""Suggested next steps for the weakest areas of an assessment.

The advice is ours, written for this app from three sources supplied with the
project: SCIE's 2020 rapid review of scaling innovation in social care (its
factors and seven priorities), the IMPACT evidence-informed change principles
for social care, and the Welsh Government's 2021 guidance on using evidence to
inform improvement (its planning checklist). Each piece of advice names the
sources it draws on. The advice is held as data keyed by item or section id
(:data:`GUIDANCE`), and :func:`next_steps` picks the weakest areas:

1. SCIE priority factors flagged as gaps (rated 0, "don't know", then 1; ties
   by priority number then questionnaire order);
2. NASSS domains rated complex, in framework order;
3. SIPS-structured planning items still missing, least complete section first;
4. one step on finding out the "don't know" answers when there are several;
5. other SCIE factors rated at the lowest point.

Lists are taken in turn (one from each, then the next from each), so a short
list still covers every framework that has a weak area. The choice is fully
deterministic: the same results always give the same steps in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from assessments.models import AssessmentResult, Framework, FrameworkResult

SOURCES: dict[str, str] = {
    "scie_2020": "SCIE (2020) Scaling innovation in social care: rapid pragmatic evidence review",
    "impact": "IMPACT Evidence Informed Change Model for Social Care",
    "welsh_2021": "Welsh Government (2021) Using evidence to inform improvement: planning checklist",
}
"""Where the advice comes from, by key (see docs and the method page)."""

UNKNOWN_STEP_THRESHOLD = 3
"""Number of "don't know" answers (across frameworks) that adds a step on finding them out."""

Kind = Literal["priority_gap", "complex_domain", "planning_missing", "unknowns", "low_factor"]


@dataclass(frozen=True)
class Advice:
    """One piece of advice: a short title, what to do, and its sources."""

    title: str
    action: str
    sources: tuple[str, ...]


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

    @property
    def source_labels(self) -> list[str]:
        """Full names of the sources the advice draws on."""
        return [SOURCES[s] for s in self.sources]


_S = ("scie_2020",)
_SI = ("scie_2020", "impact")
_SW = ("scie_2020", "welsh_2021")
_SIW = ("scie_2020", "impact", "welsh_2021")
_I = ("impact",)
_IW = ("impact", "welsh_2021")
_W = ("welsh_2021",)

_THEORY = Advice(
    "Write and agree the theory of change",
    "Set out, with the people involved, what the innovation aims to change and why its activities should lead "
    "there; say openly where the links are uncertain. This is the heart of the planning record.",
    _SIW,
)
_LOGIC = Advice(
    "Complete the logic model",
    "Fill in each column in turn: the resources going in, what will be done with them, what that produces (counts), "
    "the immediate changes for people, and the longer-term impact the service contributes to.",
    _W,
)
_CORE = Advice(
    "Name the core and the adaptable parts",
    "List the components that must stay the same wherever the innovation runs, and those a new site may change.",
    _SI,
)
_EVIDENCE = Advice(
    "Gather the evidence you already have",
    "Start from evidence that already exists, including what others have tried, then record research, lived "
    "experience and practice knowledge about this innovation.",
    _IW,
)
_OWNER = Advice(
    "Name an accountable owner",
    "Record who is accountable for the innovation and how decisions about it are made and reviewed.",
    _S,
)
_PARTNERS = Advice(
    "Secure partners' commitment",
    "Check which partners must take part, what each needs from the innovation, and get their commitment in "
    "writing; involve procurement, HR, finance and IT early.",
    _SI,
)
_RISK = Advice(
    "Agree risks and how they will be managed",
    "Agree with partners which risks are acceptable, who will manage them, and the ethical, safeguarding and "
    "information-governance questions any data collection raises.",
    _SW,
)
_COSTS = Advice(
    "Estimate the full costs",
    "Estimate set-up and running costs, staff time, and any period of double running while old and new services "
    "overlap.",
    _SW,
)
_FUNDING = Advice(
    "Know where the money comes from and when it stops",
    "Record the funding source and its end date, and start the conversation about what follows well before then.",
    _S,
)
_SUSTAIN = Advice(
    "Plan to sustain it from the start",
    "Describe how the innovation will keep going after current funding, how it links to wider developments in "
    "the organisation, and who must recognise it for that to happen.",
    _SI,
)
_SPREAD = Advice(
    "Choose how it will spread",
    "Decide where it could go next and by what route (replication, licensing, commissioning, networks), and what a "
    "second site would need to know.",
    _S,
)
_EVALUATION = Advice(
    "Plan the evaluation",
    "Say who will use the evidence and what they most need to know; then decide the questions, indicators, data "
    "already available, who collects new data and when, the budget, and how results will be shared.",
    _SIW,
)

GUIDANCE: dict[str, dict[str, Advice]] = {
    "scie": {
        # Innovation-level factors
        "evidence_of_efficacy": Advice(
            "Build the evidence that it works",
            "Decide what outcomes matter to people who draw on care, carers and staff, and collect them alongside "
            "a record of how the service is delivered, so others can repeat it. Budget for evaluation from the start; "
            "mix research, lived experience and practice knowledge rather than relying on one kind.",
            _SIW,
        ),
        "fidelity_and_adaptation": Advice(
            "Separate the core from what can flex",
            "Write down which parts of the innovation must stay the same for it to work and which can change to suit "
            "a new place. Check each new site against that list and record every adaptation made.",
            _SI,
        ),
        "iterative_learning": Advice(
            "Set up a learning cycle",
            "Agree regular points to try something, look at what happened and adjust. Treat what did not work as "
            "learning to share, not failure to hide.",
            _SI,
        ),
        "engaging_with_complexity": Advice(
            "Map where it is complex, not just complicated",
            "List the parts of the problem that are unpredictable or tangled together (people's lives, several "
            "organisations, shifting funding). Use the NASSS questions in this app to find them, then plan how to "
            "reduce or manage each one rather than expecting a fixed plan to hold.",
            _S,
        ),
        "scaling_leadership": Advice(
            "Check you have the right people for growth",
            "Growing a service needs different skills from inventing one. Name who will lead the scaling work and "
            "what support or new team members they need.",
            _S,
        ),
        "scale_teams": Advice(
            "Spread leadership beyond one champion",
            "If the innovation depends on one enthusiastic person, form a group that shares the knowledge and "
            "decisions so the work survives if they move on.",
            _S,
        ),
        "time_and_commitment": Advice(
            "Plan for the long haul",
            "Set out a realistic timescale for embedding change, and secure commitment from partners for that "
            "whole period rather than a single funding round.",
            _SI,
        ),
        "coproduction": Advice(
            "Involve people who draw on care as co-leaders",
            "Be honest about the level of involvement you have today. Build in time, expenses and payment for "
            "people's contributions, reach groups who are usually left out, and tell people afterwards how their "
            "views changed things. Bring staff and commissioners into the same conversations.",
            _SI,
        ),
        "planning_for_scale": Advice(
            "Write a plan for scale",
            "Describe where and how the innovation should spread, who would need to adopt it, and what each step "
            "needs. The SIPS-structured questions in this app give a starting outline.",
            _S,
        ),
        "shared_vision": Advice(
            "Agree what success looks like",
            "Work with everyone involved to say what the innovation is trying to achieve and what success would look "
            "like for each group; use this to steer decisions and evaluation.",
            _SI,
        ),
        "adequate_resources": Advice(
            "Cost the transition, not just the service",
            "Estimate start-up and transition costs, including any period of running old and new services side by "
            "side, and the staff time needed. Check the budget is enough for the timescale.",
            _SW,
        ),
        "recruitment_and_turnover": Advice(
            "Plan for staff coming and going",
            "Assume people will leave: write down the practice so new starters can pick it up, include it in "
            "induction, and cost recruitment and training into growth plans.",
            _S,
        ),
        "risk_aversion": Advice(
            "Agree what an acceptable risk is",
            "Bring providers, commissioners and regulators' expectations together to agree which risks are "
            "acceptable and how they will be managed, so caution protects people without blocking change.",
            _SI,
        ),
        "partnership_working": Advice(
            "Make partnership worth it for partners",
            "Identify which organisations must work together, what each gains, and involve back-office functions "
            "(procurement, HR, finance, IT) early so they do not become late obstacles.",
            _SI,
        ),
        # External factors
        "difficult_environment": Advice(
            "Walk the system the innovation must pass through",
            "List every body involved in provision, commissioning, funding, regulation and quality assurance, and "
            "check each one's position. One unsupportive part can stall scaling, so plan an approach for each.",
            _S,
        ),
        "scale_funding": Advice(
            "Find money meant for spreading",
            "Look for funding specifically for scale and spread rather than new pilots, and make the case with "
            "costs of transition and any double running. Invest-to-save arguments need up-front money identified.",
            _SW,
        ),
        "spread_networks": Advice(
            "Use networks to share what you learn",
            "Join or build networks where providers and commissioners swap practice, and share both successes and "
            "what did not work.",
            _SI,
        ),
        "leadership_support": Advice(
            "Secure backing from senior leaders",
            "Show how the innovation links to wider developments in the organisation, and ask those who control "
            "funding and capacity to recognise and support it.",
            _SI,
        ),
        "time_to_embed": Advice(
            "Negotiate time to embed",
            "Agree with funders and commissioners how long embedding will take, and what progress will be shown "
            "along the way, so the work is not judged too early.",
            _SW,
        ),
        "policy_levers": Advice(
            "Connect to policy and financial levers",
            "Identify the policies, incentives or contract terms that could encourage adoption, and who controls them.",
            _S,
        ),
        "national_local_priorities": Advice(
            "Tie the innovation to current priorities",
            "Show how it serves national and local priorities and the objectives of likely funders and commissioners.",
            _SW,
        ),
        "commissioning_for_spread": Advice(
            "Work with commissioners on sustainable spread",
            "Talk early with commissioners about how the innovation could be commissioned beyond the pilot, and what "
            "evidence they would need to see.",
            _SW,
        ),
    },
    "nasss": {
        "condition": Advice(
            "Understand the needs better",
            "Describe the needs of the people the innovation serves, including other conditions and social "
            "circumstances that make support harder, and design for that variety rather than an average case.",
            _SI,
        ),
        "technology": Advice(
            "Simplify the innovation itself",
            "Look for parts of the innovation (or its technology and supply) that could be made simpler, more "
            "standard or less dependent on one supplier or person.",
            _S,
        ),
        "value_proposition": Advice(
            "Make the case for value to each party",
            "Set out who pays, who benefits and the evidence for both; where the case is unclear, plan the "
            "evaluation that would settle it.",
            _SW,
        ),
        "adopter_system": Advice(
            "Work with staff, people who draw on care and carers",
            "Find out what the innovation asks of each group, what worries them and what would help, and involve "
            "them in shaping how it works in practice.",
            _SI,
        ),
        "organisation": Advice(
            "Build the organisation's capacity for the change",
            "Check readiness, leadership support, the work needed to adopt it, and how funding decisions will be "
            "made; name an owner for each gap.",
            _SI,
        ),
        "wider_system": Advice(
            "Map the policy, regulatory and professional context",
            "Identify the regulatory, professional, legal and funding conditions the innovation depends on, and who "
            "can influence each.",
            _S,
        ),
        "embedding_over_time": Advice(
            "Plan to adapt over time",
            "Agree how you will notice changes in the context and adapt the innovation, and repeat this assessment "
            "at follow-up.",
            _SI,
        ),
    },
    "sips": {
        # Item-level advice for the planning record's key items; other items fall back to their section.
        "theory_of_change": _THEORY,
        "theory_of_change_agreed": _THEORY,
        "logic_inputs": _LOGIC,
        "logic_activities": _LOGIC,
        "logic_outputs": _LOGIC,
        "logic_outcomes": _LOGIC,
        "logic_impact": _LOGIC,
        "logic_model_complete": _LOGIC,
        "core_components": _CORE,
        "adaptable_components": _CORE,
        "core_components_defined": _CORE,
        "evidence_so_far": _EVIDENCE,
        "governance": _OWNER,
        "governance_owner_named": _OWNER,
        "partners": _PARTNERS,
        "partners_committed": _PARTNERS,
        "regulatory_and_risk": _RISK,
        "risks_agreed": _RISK,
        "setup_costs": _COSTS,
        "running_costs": _COSTS,
        "double_running_costs": _COSTS,
        "staff_time": _COSTS,
        "costs_estimated": _COSTS,
        "funding_source": _FUNDING,
        "funding_end_date": _FUNDING,
        "funding_secured": _FUNDING,
        "sustainability_plan": _SUSTAIN,
        "sustainability_plan_ready": _SUSTAIN,
        "spread_plan": _SPREAD,
        "spread_model_chosen": _SPREAD,
        "evaluation_plan": _EVALUATION,
        "evaluation_plan_ready": _EVALUATION,
        "indicators": _EVALUATION,
        "defining": Advice(
            "Define the innovation and its theory of change",
            "Describe the problem, who the innovation is for and how its activities are expected to lead to outputs, "
            "outcomes and longer-term impact. Find out whether anyone has done something similar.",
            _SIW,
        ),
        "environment": Advice(
            "Settle governance and readiness to adopt",
            "Name who owns the innovation, how decisions are made, and whether the organisation and its partners "
            "are ready; involve back-office functions early.",
            _SI,
        ),
        "resources": Advice(
            "Cost it and know when funding ends",
            "Estimate the full costs, including double running, know when current funding ends, and check the budget "
            "fits the time needed.",
            _SW,
        ),
        "next_steps": Advice(
            "Plan for sustainability, spread and evaluation",
            "Write down how the innovation will continue after current funding, where it could spread next, and the "
            "evaluation (questions, data, who collects it, who will use the results) that would show it works.",
            _SIW,
        ),
    },
}
"""Advice keyed by framework id, then item or section id (item advice wins over section advice)."""

UNKNOWNS_ADVICE = Advice(
    "Find out what you don't know yet",
    'Several answers are "don\'t know". List them, decide who could answer each (colleagues, people who draw on '
    "care, partners, existing data) and check what is already collected before gathering anything new; then "
    "update the assessment.",
    _IW,
)

GENERIC_ADVICE = Advice(
    "Look at this area with the people involved",
    "Discuss the rating with the people involved, agree what would improve it and who will act.",
    _I,
)


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


def _frameworks(frameworks: Mapping[str, Framework] | Iterable[Framework]) -> dict[str, Framework]:
    if isinstance(frameworks, Mapping):
        return dict(frameworks)
    return {f.id: f for f in frameworks}


def _step(kind: Kind, result: FrameworkResult, area: str, reason: str, advice: Advice) -> NextStep:
    return NextStep(
        kind=kind,
        framework=result.framework,
        area=area,
        reason=reason,
        title=advice.title,
        action=advice.action,
        sources=advice.sources,
    )


def _gap_steps(result: FrameworkResult, framework: Framework) -> list[NextStep]:
    items = {i.id: i for i in result.items}
    order = list(framework.items)
    ranked: list[tuple[int, int, int, NextStep]] = []
    for flag in result.flags:
        if flag.code != "SCIE_PRIORITY_GAP" or flag.item is None or flag.item not in items:
            continue
        it = items[flag.item]
        rank = 1 if it.status == "dont_know" else (0 if (it.numeric or 0) == 0 else 2)
        section = framework.section_of(flag.item).id if flag.item in framework.items else None
        step = _step("priority_gap", result, flag.item, flag.message, advice_for(result.framework, flag.item, section))
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
        steps.append(_step("low_factor", result, it.id, reason, advice_for(result.framework, it.id, it.section)))
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
    groups: dict[Advice, tuple[str, list[str], str]] = {}
    for _, section in ordered:
        for item_id in section.missing:
            if item_id not in framework.items:
                continue
            advice = advice_for(result.framework, item_id, section.id)
            done = f", {section.completeness:.0f} % complete" if section.completeness is not None else ""
            labels = groups.setdefault(advice, (item_id, [], f"'{section.title}'{done}"))[1]
            labels.append(framework.item(item_id).short_label)
    return [
        _step("planning_missing", result, first, f"Still to do in {where}: {'; '.join(labels)}.", advice)
        for advice, (first, labels, where) in groups.items()
    ]


def next_steps(
    result: AssessmentResult,
    frameworks: Mapping[str, Framework] | Iterable[Framework],
    limit: int = 6,
) -> list[NextStep]:
    """Pick suggested next steps for the weakest areas, deterministically.

    Args:
        result: The scored assessment.
        frameworks: The frameworks the result was scored with (mapping by id or iterable).
        limit: Most steps to return (0 or less returns none).

    Returns:
        Up to ``limit`` steps: lists of priority gaps, complex NASSS domains,
        missing SIPS-structured planning items, a step on "don't know" answers
        (when there are at least :data:`UNKNOWN_STEP_THRESHOLD`) and other SCIE
        factors at the lowest point, taken in turn in that order.
    """
    if limit <= 0:
        return []
    fws = _frameworks(frameworks)
    gaps: list[NextStep] = []
    complex_: list[NextStep] = []
    planning: list[NextStep] = []
    low: list[NextStep] = []
    unknowns: list[NextStep] = []
    unknown_total = 0
    for fr in result.results:
        fw = fws.get(fr.framework)
        if fw is None:
            continue
        unknown_total += fr.unknown
        if fr.method == "readiness":
            found = _gap_steps(fr, fw)
            gaps.extend(found)
            low.extend(_low_factor_steps(fr, fw, {s.area for s in found}))
        elif fr.method == "complexity":
            complex_.extend(_complex_steps(fr, fw))
        else:
            planning.extend(_planning_steps(fr, fw))
    if unknown_total >= UNKNOWN_STEP_THRESHOLD:
        per = ", ".join(
            f"{fr.unknown} in {fws[fr.framework].short_title}"
            for fr in result.results
            if fr.unknown and fr.framework in fws
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
    queues = [gaps, complex_, planning, unknowns, low]
    picked: list[NextStep] = []
    depth = 0
    while len(picked) < limit and any(depth < len(q) for q in queues):
        for q in queues:
            if depth < len(q) and len(picked) < limit:
                picked.append(q[depth])
        depth += 1
    return picked
