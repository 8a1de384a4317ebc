"""Fixtures for the store tests: a store on a fresh SQLite file (in a folder that does not exist yet)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assessments.store import Store
from tests.store.helpers import FRAMEWORKS


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'sub' / 'assessments.db'}"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(db_url, frameworks=FRAMEWORKS)
    yield s
    s.close()
