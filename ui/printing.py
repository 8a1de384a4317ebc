"""What a page looks like when the browser prints it (Ctrl+P): the content only, whole charts and tables.

Streamlit draws for a screen: the sidebar, the header bar and the buttons print too, the main area
is a scroll container that the printer cuts after one screen's height, and a chart or a table may be
split across two sheets. These rules, added to every page by ``app.py``, apply to print only:
navigation and controls are hidden, the content flows over as many A4 pages as it needs, and
charts, tables, notes and expanders are kept whole where they fit on one page. The PDF report
(Results, *Download PDF report*) remains the designed printout; this makes an ordinary print usable.
"""

from __future__ import annotations

import streamlit as st

# Test ids are Streamlit's own (stable across releases since 1.30); a missing one only prints more.
_HIDDEN = (
    '[data-testid="stSidebar"]',
    '[data-testid="stSidebarCollapsedControl"]',
    '[data-testid="stHeader"]',
    '[data-testid="stToolbar"]',
    '[data-testid="stDecoration"]',
    '[data-testid="stStatusWidget"]',
    '[data-testid="stBottom"]',
    '[data-testid="stDownloadButton"]',
    '[data-testid="stButton"]',
    '[data-testid="stPageLink"]',
    '[data-testid="stFileUploader"]',
    '[data-testid="stElementToolbar"]',
    '[data-testid="stPlotlyChart"] .modebar',
)
_WHOLE = (
    '[data-testid="stPlotlyChart"]',
    '[data-testid="stImage"]',
    '[data-testid="stTable"]',
    '[data-testid="stDataFrame"]',
    '[data-testid="stAlert"]',
    '[data-testid="stExpander"]',
    '[data-testid="stMetric"]',
    "svg",
    "figure",
    "tr",
)

PRINT_CSS = f"""<style>
@media print {{
  @page {{ size: A4; margin: 14mm 12mm; }}
  {", ".join(_HIDDEN)} {{ display: none !important; }}
  html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{
    position: static !important; overflow: visible !important; height: auto !important;
  }}
  [data-testid="stMainBlockContainer"] {{ padding: 0 !important; max-width: 100% !important; }}
  {", ".join(_WHOLE)} {{ break-inside: avoid; page-break-inside: avoid; }}
  h1, h2, h3, h4 {{ break-after: avoid; page-break-after: avoid; }}
  [data-testid="stTable"] table {{ width: 100% !important; table-layout: auto; }}
  [data-testid="stTable"] td, [data-testid="stTable"] th {{ white-space: normal !important; }}
}}
</style>"""
"""The print rules: CSS only, no script, so ``st.html`` adds them without showing anything."""


def print_styles() -> None:
    """Add the print rules to the page being drawn (call once per run, before the page's content)."""
    st.html(PRINT_CSS)
