"""Fixtures for AppTest page tests: a fresh database per test, shared with the app via DATABASE_URL.

Every test runs the app as ``make run`` does: single-user (no ``[auth]`` secrets, whatever the
developer's own secrets.toml says) on a loopback address. Tests of sign-in give ``at.secrets``
and ``at.user`` themselves (:func:`open_as`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit import config
from streamlit.runtime.secrets import Secrets
from streamlit.testing.v1 import AppTest

from assessments.catalogue import bundled_frameworks
from assessments.store import Store
from ui.guard import OVERRIDE_ENV

APP = str(Path(__file__).resolve().parents[2] / "app.py")
APP_TIMEOUT = 60
"""Seconds an AppTest run may take (generous: the test machine is shared)."""


@pytest.fixture(name="app_store")
def _app_store(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """A store on a fresh database; the app under test opens the same database through DATABASE_URL.

    The app caches one store per URL, so each test's own database never leaks into another test.
    """
    monkeypatch.setenv("DATABASE_URL", database_url)
    store = Store(database_url, frameworks=bundled_frameworks())
    yield store
    store.close()


AUTH_SECRETS: dict[str, Any] = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test-cookie-secret",
        "client_id": "test-client",
        "client_secret": "test-secret",
        "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
    }
}
"""Secrets that switch the app to organisation mode (sign-in); nothing is ever contacted in AppTest."""


@contextmanager
def server_address(address: str | None) -> Iterator[None]:
    """Run with ``server.address`` set (None: unset, i.e. every interface), restoring it afterwards."""
    before = config.get_option("server.address")
    config.set_option("server.address", address)
    try:
        yield
    finally:
        config.set_option("server.address", before)


@pytest.fixture(autouse=True)
def _single_user_on_loopback(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No secrets (so no sign-in), loopback address, no network override: the app as ``make run`` starts it."""
    empty = Secrets()
    empty._secrets = {}
    monkeypatch.setattr(st, "secrets", empty)
    monkeypatch.delenv(OVERRIDE_ENV, raising=False)
    with server_address("127.0.0.1"):
        yield


def open_as(page: str, email: str | None, *, verified: bool | None = None, **query: str) -> AppTest:
    """Run app.py in organisation mode on one page, signed in as ``email`` (None: not signed in)."""
    at = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    at.secrets = dict(AUTH_SECRETS)
    at.user = {"is_logged_in": False} if email is None else {"is_logged_in": True, "email": email}
    if verified is not None:
        at.user["email_verified"] = verified
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(page)
    return at.run()


def registered_pages(at: AppTest) -> set[str]:
    """The url paths of the pages the last run registered with st.navigation (hidden ones included)."""
    return {str(info.get("url_pathname")) for info in at._registered_pages.values()}


def open_page(page: str, **query: str) -> AppTest:
    """Run app.py (navigation included) on one page with the given query parameters."""
    at = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(page)
    return at.run()


def plain(markdown: str) -> str:
    """Markdown with backslash escapes removed: the text as a person reads it."""
    return re.sub(r"\\(.)", r"\1", markdown)


def page_text(at: AppTest) -> str:
    """All visible text of markdown, captions, titles and alert boxes, one per line."""
    parts = [t.value for t in at.title] + [s.value for s in at.subheader]
    parts += [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [w.body for w in at.warning] + [i.body for i in at.info] + [e.body for e in at.error]
    parts += [s.body for s in at.success]
    parts += [getattr(p.proto, "text", "") for p in at.get("progress")]
    return "\n".join(str(p) for p in parts)


_SUPPORT = re.compile(r":small\[((?:\\.|[^\]\\])*)\]")
"""The small print under a message (ui.widgets.problem_text): its code and field, for support."""


def main_text(body: str) -> str:
    """A message box's text without its small print (and the lines it leaves empty): what a person reads first."""
    return "\n".join(line.rstrip() for line in plain(_SUPPORT.sub("", body)).splitlines() if line.strip())


def support_lines(body: str) -> list[str]:
    """The small-print lines of a message box, e.g. ``For support: ASSESSMENT_008 · field innovation.name``."""
    return [plain(m) for m in _SUPPORT.findall(body)]


def chart_bodies(at: AppTest) -> list[str]:
    """The HTML of every chart on the page: radars and bars (``sr-bars``) and the comparison's grids
    (``sr-grid``). Charts are static HTML and SVG, so the pages load no chart script."""
    bodies = [str(h.proto.body) for h in at.get("html")]
    return [b for b in bodies if "sr-bars" in b or "sr-grid" in b]
