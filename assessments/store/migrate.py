"""Schema versions: what revision a database is at, upgrading it with Alembic, and refusing one that is behind.

The schema is created and changed only by the Alembic migrations in ``migrations/versions``
(batch mode on SQLite). A store opening an **empty** database creates the schema at once;
one opening a database made by an earlier release refuses with STORAGE_008, which says to
back it up and run ``python -m assessments db upgrade`` (``make run`` does that first for a
single-user installation). Databases made before Alembic was used are recognised by their
tables and stamped with the revision they match, then upgraded like any other.

Several server processes may start at once: the check and the upgrade run inside one write
transaction that holds the database's lock (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on
PostgreSQL), so one process migrates and the others find nothing left to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

from assessments.errors import ErrorCode, InputError, problem

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_LOCK_KEY = 716_239_401
"""PostgreSQL advisory lock held while checking and migrating (any constant shared by all processes)."""


@dataclass(frozen=True)
class SchemaStatus:
    """Where a database stands against this version of the app."""

    current: str | None
    """Its revision (None: empty, no tables yet)."""
    head: str
    """The revision this version of the app needs."""
    legacy: bool = False
    """True if it was made before Alembic was used (recognised by its tables, not yet stamped)."""

    @property
    def empty(self) -> bool:
        """True for a database with none of the app's tables."""
        return self.current is None

    @property
    def up_to_date(self) -> bool:
        """True if the database is at the revision this version needs."""
        return self.current == self.head and not self.legacy


def _config(conn: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str:
    """The newest revision of the migrations shipped with this version of the app."""
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None
    return head


def _legacy_revision(conn: Connection) -> str | None:
    """The revision an un-stamped database matches by its tables (None if it has none of ours)."""
    inspector = inspect(conn)
    tables = set(inspector.get_table_names())
    if "innovations" not in tables:
        return None
    columns = {c["name"] for c in inspector.get_columns("innovations")}
    return "0002" if "workspace_id" in columns else "0001"


def _status(conn: Connection) -> SchemaStatus:
    current = MigrationContext.configure(conn).get_current_revision()
    if current is not None:
        return SchemaStatus(current, head_revision())
    legacy = _legacy_revision(conn)
    return SchemaStatus(legacy, head_revision(), legacy=legacy is not None)


def _locked(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})


def schema_status(engine: Engine) -> SchemaStatus:
    """The database's revision against the one this version of the app needs."""
    with engine.connect() as conn:
        return _status(conn)


def ensure_schema(engine: Engine) -> SchemaStatus:
    """Create the schema in an empty database; check any other is up to date.

    Raises:
        InputError: STORAGE_008 if the database was made by an earlier release (or a later one).
    """
    with engine.connect() as conn:
        status = _status(conn)
    if status.up_to_date:
        return status
    # Look again holding the lock (creating the schema if the database is empty): the first look
    # takes no lock, and on PostgreSQL its statements may straddle another process committing the
    # schema (no version table yet, then the new tables), which looks like an earlier release.
    status = upgrade_schema(engine, only_if_empty=True)
    if status.up_to_date:
        return status
    raise outdated(status)


def outdated(status: SchemaStatus) -> InputError:
    """The STORAGE_008 error for a database that is not at this version's revision."""
    if status.current and status.current > status.head:
        detail = (
            f"it is at schema revision {status.current}, newer than this version of the app ({status.head}); "
            "run the newer version of the app, or restore a backup made for this one"
        )
    else:
        detail = (
            f"it was made by an earlier release (schema revision {status.current}; this version needs {status.head}). "
            "Back it up, then run: python -m assessments db upgrade (make run does this for a single-user installation)"
        )
    return InputError([problem(ErrorCode.STORAGE_008, detail=detail)])


def upgrade_schema(engine: Engine, *, only_if_empty: bool = False) -> SchemaStatus:
    """Bring the database to this version's revision (stamping a pre-Alembic one first), in one transaction.

    Args:
        engine: The database.
        only_if_empty: Create the schema if the database is empty, and otherwise leave it
            alone (used when a store opens a database; upgrades are an operator's decision).

    Returns:
        The status after upgrading.
    """
    with engine.connect() as conn:
        conn = conn.execution_options(immediate=True)
        with conn.begin():
            _locked(conn)
            status = _status(conn)
            if status.up_to_date or (only_if_empty and not status.empty):
                return status
            cfg = _config(conn)
            if status.legacy and status.current:
                command.stamp(cfg, status.current)
            command.upgrade(cfg, "head")
            return _status(conn)
