"""Fixtures for AppTest page tests: a fresh SQLite database per test, shared with the app via DATABASE_URL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessments.catalogue import bundled_frameworks
from assessments.store import Store

APP = str(Path(__file__).resolve().parents[2] / "app.py")
APP_TIMEOUT = 60
"""Seconds an AppTest run may take (generous: the test machine is shared)."""


@pytest.fixture(name="app_store")
def _app_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """A store on a fresh SQLite file; the app under test opens the same file through DATABASE_URL.

    The app caches one store per URL, so each test's own file never leaks into another test.
    """
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    store = Store(url, frameworks=bundled_frameworks())
    yield store
    store.close()


def open_page(page: str, **query: str) -> AppTest:
    """Run app.py (navigation included) on one page with the given query parameters."""
    at = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(page)
    return at.run()


def page_text(at: AppTest) -> str:
    """All visible text of markdown, captions, titles and alert boxes, one per line."""
    parts = [t.value for t in at.title] + [s.value for s in at.subheader]
    parts += [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [w.body for w in at.warning] + [i.body for i in at.info] + [e.body for e in at.error]
    parts += [s.body for s in at.success]
    parts += [getattr(p.proto, "text", "") for p in at.get("progress")]
    return "\n".join(str(p) for p in parts)
