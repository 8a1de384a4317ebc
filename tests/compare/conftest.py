"""Fixtures for the compare tests."""

from __future__ import annotations

import pytest

from assessments.models import Framework


@pytest.fixture(name="rfw")
def _rfw(readiness_fw: Framework) -> dict[str, Framework]:
    return {"tiny_readiness": readiness_fw}
