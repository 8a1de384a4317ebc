"""Browser test of the compare page against a real streamlit server (Playwright + Debian chromium).

Flow: load the illustrative examples into the server's database, open the
compare page, choose the illustrative examples (they are never mixed with real
candidates), and find the caveat, the mixed-stage warning, the charts of the
profiles (a static SVG radar per framework; the NASSS grid and SCIE factor
tables), the screen, the dominance tiers and no ranking; then ask for an
ordering inside SCIE and find it labelled as an editorial choice, and open the
method text (docs/scoring.md, "Comparing innovations") with its worked example.
Set COMPARE_SHOTS=/some/folder to save screenshots of the page while it runs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.examples import load_examples
from assessments.store import Store
from tests.browser.conftest import Server

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("COMPARE_SHOTS")
"""A folder to save screenshots of the page in (for looking at it), or unset."""


def no_exception(page: Any) -> None:
    """Fail if Streamlit rendered an exception block."""
    blocks = page.locator('[data-testid="stException"]')
    assert blocks.count() == 0, blocks.first.inner_text()


def shot(page: Any, name: str, *, screens: int = 1) -> None:
    """Save ``screens`` screenshots scrolling down the page's main area (only when COMPARE_SHOTS is set)."""
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for n in range(screens):
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{n}.png"))
        page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollBy(0, 900)")
        page.wait_for_timeout(300)


def test_compare_examples_profiles_screen_tiers__ok(app_server: Server, page: Any) -> None:
    """Should show the caveat, the warnings, every profile chart, the screen and the tiers, and order on request."""
    store = Store(app_server.database_url, frameworks=bundled_frameworks())
    try:
        load_examples(store)
        expected = len(store.list_assessments(latest_only=True, examples=True))
    finally:
        store.close()
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_server.url}/compare")
    page.get_by_text("not a validated score").first.wait_for(state="visible")
    page.get_by_text("Nothing to compare yet").first.wait_for(state="visible")  # no real candidates
    page.get_by_text("Illustrative examples", exact=True).first.click()
    page.get_by_text("Dominance tiers").first.wait_for(state="visible")
    page.locator(".sr-svg img").first.wait_for(state="visible")
    no_exception(page)
    assert page.get_by_text("The candidates are at different stages").count() >= 1
    assert page.get_by_text("Which innovations raise which warnings").count() >= 1
    assert page.get_by_text("Weighted ranking").count() == 0
    radars = page.locator(".sr-svg img:visible")
    assert radars.count() == len(bundled_frameworks())
    for n in range(radars.count()):  # drawn (a broken image has no natural width) and named for a screen reader
        assert radars.nth(n).evaluate("img => img.complete && img.naturalWidth > 0")
        assert radars.nth(n).get_attribute("alt", timeout=1000).startswith("Radar chart of")
    # every compared innovation is on the first framework's chart (its bars, shown on narrow screens)
    first_spoke = page.locator(".sr-chart-narrow li").first.locator(".sr-reading")
    assert first_spoke.count() == expected
    shot(page, "1-page", screens=12)
    page.get_by_role("tab", name="NASSS grid").click()
    page.wait_for_timeout(500)
    assert page.locator(".sr-grid:visible tbody tr").count() == expected  # one row per innovation
    page.get_by_role("tab", name="NASSS grid").scroll_into_view_if_needed()
    shot(page, "2-nasss-grid", screens=2)
    page.get_by_role("tab", name="SCIE factors").click()
    page.wait_for_timeout(500)
    visible = page.locator(".sr-grid:visible")
    assert visible.count() == 1
    assert visible.locator("tbody tr").count() == sum(
        item.type == "choice" for item in bundled_frameworks()["scie"].items.values()
    )
    no_exception(page)
    page.get_by_text("Order the innovations inside one framework").first.wait_for(state="visible")
    chooser = page.locator('[data-testid="stSelectbox"]').filter(has_text="Order the innovations inside one framework")
    chooser.locator("input").click()
    page.keyboard.type("SCIE")  # filters the options to SCIE's, as a person typing does
    page.keyboard.press("Enter")
    page.get_by_text("your own editorial choice").first.wait_for(state="visible")
    page.get_by_text("Your weights").first.wait_for(state="visible")
    no_exception(page)
    page.get_by_text("Order the innovations inside one framework").first.scroll_into_view_if_needed()
    shot(page, "3-ordering", screens=3)
    page.get_by_text("How this comparison is worked out").first.click()  # the method text of docs/scoring.md
    page.get_by_text("Worked example").first.wait_for(state="visible")
    page.get_by_text("Worked example").first.scroll_into_view_if_needed()
    shot(page, "4-method", screens=2)
