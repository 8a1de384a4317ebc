"""Is this server's database usable: it answers, and its schema is the one this version needs.

What a load balancer's health check (``/healthz`` in ``serve.py``) and an operator's monitoring
ask. The answer is short and public: it names no host, user, SQL or driver message (the
detail is returned separately, for the server's own log).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from assessments.store.failures import database_error
from assessments.store.migrate import schema_status

UPGRADE_HINT = "run: python -m assessments db upgrade"


@dataclass(frozen=True)
class Health:
    """The database's state as a health check reports it."""

    database: str
    """``ok`` when it answered ``SELECT 1``, else ``unreachable``."""
    schema: str | None
    """The schema revision it is at (None: unknown, or no tables yet)."""
    reason: str = ""
    """Why the server is not usable, in a few words fit for anyone to read ('' when it is)."""
    detail: str = ""
    """The database's own message, for the server log only (no SQL, no values, but it may name the host)."""

    @property
    def ok(self) -> bool:
        """True if the server can serve people."""
        return not self.reason

    @property
    def status_code(self) -> int:
        """The HTTP status of a health check: 200 when usable, else 503."""
        return 200 if self.ok else 503

    def as_json(self) -> dict[str, Any]:
        """The health check's body: status, database and schema, and the reason when not ok."""
        body: dict[str, Any] = {
            "status": "ok" if self.ok else "unavailable",
            "database": self.database,
            "schema": self.schema,
        }
        if not self.ok:
            body["reason"] = self.reason
        return body


def check_health(engine: Engine) -> Health:
    """Ask the database ``SELECT 1`` and its schema revision; never raises for a database failure."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1")).scalar_one()
        status = schema_status(engine)
    except SQLAlchemyError as exc:
        return Health("unreachable", None, reason="the database does not answer", detail=database_error(exc))
    if status.up_to_date:
        return Health("ok", status.current)
    if status.empty:
        return Health("ok", None, reason=f"the database has no tables yet; {UPGRADE_HINT}")
    if status.current and status.current > status.head and not status.legacy:
        return Health(
            "ok",
            status.current,
            reason=f"the schema is at revision {status.current}, newer than this version of the app ({status.head})",
        )
    return Health(
        "ok",
        status.current,
        reason=f"the schema is at revision {status.current}; this version needs {status.head}; {UPGRADE_HINT}",
    )
