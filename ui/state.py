"""Session and URL state shared by the pages: one place for keys and helpers.

Answers never live only in session state: they are written to the database the
moment they change (see assessments.store). Session state holds only view
state (which section is open, when the last save happened), and the assessment
id lives in the URL (``?a=<id>``) so a refresh or a shared link reopens the same
assessment.
"""

from __future__ import annotations

import threading

import streamlit as st

from assessments.catalogue import bundled_frameworks
from assessments.errors import InputError
from assessments.models import Framework
from assessments.store import Store, default_url

QP_ASSESSMENT = "a"
"""URL query parameter holding the open assessment's id."""
QP_SECTION = "s"
"""URL query parameter holding the open questionnaire step (framework.section)."""


_STORES: dict[str, Store] = {}
_STORES_LOCK = threading.Lock()


def _store_for(url: str) -> Store:
    """One store (one connection pool) per database URL per server process.

    A plain dict behind a lock rather than ``st.cache_resource``: the lookup runs
    on every rerun and hashing the argument costs more than the page's own work.
    """
    store = _STORES.get(url)
    if store is None:
        with _STORES_LOCK:
            store = _STORES.get(url)
            if store is None:
                store = _STORES[url] = Store(url, frameworks=bundled_frameworks())
    return store


def get_store() -> Store:
    """The process-wide store for the current DATABASE_URL (or SQLite under data/).

    Cached per URL, so tests that point DATABASE_URL at a temporary file never
    share a store with each other.
    """
    return _store_for(default_url())


@st.cache_resource(show_spinner=False)
def get_frameworks() -> dict[str, Framework]:
    """The bundled frameworks, validated once per server process."""
    return bundled_frameworks()


def store_or_stop() -> Store:
    """The store, or a clear error message and stop if the database cannot be opened."""
    try:
        return get_store()
    except InputError as exc:
        st.error("The assessment database cannot be opened.\n\n" + "\n".join(f"- {p}" for p in exc.problems))
        st.stop()


def frameworks_or_stop() -> dict[str, Framework]:
    """The frameworks, or a clear error message and stop if a framework file is broken."""
    try:
        return get_frameworks()
    except InputError as exc:
        st.error("The framework definitions cannot be loaded.\n\n" + "\n".join(f"- {p}" for p in exc.problems))
        st.stop()


SS_LAST_ASSESSMENT = "state:last_assessment"
"""Session key remembering the assessment opened last in this browser tab."""


def current_assessment_id() -> str | None:
    """The assessment id from the URL or, failing that, the one opened last in this session.

    Moving between pages with the sidebar drops the query string; the
    remembered id is put back into the URL so the link stays shareable.
    """
    value = st.query_params.get(QP_ASSESSMENT) or None
    state = st.session_state
    if value:
        if state.get(SS_LAST_ASSESSMENT) != value:
            state[SS_LAST_ASSESSMENT] = value
        return value
    remembered = state.get(SS_LAST_ASSESSMENT)
    if remembered:
        st.query_params[QP_ASSESSMENT] = remembered
    return remembered or None


def open_assessment(assessment_id: str) -> None:
    """Put an assessment id in the URL (keeps other params) and remember it for this session."""
    st.query_params[QP_ASSESSMENT] = assessment_id
    st.session_state[SS_LAST_ASSESSMENT] = assessment_id


def forget_assessment() -> None:
    """Stop remembering the last assessment (e.g. when its id turned out to be unknown)."""
    st.session_state.pop(SS_LAST_ASSESSMENT, None)


def go_to_questionnaire(assessment_id: str, step: str | None = None) -> None:
    """Switch to the questionnaire page with the assessment (and optionally the step) in the URL."""
    st.session_state[SS_LAST_ASSESSMENT] = assessment_id
    params = {QP_ASSESSMENT: assessment_id}
    if step:
        params[QP_SECTION] = step
    st.switch_page("ui/questionnaire.py", query_params=params)
