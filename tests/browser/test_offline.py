"""Browser test: the app asks nothing of any host but its own (it must work offline and leak no visits)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.models import AssessmentMeta, Innovation
from assessments.store import Store
from tests.browser.conftest import Server, settled
from tests.browser.test_journey import no_exception

pytestmark = pytest.mark.browser


def test_every_page_requests_only_the_app_itself__ok(app_server: Server, page: Any) -> None:
    """Should load Home, Questionnaire, Results, Compare and the About pages without any request to another host."""
    store = Store(app_server.database_url, frameworks=bundled_frameworks())
    try:
        aid = store.create_assessment(Innovation(name="Offline check"), AssessmentMeta())
    finally:
        store.close()
    own = urlparse(app_server.url).netloc
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("", f"questionnaire?a={aid}&n=1", f"results?a={aid}", "compare", "frameworks", "method"):
        page.goto(f"{app_server.url}/{path}")
        settled(page)
        no_exception(page)
    foreign = sorted({url for url in requested if urlparse(url).netloc not in (own, "")})
    assert requested, "no requests were seen (the check itself must see the app's own)"
    assert foreign == [], f"requests to other hosts: {foreign}"
