"""Opening the database: the URL, the SQLAlchemy engine, SQLite's WAL and busy timeout, and transactions.

The default database is SQLite in ``data/`` (created on first use); any SQLAlchemy
URL can be given through ``DATABASE_URL``. The schema is created automatically.

SQLite runs in WAL mode with a busy timeout, so a second process on the same
file sees committed answers and concurrent writers wait instead of failing.
Write transactions start with ``BEGIN IMMEDIATE`` so two writers never
deadlock while upgrading a read lock.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from assessments.errors import ErrorCode, InputError, problem
from assessments.models import Framework
from assessments.store.schema import metadata

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB_PATH = REPO_ROOT / "data" / "assessments.db"
BUSY_TIMEOUT_SECONDS = 30
"""How long a SQLite writer waits for another writer before giving up."""


def default_url() -> str:
    """``DATABASE_URL`` if set, else SQLite at ``data/assessments.db`` in the repository."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DB_PATH}"


def open_engine(url: str) -> Engine:
    """An engine on ``url`` with the schema created (and, for SQLite, the data folder and pragmas).

    Raises:
        InputError: STORAGE_002 if the URL is not a database URL or the database cannot be opened or created.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise InputError([problem(ErrorCode.STORAGE_002, detail=f"'{url}' is not a database URL")]) from exc
    is_sqlite = parsed.get_backend_name() == "sqlite"
    kwargs: dict[str, Any] = {}
    if is_sqlite:
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise InputError([problem(ErrorCode.STORAGE_002, detail=str(exc))]) from exc
        kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_SECONDS, "check_same_thread": False}
    try:
        engine = create_engine(parsed, **kwargs)
    except (SQLAlchemyError, ImportError) as exc:
        raise InputError([problem(ErrorCode.STORAGE_002, detail=str(exc).splitlines()[0])]) from exc
    if is_sqlite:
        _configure_sqlite(engine)
    try:
        metadata.create_all(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise InputError([problem(ErrorCode.STORAGE_002, detail=detail)]) from exc
    return engine


def _configure_sqlite(engine: Engine) -> None:
    """WAL, busy timeout, foreign keys, and explicit BEGIN / BEGIN IMMEDIATE transactions."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own
        # transaction handling would defer it and cannot do BEGIN IMMEDIATE).
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        with suppress(sqlite3.Error):  # in-memory or read-only databases keep their journal mode
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("immediate") else "BEGIN")


class StoreBase:
    """The engine, the frameworks and the transaction helpers every capability of the store uses.

    Args:
        url: SQLAlchemy database URL; defaults to :func:`default_url`.
        frameworks: The frameworks answers are validated against and progress is counted
            over (a :class:`~assessments.catalogue.Catalogue`, or any mapping of id to framework).

    Raises:
        InputError: STORAGE_002 if the database cannot be opened or created.
    """

    def __init__(self, url: str | None = None, *, frameworks: Mapping[str, Framework]) -> None:
        self.url = url or default_url()
        self._frameworks = frameworks
        self._total_items = sum(fw.item_count for fw in frameworks.values())
        self.engine = open_engine(self.url)

    def close(self) -> None:
        """Release pooled connections (the store can still be used afterwards)."""
        self.engine.dispose()

    @property
    def frameworks(self) -> Mapping[str, Framework]:
        """Frameworks used to validate answers and compute progress."""
        return self._frameworks

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction (BEGIN IMMEDIATE on SQLite); rolled back on any error.

        A database failure (locked, full, gone away) becomes STORAGE_002, so callers see one
        kind of error for input and storage problems and no driver exception reaches a page.
        """
        try:
            with self.engine.connect() as conn:
                conn = conn.execution_options(immediate=True)
                with conn.begin():
                    yield conn
        except SQLAlchemyError as exc:
            detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            raise InputError([problem(ErrorCode.STORAGE_002, detail=detail)]) from exc

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A connection for reads; its transaction (begun on the first statement) ends with the block."""
        with self.engine.connect() as conn:
            yield conn
