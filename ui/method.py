"""Scoring method: the one method note (docs/scoring.md) as the app shows it."""

from __future__ import annotations

import streamlit as st

from assessments.guidance import SOURCES
from assessments.wording import method_markdown
from ui.state import AppContext


def main(ctx: AppContext) -> None:
    """Render the method page (it needs nothing from the context)."""
    del ctx
    try:
        text = method_markdown()
    except OSError:
        st.error("The scoring-method note (docs/scoring.md) is missing from this installation. Reinstall the app.")
        return
    st.markdown(text)
    st.divider()
    st.markdown("#### Where the suggested next steps come from")
    st.markdown(
        "The next steps on the Results page are our own advice, written for this app. Each one names the sources "
        "it draws on:\n\n" + "\n".join(f"- {label}" for label in SOURCES.values())
    )
