"""Tests for plan_import / apply_import against real databases (a fresh one per test)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.errors import ErrorCode, InputError
from assessments.importing import apply_import, plan_import
from assessments.jsonfile import read_assessment_file
from assessments.models import Answer, Assessment, Framework, Stage
from assessments.store import Role, Store, Viewer
from assessments.xlsx.read import read_workbook
from assessments.xlsx.write import workbook_bytes
from tests.databases import TestDatabases

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = sorted((ROOT / "data" / "examples").glob("*.json"))[0]
ACTOR = "test import"


@pytest.fixture(name="store")
def _store(database_url: str) -> Iterator[Store]:
    store = Store(database_url, frameworks=bundled_frameworks())
    yield store
    store.close()


@pytest.fixture(name="example")
def _example(frameworks: dict[str, Framework]) -> Assessment:
    return read_assessment_file(EXAMPLE, frameworks)


def _exported(store: Store, aid: str, frameworks: dict[str, Framework]) -> Assessment:
    """The saved assessment as a workbook export reads back (its id recorded in the file)."""
    return read_workbook(workbook_bytes(frameworks, store.get_assessment(aid)), frameworks, file="export.xlsx")


def test_plan_new_assessment_saves_nothing__ok(store: Store, example: Assessment) -> None:
    """Should plan a create (no target) listing every filled field as new, and save nothing."""
    plan = plan_import(store, example.model_copy(update={"id": None}))
    assert plan.target_id is None
    assert plan.action == "created"
    assert plan.changes[0].field == "name"
    assert plan.changes[0].old == ""
    assert all(c.old == "" for c in plan.changes)
    assert store.list_assessments() == []


def test_apply_new_assessment__ok(store: Store, example: Assessment) -> None:
    """Should create the planned assessment and return its id, with the actor in the audit trail."""
    store = store.as_viewer(Viewer.local(ACTOR))
    plan = plan_import(store, example.model_copy(update={"id": None}))
    aid = apply_import(store, plan)
    assert [s.id for s in store.list_assessments()] == [aid]
    assert store.get_assessment(aid).answers == example.answers
    assert {e.actor for e in store.audit_log(aid)} == {ACTOR}


def test_plan_and_apply_update_of_saved_assessment__ok(
    store: Store, example: Assessment, frameworks: dict[str, Framework]
) -> None:
    """Should plan an update of the exported assessment with only the edits as changes, then apply them."""
    aid = store.save_assessment(example)
    edited = _exported(store, aid, frameworks)
    first = next(iter(frameworks["scie"].items))
    before = edited.answer("scie", first)
    assert before is None or before.value != "dont_know"
    answer = Answer(value="dont_know", note=before.note if before else "", evidence=before.evidence if before else ())
    answers = {fid: dict(items) for fid, items in edited.answers.items()}
    answers.setdefault("scie", {})[first] = answer
    stage = Stage.IDEA if edited.assessment.stage != Stage.IDEA else Stage.PILOT
    meta = edited.assessment.model_copy(update={"stage": stage})
    edited = edited.model_copy(update={"answers": answers, "assessment": meta})

    plan = plan_import(store, edited)
    assert plan.target_id == aid
    assert plan.action == "updated"
    assert [(c.field, c.framework, c.item) for c in plan.changes] == [("stage", None, None), ("value", "scie", first)]
    assert store.get_assessment(aid).answer("scie", first) == before  # nothing saved yet

    assert apply_import(store, plan) == aid
    assert len(store.list_assessments()) == 1
    saved = store.get_assessment(aid)
    assert saved.answer("scie", first) == answer
    assert saved.assessment.stage == stage
    assert plan_import(store, edited).changes == ()


def test_unchanged_export_plans_no_changes__ok(
    store: Store, example: Assessment, frameworks: dict[str, Framework]
) -> None:
    """Should plan an update with no changes when the export comes back untouched."""
    aid = store.save_assessment(example)
    plan = plan_import(store, _exported(store, aid, frameworks))
    assert plan.target_id == aid
    assert plan.changes == ()


def test_unknown_id_plans_new_assessment__ok(store: Store, example: Assessment) -> None:
    """Should create a new assessment from a workbook exported from another database."""
    plan = plan_import(store, example.model_copy(update={"id": "from-elsewhere"}))
    assert plan.target_id is None
    aid = apply_import(store, plan)
    assert aid != "from-elsewhere"
    assert [s.id for s in store.list_assessments()] == [aid]


def test_unknown_long_id_plans_new_assessment__ok(store: Store, example: Assessment) -> None:
    """Should create a new assessment from a file naming an id far longer than any this app makes, repeating it cut
    short in the note and the audit trail (whose reason column PostgreSQL keeps to 300 characters)."""
    long_id = "x" * 400
    plan = plan_import(store, example.model_copy(update={"id": long_id}))
    assert plan.target_id is None and plan.named_id == long_id
    shown = "x" * 39 + "… (400 characters)"
    assert "an assessment you cannot change here" in plan.note and "xxx" not in plan.note
    assert plan.support == f"For support: exported from assessment {shown}"
    aid = apply_import(store, plan)
    assert (
        store.audit_log(aid)[0].reason == f"excel; the file named assessment {shown}, which this account may not change"
    )


def test_apply_bad_answer_saves_nothing__error(store: Store, example: Assessment) -> None:
    """Should reject an answer that is not an option, saving nothing."""
    first = next(iter(example.answers["scie"]))
    answers = {fid: dict(items) for fid, items in example.answers.items()}
    answers["scie"][first] = Answer(value="no-such-option")
    plan = plan_import(store, example.model_copy(update={"id": None, "answers": answers}))
    with pytest.raises(InputError):
        apply_import(store, plan)
    assert store.list_assessments() == []


def test_apply_when_target_is_gone__error(
    store: Store, example: Assessment, frameworks: dict[str, Framework], databases: TestDatabases
) -> None:
    """Should refuse to apply an update whose assessment is not in the database applied to, creating nothing."""
    aid = store.save_assessment(example)
    plan = plan_import(store, _exported(store, aid, frameworks))
    other = Store(databases.new("other"), frameworks=bundled_frameworks())
    try:
        with pytest.raises(InputError) as exc:
            apply_import(other, plan)
        assert ErrorCode.STORAGE_001 in exc.value.codes
        assert other.list_assessments() == []
    finally:
        other.close()


def test_file_naming_another_workspaces_assessment_creates_new__ok(database_url: str) -> None:
    """Should never overwrite an assessment the importer may not change: a new one is made, said and audited."""
    from assessments.store import Origin
    from tests.store.helpers import FRAMEWORKS
    from tests.store.people import build

    org = build(database_url, FRAMEWORKS)
    alices = org.alice.get_assessment(org.a_id)
    forged = alices.model_copy(
        update={"innovation": alices.innovation.model_copy(update={"name": "Overwritten?"}), "answers": {}}
    )
    for importer, origin in ((org.bob, Origin.OWN), (org.carol, Origin.RECEIVED)):
        plan = plan_import(importer, forged)
        assert plan.target_id is None and plan.action == "created"
        assert org.a_id not in plan.note and org.a_id in plan.support
        aid = apply_import(importer, plan)
        assert aid != org.a_id
        summary = importer.get_summary(aid)
        assert summary.origin == origin and summary.editable == (origin == Origin.OWN)
        created = importer.audit_log(aid)[0]
        assert created.field == "created" and org.a_id in created.reason
    assert org.alice.get_assessment(org.a_id) == alices


def test_same_workspace_import_updates_but_only_there__ok(database_url: str) -> None:
    """Should update the exported assessment when re-imported into its own workspace, not into another."""
    from tests.store.helpers import FRAMEWORKS
    from tests.store.people import build

    org = build(database_url, FRAMEWORKS)
    org.system.add_member(org.b.id, "alice@alpha.example", Role.INNOVATOR)
    mine = org.alice.get_assessment(org.a_id)
    assert plan_import(org.alice, mine, workspace=org.a.id).target_id == org.a_id
    elsewhere = plan_import(org.alice, mine, workspace=org.b.id)
    assert elsewhere.target_id is None and elsewhere.note
    assert org.alice.get_summary(apply_import(org.alice, elsewhere)).workspace_id == org.b.id
