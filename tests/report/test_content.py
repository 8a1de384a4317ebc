"""What the report says, before any PDF: flags in words, the chart's numbers, the method note's markup, the SVG."""

from __future__ import annotations

import datetime as dt

from assessments.charts.radar import radar_table
from assessments.models import Assessment, Flag, FlagCode, Framework
from assessments.report.content import build_report, flag_text
from assessments.report.document import esc, report_html
from assessments.report.markdown import inline, markdown_html
from assessments.report.radar_svg import RadarSeries, radar_svg
from assessments.scoring import score_assessment
from tests.report.conftest import HOSTILE_NAME


def test_flag_in_words_not_code__ok() -> None:
    """Should give a flag's title and message, never its code."""
    flag = Flag(code=FlagCode.NASSS_MULTIPLE_COMPLEX, message="2 domains rated complex.", severity="warning")
    got = flag_text(flag)
    assert (got.kind, got.title, got.message) == ("Warning", "Complex in several domains", "2 domains rated complex.")
    assert "NASSS_" not in f"{got.kind} {got.title} {got.message}"


def test_chart_table_has_the_screen_numbers__ok(
    follow_up: Assessment, baseline: Assessment, frameworks: dict[str, Framework], produced_on: dt.date
) -> None:
    """Should print, per spoke and series, the numbers the Results page's table shows (blank there = '—' here)."""
    report = build_report(follow_up, frameworks, earlier=[baseline], produced_on=produced_on)
    for part in report.parts:
        series = [(s.name, s.result) for s in part.series]
        screen = radar_table(part.framework, series)
        names = [s.name for s in part.series]
        start = part.radar_table.headings.index(names[0])
        for row, (_, expected) in zip(part.radar_table.rows, screen.iterrows(), strict=True):
            for offset, name in enumerate(names):
                value = expected[name]
                shown = "—" if value != value else (f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}")
                assert row[start + offset] == shown
            assert row[-1] == expected[f"{names[-1]}: reading"]


def test_changes_only_with_previous__ok(
    follow_up: Assessment, baseline: Assessment, frameworks: dict[str, Framework], produced_on: dt.date
) -> None:
    """Should list changes (and the details that changed) only when there is a previous assessment."""
    alone = build_report(follow_up, frameworks, produced_on=produced_on)
    assert alone.previous is None
    assert all(p.changes is None for p in alone.parts)
    paired = build_report(follow_up, frameworks, earlier=[baseline], produced_on=produced_on)
    assert paired.previous is not None
    assert all(p.changes is not None for p in paired.parts)
    assert sum(p.changed_answers for p in paired.parts) > 0


def test_html_escapes_typed_text__ok(follow_up: Assessment, frameworks: dict[str, Framework]) -> None:
    """Should escape a typed name everywhere it appears, so it never becomes markup."""
    html = report_html(build_report(follow_up, frameworks), frameworks)
    assert HOSTILE_NAME not in html
    assert esc(HOSTILE_NAME) in html
    assert "<b>Kestrel" not in html


def test_markdown_escapes_then_marks_up__ok() -> None:
    """Should escape HTML in the note, then add bold, italic, code and printable links."""
    assert inline("**Bold** and *it* `CODE` <x> [a](https://e.org)") == (
        "<strong>Bold</strong> and <em>it</em> <code>CODE</code> &lt;x&gt; a (https://e.org)"
    )
    html = markdown_html("# Title\n\nPara one\ncontinued.\n\n- item one\n  wrapped\n- item two\n## Sub")
    assert html == (
        "<h2>Title</h2>\n<p>Para one continued.</p>\n<ul><li>item one wrapped</li><li>item two</li></ul>\n<h3>Sub</h3>"
    )


def test_radar_svg_is_repeatable_and_follows_results__ok(
    follow_up: Assessment, baseline: Assessment, frameworks: dict[str, Framework]
) -> None:
    """Should give the same SVG for the same results, and a different one when the results differ."""
    fw = frameworks["nasss"]
    now = score_assessment(follow_up, frameworks).framework("nasss")
    before = score_assessment(baseline, frameworks).framework("nasss")
    one = radar_svg(fw, [RadarSeries("This one", now)])
    assert one.startswith("<?xml")
    assert one == radar_svg(fw, [RadarSeries("This one", now)])
    assert one != radar_svg(fw, [RadarSeries("This one", before)])
