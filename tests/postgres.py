"""A throwaway PostgreSQL database for tests that need a real server, found through libpq's PG* variables.

Tests using :func:`postgres_database` run when a server is reachable the way ``psql`` would
reach it with no arguments (``PGHOST``, ``PGPORT``, ``PGUSER``, ``PGPASSWORD``...), e.g. under
``pg_virtualenv -o fsync=off python -m pytest ...``; otherwise they are skipped with the reason.
Each test gets its own database, created empty and dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

SERVER_URL = "postgresql+psycopg://"
"""Every connection setting from libpq's environment variables."""
PG_VARIABLES = ("PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGSERVICE")


def postgres_available() -> str | None:
    """None if a PostgreSQL server answers through the PG* variables, else why not (the skip reason)."""
    if not any(os.environ.get(name) for name in PG_VARIABLES):
        return "no PostgreSQL configured (set PG* variables, e.g. run the tests under pg_virtualenv)"
    engine = create_engine(SERVER_URL, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        return f"PostgreSQL configured by PG* variables does not answer: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}"
    finally:
        engine.dispose()
    return None


@contextmanager
def postgres_database() -> Iterator[str]:
    """The URL of a new, empty database on the PG* server (skips the test when there is none); dropped afterwards."""
    reason = postgres_available()
    if reason:
        pytest.skip(reason)
    name = f"scaling_test_{secrets.token_hex(6)}"
    admin = create_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield f"postgresql+psycopg:///{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
