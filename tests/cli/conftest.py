"""Fixtures for the command-line tests: a real, fresh database (SQLite: a file in the test's own folder)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from assessments.jsonfile import assessment_to_dict
from assessments.models import Framework
from bench.compare import synthetic_assessment
from tests.databases import TestDatabases


@pytest.fixture(name="db")
def _db(databases: TestDatabases) -> str:
    """The URL of a new, empty database (on SQLite, a file that does not exist yet: the commands create it)."""
    return databases.new()


@pytest.fixture(name="good")
def _good(tmp_path: Path, frameworks: dict[str, Framework]) -> list[Path]:
    """Three valid assessment JSON files."""
    rng = random.Random(3)
    paths = []
    for n in range(3):
        path = tmp_path / f"good_{n}.json"
        path.write_text(json.dumps(assessment_to_dict(synthetic_assessment(frameworks, rng, n))), encoding="utf-8")
        paths.append(path)
    return paths
