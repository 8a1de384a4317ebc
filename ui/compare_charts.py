"""Compare: the side-by-side charts, each with the same numbers as a table (radars, NASSS grid, SCIE factors...)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from assessments.charts.html import RESPONSIVE_CSS, bars_html, draws_radar, svg_img_html
from assessments.compare.candidates import Candidate
from assessments.compare.chart_data import (
    MAX_OVERLAY,
    factor_matrix,
    factor_table,
    nasss_grid,
    nasss_table,
    radar_data,
    radar_data_table,
)
from assessments.compare.grids import factor_grid_html, nasss_grid_html
from assessments.compare.tables import Table, evidence_table, summary_table
from assessments.methods import method_of
from assessments.models import Framework, FrameworkResult
from assessments.report.radar_svg import RadarSeries, radar_svg
from ui import keys as k

if TYPE_CHECKING:
    from streamlit.elements.lib.column_types import ColumnConfig

MAX_CHARTED = 24
"""Most candidates drawn in a chart (the first in tier order); tables always list every candidate."""


def frame(table: Table) -> pd.DataFrame:
    """A table as a data frame; a column mixing numbers and words (a rating or "don't know") is shown as text."""
    df = pd.DataFrame(list(table.rows), columns=list(table.columns))
    for i in range(len(table.columns)):
        kinds = {isinstance(row[i], str) for row in table.rows if row[i] is not None}
        if kinds == {True, False}:
            df.isetitem(i, ["" if row[i] is None else str(row[i]) for row in table.rows])
    return df


SMALL_MULTIPLES_CSS = """
<style>
.sr-multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 1rem; }
.sr-multiples .sr-multiple-name { font-weight: 600; margin: 0 0 0.3rem 0; overflow-wrap: anywhere; }
</style>
"""


def _radar(framework: Framework, series: list[tuple[str, FrameworkResult]], title: str) -> str:
    return svg_img_html(
        radar_svg(framework, [RadarSeries(name, fr) for name, fr in series]),
        alt=f"{title}. The same numbers are in the table under the chart.",
    )


def radar_html(framework: Framework, candidates: list[Candidate]) -> str:
    """One framework's radar for the candidates as inline HTML (no chart library is loaded).

    Up to :data:`MAX_OVERLAY` innovations are overlaid on one static SVG radar; more get a radar each,
    all on the same scale. On a narrow screen, and for fewer than three spokes, bars replace them.
    """
    series = [(c.label, fr) for c in candidates if (fr := c.framework_result(framework.id)) is not None]
    if not draws_radar(framework) or not series:
        return RESPONSIVE_CSS + bars_html(framework, series)
    name = framework.short_title
    if len(series) <= MAX_OVERLAY:
        picture = _radar(framework, series, f"Radar chart of {name}: innovations overlaid")
    else:
        cells = "".join(
            f'<div><p class="sr-multiple-name">{html.escape(label)}</p>'
            + _radar(framework, [(label, fr)], f"Radar chart of {name}: {label}")
            + "</div>"
            for label, fr in series
        )
        picture = f'{SMALL_MULTIPLES_CSS}<div class="sr-multiples">{cells}</div>'
    narrow = bars_html(framework, series, css_class="sr-chart-narrow")
    return f'{RESPONSIVE_CSS}<div class="sr-chart-wide">{picture}</div>{narrow}'


@st.cache_resource(show_spinner=False, max_entries=64)
def _cached_radar(
    framework_id: str, signature: tuple[tuple[str, int], ...], _fw: Framework, _c: list[Candidate]
) -> str:
    """:func:`radar_html`, drawn once per framework and set of candidates (scored results are cached objects:
    a changed assessment is a new object, so its ``id`` marks the change)."""
    del framework_id, signature  # cache key only
    return radar_html(_fw, _c)


def fitted(df: pd.DataFrame) -> dict[str, ColumnConfig]:
    """Column settings that keep a comparison table's numbers on screen: the first column (what a row is)
    pinned and narrow enough to leave a phone room for the next, every other column a fixed width (long
    innovation names are shortened in the heading; the full name shows on hover)."""
    config: dict[str, ColumnConfig] = {}
    for i, column in enumerate(df.columns):
        if i == 0:
            config[column] = st.column_config.Column(column, width=180, pinned=True)
        else:
            config[column] = st.column_config.Column(column, width=150, help=str(column))
    return config


def charts(candidates: list[Candidate], frameworks: Mapping[str, Framework]) -> None:
    """Each candidate's profile per framework, in its own terms: overlaid radars, the NASSS grid, the SCIE factors."""
    charted = candidates[:MAX_CHARTED]
    if len(candidates) > len(charted):
        st.caption(
            f"Charts show the first {len(charted)} of {len(candidates)} assessments in tier order (alphabetical "
            "within a tier); every table below lists them all."
        )
    tabs = st.tabs(["Radar per framework", "NASSS grid", "SCIE factors", "Unknowns and evidence", "Profile table"])
    with tabs[0]:
        st.caption(
            f"Up to {MAX_OVERLAY} innovations are overlaid (each has its own line style and marker as well as "
            "colour); more get a radar each, all on the same scale."
        )
        for fid, fw in frameworks.items():
            meaning = method_of(fw).axis(method_of(fw).radar_level()).meaning
            st.markdown(f"**{fw.short_title}**: {meaning}")
            signature = tuple((c.key, id(c.result)) for c in charted)
            with st.container(key=k.COMPARE_RADAR.format(framework=fid).replace(":", "-")):
                st.html(_cached_radar(fid, signature, fw, charted))
            st.caption(method_of(fw).chart_note)
            radar_frame = frame(radar_data_table(radar_data(candidates, fw)))
            st.dataframe(
                radar_frame,
                hide_index=True,
                column_config=fitted(radar_frame),
                key=k.COMPARE_RADAR_TABLE.format(framework=fid),
            )
    level_grids = [fw for fw in frameworks.values() if method_of(fw).comparison_grid == "levels"]
    with tabs[1]:
        for fw in level_grids:
            sort = st.toggle("Sort by number of complex domains", value=True, key=k.COMPARE_SORT_COMPLEX)
            rows = nasss_grid(candidates, fw, sort_by_complex=sort)
            with st.container(key=k.COMPARE_GRID.format(framework=fw.id).replace(":", "-")):
                st.html(nasss_grid_html(rows[:MAX_CHARTED], fw))
            st.caption(
                "Each cell is the domain's most complex answered sub-domain. 'At least' means some sub-domains are "
                'still "don\'t know" or blank, so the domain could turn out more complex; grey means no level yet.'
            )
            grid_frame = frame(nasss_table(rows, fw))
            st.dataframe(
                grid_frame,
                hide_index=True,
                column_config=fitted(grid_frame),
                key=k.COMPARE_GRID_TABLE.format(framework=fw.id),
            )
    with tabs[2]:
        for fw in frameworks.values():
            if method_of(fw).comparison_grid != "ratings":
                continue
            with st.container(key=k.COMPARE_HEAT.format(framework=fw.id).replace(":", "-")):
                st.html(factor_grid_html(factor_matrix(charted, fw), title=fw.short_title))
            factor_frame = frame(factor_table(factor_matrix(candidates, fw)))
            st.dataframe(
                factor_frame,
                hide_index=True,
                column_config=fitted(factor_frame),
                key=k.COMPARE_HEAT_TABLE.format(framework=fw.id),
            )
    with tabs[3]:
        st.caption(
            "How much of each assessment rests on evidence, and how much is unknown: a well-evidenced rating "
            "can be told from an optimistic one."
        )
        st.dataframe(frame(evidence_table(candidates)), hide_index=True, key=k.COMPARE_EVIDENCE)
    with tabs[4]:
        st.dataframe(frame(summary_table(candidates, frameworks)), hide_index=True, key=k.COMPARE_SUMMARY)
