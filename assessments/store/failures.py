"""Database failures in words fit to show a person, and which ones are worth waiting out.

A database error reaching a page or the command line becomes STORAGE_002 with
:func:`database_error` as its detail: the driver's own first line, never the SQL
statement, its parameters or a row's values. SQLAlchemy's ``str()`` of an error appends
the statement and its parameters on later lines, and drivers add more: PostgreSQL puts the
offending row in a ``DETAIL`` line (``Key (id)=(…) already exists``, ``Failing row contains
(…)``) and quotes the rejected value in the first line of a data error (``invalid input
syntax for type integer: "…"``); SQLite quotes SQL around a syntax error and the expression
of a failed CHECK. Those parts are cut here, by the driver's error class, not by guessing.

:func:`retryable_connect_error` tells a server that is restarting or briefly unreachable
(worth waiting a few seconds for) from one that refuses us for good (wrong password, no
such database), which is reported at once.
"""

from __future__ import annotations

import re

from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError, StatementError

MAX_DETAIL = 300
"""Longest detail shown (driver messages are one line, but a long identifier list is cut)."""

_SQLITE_NEAR = re.compile(r'^near ".*": (syntax error)$')
_RETRYABLE_SQLSTATE_CLASSES = ("08", "57")
"""PostgreSQL classes of a server going away or not accepting connections yet: connection
exception (08) and operator intervention (57: shutting down, starting up, terminated by an
administrator). Authentication (28) or a missing database (3D) are not waited out."""


def database_error(exc: BaseException) -> str:
    """A one-line description of a database failure that holds no SQL text and no row values.

    Args:
        exc: A SQLAlchemy error (its driver error, if any, is read) or a driver error.
    """
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        text = _driver_message(exc.orig)
    elif isinstance(exc, StatementError) and exc.orig is not None:
        # A Python error raised while sending values (a bind processor's TypeError, say): its
        # message may quote the value, so only its kind is given.
        return f"a value could not be sent to the database ({type(exc.orig).__name__})"
    elif isinstance(exc, SQLAlchemyError):
        # SQLAlchemy's own errors (a pool timeout, a closed connection): the message is args[0];
        # str() would add the statement and the parameters.
        text = str(exc.args[0]) if exc.args else type(exc).__name__
    else:
        text = _driver_message(exc)
    line = next((part.strip() for part in text.splitlines() if part.strip()), "") or type(exc).__name__
    return line if len(line) <= MAX_DETAIL else line[: MAX_DETAIL - 1] + "…"


def _driver_message(exc: BaseException) -> str:
    """The driver's primary message with the parts that quote SQL or values removed."""
    sqlstate = getattr(exc, "sqlstate", None)
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None)
    text = primary or str(exc)
    first = next((part.strip() for part in text.splitlines() if part.strip()), "")
    if sqlstate:  # PostgreSQL (psycopg): the primary message has no DETAIL; data errors quote the value
        if sqlstate.startswith("22"):
            return first.split(":", 1)[0]
        if sqlstate == "42601":
            return first.split(" at or near ", 1)[0]
        return first
    if type(exc).__module__ == "sqlite3":
        near = _SQLITE_NEAR.match(first)
        if near:
            return near.group(1)
        if first.startswith("CHECK constraint failed"):
            return "CHECK constraint failed"
    return first


def retryable_connect_error(exc: SQLAlchemyError) -> bool:
    """True if opening a connection failed in a way that may pass in a few seconds (server restarting or away)."""
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate is None:
        # No server answer at all (refused, reset, timed out): the server is not there yet.
        return isinstance(exc, OperationalError)
    return str(sqlstate).startswith(_RETRYABLE_SQLSTATE_CLASSES)
