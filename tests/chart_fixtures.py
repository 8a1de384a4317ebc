"""Tiny inline frameworks and hand-built results for the chart and guidance tests.

Results are built by hand (not by the scoring module) so these tests check the
charts and guidance on their own: each value below is what the chart must show.
"""

from __future__ import annotations

from typing import Any

import yaml

from assessments.models import Flag, Framework, FrameworkResult, ItemResult, SectionResult

_COMMON = """
version: "test-1"
citation: {text: "A test citation for the fixture framework.", url: "https://example.org/fw"}
licence: "Fixture only; not a real framework."
adaptations: ["Made up for tests."]
"""

READINESS_YAML = (
    """
id: ready
title: Readiness fixture
short_title: Ready
scoring: readiness
"""
    + _COMMON
    + """
scales:
  - id: addressed
    options:
      - {id: not_considered, label: Not considered, value: 0}
      - {id: recognised, label: Recognised, value: 1}
      - {id: partly_addressed, label: Partly addressed, value: 2}
      - {id: addressed, label: Addressed, value: 3}
      - {id: dont_know, label: Don't know, kind: dont_know}
      - {id: not_applicable, label: Not applicable, kind: not_applicable}
sections:
  - id: innovation
    title: The innovation
    short_title: Innovation
    items:
      - {id: evidence, text: "Evidence of what works", label: Evidence, scale: addressed, ready_end: high, priority: 7}
      - {id: complexity, text: "Working with complexity", label: Complexity, scale: addressed, ready_end: high, priority: 1}
      - {id: vision, text: "A shared vision", label: Vision, scale: addressed, ready_end: high}
  - id: external
    title: The wider system
    short_title: External
    items:
      - {id: funding, text: "Funding for spread", label: Funding, scale: addressed, ready_end: high, priority: 3}
      - {id: networks, text: "Networks for spread", label: Networks, scale: addressed, ready_end: high}
"""
)

COMPLEXITY_YAML = (
    """
id: cx
title: Complexity fixture
short_title: Complexity
scoring: complexity
"""
    + _COMMON
    + """
scales:
  - id: complexity
    options:
      - {id: simple, label: Simple, value: 1}
      - {id: complicated, label: Complicated, value: 2}
      - {id: complex, label: Complex, value: 3}
      - {id: dont_know, label: Don't know, kind: dont_know}
      - {id: not_applicable, label: Not applicable, kind: not_applicable}
sections:
  - id: condition
    title: The condition
    items:
      - {id: c_nature, text: "Nature of the need", scale: complexity, ready_end: low}
  - id: technology
    title: The innovation itself
    short_title: Innovation
    items:
      - {id: t_features, text: "Key features", scale: complexity, ready_end: low}
      - {id: t_supply, text: "Supply model", scale: complexity, ready_end: low}
  - id: organisation
    title: Organisations
    items:
      - {id: o_capacity, text: "Capacity to innovate", scale: complexity, ready_end: low}
"""
)

PLANNING_YAML = (
    """
id: plan
title: Planning fixture
short_title: Planning
scoring: planning
"""
    + _COMMON
    + """
scales:
  - id: progress
    options:
      - {id: not_started, label: Not started, value: 0}
      - {id: in_progress, label: In progress, value: 1}
      - {id: in_place, label: In place, value: 2}
      - {id: dont_know, label: Don't know, kind: dont_know}
      - {id: not_applicable, label: Not applicable, kind: not_applicable}
sections:
  - id: defining
    title: Defining the innovation
    items:
      - {id: problem, text: "The problem addressed", type: text}
      - {id: theory_of_change, text: "Theory of change in place", scale: progress, ready_end: high}
  - id: next_steps
    title: Next steps
    items:
      - {id: evaluation_plan, text: "Evaluation plan agreed", scale: progress, ready_end: high}
      - {id: funding_end, text: "When funding ends", type: date}
"""
)


def load(text: str) -> Framework:
    """Build a framework from inline YAML."""
    return Framework.model_validate(yaml.safe_load(text))


def item(
    fid_section: str, item_id: str, status: str, value: str | None = None, numeric: int | None = None, **kw: Any
) -> ItemResult:
    """An item result (section id first)."""
    return ItemResult(id=item_id, section=fid_section, status=status, value=value, numeric=numeric, **kw)


def section(
    section_id: str, *, score: float | None, answered: int, total: int, unknown: int = 0, na: int = 0, **kw: Any
) -> SectionResult:
    """A section result; unanswered is whatever is left over."""
    return SectionResult(
        id=section_id,
        title=section_id.replace("_", " ").title(),
        score=score,
        answered=answered,
        unknown=unknown,
        not_applicable=na,
        unanswered=total - answered - unknown - na,
        total=total,
        **kw,
    )


def result(
    framework: str,
    method: str,
    sections: list[SectionResult],
    items: list[ItemResult],
    flags: list[Flag] | None = None,
    **kw: Any,
) -> FrameworkResult:
    """A framework result whose totals add up from its sections."""
    return FrameworkResult(
        framework=framework,
        framework_version="test-1",
        method=method,
        sections=tuple(sections),
        flags=tuple(flags or ()),
        items=tuple(items),
        answered=sum(s.answered for s in sections),
        unknown=sum(s.unknown for s in sections),
        not_applicable=sum(s.not_applicable for s in sections),
        unanswered=sum(s.unanswered for s in sections),
        total=sum(s.total for s in sections),
        **kw,
    )


def readiness_result(evidence: tuple[str, str | None, int | None] = ("answered", "recognised", 1)) -> FrameworkResult:
    """Evidence as given (default rated 1), complexity don't know, vision 3, funding 0, networks unanswered."""
    st, val, num = evidence
    items = [
        item("innovation", "evidence", st, val, num, priority=7),
        item("innovation", "complexity", "dont_know", "dont_know", None, priority=1),
        item("innovation", "vision", "answered", "addressed", 3),
        item("external", "funding", "answered", "not_considered", 0, priority=3),
        item("external", "networks", "unanswered"),
    ]
    flags = [
        Flag(code="SCIE_PRIORITY_GAP", message="gap", item="complexity", priority=1),
        Flag(code="SCIE_PRIORITY_GAP", message="gap", item="funding", priority=3),
    ]
    if st == "answered" and num is not None and num <= 1:
        flags.insert(0, Flag(code="SCIE_PRIORITY_GAP", message="gap", item="evidence", priority=7))
    inn_answered = 2 if st == "answered" else 1
    inn_score = round(100 * ((num or 0) + 3) / 6) if st == "answered" else 100
    return result(
        "ready",
        "readiness",
        [
            section("innovation", score=inn_score, answered=inn_answered, total=3, unknown=1 + (st == "dont_know")),
            section("external", score=0, answered=1, total=2),
        ],
        items,
        flags,
    )


def complexity_result(levels: dict[str, str | None]) -> FrameworkResult:
    """Items at the given option ids (None = unanswered); sections take the worst level."""
    values = {"simple": 1, "complicated": 2, "complex": 3}
    owners = {
        "c_nature": "condition",
        "t_features": "technology",
        "t_supply": "technology",
        "o_capacity": "organisation",
    }
    items = []
    for item_id, sec in owners.items():
        v = levels.get(item_id)
        if v is None:
            items.append(item(sec, item_id, "unanswered"))
        elif v == "dont_know":
            items.append(item(sec, item_id, "dont_know", v))
        else:
            items.append(item(sec, item_id, "answered", v, values[v]))
    sections = []
    for sec in ("condition", "technology", "organisation"):
        mine = [i for i in items if i.section == sec]
        nums = [i.numeric for i in mine if i.numeric is not None]
        worst = max(nums) if nums else None
        sections.append(
            section(
                sec,
                score=worst,
                answered=len(nums),
                total=len(mine),
                unknown=sum(i.status == "dont_know" for i in mine),
                level={1: "simple", 2: "complicated", 3: "complex"}.get(worst) if worst else None,
            )
        )
    n_complex = sum(s.level == "complex" for s in sections)
    return result("cx", "complexity", sections, items, complex_domains=n_complex)


def planning_result(completeness: dict[str, float | None], missing: dict[str, tuple[str, ...]]) -> FrameworkResult:
    """SIPS-like result with given section completeness and missing items."""
    sections = [
        section(
            "defining",
            score=None,
            answered=1,
            total=2,
            completeness=completeness["defining"],
            missing=missing.get("defining", ()),
        ),
        section(
            "next_steps",
            score=None,
            answered=0,
            total=2,
            completeness=completeness["next_steps"],
            missing=missing.get("next_steps", ()),
        ),
    ]
    items = [
        item("defining", "problem", "answered", "Lonely older people", None),
        item("defining", "theory_of_change", "unanswered"),
        item("next_steps", "evaluation_plan", "unanswered"),
        item("next_steps", "funding_end", "unanswered"),
    ]
    return result("plan", "planning", sections, items)
