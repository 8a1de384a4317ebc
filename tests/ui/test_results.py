"""AppTest tests for the results page, with assessments saved in a fresh test database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessments.catalogue import bundled_frameworks
from assessments.examples import load_examples
from assessments.methods import method_of
from assessments.models import Answer, AssessmentMeta, Innovation, Stage
from assessments.store import Store
from tests.ui.conftest import chart_bodies

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 60


@pytest.fixture(name="store")
def _store(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """A store on a fresh database, also used by the app through DATABASE_URL."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    store = Store(database_url, frameworks=bundled_frameworks())
    yield store
    store.close()


def _results(assessment_id: str | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if assessment_id:
        at.query_params["a"] = assessment_id
    at.switch_page("ui/results.py")
    return at.run()


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [w.body for w in at.warning] + [i.body for i in at.info] + [e.body for e in at.error]
    return "\n".join(str(p) for p in parts)


def test_example_with_history_renders__ok(store: Store) -> None:
    """Should render an example follow-up with one chart per framework, its tables, what changed and next steps."""
    ids = load_examples(store)
    follow_up = next(i for i in ids if "follow" in store.get_summary(i).label.lower())
    at = _results(follow_up)
    assert not at.exception
    assert len(chart_bodies(at)) == len(bundled_frameworks())
    text = _text(at)
    assert "These are self-assessments" in text
    assert "Overlaying 1 earlier assessment" in text
    assert "Suggested next steps" in [h.value for h in at.header]
    # radar tables and change tables: one of each per framework, and the (read-only) example's history
    assert len(at.dataframe) == 2 * len(bundled_frameworks()) + 1
    assert "Draws on:" in text


def test_seeded_flags_shown__ok(store: Store) -> None:
    """Should show the expected flags for a seeded assessment: priority gaps, several complex domains, unknown count."""
    aid = store.create_assessment(Innovation(name="Flag test"), AssessmentMeta(stage=Stage.PILOT))
    seeded = {
        ("scie", "coproduction"): "not_considered",  # priority 6 gap
        ("scie", "risk_aversion"): "dont_know",  # priority 5 gap (don't know)
        ("scie", "shared_vision"): "addressed",
        ("nasss", "condition_nature"): "complex",
        ("nasss", "wider_policy"): "complex",
        ("nasss", "organisation_capacity"): "dont_know",
    }
    for (fid, iid), value in seeded.items():
        store.save_answer(aid, fid, iid, Answer(value=value))
    at = _results(aid)
    assert not at.exception
    text = _text(at)
    assert "priority gaps (2)" in text
    assert "Complex in several domains" in text
    assert "2 of 8** priority factors are gaps" in text
    assert "2 of 7** domains rated complex" in text
    assert "1 don't know" in text  # per framework unknown counts
    assert "Don't know answers" in text
    # one chart per framework, no earlier assessments to overlay
    assert len(chart_bodies(at)) == 3
    assert "Overlaying" not in text


def test_section_level_radio__ok(store: Store) -> None:
    """Should switch the SCIE chart to its two sections through a keyed radio, drawn as bars (a radar of two
    spokes is a line), while NASSS and SIPS keep their radars."""
    aid = store.create_assessment(Innovation(name="Radio test"), AssessmentMeta())
    at = _results(aid)
    assert all("<img" in body for body in chart_bodies(at))  # every framework's radar, factor spokes for SCIE
    at.radio(key="results:level:scie").set_value("Each section (0-100)").run()
    assert not at.exception
    scie, *others = chart_bodies(at)
    assert len(others) == 2
    assert "<img" not in scie and scie.count("<li>") == 2  # bars, one per section
    assert all("<img" in body for body in others)


def test_chart_note_shown_once__ok(store: Store) -> None:
    """Should print each framework's note on reading its chart once (the chart no longer repeats it)."""
    ids = load_examples(store)
    at = _results(ids[0])
    text = _text(at) + "\n".join(chart_bodies(at))
    for fw in bundled_frameworks().values():
        assert text.count(method_of(fw).chart_note) == 1, fw.id


@pytest.mark.parametrize(("assessment_id", "expected"), [(None, "No assessment is open"), ("nope", "STORAGE_001")])
def test_missing_or_unknown_assessment__error(store: Store, assessment_id: str | None, expected: str) -> None:
    """Should explain, without a traceback, when no assessment is open or the id is unknown."""
    at = _results(assessment_id)
    assert not at.exception
    assert expected in _text(at)
    assert not chart_bodies(at)


def test_widgets_have_keys__ok(store: Store) -> None:
    """Should give every widget on the results page an explicit key."""
    ids = load_examples(store)
    at = _results(ids[0])
    widgets = list(at.radio) + list(chart_bodies(at)) + list(at.dataframe)
    assert widgets
    for w in at.radio:
        assert w.key and w.key.startswith("results:")


@pytest.mark.parametrize("bad_id", ["no-such-id", "no\x00such"])
def test_unknown_assessment__error(store: Store, bad_id: str) -> None:
    """Should show the STORAGE_001 message, and no traceback, for an id that is not saved (a hand-edited link
    may hold a NUL character, which PostgreSQL text cannot)."""
    at = _results(bad_id)
    assert not at.exception
    assert ["STORAGE_001" in e.body for e in at.error] == [True]
    assert not chart_bodies(at)


def test_offers_pdf_and_csv_downloads__ok(store: Store) -> None:
    """Should offer the PDF report and the two tidy CSVs of the assessment shown, named after it."""
    ids = load_examples(store)
    follow_up = next(i for i in ids if "follow" in store.get_summary(i).label.lower())
    at = _results(follow_up)
    assert not at.exception
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert labels == ["Download PDF report", "Download CSV (answers)", "Download CSV (section results)"]
    assert "docs/reports.md" in _text(at)


def test_assessor_named_with_role__ok(store: Store) -> None:
    """Should name who assessed it, with their role in brackets, and say only the role when no name was given."""
    from assessments.models import AssessorRole

    named = store.create_assessment(
        Innovation(name="Named"), AssessmentMeta(assessor="Jo *Bloggs*", assessor_role=AssessorRole.INNOVATOR)
    )
    unnamed = store.create_assessment(Innovation(name="Unnamed"), AssessmentMeta(assessor_role=AssessorRole.INNOVATOR))
    assert "assessed by: Jo \\*Bloggs\\* (Innovator)" in _text(_results(named))
    assert "assessed by: an innovator" in _text(_results(unnamed))
