"""Tests for the pages' radar (assessments.report.radar_svg), read back from its SVG: values at their distance
from the centre, gaps never drawn as zero, series told apart by more than colour, priorities and scales in text,
and every small multiple on the same scale."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest

from assessments.charts.radar import SERIES_COLOURS
from assessments.compare.chart_data import MAX_OVERLAY
from assessments.models import Framework
from assessments.report.radar_svg import RadarSeries, radar_svg
from tests.chart_fixtures import (
    COMPLEXITY_YAML,
    READINESS_YAML,
    complexity_result,
    load,
    readiness_result,
)
from tests.compare.scored import synthetic_candidates

READY = load(READINESS_YAML)
CX = load(COMPLEXITY_YAML)
NS = "{http://www.w3.org/2000/svg}"
HREF = "{http://www.w3.org/1999/xlink}href"
GRID = "stroke: #bbbbbb"


@dataclass(frozen=True)
class Drawn:
    """One series as drawn: its line's path and style, its marker's outline and where its markers are."""

    path: str
    style: str
    marker: str
    points: tuple[tuple[float, float], ...]


def _root(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))


def _series(svg: str) -> list[Drawn]:
    """The plotted series, in order (grid lines have no markers; the legend's keys are not clipped to the plot)."""
    root = _root(svg)
    outlines = {p.get("id"): p.get("d", "") for p in root.iter(f"{NS}path") if p.get("id")}
    drawn = []
    for group in root.iter(f"{NS}g"):
        path = group.find(f"{NS}path")
        uses = list(group.iter(f"{NS}use"))
        if not (group.get("id") or "").startswith("line2d_") or path is None or not uses or not path.get("clip-path"):
            continue
        points = tuple((float(u.get("x", "nan")), float(u.get("y", "nan"))) for u in uses)
        drawn.append(Drawn(path.get("d", ""), path.get("style", ""), outlines[uses[0].get(HREF, "")[1:]], points))
    return drawn


def _grid(svg: str) -> tuple[tuple[float, float], list[float]]:
    """The centre (where the spokes start) and the radii of the rings, innermost first."""
    paths = [p for p in _root(svg).iter(f"{NS}path") if GRID in p.get("style", "") and p.get("clip-path")]
    first = [tuple(float(n) for n in p.get("d", "").split()[1:3]) for p in paths]
    spokes = [xy for p, xy in zip(paths, first, strict=True) if "C" not in p.get("d", "")]
    cx, cy = spokes[0]
    rings = sorted(round(cy - y, 3) for p, (_, y) in zip(paths, first, strict=True) if "C" in p.get("d", ""))
    return (cx, cy), rings


def _radii(svg: str, drawn: Drawn) -> list[float]:
    (cx, cy), _ = _grid(svg)
    return [((x - cx) ** 2 + (y - cy) ** 2) ** 0.5 for x, y in drawn.points]


def _texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in _root(svg).iter(f"{NS}text")]


def test_values_drawn_and_gaps_left_out__ok() -> None:
    """Should put each value at its distance from the centre, a 0 at the centre, and nothing for don't know or
    unanswered (a break in the line, never a point at zero); unfilled, closed back to the first spoke."""
    svg = radar_svg(READY, [RadarSeries("Baseline", readiness_result())], level="item")
    (drawn,) = _series(svg)
    _, rings = _grid(svg)
    unit = rings[-1] / 3  # the outer ring is the top tick, 3
    # Spokes: evidence 1, complexity don't know, vision 3, funding 0, networks unanswered; then evidence again.
    assert [r / unit for r in _radii(svg, drawn)] == pytest.approx([1, 3, 0, 1], abs=0.01)
    assert drawn.path.count("M") > 1  # the line breaks at the gaps
    assert "fill: none" in drawn.style


def test_priorities_and_scale_in_words__ok() -> None:
    """Should mark priority factors in the spoke's text and label the NASSS rings Simple, Complicated, Complex."""
    ready = _texts(radar_svg(READY, [RadarSeries("Baseline", readiness_result())], level="item"))
    assert {"Evidence [P7]", "Complexity [P1]", "Vision", "Funding [P3]", "Networks"} <= set(ready)
    svg = radar_svg(CX, [RadarSeries("Now", complexity_result({"c_nature": "complex", "t_features": "simple"}))])
    assert {"Simple", "Complicated", "Complex"} <= set(_texts(svg))
    (drawn,) = _series(svg)
    assert "fill: none" in drawn.style  # a bigger NASSS shape is not a filled "better" area


def test_series_differ_by_line_and_marker__ok() -> None:
    """Should tell overlaid series apart by line style and marker as well as colour, and name each in the legend."""
    names = [f"Series {n}" for n in range(len(SERIES_COLOURS))]
    svg = radar_svg(READY, [RadarSeries(name, readiness_result()) for name in names], level="item")
    drawn = _series(svg)
    assert len(drawn) == len(names)
    dashes = [re.search(r"stroke-dasharray: ([^;]+)", d.style) for d in drawn]
    dash_of = [m.group(1) if m else "solid" for m in dashes]
    assert len(set(dash_of[:MAX_OVERLAY])) == MAX_OVERLAY  # every overlay the Compare page draws
    assert len({d.marker for d in drawn}) == len(names)
    assert len({re.search(r"stroke: (#\w+)", d.style).group(1) for d in drawn}) == len(names)  # type: ignore[union-attr]
    assert set(names) <= set(_texts(svg))


@pytest.mark.parametrize("fid", ["scie", "nasss", "sips"])
def test_small_multiples_share_one_scale__ok(frameworks: dict[str, Framework], fid: str) -> None:
    """Should draw every innovation's own radar beyond six on the same radial scale, so shapes compare."""
    from ui.compare_charts import radar_html

    body = radar_html(frameworks[fid], synthetic_candidates(frameworks, MAX_OVERLAY + 1))
    pictures = [
        base64.b64decode(d).decode("utf-8") for d in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', body)
    ]
    assert len(pictures) == MAX_OVERLAY + 1
    assert len({tuple(_grid(svg)[1]) for svg in pictures}) == 1
