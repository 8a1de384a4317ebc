"""PostgreSQL: what the store needs from it that SQLite gives by itself (one writer at a time).

* **One writer at a time.** The store's writes read, then write (is this answer saved yet? what
  was its old value for the audit? is this workspace name taken?). SQLite runs them one after
  another (``BEGIN IMMEDIATE``); PostgreSQL, at READ COMMITTED, lets two run side by side, so two
  first saves of one answer both insert it (a duplicate key) and two audit rows claim the same
  old value. A write transaction (the ``immediate`` execution option the store sets) therefore
  starts by taking a transaction-level advisory lock, the same one the schema upgrade holds:
  writers wait for each other as on SQLite, readers never wait. Each statement after the lock
  sees everything committed before it (READ COMMITTED takes a snapshot per statement).
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, event

WRITE_LOCK = 716_239_401
"""The advisory lock key every write transaction holds (the one the schema upgrade holds too)."""


def configure_postgresql(engine: Engine) -> None:
    """Serialise write transactions."""

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get("immediate"):
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%(key)s)", {"key": WRITE_LOCK})
