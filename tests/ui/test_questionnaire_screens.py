"""AppTest tests for a questionnaire screen a person can scan: what the answers mean shown once,
an answer that can be cleared, and one compact progress line counting as Results does."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from assessments.catalogue import bundled_frameworks
from assessments.methods.base import answers_text
from assessments.models import Answer, AssessmentMeta, AssessorRole, EvidenceType, Innovation, Stage
from assessments.scoring import score_assessment
from assessments.store import Store
from tests.ui.conftest import open_page, page_text

PAGE = "ui/questionnaire.py"
FRAMEWORKS = bundled_frameworks()
SECTIONS = [f"{fid}.{s.id}" for fid, fw in FRAMEWORKS.items() for s in fw.sections]


def _new(store: Store) -> str:
    return store.create_assessment(
        Innovation(name="Shared Lives day support"),
        AssessmentMeta(assessed_on=dt.date(2026, 3, 1), stage=Stage.PILOT, assessor_role=AssessorRole.INNOVATOR),
    )


def _choice_ids(fid: str, sid: str) -> list[str]:
    return [i.id for i in FRAMEWORKS[fid].section(sid).items if i.type == "choice"]


def _count(text: str, part: str) -> int:
    return text.count(part)


def test_answer_meanings_shown_once__ok(app_store: Store) -> None:
    """Should show what each answer means once per screen, never under every question, with no captions on the radios."""
    aid = _new(app_store)
    at = open_page(PAGE, a=aid, s="scie.innovation")
    assert not at.exception
    text = page_text(at)
    for option in FRAMEWORKS["scie"].scales[0].options:
        assert _count(text, option.descriptor) == 1, option.descriptor
    assert all(not r.proto.captions for r in at.radio)
    assert len(at.radio) == len(_choice_ids("scie", "innovation"))


def test_own_meanings_on_demand__ok(app_store: Store) -> None:
    """Should show a question's own wording of its answers once, in a closed expander under it, and the scale's once above."""
    aid = _new(app_store)
    at = open_page(PAGE, a=aid, s="nasss.technology")
    assert not at.exception
    section = FRAMEWORKS["nasss"].section("technology")
    own = [e for e in at.expander if e.label.startswith("What the answers mean for question")]
    assert [e.label for e in own] == [
        f"What the answers mean for question {n}" for n in range(1, len(section.items) + 1)
    ]
    assert all(not e.proto.expanded for e in own)
    text = page_text(at)
    for item in section.items:
        for meaning in item.descriptors.values():
            assert _count(text, meaning) == 1, meaning
    for option in FRAMEWORKS["nasss"].scales[0].options:
        assert _count(text, option.descriptor) == 1, option.descriptor


def test_clear_answer_keeps_note_and_is_audited__ok(app_store: Store) -> None:
    """Should clear a chosen answer with its own button, keep its note and evidence, log it and count it as unanswered."""
    aid = _new(app_store)
    first, second = _choice_ids("scie", "innovation")[:2]
    app_store.save_answer(
        aid, "scie", first, Answer(value="recognised", note="Ask the board", evidence=(EvidenceType.RESEARCH,))
    )
    app_store.save_answer(aid, "scie", second, Answer(value="dont_know"))
    at = open_page(PAGE, a=aid, s="scie.innovation")
    size = len(FRAMEWORKS["scie"].section("innovation").items)
    assert f"This section: 2 of {size} answered, of which 1 don't know ·" in page_text(at)
    clear = at.button(key=f"q:{aid}:scie:{first}:clear")
    assert clear.label == "Clear answer to question 1"
    at = clear.click().run()
    assert not at.exception
    assert app_store.get_assessment(aid).answer("scie", first) == Answer(
        note="Ask the board", evidence=(EvidenceType.RESEARCH,)
    )
    assert at.radio(key=f"q:{aid}:scie:{first}:value").value is None
    assert f"This section: 1 of {size} answered, of which 1 don't know ·" in page_text(at)
    assert [(e.field, e.old, e.new) for e in app_store.audit_log(aid) if e.item_id == first][-1] == (
        "value",
        "recognised",
        None,
    )
    # No clear button where there is nothing to clear.
    assert f"q:{aid}:scie:{first}:clear" not in [b.key for b in at.button]
    fresh = open_page(PAGE, a=aid, s="scie.innovation")
    assert fresh.radio(key=f"q:{aid}:scie:{first}:value").value is None


def test_clear_based_on_what_was_shown__conflict(app_store: Store) -> None:
    """Should not clear an answer someone else changed after the screen showed it: the conflict is shown instead."""
    aid = _new(app_store)
    first = _choice_ids("scie", "innovation")[0]
    app_store.save_answer(aid, "scie", first, Answer(value="recognised"))
    at = open_page(PAGE, a=aid, s="scie.innovation")
    app_store.save_answer(aid, "scie", first, Answer(value="addressed"))  # another tab, meanwhile
    at = at.button(key=f"q:{aid}:scie:{first}:clear").click().run()
    assert not at.exception
    assert app_store.get_assessment(aid).answer("scie", first) == Answer(value="addressed")
    assert any("Not saved" in w.body for w in at.warning)


def test_progress_one_line_counts_as_results__ok(app_store: Store) -> None:
    """Should say the section's place and the answers as Results does, with no list of every section on the screen."""
    aid = _new(app_store)
    ids = _choice_ids("nasss", "technology")
    for iid, value in zip(ids, ["simple", "dont_know", "not_applicable"], strict=False):
        app_store.save_answer(aid, "nasss", iid, Answer(value=value))
    at = open_page(PAGE, a=aid, s="nasss.technology")
    assert not at.exception
    result = next(
        r for r in score_assessment(app_store.get_assessment(aid), FRAMEWORKS).results if r.framework == "nasss"
    )
    section = next(s for s in result.sections if s.id == "technology")
    place = SECTIONS.index("nasss.technology") + 1
    line = (
        f"Section {place} of {len(SECTIONS)} · This section: {answers_text(section)} · "
        f"{FRAMEWORKS['nasss'].short_title}: {answers_text(result)}"
    )
    assert "of which 1 don't know and 1 not applicable" in line
    assert [p.proto.text for p in at.get("progress")] == [line]
    text = page_text(at)
    assert "Still to answer" not in text
    others = [e for e in at.expander if e.label.startswith("Other sections with questions left")]
    assert [e.label for e in others] == [f"Other sections with questions left ({len(SECTIONS) - 1})"]
    assert not others[0].proto.expanded


def test_details_progress_per_framework__ok(app_store: Store) -> None:
    """Should show each framework's count on the details screen, worded as on Results."""
    aid = _new(app_store)
    app_store.save_answer(aid, "scie", _choice_ids("scie", "innovation")[0], Answer(value="dont_know"))
    at = open_page(PAGE, a=aid, s="details")
    assert not at.exception
    results = score_assessment(app_store.get_assessment(aid), FRAMEWORKS).results
    expected = " · ".join(f"{FRAMEWORKS[r.framework].short_title}: {answers_text(r)}" for r in results)
    assert [p.proto.text for p in at.get("progress")] == [expected]


def _other_sections(at: AppTest) -> list[str]:
    return [link.proto.label for link in at.get("page_link") if link.proto.label.endswith(" left)")]


def test_jump_to_sections_with_questions_left__ok(app_store: Store) -> None:
    """Should link to every other section with questions left, and to none that is finished."""
    aid = _new(app_store)
    for iid in _choice_ids("scie", "external"):
        app_store.save_answer(aid, "scie", iid, Answer(value="recognised"))
    at = open_page(PAGE, a=aid, s="scie.innovation")
    labels = _other_sections(at)
    assert len(labels) == len(SECTIONS) - 2
    assert not any(label.startswith("SCIE scaling factors:") for label in labels)
