"""Tests for assessments.store.versions: a save based on a stale view never overwrites a newer value silently.

Two people (two stores acting for two viewers on one database) start from the same stored
answer or details; one saves, then the other saves based on what they saw before that.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assessments.errors import ErrorCode, InputError
from assessments.models import Answer, AssessmentMeta, AssessorRole, EvidenceType, Innovation, Stage
from assessments.store import (
    AnswerConflict,
    DetailsConflict,
    SavedAnswer,
    Store,
    Viewer,
    resolve_answer,
    resolve_details,
)
from tests.store.helpers import imported_assessment, new_assessment, row_counts

ANNA, BEN = "anna@example.org", "ben@example.org"


@pytest.fixture
def ben(store: Store) -> Store:
    """The same database, acting for a second person of the same workspace."""
    return store.as_viewer(Viewer.local(BEN))


@pytest.fixture
def anna(store: Store) -> Store:
    return store.as_viewer(Viewer.local(ANNA))


def _saved(store: Store, aid: str, iid: str = "a1") -> SavedAnswer:
    saved = store.saved_answer(aid, "alpha", iid)
    assert saved is not None
    return saved


def test_note_save_never_touches_a_rating_changed_meanwhile__ok(anna: Store, ben: Store) -> None:
    """Should keep Ben's new rating when Anna, who still sees the old one, saves a note."""
    aid = new_assessment(anna)
    anna.save_answer(aid, "alpha", "a1", Answer(value="recognised"))
    seen = _saved(anna, aid).answer
    ben.save_answer(aid, "alpha", "a1", Answer(value="addressed"), based_on=seen)
    anna.save_answer(aid, "alpha", "a1", Answer(value="recognised", note="Two councils asked"), based_on=seen)
    stored = _saved(anna, aid)
    assert stored.answer == Answer(value="addressed", note="Two councils asked")
    assert (stored.version, stored.updated_by) == (3, ANNA)
    log = [(e.field, e.old, e.new, e.actor) for e in anna.audit_log(aid) if e.item_id == "a1"]
    assert log[-2:] == [("value", "recognised", "addressed", BEN), ("note", "", "Two councils asked", ANNA)]


@pytest.mark.parametrize(
    ("mine", "theirs", "both"),
    [
        (
            Answer(value="recognised", note="mine"),
            Answer(value="recognised", evidence=(EvidenceType.RESEARCH,)),
            Answer(value="recognised", note="mine", evidence=(EvidenceType.RESEARCH,)),
        ),
        (
            Answer(value="addressed"),
            Answer(value="recognised", note="theirs"),
            Answer(value="addressed", note="theirs"),
        ),
        (
            Answer(value="recognised", evidence=(EvidenceType.LIVED_EXPERIENCE,)),
            Answer(value="not_considered"),
            Answer(value="not_considered", evidence=(EvidenceType.LIVED_EXPERIENCE,)),
        ),
    ],
)
def test_two_stale_saves_of_different_fields_both_kept__ok(
    anna: Store, ben: Store, mine: Answer, theirs: Answer, both: Answer
) -> None:
    """Should keep both people's changes when each changed a different field of the same answer."""
    aid = new_assessment(anna)
    anna.save_answer(aid, "alpha", "a1", Answer(value="recognised"))
    seen = _saved(anna, aid).answer
    ben.save_answer(aid, "alpha", "a1", theirs, based_on=seen)
    anna.save_answer(aid, "alpha", "a1", mine, based_on=seen)
    assert _saved(anna, aid).answer == both


def test_same_field_changed_by_both__conflict(anna: Store, ben: Store, db_url: str) -> None:
    """Should refuse the stale save whole, keep the stored answer, and carry both values and who changed it."""
    aid = new_assessment(anna)
    anna.save_answer(aid, "alpha", "a1", Answer(value="recognised"))
    seen = _saved(anna, aid).answer
    ben.save_answer(aid, "alpha", "a1", Answer(value="addressed"), based_on=seen)
    stored = _saved(anna, aid)
    before = row_counts(db_url)
    mine = Answer(value="not_considered", note="a note that must not be saved alone")
    with pytest.raises(AnswerConflict) as caught:
        anna.save_answer(aid, "alpha", "a1", mine, based_on=seen)
    exc = caught.value
    assert isinstance(exc, InputError) and exc.codes == [ErrorCode.STORAGE_009]
    assert BEN in str(exc) and "value" in str(exc)
    [field] = exc.conflicts
    assert (field.field, field.based_on, field.stored, field.yours) == (
        "value",
        "recognised",
        "addressed",
        "not_considered",
    )
    assert field.changed_by == BEN and field.changed_at is not None and field.changed_at.tzinfo is not None
    assert exc.stored == stored and exc.stored.version == 2 and exc.stored.updated_by == BEN
    assert (exc.yours, exc.based_on) == (mine, seen)
    assert _saved(anna, aid) == stored
    assert row_counts(db_url) == before


def test_conflict_resolved_either_way__ok(anna: Store, ben: Store) -> None:
    """Should save Anna's value with "Use mine" and keep Ben's with "Keep theirs", never reverting Ben's other change."""
    aid = new_assessment(anna)
    anna.save_answer(aid, "alpha", "a1", Answer(value="recognised", note="first"))
    seen = _saved(anna, aid).answer
    ben.save_answer(aid, "alpha", "a1", Answer(value="addressed", note="Ben's note"), based_on=seen)
    mine = Answer(value="not_considered", note="first")
    with pytest.raises(AnswerConflict) as caught:
        anna.save_answer(aid, "alpha", "a1", mine, based_on=seen)
    conflict = caught.value
    assert [c.field for c in conflict.conflicts] == ["value"], "the note was changed by Ben only"
    assert conflict.stored is not None
    theirs = conflict.stored.answer
    assert resolve_answer(conflict, theirs, mine=False) == theirs
    use_mine = resolve_answer(conflict, theirs, mine=True)
    assert use_mine == Answer(value="not_considered", note="Ben's note")
    anna.save_answer(aid, "alpha", "a1", use_mine, based_on=theirs)
    assert _saved(anna, aid).answer == use_mine


def test_same_change_by_both_is_no_conflict__ok(anna: Store, ben: Store) -> None:
    """Should accept a stale save that makes the change already stored, writing nothing."""
    aid = new_assessment(anna)
    anna.save_answer(aid, "alpha", "a1", Answer(value="recognised"))
    seen = _saved(anna, aid).answer
    ben.save_answer(aid, "alpha", "a1", Answer(value="addressed"), based_on=seen)
    anna.save_answer(aid, "alpha", "a1", Answer(value="addressed"), based_on=seen)
    assert (_saved(anna, aid).version, _saved(anna, aid).updated_by) == (2, BEN)


def test_answer_created_or_cleared_meanwhile__conflict(anna: Store, ben: Store) -> None:
    """Should treat an answer someone else created, or cleared, like any other change of its fields."""
    aid = new_assessment(anna)
    ben.save_answer(aid, "alpha", "a1", Answer(value="addressed"), based_on=None)
    with pytest.raises(AnswerConflict) as caught:
        anna.save_answer(aid, "alpha", "a1", Answer(value="recognised"), based_on=None)
    assert caught.value.stored is not None and caught.value.stored.answer == Answer(value="addressed")
    seen = _saved(anna, aid).answer
    ben.save_answer(aid, "alpha", "a1", None, based_on=seen)
    with pytest.raises(AnswerConflict) as caught:
        anna.save_answer(aid, "alpha", "a1", Answer(value="recognised"), based_on=seen)
    assert caught.value.stored is None
    assert [(c.stored, c.yours) for c in caught.value.conflicts] == [(None, "recognised")]
    # A note added to the cleared answer is saved; the clearing of the value stays.
    anna.save_answer(aid, "alpha", "a1", Answer(value="addressed", note="still relevant"), based_on=seen)
    assert _saved(anna, aid).answer == Answer(note="still relevant")


def test_clearing_a_field_keeps_the_others__ok(anna: Store, ben: Store) -> None:
    """Should clear only the field the person cleared, and remove the answer only once nothing is left."""
    aid = new_assessment(anna)
    anna.save_answer(aid, "beta", "b_text", Answer(value="A plan"))
    seen = anna.saved_answer(aid, "beta", "b_text")
    assert seen is not None
    ben.save_answer(aid, "beta", "b_text", Answer(value="A plan", note="Ben"), based_on=seen.answer)
    anna.save_answer(aid, "beta", "b_text", None, based_on=seen.answer)
    assert anna.get_answers(aid, "beta") == {"beta": {"b_text": Answer(note="Ben")}}


def test_versions_count_writes__ok(store: Store) -> None:
    """Should start an answer at version 1, add one per write (a note too) and none for a save that changes nothing."""
    aid = new_assessment(store)
    assert store.saved_answer(aid, "alpha", "a1") is None
    seen = None
    for n, answer in enumerate(
        [Answer(value="recognised"), Answer(value="recognised", note="n"), Answer(value="addressed", note="n")], 1
    ):
        store.save_answer(aid, "alpha", "a1", answer, based_on=seen)
        saved = _saved(store, aid)
        assert (saved.answer, saved.version) == (answer, n)
        seen = saved.answer
    store.save_answer(aid, "alpha", "a1", seen, based_on=seen)
    store.save_answer(aid, "alpha", "a1", seen)
    assert _saved(store, aid).version == 3
    assert store.saved_answers(aid) == {"alpha": {"a1": _saved(store, aid)}}
    store.save_answer(aid, "alpha", "a1", None, based_on=seen)
    assert store.saved_answer(aid, "alpha", "a1") is None


def test_text_as_typed_is_no_conflict__ok(store: Store) -> None:
    """Should compare what was typed as it is saved (control characters removed, evidence in any order)."""
    aid = new_assessment(store)
    typed = Answer(value="recognised", note="a\x07b", evidence=(EvidenceType.RESEARCH, EvidenceType.EVALUATION_DATA))
    store.save_answer(aid, "alpha", "a1", typed, based_on=None)
    changed = typed.model_copy(update={"value": "addressed"})
    store.save_answer(aid, "alpha", "a1", changed, based_on=typed)
    saved = _saved(store, aid)
    assert saved.answer.note == "ab" and saved.answer.value == "addressed" and saved.version == 2


def test_without_based_on_the_whole_answer_is_written__ok(store: Store, ben: Store) -> None:
    """Should keep today's behaviour for callers that give no base (the command line, imports): last write wins."""
    aid = new_assessment(store)
    store.save_answer(aid, "alpha", "a1", Answer(value="recognised", note="old"))
    ben.save_answer(aid, "alpha", "a1", Answer(value="addressed", note="Ben"))
    store.save_answer(aid, "alpha", "a1", Answer(value="not_considered"))
    assert _saved(store, aid).answer == Answer(value="not_considered")
    assert _saved(store, aid).version == 3


def test_import_replacing_keeps_versions_rising__ok(store: Store) -> None:
    """Should add one to the version of every answer an import changes, and keep it for one it leaves alone."""
    aid = new_assessment(store)
    store.save_answer(aid, "alpha", "a1", Answer(value="recognised"))
    store.save_answer(aid, "alpha", "a1", Answer(value="addressed"))
    store.save_answer(aid, "alpha", "a2", Answer(value="addressed"))
    before = store.saved_details(aid)
    answers = {
        "alpha": {"a1": Answer(value="recognised"), "a2": Answer(value="addressed"), "a3": Answer(value="recognised")}
    }
    store.save_assessment(imported_assessment(answers=answers), assessment_id=aid)
    versions = {iid: s.version for iid, s in store.saved_answers(aid)["alpha"].items()}
    assert versions == {"a1": 3, "a2": 1, "a3": 1}
    after = store.saved_details(aid)
    assert (after.version, after.innovation_version) == (before.version + 1, before.innovation_version + 1)


# --- details ---------------------------------------------------------------------------------


def _details(store: Store, aid: str) -> tuple[Innovation, AssessmentMeta]:
    saved = store.saved_details(aid)
    return saved.innovation, saved.meta


def test_details_stale_saves_of_different_fields_both_kept__ok(anna: Store, ben: Store) -> None:
    """Should keep Ben's new name when Anna, who saw the old one, changes the label; versions count the writes."""
    aid = new_assessment(anna)
    inn, meta = seen = _details(anna, aid)
    start = anna.saved_details(aid)
    ben.update_details(aid, inn.model_copy(update={"name": "Ben's name"}), meta, based_on=seen)
    anna.update_details(aid, inn, meta.model_copy(update={"label": "Anna's label"}), based_on=seen)
    saved = anna.saved_details(aid)
    assert (saved.innovation.name, saved.meta.label) == ("Ben's name", "Anna's label")
    assert (saved.innovation_version, saved.version) == (start.innovation_version + 1, start.version + 1)
    log = [(e.field, e.actor) for e in anna.audit_log(aid)][-2:]
    assert log == [("innovation.name", BEN), ("assessment.label", ANNA)]


def test_details_same_field__conflict(anna: Store, ben: Store, db_url: str) -> None:
    """Should refuse Anna's stale details whole when Ben changed the same field, carrying both values and who."""
    aid = new_assessment(anna)
    inn, meta = seen = _details(anna, aid)
    ben.update_details(aid, inn, meta.model_copy(update={"stage": Stage.SPREADING}), based_on=seen)
    before, stored = row_counts(db_url), anna.saved_details(aid)
    mine = (inn.model_copy(update={"organisation": "Org B"}), meta.model_copy(update={"stage": Stage.IDEA}))
    with pytest.raises(DetailsConflict) as caught:
        anna.update_details(aid, *mine, based_on=seen)
    exc = caught.value
    assert exc.codes == [ErrorCode.STORAGE_009]
    [field] = exc.conflicts
    assert (field.field, field.based_on, field.stored, field.yours) == (
        "assessment.stage",
        "pilot",
        "spreading",
        "idea",
    )
    assert field.changed_by == BEN and isinstance(field.changed_at, dt.datetime)
    assert exc.stored == stored and exc.yours == mine and exc.based_on == seen
    assert anna.saved_details(aid) == stored and row_counts(db_url) == before
    inn_mine, meta_mine = resolve_details(exc, (stored.innovation, stored.meta), mine=True)
    assert (meta_mine.stage, inn_mine.organisation) == (Stage.IDEA, "Org B")
    inn_theirs, meta_theirs = resolve_details(exc, (stored.innovation, stored.meta), mine=False)
    assert (meta_theirs.stage, inn_theirs.organisation) == (Stage.SPREADING, "Org B")
    anna.update_details(aid, inn_theirs, meta_theirs, based_on=(stored.innovation, stored.meta))
    saved = anna.saved_details(aid)
    assert (saved.meta.stage, saved.innovation.organisation) == (Stage.SPREADING, "Org B")


def test_details_innovation_changed_through_another_assessment__conflict(anna: Store, ben: Store) -> None:
    """Should name who renamed the innovation through its follow-up when Anna renames it through the baseline."""
    aid = new_assessment(anna)
    seen = _details(anna, aid)
    follow_up = ben.start_follow_up(aid)
    inn, meta = _details(ben, follow_up)
    ben.update_details(follow_up, inn.model_copy(update={"name": "Ben's name"}), meta, based_on=(inn, meta))
    with pytest.raises(DetailsConflict) as caught:
        anna.update_details(aid, seen[0].model_copy(update={"name": "Anna's name"}), seen[1], based_on=seen)
    [field] = caught.value.conflicts
    assert (field.field, field.stored, field.changed_by) == ("innovation.name", "Ben's name", BEN)


def test_details_without_based_on_written_whole__ok(store: Store) -> None:
    """Should write every field that differs from what is stored when no base is given (as before)."""
    aid = new_assessment(store)
    inn, _ = _details(store, aid)
    new_meta = AssessmentMeta(
        assessed_on=dt.date(2026, 3, 1), stage=Stage.IDEA, assessor_role=AssessorRole.COMMISSIONER
    )
    store.update_details(aid, inn, new_meta)
    saved = store.saved_details(aid)
    assert saved.meta == new_meta.model_copy(update={"label": ""}) and saved.version == 2
    store.update_details(aid, inn, new_meta)
    assert store.saved_details(aid).version == 2


def test_clearing_the_value_keeps_note_and_evidence_and_is_audited__ok(store: Store) -> None:
    """Should clear only the answer's value (the questionnaire's "Clear answer"), keep its note and evidence, and log it."""
    aid = new_assessment(store)
    store.save_answer(aid, "alpha", "a1", Answer(value="recognised", note="n", evidence=(EvidenceType.RESEARCH,)))
    seen = _saved(store, aid)
    store.save_answer(aid, "alpha", "a1", Answer(note="n", evidence=(EvidenceType.RESEARCH,)), based_on=seen.answer)
    cleared = _saved(store, aid)
    assert (cleared.answer, cleared.version) == (Answer(note="n", evidence=(EvidenceType.RESEARCH,)), seen.version + 1)
    assert [(e.field, e.old, e.new) for e in store.audit_log(aid)][-1] == ("value", "recognised", None)
