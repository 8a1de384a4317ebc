"""Server entry point for `make run`: refuses to start without sign-in on a network address, then serves app.py.

`streamlit run serve.py` finds the module-level ``app`` (an ``st.App``) and serves it. Before
the first request, the lifespan below checks the same rule as the app's own guard
(``ui/guard.py``): no ``[auth]`` in the secrets and a non-loopback ``server.address`` stops the
server with the reason, unless ASSESSMENTS_ALLOW_UNAUTHENTICATED_NETWORK=1 is set. It then opens
the database once (creating the schema in an empty one), so the first person does not wait for it.

``/healthz`` is for load balancers and monitoring (Streamlit's own ``/_stcore/health`` only says
the process is up): 200 ``{"status": "ok", "database": "ok", "schema": "<revision>"}`` when the
database answers ``SELECT 1`` and its schema is the one this version needs, else 503 with a short
reason. It names no host, user or SQL; the database's own message goes to the server log.

A database failure that a page did not handle itself is shown as the catalogue's message
(STORAGE_002), not as Streamlit's generic error box (``on_script_error``).
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from assessments.catalogue import bundled_frameworks
from assessments.errors import ErrorCode, InputError, problem
from assessments.store import default_url
from assessments.store.engine import make_engine
from assessments.store.failures import database_error
from assessments.store.health import Health, check_health
from ui.guard import auth_section, refusal
from ui.state import store_for
from ui.widgets import show_problems

HEALTH_PATH = "/healthz"
"""Outside Streamlit's reserved prefixes (/_stcore/, /media/, /component/, /static/)."""
HEALTH_TIMEOUT_SECONDS = 5.0
"""A check that takes longer reports 503 (a load balancer's own timeout should be a little longer)."""

_health_engine: Engine | None = None
_last_logged = ""


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _health_now() -> Health:
    """Check the database through this process's small health-check pool (one connection, one spare)."""
    global _health_engine
    if _health_engine is None:
        try:
            _health_engine = make_engine(default_url(), pool_size=1, max_overflow=1)
        except InputError as exc:
            return Health("unreachable", None, reason="the database URL cannot be used", detail=str(exc.problems[0]))
    return check_health(_health_engine)


async def healthz(_request: Request) -> JSONResponse:
    """200 when this server can serve people (database answers, schema current), else 503 with the reason."""
    try:
        health = await asyncio.wait_for(run_in_threadpool(_health_now), HEALTH_TIMEOUT_SECONDS)
    except TimeoutError:
        health = Health(
            "unreachable", None, reason=f"the database did not answer within {HEALTH_TIMEOUT_SECONDS:.0f} s"
        )
    global _last_logged
    line = f"{health.reason} ({health.detail})" if health.detail else health.reason
    if line != _last_logged:  # once per change, not on every check of the load balancer
        _log(f"health check: {line}" if line else "health check: ok again")
        _last_logged = line
    return JSONResponse(health.as_json(), status_code=health.status_code, headers={"Cache-Control": "no-store"})


def show_database_failure(exc: Exception) -> bool | None:
    """``on_script_error``: a catalogue problem or a database error a page let through, shown as its message.

    Returns True (the message is shown instead of Streamlit's generic box), or None for any
    other exception, which Streamlit reports as usual (details only in the server log).
    """
    if isinstance(exc, InputError):
        problems = list(exc.problems)
    elif isinstance(exc, SQLAlchemyError):
        problems = [problem(ErrorCode.STORAGE_002, detail=database_error(exc))]
    else:
        return None
    show_problems(
        problems,
        "This page could not be shown just now. Nothing you saved before is lost; try again in a moment.",
        icon=":material/cloud_off:",
    )
    return True


@asynccontextmanager
async def refuse_if_open(_app: st.App) -> AsyncIterator[None]:
    """Stop the server before it serves anything when it would be open to the network without sign-in.

    Then open the database for the pages (an empty one gets its schema). A database that cannot
    be opened yet is reported in one line and the server starts anyway: ``/healthz`` answers 503
    and each page says why until the database is back.
    """
    reason = refusal(
        st.get_option("server.address"), auth_configured=auth_section(st.secrets) is not None, env=os.environ
    )
    if reason:
        print(f"\nRefusing to start.\n\n{reason}\n", file=sys.stderr, flush=True)
        # Nothing has been served or opened yet (no session, no database). Raising here would
        # end the server too, but Starlette and uvicorn would print a traceback under the reason.
        os._exit(2)
    try:
        await run_in_threadpool(store_for, default_url(), bundled_frameworks())
    except InputError as exc:
        _log("The database cannot be opened yet; pages and /healthz will say so until it can:")
        for p in exc.problems:
            _log(f"  {p}")
    yield


app = st.App(
    Path(__file__).with_name("app.py"),
    lifespan=refuse_if_open,
    routes=[Route(HEALTH_PATH, healthz, methods=["GET", "HEAD"])],
    on_script_error=show_database_failure,
)
