"""The whole comparison (assessments.compare.comparison), its screen table, its warnings and its JSON form."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.catalogue import Catalogue, bundled_frameworks, load_frameworks
from assessments.compare.candidates import Candidate
from assessments.compare.comparison import compare
from assessments.compare.jsonout import FORMAT, comparison_to_json
from assessments.compare.method import comparing_markdown
from assessments.compare.result_tables import ordering_table, span_text, tiers_table
from assessments.compare.screening import context_warnings, nasss_text, screen_table, who_raises_what
from assessments.errors import InputError
from assessments.models import Assessment, AssessorRole, Stage
from assessments.scoring import score_assessment
from assessments.screen import screen_from_json
from tests.compare.scored import A1, A2, A3, make
from tests.conftest import FIXTURES
from tests.strategies import assessments

TINY = load_frameworks(FIXTURES)
BUNDLED = bundled_frameworks()
RC = {f: TINY[f] for f in ("tiny_readiness", "tiny_complexity")}
EASY = {"c_needs": "complicated", "c_context": "complicated", "c_parts": "simple", "c_knowhow": "simple",
        "c_policy": "simple"}  # fmt: skip


def cand(
    key: str,
    inner: tuple[str, str, str],
    complexity: dict[str, str],
    *,
    stage: Stage | None = None,
    role: AssessorRole | None = None,
) -> Candidate:
    ready = dict(zip(("r_evidence", "r_vision", "r_staff"), inner, strict=True)) | {"r_funding": A2, "r_networks": A2}
    return make(RC, key, {"tiny_readiness": ready, "tiny_complexity": complexity}, stage=stage, role=role)


@pytest.fixture(name="trio")
def _trio() -> list[Candidate]:
    """zeta dominates beta (complex people); alpha is incomparable with both (a floor in people)."""
    return [
        cand("beta", (A2, A2, A2), EASY | {"c_needs": "complex"}, stage=Stage.PILOT, role=AssessorRole.INNOVATOR),
        cand("zeta", (A2, A2, A2), EASY, stage=Stage.PILOT, role=AssessorRole.INNOVATOR),
        cand("alpha", (A3, A3, A3), EASY | {"c_context": "dont_know"}, stage=Stage.IDEA, role=AssessorRole.INNOVATOR),
    ]


def test_listed_by_tier_then_alphabetically__ok(trio: list[Candidate]) -> None:
    """Should list tier 1 (alpha, zeta: no order between them) before tier 2 (beta), whatever the input order."""
    c = compare(trio, RC)
    assert [x.key for x in c.candidates] == ["alpha", "zeta", "beta"]
    assert c.tier_members() == [(1, ["alpha", "zeta"]), (2, ["beta"])]
    assert c.dominated_by(2) == ["zeta"]
    table = tiers_table(c)
    row = dict(zip(table.columns, table.rows[2], strict=True))
    assert (row["Tier"], row["Innovation"], row["Dominated by"], row["Sections with a value"]) == (
        2,
        "beta",
        "zeta",
        "5 of 5",
    )
    assert dict(zip(table.columns, table.rows[0], strict=True))["Sections with a value"] == "4 of 5"


def test_no_ordering_unless_asked__ok(trio: list[Candidate]) -> None:
    """Should order only when asked, inside the one framework named."""
    assert compare(trio, RC).ordering is None
    c = compare(trio, RC, order="tiny_readiness", weights={"tiny_readiness.inner": 2.0})
    assert c.ordering is not None and c.ordering.framework == "tiny_readiness"
    assert [r.key for r in c.ordering.rows] == ["alpha", "beta", "zeta"]  # alpha first; beta and zeta tied
    assert [r.position for r in c.ordering.rows] == [1, 2, 2]
    table = ordering_table(c)
    assert table is not None and table.rows[0][:3] == (1, "alpha", pytest.approx(88.9))  # (2 x 100 + 66.7) / 3


def test_ordering_planning_record__error(trio: list[Candidate], tiny_frameworks: Catalogue) -> None:
    """Should refuse to order within a framework with no score."""
    with pytest.raises(InputError, match="cannot be ordered"):
        compare(trio, tiny_frameworks, order="tiny_planning")


def test_context_warnings__ok(trio: list[Candidate]) -> None:
    """Should warn of mixed stages naming who is where, and say nothing of roles that are all the same."""
    warnings = context_warnings(trio)
    assert [w.code for w in warnings] == ["MIXED_STAGES"]
    assert "Idea: alpha; Pilot: beta, zeta." in warnings[0].text


def test_context_warnings_roles_and_versions__ok() -> None:
    """Should warn of mixed assessor roles (unrecorded counts as different) and of mixed framework versions."""
    a = cand("a", (A1, A1, A1), EASY, role=AssessorRole.COMMISSIONER)
    b = cand("b", (A1, A1, A1), EASY)
    old = Candidate(
        key="c", label="c", assessment=b.assessment, result=b.result, framework_versions={"tiny_readiness": "0.0"}
    )
    codes = {w.code: w.text for w in context_warnings([a, b, old])}
    assert set(codes) == {"MIXED_ROLES", "MIXED_VERSIONS"}
    assert "Commissioner: a; role not recorded: b, c." in codes["MIXED_ROLES"]
    assert "tiny_readiness version 0.0: c" in codes["MIXED_VERSIONS"]


def test_screen_table_and_sentences__ok(trio: list[Candidate]) -> None:
    """Should lay the screen out per candidate and name who raises which warning in plain words."""
    c = compare(trio, RC)
    table = screen_table(c.candidates, c.screens, RC)
    rows = {r[0]: dict(zip(table.columns, r, strict=True)) for r in table.rows}
    assert rows["beta"]["Complex NASSS domains"] == "1"
    assert rows["alpha"]["Complex NASSS domains"] == "at least 0 (1 not settled)"
    assert rows["alpha"]["Don't know (% of answers)"] == 10  # 1 of 10 answers (5 factors, 5 sub-domains)
    assert rows["zeta"]["Ratings with evidence (%)"] == 0
    lines = who_raises_what(c.candidates, c.screens)
    assert "Few ratings backed by evidence: alpha; beta; zeta." in lines


def test_nasss_text__ok(trio: list[Candidate]) -> None:
    """Should write no level yet, a settled count, or 'at least' with the domains not settled."""
    c = compare([*trio, make(RC, "blank", {})], RC)
    # tier 1 alphabetically: alpha, blank (nothing to compare it on), zeta; then beta
    assert [nasss_text(s) for s in c.screens] == ["at least 0 (1 not settled)", "no level yet", "0", "1"]


def test_span_text__ok() -> None:
    """Should write a range as one number when it does not move, with an en dash otherwise."""
    assert (span_text(2, 2), span_text(1, 3), span_text(None, None)) == ("2", "1–3", "—")


def test_json__ok(trio: list[Candidate]) -> None:
    """Should give per candidate its screen, warnings, tier, ranges and ordering, as plain JSON."""
    c = compare(trio, RC, order="tiny_readiness")
    data = json.loads(json.dumps(comparison_to_json(c)))
    assert data["format"] == FORMAT and data["version"] == 1
    assert [w["code"] for w in data["warnings"]] == ["MIXED_STAGES"]
    by_key = {x["key"]: x for x in data["candidates"]}
    assert [x["key"] for x in data["candidates"]] == ["alpha", "zeta", "beta"]
    beta = by_key["beta"]
    # 1 counting complicated as complex; 3 counting alpha's floor at its level (alpha > zeta > beta)
    assert (beta["tier"], beta["tier_range"], beta["dominated_by"]) == (2, [1, 3], ["zeta"])
    assert set(beta["tier_range_by_dimension"]) == {"mapping", "missing", "noise"}
    assert screen_from_json(beta["screen"]) == c.screens[2]
    assert beta["sections"]["tiny_complexity.people"] == 0.0
    assert by_key["alpha"]["sections"]["tiny_complexity.people"] is None  # a floor is not a value
    (order,) = beta["orderings"]
    assert order["framework"] == "tiny_readiness" and order["position"] == 2
    assert data["ordering"]["weights"] == {"tiny_readiness.inner": 1.0, "tiny_readiness.outer": 1.0}
    assert "editorial choice" in data["ordering"]["editorial_note"]


def test_json_without_ordering__ok(trio: list[Candidate]) -> None:
    """Should write null for the ordering and empty orderings when none was asked for."""
    data = comparison_to_json(compare(trio, RC))
    assert data["ordering"] is None
    assert all(x["orderings"] == [] for x in data["candidates"])


def test_method_text_from_docs__ok() -> None:
    """Should take the comparison's method text from docs/scoring.md, with its worked example."""
    text = comparing_markdown()
    assert text.startswith("## Comparing innovations")
    assert "### Worked example" in text and "No number anywhere adds SCIE, NASSS and SIPS" in text
    assert "## Using the results with care" not in text


def test_empty_comparison__ok() -> None:
    """Should compare nothing without error."""
    c = compare([], RC)
    assert c.candidates == () and c.tier_members() == []


def test_assessed_on_in_json__ok() -> None:
    """Should write the assessment date as ISO text."""
    x = make(RC, "x", {}, on=dt.date(2026, 1, 2))
    assert comparison_to_json(compare([x], RC))["candidates"][0]["assessed_on"] == "2026-01-02"


@settings(max_examples=25, deadline=None, derandomize=True)
@given(batch=st.lists(assessments(BUNDLED), min_size=1, max_size=6))
def test_tiers_respect_dominance_on_scored_assessments__ok(batch: list[Assessment]) -> None:
    """Should never put a candidate in a worse tier than one it dominates, nor outside its own tier range."""
    cands = [
        Candidate(key=str(i), label=a.innovation.name, assessment=a, result=score_assessment(a, BUNDLED))
        for i, a in enumerate(batch)
    ]
    c = compare(cands, BUNDLED)
    n = len(c.candidates)
    for i in range(n):
        low, high = c.tiers.low[i], c.tiers.high[i]
        assert low is not None and high is not None and low <= c.tier(i) <= high
        for j in range(n):
            if c.dominance[i, j]:
                assert c.tier(i) < c.tier(j)
    assert [c.tier(i) for i in range(n)] == sorted(c.tier(i) for i in range(n))  # listed by tier


def test_versions_recorded_with_the_assessment__ok() -> None:
    """Should warn of mixed framework versions recorded in the assessments themselves (store or version-2 file)."""
    a = cand("a", (A1, A1, A1), EASY)
    b = cand("b", (A1, A1, A1), EASY)
    older = b.assessment.model_copy(update={"framework_versions": {"tiny_readiness": "0.0"}})
    c = Candidate(key="c", label="c", assessment=older, result=b.result)
    assert c.versions()["tiny_readiness"] == "0.0"
    codes = {w.code: w.text for w in context_warnings([a, c])}
    assert "tiny_readiness version 0.0: c" in codes["MIXED_VERSIONS"]
