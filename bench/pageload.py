"""Full page loads in chromium: each page of the app against a bare page with the same navigation.

``python -m bench.pageload [--runs N]``

What is measured: a fresh browser context (no cache, no session) opens the page's URL, and the
clock stops when Streamlit reports the script finished and nothing is still loading (no skeleton,
no running indicator). That is what a person waits for after following a link or reloading.

Baseline, measured in the same run on the same machine: a bare app (``st.navigation`` over pages
with the same titles and URL paths, each page only a title) served by a second Streamlit process.
Its load is what Streamlit itself costs; the ratio says what the app adds on top. The app runs
against a temporary SQLite database holding the bundled illustrative examples, and the pages open
the first example (the Results and Questionnaire pages need one). The same example files are also
saved as the workspace's own assessments, so Home lists them and Compare opens with them picked
(its first-time pick ticks every innovation of a small workspace): an empty Compare page would
measure nothing of its charts.

Targets (issue 15): Results and Compare within 2x the bare page, the other pages within 1.5x.
Output: per page, the median and spread of N loads, for the app and the bare page, and the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from assessments.catalogue import bundled_frameworks
from assessments.examples import EXAMPLES_DIR, load_examples
from assessments.jsonfile import read_assessment_file
from assessments.store import Store
from bench._fixtures import REPO, free_port, start_server, stop_server

CHROMIUM = "/usr/bin/chromium"
TARGETS = {"results": 2.0, "compare": 2.0}
"""Ratio targets per page; the other pages: :data:`DEFAULT_TARGET`."""
DEFAULT_TARGET = 1.5

BARE_SCRIPT = """
import streamlit as st

def page(title):
    def show():
        st.title(title)
    return show

PAGES = {PAGES!r}
st.set_page_config(page_title="Bare", layout="wide")
st.navigation(
    [st.Page(page(title), title=title, url_path=path, default=path == "") if path else
     st.Page(page(title), title=title, default=True) for path, title in PAGES]
).run()
"""

PAGES = [
    ("", "Home"),
    ("questionnaire", "Questionnaire"),
    ("results", "Results"),
    ("compare", "Compare"),
    ("excel", "Excel import and export"),
    ("method", "Scoring method"),
]


def _settle_ms(page: Any, url: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stSkeletonElement],[data-testid=stAppSkeleton],"
        "[data-testid=stStatusWidget]')",
        timeout=60_000,
    )
    return (time.perf_counter() - start) * 1000


def _loads(browser: Any, url: str, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            samples.append(_settle_ms(context.new_page(), url))
        finally:
            context.close()
    return samples


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table; 0 when every ratio is within its target, else 1."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="loads per page and server (median reported)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        url = f"sqlite:///{tmp / 'bench.db'}"
        store = Store(url, frameworks=bundled_frameworks())
        example = load_examples(store)[0]
        for example_file in sorted(EXAMPLES_DIR.glob("*.json")):  # the workspace's own: Compare's candidates
            store.save_assessment(read_assessment_file(example_file, store.frameworks), source="bench")
        store.close()
        bare = tmp / "bare.py"
        bare.write_text(BARE_SCRIPT.replace("{PAGES!r}", repr(PAGES)), encoding="utf-8")
        app_port, bare_port = free_port(), free_port()
        app = start_server(REPO / "app.py", app_port, {"DATABASE_URL": url}, tmp / "app.log", [])
        try:
            baseline = start_server(bare, bare_port, {}, tmp / "bare.log", [])
            try:
                with sync_playwright() as pw:
                    browser = pw.chromium.launch(
                        executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
                    )
                    try:
                        rows = []
                        for path, title in PAGES:
                            query = f"?a={example}" if path in ("questionnaire", "results") else ""
                            # One warm-up load each: the first load of a page imports its modules.
                            _loads(browser, f"http://127.0.0.1:{app_port}/{path}{query}", 1)
                            _loads(browser, f"http://127.0.0.1:{bare_port}/{path}", 1)
                            ours = _loads(browser, f"http://127.0.0.1:{app_port}/{path}{query}", args.runs)
                            base = _loads(browser, f"http://127.0.0.1:{bare_port}/{path}", args.runs)
                            rows.append((title, ours, base, TARGETS.get(path, DEFAULT_TARGET)))
                    finally:
                        browser.close()
            finally:
                stop_server(baseline)
        finally:
            stop_server(app)
    print(f"Full page loads in chromium, median of {args.runs} fresh loads (ms); bare = same navigation, title only")
    print(f"{'page':<26}{'app':>9}{'(min-max)':>16}{'bare':>9}{'ratio':>8}{'target':>8}  ok")
    failed = 0
    for title, ours, base, target in rows:
        ratio = statistics.median(ours) / statistics.median(base)
        ok = ratio <= target
        failed += not ok
        spread = f"({min(ours):.0f}-{max(ours):.0f})"
        print(
            f"{title:<26}{statistics.median(ours):>9.0f}{spread:>16}{statistics.median(base):>9.0f}"
            f"{ratio:>7.2f}x{target:>7.1f}x  {'yes' if ok else 'NO'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
