"""The workbooks' native charts (issue 14): read back from the saved files' chart XML, and opened in real viewers.

Every check reads the saved package itself (the chart, drawing and sheet parts), not openpyxl's
objects, so it sees what Excel, LibreOffice and Gnumeric see. The Gnumeric and LibreOffice cases
run the real programs; CI sets REQUIRE_SPREADSHEETS, so there they fail rather than skip when missing
(the convention of tests/xlsx/test_other_writers.py).
"""

from __future__ import annotations

import gzip
import io
import math
import posixpath
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from openpyxl.utils.cell import range_to_tuple
from pypdf import PdfReader

from assessments.compare.candidates import Candidate
from assessments.compare.comparison import compare
from assessments.compare.workbook import build_comparison_workbook, comparison_workbook_bytes
from assessments.jsonfile import read_assessment_file
from assessments.methods import method_of
from assessments.methods.base import Axis
from assessments.models import Framework
from assessments.scoring import score_assessment
from assessments.xlsx.cells import read_text
from assessments.xlsx.chart_pages import A4_CM, ROW_HEIGHT_CM
from assessments.xlsx.charts import (
    CHART_WIDTH_CM,
    MAX_OVERLAID,
    ChartSeries,
    ChartTable,
    axis_step,
    chart_groups,
    profile_chart,
)
from assessments.xlsx.write import build_workbook, workbook_bytes
from tests.xlsx.spreadsheets import libreoffice_pdfs, spreadsheet_tool

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "data" / "examples").glob("*.json"))
NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
EMU_PER_CM = 360_000


@dataclass(frozen=True)
class SavedSeries:
    name_ref: str
    name_cache: str
    cat_ref: str
    cat_cache: tuple[str, ...]
    val_ref: str
    val_cache: dict[int, float]
    colour: str | None


@dataclass(frozen=True)
class SavedChart:
    part: str
    kind: str
    """radarChart or barChart."""
    title: tuple[str, ...]
    series: tuple[SavedSeries, ...]
    val_axis: ElementTree.Element
    cat_axis: ElementTree.Element


def _attr(parent: ElementTree.Element, path: str, name: str) -> str:
    """The ``name`` attribute of the element at ``path`` below ``parent`` (failing if either is missing)."""
    found = parent.find(path, NS)
    assert found is not None, f"no {path}"
    value = found.get(name)
    assert value is not None, f"{path} has no {name}"
    return value


def _strings(cache: ElementTree.Element | None) -> tuple[str, ...]:
    assert cache is not None, "no cached strings"
    points = {int(p.get("idx", "-1")): p.findtext("c:v", "", NS) for p in cache.findall("c:pt", NS)}
    count = int(_attr(cache, "c:ptCount", "val"))
    return tuple(points.get(i, "") for i in range(count))


def saved_charts(content: bytes) -> list[SavedChart]:
    """Every chart part of a saved workbook, as written."""
    out = []
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        for part in sorted(n for n in z.namelist() if n.startswith("xl/charts/chart")):
            root = ElementTree.fromstring(z.read(part))
            plot = root.find("c:chart/c:plotArea", NS)
            assert plot is not None
            kinds = [el for el in plot if el.tag.split("}")[1] in ("radarChart", "barChart")]
            assert len(kinds) == 1, part
            series = []
            for ser in kinds[0].findall("c:ser", NS):
                val_cache = ser.find("c:val/c:numRef/c:numCache", NS)
                assert val_cache is not None, f"{part}: values without a cache"
                series.append(
                    SavedSeries(
                        name_ref=ser.findtext("c:tx/c:strRef/c:f", "", NS),
                        name_cache=_strings(ser.find("c:tx/c:strRef/c:strCache", NS))[0],
                        cat_ref=ser.findtext("c:cat/c:strRef/c:f", "", NS),
                        cat_cache=_strings(ser.find("c:cat/c:strRef/c:strCache", NS)),
                        val_ref=ser.findtext("c:val/c:numRef/c:f", "", NS),
                        val_cache={
                            int(p.get("idx", "-1")): float(p.findtext("c:v", "nan", NS))
                            for p in val_cache.findall("c:pt", NS)
                        },
                        colour=next((c.get("val") for c in ser.iterfind("c:spPr//a:srgbClr", NS)), None),
                    )
                )
            title = tuple(
                "".join(t.text or "" for t in p.iterfind(".//a:t", NS))
                for p in root.iterfind("c:chart/c:title//a:p", NS)
            )
            val_axis, cat_axis = plot.find("c:valAx", NS), plot.find("c:catAx", NS)
            assert val_axis is not None and cat_axis is not None, part
            out.append(SavedChart(part, kinds[0].tag.split("}")[1], title, tuple(series), val_axis, cat_axis))
    return out


@dataclass(frozen=True)
class Anchor:
    sheet: str
    row: int
    """First row the chart covers (1-based)."""
    width_cm: float
    height_cm: float


def _part(target: str, base: str) -> str:
    """A relationship target as a part name: absolute ("/xl/...") or relative to ``base``."""
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))


def anchors_and_breaks(content: bytes) -> tuple[list[Anchor], dict[str, list[int]]]:
    """Where each chart is anchored, and each sheet's manual row breaks (a page starts after row ``id``)."""
    anchors, breaks = [], {}
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
        book_rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in book_rels.iterfind("rel:Relationship", NS)}
        for sheet in book.iterfind("main:sheets/main:sheet", NS):
            path = _part(targets[sheet.get(R_ID)], "xl")
            root = ElementTree.fromstring(z.read(path))
            name = sheet.get("name", "")
            breaks[name] = [int(b.get("id", "0")) for b in root.iterfind("main:rowBreaks/main:brk", NS)]
            drawing = root.find("main:drawing", NS)
            if drawing is None:
                continue
            rels_path = posixpath.join(posixpath.dirname(path), "_rels", posixpath.basename(path) + ".rels")
            rels = ElementTree.fromstring(z.read(rels_path))
            target = next(
                r.get("Target", "") for r in rels.iterfind("rel:Relationship", NS) if r.get("Id") == drawing.get(R_ID)
            )
            drawing_root = ElementTree.fromstring(z.read(_part(target, posixpath.dirname(path))))
            for anchor in drawing_root.iterfind("xdr:oneCellAnchor", NS):
                ext = anchor.find("xdr:ext", NS)
                assert ext is not None
                anchors.append(
                    Anchor(
                        name,
                        int(anchor.findtext("xdr:from/xdr:row", "0", NS)) + 1,
                        int(ext.get("cx", "0")) / EMU_PER_CM,
                        int(ext.get("cy", "0")) / EMU_PER_CM,
                    )
                )
    return anchors, breaks


def _candidates(frameworks: dict[str, Framework], count: int) -> list[Candidate]:
    """The bundled examples as candidates (repeated up to ``count``), each under its own name."""
    out: list[Candidate] = []
    for n in range(count):
        a = read_assessment_file(EXAMPLES[n % len(EXAMPLES)], frameworks)
        # A baseline and its follow-up share a name: tell every candidate apart, as a legend must.
        taken = {c.label for c in out}
        name = a.innovation.name if a.innovation.name not in taken else f"{a.innovation.name} ({n + 1})"
        a = a.model_copy(update={"innovation": a.innovation.model_copy(update={"name": name})})
        out.append(Candidate(key=f"k{n}", label=name, assessment=a, result=score_assessment(a, frameworks)))
    return out


@pytest.fixture(name="books", scope="module")
def _books(frameworks: dict[str, Framework]) -> dict[str, bytes]:
    example = read_assessment_file(EXAMPLES[0], frameworks)
    five = _candidates(frameworks, 5)
    return {
        "assessment": workbook_bytes(frameworks, example),
        "template": workbook_bytes(frameworks, None),
        "comparison": comparison_workbook_bytes(compare(five, frameworks), frameworks),
    }


def _cells(wb: openpyxl.Workbook, ref: str) -> list[object]:
    sheet, (min_col, min_row, max_col, max_row) = range_to_tuple(ref)
    assert min_col == max_col, f"{ref}: a chart range is one column"
    assert min_col is not None and min_row is not None and max_row is not None, f"{ref}: a bounded range"
    ws = wb[sheet]
    return [ws.cell(row=r, column=min_col).value for r in range(min_row, max_row + 1)]


def _cell(wb: openpyxl.Workbook, ref: str) -> object:
    sheet, coordinate = ref.rsplit("!", 1)
    if sheet.startswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return wb[sheet][coordinate.replace("$", "")].value


@pytest.mark.parametrize("book", ["assessment", "template", "comparison"])
def test_cached_values_equal_the_cells__ok(books: dict[str, bytes], book: str) -> None:
    """Should cache in every series exactly the values, spoke labels and name its cells hold."""
    content = books[book]
    wb = openpyxl.load_workbook(io.BytesIO(content))
    charts = saved_charts(content)
    assert charts
    numbers = 0
    for chart in charts:
        for s in chart.series:
            values = _cells(wb, s.val_ref)
            assert {i: float(v) for i, v in enumerate(values) if isinstance(v, int | float)} == s.val_cache, chart.part
            numbers += len(s.val_cache)
            assert [read_text(v) if v is not None else "" for v in _cells(wb, s.cat_ref)] == list(s.cat_cache)
            assert read_text(_cell(wb, s.name_ref)) == s.name_cache
    assert numbers > 0 or book == "template", "an example's charts plot its answers"


def _axis_of(chart: SavedChart, frameworks: dict[str, Framework]) -> Axis:
    """The method axis of the framework a chart belongs to (its title starts with the framework's short title)."""
    matches = [fw for fw in frameworks.values() if chart.title and chart.title[0].startswith(fw.short_title)]
    assert len(matches) == 1, chart.title
    method = method_of(matches[0])
    return method.axis(method.radar_level())


@pytest.mark.parametrize("book", ["assessment", "comparison"])
def test_every_axis_step_labelled__ok(books: dict[str, bytes], book: str, frameworks: dict[str, Framework]) -> None:
    """Should fix the radial axis to the method's range with a label at every step (0, 1, 2, 3 or every 25)."""
    for chart in saved_charts(books[book]):
        axis = _axis_of(chart, frameworks)
        values = chart.val_axis
        assert float(_attr(values, "c:scaling/c:min", "val")) == axis.low
        assert float(_attr(values, "c:scaling/c:max", "val")) == axis.high
        step = float(_attr(values, "c:majorUnit", "val"))
        assert step == axis_step(axis) and step in (1, 25)
        assert set(axis.tickvals) <= {axis.low + k * step for k in range(int((axis.high - axis.low) / step) + 1)}
        for ax in (values, chart.cat_axis):
            assert _attr(ax, "c:delete", "val") == "0"
            assert ax.findtext("c:tickLblPos", "nextTo", NS) != "none"
        assert _attr(values, "c:numFmt", "formatCode") == "0"
        assert chart.title[1] == axis.meaning, "the second title line says what the distance from the centre means"


@pytest.mark.parametrize("book", ["assessment", "template", "comparison"])
def test_charts_fit_the_printable_width__ok(books: dict[str, bytes], book: str) -> None:
    """Should make every chart at most 16 cm wide (A4 portrait leaves 17.2 cm between the default margins)."""
    anchors, _ = anchors_and_breaks(books[book])
    assert len(anchors) == len(saved_charts(books[book]))
    margins = 2 * 0.75 * 2.54
    for anchor in anchors:
        assert anchor.width_cm <= CHART_WIDTH_CM <= A4_CM[0] - margins
        assert 7 <= anchor.height_cm <= 12


@pytest.mark.parametrize("book", ["assessment", "template", "comparison"])
def test_no_page_break_inside_a_chart__ok(books: dict[str, bytes], book: str) -> None:
    """Should break pages only between charts, never across one, and start a Radar sheet's charts on a page of
    their own (the Summary's charts share the flags' last page: tests/xlsx/test_print.py checks the count)."""
    anchors, breaks = anchors_and_breaks(books[book])
    for anchor in anchors:
        last = anchor.row + math.ceil(anchor.height_cm / ROW_HEIGHT_CM) - 1
        assert not [b for b in breaks[anchor.sheet] if anchor.row <= b < last], anchor
    for sheet in {a.sheet for a in anchors} - {"Summary"}:
        first = min(a.row for a in anchors if a.sheet == sheet)
        assert first == 1 or first - 1 in breaks[sheet], f"{sheet}: the first chart does not start a page"


def test_radar_needs_three_spokes__ok() -> None:
    """Should draw two spokes as bars and three or more as a radar, with the same cached numbers."""
    axis = Axis(0, 3, (0, 1, 2, 3), ("0", "1", "2", "3"), "How well addressed", "Rating")

    def chart(spokes: int) -> object:
        labels = tuple(f"Spoke {n}" for n in range(spokes))
        series = ChartSeries("One", (1, 2), 2, tuple(float(n % 4) for n in range(spokes)))
        return profile_chart(ChartTable("S", 2, 1, labels, (series,)), axis, "T")

    assert type(chart(1)).__name__ == "BarChart"
    assert type(chart(2)).__name__ == "BarChart"
    assert type(chart(3)).__name__ == "RadarChart"


@pytest.mark.parametrize("book", ["assessment", "template", "comparison"])
def test_saved_radars_have_three_spokes__ok(books: dict[str, bytes], book: str) -> None:
    """Should hold no radar chart with fewer than three categories in the saved workbooks."""
    for chart in saved_charts(books[book]):
        if chart.kind == "radarChart":
            assert all(len(s.cat_cache) >= 3 for s in chart.series), chart.part


def test_chart_groups__ok() -> None:
    """Should split n series into consecutive groups of at most three, as even as can be, covering each once."""
    for n in range(1, 40):
        groups = chart_groups(n)
        assert [i for g in groups for i in g] == list(range(n))
        sizes = [len(g) for g in groups]
        assert max(sizes) <= MAX_OVERLAID and max(sizes) - min(sizes) <= 1
        assert len(groups) == math.ceil(n / MAX_OVERLAID)


@pytest.mark.parametrize("count", [1, 5, 7])
def test_comparison_small_multiples__ok(frameworks: dict[str, Framework], count: int) -> None:
    """Should overlay at most three innovations per chart, chart each innovation once per framework, and give
    an innovation the same colour in every chart."""
    candidates = _candidates(frameworks, count)
    charts = saved_charts(comparison_workbook_bytes(compare(candidates, frameworks), frameworks))
    assert all(1 <= len(c.series) <= MAX_OVERLAID for c in charts)
    for fw in frameworks.values():
        names = [s.name_cache for c in charts if c.title[0].startswith(fw.short_title) for s in c.series]
        assert sorted(names) == sorted(c.label for c in candidates)
    colours: dict[str, set[str | None]] = {}
    for chart in charts:
        for s in chart.series:
            colours.setdefault(s.name_cache, set()).add(s.colour)
    assert all(len(c) == 1 for c in colours.values())
    assert len({next(iter(c)) for c in colours.values()}) == min(count, 8)


def _chart_parts(content: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return sum(1 for n in z.namelist() if n.startswith("xl/charts/chart"))


def _gnumeric_graphs(ssconvert: str, content: bytes, tmp_path: Path, name: str) -> int:
    source, out = tmp_path / f"{name}.xlsx", tmp_path / f"{name}.gnumeric"
    source.write_bytes(content)
    proc = subprocess.run([ssconvert, str(source), str(out)], capture_output=True, text=True, timeout=180, check=False)
    assert proc.returncode == 0 and out.exists(), proc.stderr
    return gzip.decompress(out.read_bytes()).decode("utf-8").count("<gnm:SheetObjectGraph")


@pytest.mark.parametrize("book", ["assessment", "comparison"])
def test_gnumeric_loads_every_chart__ok(books: dict[str, bytes], book: str, tmp_path: Path) -> None:
    """Should have Gnumeric read every chart of the saved workbook."""
    ssconvert = spreadsheet_tool("ssconvert")
    assert _gnumeric_graphs(ssconvert, books[book], tmp_path, book) == _chart_parts(books[book]) > 0


def test_gnumeric_drops_charts_without_the_rewrite__ok(frameworks: dict[str, Framework], tmp_path: Path) -> None:
    """Should show why the package is rewritten: openpyxl's own output loses every chart in Gnumeric."""
    ssconvert = spreadsheet_tool("ssconvert")
    buffer = io.BytesIO()
    build_comparison_workbook(compare(_candidates(frameworks, 2), frameworks), frameworks).save(buffer)
    raw = buffer.getvalue()
    assert _chart_parts(raw) == 3
    assert _gnumeric_graphs(ssconvert, raw, tmp_path, "raw") == 0
    buffer = io.BytesIO()
    build_workbook(frameworks, None).save(buffer)
    assert _gnumeric_graphs(ssconvert, buffer.getvalue(), tmp_path, "raw_template") == 0


def _pdf_pages(content: bytes, tmp_path: Path, name: str) -> list[str]:
    pdf = libreoffice_pdfs({name: content}, tmp_path)[name]
    return [page.extract_text() for page in PdfReader(pdf).pages]


@pytest.mark.parametrize("book", ["assessment", "comparison"])
def test_libreoffice_draws_every_chart_whole__ok(books: dict[str, bytes], book: str, tmp_path: Path) -> None:
    """Should convert to PDF with LibreOffice, each chart's title on one page with its legend (a chart split
    across pages would leave its legend on the next page)."""
    pages = _pdf_pages(books[book], tmp_path, book)
    assert 1 <= len(pages) <= 80
    for chart in saved_charts(books[book]):
        needed = [chart.title[0], chart.title[1]]
        if len(chart.series) > 1:
            needed += [s.name_cache for s in chart.series]
        assert any(all(text in page for text in needed) for page in pages), f"{needed} not on one page"
