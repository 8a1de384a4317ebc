"""The app's pages: each a ``main(ctx)`` function, registered with ``st.navigation`` for the roles that may use it.

A page outside the person's roles is not registered at all, so its URL falls back to the
default page: there is nothing to render for someone who may not use it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from assessments.catalogue import Catalogue
from assessments.store import Role, Store
from ui import accessibility, admin, compare, excel, frameworks, home, link, method, questionnaire, results, sharing
from ui.keys import (
    PAGE_ACCESSIBILITY,
    PAGE_ADMIN,
    PAGE_COMPARE,
    PAGE_EXCEL,
    PAGE_FRAMEWORKS,
    PAGE_HOME,
    PAGE_LINK,
    PAGE_METHOD,
    PAGE_QUESTIONNAIRE,
    PAGE_RESULTS,
    PAGE_SHARING,
    PAGE_SIGN_IN,
)
from ui.people import Person, no_access_page, sign_in_page
from ui.state import AppContext

INNOVATOR, COMMISSIONER, ADMIN = Role.INNOVATOR, Role.COMMISSIONER, Role.ADMIN


@dataclass(frozen=True)
class PageSpec:
    """One page: where it lives, how the menu shows it, and who may use it."""

    url_path: str
    title: str
    icon: str
    group: str
    main: Callable[[AppContext], None]
    roles: frozenset[Role] | None = None
    """Roles (in any workspace) that may use the page; None for everyone signed in."""
    default: bool = False
    hidden: bool = False
    """Reachable by its URL but not listed in the menu."""
    public: bool = False
    """Reachable before signing in, too."""


PAGES = (
    PageSpec(PAGE_HOME, "Home", ":material/home:", "Assess", home.main, default=True),
    PageSpec(
        PAGE_QUESTIONNAIRE,
        "Questionnaire",
        ":material/edit_note:",
        "Assess",
        questionnaire.main,
        frozenset({INNOVATOR}),
    ),
    PageSpec(PAGE_RESULTS, "Results", ":material/radar:", "Assess", results.main, frozenset({INNOVATOR, COMMISSIONER})),
    PageSpec(
        PAGE_SHARING, "Share and history", ":material/share:", "Compare and share", sharing.main, frozenset({INNOVATOR})
    ),
    PageSpec(
        PAGE_COMPARE, "Compare", ":material/compare:", "Compare and share", compare.main, frozenset({COMMISSIONER})
    ),
    PageSpec(
        PAGE_EXCEL,
        "Excel import and export",
        ":material/table_view:",
        "Compare and share",
        excel.main,
        frozenset({INNOVATOR, COMMISSIONER}),
    ),
    PageSpec(PAGE_ADMIN, "Workspace admin", ":material/group:", "Workspace", admin.main, frozenset({ADMIN})),
    PageSpec(PAGE_FRAMEWORKS, "Frameworks", ":material/menu_book:", "About", frameworks.main),
    PageSpec(PAGE_METHOD, "Scoring method", ":material/info:", "About", method.main),
    PageSpec(
        PAGE_ACCESSIBILITY, "Accessibility", ":material/accessibility_new:", "About", accessibility.main, public=True
    ),
    PageSpec(PAGE_LINK, "Shared assessment", ":material/link:", "About", link.main, hidden=True, public=True),
)
SIGN_IN = PageSpec(PAGE_SIGN_IN, "Sign in", ":material/login:", "", sign_in_page, default=True, public=True)
"""The default page before signing in (organisation mode)."""
NO_ACCESS = PageSpec(PAGE_HOME, "Home", ":material/home:", "Assess", no_access_page, default=True)
"""Home for someone signed in who belongs to no workspace yet."""


def pages_for(person: Person) -> list[PageSpec]:
    """The pages this person may use, in menu order (the first default one is where the app opens).

    * single-user mode: every page;
    * not signed in: the sign-in page and the public pages (a share link);
    * signed in with no role anywhere: a home page saying so, and the pages for everyone;
    * otherwise: the pages for everyone and those of the person's roles.
    """
    if person.single_user:
        return list(PAGES)
    if not person.signed_in:
        return [SIGN_IN, *(p for p in PAGES if p.public)]
    roles = person.roles
    if not roles:
        return [NO_ACCESS, *(p for p in PAGES if p.roles is None and p.url_path != PAGE_HOME)]
    return [p for p in PAGES if p.roles is None or p.roles & roles]


def navigation(catalogue: Catalogue, store: Store, person: Person) -> dict[str, list[StreamlitPage]]:
    """The menu for ``st.navigation``: the person's pages, each bound to one context (catalogue, store for the
    person, pages)."""
    pages: dict[str, StreamlitPage] = {}
    ctx = AppContext(
        catalogue=catalogue,
        store=store.as_viewer(person.viewer),
        pages=MappingProxyType(pages),
        viewer=person.viewer,
        single_user=person.single_user,
        memberships=person.memberships,
    )
    menu: dict[str, list[StreamlitPage]] = {}
    for spec in pages_for(person):
        page = st.Page(
            partial(spec.main, ctx),
            title=spec.title,
            icon=spec.icon,
            url_path=spec.url_path,
            default=spec.default,
            visibility="hidden" if spec.hidden else "visible",
        )
        pages[spec.url_path] = page
        menu.setdefault(spec.group if person.signed_in else "", []).append(page)
    return menu
