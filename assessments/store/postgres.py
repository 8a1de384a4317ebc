"""PostgreSQL: what the store needs from it that SQLite gives by itself (one writer at a time, NUL in text).

* **One writer at a time.** The store's writes read, then write (is this answer saved yet? what
  was its old value for the audit? is this workspace name taken?). SQLite runs them one after
  another (``BEGIN IMMEDIATE``); PostgreSQL, at READ COMMITTED, lets two run side by side, so two
  first saves of one answer both insert it (a duplicate key) and two audit rows claim the same
  old value. A write transaction (the ``immediate`` execution option the store sets) therefore
  starts by taking a transaction-level advisory lock, the same one the schema upgrade holds:
  writers wait for each other as on SQLite, readers never wait. Each statement after the lock
  sees everything committed before it (READ COMMITTED takes a snapshot per statement).
* **NUL characters.** PostgreSQL text cannot hold U+0000 and psycopg refuses to send it, so an
  id with a NUL from a link, a file or the command line raised a driver error where SQLite
  simply found nothing. Nothing the store writes holds a NUL (text is cleaned first), so such a
  parameter is sent with U+FFFD in its place: it matches nothing, as on SQLite, and the store's
  own "not found" error is raised.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, event

WRITE_LOCK = 716_239_401
"""The advisory lock key every write transaction holds (the one the schema upgrade holds too)."""
_NUL = "\x00"


def configure_postgresql(engine: Engine) -> None:
    """Serialise write transactions and make NUL characters in parameters harmless."""

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get("immediate"):
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%(key)s)", {"key": WRITE_LOCK})

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _no_nul(
        conn: Connection, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
    ) -> tuple[str, Any]:
        if executemany:
            return statement, [without_nul(p) for p in parameters]
        return statement, without_nul(parameters)


def without_nul(parameters: Any) -> Any:
    """The parameters (a mapping or a sequence) with U+FFFD for every NUL in a string value."""
    if isinstance(parameters, dict):
        if any(isinstance(v, str) and _NUL in v for v in parameters.values()):
            return {k: v.replace(_NUL, "\ufffd") if isinstance(v, str) else v for k, v in parameters.items()}
        return parameters
    if isinstance(parameters, (list, tuple)) and any(isinstance(v, str) and _NUL in v for v in parameters):
        return type(parameters)(v.replace(_NUL, "\ufffd") if isinstance(v, str) else v for v in parameters)
    return parameters
