"""Fixtures for the command-line tests: a real SQLite file database in the test's own folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(name="db")
def _db(tmp_path: Path) -> str:
    """A SQLite URL for a file that does not exist yet (the commands create it)."""
    return f"sqlite:///{tmp_path / 'test.db'}"
