"""Tests for assessments.store.engine: opening the database, sharing it between engines and processes."""

from __future__ import annotations

import itertools
import multiprocessing
import sqlite3
import sys
from typing import Any

import pytest

from assessments.errors import ErrorCode, InputError
from assessments.models import Answer
from assessments.store import Store, Viewer
from tests.databases import refuse_updates, server_url, url_string
from tests.store.helpers import FRAMEWORKS, new_assessment


def _no_such_server() -> str:
    """A PostgreSQL URL on a loopback port where nothing listens."""
    return url_string(server_url("nothing").set(host="127.0.0.1", port=1, query={}))


@pytest.mark.parametrize(
    "url", ["not a url", "sqlite:////proc/definitely/not/writable.db", _no_such_server(), "mysql://db.invalid/x"]
)
def test_open_bad_database__error(url: str) -> None:
    """Should raise STORAGE_002 when the URL is invalid, the file cannot be created, the server is not
    there or the driver is missing."""
    with pytest.raises(InputError) as exc:
        Store(url, frameworks=FRAMEWORKS)
    assert exc.value.codes == [ErrorCode.STORAGE_002]


def test_database_url_env__ok(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should use DATABASE_URL from the environment when no URL is given."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    s = Store(frameworks=FRAMEWORKS)
    assert s.url == database_url
    aid = new_assessment(s)
    s.close()
    other = Store(database_url, frameworks=FRAMEWORKS)
    assert other.get_assessment(aid).innovation.name == "Shared Lives Plus"
    other.close()


def test_two_engines_share_database__ok(db_url: str) -> None:
    """Should let a second store on the same database see answers the first saved, and vice versa."""
    first = Store(db_url, frameworks=FRAMEWORKS)
    second = Store(db_url, frameworks=FRAMEWORKS)
    try:
        aid = new_assessment(first)
        second.get_assessment(aid)  # open a pooled connection before the write
        first.save_answer(aid, "alpha", "a1", Answer(value="addressed"))
        assert second.get_assessment(aid).answer("alpha", "a1") == Answer(value="addressed")
        second.save_answer(aid, "alpha", "a2", Answer(value="recognised"))
        assert first.get_summary(aid).answered == 2
    finally:
        first.close()
        second.close()


@pytest.mark.sqlite_only(reason="WAL is SQLite's journal mode (PostgreSQL readers never block writers)")
def test_sqlite_in_wal_mode__ok(store: Store, db_url: str) -> None:
    """Should put the SQLite file in WAL mode, so a second process reads while another writes."""
    new_assessment(store)
    con = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    try:
        assert con.execute("pragma journal_mode").fetchone()[0] == "wal"
    finally:
        con.close()


def _write_many(url: str, aid: str, items: list[str]) -> None:
    store = Store(url, frameworks=FRAMEWORKS)
    for i, iid in enumerate(items * 10):
        store.save_answer(aid, "alpha", iid, Answer(value=["recognised", "addressed"][i % 2]))
    store.close()


def test_concurrent_writers_wait__ok(db_url: str) -> None:
    """Should let two processes write to the same file at once without a 'database is locked' failure."""
    store = Store(db_url, frameworks=FRAMEWORKS)
    aid = new_assessment(store)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_many, args=(db_url, aid, items)) for items in (["a1", "a2"], ["a3"])]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    assert store.get_summary(aid).answered == 3
    store.close()


CREATED, TAKEN = 10, 11
"""Exit codes of :func:`_same_answer`: it created the workspace / found the name taken."""


def _same_answer(url: str, aid: str, barrier: Any) -> None:
    """Save and clear answer a1 over and over, then try to create workspace 'Race' (all processes at once)."""
    store = Store(url, frameworks=FRAMEWORKS)
    barrier.wait(60)
    for i in range(30):
        store.save_answer(aid, "alpha", "a1", Answer(value="recognised" if i % 3 else "addressed") if i % 2 else None)
    barrier.wait(30)
    try:
        store.as_viewer(Viewer(actor="race", system=True)).add_workspace("Race")
    except InputError as exc:
        if exc.codes != [ErrorCode.STORAGE_006]:
            raise
        sys.exit(TAKEN)
    finally:
        store.close()
    sys.exit(CREATED)


def test_concurrent_writers_same_rows__ok(db_url: str) -> None:
    """Should run concurrent changes of the same rows one after another: none fails, none is lost from the audit.

    SQLite lets one writer in at a time (BEGIN IMMEDIATE); without the same on PostgreSQL two
    first saves of one answer both insert it (a duplicate key), two audit rows claim the same
    old value, and two workspaces of one name race to the unique index.
    """
    store = Store(db_url, frameworks=FRAMEWORKS)
    aid = new_assessment(store)
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(3)
    procs = [ctx.Process(target=_same_answer, args=(db_url, aid, barrier)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert sorted(p.exitcode or 0 for p in procs) == [CREATED, TAKEN, TAKEN]
    values = [e for e in store.audit_log(aid) if e.field == "value"]
    assert len(values) >= 10, "the processes changed the answer many times"
    for before, after in itertools.pairwise(values):
        assert after.old == before.new, "each change starts from the value the previous one left"
    assert store.get_answers(aid).get("alpha", {}).get("a1", Answer()).value == values[-1].new
    store.close()


def test_database_failure_on_save__error(store: Store) -> None:
    """Should turn a database failure into STORAGE_002 (no driver exception) and keep what was saved before."""
    aid = new_assessment(store)
    store.save_answer(aid, "alpha", "a1", Answer(value="addressed"))
    with store.engine.begin() as conn:
        refuse_updates(conn, "answers", "refused")
    with pytest.raises(InputError) as exc:
        store.save_answer(aid, "alpha", "a1", Answer(value="recognised"))
    assert exc.value.codes == [ErrorCode.STORAGE_002]
    assert "refused" in exc.value.problems[0].message
    assert store.get_answers(aid)["alpha"]["a1"].value == "addressed"
