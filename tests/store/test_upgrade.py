"""Tests for assessments.store.upgrade: a database made by the previous release opens with nothing lost."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from assessments.catalogue import bundled_frameworks
from assessments.store import DEMO_WORKSPACE, LOCAL_WORKSPACE, Store

RELEASE_DB = Path(__file__).parent / "data" / "release-issue9.db"
"""Made by the release before workspaces (commit bf4147d): the five examples, one own assessment
with three answers, and one weight profile."""


def _columns(path: Path, table: str) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[1] for r in con.execute(f"PRAGMA table_info({table})")}
    finally:
        con.close()


def test_previous_release_upgrades_in_place__ok(tmp_path: Path) -> None:
    """Should keep every assessment, answer, audit row and profile, and put examples in the demo workspace."""
    path = tmp_path / "old.db"
    shutil.copy(RELEASE_DB, path)
    assert "workspace_id" not in _columns(path, "innovations")
    con = sqlite3.connect(path)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("answers", "assessments", "audit")}
    con.close()
    store = Store(f"sqlite:///{path}", frameworks=bundled_frameworks())
    own = store.list_assessments()
    assert [(s.innovation_name, s.answered, s.workspace_id, s.editable) for s in own] == [
        ("Shared Lives Plus pilot", 3, LOCAL_WORKSPACE, True)
    ]
    examples = store.list_assessments(examples=True)
    assert len(examples) == 5 and {s.workspace_id for s in examples} == {DEMO_WORKSPACE}
    assert store.weight_profiles() == {"Panel weights": {"scie.innovation": 2.0}}
    assert store.audit_log(own[0].id)[0].field == "created"
    store.close()
    con = sqlite3.connect(path)
    after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("answers", "assessments", "audit")}
    con.close()
    assert after == counts
    again = Store(f"sqlite:///{path}", frameworks=bundled_frameworks())
    assert [s.id for s in again.list_assessments()] == [own[0].id]
    assert len(again.list_assessments(examples=True)) == 5


def _open(url: str) -> None:
    Store(url, frameworks=bundled_frameworks()).close()


def test_processes_opening_at_once__ok(tmp_path: Path) -> None:
    """Should let several server processes open (and upgrade) the same database at the same moment."""
    import multiprocessing

    path = tmp_path / "old.db"
    shutil.copy(RELEASE_DB, path)
    ctx = multiprocessing.get_context("spawn")
    for url in (f"sqlite:///{path}", f"sqlite:///{tmp_path / 'new.db'}"):
        procs = [ctx.Process(target=_open, args=(url,)) for _ in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(120)
        assert [p.exitcode for p in procs] == [0, 0, 0, 0]
        con = sqlite3.connect(url.removeprefix("sqlite:///"))
        assert sorted(r[0] for r in con.execute("SELECT id FROM workspaces")) == [DEMO_WORKSPACE, LOCAL_WORKSPACE]
        con.close()
