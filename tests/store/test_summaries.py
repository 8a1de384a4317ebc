"""Tests for assessments.store.summaries: listing, searching and the answered count."""

from __future__ import annotations

import datetime as dt

from assessments.models import Answer, AssessmentMeta
from assessments.store import Store
from tests.store.helpers import TOTAL, new_assessment


def test_list_and_search__ok(store: Store) -> None:
    """Should list newest change first, match every search word case-insensitively, and keep only the latest per innovation."""
    a = new_assessment(store, "Shared Lives Plus", "North Council")
    b = new_assessment(store, "Homeshare", "Care Co", label="Pilot round")
    store.save_answer(a, "alpha", "a1", Answer(value="recognised"))
    c = store.start_follow_up(a, AssessmentMeta(assessed_on=dt.date(2026, 6, 1)))
    assert [s.id for s in store.list_assessments()] == [c, a, b]
    assert [s.id for s in store.list_assessments("homeSHARE")] == [b]
    assert [s.id for s in store.list_assessments("north shared")] == [c, a]
    assert [s.id for s in store.list_assessments("pilot round")] == [b]
    assert store.list_assessments("nothing-like-this") == []
    assert {s.id for s in store.list_assessments(latest_only=True)} == {c, b}


def test_answered_counts_dont_know__ok(store: Store) -> None:
    """Should count don't know and not applicable as answered but not a note-only row, across frameworks."""
    aid = new_assessment(store)
    answered = []
    for fid, iid, answer in [
        ("alpha", "a1", Answer(value="dont_know")),
        ("alpha", "a3", Answer(value="not_applicable")),
        ("alpha", "a2", Answer(note="thinking")),
        ("beta", "b_text", Answer(value="text")),
    ]:
        store.save_answer(aid, fid, iid, answer)
        answered.append(store.get_summary(aid).answered)
    assert answered == [1, 2, 2, 3]
    assert store.get_answers(aid, "alpha")["alpha"]["a2"] == Answer(note="thinking")
    summary = store.get_summary(aid)
    assert (summary.answered, summary.total) == (3, TOTAL)
