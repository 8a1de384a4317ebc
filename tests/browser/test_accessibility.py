"""Accessibility: axe-core (WCAG 2.2 AA rules) on every page, in single-user mode and for every role.

A violation fails the test unless it is Streamlit's own markup and listed in :data:`STREAMLIT_OWN`,
each entry with the Streamlit issue that tracks it and the part of the page it may appear in. The
list is reviewed when Streamlit is upgraded: an entry that no longer occurs is reported too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]  # ships no type hints

from assessments.catalogue import bundled_frameworks
from assessments.examples import load_examples
from assessments.store import Store
from tests.browser.conftest import Server
from tests.browser.oidc import sign_in
from tests.browser.test_signin import (
    Seeded,
    main_text,
    provider,  # noqa: F401  (its identity provider, a fixture)
)
from tests.browser.test_signin import _org as org  # noqa: F401  (the organisation-mode app, a fixture)

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
"""The axe-core rule sets of WCAG 2.0, 2.1 and 2.2 at levels A and AA."""

STREAMLIT_OWN: dict[str, tuple[str, str]] = {
    "list": (
        '[data-testid="stSidebarNavItems"]',
        "streamlit/streamlit#8399: the sidebar navigation's <ul> holds section <div>s beside its <li>s",
    ),
    "listitem": (
        '[data-testid="stSidebarNavItems"]',
        "streamlit/streamlit#8399: the navigation's <li>s sit in a <div> inside the <ul>, not in the <ul> itself",
    ),
    "target-size": (
        '[data-testid="stDateInput"]',
        "streamlit/streamlit#16232: the date box's day, month and year parts (React Aria segments) are "
        "narrower than 24 px; they are typed into, and the calendar button beside them is full size",
    ),
}
"""Rule id -> (the Streamlit element every failing node must be inside, the Streamlit issue)."""

_AXE = Axe()


def violations(page: Any) -> list[str]:
    """Each axe violation on the settled page that is not Streamlit's own listed markup, as one line."""
    main_text(page)
    result = _AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    found = []
    for v in result.response["violations"]:
        inside = STREAMLIT_OWN.get(v["id"], (None, ""))[0]
        for node in v["nodes"]:
            target = node["target"][0]
            allowed = inside is not None and page.evaluate(
                "([t, c]) => !!document.querySelector(t)?.closest(c)", [target, inside]
            )
            if not allowed:
                found.append(f"{v['id']} ({v['impact']}): {node['html'][:160]}")
    return found


@pytest.fixture(name="examples_server")
def _examples_server(app_server: Server) -> Iterator[tuple[Server, str]]:
    store = Store(app_server.database_url, frameworks=bundled_frameworks())
    try:
        example = load_examples(store)[0]
        yield app_server, example
    finally:
        store.close()


def test_every_page_single_user__ok(examples_server: tuple[Server, str], page: Any) -> None:
    """Should find no WCAG 2.2 AA violation of ours on any page of a single-user installation (every role)."""
    server, aid = examples_server
    paths = [
        "",
        f"questionnaire?a={aid}&s=details",
        f"questionnaire?a={aid}&n=1",
        f"questionnaire?a={aid}&s=nasss.technology",
        f"questionnaire?a={aid}&s=sips.theory_of_change",
        f"results?a={aid}",
        "compare",
        "excel",
        f"sharing?a={aid}",
        "admin",
        "frameworks",
        "method",
        "accessibility",
    ]
    problems = {}
    for path in paths:
        page.goto(f"{server.url}/{path}")
        if found := violations(page):
            problems[path or "home"] = found
    assert problems == {}


@pytest.mark.parametrize("who", ["anonymous", "alice", "carol", "mallory"])
def test_every_page_each_role__ok(org: Seeded, page: Any, who: str) -> None:  # noqa: F811
    """Should find no violation of ours on the pages each role reaches (sign-in, innovator, commissioner, no access)."""
    if who == "anonymous":
        page.goto(org.server.url)
    else:
        sign_in(page, org.server, who)
    links = page.locator('[data-testid="stSidebarNav"] a')
    paths = sorted({str(links.nth(i).get_attribute("href") or "").rsplit("/", 1)[-1] for i in range(links.count())})
    own = org.a_id if who == "alice" else org.b_copy
    problems = {}
    for path in paths or [""]:
        query = f"?a={own}" if path in ("questionnaire", "results", "sharing") else ""
        page.goto(f"{org.server.url}/{path}{query}")
        if found := violations(page):
            problems[path or "home"] = found
    assert problems == {}
