"""Fixtures for the store tests: a store on a fresh database (SQLite: a file in a folder that does not exist yet)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assessments.store import Store
from tests.databases import TestDatabases
from tests.store.helpers import FRAMEWORKS
from tests.store.people import Org, build


@pytest.fixture
def db_url(databases: TestDatabases) -> str:
    return databases.new("sub/assessments")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(db_url, frameworks=FRAMEWORKS)
    yield s
    s.close()


@pytest.fixture
def org(database_url: str) -> Iterator[Org]:
    """Three organisations sharing one fresh database (:mod:`tests.store.people`)."""
    shared = build(database_url, FRAMEWORKS)
    yield shared
    shared.system.close()
