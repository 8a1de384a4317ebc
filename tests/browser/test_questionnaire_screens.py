"""Browser tests of questionnaire screens a person can scan: clearing an answer, counts that agree with
Results, no misleading "Ctrl+Enter" hint, and a phone-width screen that never scrolls sideways."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from assessments.catalogue import bundled_frameworks
from assessments.models import Answer, AssessmentMeta, Innovation
from assessments.store import Store
from tests.browser.conftest import Server, settled
from tests.browser.test_accessibility import violations
from tests.browser.test_journey import no_exception, question_groups

pytestmark = pytest.mark.browser

FRAMEWORKS = bundled_frameworks()
SCIE_FIRST = FRAMEWORKS["scie"].sections[0]


@pytest.fixture(name="store")
def _store(app_server: Server) -> Iterator[Store]:
    store = Store(app_server.database_url, frameworks=FRAMEWORKS)
    try:
        yield store
    finally:
        store.close()


def _wait_for(check: Any, what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def _main_text(page: Any) -> str:
    return str(page.locator('[data-testid="stMain"]').inner_text())


def test_cleared_answer_stays_cleared_after_reload__ok(app_server: Server, page: Any, store: Store) -> None:
    """Should clear an answer from the keyboard, save that at once, and still show no answer after a reload."""
    aid = store.create_assessment(Innovation(name="Clearing"), AssessmentMeta())
    first, second = SCIE_FIRST.items[0].id, SCIE_FIRST.items[1].id
    store.save_answer(aid, "scie", first, Answer(value="recognised", note="Kept"))
    store.save_answer(aid, "scie", second, Answer(value="addressed"))
    page.goto(f"{app_server.url}/questionnaire?a={aid}&s=scie.{SCIE_FIRST.id}")
    settled(page)
    size = len(SCIE_FIRST.items)
    expect(page.get_by_text(f"This section: 2 of {size} answered ·")).to_be_visible()
    clear = page.get_by_role("button", name="Clear answer to question 1")
    clear.focus()
    page.keyboard.press("Enter")
    _wait_for(lambda: store.get_answers(aid, "scie")["scie"][first].value is None, "the cleared answer was not saved")
    assert store.get_answers(aid, "scie")["scie"][first] == Answer(note="Kept")
    settled(page)
    expect(page.get_by_text(f"This section: 1 of {size} answered ·")).to_be_visible()
    expect(question_groups(page).first.locator("input[type=radio]:checked")).to_have_count(0)
    page.reload()
    settled(page)
    expect(question_groups(page).nth(1).get_by_role("radio", name="3 – Addressed, with evidence")).to_be_checked()
    expect(question_groups(page).first.locator("input[type=radio]:checked")).to_have_count(0)
    expect(page.get_by_role("button", name="Clear answer to question 1")).to_have_count(0)
    expect(page.get_by_role("button", name="Clear answer to question 2")).to_have_count(1)
    no_exception(page)


def test_counts_equal_results__ok(app_server: Server, page: Any, store: Store) -> None:
    """Should count answers on the questionnaire exactly as Results does, don't know and not applicable included."""
    aid = store.create_assessment(Innovation(name="Counting"), AssessmentMeta())
    for item, value in zip(SCIE_FIRST.items, ["recognised", "addressed", "dont_know", "not_applicable"], strict=False):
        store.save_answer(aid, "scie", item.id, Answer(value=value))
    store.save_answer(aid, "scie", SCIE_FIRST.items[4].id, Answer(note="A note only: not an answer"))
    page.goto(f"{app_server.url}/questionnaire?a={aid}&s=scie.{SCIE_FIRST.id}")
    settled(page)
    line = page.locator('[data-testid="stProgress"]').inner_text()
    total = FRAMEWORKS["scie"].item_count
    counted = f"4 of {total} answered, of which 1 don't know and 1 not applicable"
    assert f"SCIE scaling factors: {counted}" in line, line
    page.goto(f"{app_server.url}/results?a={aid}")
    page.get_by_role("heading", name="Suggested next steps").wait_for()
    assert counted in _main_text(page)


def test_no_apply_hint_on_boxes_that_save_themselves__ok(app_server: Server, page: Any, store: Store) -> None:
    """Should show no "Press Ctrl+Enter to apply" while typing in a box that saves when left, and still count characters."""
    aid = store.create_assessment(Innovation(name="Hints"), AssessmentMeta())
    page.goto(f"{app_server.url}/questionnaire?a={aid}&s=scie.{SCIE_FIRST.id}&n=1")
    settled(page)
    note = page.get_by_label("Note (optional)").first
    note.click()
    page.keyboard.type("Typed, not yet sent")
    expect(page.get_by_text(re.compile(r"^19/\d+$"))).to_be_visible()  # the character count stays
    assert page.get_by_text(re.compile("Enter to apply")).filter(visible=True).count() == 0
    page.keyboard.press("Tab")
    _wait_for(lambda: bool(store.get_answers(aid, "scie").get("scie")), "the note was not saved when left")
    page.goto(f"{app_server.url}/questionnaire?a={aid}&s=details")
    settled(page)
    page.get_by_label("Organisation").click()
    page.keyboard.type("Riverside")
    page.wait_for_timeout(300)
    assert page.get_by_text(re.compile("Enter to apply")).filter(visible=True).count() == 0
    page.keyboard.press("Tab")
    _wait_for(
        lambda: store.get_assessment(aid).innovation.organisation == "Riverside", "the organisation was not saved"
    )


_OVERFLOW = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const out = [];
  if (document.scrollingElement.scrollWidth > innerWidth) out.push('page ' + document.scrollingElement.scrollWidth);
  if (main.scrollWidth > main.clientWidth) out.push('main ' + main.scrollWidth);
  const wanted = '[data-testid="stRadio"] label, [data-testid="stWidgetLabel"], [data-testid="stProgress"],'
    + ' [data-testid="stButton"] button, [data-testid="stExpander"] summary, [data-testid="stPageLink"] a,'
    + ' [data-testid="stMarkdownContainer"] li, textarea, input';
  for (const el of main.querySelectorAll(wanted)) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || el.closest('[aria-hidden="true"]')) continue;  // not shown (a closed expander's content)
    if (box.left < 0 || box.right > innerWidth + 0.5) out.push('outside: ' + (el.innerText || el.getAttribute('aria-label') || el.type || el.tagName).slice(0, 60) + ' ' + Math.round(box.left) + '..' + Math.round(box.right));
    if (el.tagName !== 'INPUT' && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
      out.push('clipped: ' + (el.innerText || el.tagName).slice(0, 60));
  }
  return out;
}"""


@pytest.mark.parametrize("step", [f"scie.{SCIE_FIRST.id}", "nasss.technology", "sips.defining", "details"])
def test_phone_width_nothing_scrolls_sideways__ok(app_server: Server, page: Any, store: Store, step: str) -> None:
    """Should fit a 390 px screen: no sideways scrolling, every answer, label, button and link inside the screen."""
    aid = store.create_assessment(Innovation(name="Phone"), AssessmentMeta())
    for item in FRAMEWORKS["scie"].items.values():
        store.save_answer(aid, "scie", item.id, Answer(value="dont_know"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_server.url}/questionnaire?a={aid}&s={step}&n=1")
    settled(page)
    fields = page.locator('[data-testid="stRadio"], [data-testid="stTextArea"]')
    expect(fields.first).to_be_visible()
    others = page.get_by_text(re.compile(r"^Other sections with questions left"))
    if others.count():
        others.click()  # its links must fit too
        page.wait_for_timeout(300)
    assert page.evaluate(_OVERFLOW) == []
    radios = page.locator('[data-testid="stRadio"] label')
    for i in range(radios.count()):
        box = radios.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, radios.nth(i).inner_text()
    no_exception(page)


@pytest.mark.parametrize("width", [1400, 390])
def test_editable_screens_accessible__ok(app_server: Server, page: Any, store: Store, width: int) -> None:
    """Should find no WCAG 2.2 AA violation of ours on screens that can be answered (the examples' are read-only),
    with answers to clear and every expander open."""
    aid = store.create_assessment(Innovation(name="Accessible"), AssessmentMeta())
    store.save_answer(aid, "scie", SCIE_FIRST.items[0].id, Answer(value="recognised"))
    store.save_answer(aid, "nasss", FRAMEWORKS["nasss"].section("technology").items[0].id, Answer(value="complex"))
    page.set_viewport_size({"width": width, "height": 900})
    problems = {}
    for step in (f"scie.{SCIE_FIRST.id}", "nasss.technology", "sips.defining"):
        page.goto(f"{app_server.url}/questionnaire?a={aid}&s={step}")
        settled(page)
        expect(page.locator('[data-testid="stProgress"]')).to_be_visible()
        summaries = page.locator('[data-testid="stExpander"] summary')
        for i in range(summaries.count()):
            summaries.nth(i).click()
        if found := violations(page):
            problems[step] = found
    assert problems == {}
