"""Browser test of the Details screen: a change is saved without a button, so leaving the screen loses nothing."""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import expect

from assessments.catalogue import bundled_frameworks
from assessments.models import AssessmentMeta, Innovation
from assessments.store import Store
from tests.browser.conftest import Server
from tests.browser.test_journey import no_exception

pytestmark = pytest.mark.browser


def _settled(page: Any) -> None:
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=30_000)
    page.wait_for_timeout(300)


def test_details_change_survives_next_and_back__ok(app_server: Server, page: Any) -> None:
    """Should keep a changed Organisation after going to the next screen and back, with no save button pressed."""
    store = Store(app_server.database_url, frameworks=bundled_frameworks())
    try:
        aid = store.create_assessment(Innovation(name="Details trap", organisation="Old name"), AssessmentMeta())
        page.goto(f"{app_server.url}/questionnaire?a={aid}&s=details")
        _settled(page)
        assert page.get_by_role("button", name="Save details").count() == 0
        box = page.get_by_label("Organisation")
        box.fill("Riverside Care CIC")
        box.press("Tab")  # a text box sends its value when it loses focus
        deadline = time.monotonic() + 20
        while store.get_assessment(aid).innovation.organisation != "Riverside Care CIC":
            assert time.monotonic() < deadline, "the organisation was not saved"
            time.sleep(0.1)
        _settled(page)
        page.get_by_role("link", name="Next:").first.click()
        _settled(page)
        assert "s=details" not in page.url
        page.go_back()
        _settled(page)
        expect(page.get_by_label("Organisation")).to_have_value("Riverside Care CIC")
        no_exception(page)
    finally:
        store.close()
