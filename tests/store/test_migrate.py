"""Tests for assessments.store.migrate: Alembic creates and upgrades the schema, with nothing lost.

Two database files built by earlier releases are kept in ``tests/store/data``:

* ``release-issue9.db`` (commit bf4147d, before workspaces): five examples, one own assessment with
  three answers, one weight profile;
* ``release-issue10.db`` (workspaces, made without Alembic): the same, plus two organisation
  workspaces with members, an assessment shared as a frozen copy, a share link (its token in
  ``release-issue10.token``) and a commissioner's weight profile;
* ``release-issue11.db`` (commit 58267cb, schema revision 0003, made with Alembic): five examples, an
  own assessment with three answers, an organisation's assessment shared as a frozen copy
  (upgrading it to stored results is tested in ``test_results``).

On PostgreSQL the same databases are made again from those files (:mod:`tests.store.releases`).
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, event, text

from assessments.catalogue import bundled_frameworks
from assessments.errors import ErrorCode, InputError
from assessments.store import DEMO_WORKSPACE, LOCAL_WORKSPACE, Store, Viewer, database_status, upgrade_database
from assessments.store.engine import make_engine
from assessments.store.migrate import ensure_schema, head_revision
from assessments.store.schema import metadata
from tests.databases import TestDatabases
from tests.store.helpers import row_counts, table_contents
from tests.store.releases import DATA, load_release

COUNTED = ("answers", "assessments", "audit")


def _release(name: str, databases: TestDatabases) -> str:
    url = databases.new(name.removesuffix(".db"))
    load_release(name, url)
    return url


def _counts(url: str) -> dict[str, int]:
    return row_counts(url, COUNTED)


def _schema_differences(url: str) -> list[object]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        engine.dispose()
    # The pre-workspace weight_profiles table is kept (and still described) for the upgrade's sake.
    return [d for d in diffs if "weight_profiles" not in repr(d)]


def test_empty_database_created_at_head__ok(database_url: str) -> None:
    """Should create the schema of this version in an empty database, matching the table definitions."""
    url = database_url
    Store(url, frameworks=bundled_frameworks()).close()
    status = database_status(url)
    assert status.up_to_date and status.current == head_revision()
    assert _schema_differences(url) == []


@pytest.mark.parametrize("name", ["release-issue9.db", "release-issue10.db", "release-issue11.db"])
def test_earlier_release_refused_until_upgraded__error(name: str, databases: TestDatabases) -> None:
    """Should refuse a database of an earlier release with a message saying how to upgrade it, changing nothing."""
    url = _release(name, databases)
    before = table_contents(url)
    with pytest.raises(InputError) as exc:
        Store(url, frameworks=bundled_frameworks())
    assert exc.value.codes == [ErrorCode.STORAGE_008]
    assert "python -m assessments db upgrade" in str(exc.value)
    assert not database_status(url).up_to_date
    assert table_contents(url) == before


@pytest.mark.sqlite_only(reason="compares the database file byte for byte")
@pytest.mark.parametrize("name", ["release-issue9.db", "release-issue10.db", "release-issue11.db"])
def test_earlier_release_file_untouched__error(name: str, tmp_path: Path) -> None:
    """Should leave the file of a refused earlier release byte for byte as it was (not even a journal replay)."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    load_release(name, url)
    before = (tmp_path / "old.db").read_bytes()
    with pytest.raises(InputError):
        Store(url, frameworks=bundled_frameworks())
    assert (tmp_path / "old.db").read_bytes() == before


def test_release_before_workspaces_upgrades_in_place__ok(databases: TestDatabases) -> None:
    """Should keep every assessment, answer, audit row and profile, and put examples in the demo workspace."""
    url = _release("release-issue9.db", databases)
    counts = _counts(url)
    assert upgrade_database(url).up_to_date
    assert _counts(url) == counts
    assert _schema_differences(url) == []
    store = Store(url, frameworks=bundled_frameworks())
    own = store.list_assessments()
    assert [(s.innovation_name, s.answered, s.workspace_id, s.editable) for s in own] == [
        ("Shared Lives Plus pilot", 3, LOCAL_WORKSPACE, True)
    ]
    examples = store.list_assessments(examples=True)
    assert len(examples) == 5 and {s.workspace_id for s in examples} == {DEMO_WORKSPACE}
    assert store.weight_profiles() == {"Panel weights": {"scie.innovation": 2.0}}
    assert store.audit_log(own[0].id)[0].field == "created"
    store.close()
    assert upgrade_database(url).up_to_date, "upgrading again changes nothing"
    assert _counts(url) == counts


def test_release_with_workspaces_upgrades_in_place__ok(databases: TestDatabases) -> None:
    """Should keep workspaces, members, the shared copy and the share link of a database made without Alembic."""
    url = _release("release-issue10.db", databases)
    counts = _counts(url)
    assert upgrade_database(url).up_to_date
    assert _counts(url) == counts
    assert _schema_differences(url) == []
    system = Store(url, frameworks=bundled_frameworks(), viewer=Viewer(actor="test", system=True))
    alpha = system.workspace_named("Alpha Care")
    assert {m.email for m in system.members(alpha.id)} == {"alice@alpha.example", "dave@alpha.example"}
    carol = system.as_viewer(Viewer.member("carol@county.example"))
    [copy] = carol.list_assessments()
    assert copy.innovation_name == "Alpha homeshare" and not copy.editable
    assert len(carol.get_assessment(copy.id).answers["nasss"]) == 4
    assert carol.weight_profiles() == {"County": {"scie.external": 3.0}}
    token = (DATA / "release-issue10.token").read_text().strip()
    assessment, _ = system.as_viewer(Viewer.anonymous()).open_share_link(token)
    assert assessment.innovation.name == "Alpha homeshare"
    assert [s.answered for s in system.as_viewer(Viewer.local()).list_assessments()] == [3]


def test_newer_database_refused__error(database_url: str) -> None:
    """Should refuse a database stamped by a newer version of the app, saying so."""
    url = database_url
    Store(url, frameworks=bundled_frameworks()).close()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(InputError) as exc:
        Store(url, frameworks=bundled_frameworks())
    assert exc.value.codes == [ErrorCode.STORAGE_008]
    assert "newer" in str(exc.value)


def test_schema_created_meanwhile_by_another_process__ok(database_url: str) -> None:
    """Should open an empty database whose schema another process creates while this one is looking at it.

    Several servers starting at once do this. On PostgreSQL (each statement sees what was committed
    before it) the look found no version table, then the other process's new tables, and refused
    the database as one made by an earlier release (STORAGE_008, 'revision 0002; needs 0002').
    """
    engine = make_engine(database_url)
    meanwhile: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _other_process(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        # The first query that is not about the version table lists the tables: create them just before it.
        select = statement.lstrip().upper().startswith("SELECT")
        if not meanwhile and select and "alembic_version" not in f"{statement} {parameters}":
            meanwhile.append(statement)
            Store(database_url, frameworks=bundled_frameworks()).close()

    try:
        status = ensure_schema(engine)
    finally:
        engine.dispose()
    assert meanwhile, "the other process created the schema during the look"
    assert status.up_to_date


def _open(url: str) -> None:
    Store(url, frameworks=bundled_frameworks()).close()


def _upgrade(url: str) -> None:
    upgrade_database(url)


def _run_all(target: object, url: str, n: int = 4) -> list[int | None]:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=target, args=(url,)) for _ in range(n)]  # type: ignore[arg-type]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    return [p.exitcode for p in procs]


def test_processes_starting_at_once__ok(databases: TestDatabases) -> None:
    """Should let several processes create, or upgrade, the same database at the same moment, once."""
    fresh = databases.new("new")
    assert _run_all(_open, fresh) == [0, 0, 0, 0]
    old = _release("release-issue9.db", databases)
    counts = _counts(old)
    assert _run_all(_upgrade, old) == [0, 0, 0, 0]
    for url in (fresh, old):
        assert database_status(url).up_to_date
        engine = create_engine(url)
        with engine.connect() as conn:
            ids = sorted(conn.execute(text("SELECT id FROM workspaces")).scalars())
        engine.dispose()
        assert ids == [DEMO_WORKSPACE, LOCAL_WORKSPACE]
    assert _counts(old) == counts
