"""The report as a tagged PDF (PDF/UA-1, A4, language en-GB), written by WeasyPrint without any network access."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from weasyprint import HTML
from weasyprint.urls import URLFetcher

from assessments.models import Assessment, Framework
from assessments.report.content import build_report
from assessments.report.document import report_html

PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF with a structure tree, document language and text alternatives (PDF/UA-1)."""


class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """Fetches only ``data:`` addresses (the report embeds its charts); refuses and records anything else.

    The report's fonts come from this computer (fontconfig) and its pictures are embedded, so a
    request for anything else, such as an address typed into a note, is never sent.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data"})
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> Any:
        """Fetch a ``data:`` address; raise ValueError for anything else (WeasyPrint then leaves it out)."""
        if not url.startswith("data:"):
            self.refused.append(url)
            raise ValueError(f"the report fetches nothing from outside: {url[:80]}")
        return super().fetch(url, headers)


def html_pdf(html: str) -> bytes:
    """Any report HTML as a tagged A4 PDF, fetching nothing from outside."""
    fetcher = LocalOnlyFetcher()
    document = HTML(string=html, url_fetcher=fetcher, base_url="data:,")
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
    return pdf


def report_pdf(
    assessment: Assessment,
    frameworks: Mapping[str, Framework],
    *,
    earlier: Sequence[Assessment] = (),
    produced_on: dt.date | None = None,
) -> bytes:
    """The printed report of one assessment as PDF bytes.

    Args:
        assessment: The assessment reported on.
        frameworks: The app's frameworks by id.
        earlier: Earlier assessments of the same innovation, oldest first (the last is "the previous").
        produced_on: The report's date (default: today).

    Returns:
        The PDF.
    """
    report = build_report(assessment, frameworks, earlier=earlier, produced_on=produced_on)
    return html_pdf(report_html(report, frameworks))
