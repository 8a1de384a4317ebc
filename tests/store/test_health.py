"""Tests for assessments.store.health: what /healthz reports for a usable, empty, old or unreachable database."""

from __future__ import annotations

import shutil
from pathlib import Path

from assessments.store import Store
from assessments.store.engine import make_engine
from assessments.store.health import check_health
from assessments.store.migrate import head_revision
from tests.store.helpers import FRAMEWORKS

DATA = Path(__file__).resolve().parent / "data"


def test_current_database__ok(db_url: str) -> None:
    """Should report 200 with the schema revision when the database answers and is current."""
    Store(db_url, frameworks=FRAMEWORKS).close()
    health = check_health(make_engine(db_url))
    assert health.status_code == 200
    assert health.as_json() == {"status": "ok", "database": "ok", "schema": head_revision()}


def test_empty_database__error(db_url: str) -> None:
    """Should report 503 for a database without tables, saying to run the upgrade command."""
    health = check_health(make_engine(db_url))
    assert health.status_code == 503
    assert health.as_json()["schema"] is None
    assert "db upgrade" in health.as_json()["reason"]


def test_old_release_database__error(tmp_path: Path) -> None:
    """Should report 503 for a database made by an earlier release, naming both revisions and the upgrade."""
    shutil.copy(DATA / "release-issue9.db", tmp_path / "old.db")
    body = check_health(make_engine(f"sqlite:///{tmp_path / 'old.db'}")).as_json()
    assert body["status"] == "unavailable"
    assert body["schema"] == "0001"
    assert head_revision() in body["reason"]
    assert "db upgrade" in body["reason"]


def test_unreachable_database__error() -> None:
    """Should report 503 without the host, user or password when the server does not answer; the detail is for the log."""
    health = check_health(make_engine("postgresql+psycopg://someone:s3cret-password@127.0.0.1:1/db"))
    body = health.as_json()
    assert health.status_code == 503
    assert body == {
        "status": "unavailable",
        "database": "unreachable",
        "schema": None,
        "reason": "the database does not answer",
    }
    assert "s3cret-password" not in health.detail
