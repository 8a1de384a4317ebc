"""Tests for the server-database pool settings, the connect retry, and database errors shown without SQL or values.

None of these needs a PostgreSQL server: an engine on a ``postgresql+psycopg`` URL connects
only when used. The same errors provoked on a real PostgreSQL are in ``test_postgres_errors.py``.
"""

from __future__ import annotations

import sqlite3
import time

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, StatementError, TimeoutError

from assessments.errors import ErrorCode, InputError
from assessments.models import Answer
from assessments.store import Store
from assessments.store.engine import (
    MAX_OVERFLOW_ENV,
    POOL_RECYCLE_SECONDS,
    POOL_SIZE_ENV,
    connect,
    make_engine,
)
from assessments.store.failures import database_error, retryable_connect_error
from tests.store.helpers import FRAMEWORKS, new_assessment

PG_URL = "postgresql+psycopg://someone:s3cret-password@127.0.0.1:1/nowhere"
"""Port 1 on loopback: nothing listens there, so a connection is refused at once."""


def _pool(engine: Engine) -> tuple[int, int, bool, int]:
    pool = engine.pool
    return pool.size(), pool._max_overflow, pool._pre_ping, pool._recycle  # type: ignore[attr-defined]


def test_server_database_pool_defaults__ok(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should give a server database a pool of 5 + 5 pinged, recycled connections when nothing is set."""
    monkeypatch.delenv(POOL_SIZE_ENV, raising=False)
    monkeypatch.delenv(MAX_OVERFLOW_ENV, raising=False)
    engine = make_engine(PG_URL)
    assert _pool(engine) == (5, 5, True, POOL_RECYCLE_SECONDS)


def test_pool_size_from_environment__ok(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should size the pool from DATABASE_POOL_SIZE and DATABASE_MAX_OVERFLOW, and explicit arguments over both."""
    monkeypatch.setenv(POOL_SIZE_ENV, "12")
    monkeypatch.setenv(MAX_OVERFLOW_ENV, "0")
    assert _pool(make_engine(PG_URL))[:2] == (12, 0)
    assert _pool(make_engine(PG_URL, pool_size=1, max_overflow=1))[:2] == (1, 1)


@pytest.mark.parametrize(("name", "value"), [(POOL_SIZE_ENV, "0"), (POOL_SIZE_ENV, "five"), (MAX_OVERFLOW_ENV, "-1")])
def test_bad_pool_setting__error(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    """Should refuse a pool setting that is not a whole number in range with STORAGE_002 naming the variable."""
    monkeypatch.setenv(name, value)
    with pytest.raises(InputError) as exc:
        make_engine(PG_URL)
    assert exc.value.codes == [ErrorCode.STORAGE_002]
    assert name in exc.value.problems[0].message


@pytest.mark.sqlite_only(reason="the pool settings are for a server database; this checks SQLite ignores them")
def test_sqlite_ignores_pool_settings__ok(monkeypatch: pytest.MonkeyPatch, db_url: str) -> None:
    """Should leave SQLite's pool alone (its busy timeout is what makes writers wait)."""
    monkeypatch.setenv(POOL_SIZE_ENV, "not even a number")
    engine = make_engine(db_url)
    assert engine.dialect.name == "sqlite"
    engine.dispose()


@pytest.mark.parametrize(
    "url", ["postgresql+psycopg://user:s3cret-password@host:port/db", "user:s3cret-password@host/db"]
)
def test_bad_url_with_password__error(url: str) -> None:
    """Should refuse a URL that cannot be parsed with STORAGE_002, not repeating a password it holds."""
    with pytest.raises(InputError) as exc:
        make_engine(url)
    assert exc.value.codes == [ErrorCode.STORAGE_002]
    assert "s3cret-password" not in exc.value.problems[0].message


def test_connect_retries_a_server_that_is_away__error() -> None:
    """Should keep trying to connect for the retry window, then raise the driver's failure."""
    engine = make_engine(PG_URL)
    start = time.monotonic()
    with pytest.raises(OperationalError) as exc:
        connect(engine, retry_seconds=0.5)
    assert time.monotonic() - start >= 0.45
    assert retryable_connect_error(exc.value)
    assert "s3cret-password" not in database_error(exc.value)


def test_store_on_unreachable_server__error() -> None:
    """Should report a server that does not answer as STORAGE_002 without the password."""
    with pytest.raises(InputError) as exc:
        Store(PG_URL, frameworks=FRAMEWORKS)
    assert exc.value.codes == [ErrorCode.STORAGE_002]
    assert "s3cret-password" not in str(exc.value.problems[0])


def test_read_failure_is_storage_002__error(store: Store) -> None:
    """Should turn a failing read into STORAGE_002, like a failing write, never a driver exception."""
    aid = new_assessment(store)
    store.save_answer(aid, "alpha", "a1", Answer(value="addressed"))
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE answers RENAME TO answers_gone")
    with pytest.raises(InputError) as exc:
        store.get_answers(aid)
    assert exc.value.codes == [ErrorCode.STORAGE_002]
    assert "SELECT" not in exc.value.problems[0].message


def test_statement_error_hides_sql_and_values__ok() -> None:
    """Should give neither the statement nor its parameters of an error raised while sending values."""
    exc = StatementError(
        "(builtins.ValueError) bad", "UPDATE answers SET note = ?", {"note": "private note"}, ValueError("private note")
    )
    text = database_error(exc)
    assert "private note" not in text
    assert "UPDATE" not in text


def test_pool_timeout_message__ok() -> None:
    """Should keep SQLAlchemy's own message of a pool timeout, without the link appended to it."""
    exc = TimeoutError("QueuePool limit of size 5 overflow 5 reached, connection timed out, timeout 30.00", code="3o7r")
    assert database_error(exc) == "QueuePool limit of size 5 overflow 5 reached, connection timed out, timeout 30.00"


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("INSERT INTO t VALUES ('secret-value', 1)", "UNIQUE constraint failed: t.id"),
        ("INSERT INTO t VALUES ('other', -5)", "CHECK constraint failed"),
        ("INSERT INTO t VALUES ('secret-value' 1)", "syntax error"),
    ],
)
def test_sqlite_errors_hide_sql_and_values__ok(statement: str, expected: str) -> None:
    """Should keep SQLite's message but not the quoted SQL or a CHECK's expression, and never a value."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER CHECK (n > 0))")
    conn.execute("INSERT INTO t VALUES ('secret-value', 1)")
    with pytest.raises(sqlite3.Error) as raised:
        conn.execute(statement)
    wrapped = IntegrityError(statement, {"id": "secret-value"}, raised.value)
    assert database_error(wrapped) == expected
    conn.close()
