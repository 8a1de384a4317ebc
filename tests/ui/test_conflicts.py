"""AppTest tests for conflicts on the questionnaire: a change made meanwhile by someone else is never overwritten silently.

Ben (a second store on the same database) changes an answer or the details while the page
under test still shows the older version; the page then changes the same thing.
"""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from assessments.catalogue import bundled_frameworks
from assessments.models import Answer, AssessmentMeta, AssessorRole, Innovation, Stage
from assessments.store import Store, Viewer
from tests.ui.conftest import open_page, page_text, plain

PAGE = "ui/questionnaire.py"
BEN = "ben@example.org"
SCIE = bundled_frameworks()["scie"]
ITEM = next(i for i in SCIE.items.values() if i.type == "choice")
STEP = f"scie.{next(s.id for s in SCIE.sections if ITEM.id in {i.id for i in s.items})}"
LABEL = {o.id: o.label for o in SCIE.options(ITEM.id)}


def _new(store: Store) -> str:
    return store.create_assessment(
        Innovation(name="Memory cafe network", organisation="Riverside Care"),
        AssessmentMeta(assessed_on=dt.date(2026, 2, 1), stage=Stage.PILOT, assessor_role=AssessorRole.PROVIDER),
    )


def _stored(store: Store, aid: str) -> Answer | None:
    return store.get_answers(aid, "scie").get("scie", {}).get(ITEM.id)


def _warnings(at: AppTest) -> list[str]:
    return [plain(w.body) for w in at.warning]


def _key(aid: str, part: str) -> str:
    return f"q:{aid}:scie:{ITEM.id}:{part}"


def test_note_saved_beside_a_rating_changed_meanwhile__ok(app_store: Store) -> None:
    """Should keep Ben's new rating when a page that still shows the old one saves a note, with no conflict shown."""
    aid = _new(app_store)
    app_store.save_answer(aid, "scie", ITEM.id, Answer(value="recognised"))
    at = open_page(PAGE, a=aid, s=STEP, n="1")
    ben = app_store.as_viewer(Viewer.local(BEN))
    ben.save_answer(aid, "scie", ITEM.id, Answer(value="addressed"), based_on=Answer(value="recognised"))
    at = at.text_area(key=_key(aid, "note")).input("Two councils asked").run()
    assert not at.exception and not at.warning
    assert _stored(app_store, aid) == Answer(value="addressed", note="Two councils asked")


def test_conflict_shows_both_values_and_keep_theirs__ok(app_store: Store) -> None:
    """Should show who changed the rating, theirs and mine in words and two buttons; "Keep theirs" puts theirs back."""
    aid = _new(app_store)
    app_store.save_answer(aid, "scie", ITEM.id, Answer(value="recognised", note="*first* note"))
    at = open_page(PAGE, a=aid, s=STEP, n="1")
    ben = app_store.as_viewer(Viewer.local(BEN))
    ben.save_answer(
        aid, "scie", ITEM.id, Answer(value="addressed", note="*first* note"), based_on=_stored(app_store, aid)
    )
    at = at.radio(key=_key(aid, "value")).set_value("not_considered").run()
    assert not at.exception
    [box] = _warnings(at)
    assert "Not saved" in box and BEN in box
    assert f"theirs “{LABEL['addressed']}”" in box and f"yours “{LABEL['not_considered']}”" in box
    assert "Note" not in box, "only the conflicting field is listed"
    choices = [b.label for b in at.button if b.key and b.key.startswith(f"q:{aid}:") and not b.key.endswith(":clear")]
    assert choices == ["Keep theirs", "Use mine"]
    assert _stored(app_store, aid) == Answer(value="addressed", note="*first* note")

    at = at.button(key=_key(aid, "keep")).click().run()
    assert not at.exception and not at.warning
    assert at.radio(key=_key(aid, "value")).value == "addressed"
    assert at.text_area(key=_key(aid, "note")).value == "*first* note"
    assert _stored(app_store, aid) == Answer(value="addressed", note="*first* note")
    # The page is now based on theirs: a change of the rating is saved without a conflict.
    at = at.radio(key=_key(aid, "value")).set_value("partly_addressed").run()
    assert not at.warning and _stored(app_store, aid) == Answer(value="partly_addressed", note="*first* note")


def test_conflict_use_mine_saves_mine_and_keeps_their_other_change__ok(app_store: Store) -> None:
    """Should save my rating with "Use mine" and keep the note Ben changed at the same time."""
    aid = _new(app_store)
    app_store.save_answer(aid, "scie", ITEM.id, Answer(value="recognised"))
    at = open_page(PAGE, a=aid, s=STEP, n="1")
    ben = app_store.as_viewer(Viewer.local(BEN))
    ben.save_answer(
        aid, "scie", ITEM.id, Answer(value="dont_know", note="Ben's note"), based_on=Answer(value="recognised")
    )
    at = at.radio(key=_key(aid, "value")).set_value("addressed").run()
    [box] = _warnings(at)
    assert f"theirs “{LABEL['dont_know']}”" in box and f"yours “{LABEL['addressed']}”" in box

    at = at.button(key=_key(aid, "mine")).click().run()
    assert not at.exception and not at.warning
    assert _stored(app_store, aid) == Answer(value="addressed", note="Ben's note")
    assert at.radio(key=_key(aid, "value")).value == "addressed"
    assert at.text_area(key=_key(aid, "note")).value == "Ben's note"
    assert "Saved at" in page_text(at)


def test_conflicting_note_shown_as_text__ok(app_store: Store) -> None:
    """Should show both notes exactly as typed (Markdown in them stays text) when both changed the note."""
    aid = _new(app_store)
    app_store.save_answer(aid, "scie", ITEM.id, Answer(value="recognised"))
    at = open_page(PAGE, a=aid, s=STEP, n="1")
    ben = app_store.as_viewer(Viewer.local(BEN))
    ben.save_answer(
        aid, "scie", ITEM.id, Answer(value="recognised", note="**Ben** [link](x)"), based_on=Answer(value="recognised")
    )
    at = at.text_area(key=_key(aid, "note")).input("# mine :smile:").run()
    [warning] = at.warning
    assert "\\*\\*Ben\\*\\* \\[link\\](x)" in warning.body and "\\# mine" in warning.body
    assert "theirs “**Ben** [link](x)”" in plain(warning.body).replace("\u2060", "")
    at = at.button(key=_key(aid, "mine")).click().run()
    assert _stored(app_store, aid) == Answer(value="recognised", note="# mine :smile:")


def test_details_conflict_both_ways__ok(app_store: Store) -> None:
    """Should refuse stale details with both stages shown, keep theirs on request, and save mine on request."""
    aid = _new(app_store)
    at = open_page(PAGE, a=aid, s="details")
    ben = app_store.as_viewer(Viewer.local(BEN))
    seen = app_store.saved_details(aid)
    ben.update_details(
        aid,
        seen.innovation,
        seen.meta.model_copy(update={"stage": Stage.SPREADING}),
        based_on=(seen.innovation, seen.meta),
    )
    at.radio(key=f"d:{aid}:stage").set_value("idea")
    at.text_input(key=f"d:{aid}:label").input("Baseline")
    at = at.run()  # every details widget saves on change: no button to press
    assert not at.exception
    [box] = _warnings(at)
    assert "Stage" in box and "theirs Spreading" in box and "yours Idea" in box and BEN in box
    assert app_store.saved_details(aid).meta.stage is Stage.SPREADING and app_store.saved_details(aid).meta.label == ""

    at = at.button(key=f"d:{aid}:keep").click().run()
    assert not at.exception and not at.warning
    assert at.radio(key=f"d:{aid}:stage").value == "spreading"
    saved = app_store.saved_details(aid).meta
    assert (saved.stage, saved.label) == (Stage.SPREADING, "Baseline"), "my other change is saved with theirs"

    ben.update_details(
        aid, seen.innovation, saved.model_copy(update={"stage": Stage.ESTABLISHED}), based_on=(seen.innovation, saved)
    )
    at.radio(key=f"d:{aid}:stage").set_value("idea")
    at = at.run()  # every details widget saves on change: no button to press
    assert "theirs Established" in _warnings(at)[0]
    at = at.button(key=f"d:{aid}:mine").click().run()
    assert not at.warning
    assert app_store.saved_details(aid).meta.stage is Stage.IDEA
    assert at.radio(key=f"d:{aid}:stage").value == "idea"
