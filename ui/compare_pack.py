"""Compare: the "Download panel pack (PDF)" button, made only when it is pressed.

The pack (:mod:`assessments.report.panel_html`) prints the comparison on the page, its ordering
inside one framework included. Its bytes come from a callable that Streamlit runs on the click,
so opening or changing the page never pays for matplotlib and WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import streamlit as st

from assessments.compare.comparison import Comparison
from assessments.models import Framework

PACK_DOWNLOAD = "compare:pack"
"""The button's key (defined here, not in ui/keys.py, so this change stays in one module)."""
MAX_PACK = 24
"""Most innovations in a pack made from the page (as many as its charts show): about 1.6 s and two pages each
(bench/report.py), made while the person waits."""


def panel_pack_button(comparison: Comparison, frameworks: Mapping[str, Framework]) -> None:
    """The panel pack's download button and what the pack holds; disabled above :data:`MAX_PACK` innovations."""
    count = len(comparison.candidates)

    def pdf() -> bytes:
        from assessments.report.panel_html import panel_pdf  # matplotlib and WeasyPrint load on the first pack only

        return panel_pdf(comparison, frameworks)

    too_many = count > MAX_PACK
    st.download_button(
        "Download panel pack (PDF)",
        data=pdf,
        file_name=f"panel-pack-{dt.date.today().isoformat()}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        disabled=too_many,
        key=PACK_DOWNLOAD,
    )
    if too_many:
        st.caption(
            f"The panel pack is made here for up to {MAX_PACK} innovations; {count} are chosen. Narrow the choice "
            "above, or make it with `python -m assessments compare FILES... --pdf pack.pdf`."
        )
    else:
        st.caption(
            "The panel pack is an A4 PDF for a panel: the caveat, the screen, the tiers"
            + (" and your ordering" if comparison.ordering is not None else "")
            + ", each framework's profiles side by side with the NASSS grid and SCIE factors in words, the method, "
            "then a part per innovation. It takes a few seconds per innovation to make (docs/reports.md)."
        )
