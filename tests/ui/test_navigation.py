"""Which pages each person gets: by mode, by sign-in, and by role (the table in ui/navigation.py)."""

from __future__ import annotations

import datetime as dt

from assessments.store import Membership, Role, Viewer
from ui.keys import PAGE_ADMIN, PAGE_COMPARE, PAGE_HOME, PAGE_LINK, PAGE_QUESTIONNAIRE, PAGE_SHARING, PAGE_SIGN_IN
from ui.navigation import PAGES, pages_for
from ui.people import Person


def _member(*roles: Role) -> Person:
    viewer = Viewer.member("p@example.org")
    at = dt.datetime.now(dt.UTC)
    memberships = tuple(Membership("w1", "W1", viewer.email, r, at, "") for r in roles)
    return Person(viewer, False, memberships, viewer.email)


def _paths(person: Person) -> set[str]:
    return {p.url_path for p in pages_for(person)}


def test_pages_by_role__ok() -> None:
    """Should give each role its pages and no others; single-user mode every page; the link page to all."""
    everyone = {PAGE_HOME, "frameworks", "method", "accessibility", PAGE_LINK}
    assert _paths(Person(Viewer.local(), True)) == {p.url_path for p in PAGES}
    assert _paths(_member(Role.INNOVATOR)) == everyone | {PAGE_QUESTIONNAIRE, "results", PAGE_SHARING, "excel"}
    assert _paths(_member(Role.COMMISSIONER)) == everyone | {"results", PAGE_COMPARE, "excel"}
    assert _paths(_member(Role.ADMIN)) == everyone | {PAGE_ADMIN}
    assert _paths(_member(Role.INNOVATOR, Role.COMMISSIONER, Role.ADMIN)) == {p.url_path for p in PAGES}


def test_pages_before_sign_in_and_without_role__ok() -> None:
    """Should give an anonymous visitor the sign-in, link and accessibility pages only; a role-less person a home saying so."""
    anonymous = pages_for(Person(Viewer.anonymous(), False))
    assert [p.url_path for p in anonymous] == [PAGE_SIGN_IN, "accessibility", PAGE_LINK]
    assert anonymous[0].default
    nobody = pages_for(_member())
    assert nobody[0].url_path == PAGE_HOME and nobody[0].main.__name__ == "no_access_page"
    assert {p.url_path for p in nobody} == {PAGE_HOME, "frameworks", "method", "accessibility", PAGE_LINK}


def test_link_page_hidden_from_menu__ok() -> None:
    """Should register the link page as hidden (reachable by URL only) and every other page as visible."""
    assert [p.url_path for p in PAGES if p.hidden] == [PAGE_LINK]
