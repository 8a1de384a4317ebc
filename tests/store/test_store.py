"""Tests for assessments.store against a real SQLite file."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import sqlite3
from pathlib import Path

import pytest
from pydantic import ValidationError

from assessments.errors import ErrorCode, InputError
from assessments.models import (
    Answer,
    Assessment,
    AssessmentMeta,
    AssessorRole,
    EvidenceType,
    Framework,
    Innovation,
    Stage,
)
from assessments.store import Store, summary_to_dict

SCALE = {
    "id": "addressed",
    "options": [
        {"id": "not_considered", "label": "Not considered", "value": 0},
        {"id": "recognised", "label": "Recognised", "value": 1},
        {"id": "addressed", "label": "Addressed", "value": 2},
        {"id": "dont_know", "label": "Don't know", "kind": "dont_know"},
        {"id": "not_applicable", "label": "Not applicable", "kind": "not_applicable"},
    ],
}
ADAPT = ["Test framework built for the storage tests."]
CITE = {"text": "A citation for the storage test framework.", "url": "https://example.org/"}
LICENCE = "Test-only framework, no licence needed."


def _framework(fid: str, sections: dict[str, list[dict]]) -> Framework:
    return Framework.model_validate(
        {
            "id": fid,
            "title": f"Framework {fid}",
            "short_title": fid.upper(),
            "version": "1",
            "scoring": "readiness",
            "citation": CITE,
            "licence": LICENCE,
            "adaptations": ADAPT,
            "scales": [SCALE],
            "sections": [{"id": sid, "title": sid.title(), "items": items} for sid, items in sections.items()],
        }
    )


def _choice(iid: str) -> dict:
    return {"id": iid, "text": f"Question {iid}?", "scale": "addressed", "ready_end": "high"}


FRAMEWORKS = {
    "alpha": _framework("alpha", {"one": [_choice("a1"), _choice("a2")], "two": [_choice("a3")]}),
    "beta": _framework(
        "beta",
        {
            "plan": [
                _choice("b1"),
                {"id": "b_text", "text": "Describe the plan.", "type": "text"},
                {"id": "b_date", "text": "When will it start?", "type": "date"},
            ]
        },
    ),
}
TOTAL = 6


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'sub' / 'assessments.db'}"


@pytest.fixture
def store(db_url: str) -> Store:
    s = Store(db_url, frameworks=FRAMEWORKS)
    yield s
    s.close()


def _new(store: Store, name: str = "Shared Lives Plus", org: str = "Org A", **meta: object) -> str:
    return store.create_assessment(
        Innovation(name=name, organisation=org, description="A description"),
        AssessmentMeta(
            assessed_on=meta.get("assessed_on", dt.date(2026, 1, 10)),
            stage=Stage.PILOT,
            assessor_role=AssessorRole.INNOVATOR,
            label=str(meta.get("label", "Baseline")),
        ),
        actor="tester",
    )


def _row_counts(url: str) -> dict[str, int]:
    path = url.removeprefix("sqlite:///")
    con = sqlite3.connect(path)
    try:
        return {
            t: con.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("innovations", "assessments", "answers", "audit")
        }
    finally:
        con.close()


def test_create_and_get__ok(store: Store, db_url: str) -> None:
    """Should create the data folder and database, and read the assessment back with its details."""
    aid = _new(store)
    got = store.get_assessment(aid)
    assert got.id == aid
    assert got.innovation.name == "Shared Lives Plus"
    assert got.assessment.stage is Stage.PILOT
    assert got.assessment.assessed_on == dt.date(2026, 1, 10)
    assert got.answers == {}
    assert Path(db_url.removeprefix("sqlite:///")).exists()
    assert len(aid) >= 10 and aid.replace("-", "").replace("_", "").isalnum()


def test_create_default_date_is_today__ok(store: Store) -> None:
    """Should date a new assessment today when no date is given."""
    aid = store.create_assessment(Innovation(name="X"), AssessmentMeta())
    assert store.get_assessment(aid).assessment.assessed_on == dt.date.today()


def test_create_without_name__error(store: Store, db_url: str) -> None:
    """Should refuse an innovation whose name is only spaces (the model itself does), saving nothing."""
    with pytest.raises(ValidationError):
        store.create_assessment(Innovation(name="   "), AssessmentMeta())
    assert _row_counts(db_url)["assessments"] == 0


def test_names_stored_trimmed__ok(store: Store) -> None:
    """Should store and return innovation names without surrounding spaces."""
    aid = store.create_assessment(Innovation(name="  Homeshare  "), AssessmentMeta())
    assert store.get_assessment(aid).innovation.name == "Homeshare"


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
    aid = _new(store)
    saved_at = store.save_answer(aid, fid, iid, answer, actor="tester")
    assert saved_at.tzinfo is not None
    assert store.get_assessment(aid).answer(fid, iid) == answer
    assert store.get_answers(aid, fid) == {fid: {iid: answer}}


def test_save_answer_audit_and_noop__ok(store: Store, db_url: str) -> None:
    """Should append one audit row per changed field and write nothing for an identical save."""
    aid = _new(store)
    store.save_answer(aid, "alpha", "a1", Answer(value="recognised"), actor="ann")
    store.save_answer(aid, "alpha", "a1", Answer(value="addressed", note="n", evidence=(EvidenceType.RESEARCH,)))
    before = _row_counts(db_url)
    first_time = store.get_summary(aid).updated_at
    store.save_answer(aid, "alpha", "a1", Answer(value="addressed", note="n", evidence=(EvidenceType.RESEARCH,)))
    assert _row_counts(db_url) == before
    assert store.get_summary(aid).updated_at == first_time
    log = [e for e in store.audit_log(aid) if e.item_id == "a1"]
    assert [(e.field, e.old, e.new) for e in log] == [
        ("value", None, "recognised"),
        ("value", "recognised", "addressed"),
        ("note", "", "n"),
        ("evidence", [], ["research"]),
    ]
    assert log[0].actor == "ann"


def test_clear_answer__ok(store: Store) -> None:
    """Should remove the answer when saved as None and record the removal in the audit log."""
    aid = _new(store)
    store.save_answer(aid, "alpha", "a1", Answer(value="recognised"))
    store.save_answer(aid, "alpha", "a1", None)
    assert store.get_assessment(aid).answers == {}
    assert store.audit_log(aid)[-1].new is None


def test_save_answer_cleans_control_characters__ok(store: Store) -> None:
    """Should strip characters a spreadsheet cell cannot hold from notes and text answers."""
    aid = _new(store)
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
    real = _new(store)
    store.save_answer(real, "alpha", "a2", Answer(value="addressed"))
    before = _row_counts(db_url)
    with pytest.raises(InputError) as exc:
        store.save_answer(aid or real, fid, iid, answer)
    assert exc.value.codes == [code]
    assert _row_counts(db_url) == before


def test_get_unknown__error(store: Store) -> None:
    """Should raise STORAGE_001 for an unknown assessment id."""
    for call in (store.get_assessment, store.get_summary, store.start_follow_up):
        with pytest.raises(InputError) as exc:
            call("missing-id")
        assert exc.value.codes == [ErrorCode.STORAGE_001]


def test_progress_counts_dont_know__ok(store: Store) -> None:
    """Should count don't know and not applicable as answered but not a note-only row."""
    aid = _new(store)
    store.save_answer(aid, "alpha", "a1", Answer(value="dont_know"))
    store.save_answer(aid, "alpha", "a3", Answer(value="not_applicable"))
    store.save_answer(aid, "alpha", "a2", Answer(note="thinking"))
    store.save_answer(aid, "beta", "b_text", Answer(value="text"))
    assert store.progress(aid) == {"alpha": (2, 3), "beta": (1, 3)}
    assert store.section_progress(aid) == {("alpha", "one"): (1, 2), ("alpha", "two"): (1, 1), ("beta", "plan"): (1, 3)}
    summary = store.get_summary(aid)
    assert (summary.answered, summary.total) == (3, TOTAL)
    assert summary_to_dict(summary)["answered"] == 3


def test_update_details__ok(store: Store) -> None:
    """Should change details and write one audit row per changed field only."""
    aid = _new(store)
    store.update_details(
        aid,
        Innovation(name="Shared Lives Plus", organisation="Org B", description="A description"),
        AssessmentMeta(
            assessed_on=dt.date(2026, 1, 10),
            stage=Stage.SPREADING,
            assessor_role=AssessorRole.INNOVATOR,
            label="Baseline",
        ),
        actor="bob",
    )
    got = store.get_assessment(aid)
    assert got.innovation.organisation == "Org B"
    assert got.assessment.stage is Stage.SPREADING
    changed = [(e.field, e.old, e.new) for e in store.audit_log(aid) if e.field != "created"]
    assert changed == [("innovation.organisation", "Org A", "Org B"), ("assessment.stage", "pilot", "spreading")]


def test_update_details__error(store: Store) -> None:
    """Should reject an unknown id with its code, changing nothing (blank names cannot even be built)."""
    aid = _new(store)
    with pytest.raises(ValidationError):
        store.update_details(aid, Innovation(name=" "), AssessmentMeta())
    with pytest.raises(InputError) as exc:
        store.update_details("zzz", Innovation(name="A"), AssessmentMeta())
    assert exc.value.codes == [ErrorCode.STORAGE_001]
    assert store.get_assessment(aid).innovation.organisation == "Org A"


def test_follow_up_prefills_from_latest__ok(store: Store) -> None:
    """Should create a dated follow-up copying the LATEST assessment's answers, with audit rows naming the source."""
    base = _new(store)
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
    assert store.get_assessment(base).answer("alpha", "a1").note == "base"


def test_list_and_search__ok(store: Store) -> None:
    """Should list newest change first, match every search word case-insensitively, and keep only the latest per innovation."""
    a = _new(store, "Shared Lives Plus", "North Council")
    b = _new(store, "Homeshare", "Care Co", label="Pilot round")
    store.save_answer(a, "alpha", "a1", Answer(value="recognised"))
    c = store.start_follow_up(a, AssessmentMeta(assessed_on=dt.date(2026, 6, 1)))
    assert [s.id for s in store.list_assessments()] == [c, a, b]
    assert [s.id for s in store.list_assessments("homeSHARE")] == [b]
    assert [s.id for s in store.list_assessments("north shared")] == [c, a]
    assert [s.id for s in store.list_assessments("pilot round")] == [b]
    assert store.list_assessments("nothing-like-this") == []
    assert {s.id for s in store.list_assessments(latest_only=True)} == {c, b}


def test_two_engines_share_file__ok(db_url: str) -> None:
    """Should let a second store on the same file see answers the first saved, and vice versa."""
    first = Store(db_url, frameworks=FRAMEWORKS)
    second = Store(db_url, frameworks=FRAMEWORKS)
    try:
        aid = _new(first)
        second.get_assessment(aid)  # open a pooled connection before the write
        first.save_answer(aid, "alpha", "a1", Answer(value="addressed"))
        assert second.get_assessment(aid).answer("alpha", "a1") == Answer(value="addressed")
        second.save_answer(aid, "alpha", "a2", Answer(value="recognised"))
        assert first.progress(aid)["alpha"] == (2, 3)
        mode = sqlite3.connect(db_url.removeprefix("sqlite:///")).execute("pragma journal_mode").fetchone()[0]
        assert mode == "wal"
    finally:
        first.close()
        second.close()


def _write_many(url: str, aid: str, items: list[str]) -> None:
    store = Store(url, frameworks=FRAMEWORKS)
    for i, iid in enumerate(items * 10):
        store.save_answer(aid, "alpha", iid, Answer(value=["recognised", "addressed"][i % 2]))
    store.close()


def test_concurrent_writers_wait__ok(db_url: str) -> None:
    """Should let two processes write to the same file at once without a 'database is locked' failure."""
    store = Store(db_url, frameworks=FRAMEWORKS)
    aid = _new(store)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_many, args=(db_url, aid, items)) for items in (["a1", "a2"], ["a3"])]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    assert store.progress(aid)["alpha"] == (3, 3)
    store.close()


def _assessment(name: str = "Imported", answers: dict | None = None) -> Assessment:
    return Assessment(
        innovation=Innovation(name=name, organisation="Org I"),
        assessment=AssessmentMeta(assessed_on=dt.date(2026, 2, 2), stage=Stage.IDEA),
        answers=answers if answers is not None else {"alpha": {"a1": Answer(value="addressed")}},
    )


def test_save_assessment_create_and_replace__ok(store: Store) -> None:
    """Should create a whole assessment, then replace its details and answers, auditing each change."""
    aid = store.save_assessment(_assessment(), actor="import")
    assert store.get_assessment(aid).answers == {"alpha": {"a1": Answer(value="addressed")}}
    replacement = _assessment(answers={"beta": {"b1": Answer(value="recognised")}})
    assert store.save_assessment(replacement, assessment_id=aid) == aid
    got = store.get_assessment(aid)
    assert got.answers == {"beta": {"b1": Answer(value="recognised")}}
    answer_audit = [(e.item_id, e.old, e.new) for e in store.audit_log(aid) if e.field == "answer"]
    assert ("a1", {"value": "addressed", "note": "", "evidence": []}, None) in answer_audit
    # a second import of the same innovation joins it as another dated assessment
    other = store.save_assessment(_assessment())
    assert store.get_summary(other).innovation_id == store.get_summary(aid).innovation_id


def test_save_assessment_all_or_nothing__error(store: Store, db_url: str) -> None:
    """Should reject an import with any bad answer, reporting every problem and saving nothing."""
    aid = store.save_assessment(_assessment())
    before = _row_counts(db_url)
    bad = _assessment(
        answers={
            "alpha": {"a1": Answer(value="recognised"), "a2": Answer(value="wrong")},
            "beta": {"nope": Answer(value="x")},
        }
    )
    for kwargs in ({}, {"assessment_id": aid}):
        with pytest.raises(InputError) as exc:
            store.save_assessment(bad, **kwargs)
        assert exc.value.codes == [ErrorCode.ASSESSMENT_006, ErrorCode.ASSESSMENT_005]
        assert _row_counts(db_url) == before
    with pytest.raises(InputError) as exc:
        store.save_assessment(_assessment(), assessment_id="unknown")
    assert exc.value.codes == [ErrorCode.STORAGE_001]
    assert _row_counts(db_url) == before


def test_save_assessment_rolls_back_midway__error(store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should leave nothing behind when the database fails part-way through an import."""
    before = _row_counts(db_url)
    import assessments.store as storage

    real_insert = storage.insert

    def failing_insert(table: object) -> object:
        if table is storage.answers_table:
            raise RuntimeError("disk full")
        return real_insert(table)

    monkeypatch.setattr(storage, "insert", failing_insert)
    with pytest.raises(RuntimeError):
        store.save_assessment(_assessment())
    assert _row_counts(db_url) == before


def _write_example(directory: Path, name: str, innovation: str, date: str, answers: dict) -> None:
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
    ids = store.load_examples(ex)
    assert len(ids) == 3
    assert store.load_examples(ex) == ids
    assert len(store.list_assessments()) == 3
    summaries = {s.id: s for s in store.list_assessments()}
    assert all(s.illustrative for s in summaries.values())
    history = store.innovation_history(summaries[ids[0]].innovation_id)
    assert [h.id for h in history] == [ids[1], ids[0]]


def test_load_examples_invalid__error(store: Store, tmp_path: Path) -> None:
    """Should report a broken example file by code and load none of the files."""
    ex = tmp_path / "examples"
    ex.mkdir()
    _write_example(ex, "good.json", "Homeshare", "2026-06-01", {})
    (ex / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        store.load_examples(ex)
    assert exc.value.codes == [ErrorCode.ASSESSMENT_001]
    assert store.list_assessments() == []


def test_weight_profiles__ok(store: Store) -> None:
    """Should save, replace, list and delete named weight profiles."""
    store.save_weight_profile("Equal", {"alpha.one": 1, "alpha.two": 1})
    store.save_weight_profile("Equal", {"alpha.one": 2.5})
    store.save_weight_profile("Another", {"beta.plan": 0})
    assert store.weight_profiles() == {"Another": {"beta.plan": 0.0}, "Equal": {"alpha.one": 2.5}}
    store.delete_weight_profile("Another")
    store.delete_weight_profile("Never existed")
    assert list(store.weight_profiles()) == ["Equal"]


def test_delete_assessment__ok(store: Store) -> None:
    """Should delete an assessment with its answers and drop an innovation left with none."""
    aid = _new(store)
    store.save_answer(aid, "alpha", "a1", Answer(value="recognised"))
    store.delete_assessment(aid)
    assert store.list_assessments() == []
    assert store.get_answers(aid) == {}
    assert store.audit_log(aid)[-1].field == "deleted"


@pytest.mark.parametrize("url", ["not a url", "sqlite:////proc/definitely/not/writable.db"])
def test_open_bad_database__error(url: str) -> None:
    """Should raise STORAGE_002 when the database URL is invalid or the file cannot be created."""
    with pytest.raises(InputError) as exc:
        Store(url, frameworks=FRAMEWORKS)
    assert exc.value.codes == [ErrorCode.STORAGE_002]


def test_database_url_env__ok(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should use DATABASE_URL from the environment when no URL is given."""
    url = f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    s = Store(frameworks=FRAMEWORKS)
    assert s.url == url
    _new(s)
    s.close()
    assert (tmp_path / "env.db").exists()
