"""Browser test of the Details screen: a change is saved without a button, so leaving the screen loses nothing."""

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


def test_details_change_survives_next_and_back__ok(app_server: Server, page: Any) -> None:
    """Should keep a changed Organisation after going to the next screen and back, with no save button pressed."""
    store = Store(app_server.database_url, frameworks=bundled_frameworks())
    try:
        aid = store.create_assessment(Innovation(name="Details trap", organisation="Old name"), AssessmentMeta())
        page.goto(f"{app_server.url}/questionnaire?a={aid}&s=details")
        settled(page, 300)
        assert page.get_by_role("button", name="Save details").count() == 0
        box = page.get_by_label("Organisation")
        box.fill("Riverside Care CIC")
        box.press("Tab")  # a text box sends its value when it loses focus
        deadline = time.monotonic() + 45  # the blur-commit saves on a busy machine too
        while store.get_assessment(aid).innovation.organisation != "Riverside Care CIC":
            assert time.monotonic() < deadline, "the organisation was not saved"
            time.sleep(0.1)
        settled(page, 300)
        page.get_by_role("link", name="Next:").first.click()
        settled(page, 300)
        assert "s=details" not in page.url
        page.go_back()
        settled(page, 300)
        expect(page.get_by_label("Organisation")).to_have_value("Riverside Care CIC")
        no_exception(page)
    finally:
        store.close()


def test_text_typed_then_reloaded_is_kept_with_a_warning__ok(app_server: Server, page: Any) -> None:
    """Should warn before a reload while typed text is unsent, and send it, so the text is saved, not lost."""
    store = Store(app_server.database_url, frameworks=bundled_frameworks())
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.type)
        time.sleep(1)  # a person reads the warning before choosing to leave
        dialog.accept()

    page.on("dialog", on_dialog)
    try:
        aid = store.create_assessment(Innovation(name="Typed then reloaded"), AssessmentMeta())
        page.goto(f"{app_server.url}/questionnaire?a={aid}&s=details")
        settled(page, 300)
        box = page.get_by_role("textbox", name="Short description")
        box.click()
        page.keyboard.type("Day support in three villages")
        page.reload()  # without leaving the box first
        settled(page, 300)
        assert dialogs == ["beforeunload"]
        deadline = time.monotonic() + 45  # the blur-commit saves on a busy machine too
        while store.get_assessment(aid).innovation.description != "Day support in three villages":
            assert time.monotonic() < deadline, "the typed description was lost"
            time.sleep(0.1)
        expect(page.get_by_role("textbox", name="Short description")).to_have_value("Day support in three villages")
    finally:
        store.close()
