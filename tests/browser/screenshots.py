"""The README's screenshots, taken from the running app: ``python -m tests.browser.screenshots``.

Serves app.py (single-user, a temporary database holding the illustrative examples) and saves
docs/images/innovator.png (the questionnaire, SCIE's innovation factors, of an example) and
docs/images/commissioner.png (Compare over the examples). Run it again after changing those pages.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from assessments.catalogue import bundled_frameworks
from assessments.jsonfile import read_assessment_file
from assessments.store import Store
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, REPO, free_port, start_server, stop_server, wait_healthy

if TYPE_CHECKING:
    from playwright.sync_api import Page, ViewportSize

IMAGES = REPO / "docs" / "images"
EXAMPLES = REPO / "data" / "examples"
VIEWPORT: ViewportSize = {"width": 1280, "height": 860}


def _settle(page: Page) -> None:
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
    page.wait_for_timeout(2500)


def main() -> int:
    """Take both screenshots; return 0."""
    from playwright.sync_api import sync_playwright

    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url_db = f"sqlite:///{tmp}/shots.db"
        store = Store(url_db, frameworks=bundled_frameworks())
        try:
            # The examples saved as this computer's own assessments (editable, and Compare's own candidates).
            frameworks = bundled_frameworks()
            ids = [store.save_assessment(read_assessment_file(f, frameworks)) for f in sorted(EXAMPLES.glob("*.json"))]
            pilot = next(i for i in ids if "follow" in store.get_summary(i).label.lower())
        finally:
            store.close()
        port = free_port()
        env = {**os.environ, "DATABASE_URL": url_db, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
        log = Path(tmp) / "streamlit.log"
        process = start_server(REPO / "app.py", port, env, log)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, process, log)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport=VIEWPORT)
                page.set_default_timeout(60_000)
                page.goto(f"{url}/questionnaire?a={pilot}&s=scie.innovation")
                _settle(page)
                page.screenshot(path=str(IMAGES / "innovator.png"))
                page.goto(f"{url}/compare")
                _settle(page)
                # What a commissioner reads first once candidates are picked: the screen and the profiles.
                heading = page.get_by_role("heading", name="Profiles, framework by framework")
                heading.evaluate("h => h.scrollIntoView({block: 'start'})")
                page.wait_for_timeout(1500)
                page.screenshot(path=str(IMAGES / "commissioner.png"))
                browser.close()
        finally:
            stop_server(process)
    print(f"wrote {IMAGES / 'innovator.png'} and {IMAGES / 'commissioner.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
