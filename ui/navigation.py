"""The app's pages: each a ``main(ctx)`` function, registered with ``st.navigation`` as a callable page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from assessments.catalogue import Catalogue
from assessments.store import Store
from ui import compare, excel, frameworks, home, method, questionnaire, results
from ui.keys import PAGE_COMPARE, PAGE_EXCEL, PAGE_FRAMEWORKS, PAGE_HOME, PAGE_METHOD, PAGE_QUESTIONNAIRE, PAGE_RESULTS
from ui.state import AppContext


@dataclass(frozen=True)
class PageSpec:
    """One page in the navigation menu."""

    url_path: str
    title: str
    icon: str
    group: str
    main: Callable[[AppContext], None]
    default: bool = False


PAGES = (
    PageSpec(PAGE_HOME, "Home", ":material/home:", "Assess", home.main, default=True),
    PageSpec(PAGE_QUESTIONNAIRE, "Questionnaire", ":material/edit_note:", "Assess", questionnaire.main),
    PageSpec(PAGE_RESULTS, "Results", ":material/radar:", "Assess", results.main),
    PageSpec(PAGE_COMPARE, "Compare", ":material/compare:", "Compare and share", compare.main),
    PageSpec(PAGE_EXCEL, "Excel import and export", ":material/table_view:", "Compare and share", excel.main),
    PageSpec(PAGE_FRAMEWORKS, "Frameworks", ":material/menu_book:", "About", frameworks.main),
    PageSpec(PAGE_METHOD, "Scoring method", ":material/info:", "About", method.main),
)


def navigation(catalogue: Catalogue, store: Store) -> dict[str, list[StreamlitPage]]:
    """The menu for ``st.navigation``: every page bound to one context holding the catalogue, store and pages."""
    pages: dict[str, StreamlitPage] = {}
    ctx = AppContext(catalogue=catalogue, store=store, pages=MappingProxyType(pages))
    menu: dict[str, list[StreamlitPage]] = {}
    for spec in PAGES:
        page = st.Page(
            partial(spec.main, ctx), title=spec.title, icon=spec.icon, url_path=spec.url_path, default=spec.default
        )
        pages[spec.url_path] = page
        menu.setdefault(spec.group, []).append(page)
    return menu
