"""Tests for assessments.examples: loading the illustrative examples through the store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assessments.errors import ErrorCode, InputError
from assessments.examples import load_examples
from assessments.store import DEMO_WORKSPACE, Store
from tests.store.helpers import FRAMEWORKS


@pytest.fixture(name="store")
def _store(database_url: str) -> Iterator[Store]:
    s = Store(database_url, frameworks=FRAMEWORKS)
    yield s
    s.close()


def _write_example(directory: Path, name: str, innovation: str, date: str, answers: dict[str, Any]) -> None:
    doc = {
        "format": "scaling-readiness-assessment",
        "version": 1,
        "innovation": {"name": innovation, "organisation": "Example org", "description": "Illustrative."},
        "assessment": {"assessed_on": date, "stage": "pilot", "assessor_role": "innovator", "label": "Illustrative"},
        "answers": answers,
    }
    (directory / name).write_text(json.dumps(doc), encoding="utf-8")


def test_load_examples_groups_and_is_idempotent__ok(store: Store, tmp_path: Path) -> None:
    """Should group files of the same innovation into one history and not duplicate on a second load."""
    ex = tmp_path / "examples"
    ex.mkdir()
    _write_example(ex, "a_followup.json", "Homeshare", "2026-06-01", {"alpha": {"a1": {"value": "addressed"}}})
    _write_example(ex, "b_baseline.json", "Homeshare", "2025-06-01", {"alpha": {"a1": {"value": "recognised"}}})
    _write_example(ex, "c_other.json", "Telecare", "2026-01-01", {})
    ids = load_examples(store, ex)
    assert len(ids) == 3
    assert load_examples(store, ex) == ids
    assert store.list_assessments() == [], "examples never show among real assessments"
    summaries = {s.id: s for s in store.list_assessments(examples=True)}
    assert len(summaries) == 3
    assert all(s.illustrative and s.workspace_id == DEMO_WORKSPACE and not s.editable for s in summaries.values())
    assert {s.source for s in summaries.values()} == {
        f"example:{n}" for n in ("a_followup.json", "b_baseline.json", "c_other.json")
    }
    history = store.innovation_history(summaries[ids[0]].innovation_id)
    assert [h.id for h in history] == [ids[1], ids[0]]


def test_load_examples_invalid__error(store: Store, tmp_path: Path) -> None:
    """Should report a broken example file by code and load none of the files."""
    ex = tmp_path / "examples"
    ex.mkdir()
    _write_example(ex, "good.json", "Homeshare", "2026-06-01", {})
    (ex / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_examples(store, ex)
    assert exc.value.codes == [ErrorCode.ASSESSMENT_001]
    assert store.list_assessments(examples=True) == []
