"""Test databases: a fresh, empty database for each test, on SQLite (the default) or on PostgreSQL.

``TEST_DATABASE=postgresql`` runs the tests on a PostgreSQL server found through the
libpq variables ``PGHOST``, ``PGPORT``, ``PGUSER`` and ``PGPASSWORD`` (what
``pg_virtualenv`` exports). Each database is ``CREATE DATABASE test_<random>`` made
through an admin connection to ``PGDATABASE`` (default ``postgres``) and dropped when the
test ends (``WITH (FORCE)``: an app under test may still hold pooled connections).
Otherwise each database is a SQLite file in the test's own temporary folder.

Every test that opens a store gets its URL from here (the ``database_url`` and
``databases`` fixtures of ``tests/conftest.py``), so the same test runs on both.
"""

from __future__ import annotations

import getpass
import os
import secrets
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

TEST_DATABASE_ENV = "TEST_DATABASE"
"""Which database the tests run on: ``sqlite`` (default) or ``postgresql``."""
SQLITE = "sqlite"
POSTGRESQL = "postgresql"
CREATE_OPTIONS = "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'"
"""Each PostgreSQL test database sorts text as people read it (ICU, en-US: 'alpha' < 'Beta' < 'éa' < 'Zeta'),
as a server set up with a language's locale does; the throwaway cluster's own C.UTF-8 sorts by code point,
like SQLite, and would hide an ORDER BY that the app relies on to sort by code point."""
_ALIASES = {"": SQLITE, SQLITE: SQLITE, "postgres": POSTGRESQL, POSTGRESQL: POSTGRESQL}


def backend() -> str:
    """``sqlite`` or ``postgresql``, from ``TEST_DATABASE``.

    Raises:
        ValueError: for any other value (a typo must not silently run the tests on SQLite).
    """
    value = os.environ.get(TEST_DATABASE_ENV, "").strip().lower()
    if value not in _ALIASES:
        raise ValueError(f"{TEST_DATABASE_ENV}={value!r}: use 'sqlite' (the default) or 'postgresql'")
    return _ALIASES[value]


def on_postgresql() -> bool:
    """True when this run is for PostgreSQL."""
    return backend() == POSTGRESQL


def server_url(database: str) -> URL:
    """A ``postgresql+psycopg`` URL for ``database`` on the server the PG* variables name.

    A ``PGHOST`` starting with ``/`` is a Unix socket folder (passed as the ``host`` query parameter).
    """
    host = os.environ.get("PGHOST") or "localhost"
    socket_dir = host.startswith("/")
    return URL.create(
        "postgresql+psycopg",
        username=os.environ.get("PGUSER") or getpass.getuser(),
        password=os.environ.get("PGPASSWORD") or None,
        host=None if socket_dir else host,
        port=int(os.environ.get("PGPORT") or 5432),
        database=database,
        query={"host": host} if socket_dir else {},
    )


def url_string(url: URL) -> str:
    """The URL as a string a store (or another process) can open, password included."""
    return url.render_as_string(hide_password=False)


@cache
def admin_engine() -> Engine:
    """Autocommit connections to the server's maintenance database (for CREATE / DROP DATABASE)."""
    admin = server_url(os.environ.get("PGDATABASE") or "postgres")
    return create_engine(admin, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def server_version() -> str:
    """The PostgreSQL server's version (connecting proves the PG* variables work)."""
    with admin_engine().connect() as conn:
        return str(conn.execute(text("SHOW server_version")).scalar_one())


def refuse_updates(conn: Connection, table: str, message: str) -> None:
    """Make the database itself refuse every later UPDATE of ``table`` with ``message`` (a trigger).

    For tests of what people see when the database fails: SQLite's ``RAISE(ABORT)`` or a
    PL/pgSQL function raising an exception, so the failure comes from the server either way.
    """
    quoted = message.replace("'", "''")
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(f"CREATE TRIGGER refuse_{table} BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{quoted}'); END")
        )
        return
    conn.execute(
        text(
            f"CREATE FUNCTION refuse_{table}() RETURNS trigger LANGUAGE plpgsql "
            f"AS $$ BEGIN RAISE EXCEPTION '{quoted}'; END $$"
        )
    )
    conn.execute(
        text(f"CREATE TRIGGER refuse_{table} BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_{table}()")
    )


class TestDatabases:
    """Fresh databases for one test (or one module); :meth:`drop_all` removes every one it made.

    Args:
        folder: Where SQLite files go (the test's temporary folder).
    """

    __test__ = False  # not a test class, whatever its name says

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.backend = backend()
        self._made: list[str] = []

    def new(self, name: str = "test") -> str:
        """The URL of a new, empty database (``name`` names the SQLite file; PostgreSQL's are random)."""
        if self.backend == SQLITE:
            path = self.folder / f"{name}.db"
            n = 1
            while path.exists() or str(path) in self._made:
                n += 1
                path = self.folder / f"{name}-{n}.db"
            self._made.append(str(path))
            return f"sqlite:///{path}"
        database = f"test_{secrets.token_hex(8)}"
        with admin_engine().connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{database}" {CREATE_OPTIONS}'))
        self._made.append(database)
        return url_string(server_url(database))

    def drop_all(self) -> None:
        """Drop every PostgreSQL database made (SQLite files go with the temporary folder)."""
        if self.backend == POSTGRESQL:
            with admin_engine().connect() as conn:
                for database in self._made:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        self._made.clear()
