"""Server entry point for `make run`: refuses to start without sign-in on a network address, then serves app.py.

`streamlit run serve.py` finds the module-level ``app`` (an ``st.App``) and serves it. Before
the first request, the lifespan below checks the same rule as the app's own guard
(``ui/guard.py``): no ``[auth]`` in the secrets and a non-loopback ``server.address`` stops the
server with the reason, unless ASSESSMENTS_ALLOW_UNAUTHENTICATED_NETWORK=1 is set.
"""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st

from ui.guard import auth_section, refusal


@asynccontextmanager
async def refuse_if_open(_app: st.App) -> AsyncIterator[None]:
    """Stop the server before it serves anything when it would be open to the network without sign-in."""
    reason = refusal(
        st.get_option("server.address"), auth_configured=auth_section(st.secrets) is not None, env=os.environ
    )
    if reason:
        print(f"\nRefusing to start.\n\n{reason}\n", file=sys.stderr, flush=True)
        # Nothing has been served or opened yet (no session, no database). Raising here would
        # end the server too, but Starlette and uvicorn would print a traceback under the reason.
        os._exit(2)
    yield


app = st.App(Path(__file__).with_name("app.py"), lifespan=refuse_if_open)
