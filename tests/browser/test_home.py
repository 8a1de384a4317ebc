"""Browser test of Home's list: a click on a row chooses that assessment (the table is not just a picture)."""

from __future__ import annotations

import re
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


def test_click_on_a_row_chooses_it__ok(app_server: Server, page: Any) -> None:
    """Should put the clicked row's assessment in the picker and enable its buttons."""
    store = Store(app_server.database_url, frameworks=bundled_frameworks())
    try:
        for name in ("Shared lives", "Night-time sensors", "Café homeshare"):
            store.create_assessment(Innovation(name=name), AssessmentMeta())
            time.sleep(0.05)  # distinct change times: the list is newest first
    finally:
        store.close()
    page.goto(app_server.url)
    table = page.locator('[data-testid="stDataFrame"]').first
    expect(table).to_be_visible(timeout=60_000)  # a first page load on a busy machine
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    open_button = page.get_by_test_id("stBaseButton-primary").filter(has_text="Open").first
    expect(open_button).to_be_disabled()
    page.wait_for_timeout(2000)  # the grid draws on a canvas after the element appears
    box = table.bounding_box()
    assert box is not None
    # Rows are 35 px under a 35 px header; newest first, so the second row is "Night-time sensors".
    page.mouse.click(box["x"] + 120, box["y"] + 35 + 35 + 17)
    expect(open_button).to_be_enabled(timeout=20_000)
    expect(page.get_by_role("combobox", name="Choose an assessment")).to_have_value(
        re.compile(r"^Night-time sensors · \d{4}-\d{2}-\d{2}$")
    )
    no_exception(page)
