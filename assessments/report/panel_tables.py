"""HTML tables and small charts of the panel pack: any table, the profiles side by side, the NASSS grid and SCIE factors.

Every cell is escaped text. Where a cell has a colour (a NASSS level, a SCIE rating) the level or
rating is written in it too, so nothing is carried by colour alone. Tables with a column per
candidate are cut into tables of at most :data:`CANDIDATES_PER_TABLE` candidates, so names stay
readable across A4.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from assessments.compare.chart_data import factor_matrix, nasss_grid, radar_data
from assessments.compare.comparison import Comparison
from assessments.methods import method_of
from assessments.methods.complexity import LEVEL_COLOURS
from assessments.methods.readiness import RATING_COLOURS
from assessments.models import Framework
from assessments.report.document import esc
from assessments.report.panel import PanelPack, chunks, spoke_names
from assessments.report.panel_charts import Chart

CANDIDATES_PER_TABLE = 6
"""Most candidates side by side in one table with a column per candidate."""
LEVEL_WORDS = {"simple": "Simple", "complicated": "Complicated", "complex": "Complex", "unknown": "Not known yet"}
STATUS_WORDS = {"dont_know": "Don't know", "not_applicable": "Not applicable", "unanswered": "Not answered"}

Cell = tuple[str, str]
"""A cell's text and its CSS class ("" for none)."""


def cell_text(value: Any) -> str:
    """A value as a cell's text: "—" for nothing, whole numbers without ".0"."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:.1f}"
    return str(value)


def html_table(
    headings: Sequence[str],
    rows: Sequence[Sequence[Cell | Any]],
    caption: str,
    *,
    css: str = "",
    numeric: Sequence[int] = (),
    row_header: int = 0,
) -> str:
    """A table with a caption, column headings and row headings (by default the first cell of each row).

    Args:
        headings: The column headings.
        rows: Cells: a ``(text, class)`` pair or any value (shown by :func:`cell_text`).
        caption: The table's caption.
        css: Classes of the table.
        numeric: Columns set right-aligned.
        row_header: The column whose cells head their rows (what a screen reader announces with each cell).
    """
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headings)
    body = []
    for row in rows:
        cells = []
        for col, cell in enumerate(row):
            text, cls = cell if isinstance(cell, tuple) else (cell_text(cell), "")
            classes = " ".join(c for c in (cls, "num" if col in numeric else "") if c)
            attr = f' class="{classes}"' if classes else ""
            tag = 'th scope="row"' if col == row_header else "td"
            cells.append(f"<{tag}{attr}>{esc(text)}</{tag.split()[0]}>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<div class="table {css}"><table class="{css}"><caption>{esc(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def figure(chart: Chart, caption: str, *, css: str = "small") -> str:
    """A chart as a figure: the SVG embedded as a ``data:`` image with its text alternative."""
    src = "data:image/svg+xml;base64," + base64.b64encode(chart.svg.encode("utf-8")).decode("ascii")
    return (
        f'<figure class="chart {css}"><img src="{src}" alt="{esc(chart.alt)}">'
        f"<figcaption>{esc(caption)}</figcaption></figure>"
    )


def spoke_key(framework: Framework) -> str:
    """The names of a numbered chart's spokes, by number."""
    items = "".join(f"<li>{esc(name)}</li>" for name in spoke_names(framework))
    return f'<p class="lead-in small">The spokes, clockwise from the top:</p><ol class="key">{items}</ol>'


def _level_cell(text: str, level: str) -> Cell:
    words = LEVEL_WORDS.get(level, level)
    return (f"At least {words.lower()}" if text.startswith("at least") else words), f"level-{level}"


def nasss_html(comparison: Comparison, framework: Framework) -> str:
    """The NASSS grid: a row per candidate, a column per domain, the level in words in every cell."""
    rows = []
    for r in nasss_grid(comparison.candidates, framework):
        cells = [_level_cell(t, lv) for t, lv in zip(r.texts, r.levels, strict=True)]
        rows.append((r.label, *cells, r.complex_count))
    headings = ("Innovation", *(s.label for s in framework.sections), "Complex domains")
    note = (
        '<p class="small">Each cell is the domain\'s most complex answered sub-domain. "At least" means some '
        'sub-domains are "don\'t know" or blank, so the domain could still turn out more complex; "Not known '
        'yet" means none of its sub-domains has a level.</p>'
    )
    table = html_table(
        headings, rows, f"{framework.short_title} grid: level of each domain", css="grid", numeric=[len(headings) - 1]
    )
    return note + table


def _rating_cell(value: int | None, status: str) -> Cell:
    if value is not None:
        return str(value), f"rating-{value}"
    return STATUS_WORDS.get(status, status), "status"


def factors_html(comparison: Comparison, framework: Framework) -> str:
    """The SCIE factors: a row per factor, a column per candidate, the rating or its absence in words."""
    m = factor_matrix(comparison.candidates, framework)
    scale = (
        "; ".join(f"{o.label}" for o in framework.options(m.item_ids[0]) if o.value is not None) if m.item_ids else ""
    )
    out = [
        f'<p class="small">Ratings: {esc(scale)}. "Don\'t know", "Not applicable" and "Not answered" are written '
        "as such and never given a number. ★ P1-P5 marks the priority factors.</p>"
    ]
    parts = chunks(len(m.candidate_labels), CANDIDATES_PER_TABLE)
    for n, part in enumerate(parts, start=1):
        rows = [
            (label, *(_rating_cell(values[i], statuses[i]) for i in part))
            for label, values, statuses in zip(m.item_labels, m.values, m.statuses, strict=True)
        ]
        which = f" (table {n} of {len(parts)})" if len(parts) > 1 else ""
        out.append(
            html_table(
                ("Factor", *(m.candidate_labels[i] for i in part)),
                rows,
                f"{framework.short_title}: rating per innovation{which}",
                css="factors",
            )
        )
    return "".join(out)


def values_html(comparison: Comparison, framework: Framework) -> str:
    """The numbers in a framework's small charts: a row per candidate, a column per spoke."""
    data = radar_data(comparison.candidates, framework)
    axis = f"{data.axis_min:.0f}-{data.axis_max:.0f}"
    rows = [
        (label, *(cell_text(data.values[s][c]) for s in range(len(data.spoke_labels))))
        for c, label in enumerate(data.candidate_labels)
    ]
    return html_table(
        ("Innovation", *data.spoke_labels),
        rows,
        f"{framework.short_title}: the numbers in the charts ({data.axis_title}, {axis}; — is no value)",
        css="values",
        numeric=range(1, len(data.spoke_labels) + 1),
    )


def profiles_html(pack: PanelPack, framework: Framework) -> str:
    """One framework: a small chart per candidate, side by side on one scale, then the same numbers as a table."""
    method = method_of(framework)
    charts = []
    numbered = False
    for pc in pack.candidates:
        part = next((p for p in pc.parts if p.framework.id == framework.id), None)
        if part is not None:
            numbered = numbered or part.chart.numbered
            charts.append(figure(part.chart, pc.label))
    grid = method.comparison_grid
    twin = (
        nasss_html(pack.comparison, framework)
        if grid == "levels"
        else factors_html(pack.comparison, framework)
        if grid == "ratings"
        else values_html(pack.comparison, framework)
    )
    axis = method.axis(method.radar_level()).meaning
    return (
        f'<section class="profiles" id="profiles-{esc(framework.id)}"><h2>Profiles: {esc(framework.title)}</h2>'
        f"<p>One chart per innovation, all on the same scale ({esc(axis)}), in the order of the tiers. "
        f"{esc(method.chart_note)}</p>"
        f"{spoke_key(framework) if numbered else ''}"
        f'<div class="multiples">{"".join(charts)}</div>'
        f'<h3 class="twin">{esc(framework.short_title)}: the same in words and numbers</h3>{twin}</section>'
    )


def css_colours() -> str:
    """Cell colours from the app's own palettes (the words are in the cells too)."""
    levels = "".join(f"td.level-{k} {{ background: #{v}; }}" for k, v in LEVEL_COLOURS.items())
    ratings = "".join(f"td.rating-{n} {{ background: #{v}; }}" for n, v in enumerate(RATING_COLOURS))
    return levels + ratings
