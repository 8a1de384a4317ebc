"""Browser test: the Results page's "Download PDF report" and "Download CSV" buttons give real files.

A person opens an example follow-up's results in chromium, presses each button, and gets a
tagged PDF naming the innovation (made only when pressed) and a CSV with one row per answer.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.examples import load_examples
from assessments.store import Store
from tests.browser.conftest import Server
from tests.report.pdfread import language, reader, text

pytestmark = pytest.mark.browser


def test_results_downloads_pdf_and_csv__ok(app_server: Server, chromium: Any, tmp_path: Path) -> None:
    """Should download the PDF report and the answers CSV of the assessment shown."""
    store = Store(app_server.database_url, frameworks=bundled_frameworks())
    try:
        ids = load_examples(store)
        follow_up = next(i for i in ids if "follow" in store.get_summary(i).label.lower())
        name = store.get_summary(follow_up).innovation_name
    finally:
        store.close()
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(f"{app_server.url}/results?a={follow_up}")
        button = page.get_by_role("button", name="Download PDF report")
        button.wait_for(state="visible")
        with page.expect_download() as pdf_download:
            button.click()
        pdf_path = tmp_path / "report.pdf"
        pdf_download.value.save_as(pdf_path)
        assert pdf_download.value.suggested_filename.endswith(".pdf")
        got = reader(pdf_path.read_bytes())
        assert language(got) == "en-GB"
        assert name in text(got)

        with page.expect_download() as csv_download:
            page.get_by_role("button", name="Download CSV (answers)").click()
        csv_path = tmp_path / "answers.csv"
        csv_download.value.save_as(csv_path)
        rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"), newline="")))
        assert {r["assessment_id"] for r in rows} == {follow_up}
        page.screenshot(path=str(tmp_path / "results.png"))
    finally:
        context.close()
