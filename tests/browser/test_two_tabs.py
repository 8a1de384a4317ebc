"""Browser test of two tabs on the same question (Playwright + Debian chromium against a real streamlit server).

Tab 1 changes the rating; tab 2, not reloaded and still showing the old rating, adds a note:
both are kept. Tab 2 then changes the rating too: it is told, with both ratings, that tab 1
changed it meanwhile, and "Use mine" saves its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from assessments.catalogue import bundled_frameworks
from assessments.models import Answer, AssessmentMeta, Innovation
from assessments.store import Store
from tests.browser.conftest import Server
from tests.browser.test_journey import no_exception, question_groups, wait_idle

pytestmark = pytest.mark.browser

SCIE = bundled_frameworks()["scie"]
FIRST = SCIE.sections[0]
ITEM = FIRST.items[0].id
LABEL = {o.id: o.label for o in SCIE.options(ITEM)}


@pytest.fixture(name="tabs")
def _tabs(chromium: Any) -> Iterator[tuple[Any, Any]]:
    """Two pages of one browser context: two tabs of one person's browser."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    try:
        tab1, tab2 = context.new_page(), context.new_page()
        for tab in (tab1, tab2):
            tab.set_default_timeout(30_000)
        yield tab1, tab2
    finally:
        context.close()


def wait_stored(store: Store, aid: str, check: Callable[[Answer | None], bool], timeout: float = 20.0) -> Answer | None:
    """Wait until the stored answer (read by a second engine) passes ``check``; return it."""
    deadline = time.monotonic() + timeout
    while True:
        saved = store.get_answers(aid, "scie").get("scie", {}).get(ITEM)
        if check(saved):
            return saved
        assert time.monotonic() < deadline, f"the stored answer is {saved}"
        time.sleep(0.1)


def test_two_tabs_keep_both_changes_and_show_a_conflict__ok(app_server: Server, tabs: tuple[Any, Any]) -> None:
    """Should keep tab 1's rating and tab 2's note, then show tab 2 the conflict on the rating and save its choice."""
    tab1, tab2 = tabs
    store = Store(app_server.database_url, frameworks=bundled_frameworks())
    try:
        aid = store.create_assessment(Innovation(name="Two tabs"), AssessmentMeta())
        url = f"{app_server.url}/questionnaire?a={aid}&s=scie.{FIRST.id}&n=1"
        for tab in (tab1, tab2):
            tab.goto(url)
            wait_idle(tab)

        question_groups(tab1).first.get_by_text(LABEL["partly_addressed"], exact=True).click()
        wait_stored(store, aid, lambda a: a is not None and a.value == "partly_addressed")
        wait_idle(tab1)

        # Tab 2 still shows no rating; its note must not undo tab 1's rating.
        expect(question_groups(tab2).first.locator("input[type=radio]:checked")).to_have_count(0)
        note = tab2.get_by_label("Note (optional)").first
        note.fill("Ask the two pilot sites")
        note.press("Tab")  # a text area sends its value when it loses focus
        both = wait_stored(store, aid, lambda a: a is not None and a.note == "Ask the two pilot sites")
        assert both == Answer(value="partly_addressed", note="Ask the two pilot sites")
        wait_idle(tab2)
        expect(tab2.get_by_text("Not saved:")).to_have_count(0)

        # Tab 2 changes the rating it never saw change: a conflict, nothing written.
        question_groups(tab2).first.get_by_text(LABEL["addressed"], exact=True).click()
        box = tab2.locator('[data-testid="stAlertContentWarning"]').filter(has_text="Not saved:")
        expect(box).to_be_visible()
        text = box.inner_text()
        assert f"theirs “{LABEL['partly_addressed']}”" in text and f"yours “{LABEL['addressed']}”" in text, text
        assert store.get_answers(aid, "scie")["scie"][ITEM] == both
        keep = tab2.get_by_role("button", name="Keep theirs")
        mine = tab2.get_by_role("button", name="Use mine")
        expect(keep).to_be_visible()
        expect(mine).to_be_visible()
        no_exception(tab2)

        mine.focus()
        tab2.keyboard.press("Enter")  # the choice works from the keyboard
        wait_stored(store, aid, lambda a: a is not None and a.value == "addressed")
        assert store.get_answers(aid, "scie")["scie"][ITEM] == Answer(value="addressed", note="Ask the two pilot sites")
        expect(box).to_have_count(0)
        expect(question_groups(tab2).first.get_by_role("radio", name=LABEL["addressed"], exact=True)).to_be_checked()
        for tab in (tab1, tab2):
            no_exception(tab)
    finally:
        store.close()
