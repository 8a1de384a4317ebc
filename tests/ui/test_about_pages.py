"""AppTest tests for the About pages: the framework browser and the scoring method."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessments.catalogue import bundled_frameworks
from assessments.wording import method_markdown

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 60

# The app opens its database even for these pages: a fresh one per test, never data/assessments.db
# (which may have been made by an earlier release, or be someone's real data).
pytestmark = pytest.mark.usefixtures("app_store")


@pytest.fixture(autouse=True)
def _own_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database of the test's own, never the developer's data/assessments.db."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'about.db'}")


def _page(path: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.switch_page(path)
    return at.run()


def _markdown(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown) + "\n".join(str(c.value) for c in at.caption)


@pytest.mark.parametrize("framework_id", ["scie", "nasss", "sips"])
def test_framework_browser_shows_framework__ok(framework_id: str) -> None:
    """Should show a framework's citation, licence, adaptations, every item and each option's descriptor."""
    fw = bundled_frameworks()[framework_id]
    at = _page("ui/frameworks.py")
    at.radio(key="frameworks:pick").set_value(framework_id).run()
    assert not at.exception
    text = _markdown(at)
    assert fw.citation.url in text
    assert fw.licence in text
    assert fw.adaptations[0] in text
    assert [h.value for h in at.header] == [fw.title]
    assert len(at.expander) == fw.item_count
    assert [s.value for s in at.subheader] == [f"{s.title} ({len(s.items)} questions)" for s in fw.sections]
    first_choice = next(i for i in fw.items.values() if i.type == "choice")
    descriptors = {o.descriptor for o in fw.options(first_choice.id) if o.descriptor}
    table_text = "\n".join(t.value.to_string() for t in at.table)
    assert all(d[:30] in table_text for d in descriptors)


def test_framework_browser_marks_priorities__ok() -> None:
    """Should mark SCIE's priority items in text (a star and the priority number), not colour alone."""
    at = _page("ui/frameworks.py")
    labels = [e.label for e in at.expander]
    starred = [label for label in labels if "★ SCIE priority" in label]
    assert len(starred) == sum(1 for i in bundled_frameworks()["scie"].items.values() if i.priority)


@pytest.mark.parametrize(("needle", "expected"), [("turnover", 1), ("zzzz-no-such-question", 0)])
def test_framework_browser_search__ok(needle: str, expected: int) -> None:
    """Should filter the questions shown by the search text."""
    at = _page("ui/frameworks.py")
    at.text_input(key="frameworks:search").input(needle).run()
    assert not at.exception
    assert len(at.expander) == expected


def test_method_page_renders_method_note__ok() -> None:
    """Should render the one method note and list the sources of the next-step advice."""
    at = _page("ui/method.py")
    assert not at.exception
    text = _markdown(at)
    assert method_markdown().strip().splitlines()[0].lstrip("# ") in text + "\n".join(h.value for h in at.title)
    assert "IMPACT Evidence Informed Change Model" in text
