"""No Markdown read aloud: an aria-label (which a screen reader speaks, and Streamlit fills from a widget's
label or ``help=`` text) never holds Markdown marks such as ``**``, on any page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.examples import load_examples
from assessments.models import AssessmentMeta, Innovation, Stage
from assessments.store import Store
from tests.browser.conftest import Server
from tests.browser.test_signin import main_text

pytestmark = pytest.mark.browser

MARKDOWN = re.compile(r"\*\*|__|`|\]\(|(?<!\w)\*\w")
"""Bold, code and link marks, and an opening ``*emphasis``: what shows, or is spoken, as literal signs."""

_ARIA_LABELS = """() => [...document.querySelectorAll('[aria-label]')]
    .map((el) => el.getAttribute('aria-label'))"""


def markdown_in_aria_labels(page: Any) -> list[str]:
    """Every aria-label on the settled page (tables and questions drawn) that holds a Markdown mark."""
    main_text(page)
    return sorted({label for label in page.evaluate(_ARIA_LABELS) if MARKDOWN.search(label or "")})


@pytest.fixture(name="served")
def _served(app_server: Server) -> Iterator[tuple[Server, str, str]]:
    """The app with the examples (read-only) and an assessment of one's own (its questionnaire is editable)."""
    store = Store(app_server.database_url, frameworks=bundled_frameworks())
    try:
        example = load_examples(store)[0]
        own = store.create_assessment(Innovation(name="Aria check"), AssessmentMeta(stage=Stage.PILOT))
        yield app_server, example, own
    finally:
        store.close()


def _found(server: Server, page: Any, paths: list[str], *, wait_for: str | None = None) -> dict[str, list[str]]:
    found = {}
    for path in paths:
        page.goto(f"{server.url}/{path}")
        if wait_for:
            page.wait_for_selector(wait_for, timeout=30_000)
        if labels := markdown_in_aria_labels(page):
            found[path or "home"] = labels
    return found


def test_no_markdown_in_aria_labels__ok(served: tuple[Server, str, str], page: Any) -> None:
    """Should find no Markdown mark in any aria-label on the pages around the questionnaire."""
    server, example, own = served
    paths = [
        "",
        f"questionnaire?a={own}&s=details",
        f"results?a={example}",
        f"results?a={own}",
        "compare",
        "excel",
        f"sharing?a={own}",
        "admin",
        "frameworks",
        "method",
        "accessibility",
    ]
    assert _found(server, page, paths) == {}


def test_no_markdown_in_question_aria_labels__ok(served: tuple[Server, str, str], page: Any) -> None:
    """Should find no Markdown mark in any aria-label on the question screens (help buttons included)."""
    server, _, own = served
    paths = [f"questionnaire?a={own}&s={s}" for s in ("scie.innovation", "nasss.technology", "sips.theory_of_change")]
    assert _found(server, page, paths, wait_for='[data-testid="stTooltipIcon"]') == {}  # questions drawn


def test_check_sees_markdown__ok() -> None:
    """Should report the marks it looks for and pass plain text (the check itself can fail)."""
    for bad in ("Weight for **Inner**", "see `docs`", "[link](https://x)", "*emphasis*"):
        assert MARKDOWN.search(bad), bad
    for fine in ("Weight for 'Inner' (key scie.innovation); default 1.", "2 * 3", "snake_case_id"):
        assert not MARKDOWN.search(fine), fine
