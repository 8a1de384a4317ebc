"""AppTest tests of the method fixes on the pages: the hint under a "3 – with evidence" answer with no
evidence type, answers to check after an earlier SCIE version (and confirming them), and the Results
page's new flags and stage-aware next steps."""

from __future__ import annotations

import datetime as dt

from assessments.catalogue import bundled_frameworks
from assessments.models import Answer, Assessment, AssessmentMeta, EvidenceType, Innovation, Stage
from assessments.store import Store
from tests.ui.conftest import open_page, page_text

QUESTIONNAIRE = "ui/questionnaire.py"
RESULTS = "ui/results.py"
FRAMEWORKS = bundled_frameworks()
HINT = "says there is evidence, but none is recorded yet"


def _new(store: Store, answers: dict[str, dict[str, Answer]] | None = None, **versions: str) -> str:
    return store.save_assessment(
        Assessment(
            innovation=Innovation(name="Homeshare"),
            assessment=AssessmentMeta(assessed_on=dt.date(2026, 2, 1), stage=Stage.IDEA),
            answers=answers or {},
            framework_versions=versions,
        )
    )


def test_hint_under_top_rating_without_evidence__ok(app_store: Store) -> None:
    """Should show a gentle hint under "3 – Addressed, with evidence" saved with no evidence type, and none
    once the evidence is recorded."""
    aid = _new(app_store, {"scie": {"coproduction": Answer(value="addressed")}})
    at = open_page(QUESTIONNAIRE, a=aid, s="scie.innovation")
    assert not at.exception
    hints = [c.value for c in at.caption if HINT in c.value]
    assert len(hints) == 1
    assert hints[0].startswith(f":material/lightbulb: '3 – Addressed, with evidence' {HINT}")
    assert "Add notes and evidence" in hints[0]  # fields hidden: says where to add it

    app_store.save_answer(aid, "scie", "coproduction", Answer(value="addressed", evidence=(EvidenceType.RESEARCH,)))
    at = open_page(QUESTIONNAIRE, a=aid, s="scie.innovation")
    assert HINT not in page_text(at)


def test_no_hint_below_the_top_or_outside_scie__ok(app_store: Store) -> None:
    """Should give no hint for a lower rating, nor for the top of a NASSS or SIPS scale."""
    nasss_item = next(iter(FRAMEWORKS["nasss"].items))
    aid = _new(
        app_store,
        {"scie": {"coproduction": Answer(value="partly_addressed")}, "nasss": {nasss_item: Answer(value="complex")}},
    )
    for step in ("scie.innovation", f"nasss.{FRAMEWORKS['nasss'].section_of(nasss_item).id}"):
        assert HINT not in page_text(open_page(QUESTIONNAIRE, a=aid, s=step))


def test_earlier_version_answers_named_and_confirmed__ok(app_store: Store) -> None:
    """Should name the external factors rated 0 under SCIE 2020-r1 on their screen, and clear the warning,
    keeping the answers, when the person says they checked them."""
    answers = {
        "scie": {"scale_funding": Answer(value="not_considered"), "coproduction": Answer(value="not_considered")}
    }
    aid = _new(app_store, answers, scie="2020-r1")
    at = open_page(QUESTIONNAIRE, a=aid, s="scie.external")
    assert not at.exception
    [box] = [w.body for w in at.warning if "2020-r1" in w.body]
    assert "Funding for scale" in box and "Co-production" not in box
    marks = [c.value for c in at.caption if "Given under version 2020-r1" in c.value]
    assert len(marks) == 1  # under the one external factor rated 0, not the others
    inner = open_page(QUESTIONNAIRE, a=aid, s="scie.innovation")  # nothing to check on that screen
    assert not [w for w in inner.warning if "2020-r1" in w.body]

    at = at.button(key=f"q:{aid}:scie:confirm_version").click().run()
    assert not at.exception
    saved = app_store.get_assessment(aid)
    assert saved.framework_versions == {} and saved.answers == answers
    assert not [w for w in at.warning if "2020-r1" in w.body]


def test_results_show_new_flags_and_stage_note__ok(app_store: Store) -> None:
    """Should show the earlier-version and no-evidence warnings on Results, and order next steps by stage."""
    answers = {"scie": {"scale_funding": Answer(value="not_considered"), "coproduction": Answer(value="addressed")}}
    aid = _new(app_store, answers, scie="2020-r1")
    at = open_page(RESULTS, a=aid)
    assert not at.exception
    warnings = "\n".join(w.body for w in at.warning)
    assert "Answers to check (earlier version)" in warnings and "Funding for scale" in warnings
    assert "Top rating without evidence" in warnings and "Co-production" in warnings
    assert "Ordered for an innovation at the idea stage." in page_text(at)
