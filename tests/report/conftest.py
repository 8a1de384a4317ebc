"""Fixtures for the report tests: the illustrative pilot's baseline and follow-up, with markup typed into them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.jsonfile import read_assessment_file
from assessments.models import Answer, Assessment

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples"
HOSTILE_NAME = "<b>Kestrel</b> & <i>sensors</i>"
HOSTILE_NOTE = '=HYPERLINK("http://example.invalid") <img src="http://example.invalid/x.png"> & more'


def _read(name: str) -> Assessment:
    return read_assessment_file(EXAMPLES / name, bundled_frameworks())


@pytest.fixture(name="baseline", scope="session")
def _baseline() -> Assessment:
    return _read("home_sensors_pilot_baseline.json")


@pytest.fixture(name="follow_up", scope="session")
def _follow_up() -> Assessment:
    """The follow-up, renamed and with a note holding markup and a formula."""
    a = _read("home_sensors_pilot_follow_up.json")
    scie = dict(a.answers["scie"])
    first = next(iter(scie))
    scie[first] = Answer(value=scie[first].value, note=HOSTILE_NOTE, evidence=scie[first].evidence)
    return a.model_copy(
        update={
            "id": "a-follow-up",
            "innovation": a.innovation.model_copy(update={"name": HOSTILE_NAME}),
            "answers": {**a.answers, "scie": scie},
        }
    )


@pytest.fixture(name="produced_on", scope="session")
def _produced_on() -> dt.date:
    return dt.date(2026, 1, 5)
