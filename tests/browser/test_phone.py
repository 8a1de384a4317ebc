"""Browser tests at a phone's width (390 px) and a desktop's (1400 px): nothing that matters is cut off or needs
sideways scrolling, and the charts' labels are whole.

At 390 px, on Home, Results and Compare: the page does not scroll sideways, no element of the page is wider than
the screen, the radars give way to bars and the grids to one block per row, and grid text is the body size. At
1400 px: every radar's words lie inside the picture (the SVG is rendered on its own page in chromium and the box
of each text measured against the picture's viewBox) and read at 10 px or more.
Set PHONE_SHOTS=/some/folder to keep screenshots of each page at both widths.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.examples import load_examples
from assessments.models import AssessmentMeta, Innovation
from assessments.store import Store
from tests.browser.conftest import Server, settled
from tests.browser.test_journey import no_exception

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 1000}
SHOTS = os.environ.get("PHONE_SHOTS")

OVERFLOW = """() => {
  const width = window.innerWidth;
  const wide = [];
  for (const el of document.querySelectorAll('[data-testid="stMain"] [data-testid="stElementContainer"]')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 1 || box.left < -1)) {
      wide.push(`${el.className.slice(0, 60)} ${Math.round(box.left)}..${Math.round(box.right)}`);
    }
  }
  return {scroll: document.scrollingElement.scrollWidth, inner: width, wide};
}"""
"""The page's scroll width and every element of the page that reaches past the screen's edges."""

LABELS_INSIDE = """() => {
  const svg = document.querySelector('svg');
  const view = svg.viewBox.baseVal;
  svg.setAttribute('width', view.width);  // one user unit = one px: the boxes below are in the viewBox's units
  svg.setAttribute('height', view.height);
  const out = [];
  let smallest = Infinity;
  for (const t of svg.querySelectorAll('text')) {
    if (!t.textContent.trim()) continue;
    const b = t.getBBox();
    const m = t.getCTM();  // text placed with a transform: map its box into the svg's user space
    const x0 = m.a * b.x + m.c * b.y + m.e, y0 = m.b * b.x + m.d * b.y + m.f;
    const x1 = m.a * (b.x + b.width) + m.c * (b.y + b.height) + m.e;
    const y1 = m.b * (b.x + b.width) + m.d * (b.y + b.height) + m.f;
    const [left, right, top, bottom] = [Math.min(x0, x1), Math.max(x0, x1), Math.min(y0, y1), Math.max(y0, y1)];
    if (left < view.x - 0.5 || top < view.y - 0.5 || right > view.x + view.width + 0.5 ||
        bottom > view.y + view.height + 0.5) {
      out.push(`${t.textContent} [${left.toFixed(1)}, ${top.toFixed(1)}, ${right.toFixed(1)}, ${bottom.toFixed(1)}]`);
    }
    smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize));
  }
  return {outside: out, smallest, viewWidth: view.width};
}"""
"""Each SVG text whose box (in the picture's own units) leaves the viewBox, and the smallest font size used."""


@pytest.fixture(name="seeded")
def _seeded(app_server: Server) -> dict[str, str]:
    """The examples and one real assessment of the workspace: Home then lists both, Results has history."""
    store = Store(app_server.database_url, frameworks=bundled_frameworks())
    try:
        load_examples(store)
        store.create_assessment(Innovation(name="Memory café network for carers in rural districts"), AssessmentMeta())
        follow_up = next(s.id for s in store.list_assessments(examples=True) if "follow" in s.label.lower())
    finally:
        store.close()
    return {"results": f"results?a={follow_up}"}


def _open(page: Any, server: Server, path: str, *, examples: bool = False) -> None:
    page.goto(f"{server.url}/{path}")
    settled(page)
    if examples:
        page.get_by_text("Illustrative examples", exact=True).first.click()
        page.get_by_text("Dominance tiers").first.wait_for(state="visible")
        settled(page)
    no_exception(page)


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _fits(page: Any, where: str) -> None:
    found = page.evaluate(OVERFLOW)
    assert found["scroll"] <= found["inner"], f"{where}: the page scrolls sideways ({found})"
    assert found["wide"] == [], f"{where}: elements wider than the screen: {found['wide']}"


@pytest.mark.parametrize(("path", "examples"), [("", False), ("results", False), ("compare", True)])
def test_phone_width_nothing_cut_off__ok(
    app_server: Server, page: Any, seeded: dict[str, str], path: str, examples: bool
) -> None:
    """Should lay Home, Results and Compare out in 390 px with nothing wider than the screen."""
    page.set_viewport_size(PHONE)
    _open(page, app_server, seeded.get(path, path), examples=examples)
    _fits(page, path or "home")
    _shot(page, f"phone-{path or 'home'}")
    if path == "results":
        # the radars give way to bars, which are shown; no radar picture takes the screen
        assert page.locator(".sr-svg img:visible").count() == 0
        assert page.locator("figure.sr-bars:visible").count() == len(bundled_frameworks())
    if path == "compare":
        page.get_by_role("tab", name="NASSS grid").click()
        settled(page)
        _fits(page, "compare, NASSS grid")
        cell = page.locator(".sr-grid:visible td").first
        body = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert cell.evaluate("td => parseFloat(getComputedStyle(td).fontSize)") >= body >= 16
        # stacked: each cell names its domain, since the header row is not shown on a phone
        assert cell.evaluate("td => getComputedStyle(td, '::before').content").startswith('"Condition')


def _radar_labels(page: Any, img: Any) -> dict[str, Any]:
    src = img.get_attribute("src")
    assert src.startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(src.split(",", 1)[1]).decode("utf-8")
    probe = page.context.new_page()
    try:
        probe.set_content(svg[svg.index("<svg") :])
        found: dict[str, Any] = probe.evaluate(LABELS_INSIDE)
    finally:
        probe.close()
    found["shown_px"] = img.evaluate("img => img.getBoundingClientRect().width")
    return found


@pytest.mark.parametrize(("path", "examples"), [("results", False), ("compare", True)])
def test_desktop_radar_labels_inside_and_legible__ok(
    app_server: Server, page: Any, seeded: dict[str, str], path: str, examples: bool
) -> None:
    """Should keep every radar's words inside the picture at 1400 px, shown at 10 px or more."""
    page.set_viewport_size(DESKTOP)
    _open(page, app_server, seeded.get(path, path), examples=examples)
    _fits(page, path)
    _shot(page, f"desktop-{path}")
    radars = page.locator(".sr-svg img:visible")
    radars.nth(len(bundled_frameworks()) - 1).wait_for(state="visible", timeout=60_000)  # a busy machine draws late
    assert radars.count() == len(bundled_frameworks())  # SCIE per factor, NASSS, SIPS
    for n in range(radars.count()):
        found = _radar_labels(page, radars.nth(n))
        assert found["outside"] == [], f"radar {n}: labels outside the picture: {found['outside']}"
        shown = found["smallest"] * found["shown_px"] / found["viewWidth"]
        assert shown >= 10, f"radar {n}: its smallest text is {shown:.1f} px on screen"
