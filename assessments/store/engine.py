"""Opening the database: the URL, the SQLAlchemy engine, SQLite's WAL and busy timeout, and transactions.

The default database is SQLite in ``data/`` (created on first use); any SQLAlchemy
URL can be given through ``DATABASE_URL``. An empty database gets the schema at once;
one made by an earlier release must be upgraded first (:mod:`assessments.store.migrate`).

SQLite runs in WAL mode with a busy timeout, so a second process on the same
file sees committed answers and concurrent writers wait instead of failing.
Write transactions start with ``BEGIN IMMEDIATE`` so two writers never
deadlock while upgrading a read lock. PostgreSQL gets the same one-writer-at-a-time rule
from an advisory lock (:mod:`assessments.store.postgres`).

A server database (PostgreSQL) is reached through a pool per process, sized by
``DATABASE_POOL_SIZE`` and ``DATABASE_MAX_OVERFLOW`` (5 and 5: one replica's sessions; see
docs/deployment.md, "Running several servers"). Every connection is pinged when taken from the pool
and recycled after half an hour, so connections left broken by a restarted server are
replaced instead of failing a click; opening a connection while the server restarts is
retried for a few seconds. Any database failure that reaches a caller is STORAGE_002 with a
detail free of SQL and values (:mod:`assessments.store.failures`).
"""

from __future__ import annotations

import copy
import os
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Self

from sqlalchemy import Connection, Engine, and_, create_engine, event, or_, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from assessments.errors import ErrorCode, InputError, problem
from assessments.models import Framework
from assessments.store.access import DEMO_WORKSPACE, Origin, Role, Roles, Viewer, read_only_reason
from assessments.store.failures import database_error, retryable_connect_error
from assessments.store.migrate import SchemaStatus, ensure_schema, schema_status, upgrade_schema
from assessments.store.postgres import configure_postgresql
from assessments.store.results import refresh_results, store_results
from assessments.store.rows import unknown_assessment
from assessments.store.schema import SELECT_PLACE, SELECT_ROLES, assessments_table, innovations, workspaces

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB_PATH = REPO_ROOT / "data" / "assessments.db"
BUSY_TIMEOUT_SECONDS = 30
"""How long a SQLite writer waits for another writer before giving up."""
POOL_SIZE_ENV, POOL_SIZE_DEFAULT = "DATABASE_POOL_SIZE", 5
"""Connections a server process keeps open to a server database (not SQLite)."""
MAX_OVERFLOW_ENV, MAX_OVERFLOW_DEFAULT = "DATABASE_MAX_OVERFLOW", 5
"""Connections it may open beyond the pool at busy moments (closed again when returned)."""
POOL_TIMEOUT_SECONDS = 30
"""How long a request waits for a free connection when pool and overflow are all in use."""
POOL_RECYCLE_SECONDS = 1800
"""Connections older than this are replaced (firewalls and proxies drop idle connections)."""
CONNECT_TIMEOUT_SECONDS = 10
"""How long opening one connection to a server database may take before it counts as failed."""
CONNECT_RETRY_SECONDS = 8.0
"""How long a read or write keeps trying to connect to a server that is restarting or away."""


def default_url() -> str:
    """``DATABASE_URL`` if set, else SQLite at ``data/assessments.db`` in the repository."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DB_PATH}"


def open_engine(url: str) -> Engine:
    """An engine on ``url``, its schema created if the database is empty and checked otherwise.

    Raises:
        InputError: STORAGE_002 if the URL is not a database URL or the database cannot be opened or
            created; STORAGE_008 if it was made by another release and needs upgrading.
    """
    engine = make_engine(url)
    try:
        ensure_schema(engine)
    except InputError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise InputError([problem(ErrorCode.STORAGE_002, detail=database_error(exc))]) from exc
    return engine


def upgrade_database(url: str | None = None, *, frameworks: Mapping[str, Framework] | None = None) -> SchemaStatus:
    """Bring the database at ``url`` (default :func:`default_url`) to this version's schema.

    With ``frameworks``, then compute the stored results of every assessment that lacks them or
    whose results were computed by other scoring code or framework versions
    (:func:`~assessments.store.results.refresh_results`), so no page has to.

    Raises:
        InputError: STORAGE_002 if it cannot be opened or the upgrade fails (nothing is changed then).
    """
    engine = make_engine(url or default_url())
    try:
        status = upgrade_schema(engine)
        if frameworks is not None and status.up_to_date:
            refresh_results(engine, frameworks)
        return status
    except SQLAlchemyError as exc:
        raise InputError([problem(ErrorCode.STORAGE_002, detail=database_error(exc))]) from exc
    finally:
        engine.dispose()


def database_status(url: str | None = None) -> SchemaStatus:
    """Where the database at ``url`` stands against this version's schema (nothing is changed).

    Raises:
        InputError: STORAGE_002 if it cannot be opened.
    """
    engine = make_engine(url or default_url())
    try:
        return schema_status(engine)
    except SQLAlchemyError as exc:
        raise InputError([problem(ErrorCode.STORAGE_002, detail=database_error(exc))]) from exc
    finally:
        engine.dispose()


def make_engine(url: str, *, pool_size: int | None = None, max_overflow: int | None = None) -> Engine:
    """An engine on ``url`` (for SQLite: the data folder made, WAL and busy timeout); the schema is not touched.

    A server database gets a pool of ``pool_size`` connections plus up to ``max_overflow``
    more (defaults: ``DATABASE_POOL_SIZE`` and ``DATABASE_MAX_OVERFLOW``, else 5 and 5), each
    pinged when taken from the pool and recycled after :data:`POOL_RECYCLE_SECONDS`.

    Raises:
        InputError: STORAGE_002 if the URL is not a database URL, its driver is missing or a
            pool setting is not a whole number.
    """
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:  # ValueError: a port that is not a number
        shown = (url.split("://", 1)[0] + "://…" if "://" in url else "…") if "@" in url else url  # never a password
        raise InputError([problem(ErrorCode.STORAGE_002, detail=f"'{shown}' is not a database URL")]) from exc
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
    else:
        kwargs.update(
            pool_size=pool_size if pool_size is not None else _pool_setting(POOL_SIZE_ENV, POOL_SIZE_DEFAULT, 1),
            max_overflow=max_overflow
            if max_overflow is not None
            else _pool_setting(MAX_OVERFLOW_ENV, MAX_OVERFLOW_DEFAULT, 0),
            pool_timeout=POOL_TIMEOUT_SECONDS,
            pool_recycle=POOL_RECYCLE_SECONDS,
            pool_pre_ping=True,
        )
        if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
            kwargs["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
    try:
        engine = create_engine(parsed, **kwargs)
    except (SQLAlchemyError, ImportError, TypeError) as exc:
        # TypeError: a dialect whose pool takes no size (a URL naming a custom pool class, say).
        raise InputError([problem(ErrorCode.STORAGE_002, detail=str(exc).splitlines()[0])]) from exc
    if is_sqlite:
        _configure_sqlite(engine)
    elif parsed.get_backend_name() == "postgresql":
        configure_postgresql(engine)
    return engine


def _pool_setting(name: str, default: int, minimum: int) -> int:
    """A whole-number pool setting from the environment (``default`` when unset or blank).

    Raises:
        InputError: STORAGE_002 naming the variable when it is not a whole number ≥ ``minimum``.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise InputError(
            [problem(ErrorCode.STORAGE_002, detail=f"{name} must be a whole number of at least {minimum}, not '{raw}'")]
        )
    return value


def connect(engine: Engine, *, retry_seconds: float = CONNECT_RETRY_SECONDS) -> Connection:
    """A connection from ``engine``'s pool, waiting up to ``retry_seconds`` for a server that is restarting.

    SQLite is never retried (its busy timeout already waits for other writers). A server that
    refuses for good (wrong password, no such database) is reported at once.

    Raises:
        SQLAlchemyError: The last failure, once the time is up or at once when not worth waiting.
    """
    deadline = time.monotonic() + retry_seconds
    pause = 0.1
    while True:
        try:
            return engine.connect()
        except SQLAlchemyError as exc:
            if engine.dialect.name == "sqlite" or not retryable_connect_error(exc) or time.monotonic() >= deadline:
                raise
        time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
        pause = min(pause * 2, 1.0)


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
        viewer: Who the store acts for; every read and write is limited to what this viewer
            may see and change (:mod:`assessments.store.access`). The default is the one
            person of a single-user installation.

    Raises:
        InputError: STORAGE_002 if the database cannot be opened or created.
    """

    def __init__(
        self, url: str | None = None, *, frameworks: Mapping[str, Framework], viewer: Viewer | None = None
    ) -> None:
        self.url = url or default_url()
        self._frameworks = frameworks
        self._total_items = sum(fw.item_count for fw in frameworks.values())
        self.viewer = viewer or Viewer.local()
        self.engine = open_engine(self.url)

    def as_viewer(self, viewer: Viewer) -> Self:
        """The same database (engine and pool shared) acting for another viewer."""
        other = copy.copy(self)
        other.viewer = viewer
        return other

    @property
    def actor(self) -> str:
        """Who the audit trail names for this store's changes."""
        return self.viewer.actor

    def _roles(self, conn: Connection) -> Roles:
        """The viewer's roles now (memberships are read on every call, so a removal takes effect at once)."""
        rows: list[tuple[str, str]] = []
        if self.viewer.email:
            rows = [(r.workspace_id, r.role) for r in conn.execute(SELECT_ROLES, {"k_email": self.viewer.email})]
        return Roles.of(self.viewer, rows)

    def _readable(self, roles: Roles) -> Any:
        """A WHERE clause (over assessments joined to innovations) keeping what the viewer may read."""
        own, received = roles.readable_places()
        return or_(
            and_(assessments_table.c.origin == Origin.OWN.value, innovations.c.workspace_id.in_(own)),
            and_(assessments_table.c.origin != Origin.OWN.value, innovations.c.workspace_id.in_(received)),
        )

    def _place(self, conn: Connection, assessment_id: str, *, edit: bool = False) -> tuple[str, str]:
        """(workspace id, origin) of an assessment the viewer may read (or, with ``edit``, change).

        Raises:
            InputError: STORAGE_001 if it does not exist or may not be read; STORAGE_003 if it
                may be read but ``edit`` was asked and it may not be changed.
        """
        row = conn.execute(SELECT_PLACE, {"k_assessment": assessment_id}).first()
        roles = self._roles(conn)
        if row is None or not roles.can_read(row.workspace_id, row.origin):
            raise unknown_assessment(assessment_id)
        if edit and not roles.can_edit(row.workspace_id, row.origin):
            raise InputError(
                [
                    problem(
                        ErrorCode.STORAGE_003, id=assessment_id, detail=read_only_reason(row.workspace_id, row.origin)
                    )
                ]
            )
        return row.workspace_id, row.origin

    def _require(self, conn: Connection, workspace_id: str, *roles_needed: Role) -> Roles:
        """The viewer's roles, having checked it holds one of ``roles_needed`` in the workspace.

        Raises:
            InputError: STORAGE_005 naming the workspace and the roles that would do.
        """
        roles = self._roles(conn)
        if self.viewer.system or any(roles.has(workspace_id, r) for r in roles_needed):
            return roles
        name = conn.execute(select(workspaces.c.name).where(workspaces.c.id == workspace_id)).scalar()
        needed = " or ".join(r.value for r in roles_needed)
        raise InputError([problem(ErrorCode.STORAGE_005, detail=needed, found=name or workspace_id)])

    def _store_results(self, conn: Connection, assessment_id: str) -> None:
        """Write the assessment's results as its answers now score (every write path ends with this)."""
        store_results(conn, self._frameworks, assessment_id)

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
            with connect(self.engine) as conn:
                conn = conn.execution_options(immediate=True)
                with conn.begin():
                    yield conn
        except SQLAlchemyError as exc:
            raise InputError([problem(ErrorCode.STORAGE_002, detail=database_error(exc))]) from exc

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A connection for reads; its transaction (begun on the first statement) ends with the block.

        A database failure becomes STORAGE_002, as for writes.
        """
        try:
            with connect(self.engine) as conn:
                if conn.dialect.name != "sqlite":
                    # On PostgreSQL (READ COMMITTED) every statement takes its own snapshot even
                    # inside a transaction, so reads in autocommit see the same data and save the
                    # BEGIN and ROLLBACK round trips. SQLite keeps its transaction: its snapshot
                    # does hold for the whole block.
                    conn = conn.execution_options(isolation_level="AUTOCOMMIT")
                yield conn
        except SQLAlchemyError as exc:
            raise InputError([problem(ErrorCode.STORAGE_002, detail=database_error(exc))]) from exc

    def _home(self, conn: Connection, workspace: str | None, role: Role) -> str:
        """The workspace a new assessment goes to: ``workspace`` if the viewer holds ``role`` there,
        else the only (non-demo) workspace where it does.

        Raises:
            InputError: STORAGE_005 (no such role there / anywhere), STORAGE_006 (several: choose one).
        """
        if workspace is not None:
            self._require(conn, workspace, role)
            return workspace
        choices = [ws for ws in self._roles(conn).workspaces(role) if ws != DEMO_WORKSPACE]
        if len(choices) == 1:
            return choices[0]
        if not choices:
            raise InputError([problem(ErrorCode.STORAGE_005, detail=role.value, found="any workspace")])
        raise InputError(
            [problem(ErrorCode.STORAGE_006, detail=f"You are {role.value} in several workspaces; say which one to use")]
        )
