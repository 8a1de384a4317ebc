"""Accessibility statement: docs/accessibility.md as the app shows it (reachable before signing in, too)."""

from __future__ import annotations

import streamlit as st

from assessments.wording import document_markdown
from ui.state import AppContext


def main(ctx: AppContext) -> None:
    """Render the accessibility statement (it needs nothing from the context)."""
    del ctx
    try:
        st.markdown(document_markdown("accessibility.md"))
    except OSError:
        st.error("The accessibility statement (docs/accessibility.md) is missing from this installation.")
