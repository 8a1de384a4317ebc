"""The panel pack read back as a panel member's PDF reader and a screen reader would: tags, language, pages, text.

Two packs are made once each: the five illustrative examples (one renamed to typed markup and a
formula) with an ordering inside SCIE, and twenty synthetic assessments without an ordering.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessments.compare.candidates import Candidate, candidate_label, unique_labels
from assessments.compare.comparison import CAVEAT, Comparison, compare
from assessments.jsonfile import read_assessment_file
from assessments.models import ROLE_LABELS, STAGE_LABELS, Assessment, Framework
from assessments.report.panel import build_pack, chunks
from assessments.report.panel_charts import small_chart
from assessments.report.panel_html import panel_html, panel_pdf
from assessments.scoring import score_assessment
from assessments.wording import SELF_ASSESSMENT_NOTE
from bench.compare import synthetic_assessment
from tests.report.conftest import EXAMPLES
from tests.report.pdfread import catalog, dictionary, figure_alts, language, reader, text

HOSTILE = '**bold** <img src=x> =HYPERLINK("x")'
A4 = (595, 842)
PRODUCED_ON = dt.date(2026, 1, 5)


def _candidates(assessments: Sequence[Assessment], frameworks: dict[str, Framework]) -> list[Candidate]:
    labels = unique_labels([candidate_label(a) for a in assessments])
    return [
        Candidate(key=f"c{n}", label=label, assessment=a, result=score_assessment(a, frameworks))
        for n, (a, label) in enumerate(zip(assessments, labels, strict=True))
    ]


@pytest.fixture(name="five", scope="module")
def _five(frameworks: dict[str, Framework]) -> Comparison:
    """The five illustrative examples, the first renamed to markup and a formula, ordered inside SCIE."""
    read = [read_assessment_file(p, frameworks) for p in sorted(EXAMPLES.glob("*.json"))]
    first = read[0]
    read[0] = first.model_copy(update={"innovation": first.innovation.model_copy(update={"name": HOSTILE})})
    return compare(_candidates(read, frameworks), frameworks, order="scie", weights={"scie.external": 3})


@pytest.fixture(name="twenty", scope="module")
def _twenty(frameworks: dict[str, Framework]) -> Comparison:
    rng = random.Random(11)
    return compare(_candidates([synthetic_assessment(frameworks, rng, n) for n in range(20)], frameworks), frameworks)


@pytest.fixture(name="pdf5", scope="module")
def _pdf5(five: Comparison, frameworks: dict[str, Framework]) -> PdfReader:
    return reader(panel_pdf(five, frameworks, produced_on=PRODUCED_ON))


@pytest.fixture(name="pdf20", scope="module")
def _pdf20(twenty: Comparison, frameworks: dict[str, Framework]) -> PdfReader:
    return reader(panel_pdf(twenty, frameworks, produced_on=PRODUCED_ON))


def page_texts(pdf: PdfReader) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in pdf.pages]


def candidate_starts(pdf: PdfReader, comparison: Comparison) -> list[int]:
    """The 0-based page on which each candidate's part starts (its name, then its details table)."""
    pages = page_texts(pdf)
    starts = []
    for c in comparison.candidates:
        # The page header repeats the name; the part opens with the name and "Innovation <name>".
        opening = f"{c.label} Innovation {c.assessment.innovation.name}"
        found = [i for i, t in enumerate(pages) if opening in t]
        assert len(found) == 1, (c.label, found)
        starts.append(found[0])
    return starts


@pytest.mark.parametrize("which", ["pdf5", "pdf20"])
def test_pack_is_tagged_a4_with_language__ok(which: str, request: pytest.FixtureRequest) -> None:
    """Should be a tagged PDF (structure tree, marked content) in British English on A4, every page numbered."""
    pdf: PdfReader = request.getfixturevalue(which)
    root = catalog(pdf)
    assert "/StructTreeRoot" in root
    assert bool(dictionary(root["/MarkInfo"])["/Marked"])
    assert language(pdf) == "en-GB"
    pages = len(pdf.pages)
    for number, (page, words) in enumerate(zip(pdf.pages, page_texts(pdf), strict=True), start=1):
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4
        assert f"Page {number} of {pages}" in words


@pytest.mark.parametrize(("which", "comparison"), [("pdf5", "five"), ("pdf20", "twenty")])
def test_page_count_overview_then_a_part_per_candidate__ok(
    which: str, comparison: str, request: pytest.FixtureRequest, frameworks: dict[str, Framework]
) -> None:
    """Should print the overview, then each candidate's part from a new page, in the comparison's order."""
    pdf: PdfReader = request.getfixturevalue(which)
    c: Comparison = request.getfixturevalue(comparison)
    starts = candidate_starts(pdf, c)
    overview = starts[0]
    # cover, screen, tiers, one or two pages of profiles per framework, weights and method (the note is long)
    assert 4 + len(frameworks) <= overview <= 10 + 2 * len(frameworks) + len(c.candidates) // 2
    spans = [b - a for a, b in zip(starts, [*starts[1:], len(pdf.pages)], strict=True)]
    assert all(1 <= span <= 3 for span in spans), spans
    assert len(pdf.pages) == overview + sum(spans)


def test_every_section_is_present__ok(pdf5: PdfReader, five: Comparison, frameworks: dict[str, Framework]) -> None:
    """Should print the cover, caveat, screen, tiers, ordering, profiles, grids, weights and method, and each part."""
    words = text(pdf5)
    assert "PANEL PACK" in words  # set in capitals by the style sheet
    expected = [
        "Comparison of 5 innovations",
        "Made on 2026-01-05",
        "How to read this pack",
        " ".join(SELF_ASSESSMENT_NOTE.split()[:12]),
        " ".join(CAVEAT.split()[:12]),
        "The screen: what no other framework can offset",
        "Which innovations raise which warnings",
        "Dominance tiers",
        "Tiers and their ranges",
        "Ordering inside SCIE scaling factors (your editorial choice)",
        "Weights used by the ordering",
        "Weights, caveats and method",
        "Comparing innovations",
        "NASSS complexity grid: level of each domain",
        "SCIE scaling factors: rating per innovation",
        "SIPS-based planning: the numbers in the charts",
    ]
    expected += [f"Profiles: {fw.title}" for fw in frameworks.values()]
    for cand in five.candidates:
        expected += [cand.label, f"Innovation {cand.assessment.innovation.name}"]
    missing = [e for e in expected if " ".join(e.split()) not in words]
    assert missing == []
    assert words.count("Screen warnings") == len(five.candidates)
    assert words.count("Coverage") >= len(five.candidates)


def test_candidates_listed_with_labels__ok(pdf5: PdfReader, five: Comparison) -> None:
    """Should list each candidate on the cover with its date, stage and assessor role as labels, never ids."""
    cover = page_texts(pdf5)[0]
    for cand in five.candidates:
        meta = cand.assessment.assessment
        assert meta.assessed_on is not None and meta.stage is not None and meta.assessor_role is not None
        assert cand.label in cover
        # the row's cells in order: date, stage and role as people read them (not "pilot", "provider")
        assert f"{meta.assessed_on.isoformat()} {STAGE_LABELS[meta.stage]} {ROLE_LABELS[meta.assessor_role]}" in cover


def test_typed_markup_prints_as_text__ok(pdf5: PdfReader, five: Comparison, frameworks: dict[str, Framework]) -> None:
    """Should print a name holding Markdown, HTML and a formula exactly as typed, and never as markup."""
    assert HOSTILE in text(pdf5)
    html = panel_html(build_pack(five, frameworks, produced_on=PRODUCED_ON))
    assert "<img src=x>" not in html and "&lt;img src=x&gt;" in html


def test_grids_in_words__ok(pdf5: PdfReader) -> None:
    """Should write NASSS levels and the absence of a SCIE rating in words in the cells (never colour alone)."""
    words = text(pdf5)
    for word in ("Complex", "Complicated", "At least", "Don't know", "Not answered"):
        assert word in words, word


def test_charts_have_text_alternatives__ok(pdf5: PdfReader, five: Comparison, frameworks: dict[str, Framework]) -> None:
    """Should tag every small chart as a figure whose text alternative names the framework and the candidate."""
    alts = figure_alts(pdf5)
    expected = 2 * sum(1 for c in five.candidates for fid in frameworks if c.framework_result(fid) is not None)
    assert len(alts) == expected  # once side by side, once on the candidate's own page
    for cand in five.candidates:
        for fw in frameworks.values():
            assert sum(f"{fw.short_title} for {cand.label}:" in a for a in alts) == 2


def test_twenty_candidates_tables_cut_readably__ok(pdf20: PdfReader) -> None:
    """Should cut the SCIE factors into tables of at most six candidates, and say no weights were used."""
    words = text(pdf20)
    assert "rating per innovation (table 4 of 4)" in words
    assert "rating per innovation (table 5 of" not in words
    assert "no weights were used" in words


def test_chunks_even__ok() -> None:
    """Should cut 20 into 5+5+5+5 and 7 into 4+3, never leaving one candidate alone at the end."""
    assert [len(r) for r in chunks(20, 6)] == [5, 5, 5, 5]
    assert [len(r) for r in chunks(7, 6)] == [4, 3]
    assert [len(r) for r in chunks(6, 6)] == [6]
    assert list(chunks(0, 6)) == []


def test_two_spokes_drawn_as_bars__ok(five: Comparison, frameworks: dict[str, Framework]) -> None:
    """Should draw a framework of two spokes as named bars, never as a two-spoke radar."""
    sips = frameworks["sips"]
    two = sips.model_copy(update={"sections": sips.sections[:2]})
    result = five.candidates[0].framework_result("sips")
    assert result is not None
    chart = small_chart(two, "Somebody", result)
    assert chart.alt.startswith("Bar chart of") and not chart.numbered
    assert all(s.label in chart.svg for s in two.sections)
    radar = small_chart(sips, "Somebody", result)
    assert radar.alt.startswith("Radar chart of") and radar.numbered


def test_docs_describe_the_pack__ok() -> None:
    """Should document the panel pack and its command in docs/reports.md."""
    docs = (Path(__file__).resolve().parents[2] / "docs" / "reports.md").read_text(encoding="utf-8")
    assert "## The panel pack" in docs and "--pdf" in docs
