"""Starting ``streamlit run serve.py`` for the server tests, and reading its JSON endpoints."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.browser.conftest import REPO, free_port, start_server, stop_server, wait_healthy


@contextmanager
def serve(tmp: Path, database_url: str) -> Iterator[str]:
    """``streamlit run serve.py`` on ``database_url``; yields its address."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    log = tmp / "serve.log"
    # Whatever secrets this machine has, none here: /healthz must not depend on sign-in.
    process = start_server(REPO / "serve.py", port, env, log, "--secrets.files", str(tmp / "no-secrets.toml"))
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, log)
        yield url
    finally:
        stop_server(process)


def get(url: str) -> tuple[int, dict[str, object]]:
    """Status and JSON body of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())
