"""Shared fixtures: the bundled frameworks and tiny fixture frameworks for unit tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments.catalogue import bundled_frameworks, load_frameworks
from assessments.models import Framework

FIXTURES = Path(__file__).resolve().parent / "fixtures"
"""Tiny framework files (``tiny_*.yaml``) and other test inputs."""


@pytest.fixture(name="frameworks", scope="session")
def _frameworks() -> dict[str, Framework]:
    """The bundled frameworks (frameworks/*.yaml), in display order."""
    return bundled_frameworks()


@pytest.fixture(name="tiny_frameworks", scope="session")
def _tiny_frameworks() -> dict[str, Framework]:
    """The three tiny fixture frameworks: readiness, complexity and planning."""
    return load_frameworks(FIXTURES)


@pytest.fixture(name="readiness_fw", scope="session")
def _readiness_fw(tiny_frameworks: dict[str, Framework]) -> Framework:
    """A tiny SCIE-like readiness framework (two sections, 0-3 scale, priorities)."""
    return tiny_frameworks["tiny_readiness"]


@pytest.fixture(name="complexity_fw", scope="session")
def _complexity_fw(tiny_frameworks: dict[str, Framework]) -> Framework:
    """A tiny NASSS-like complexity framework (three domains, 1-3 scale)."""
    return tiny_frameworks["tiny_complexity"]


@pytest.fixture(name="planning_fw", scope="session")
def _planning_fw(tiny_frameworks: dict[str, Framework]) -> Framework:
    """A tiny SIPS-structure-like planning framework (text, date and check items)."""
    return tiny_frameworks["tiny_planning"]
