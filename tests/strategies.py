"""Hypothesis strategies for valid answers and assessments (reusable by every test module).

Usage::

    from hypothesis import given
    from tests.strategies import answers_for, assessments

    @given(answers=answers_for(framework))
    def test_something(answers): ...

Everything generated here is *valid*: option ids exist, dates are ISO, texts
are within limits, so it can be fed straight to scoring, storage or export.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from hypothesis import strategies as st

from assessments.models import (
    Answer,
    Assessment,
    AssessmentMeta,
    AssessorRole,
    EvidenceType,
    Framework,
    Innovation,
    Item,
    Stage,
)
from assessments.validation import has_visible_text

# Printable text without control characters or surrogates; includes characters
# that trip spreadsheets (=, +, -, @) so export guards get exercised too.
safe_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() != "")
"""Non-blank, printable text up to 60 characters."""

notes = st.one_of(st.just(""), safe_text)
"""An empty note or a short one."""

evidence_lists = st.lists(st.sampled_from(list(EvidenceType)), unique=True, max_size=3).map(
    lambda evs: tuple(sorted(evs, key=list(EvidenceType).index))
)
"""Evidence types in canonical order, no repeats (as validation.validate_answer returns them)."""

iso_dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)).map(dt.date.isoformat)
"""ISO dates as text, as date items store them."""


def values_for(framework: Framework, item: Item) -> st.SearchStrategy[str]:
    """Strategy for a valid non-blank ``value`` of one item.

    Args:
        framework: The framework holding the item.
        item: The item.

    Returns:
        Option ids for choice items (including don't know / not applicable),
        ISO dates for date items, text for text items.
    """
    if item.type == "choice":
        return st.sampled_from([o.id for o in framework.options(item.id)])
    if item.type == "date":
        return iso_dates
    return safe_text


def answer_for(framework: Framework, item: Item) -> st.SearchStrategy[Answer]:
    """Strategy for one valid answer (value, optional note and evidence) to an item."""
    return st.builds(Answer, value=values_for(framework, item), note=notes, evidence=evidence_lists)


def scale_answer_for(framework: Framework, item: Item) -> st.SearchStrategy[Answer]:
    """Strategy for an answer on the item's scale only (no don't know / not applicable)."""
    ids = [o.id for o in framework.options(item.id) if o.kind == "scale"]
    return st.sampled_from(ids).map(lambda v: Answer(value=v))


@st.composite
def answers_for(draw: st.DrawFn, framework: Framework, *, min_answered: int = 0) -> dict[str, Answer]:
    """Strategy for a valid answers mapping (item id -> answer) for one framework.

    Items are left out at random (unanswered), so blanks, don't know and not
    applicable all occur.

    Args:
        draw: Supplied by hypothesis.
        framework: The framework to answer.
        min_answered: Least number of items to include.

    Returns:
        Answers keyed by item id, in questionnaire order.
    """
    items = list(framework.items.values())
    chosen = draw(st.lists(st.sampled_from(items), unique_by=lambda i: i.id, min_size=min_answered))
    chosen_ids = {i.id for i in chosen}
    return {i.id: draw(answer_for(framework, i)) for i in items if i.id in chosen_ids}


innovations = st.builds(
    Innovation,
    name=safe_text.filter(has_visible_text),
    organisation=st.one_of(st.just(""), safe_text),
    description=st.one_of(st.just(""), safe_text),
)
"""Strategy for a valid innovation."""

metas = st.builds(
    AssessmentMeta,
    assessed_on=st.one_of(st.none(), st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 31))),
    stage=st.one_of(st.none(), st.sampled_from(list(Stage))),
    assessor_role=st.one_of(st.none(), st.sampled_from(list(AssessorRole))),
    assessor=st.one_of(st.just(""), safe_text),
    label=st.one_of(st.just(""), safe_text),
)
"""Strategy for valid assessment details."""


@st.composite
def assessments(draw: st.DrawFn, frameworks: Mapping[str, Framework]) -> Assessment:
    """Strategy for a valid assessment answering any subset of the given frameworks.

    Args:
        draw: Supplied by hypothesis.
        frameworks: Frameworks by id.

    Returns:
        An assessment whose answers validate against ``frameworks``.
    """
    answers = {fid: draw(answers_for(fw)) for fid, fw in frameworks.items()}
    return Assessment(
        innovation=draw(innovations),
        assessment=draw(metas),
        answers={fid: a for fid, a in answers.items() if a},
    )
