"""What every page is given (the catalogue, the store, the pages) and the URL state they share.

The catalogue and the store are opened once per server process by ``app.py`` and handed to
each page's ``main(ctx)`` in an :class:`AppContext`; no page loads either itself.

Answers never live only in session state: they are written to the database the
moment they change (see assessments.store). Session state holds only view
state (which section is open, when the last save happened), and the assessment
id lives in the URL (``?a=<id>``) so a refresh or a shared link reopens the same
assessment.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from assessments.catalogue import Catalogue, bundled_frameworks
from assessments.errors import InputError
from assessments.store import Membership, Role, Store, Viewer, default_url
from ui.keys import PAGE_QUESTIONNAIRE, QP_ASSESSMENT, QP_SECTION, SS_LAST_ASSESSMENT


@dataclass(frozen=True)
class AppContext:
    """What a page works with: the frameworks, the database (acting for the person using the
    app), who that person is, and the app's pages (for links).

    ``store`` is already bound to ``viewer``: every read and write a page makes is limited to
    what this person may see and change, by the store itself.
    """

    catalogue: Catalogue
    store: Store
    pages: Mapping[str, StreamlitPage]
    """This run's navigation pages by url path (``ui.keys.PAGE_*``), for ``st.page_link`` and ``st.switch_page``."""
    viewer: Viewer = field(default_factory=Viewer.local)
    single_user: bool = True
    """True when the app runs without sign-in (one person, loopback only)."""
    memberships: tuple[Membership, ...] = ()
    """The person's roles, by workspace (in single-user mode: every role in the local workspace)."""

    def page(self, url_path: str) -> StreamlitPage:
        """The navigation page at ``url_path`` (one of ``ui.keys.PAGE_*``)."""
        return self.pages[url_path]

    def has_page(self, url_path: str) -> bool:
        """True if the page is in this person's navigation (pages outside their roles are not)."""
        return url_path in self.pages

    def workspaces(self, role: Role) -> list[Membership]:
        """The person's memberships with ``role`` (one per workspace), by workspace name."""
        return [m for m in self.memberships if m.role == role]

    def has_role(self, role: Role) -> bool:
        """True if the person holds ``role`` in any workspace."""
        return any(m.role == role for m in self.memberships)


_STORES: dict[str, Store] = {}
_STORES_LOCK = threading.Lock()


def store_for(url: str, catalogue: Catalogue) -> Store:
    """One store (one connection pool) per database URL per server process.

    ``serve.py`` opens it before the first request; the first page opens it otherwise.

    A plain dict behind a lock rather than ``st.cache_resource``: the lookup runs
    on every rerun and hashing the argument costs more than the page's own work.
    """
    store = _STORES.get(url)
    if store is None:
        with _STORES_LOCK:
            store = _STORES.get(url)
            if store is None:
                store = _STORES[url] = Store(url, frameworks=catalogue)
    return store


def load_catalogue() -> Catalogue:
    """The bundled frameworks (validated once per process), or a clear error message and stop."""
    try:
        return bundled_frameworks()
    except InputError as exc:
        from ui.widgets import show_problems  # widgets builds on this module: imported when needed

        show_problems(exc.problems, "The framework definitions cannot be loaded.")
        st.stop()


def open_store(catalogue: Catalogue) -> Store:
    """The process-wide store for the current DATABASE_URL (or SQLite under data/), or an error and stop.

    Cached per URL, so tests that point DATABASE_URL at a temporary file never
    share a store with each other.
    """
    try:
        return store_for(default_url(), catalogue)
    except InputError as exc:
        from ui.widgets import show_problems  # widgets builds on this module: imported when needed

        show_problems(exc.problems, "The assessment database cannot be opened.")
        st.stop()


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


def go_to_questionnaire(ctx: AppContext, assessment_id: str, step: str | None = None) -> None:
    """Switch to the questionnaire page with the assessment (and optionally the step) in the URL."""
    st.session_state[SS_LAST_ASSESSMENT] = assessment_id
    params = {QP_ASSESSMENT: assessment_id}
    if step:
        params[QP_SECTION] = step
    st.switch_page(ctx.page(PAGE_QUESTIONNAIRE), query_params=params)
