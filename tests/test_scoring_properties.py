"""Property tests for scoring (hypothesis), over the tiny fixture frameworks and the bundled ones.

Invariants (rule ids from ``assessments.scoring``):

* P1 scores stay in bounds: readiness 0-100, complexity levels on the 1-3 scale, SIPS percentages 0-100;
  counts add up (ALL-02).
* P2 raising one answer never lowers its section (readiness score up, complexity level never lower,
  planning readiness up).
* P3 the order answers arrive in does not matter.
* P4 turning an unanswered item into "don't know" never changes a score (ALL-03).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.catalogue import Catalogue, load_frameworks
from assessments.models import Answer, Framework, FrameworkResult
from assessments.scoring import score_framework
from tests.conftest import FIXTURES
from tests.strategies import answers_for

TINY = load_frameworks(FIXTURES)
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True)


@pytest.fixture(
    name="any_framework",
    scope="session",
    params=["tiny_readiness", "tiny_complexity", "tiny_planning", "scie", "nasss", "sips"],
)
def _any_framework(request: pytest.FixtureRequest) -> Framework:
    """Each tiny fixture framework, then each bundled one."""
    if request.param in TINY:
        return TINY[request.param]
    frameworks: Catalogue = request.getfixturevalue("frameworks")
    return frameworks[request.param]


def _scores(result: FrameworkResult) -> list[tuple[object, ...]]:
    return [(s.id, s.score, s.level, s.completeness, s.readiness) for s in result.sections]


def _check_bounds(fw: Framework, result: FrameworkResult) -> None:
    for s in result.sections:
        assert s.answered + s.unknown + s.not_applicable + s.unanswered == s.total
        if fw.scoring == "readiness":
            assert s.score is None or 0.0 <= s.score <= 100.0
        elif fw.scoring == "complexity":
            # a scale option always has a value (the model refuses one without)
            values = {
                o.id: o.value
                for i in fw.section(s.id).items
                for o in fw.options(i.id)
                if o.is_scale and o.value is not None
            }
            assert (s.score is None) == (s.level is None)
            if s.level is not None:
                assert s.score is not None
                assert values[s.level] == s.score
                assert min(values.values()) <= s.score <= max(values.values())
        else:
            assert s.score is None and s.level is None
            assert s.completeness is None or 0.0 <= s.completeness <= 100.0
            assert s.readiness is None or 0.0 <= s.readiness <= 100.0
    assert result.answered + result.unknown + result.not_applicable + result.unanswered == result.total
    if fw.scoring == "complexity":
        assert result.complex_domains is not None and 0 <= result.complex_domains <= len(fw.sections)


@SETTINGS
@given(data=st.data())
def test_scores_stay_in_bounds__ok(any_framework: Framework, data: st.DataObject) -> None:
    """Should keep every section score, level and percentage within its scale and counts consistent (P1)."""
    answers = data.draw(answers_for(any_framework))
    _check_bounds(any_framework, score_framework(any_framework, answers))


def _section_key(fw: Framework, result: FrameworkResult, section_id: str) -> float | None:
    s = result.section(section_id)
    if fw.scoring == "planning":
        return s.readiness
    return s.score


@SETTINGS
@given(data=st.data())
def test_raising_one_answer_never_lowers_its_section__ok(any_framework: Framework, data: st.DataObject) -> None:
    """Should never lower a section's score, level or readiness when one answer moves up its scale (P2)."""
    fw = any_framework
    choice_items = [i for i in fw.items.values() if i.type == "choice"]
    item = data.draw(st.sampled_from(choice_items))
    scale = [o.id for o in fw.options(item.id) if o.is_scale]
    low, high = sorted(data.draw(st.lists(st.integers(0, len(scale) - 1), min_size=2, max_size=2)))
    if item.ready_end == "low" and fw.scoring != "complexity":
        low, high = high, low  # "raising" means towards the ready end
    answers = data.draw(answers_for(fw))
    section = fw.section_of(item.id).id
    before = score_framework(fw, {**answers, item.id: Answer(value=scale[low])})
    after = score_framework(fw, {**answers, item.id: Answer(value=scale[high])})
    b, a = _section_key(fw, before, section), _section_key(fw, after, section)
    assert b is not None and a is not None  # the raised item itself is answered
    assert a >= b
    if fw.scoring == "complexity":
        assert after.complex_domains is not None and before.complex_domains is not None
        assert after.complex_domains >= before.complex_domains


@SETTINGS
@given(data=st.data())
def test_answer_order_does_not_matter__ok(any_framework: Framework, data: st.DataObject) -> None:
    """Should give the same result whatever order the answers arrive in (P3)."""
    answers = data.draw(answers_for(any_framework))
    keys = list(answers)
    random.Random(data.draw(st.integers(0, 2**32))).shuffle(keys)
    shuffled = {k: answers[k] for k in reversed(keys)}
    assert score_framework(any_framework, shuffled) == score_framework(any_framework, answers)


@SETTINGS
@given(data=st.data())
def test_dont_know_never_changes_a_score__ok(any_framework: Framework, data: st.DataObject) -> None:
    """Should leave every score unchanged when an unanswered item becomes "don't know" (P4)."""
    fw = any_framework
    answers = data.draw(answers_for(fw))
    blank = [i.id for i in fw.items.values() if i.type == "choice" and i.id not in answers]
    if not blank:
        return
    item_id = data.draw(st.sampled_from(blank))
    before = score_framework(fw, answers)
    after = score_framework(fw, {**answers, item_id: Answer(value="dont_know")})
    assert _scores(after) == _scores(before)
    assert after.unknown == before.unknown + 1
    assert after.unanswered == before.unanswered - 1
    assert after.complex_domains == before.complex_domains
