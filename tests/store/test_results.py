"""Tests for assessments.store.results and Store.portfolio: results stored by every write, never stale.

The expected values are worked out here from the live scoring (``score_assessment`` of the
assessment as read back, then ``screen_of`` and each method's ``ranking_value``), not from the
store's own row builder, so a store that forgot a path or kept an old row fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, select, text

from assessments.catalogue import bundled_frameworks
from assessments.examples import load_examples
from assessments.methods import method_of
from assessments.models import Answer, AssessmentMeta, AssessorRole, Framework, Innovation, Stage
from assessments.scoring import score_assessment
from assessments.screen import screen_of, screen_to_json
from assessments.store import Store, Viewer, upgrade_database
from assessments.store import results as results_module
from assessments.store.schema import assessment_results
from tests.databases import TestDatabases
from tests.store.people import Org
from tests.store.releases import load_release
from tests.strategies import answer_for

FRAMEWORKS = bundled_frameworks()
SCIE = FRAMEWORKS["scie"]
NASSS = FRAMEWORKS["nasss"]
CHOICES = [(fid, i.id) for fid, fw in FRAMEWORKS.items() for i in fw.items.values() if i.type == "choice"]
META = AssessmentMeta(assessed_on=dt.date(2026, 5, 1), stage=Stage.PILOT, assessor_role=AssessorRole.PROVIDER)


@pytest.fixture
def full(db_url: str) -> Iterator[Store]:
    """A store over the bundled frameworks (the screen needs SCIE and NASSS)."""
    s = Store(db_url, frameworks=FRAMEWORKS)
    yield s
    s.close()


def _stored(store: Store) -> dict[str, Any]:
    """Every results row by assessment id, read straight from the table."""
    engine = create_engine(store.url)
    try:
        with engine.connect() as conn:
            return {r.assessment_id: r for r in conn.execute(select(assessment_results))}
    finally:
        engine.dispose()


def _expected(store: Store, assessment_id: str) -> dict[str, Any]:
    """What the row of one assessment must hold, from the live scoring of the assessment as stored."""
    result = score_assessment(store.get_assessment(assessment_id), store.frameworks)
    labels = {
        i: it.short_label for fw in store.frameworks.values() if fw.scoring == "readiness" for i, it in fw.items.items()
    }
    screen = screen_of(result, labels=labels)
    sections = {
        f"{fr.framework}.{s.id}": (method_of(fr).ranking_value(s), s.level, s.at_least)
        for fr in result.results
        for s in fr.sections
    }
    return {"sections": sections, "screen": screen_to_json(screen), "complex": screen.nasss_complex}


def _actual(store: Store, row: Any) -> dict[str, Any]:
    res = results_module.stored_results(row)
    sections = {k: (v.value, v.level, v.at_least) for k, v in res.sections().items()}
    return {"sections": sections, "screen": screen_to_json(res.screen()), "complex": res.complex_domains}


def assert_fresh(store: Store) -> int:
    """Every assessment has a results row equal to the live scoring of its stored answers; returns how many."""
    rows = _stored(store)
    engine = create_engine(store.url)
    with engine.connect() as conn:
        ids = [r[0] for r in conn.execute(text("SELECT id FROM assessments"))]
    engine.dispose()
    assert set(rows) == set(ids)
    stamp = results_module.results_stamp(store.frameworks)
    for aid in ids:
        assert rows[aid].stamp == stamp
        owner = _owner(store, aid)
        assert _actual(store, rows[aid]) == _expected(owner, aid), aid
    return len(ids)


def _owner(store: Store, assessment_id: str) -> Store:
    """A store whose viewer may read the assessment: an operator of its workspace."""
    engine = create_engine(store.url)
    with engine.connect() as conn:
        ws = conn.execute(
            text(
                "SELECT i.workspace_id FROM assessments a JOIN innovations i ON i.id = a.innovation_id WHERE a.id = :a"
            ),
            {"a": assessment_id},
        ).scalar_one()
    engine.dispose()
    return store.as_viewer(Viewer.operator(ws, "test"))


def _answer(fid: str, iid: str, n: int) -> Answer:
    options = FRAMEWORKS[fid].options(iid)
    return Answer(value=options[n % len(options)].id)


def test_every_write_path_stores_fresh_results__ok(full: Store) -> None:
    """Should store results equal to fresh scoring after create, save, merge, details, import, follow-up and examples."""
    aid = full.create_assessment(Innovation(name="Memory cafe"), META)
    assert assert_fresh(full) == 1
    full.save_answer(aid, "scie", CHOICES[0][1], _answer(*CHOICES[0], 1))
    full.save_answer(aid, "nasss", NASSS_ITEM, Answer(value="complex"), based_on=None)
    full.save_answer(aid, "nasss", NASSS_ITEM, Answer(value="complex", note="a note"), based_on=Answer(value="complex"))
    assert_fresh(full)
    full.save_answer(aid, "scie", CHOICES[0][1], None)
    assert_fresh(full)
    full.update_details(aid, Innovation(name="Memory cafe network"), META.model_copy(update={"stage": Stage.SPREADING}))
    assert_fresh(full)
    follow = full.start_follow_up(aid)
    full.save_answer(follow, "nasss", NASSS_ITEM, Answer(value="dont_know"))
    assert_fresh(full)
    replaced = full.get_assessment(follow)
    full.save_assessment(replaced.model_copy(update={"answers": {}}), assessment_id=aid)
    new = full.save_assessment(replaced, source="json")
    assert_fresh(full)
    load_examples(full)
    assert assert_fresh(full) == 3 + 5
    full.delete_assessment(new)
    assert assert_fresh(full) == 2 + 5


NASSS_ITEM = next(iid for fid, iid in CHOICES if fid == "nasss")


def test_share_copy_stores_fresh_results__ok(org: Org) -> None:
    """Should store the shared copy's results with the copy, and drop them when the share is withdrawn."""
    org.bob.save_answer(org.b_id, "alpha", "a2", Answer(value="addressed"))
    share = org.bob.share(org.b_id, org.c.id)
    assert_fresh(org.bob)
    copy = org.carol.portfolio()
    assert share.copy_id is not None and [p.id for p in copy] == [share.copy_id]
    answers = org.carol.get_assessment(share.copy_id).answers
    assert copy[0].results.answered == sum(len(items) for items in answers.values())
    org.bob.withdraw_share(share.id)
    assert share.copy_id not in _stored(org.bob)
    assert_fresh(org.bob)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_results_equal_fresh_scoring_after_any_saves__ok(full: Store, data: st.DataObject) -> None:
    """Should hold, after any sequence of saves, clears, details changes and imports, results equal to fresh scoring."""
    aid = full.create_assessment(Innovation(name="Property"), META)
    for _ in range(data.draw(st.integers(1, 12), label="steps")):
        step = data.draw(st.sampled_from(["answer", "clear", "details", "import", "follow_up"]), label="step")
        fid, iid = data.draw(st.sampled_from(CHOICES), label="item")
        fw = FRAMEWORKS[fid]
        if step == "answer":
            full.save_answer(aid, fid, iid, data.draw(answer_for(fw, fw.items[iid]), label="answer"))
        elif step == "clear":
            full.save_answer(aid, fid, iid, None)
        elif step == "details":
            stage = data.draw(st.sampled_from(list(Stage)), label="stage")
            full.update_details(aid, Innovation(name="Property"), META.model_copy(update={"stage": stage}))
        elif step == "import":
            full.save_assessment(full.get_assessment(aid), assessment_id=aid, source="json")
        else:
            aid = full.start_follow_up(aid)
        assert _actual(full, _stored(full)[aid]) == _expected(full, aid)


def test_stale_results_recomputed_when_scoring_changes__ok(full: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should recompute, on the next portfolio read, rows computed by other scoring code, and store the new stamp."""
    aid = full.create_assessment(Innovation(name="Memory cafe"), META)
    full.save_answer(aid, "nasss", NASSS_ITEM, Answer(value="complex"))
    before = _stored(full)[aid].stamp
    monkeypatch.setattr(results_module, "scoring_fingerprint", lambda: "a newer scoring")
    assert results_module.results_stamp(full.frameworks) != before
    [row] = full.portfolio()
    assert row.results.complex_domains == 1
    assert _stored(full)[aid].stamp == results_module.results_stamp(full.frameworks)
    assert_fresh(full)


def test_stale_results_recomputed_when_framework_version_changes__ok(db_url: str) -> None:
    """Should recompute rows made with another framework version when a store with the new version reads them."""
    old = Store(db_url, frameworks=FRAMEWORKS)
    aid = old.create_assessment(Innovation(name="Memory cafe"), META)
    old.save_answer(aid, "scie", CHOICES[0][1], _answer(*CHOICES[0], 2))
    old.close()
    newer: Mapping[str, Framework] = {
        fid: fw.model_copy(update={"version": fw.version + "-next"}) if fid == "scie" else fw
        for fid, fw in FRAMEWORKS.items()
    }
    new = Store(db_url, frameworks=newer)
    [row] = new.portfolio()
    assert row.results.framework_versions["scie"] == FRAMEWORKS["scie"].version + "-next"
    assert_fresh(new)
    new.close()


def test_missing_results_filled_by_portfolio__ok(full: Store) -> None:
    """Should compute, on the first portfolio read, the results of assessments that have none (an upgraded database)."""
    ids = load_examples(full)
    engine = create_engine(full.url)
    with engine.begin() as conn:
        conn.execute(assessment_results.delete())
    engine.dispose()
    assert _stored(full) == {}
    rows = full.portfolio(examples=True)
    assert {r.id for r in rows} == set(ids)
    assert_fresh(full)


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"latest_only": True},
        {"examples": True},
        {"examples": True, "latest_only": True},
        {"archived": True},
        {"search": "kestrel"},
        {"examples": True, "search": "kestrel pilot"},
    ],
    ids=repr,
)
def test_portfolio_lists_what_the_list_lists__ok(full: Store, kwargs: dict[str, Any]) -> None:
    """Should return the same assessments in the same order as list_assessments, with the same summaries."""
    load_examples(full)
    first = full.create_assessment(Innovation(name="Kestrel pilot", organisation="Local"), META)
    full.save_answer(first, "scie", CHOICES[0][1], _answer(*CHOICES[0], 0))
    full.start_follow_up(first)
    archived = full.create_assessment(Innovation(name="Archived one"), META)
    full.archive(archived)
    expected = full.list_assessments(**kwargs)
    got = full.portfolio(**kwargs)
    assert [p.summary for p in got] == expected
    assert expected or kwargs.get("search")


def test_portfolio_row_values__ok(full: Store) -> None:
    """Should give the screen's plain columns: complex and 'at least' NASSS domains, gaps, shares by items."""
    aid = full.create_assessment(Innovation(name="Memory cafe"), META)
    condition = [i.id for i in NASSS.sections[0].items]
    full.save_answer(aid, "nasss", condition[0], Answer(value="complicated"))
    full.save_answer(aid, "nasss", condition[1], Answer(value="dont_know"))
    technology = NASSS.sections[1].items[0].id
    full.save_answer(aid, "nasss", technology, Answer(value="complex", evidence=()))
    [row] = full.portfolio()
    res = row.results
    assert (res.complex_domains, res.at_least_domains, res.unknown_domains) == (1, 1, len(NASSS.sections) - 2)
    total = sum(fw.item_count for fw in FRAMEWORKS.values())
    assert (res.items, res.answered, res.dont_know, res.rated) == (total, 3, 1, 2)
    assert res.coverage_pct == round(3 / total * 100, 1)
    assert res.dont_know_pct == round(1 / 3 * 100, 1)
    assert res.evidence_pct == 0.0
    assert res.sections()["nasss.technology"].level == "complex"
    assert res.sections()["nasss.condition"].at_least is True


def test_issue11_release_upgrade_fills_results__ok(databases: TestDatabases) -> None:
    """Should upgrade a database of the issue-11 release and store every assessment's results at once."""
    url = databases.new("release-issue11")
    load_release("release-issue11.db", url)
    status = upgrade_database(url, frameworks=FRAMEWORKS)
    assert status.up_to_date and status.current == "0004"
    store = Store(url, frameworks=FRAMEWORKS)
    assert assert_fresh(store) == 8
    own = store.portfolio()
    assert [(p.summary.innovation_name, p.results.answered) for p in own] == [("Shared Lives Plus pilot", 3)]
    assert len(store.portfolio(examples=True)) == 5
    carol = store.as_viewer(Viewer.member("carol@county.example"))
    [copy] = carol.portfolio()
    assert copy.summary.innovation_name == "Alpha homeshare" and copy.results.answered == 4
    store.close()
