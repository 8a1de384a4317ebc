"""PostgreSQL only: errors the server raises reach people as STORAGE_002 with no SQL and no row values,
and a store survives its connections being cut (as when the server restarts).

Skipped when no PostgreSQL is reachable through the PG* variables (``tests/postgres.py``); run
them with ``pg_virtualenv -o fsync=off .venv/bin/python -m pytest tests/store/test_postgres_errors.py``.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from assessments.errors import ErrorCode, InputError
from assessments.models import Answer
from assessments.store import Store
from tests.postgres import postgres_database
from tests.store.helpers import FRAMEWORKS, new_assessment

SECRET = "secret-row-value-7f3a"
"""A value that must never appear in a message."""
SQL_WORDS = ("INSERT", "SELECT", "UPDATE", "VALUES", "DETAIL", "Failing row", "Key (", "$1", "[SQL", "[parameters")


@pytest.fixture(name="pg_url")
def _pg_url() -> Iterator[str]:
    with postgres_database() as url:
        yield url


@pytest.fixture(name="pg_store")
def _pg_store(pg_url: str) -> Iterator[Store]:
    store = Store(pg_url, frameworks=FRAMEWORKS)
    try:
        yield store
    finally:
        store.close()


def _assert_clean(message: str) -> None:
    assert SECRET not in message
    for word in SQL_WORDS:
        assert word not in message, f"{word!r} in {message!r}"


FAILING_STATEMENTS = {
    # a unique violation: PostgreSQL's DETAIL line repeats the key's value
    "unique": "INSERT INTO workspaces (id, name, kind, created_at, created_by) VALUES (:v, 'Twice', 'organisation', now(), '')",
    # a not-null violation: DETAIL has the whole failing row
    "not null": "INSERT INTO workspaces (id, name, kind, created_at, created_by) VALUES (:v, NULL, 'organisation', now(), '')",
    # a data error: the first line quotes the rejected value
    "bad input": "UPDATE audit SET id = CAST(:v AS integer)",
    "bad date": "UPDATE assessments SET assessed_on = CAST(:v AS date)",
    # too long for its column
    "too long": "UPDATE workspaces SET kind = :v || repeat('x', 40)",
    # a syntax error quotes the SQL around it
    "syntax": "SELECT :v FROM workspaces WHERE secret-row-value-7f3a",
    "no such table": "SELECT * FROM no_such_table_secret_row_value_7f3a WHERE id = :v",
}


@pytest.mark.parametrize("case", FAILING_STATEMENTS)
def test_postgres_error_shown_without_sql_or_values__error(pg_store: Store, case: str) -> None:
    """Should report a statement PostgreSQL refuses as STORAGE_002 naming neither the SQL nor the row's values."""
    with pg_store._write() as conn:
        conn.execute(
            text(
                "INSERT INTO workspaces (id, name, kind, created_at, created_by) VALUES (:v, 'First', 'organisation', now(), '')"
            ),
            {"v": SECRET},
        )
    new_assessment(pg_store)
    with pytest.raises(InputError) as exc, pg_store._write() as conn:
        conn.execute(text(FAILING_STATEMENTS[case]), {"v": SECRET})
    assert exc.value.codes == [ErrorCode.STORAGE_002]
    _assert_clean(str(exc.value.problems[0]))


def test_store_survives_cut_connections__ok(pg_store: Store) -> None:
    """Should replace pooled connections the server has closed (a restart) instead of failing the next read or save."""
    aid = new_assessment(pg_store)
    pg_store.save_answer(aid, "alpha", "a1", Answer(value="addressed"))
    with pg_store.engine.connect() as conn:  # a pooled connection, returned to the pool afterwards
        conn.execute(text("SELECT 1"))
    killer = Store(pg_store.url, frameworks=FRAMEWORKS)
    with killer.engine.connect() as conn:
        cut = conn.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar_one()
        conn.commit()
    killer.close()
    assert cut >= 1
    assert pg_store.get_answers(aid)["alpha"]["a1"].value == "addressed"
    pg_store.save_answer(aid, "alpha", "a2", Answer(value="recognised"))
    assert pg_store.get_summary(aid).answered == 2


def test_cli_database_error_has_no_sql__error(pg_url: str) -> None:
    """Should print a failing read from the command line as one STORAGE_002 line: no traceback, no SQL."""
    Store(pg_url, frameworks=FRAMEWORKS).close()
    store = Store(pg_url, frameworks=FRAMEWORKS)
    with store.engine.begin() as conn:
        conn.execute(text("ALTER TABLE workspaces RENAME TO workspaces_gone"))
    store.close()
    proc = subprocess.run(
        [sys.executable, "-m", "assessments", "workspace", "list", "--database", pg_url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "[STORAGE_002]" in proc.stderr
    assert "Traceback" not in proc.stderr
    _assert_clean(proc.stderr)
