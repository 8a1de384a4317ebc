"""AppTest of ui.portfolio: the portfolio table over every assessment in scope, its filters, and the rows picked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from assessments.catalogue import bundled_frameworks
from assessments.examples import load_examples
from assessments.models import Answer, AssessmentMeta, AssessorRole, Innovation, Stage
from assessments.portfolio import COMPLEX, COULD_BE_COMPLEX, COVERAGE, INNOVATION, PRIORITY_GAPS
from assessments.store import Store, Viewer
from tests.ui.conftest import APP_TIMEOUT
from tests.ui.harness import COMMISSIONER, two_organisations


def _page(store: object, examples: bool, workspace: object) -> None:
    """A page holding only the picker, printing what it returns (AppTest runs this body as a script)."""
    from types import MappingProxyType

    import streamlit as st

    from assessments.catalogue import bundled_frameworks
    from assessments.store import Store
    from ui.portfolio import portfolio_picker
    from ui.state import AppContext

    assert isinstance(store, Store)
    ctx = AppContext(
        catalogue=bundled_frameworks(),
        store=store,
        pages=MappingProxyType({}),
        viewer=store.viewer,
        single_user=False,
        memberships=tuple(store.my_memberships()),
    )
    picked = portfolio_picker(ctx, workspace=workspace, examples=examples, key="pf")  # type: ignore[arg-type]
    st.text("picked: " + ",".join(picked))


def _page_default(store: object, default: list[str]) -> None:
    """The picker over the examples with some ids ticked by default."""
    from types import MappingProxyType

    import streamlit as st

    from assessments.catalogue import bundled_frameworks
    from assessments.store import Store
    from ui.portfolio import portfolio_picker
    from ui.state import AppContext

    assert isinstance(store, Store)
    ctx = AppContext(catalogue=bundled_frameworks(), store=store, pages=MappingProxyType({}), viewer=store.viewer)
    picked = portfolio_picker(ctx, workspace=None, examples=True, key="pf", default=default)
    st.text("picked: " + ",".join(picked))


def _open(store: Store, *, examples: bool = False, workspace: str | None = None) -> AppTest:
    return AppTest.from_function(_page, args=(store, examples, workspace), default_timeout=APP_TIMEOUT).run()


def _picked(at: AppTest) -> list[str]:
    text = at.text[-1].value.removeprefix("picked:").strip()
    return text.split(",") if text else []


def _tick(at: AppTest, rows: list[int]) -> AppTest:
    key = at.dataframe[0].key
    assert key is not None
    at.session_state[key] = {"selection": {"rows": rows, "columns": [], "cells": []}}
    return at.run()


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    s = Store(database_url, frameworks=bundled_frameworks())
    yield s
    s.close()


def test_examples_table_lists_every_example_with_its_screen__ok(store: Store) -> None:
    """Should list the latest assessment of each example innovation with its screen columns, nothing picked."""
    load_examples(store)
    at = _open(store, examples=True)
    assert not at.exception
    table = at.dataframe[0].value
    latest = store.portfolio(examples=True, latest_only=True)
    assert sorted(table[INNOVATION]) == sorted(p.summary.innovation_name for p in latest)
    kestrel = table[table[INNOVATION] == "Kestrel home sensors pilot"].iloc[0]
    stored = next(p.results for p in latest if p.summary.innovation_name == "Kestrel home sensors pilot")
    assert (kestrel[COMPLEX], kestrel[PRIORITY_GAPS], kestrel[COVERAGE]) == (
        stored.complex_domains,
        stored.priority_gaps,
        stored.coverage_pct,
    )
    assert kestrel[COULD_BE_COMPLEX] == stored.at_least_domains + stored.unknown_domains
    assert _picked(at) == []


def test_ticked_rows_are_returned_as_ids__ok(store: Store) -> None:
    """Should return the ids of the rows ticked, in the table's order."""
    load_examples(store)
    at = _open(store, examples=True)
    names = list(at.dataframe[0].value[INNOVATION])
    at = _tick(at, [2, 0])
    by_name = {p.summary.innovation_name: p.id for p in store.portfolio(examples=True, latest_only=True)}
    assert _picked(at) == [by_name[names[0]], by_name[names[2]]]


def test_earlier_assessments_and_search__ok(store: Store) -> None:
    """Should offer earlier assessments only when asked, and keep only rows matching the search."""
    load_examples(store)
    at = _open(store, examples=True)
    latest = len(at.dataframe[0].value)
    at.toggle(key="pf:earlier").set_value(True).run()
    assert len(at.dataframe[0].value) == len(store.portfolio(examples=True)) > latest
    at.text_input(key="pf:search").set_value("kestrel").run()
    assert set(at.dataframe[0].value[INNOVATION]) == {"Kestrel home sensors pilot"}
    at.text_input(key="pf:search").set_value("no such innovation").run()
    assert not at.dataframe and _picked(at) == []
    assert "No saved assessment matches." in [i.value for i in at.info]


def test_ticks_follow_their_assessments_when_rows_change__ok(store: Store) -> None:
    """Should keep a tick on its assessment when the rows change, and drop it once that assessment is not shown."""
    load_examples(store)
    at = _open(store, examples=True)
    at = _tick(at, [len(at.dataframe[0].value) - 1])
    [picked] = _picked(at)
    at.toggle(key="pf:earlier").set_value(True).run()
    assert _picked(at) == [picked]
    name = store.get_summary(picked).innovation_name
    assert at.dataframe[0].value[INNOVATION].tolist().count(name) >= 1
    at.text_input(key="pf:search").set_value("zzz-nothing").run()
    assert _picked(at) == []
    at.text_input(key="pf:search").set_value("").run()
    assert _picked(at) == []


def test_default_ticks__ok(store: Store) -> None:
    """Should tick the default ids the first time, and return them."""
    ids = load_examples(store)
    at = AppTest.from_function(_page_default, args=(store, ids[:2]), default_timeout=APP_TIMEOUT).run()
    latest = {p.id for p in store.portfolio(examples=True, latest_only=True)}
    assert set(_picked(at)) == set(ids[:2]) & latest


def test_stage_filter__ok(store: Store) -> None:
    """Should keep only assessments of the chosen stages."""
    meta = AssessmentMeta(assessed_on=dt.date(2026, 1, 5), stage=Stage.PILOT, assessor_role=AssessorRole.PROVIDER)
    pilot = store.create_assessment(Innovation(name="Pilot one"), meta)
    store.create_assessment(Innovation(name="Spreading one"), meta.model_copy(update={"stage": Stage.SPREADING}))
    store.save_answer(pilot, "nasss", next(iter(bundled_frameworks()["nasss"].items)), Answer(value="complex"))
    at = _open(store)
    assert len(at.dataframe[0].value) == 2
    at.multiselect(key="pf:stages").set_value([Stage.PILOT]).run()
    table = at.dataframe[0].value
    assert list(table[INNOVATION]) == ["Pilot one"] and list(table[COMPLEX]) == [1]


def test_commissioner_sees_only_shared_copies__ok(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should show a commissioner the copies shared with their workspace and nothing of the innovator's own."""
    with two_organisations(database_url, monkeypatch) as org:
        shared = org.assessment()
        org.assessment()
        org.innovator.share(shared, org.council.id)
        at = _open(org.commissioner, workspace=org.council.id)
        assert list(at.dataframe[0].value[INNOVATION]) == ["Memory cafe network"]
        assert org.commissioner.viewer == Viewer.member(COMMISSIONER)
        at = _tick(at, [0])
        [copy] = org.commissioner.portfolio(workspace=org.council.id)
        assert _picked(at) == [copy.id] and copy.id != shared
