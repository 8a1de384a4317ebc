"""``/healthz`` of a real ``streamlit run serve.py``: 200 with a working database, 503 with a broken one.

Each test starts the server on a free loopback port (as the browser tests do) and stops it afterwards.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assessments.store.migrate import head_revision
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


def test_healthz_with_database__ok(tmp_path: Path) -> None:
    """Should answer 200 with the database and schema revision (the server made the schema at start)."""
    with serve(tmp_path, f"sqlite:///{tmp_path / 'health.db'}") as url:
        assert get(f"{url}/healthz") == (200, {"status": "ok", "database": "ok", "schema": head_revision()})


def test_healthz_with_broken_database__error(tmp_path: Path) -> None:
    """Should answer 503 with a short reason, naming no host or password, while Streamlit's own health says ok."""
    with serve(tmp_path, "postgresql+psycopg://someone:s3cret-password@127.0.0.1:1/nowhere") as url:
        status, body = get(f"{url}/healthz")
        assert status == 503
        assert body == {
            "status": "unavailable",
            "database": "unreachable",
            "schema": None,
            "reason": "the database does not answer",
        }
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=30) as resp:
            assert resp.status == 200
    assert "s3cret-password" not in (tmp_path / "serve.log").read_text(errors="replace")
