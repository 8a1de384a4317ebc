"""Browser test of the compare page against a real streamlit server (Playwright + Debian chromium).

Flow: load the illustrative examples into the server's database, open the
compare page, choose the illustrative examples (they are never mixed with real
candidates), and find the ranking, the caveat and the plotly charts drawn in
the browser (radar per framework; the NASSS grid and SCIE heatmap tabs).
"""

from __future__ import annotations

from typing import Any

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.examples import load_examples
from assessments.store import Store
from tests.browser.conftest import Server

pytestmark = pytest.mark.browser


def no_exception(page: Any) -> None:
    """Fail if Streamlit rendered an exception block."""
    blocks = page.locator('[data-testid="stException"]')
    assert blocks.count() == 0, blocks.first.inner_text()


def test_compare_examples_draws_charts__ok(app_server: Server, page: Any) -> None:
    """Should show the caveat, the ranking and every comparison chart for the examples."""
    store = Store(app_server.database_url, frameworks=bundled_frameworks())
    try:
        load_examples(store)
        expected = len(store.list_assessments(latest_only=True, examples=True))
    finally:
        store.close()
    page.goto(f"{app_server.url}/compare")
    page.get_by_text("not a validated score").first.wait_for(state="visible")
    page.get_by_text("Nothing to compare yet").first.wait_for(state="visible")  # no real candidates
    page.get_by_text("Illustrative examples", exact=True).first.click()
    page.get_by_text("Weighted ranking").first.wait_for(state="visible")
    page.locator(".js-plotly-plot .main-svg").first.wait_for(state="visible")
    no_exception(page)
    radars = len(bundled_frameworks())
    assert page.locator(".js-plotly-plot").count() >= radars
    # one legend entry (trace) per compared innovation on the first (overlaid) radar
    traces = page.locator(".js-plotly-plot").first.locator("g.legend g.traces")
    assert traces.count() == expected
    page.get_by_role("tab", name="NASSS grid").click()
    page.get_by_role("tab", name="SCIE factors").click()
    page.wait_for_timeout(500)
    visible = page.locator(".js-plotly-plot:visible")
    assert visible.count() >= 1
    no_exception(page)
