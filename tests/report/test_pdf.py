"""The printed report read back as a person's PDF reader and a screen reader would: tags, language, pages, text."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from assessments.guidance import next_steps
from assessments.models import Assessment, Framework
from assessments.report.pdf import LocalOnlyFetcher, html_pdf, report_pdf
from assessments.scoring import score_assessment
from assessments.wording import SELF_ASSESSMENT_NOTE
from tests.report.conftest import HOSTILE_NAME, HOSTILE_NOTE
from tests.report.pdfread import catalog, dictionary, figure_alts, language, reader, text

A4 = (595, 842)
"""A4 in PDF points (210 x 297 mm), rounded."""


@pytest.fixture(name="pdf", scope="module")
def _pdf(
    follow_up: Assessment, baseline: Assessment, frameworks: dict[str, Framework], produced_on: dt.date
) -> PdfReader:
    return reader(report_pdf(follow_up, frameworks, earlier=[baseline], produced_on=produced_on))


@pytest.fixture(name="pdf_text", scope="module")
def _pdf_text(pdf: PdfReader) -> str:
    return text(pdf)


def test_pdf_is_tagged_with_language__ok(pdf: PdfReader) -> None:
    """Should be a tagged PDF (structure tree, marked content) in British English, as PDF/UA-1 asks."""
    root = catalog(pdf)
    assert "/StructTreeRoot" in root
    assert bool(dictionary(root["/MarkInfo"])["/Marked"])
    assert language(pdf) == "en-GB"


def test_pages_are_a4_and_numbered__ok(pdf: PdfReader, frameworks: dict[str, Framework]) -> None:
    """Should print on A4, a cover and overview plus at least one page per framework, each numbered 'Page N of M'."""
    pages = len(pdf.pages)
    assert 2 + len(frameworks) + 3 <= pages <= 30
    for number, page in enumerate(pdf.pages, start=1):
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4
        assert f"Page {number} of {pages}" in " ".join((page.extract_text() or "").split())


def test_every_section_is_present__ok(pdf_text: str, frameworks: dict[str, Framework]) -> None:
    """Should print the cover details, caveat, overview, each framework's parts, next steps, method and sources."""
    expected = [
        "Assessment date 2025-11-17",
        "Stage Pilot",
        "Assessor Pilot project manager (fictional)",
        "Assessor role Innovator",
        " ".join(SELF_ASSESSMENT_NOTE.split()[:12]),
        "Overview",
        "Suggested next steps",
        "How the results are worked out",
        "Sources",
        "What changed since the assessment of 10 March 2025",
        "Evidence behind the answers",
        "Written answers and notes",
    ]
    for fw in frameworks.values():
        expected += [fw.title, f"{fw.short_title}: the numbers in the chart", fw.citation.text[:60]]
    missing = [e for e in expected if " ".join(e.split()) not in pdf_text]
    assert missing == []


def test_flags_and_steps_in_words__ok(pdf_text: str, follow_up: Assessment, frameworks: dict[str, Framework]) -> None:
    """Should print every flag by its title and message, and every next step's title."""
    result = score_assessment(follow_up, frameworks)
    flags = [f for fr in result.results for f in fr.flags]
    assert flags, "the example should raise flags"
    for flag in flags:
        assert f"{flag.code.label}: {' '.join(flag.message.split())[:50]}" in pdf_text
    for step in next_steps(result, frameworks):
        assert " ".join(step.title.split()) in pdf_text


def test_charts_have_text_alternatives__ok(pdf: PdfReader, frameworks: dict[str, Framework]) -> None:
    """Should tag each framework's radar as a figure whose text alternative names the framework."""
    alts = figure_alts(pdf)
    assert len(alts) == len(frameworks)
    for fw, alt in zip(frameworks.values(), alts, strict=True):
        assert alt.startswith(f"Radar chart of {fw.short_title} results, with 1 earlier assessment(s) overlaid")
        assert "table after the chart" in alt


def test_typed_markup_prints_as_typed__ok(pdf_text: str) -> None:
    """Should print a name and a note holding HTML as the characters typed, never as markup."""
    assert HOSTILE_NAME in pdf_text
    # A table cell may wrap the note anywhere, so compare without white space.
    assert "".join(HOSTILE_NOTE.split()) in "".join(pdf_text.split())


def test_report_without_earlier_has_no_changes__ok(
    follow_up: Assessment, frameworks: dict[str, Framework], produced_on: dt.date
) -> None:
    """Should leave out 'what changed' when there is no earlier assessment, and name no earlier one."""
    got = text(reader(report_pdf(follow_up, frameworks, produced_on=produced_on)))
    assert "What changed since" not in got
    assert "Earlier assessments of this innovation" not in got
    assert "Report produced 2026-01-05" in got


def test_fetcher_refuses_outside_addresses__fails() -> None:
    """Should refuse, and record, any address that is not data: (nothing is fetched from a network or disk)."""
    fetcher = LocalOnlyFetcher()
    for url in ("http://example.invalid/a.png", "https://example.invalid/a.css", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="fetches nothing from outside"):
            fetcher.fetch(url)
    assert fetcher.refused == [
        "http://example.invalid/a.png",
        "https://example.invalid/a.css",
        "file:///etc/passwd",
    ]
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


def test_html_with_outside_image_still_renders__ok() -> None:
    """Should render a document naming an outside image without fetching it (the image is left out)."""
    html = '<html lang="en-GB"><body><p>Before</p><img src="http://example.invalid/x.png" alt="x"><p>After</p></body></html>'
    got = text(reader(html_pdf(html)))
    assert "Before" in got
    assert "After" in got
