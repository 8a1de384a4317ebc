"""Tests for the pages' static charts: bars (narrow screens, fewer than three spokes), the SVG radar as an image,
and the comparison's grids as HTML tables."""

from __future__ import annotations

import base64
import html
import re
import xml.etree.ElementTree as ET

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.charts.html import (
    MIN_RADAR_SPOKES,
    RADAR_SCALE,
    SERIES_MARKS,
    bars_html,
    draws_radar,
    spoke_text,
    svg_img_html,
)
from assessments.charts.spokes import Level, radar_points, radar_spokes
from assessments.compare.candidates import Candidate
from assessments.compare.chart_data import MAX_OVERLAY, FactorMatrix, GridRow, factor_matrix
from assessments.compare.grids import factor_grid_html, nasss_grid_html
from assessments.examples import EXAMPLES_DIR
from assessments.jsonfile import read_assessment_file
from assessments.methods import method_of
from assessments.methods.complexity import LEVEL_COLOURS
from assessments.models import FrameworkResult
from assessments.report.radar_svg import RadarSeries, radar_svg
from assessments.scoring import score_assessment
from assessments.wording import STATUS_SHORT
from tests.chart_fixtures import READINESS_YAML, load, readiness_result
from tests.compare.scored import synthetic_candidates

READY = load(READINESS_YAML)
FRAMEWORKS = bundled_frameworks()
VIEWS = [("scie", "item"), ("scie", "section"), ("nasss", "auto"), ("sips", "auto")]
"""Every chart the Results page can show: SCIE per factor or per section, NASSS and SIPS per section."""


def _items(body: str) -> list[str]:
    return re.findall(r"<li>(.*?)</li>", body)


@pytest.mark.parametrize(("fid", "level"), VIEWS)
def test_no_radar_with_fewer_than_three_spokes__ok(fid: str, level: Level) -> None:
    """Should draw a radar only with three spokes or more: SCIE's two sections are bars."""
    framework = FRAMEWORKS[fid]
    spokes = len(radar_spokes(framework, level))
    assert draws_radar(framework, level) is (spokes >= MIN_RADAR_SPOKES)
    if (fid, level) == ("scie", "section"):
        assert spokes == 2 and not draws_radar(framework, "section")


def test_bars_one_row_per_spoke_gaps_not_zero__ok() -> None:
    """Should give each spoke a row with its reading, a bar as long as its value, and no bar for a gap."""
    result = readiness_result()
    body = bars_html(READY, [("Baseline", result)], level="item")
    rows = _items(body)
    spokes = radar_spokes(READY, "item")
    points = radar_points(READY, result, "item")
    assert len(rows) == len(spokes)
    for row, spoke, point in zip(rows, spokes, points, strict=True):
        assert spoke_text(spoke).replace("&", "&amp;") in row
        assert point.reading.replace("'", "&#x27;") in row
        widths = re.findall(r"width:([0-9.]+)%", row)
        if point.value is None or point.value == 0:
            assert widths == []  # a gap or a zero: an empty track, never a bar
        else:
            assert float(widths[0]) == pytest.approx(100 * point.value / 3, abs=0.1)


def test_bars_name_every_series_in_text__ok() -> None:
    """Should write each series' marker and name beside its bar when there are several (not colour alone)."""
    result = readiness_result()
    body = bars_html(READY, [("Before", result), ("<b>After</b>", result)], level="section")
    for row in _items(body):
        assert f"{SERIES_MARKS[0]} Before: " in row
        assert f"{SERIES_MARKS[1]} &lt;b&gt;After&lt;/b&gt;: " in row  # a typed name is shown as typed
        assert "<b>" not in row
        styles = re.findall(r"border-style:(\w+)", row)
        assert len(styles) == len(set(styles))  # each drawn bar of a row in its own border style


def test_bars_say_what_the_axis_means__ok() -> None:
    """Should caption the bars with the axis meaning and its two ends (NASSS: Simple to Complex)."""
    nasss = FRAMEWORKS["nasss"]
    body = bars_html(nasss, [])
    assert method_of(nasss).section_axis().meaning in body
    assert "from Simple to Complex" in body


@pytest.mark.parametrize(("fid", "level"), [v for v in VIEWS if v != ("scie", "section")])
def test_radar_labels_wrapped_and_all_present__ok(fid: str, level: Level) -> None:
    """Should write every spoke's label in the SVG radar, on lines of at most 22 characters."""
    framework = FRAMEWORKS[fid]
    result = _example_result(fid)
    svg = radar_svg(framework, [RadarSeries("Now", result)], level=level)
    lines = [t for t in (_svg_texts(svg)) if t.strip()]
    for spoke in radar_spokes(framework, level):
        words = spoke_text(spoke).split()
        joined = " ".join(lines)
        assert " ".join(words) in joined or all(w in joined for w in words), spoke.label
    long = [line for line in lines if len(line) > 22 and line != "Now"]
    assert long == []


def test_svg_img_scales_to_a_legible_size__ok() -> None:
    """Should carry the SVG unchanged as a data URI with its alt text, growing at most RADAR_SCALE times."""
    svg = radar_svg(FRAMEWORKS["nasss"], [RadarSeries("Now", _example_result("nasss"))])
    body = svg_img_html(svg, alt='Radar "NASSS" <now>', css_class="sr-chart-wide")
    data = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', body)
    assert data is not None and base64.b64decode(data.group(1)).decode("utf-8") == svg
    assert 'alt="Radar &quot;NASSS&quot; &lt;now&gt;"' in body
    width = re.search(r'width="([0-9.]+)pt"', svg)
    max_width = re.search(r"max-width:([0-9]+)px", body)
    assert width is not None and max_width is not None
    width_pt, max_px = float(width.group(1)), float(max_width.group(1))
    assert max_px == pytest.approx(width_pt * 4 / 3 * RADAR_SCALE, abs=1)
    assert 'class="sr-svg sr-chart-wide"' in body
    with pytest.raises(ValueError):
        svg_img_html("<p>not svg</p>", alt="x")


def test_nasss_grid_words_in_every_cell__ok() -> None:
    """Should write each level in its cell, on that level's colour, one row per innovation, names escaped."""
    nasss = FRAMEWORKS["nasss"]
    n = len(nasss.sections)
    rows = [
        GridRow("<i>Alpha</i>", ("complex",) * n, n, (False,) * n),
        GridRow("Beta", ("simple",) + ("unknown",) * (n - 1), 0, (True,) + (False,) * (n - 1)),
    ]
    body = nasss_grid_html(rows, nasss)
    cells = re.findall(r'<td data-label="([^"]*)" style="background:#(\w+)">([^<]*)</td>', body)
    assert len(cells) == 2 * n
    assert [c[0] for c in cells[:n]] == [s.label.replace("&", "&amp;") for s in nasss.sections]
    assert cells[0][1:] == (LEVEL_COLOURS["complex"], "complex")
    assert cells[n][1:] == (LEVEL_COLOURS["simple"], "at least simple")
    assert cells[n + 1][1:] == (LEVEL_COLOURS["unknown"], "unknown")
    assert "&lt;i&gt;Alpha&lt;/i&gt; (7 complex)" in body and "<i>" not in body
    assert "font-size: 1rem" in body  # the page's body size, not a chart's small print


def test_factor_grid_says_why_a_cell_is_grey__ok() -> None:
    """Should write the rating, or "don't know" / "n/a" / "—" on grey, in every cell."""
    matrix = FactorMatrix(
        item_ids=("a", "b"),
        item_labels=("★ P1 Alpha", "Beta"),
        candidate_labels=("One", "Two"),
        values=((3, None), (0, None)),
        statuses=(("answered", "dont_know"), ("answered", "not_applicable")),
        max_value=3,
    )
    body = factor_grid_html(matrix, title="SCIE")
    cells = re.findall(r'style="background:#(\w+)">([^<]*)</td>', body)
    grey = LEVEL_COLOURS["unknown"]
    texts = [html.unescape(text) for _, text in cells]
    assert texts == ["3", STATUS_SHORT["dont_know"], "0", STATUS_SHORT["not_applicable"]]
    assert [colour for colour, _ in cells][1::2] == [grey, grey]
    assert cells[0][0] != cells[2][0]  # 3 and 0 differ in colour as well as in the number


def test_factor_grid_marks_priorities_one_column_each__ok() -> None:
    """Should head priority factors' rows "★ P<n>", write a rating or its reason in every cell, and keep one
    column per innovation even when long names differ only at the end."""
    scie = FRAMEWORKS["scie"]
    cands = synthetic_candidates(FRAMEWORKS, 3)
    long = "A very long innovation name that goes on and on (Illustrative example – "
    cands[1] = Candidate(key="b", label=long + "baseline)", assessment=cands[1].assessment, result=cands[1].result)
    cands[2] = Candidate(key="c", label=long + "follow-up)", assessment=cands[2].assessment, result=cands[2].result)
    body = factor_grid_html(factor_matrix(cands, scie))
    rows = [html.unescape(r) for r in re.findall(r'<th scope="row">([^<]*)</th>', body)]
    assert sum(1 for r in rows if r.startswith("★ P")) == sum(1 for i in scie.items.values() if i.priority)
    columns = [html.unescape(c) for c in re.findall(r'<th scope="col">([^<]*)</th>', body)][1:]
    assert columns == [c.label for c in cands]
    cells = {html.unescape(t) for t in re.findall(r'style="background:#\w+">([^<]*)</td>', body)}
    assert cells <= {"0", "1", "2", "3", *STATUS_SHORT.values()}


def _svg_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg.encode("utf-8"))
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


def _example_result(fid: str) -> FrameworkResult:
    path = sorted(EXAMPLES_DIR.glob("*follow_up.json"))[0]
    return score_assessment(read_assessment_file(path, FRAMEWORKS), FRAMEWORKS).framework(fid)


@pytest.mark.parametrize(("count", "pictures"), [(MAX_OVERLAY, 1), (MAX_OVERLAY + 1, MAX_OVERLAY + 1)])
def test_compare_radar_overlay_then_one_each__ok(count: int, pictures: int) -> None:
    """Should overlay up to six innovations on one radar and give each its own beyond, with bars for phones."""
    from ui.compare_charts import radar_html

    body = radar_html(FRAMEWORKS["scie"], synthetic_candidates(FRAMEWORKS, count))
    alts = re.findall(r'<img [^>]*alt="([^"]*)"', body)
    assert len(alts) == pictures
    if pictures > 1:
        assert [a.split(": ", 1)[1].split(".")[0] for a in alts] == [f"Inno {n}" for n in range(count)]
    narrow = body[body.index('class="sr-bars sr-chart-narrow"') :]
    first = _items(narrow)[0]
    assert [f"Inno {n}: " in first for n in range(count)] == [True] * count
