"""AppTest tests for the questionnaire: every step renders, answers are saved at once and survive a fresh session."""

from __future__ import annotations

import datetime as dt
import urllib.parse

import pytest
from streamlit.testing.v1 import AppTest

from assessments.catalogue import bundled_frameworks
from assessments.models import Answer, AssessmentMeta, AssessorRole, EvidenceType, Innovation, Stage
from assessments.store import Store
from tests.databases import refuse_updates
from tests.ui.conftest import main_text, open_page, page_text, support_lines

PAGE = "ui/questionnaire.py"
FRAMEWORKS = bundled_frameworks()
STEPS = ["details"] + [f"{fid}.{s.id}" for fid, fw in FRAMEWORKS.items() for s in fw.sections]


def _new(store: Store) -> str:
    return store.create_assessment(
        Innovation(name="Memory cafe network", organisation="Riverside Care"),
        AssessmentMeta(assessed_on=dt.date(2026, 2, 1), stage=Stage.PILOT, assessor_role=AssessorRole.PROVIDER),
    )


def _first_item(fid: str, kind: str = "choice") -> tuple[str, str]:
    fw = FRAMEWORKS[fid]
    for section in fw.sections:
        for item in section.items:
            if item.type == kind:
                return f"{fid}.{section.id}", item.id
    raise AssertionError(f"no {kind} item in {fid}")


def test_no_assessment__ok(app_store: Store) -> None:
    """Should explain that no assessment is open and link to Home."""
    at = open_page(PAGE)
    assert not at.exception
    assert "No assessment is open" in page_text(at)
    assert len(at.radio) == 0


def test_unknown_assessment__error(app_store: Store) -> None:
    """Should show the STORAGE_001 message for an id that is not saved, without a traceback."""
    at = open_page(PAGE, a="no-such-id")
    assert not at.exception
    errors = "\n".join(e.body for e in at.error)
    assert "STORAGE_001" in errors and "no-such-id" in errors
    assert len(at.radio) == 0


@pytest.mark.parametrize("step", STEPS)
def test_every_step_renders__ok(app_store: Store, step: str) -> None:
    """Should render each step with one unselected answer widget per item and its progress."""
    aid = _new(app_store)
    at = open_page(PAGE, a=aid, s=step)
    assert not at.exception
    assert at.selectbox(key=f"q:{aid}:nav").value == step
    if step == "details":
        assert at.text_input(key=f"d:{aid}:name").value == "Memory cafe network"
        assert at.radio(key=f"d:{aid}:stage").value == "pilot"
        return
    fid, sid = step.split(".")
    section = FRAMEWORKS[fid].section(sid)
    for item in section.items:
        widget = at.get_by_key(f"q:{aid}:{fid}:{item.id}:value")
        assert widget is not None
        if item.type == "choice":
            assert at.radio(key=f"q:{aid}:{fid}:{item.id}:value").value is None
    assert f"This section: 0 of {len(section.items)} answered ·" in page_text(at)


def test_radio_options_include_dont_know__ok(app_store: Store) -> None:
    """Should offer don't know and not applicable on every choice item, with nothing pre-selected."""
    aid = _new(app_store)
    step, iid = _first_item("nasss")
    at = open_page(PAGE, a=aid, s=step)
    radio = at.radio(key=f"q:{aid}:nasss:{iid}:value")
    assert radio.value is None
    assert radio.index is None
    labels = [o.lower() for o in radio.options]
    assert any("know" in o for o in labels) and any("applicable" in o for o in labels)


def test_answers_saved_and_reopened__ok(app_store: Store) -> None:
    """Should save answers across sections the moment they change and show them in a fresh session."""
    aid = _new(app_store)
    scie_step, scie_item = _first_item("scie")
    nasss_step, nasss_item = _first_item("nasss")
    sips_text_step, sips_text = _first_item("sips", "text")
    sips_date_step, sips_date = _first_item("sips", "date")

    at = open_page(PAGE, a=aid, s=scie_step, n="1")
    at = at.radio(key=f"q:{aid}:scie:{scie_item}:value").set_value("partly_addressed").run()
    assert not at.exception
    assert app_store.get_assessment(aid).answer("scie", scie_item) == Answer(value="partly_addressed")
    assert "Saved at" in page_text(at)
    at = at.text_area(key=f"q:{aid}:scie:{scie_item}:note").input("Two councils asked already").run()
    at = at.pills(key=f"q:{aid}:scie:{scie_item}:evidence").set_value(["evaluation_data", "research"]).run()
    assert app_store.get_assessment(aid).answer("scie", scie_item) == Answer(
        value="partly_addressed",
        note="Two councils asked already",
        evidence=(EvidenceType.RESEARCH, EvidenceType.EVALUATION_DATA),
    )

    at = open_page(PAGE, a=aid, s=nasss_step)
    at = at.radio(key=f"q:{aid}:nasss:{nasss_item}:value").set_value("dont_know").run()
    at = open_page(PAGE, a=aid, s=sips_text_step)
    at = at.text_area(key=f"q:{aid}:sips:{sips_text}:value").input("Start with two more day centres").run()
    at = open_page(PAGE, a=aid, s=sips_date_step)
    at = at.date_input(key=f"q:{aid}:sips:{sips_date}:value").set_value(dt.date(2026, 9, 1)).run()
    assert not at.exception

    # a fresh session (refresh, new tab, shared link) sees every answer in place
    fresh = open_page(PAGE, a=aid, s=scie_step, n="1")
    assert fresh.radio(key=f"q:{aid}:scie:{scie_item}:value").value == "partly_addressed"
    assert fresh.text_area(key=f"q:{aid}:scie:{scie_item}:note").value == "Two councils asked already"
    evidence = fresh.pills(key=f"q:{aid}:scie:{scie_item}:evidence").value
    assert evidence is not None and set(evidence) == {"research", "evaluation_data"}
    assert f"SCIE scaling factors: 1 of {FRAMEWORKS['scie'].item_count} answered" in page_text(fresh)
    fresh = open_page(PAGE, a=aid, s=nasss_step)
    assert fresh.radio(key=f"q:{aid}:nasss:{nasss_item}:value").value == "dont_know"
    fresh = open_page(PAGE, a=aid, s=sips_text_step)
    assert fresh.text_area(key=f"q:{aid}:sips:{sips_text}:value").value == "Start with two more day centres"
    fresh = open_page(PAGE, a=aid, s=sips_date_step)
    assert fresh.date_input(key=f"q:{aid}:sips:{sips_date}:value").value == dt.date(2026, 9, 1)


def test_change_and_clear_answer__ok(app_store: Store) -> None:
    """Should record a changed answer in the audit log and remove a cleared text answer."""
    aid = _new(app_store)
    step, iid = _first_item("sips", "text")
    at = open_page(PAGE, a=aid, s=step)
    key = f"q:{aid}:sips:{iid}:value"
    at = at.text_area(key=key).input("first plan").run()
    at = at.text_area(key=key).input("   ").run()
    assert app_store.get_assessment(aid).answer("sips", iid) is None
    fields = [(e.field, e.new) for e in app_store.audit_log(aid) if e.item_id == iid]
    assert fields == [("value", "first plan"), ("value", None)]


def _links(at: AppTest) -> dict[str, dict[str, str]]:
    """Page links on screen by label, with their query parameters."""
    return {
        link.proto.label: dict(urllib.parse.parse_qsl(link.proto.query_string)) | {"disabled": str(link.proto.disabled)}
        for link in at.get("page_link")
    }


def _title(step: str) -> str:
    fid, sid = step.split(".")
    return f"{FRAMEWORKS[fid].short_title}: {FRAMEWORKS[fid].section(sid).title}"


def test_navigation_keeps_step_in_url__ok(app_store: Store) -> None:
    """Should link Previous/Next to the neighbouring steps and move with the selector, keeping the step in the URL."""
    aid = _new(app_store)
    at = open_page(PAGE, a=aid)
    assert at.query_params["s"] == STEPS[1]
    links = _links(at)
    assert links[f"Next: {_title(STEPS[2])}"] == {"a": aid, "s": STEPS[2], "disabled": "False"}
    assert links["Previous"] == {"a": aid, "s": STEPS[0], "disabled": "False"}
    assert links["Add notes and evidence to these answers"] == {"a": aid, "s": STEPS[1], "n": "1", "disabled": "False"}
    at = at.selectbox(key=f"q:{aid}:nav").set_value(STEPS[-1]).run()
    assert at.query_params["s"] == STEPS[-1]
    links = _links(at)
    assert links["See the results"] == {"a": aid, "disabled": "False"}
    assert links["Previous"]["s"] == STEPS[-2]
    at = open_page(PAGE, a=aid, s=STEPS[3], n="1")
    links = _links(at)
    assert links[f"Next: {_title(STEPS[4])}"] == {"a": aid, "s": STEPS[4], "n": "1", "disabled": "False"}
    assert links["Hide the note and evidence fields"] == {"a": aid, "s": STEPS[3], "disabled": "False"}
    at = open_page(PAGE, a=aid, s="details")
    assert _links(at)[f"Next: {_title(STEPS[1])}"]["s"] == STEPS[1]
    at = open_page(PAGE, a=aid, s="not.a.step")
    assert not at.exception
    assert at.query_params["s"] == STEPS[1]


def test_notes_summarised_when_hidden__ok(app_store: Store) -> None:
    """Should show saved notes and evidence as text under the question when the fields are hidden, and keep them on a new answer."""
    aid = _new(app_store)
    step, iid = _first_item("scie")
    app_store.save_answer(
        aid, "scie", iid, Answer(value="recognised", note="Ask the board", evidence=(EvidenceType.RESEARCH,))
    )
    at = open_page(PAGE, a=aid, s=step)
    assert f"q:{aid}:scie:{iid}:note" not in [t.key for t in at.text_area]
    assert "Note: Ask the board · Evidence: Research" in page_text(at)
    at = at.radio(key=f"q:{aid}:scie:{iid}:value").set_value("addressed").run()
    assert app_store.get_assessment(aid).answer("scie", iid) == Answer(
        value="addressed", note="Ask the board", evidence=(EvidenceType.RESEARCH,)
    )


def test_details_validation__error(app_store: Store) -> None:
    """Should refuse to save details without a name, saying so in plain words first (the field by its label,
    the code and field path only in the small print for support), and keep the saved name."""
    aid = _new(app_store)
    at = open_page(PAGE, a=aid, s="details")
    at.text_input(key=f"d:{aid}:name").input("")
    at = at.run()  # every details widget saves on change: no button to press
    assert not at.exception
    errors = "\n".join(e.body for e in at.error)
    assert main_text(errors).splitlines()[-1] == "- Innovation name is required but empty. Type it in."
    assert support_lines(errors) == ["For support: ASSESSMENT_008 · field innovation.name"]
    assert app_store.get_assessment(aid).innovation.name == "Memory cafe network"


def test_details_saved__ok(app_store: Store) -> None:
    """Should save changed details as they change (no button), and show them in a fresh session."""
    aid = _new(app_store)
    at = open_page(PAGE, a=aid, s="details")
    at.text_input(key=f"d:{aid}:org").input("Riverside Care CIC")
    at.radio(key=f"d:{aid}:stage").set_value("spreading")
    at = at.run()  # every details widget saves on change: no button to press
    assert not at.exception
    assert not at.error
    got = app_store.get_assessment(aid)
    assert got.innovation.organisation == "Riverside Care CIC"
    assert got.assessment.stage is Stage.SPREADING
    fresh = open_page(PAGE, a=aid, s="details")
    assert fresh.radio(key=f"d:{aid}:stage").value == "spreading"


def test_failed_save_shown_under_its_question__error(app_store: Store) -> None:
    """Should say under the question that an answer the database refused was NOT saved, and keep the old one."""
    aid = _new(app_store)
    step, iid = _first_item("scie")
    app_store.save_answer(aid, "scie", iid, Answer(value="recognised"))
    with app_store.engine.begin() as conn:  # the database itself refuses the next change
        refuse_updates(conn, "answers", "disk is full")
    at = open_page(PAGE, a=aid, s=step)
    at = at.radio(key=f"q:{aid}:scie:{iid}:value").set_value("addressed").run()
    assert not at.exception
    errors = [e.body for e in at.error]
    assert len(errors) == 1, errors
    assert "NOT saved" in errors[0] and "STORAGE_002" in errors[0] and "disk is full" in errors[0]
    assert "Saved at" not in page_text(at)
    assert app_store.get_assessment(aid).answer("scie", iid) == Answer(value="recognised")
