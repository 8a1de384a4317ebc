"""Compare: the side-by-side charts, each with the same numbers as a table (radars, NASSS grid, SCIE factors...)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from assessments.compare.candidates import Candidate
from assessments.compare.chart_data import (
    factor_matrix,
    factor_table,
    nasss_grid,
    nasss_table,
    radar_data,
    radar_data_table,
)
from assessments.compare.charts import (
    MAX_OVERLAY,
    compare_radar_figure,
    factor_heatmap_figure,
    nasss_grid_figure,
)
from assessments.compare.tables import Table, evidence_table, summary_table
from assessments.methods import method_of
from assessments.models import Framework
from ui import keys as k

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
            "colour); more are drawn as small radars on the same scale."
        )
        for fid, fw in frameworks.items():
            st.plotly_chart(compare_radar_figure(fw, charted), key=k.COMPARE_RADAR.format(framework=fid))
            st.caption(method_of(fw).chart_note)
            st.dataframe(
                frame(radar_data_table(radar_data(candidates, fw))),
                hide_index=True,
                key=k.COMPARE_RADAR_TABLE.format(framework=fid),
            )
    level_grids = [fw for fw in frameworks.values() if method_of(fw).comparison_grid == "levels"]
    with tabs[1]:
        for fw in level_grids:
            sort = st.toggle("Sort by number of complex domains", value=True, key=k.COMPARE_SORT_COMPLEX)
            rows = nasss_grid(candidates, fw, sort_by_complex=sort)
            st.plotly_chart(nasss_grid_figure(rows[:MAX_CHARTED], fw), key=k.COMPARE_GRID.format(framework=fw.id))
            st.caption(
                "Each cell is the domain's most complex answered sub-domain. 'At least' means some sub-domains are "
                'still "don\'t know" or blank, so the domain could turn out more complex; grey means no level yet.'
            )
            st.dataframe(
                frame(nasss_table(rows, fw)), hide_index=True, key=k.COMPARE_GRID_TABLE.format(framework=fw.id)
            )
    with tabs[2]:
        for fw in frameworks.values():
            if method_of(fw).comparison_grid != "ratings":
                continue
            st.plotly_chart(
                factor_heatmap_figure(factor_matrix(charted, fw), title=fw.short_title),
                key=k.COMPARE_HEAT.format(framework=fw.id),
            )
            st.dataframe(
                frame(factor_table(factor_matrix(candidates, fw))),
                hide_index=True,
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
