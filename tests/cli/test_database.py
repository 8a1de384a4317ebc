"""Tests for the ``db status`` and ``db upgrade`` commands."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assessments.cli import main
from assessments.store.migrate import head_revision

RELEASE_DB = Path(__file__).resolve().parents[1] / "store" / "data" / "release-issue9.db"
ROOT = Path(__file__).resolve().parents[2]


def test_upgrade_then_status__ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Should report an earlier release's database as needing an upgrade (exit 1), upgrade it, then say so."""
    shutil.copy(RELEASE_DB, tmp_path / "old.db")
    url = f"sqlite:///{tmp_path / 'old.db'}"
    assert main(["db", "status", "--database", url]) == 1
    assert "python -m assessments db upgrade" in capsys.readouterr().out
    assert main(["workspace", "list", "--database", url]) == 2
    assert "STORAGE_008" in capsys.readouterr().err
    assert main(["db", "upgrade", "--database", url]) == 0
    assert f"Now up to date: schema revision {head_revision()}" in capsys.readouterr().out
    assert main(["db", "upgrade", "--database", url]) == 0
    assert "Nothing to do" in capsys.readouterr().out
    assert main(["db", "status", "--database", url]) == 0
    assert main(["workspace", "list", "--database", url]) == 0


def test_upgrade_creates_empty_database__ok(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Should create the schema in a database that does not exist yet."""
    assert main(["db", "status", "--database", db]) == 1
    assert "empty" in capsys.readouterr().out
    assert main(["db", "upgrade", "--database", db]) == 0
    assert main(["db", "status", "--database", db]) == 0


def test_bad_url_is_a_named_error__error(tmp_path: Path) -> None:
    """Should exit 2 with the catalogue message (no traceback) for a URL that is not a database."""
    proc = subprocess.run(
        [sys.executable, "-m", "assessments", "db", "upgrade", "--database", "nonsense://"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "STORAGE_002" in proc.stderr and "Traceback" not in proc.stderr
