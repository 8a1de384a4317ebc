"""Browser test of the innovator's journey against a real streamlit server (Playwright + Debian chromium).

Flow: create an assessment on Home, answer several questions, reload the page
and find every answer still selected, then open Results and find the radar
charts drawn in the browser.
"""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from playwright.sync_api import expect

from assessments.catalogue import bundled_frameworks
from assessments.models import Answer
from assessments.store import Store
from tests.browser.conftest import Server

pytestmark = pytest.mark.browser

ANSWERS = {
    0: "2 – Planned or partly addressed",
    1: "0 – Not yet considered",
    3: "Don't know",
    5: "3 – Addressed, with evidence",
}
"""Question position on the first SCIE screen -> option label to pick."""


def wait_idle(page: Any) -> None:
    """Wait until the app has finished its current rerun (the 'running' status widget is gone)."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'notRunning'"
        " && document.querySelectorAll('[data-testid=\"stRadioGroup\"]').length > 0",
        timeout=30_000,
    )
    page.wait_for_timeout(300)


def wait_saved(store: Store, assessment_id: str, count: int, timeout: float = 20.0) -> None:
    """Wait until the database (read by a second engine) holds ``count`` SCIE answers."""
    deadline = time.monotonic() + timeout
    saved: dict[str, Answer] = {}
    while time.monotonic() < deadline:
        saved = store.get_answers(assessment_id, "scie").get("scie", {})
        if len(saved) >= count:
            assert len(saved) == count, f"database holds {len(saved)} SCIE answers, expected {count}"
            return
        time.sleep(0.1)
    pytest.fail(f"after {timeout:.0f} s the database holds {len(saved)} SCIE answers, expected {count}")


def no_exception(page: Any) -> None:
    """Fail if Streamlit rendered an exception block."""
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]'
    ).first.inner_text()


def question_groups(page: Any) -> Any:
    """The answer radio groups of the questionnaire (numbered questions only)."""
    return page.locator('[data-testid="stRadioGroup"]')


def test_answers_survive_reload_and_results_draw_charts__ok(app_server: Server, page: Any) -> None:
    """Should keep every answer selected after a reload, and draw the results radar charts in the browser."""
    page.goto(app_server.url)
    page.get_by_role("tab", name="Start a new assessment").click()
    page.get_by_label("Innovation name (required)").fill("Browser journey innovation")
    page.get_by_label("Organisation").fill("Test organisation")
    page.get_by_role("radiogroup", name="Stage (required)").get_by_text("Pilot", exact=True).click()
    page.get_by_role("radiogroup", name="Your role (required)").get_by_text("Innovator", exact=True).click()
    page.get_by_role("button", name="Start assessment").click()

    page.wait_for_url(re.compile(r"/questionnaire\?.*a="))
    wait_idle(page)
    no_exception(page)
    assessment_id = re.search(r"[?&]a=([^&]+)", page.url).group(1)  # type: ignore[union-attr]
    groups = question_groups(page)
    assert groups.count() >= max(ANSWERS) + 1
    store = Store(app_server.database_url, frameworks=bundled_frameworks())
    try:
        section_size = len(bundled_frameworks()["scie"].sections[0].items)
        for count, (position, option) in enumerate(ANSWERS.items(), start=1):
            groups.nth(position).get_by_text(option, exact=True).click()
            wait_saved(store, assessment_id, count)
            wait_idle(page)
            # Each question is a fragment that reruns alone after an answer and redraws the
            # progress slots above the questions: the progress must follow every answer.
            shown = re.compile(rf"This section: {count} of {section_size} answered\b")
            expect(page.get_by_text(shown)).to_be_visible()
        page.get_by_text(re.compile(r"Saved at \d\d:\d\d:\d\d")).wait_for()
    finally:
        store.close()
    no_exception(page)

    page.reload()
    wait_idle(page)
    groups = question_groups(page)
    expect(groups).to_have_count(len(bundled_frameworks()["scie"].sections[0].items))
    no_exception(page)
    assert f"a={assessment_id}" in page.url
    for position, option in ANSWERS.items():
        # expect() retries until the rerun has rendered, then fails if the answer is not selected.
        expect(groups.nth(position).get_by_role("radio", name=option, exact=True)).to_be_checked()
    unanswered = [p for p in range(groups.count()) if p not in ANSWERS]
    for position in unanswered[:3]:
        expect(groups.nth(position).locator("input[type=radio]:checked")).to_have_count(0)

    page.goto(f"{app_server.url}/results?a={assessment_id}")
    page.get_by_role("heading", name="Suggested next steps").wait_for()
    page.locator(".sr-svg img").first.wait_for(state="visible")
    no_exception(page)
    assert page.locator(".sr-svg img:visible").count() == 3
    assert page.get_by_text("These are self-assessments").count() >= 1
    assert page.get_by_text(re.compile("priority gaps")).count() >= 1


NASSS_ANSWERS = {0: "Complex", 1: "Simple", 2: "Complicated"}
"""Question position on the NASSS organisation screen -> option label to pick."""


def test_section_and_answers_survive_reload_off_the_first_section__ok(app_server: Server, page: Any) -> None:
    """Should stay on the same (non-first) section after answering and reloading, with every answer selected.

    Regression: the section selector's labels once carried live counts ("0 of 5"); the browser
    sends a selectbox value back as its label, so after the first answer the stale label no
    longer matched and the page jumped back to the first section.
    """
    store = Store(app_server.database_url, frameworks=bundled_frameworks())
    try:
        from assessments.models import AssessmentMeta, Innovation

        assessment_id = store.create_assessment(Innovation(name="Reload off the first section"), AssessmentMeta())
        page.goto(f"{app_server.url}/questionnaire?a={assessment_id}&s=nasss.organisation")
        wait_idle(page)
        heading = page.get_by_role("heading", name=re.compile("Organisation"))
        expect(heading.first).to_be_visible()
        groups = question_groups(page)
        for count, (position, option) in enumerate(NASSS_ANSWERS.items(), start=1):
            groups.nth(position).get_by_text(option, exact=True).click()
            deadline = time.monotonic() + 20
            while len(store.get_answers(assessment_id, "nasss").get("nasss", {})) < count:
                assert time.monotonic() < deadline, "the answer was not saved"
                time.sleep(0.1)
            wait_idle(page)
            assert "s=nasss.organisation" in page.url, page.url
    finally:
        store.close()

    page.reload()
    wait_idle(page)
    assert "s=nasss.organisation" in page.url, page.url
    expect(page.get_by_role("heading", name=re.compile("Organisation")).first).to_be_visible()
    groups = question_groups(page)
    for position, option in NASSS_ANSWERS.items():
        expect(groups.nth(position).get_by_role("radio", name=option, exact=True)).to_be_checked()
    no_exception(page)


def test_note_and_evidence_saved_from_the_fragment__ok(app_server: Server, page: Any) -> None:
    """Should save a note and evidence typed under a question (fragment reruns) and show them after a reload."""
    store = Store(app_server.database_url, frameworks=bundled_frameworks())
    try:
        from assessments.models import AssessmentMeta, Innovation

        assessment_id = store.create_assessment(Innovation(name="Notes in the browser"), AssessmentMeta())
        scie = bundled_frameworks()["scie"]
        first = scie.sections[0]
        item = first.items[0].id
        page.goto(f"{app_server.url}/questionnaire?a={assessment_id}&s=scie.{first.id}&n=1")
        wait_idle(page)
        question_groups(page).first.get_by_text("Don't know", exact=True).click()
        # As a person would, type once the answer's save has come back: text typed into a box
        # while its question is being redrawn can be replaced by the redrawn box (Streamlit).
        deadline = time.monotonic() + 20
        while store.get_answers(assessment_id, "scie").get("scie", {}).get(item) is None:
            assert time.monotonic() < deadline, "the answer was not saved"
            time.sleep(0.1)
        wait_idle(page)
        note = page.get_by_label("Note (optional)").first
        note.fill("Ask the two pilot sites")
        note.press("Tab")  # a text area sends its value when it loses focus
        page.get_by_role("button", name="Research", exact=True).first.click()
        deadline = time.monotonic() + 20
        while True:
            saved = store.get_answers(assessment_id, "scie").get("scie", {}).get(item)
            if saved is not None and saved.note and saved.evidence:
                break
            assert time.monotonic() < deadline, f"note and evidence not saved: {saved}"
            time.sleep(0.1)
        assert (saved.value, saved.note, [e.value for e in saved.evidence]) == (
            "dont_know",
            "Ask the two pilot sites",
            ["research"],
        )
        wait_idle(page)
        expect(
            page.get_by_text(f"This section: 1 of {len(first.items)} answered, of which 1 don't know ·")
        ).to_be_visible()
    finally:
        store.close()

    page.reload()
    wait_idle(page)
    expect(page.get_by_label("Note (optional)").first).to_have_value("Ask the two pilot sites")
    expect(question_groups(page).first.get_by_role("radio", name="Don't know", exact=True)).to_be_checked()
    no_exception(page)
