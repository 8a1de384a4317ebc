"""Placeholder replaced in this change set (the link page)."""

from __future__ import annotations

import streamlit as st

from ui.state import AppContext


def main(ctx: AppContext) -> None:
    """Page entry point."""
    st.info("This page is being built.")
