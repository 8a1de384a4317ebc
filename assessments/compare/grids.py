"""The comparison's grids as HTML tables: the NASSS levels and the SCIE factor ratings, words in every cell.

They replace plotly heatmaps whose cell text was about 7 px and whose script made the Compare page slow
to load. A table's text is the page's body size, a screen reader reads it as a table, and each cell
says its level or rating in words: the fill colour only repeats it. On a narrow screen (a phone) each
row becomes a block that lists its cells one under another, each with its column's name, so nothing
needs scrolling sideways.

Everything a person typed (innovation names) is HTML-escaped here.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from assessments.compare.chart_data import FactorMatrix, GridRow
from assessments.methods.complexity import LEVEL_COLOURS
from assessments.methods.readiness import RATING_COLOURS
from assessments.models import Framework
from assessments.wording import STATUS_SHORT

NARROW_PX = 640
"""At or below this viewport width the rows are stacked (as :mod:`assessments.charts.html`)."""

GRID_CSS = f"""
<style>
.sr-grid-wrap {{ overflow-x: auto; max-width: 100%; }}
.sr-grid {{ width: 100%; border-collapse: separate; border-spacing: 2px; font-size: 1rem; line-height: 1.35; }}
.sr-grid caption {{ text-align: left; font-weight: 600; padding: 0 0 0.4rem 0; caption-side: top; }}
.sr-grid th, .sr-grid td {{ padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }}
.sr-grid thead th {{ font-weight: 600; max-width: 11rem; overflow-wrap: break-word; }}
.sr-grid tbody th {{ font-weight: 600; min-width: 10rem; max-width: 18rem; overflow-wrap: break-word; }}
.sr-grid td {{ color: #1f2430; min-width: 5.5rem; }}
@media (max-width: {NARROW_PX}px) {{
  .sr-grid-wrap {{ overflow-x: visible; }}
  .sr-grid, .sr-grid caption, .sr-grid tbody, .sr-grid tr, .sr-grid th, .sr-grid td {{ display: block; }}
  .sr-grid thead {{ display: none; }}
  .sr-grid tr {{ margin: 0 0 0.8rem 0; }}
  .sr-grid tbody th {{ min-width: 0; max-width: none; padding-left: 0; }}
  .sr-grid td {{ min-width: 0; margin: 2px 0; }}
  .sr-grid td::before {{ content: attr(data-label) ": "; font-weight: 600; }}
}}
</style>
"""
"""The grids' style: body-size text, and on a narrow screen one block per row."""


def grid_html(
    caption: str, corner: str, columns: Sequence[str], rows: Sequence[tuple[str, Sequence[tuple[str, str]]]]
) -> str:
    """A table with a header row and a header column; each cell its text on its fill colour.

    Args:
        caption: The table's caption (what it shows and what the colours repeat).
        corner: The heading over the row labels.
        columns: The column headings.
        rows: ``(row label, [(cell text, fill colour as hex RGB without '#'), ...])`` per row.

    Returns:
        ``GRID_CSS`` and a ``<table>`` in a ``<div>`` that scrolls sideways only on a wide screen with
        more columns than fit.
    """
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
    body = []
    for label, cells in rows:
        tds = "".join(
            f'<td data-label="{html.escape(column, quote=True)}" style="background:#{colour}">{html.escape(text)}</td>'
            for column, (text, colour) in zip(columns, cells, strict=True)
        )
        body.append(f'<tr><th scope="row">{html.escape(label)}</th>{tds}</tr>')
    return (
        f'{GRID_CSS}<div class="sr-grid-wrap"><table class="sr-grid"><caption>{html.escape(caption)}</caption>'
        f'<thead><tr><th scope="col">{html.escape(corner)}</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def nasss_grid_html(rows: Sequence[GridRow], framework: Framework) -> str:
    """The NASSS grid: one row per innovation, one column per domain, the level written in each cell.

    Args:
        rows: From :func:`assessments.compare.chart_data.nasss_grid` (already in display order).
        framework: The complexity framework (for the domain labels).
    """
    columns = [s.label for s in framework.sections]
    return grid_html(
        f"{framework.short_title}: level per domain (green simple, yellow complicated, red complex, grey unknown; "
        "the level is written in each cell)",
        "Innovation",
        columns,
        [
            (
                f"{r.label} ({r.complex_count} complex)",
                [
                    (text, LEVEL_COLOURS.get(level, LEVEL_COLOURS["unknown"]))
                    for level, text in zip(r.levels, r.texts, strict=True)
                ],
            )
            for r in rows
        ],
    )


def factor_grid_html(matrix: FactorMatrix, *, title: str = "SCIE factors") -> str:
    """SCIE factors (rows) × innovations (columns), the rating or "don't know" / "n/a" / "—" in each cell.

    Args:
        matrix: From :func:`assessments.compare.chart_data.factor_matrix`.
        title: The framework's short title, for the caption.
    """
    top = max(matrix.max_value, 1)
    grey = LEVEL_COLOURS["unknown"]
    rows = []
    for label, values, statuses in zip(matrix.item_labels, matrix.values, matrix.statuses, strict=True):
        cells = []
        for value, status in zip(values, statuses, strict=True):
            if value is None:
                cells.append((STATUS_SHORT[status], grey))
            else:
                step = min(len(RATING_COLOURS) - 1, round(value * (len(RATING_COLOURS) - 1) / top))
                cells.append((str(value), RATING_COLOURS[step]))
        rows.append((label, cells))
    return grid_html(
        f"{title}: how well each factor is addressed, 0-{top} (★ = priority factor; grey = no rating, "
        "the reason written in the cell)",
        "Factor",
        list(matrix.candidate_labels),
        rows,
    )
