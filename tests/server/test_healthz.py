"""``/healthz`` of a real ``streamlit run serve.py``: 200 with a working database, 503 with a broken one.

Each test starts the server on a free loopback port (as the browser tests do) and stops it afterwards.
"""

from __future__ import annotations

import urllib.request
from pathlib import Path

from assessments.store.migrate import head_revision
from tests.server.helpers import get, serve


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
