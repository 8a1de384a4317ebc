"""Tests for assessments.store.answers: saving one answer, saving a whole assessment, and their audit rows."""

from __future__ import annotations

import pytest
from sqlalchemy import Insert, Table, insert

from assessments.errors import ErrorCode, InputError
from assessments.models import Answer, EvidenceType
from assessments.store import Store
from assessments.store.schema import answers_table
from tests.store.helpers import imported_assessment, new_assessment, row_counts


@pytest.mark.parametrize(
    ("fid", "iid", "answer"),
    [
        ("alpha", "a1", Answer(value="recognised")),
        ("alpha", "a2", Answer(value="dont_know", note="Not sure yet", evidence=(EvidenceType.RESEARCH,))),
        ("alpha", "a3", Answer(note="only a note")),
        ("beta", "b_text", Answer(value="Roll out to two more councils")),
        ("beta", "b_date", Answer(value="2026-09-01")),
    ],
)
def test_save_answer_round_trip__ok(store: Store, fid: str, iid: str, answer: Answer) -> None:
    """Should store each kind of answer and read it back unchanged."""
    aid = new_assessment(store)
    saved_at = store.save_answer(aid, fid, iid, answer)
    assert saved_at.tzinfo is not None
    assert store.get_assessment(aid).answer(fid, iid) == answer
    assert store.get_answers(aid, fid) == {fid: {iid: answer}}


def test_save_answer_audit_and_noop__ok(store: Store, db_url: str) -> None:
    """Should append one audit row per changed field and write nothing for an identical save."""
    aid = new_assessment(store)
    store.save_answer(aid, "alpha", "a1", Answer(value="recognised"))
    store.save_answer(aid, "alpha", "a1", Answer(value="addressed", note="n", evidence=(EvidenceType.RESEARCH,)))
    before = row_counts(db_url)
    first_time = store.get_summary(aid).updated_at
    store.save_answer(aid, "alpha", "a1", Answer(value="addressed", note="n", evidence=(EvidenceType.RESEARCH,)))
    assert row_counts(db_url) == before
    assert store.get_summary(aid).updated_at == first_time
    log = [e for e in store.audit_log(aid) if e.item_id == "a1"]
    assert [(e.field, e.old, e.new) for e in log] == [
        ("value", None, "recognised"),
        ("value", "recognised", "addressed"),
        ("note", "", "n"),
        ("evidence", [], ["research"]),
    ]
    assert log[0].actor == "local user"


def test_clear_answer__ok(store: Store) -> None:
    """Should remove the answer when saved as None and record the removal in the audit log."""
    aid = new_assessment(store)
    store.save_answer(aid, "alpha", "a1", Answer(value="recognised"))
    store.save_answer(aid, "alpha", "a1", None)
    assert store.get_assessment(aid).answers == {}
    assert store.audit_log(aid)[-1].new is None


def test_save_answer_cleans_control_characters__ok(store: Store) -> None:
    """Should strip characters a spreadsheet cell cannot hold from notes and text answers."""
    aid = new_assessment(store)
    store.save_answer(aid, "beta", "b_text", Answer(value="plan\x00 A\x07", note="=SUM(A1)\x1f"))
    got = store.get_assessment(aid).answer("beta", "b_text")
    assert got == Answer(value="plan A", note="=SUM(A1)")


@pytest.mark.parametrize(
    ("aid", "fid", "iid", "answer", "code"),
    [
        (None, "gamma", "a1", Answer(value="recognised"), ErrorCode.ASSESSMENT_004),
        (None, "alpha", "zz", Answer(value="recognised"), ErrorCode.ASSESSMENT_005),
        (None, "alpha", "a1", Answer(value="excellent"), ErrorCode.ASSESSMENT_006),
        (None, "beta", "b_date", Answer(value="31/12/2026"), ErrorCode.ASSESSMENT_012),
        ("nope", "alpha", "a1", Answer(value="recognised"), ErrorCode.STORAGE_001),
    ],
)
def test_save_answer_invalid__error(
    store: Store, db_url: str, aid: str | None, fid: str, iid: str, answer: Answer, code: ErrorCode
) -> None:
    """Should reject unknown ids and bad values with the catalogue code, leaving the database unchanged."""
    real = new_assessment(store)
    store.save_answer(real, "alpha", "a2", Answer(value="addressed"))
    before = row_counts(db_url)
    with pytest.raises(InputError) as exc:
        store.save_answer(aid or real, fid, iid, answer)
    assert exc.value.codes == [code]
    assert row_counts(db_url) == before


def test_save_assessment_create_and_replace__ok(store: Store) -> None:
    """Should create a whole assessment, then replace its details and answers, auditing each change."""
    aid = store.save_assessment(imported_assessment())
    assert store.get_assessment(aid).answers == {"alpha": {"a1": Answer(value="addressed")}}
    replacement = imported_assessment(answers={"beta": {"b1": Answer(value="recognised")}})
    assert store.save_assessment(replacement, assessment_id=aid) == aid
    got = store.get_assessment(aid)
    assert got.answers == {"beta": {"b1": Answer(value="recognised")}}
    answer_audit = [(e.item_id, e.old, e.new) for e in store.audit_log(aid) if e.field == "answer"]
    assert ("a1", {"value": "addressed", "note": "", "evidence": []}, None) in answer_audit
    # a second import of the same innovation joins it as another dated assessment
    other = store.save_assessment(imported_assessment())
    assert store.get_summary(other).innovation_id == store.get_summary(aid).innovation_id


def test_save_assessment_all_or_nothing__error(store: Store, db_url: str) -> None:
    """Should reject an import with any bad answer, reporting every problem and saving nothing."""
    aid = store.save_assessment(imported_assessment())
    before = row_counts(db_url)
    bad = imported_assessment(
        answers={
            "alpha": {"a1": Answer(value="recognised"), "a2": Answer(value="wrong")},
            "beta": {"nope": Answer(value="x")},
        }
    )
    for kwargs in ({}, {"assessment_id": aid}):
        with pytest.raises(InputError) as exc:
            store.save_assessment(bad, **kwargs)
        assert exc.value.codes == [ErrorCode.ASSESSMENT_006, ErrorCode.ASSESSMENT_005]
        assert row_counts(db_url) == before
    with pytest.raises(InputError) as exc:
        store.save_assessment(imported_assessment(), assessment_id="unknown")
    assert exc.value.codes == [ErrorCode.STORAGE_001]
    assert row_counts(db_url) == before


def test_save_assessment_rolls_back_midway__error(store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should leave nothing behind when the database fails part-way through an import."""
    before = row_counts(db_url)

    def failing_insert(table: Table) -> Insert:
        if table is answers_table:
            raise RuntimeError("disk full")
        return insert(table)

    monkeypatch.setattr("assessments.store.imports.insert", failing_insert)
    with pytest.raises(RuntimeError):
        store.save_assessment(imported_assessment())
    assert row_counts(db_url) == before
