"""Tests for assessments.store.assessments: create, read back, follow-ups and details."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from assessments.errors import ErrorCode, InputError
from assessments.models import Answer, AssessmentMeta, AssessorRole, EvidenceType, Innovation, Stage
from assessments.store import Store
from tests.store.helpers import new_assessment, row_counts


def test_create_and_get__ok(store: Store) -> None:
    """Should create the assessment and read it back with its details."""
    aid = new_assessment(store)
    got = store.get_assessment(aid)
    assert got.id == aid
    assert got.innovation.name == "Shared Lives Plus"
    assert got.assessment.stage is Stage.PILOT
    assert got.assessment.assessed_on == dt.date(2026, 1, 10)
    assert got.answers == {}
    assert len(aid) >= 10 and aid.replace("-", "").replace("_", "").isalnum()


@pytest.mark.sqlite_only(reason="a PostgreSQL database is made by the server, not by opening a file path")
def test_create_makes_data_folder__ok(store: Store, db_url: str) -> None:
    """Should create the data folder and the database file when the first assessment is saved."""
    new_assessment(store)
    assert Path(db_url.removeprefix("sqlite:///")).is_file()


def test_create_default_date_is_today__ok(store: Store) -> None:
    """Should date a new assessment today when no date is given."""
    aid = store.create_assessment(Innovation(name="X"), AssessmentMeta())
    assert store.get_assessment(aid).assessment.assessed_on == dt.date.today()


def test_create_without_name__error(store: Store, db_url: str) -> None:
    """Should refuse an innovation whose name is only spaces (the model itself does), saving nothing."""
    with pytest.raises(ValidationError):
        store.create_assessment(Innovation(name="   "), AssessmentMeta())
    assert row_counts(db_url)["assessments"] == 0


def test_names_stored_trimmed__ok(store: Store) -> None:
    """Should store and return innovation names without surrounding spaces."""
    aid = store.create_assessment(Innovation(name="  Homeshare  "), AssessmentMeta())
    assert store.get_assessment(aid).innovation.name == "Homeshare"


def test_get_unknown__error(store: Store) -> None:
    """Should raise STORAGE_001 for an unknown assessment id."""
    for call in (store.get_assessment, store.get_summary, store.start_follow_up):
        with pytest.raises(InputError) as exc:
            call("missing-id")
        assert exc.value.codes == [ErrorCode.STORAGE_001]


def test_update_details__ok(store: Store) -> None:
    """Should change details and write one audit row per changed field only."""
    aid = new_assessment(store)
    store.update_details(
        aid,
        Innovation(name="Shared Lives Plus", organisation="Org B", description="A description"),
        AssessmentMeta(
            assessed_on=dt.date(2026, 1, 10),
            stage=Stage.SPREADING,
            assessor_role=AssessorRole.INNOVATOR,
            label="Baseline",
        ),
    )
    got = store.get_assessment(aid)
    assert got.innovation.organisation == "Org B"
    assert got.assessment.stage is Stage.SPREADING
    changed = [(e.field, e.old, e.new) for e in store.audit_log(aid) if e.field != "created"]
    assert changed == [("innovation.organisation", "Org A", "Org B"), ("assessment.stage", "pilot", "spreading")]


def test_update_details__error(store: Store) -> None:
    """Should reject an unknown id with its code, changing nothing (blank names cannot even be built)."""
    aid = new_assessment(store)
    with pytest.raises(ValidationError):
        store.update_details(aid, Innovation(name=" "), AssessmentMeta())
    with pytest.raises(InputError) as exc:
        store.update_details("zzz", Innovation(name="A"), AssessmentMeta())
    assert exc.value.codes == [ErrorCode.STORAGE_001]
    assert store.get_assessment(aid).innovation.organisation == "Org A"


def test_follow_up_prefills_from_latest__ok(store: Store) -> None:
    """Should create a dated follow-up copying the LATEST assessment's answers, with audit rows naming the source."""
    base = new_assessment(store)
    store.save_answer(base, "alpha", "a1", Answer(value="recognised", note="base"))
    second = store.start_follow_up(
        base, AssessmentMeta(assessed_on=dt.date(2026, 4, 1), stage=Stage.ESTABLISHED, label="Q2")
    )
    store.save_answer(
        second, "alpha", "a1", Answer(value="addressed", note="better", evidence=(EvidenceType.RESEARCH,))
    )
    store.save_answer(second, "beta", "b_date", Answer(value="2026-10-01"))
    third = store.start_follow_up(base)  # started from the baseline, copies from the latest (second)
    got = store.get_assessment(third)
    assert got.assessment.assessed_on == dt.date.today()
    assert got.assessment.label == "Follow-up"
    assert got.assessment.stage is Stage.ESTABLISHED
    assert got.answers == store.get_assessment(second).answers
    copied = [e for e in store.audit_log(third) if e.field == "answer"]
    assert {e.reason for e in copied} == {f"copied from {second}"}
    assert len(copied) == 2
    history = store.innovation_history(store.get_summary(base).innovation_id)
    assert [h.id for h in history] == [base, second, third]
    kept = store.get_assessment(base).answer("alpha", "a1")
    assert kept is not None and kept.note == "base"
