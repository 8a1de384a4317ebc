"""What a person reads: plain words first, no flag codes or field paths as the main text, the baseline named."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from assessments.examples import load_examples
from assessments.models import FlagCode
from assessments.store import Store
from assessments.wording import changes_title
from tests.ui.conftest import main_text, open_page, support_lines
from tests.ui.test_compare_page import ORDER, save_pair

RESULTS = "ui/results.py"
COMPARE = "ui/compare.py"


METHOD_NOTES = ("# How the results are worked out", "## Comparing innovations")
"""The method notes (docs/scoring.md, the comparison's): the reference that names each flag's code in brackets
after its description in words (tests/test_wording.py requires it), so they are left out of the search."""


def _everything(at: AppTest) -> str:
    """All text the page shows but the method notes: Markdown, captions, alerts, headings, expander titles, table cells."""
    markdown = [m.value for m in at.markdown if not str(m.value).startswith(METHOD_NOTES)]
    parts = [*markdown, *(c.value for c in at.caption), *(t.value for t in at.title), *(s.value for s in at.subheader)]
    parts += [w.body for w in (*at.warning, *at.info, *at.error, *at.success)]
    parts += [h.value for h in at.header] + [e.label for e in at.expander]
    for frame in (d.value for d in at.dataframe):
        if isinstance(frame, pd.DataFrame):
            parts += [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
    return "\n".join(parts)


def _flag_codes_in(text: str) -> list[str]:
    return [code.value for code in FlagCode if code.value in text]


def test_results_show_flag_labels_never_codes__ok(app_store: Store) -> None:
    """Should show every example's flags by their labels, with no flag code anywhere on the Results page."""
    shown_labels = set()
    for aid in load_examples(app_store):
        at = open_page(RESULTS, a=aid)
        assert not at.exception
        text = _everything(at)
        assert _flag_codes_in(text) == [], aid
        shown_labels |= {code.label for code in FlagCode if code.label in text}
    assert len(shown_labels) >= 3  # the examples do raise flags: the check above has something to miss


@pytest.mark.parametrize("scope", ["ours", "examples"])
def test_compare_shows_no_flag_codes__ok(app_store: Store, scope: str) -> None:
    """Should show no flag code on the Compare page, for the examples or the workspace's own, ordering included."""
    load_examples(app_store)
    save_pair(app_store)
    at = open_page(COMPARE)
    at.radio(key="compare:scope").set_value(scope).run()
    at.selectbox(key=ORDER).select("scie").run()
    assert not at.exception
    text = _everything(at)
    assert "Priority" in text  # the screen and the ordering are on the page
    assert _flag_codes_in(text) == []


def test_change_view_names_the_baseline__ok(app_store: Store) -> None:
    """Should title each change view after the earlier assessment it compares with, by its date and label."""
    ids = load_examples(app_store)
    summaries = [app_store.get_summary(i) for i in ids]
    follow_up = next(s for s in summaries if "follow" in s.label.lower())
    baseline = next(
        s
        for s in summaries
        if s.innovation_name == follow_up.innovation_name and s.id != follow_up.id and s.assessed_on
    )
    at = open_page(RESULTS, a=follow_up.id)
    assert not at.exception
    titles = [e.label for e in at.expander if e.label.startswith("What changed since")]
    expected = changes_title(baseline.label, baseline.assessed_on)
    assert baseline.assessed_on is not None and baseline.assessed_on.strftime("%B %Y") in expected
    assert titles and all(t == expected for t in titles)
    assert not any("Earlier (" in t for t in titles)


def test_empty_profile_name_says_what_to_type__error(app_store: Store) -> None:
    """Should say an empty profile name is empty and what to type, in words first, and save nothing."""
    save_pair(app_store)
    at = open_page(COMPARE)
    at.selectbox(key=ORDER).select("scie").run()
    at.button(key="compare:save").click().run()
    assert not at.exception
    [box] = [e.body for e in at.error if "profile" in e.body.lower()]
    read = main_text(box)
    assert read.startswith("The profile was not saved.")
    assert "The profile name is empty. Type a name for these weights" in read
    assert "weights cannot be used" not in read and "COMPARE_" not in read
    assert support_lines(box) == ["For support: COMPARE_008 · field name"]
    assert app_store.weight_profiles() == {}
