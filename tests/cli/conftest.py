"""Fixtures for the command-line tests: a real, fresh database (SQLite: a file in the test's own folder)."""

from __future__ import annotations

import pytest

from tests.databases import TestDatabases


@pytest.fixture(name="db")
def _db(databases: TestDatabases) -> str:
    """The URL of a new, empty database (on SQLite, a file that does not exist yet: the commands create it)."""
    return databases.new()
