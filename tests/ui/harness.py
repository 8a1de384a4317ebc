"""Open one page under AppTest for any viewer: every page in the navigation, bound to a store acting for that viewer.

``app.py`` runs single-user (every role in the local workspace); the pages' rules for
innovators, commissioners and people without an account are exercised here instead,
by handing the page a store bound to ``Viewer.member(...)`` (or ``Viewer.anonymous()``)
and the memberships that viewer holds, as the app does once someone is signed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from streamlit.testing.v1 import AppTest

from assessments.catalogue import bundled_frameworks
from assessments.models import Answer, AssessmentMeta, AssessorRole, Innovation, Stage
from assessments.store import LOCAL_WORKSPACE, Role, Store, Viewer, Workspace
from tests.ui.conftest import APP_TIMEOUT

INNOVATOR = "inn@acme.example"
COMMISSIONER = "com@riverside.example"
COUNCIL = "Riverside *Council*"
"""A workspace name with Markdown in it: it must show as typed."""
ITEM = next(i.id for i in bundled_frameworks()["scie"].items.values() if i.type == "choice")
"""The first SCIE choice item: every org assessment answers it."""


@dataclass(frozen=True)
class Org:
    """Two workspaces and one person in each, over one database."""

    innovator: Store
    commissioner: Store
    acme: Workspace
    council: Workspace

    def assessment(self) -> str:
        """A new assessment of Acme's, with one SCIE answer."""
        aid = self.innovator.create_assessment(
            Innovation(name="Memory cafe network", organisation="Acme"),
            AssessmentMeta(assessed_on=dt.date(2026, 2, 1), stage=Stage.PILOT, assessor_role=AssessorRole.PROVIDER),
        )
        self.innovator.save_answer(aid, "scie", ITEM, Answer(value="partly_addressed", note="Two councils asked"))
        return aid


@contextmanager
def two_organisations(url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    """Acme (an innovator) and Riverside (a commissioner) in the fresh database at ``url``, which the app opens too."""
    monkeypatch.setenv("DATABASE_URL", url)
    base = Store(url, frameworks=bundled_frameworks())
    setup = base.as_viewer(Viewer.operator(LOCAL_WORKSPACE, "test setup", system=True))
    acme = setup.add_workspace("Acme Innovations")
    council = setup.add_workspace(COUNCIL)
    setup.add_member(acme.id, INNOVATOR, Role.INNOVATOR)
    setup.add_member(council.id, COMMISSIONER, Role.COMMISSIONER)
    yield Org(base.as_viewer(Viewer.member(INNOVATOR)), base.as_viewer(Viewer.member(COMMISSIONER)), acme, council)
    base.close()


ALL_PAGES = ("home", "questionnaire", "results", "compare", "excel", "sharing", "link", "method")


def _app(page: str, store: object, pages: tuple[str, ...]) -> None:
    """The app script: a hidden navigation of ``pages`` (``page`` first), one context for the store's viewer.

    AppTest runs this function's body as a script of its own: it imports what it needs, and
    its annotations name only builtins and what it imports (the script has no ``from __future__ import annotations``).
    """
    from functools import partial
    from types import MappingProxyType

    import streamlit as st
    from streamlit.navigation.page import StreamlitPage

    from assessments.catalogue import bundled_frameworks
    from assessments.store import Store
    from ui import compare, excel, home, link, method, questionnaire, results, sharing
    from ui.state import AppContext

    assert isinstance(store, Store)

    mains = {
        "home": home.main,
        "questionnaire": questionnaire.main,
        "results": results.main,
        "compare": compare.main,
        "excel": excel.main,
        "sharing": sharing.main,
        "link": link.main,
        "method": method.main,
    }
    registered: dict[str, StreamlitPage] = {}
    ctx = AppContext(
        catalogue=bundled_frameworks(),
        store=store,
        pages=MappingProxyType(registered),
        viewer=store.viewer,
        single_user=False,
        memberships=tuple(store.my_memberships()) if store.viewer.signed_in else (),
    )
    for path in pages:
        registered[path] = st.Page(partial(mains[path], ctx), title=path, url_path=path, default=path == page)
    st.navigation(list(registered.values()), position="hidden").run()


def open_as(store: Store, page: str, *, pages: Iterable[str] = ALL_PAGES, **query: str) -> AppTest:
    """Run ``page`` for the store's viewer with the given query parameters (``pages``: the navigation it has)."""
    listed = (page, *(p for p in pages if p != page))
    at = AppTest.from_function(_app, args=(page, store, listed), default_timeout=APP_TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()
