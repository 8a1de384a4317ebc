"""Browser test: printing a page from the browser (Ctrl+P) gives its content, not the app's chrome.

Chromium prints the Results page of an example follow-up to PDF with print media, as a person's
"Print" or "Save as PDF" does. Before ui/printing.py the sidebar's menu printed on the first page and
the main area was cut after one screen; now the menu and the buttons are gone and every section of
the page is there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.examples import load_examples
from assessments.store import Store
from tests.browser.conftest import Server, settled
from tests.report.pdfread import reader

pytestmark = pytest.mark.browser


def test_results_prints_content_without_menu__ok(app_server: Server, page: Any, tmp_path: Path) -> None:
    """Should print every framework's section and the next steps, and none of the menu or buttons."""
    store = Store(app_server.database_url, frameworks=bundled_frameworks())
    try:
        follow_up = next(i for i in load_examples(store) if "follow" in store.get_summary(i).label.lower())
        name = store.get_summary(follow_up).innovation_name
    finally:
        store.close()
    page.set_default_timeout(60_000)
    page.goto(f"{app_server.url}/results?a={follow_up}")
    settled(page, pause_ms=2000)
    page.emulate_media(media="print")
    out = tmp_path / "printed.pdf"
    page.pdf(path=str(out), format="A4")
    pages = [p.extract_text() or "" for p in reader(out.read_bytes()).pages]
    whole = " ".join(" ".join(pages).split())
    assert name in whole
    for heading in ("Overview", "Scaling factors", "NASSS", "SIPS", "Suggested next steps"):
        assert heading in whole, heading
    # The menu (sidebar) and the download buttons are screen furniture, not content.
    for furniture in ("Excel import and export", "Share and history", "Download PDF report", "Download CSV"):
        assert furniture not in whole, furniture
    assert 3 <= len(pages) <= 14
