"""Keyboard only: answer a question, move to the next screen and reach Results without a mouse (WCAG 2.1.1)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import expect

from assessments.catalogue import bundled_frameworks
from assessments.models import AssessmentMeta, Innovation
from assessments.store import Store
from tests.browser.conftest import Server, settled
from tests.browser.test_journey import no_exception

pytestmark = pytest.mark.browser

MAX_TABS = 80
"""How many Tab presses a person would need at most to reach anything on one screen."""


def _focused(page: Any) -> dict[str, str]:
    return dict(
        page.evaluate(
            "() => { const e = document.activeElement;"
            " return {tag: e.tagName, type: e.type || '', text: (e.innerText || '').trim(),"
            " href: e.getAttribute('href') || '', checked: String(!!e.checked)}; }"
        )
    )


def _tab_to(page: Any, wanted: Any, what: str) -> dict[str, str]:
    """Press Tab until the focused element satisfies ``wanted``; fail naming ``what`` if it never does."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if wanted(focused):
            return focused
    pytest.fail(f"{what} could not be reached with {MAX_TABS} presses of Tab")


def test_answer_next_and_results_by_keyboard__ok(app_server: Server, page: Any) -> None:
    """Should save an answer chosen with Space, follow 'Next' with Enter, and open Results from the menu with Enter."""
    store = Store(app_server.database_url, frameworks=bundled_frameworks())
    try:
        aid = store.create_assessment(Innovation(name="Keyboard only"), AssessmentMeta())
        first = bundled_frameworks()["scie"].sections[0]
        page.goto(f"{app_server.url}/questionnaire?a={aid}&s=scie.{first.id}")
        settled(page)
        _tab_to(page, lambda f: f["tag"] == "INPUT" and f["type"] == "radio", "an answer option")
        page.keyboard.press("Space")
        deadline = time.monotonic() + 20
        while not store.get_answers(aid, "scie").get("scie"):
            assert time.monotonic() < deadline, "the answer chosen with Space was not saved"
            time.sleep(0.1)
        settled(page)
        _tab_to(page, lambda f: f["tag"] == "A" and "Next:" in f["text"], "the 'Next' link")
        page.keyboard.press("Enter")
        settled(page)
        assert f"s=scie.{first.id}" not in page.url, page.url
        page.keyboard.press("Home")
        _tab_to(page, lambda f: f["tag"] == "A" and f["href"].endswith("/results"), "Results in the menu")
        page.keyboard.press("Enter")
        settled(page)
        assert "/results" in page.url, page.url
        expect(page.get_by_role("heading", name="Keyboard only")).to_be_visible()
        no_exception(page)
    finally:
        store.close()
