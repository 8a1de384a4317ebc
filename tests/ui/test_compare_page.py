"""AppTest tests for the compare page, with assessments saved in a fresh test database."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from assessments.catalogue import bundled_frameworks
from assessments.examples import load_examples
from assessments.models import Answer, Assessment, AssessmentMeta, Innovation, Stage
from assessments.store import Store
from tests.ui.conftest import open_page, page_text

PAGE = "ui/compare.py"
INNOVATION = "compare:weight:scie.innovation"


def scie_only(name: str, innovation: str, external: str, stage: Stage) -> Assessment:
    """An assessment answering only SCIE: every innovation factor with one option, every external with another."""
    scie = bundled_frameworks()["scie"]
    answers = {
        iid: Answer(value=innovation if scie.section_of(iid).id == "innovation" else external)
        for iid, item in scie.items.items()
        if item.type == "choice"
    }
    return Assessment(
        innovation=Innovation(name=name, organisation="Test org"),
        assessment=AssessmentMeta(stage=stage),
        answers={"scie": answers},
    )


def save_pair(store: Store) -> None:
    """Inside-strong (100 innovation, 0 external) vs all-round (67/67): equal weights put All-round first."""
    store.save_assessment(scie_only("Inside strong", "addressed", "not_considered", Stage.PILOT))
    store.save_assessment(scie_only("All round", "partly_addressed", "partly_addressed", Stage.SPREADING))


def ranking(at: AppTest) -> pd.DataFrame:
    """The ranking table shown on the page."""
    frames = [d.value for d in at.dataframe if "Rank range" in d.value.columns]
    assert len(frames) == 1
    frame = frames[0].copy()
    frame["Innovation"] = [label.split(" (")[0] for label in frame["Innovation"]]
    return frame


def test_weights_change_ranking__ok(app_store: Store) -> None:
    """Should rank with equal weights first and reorder at once when one weight is raised."""
    save_pair(app_store)
    at = open_page(PAGE)
    assert not at.exception
    assert at.number_input(key=INNOVATION).value == 1.0
    assert list(ranking(at)["Innovation"]) == ["All round", "Inside strong"]
    at.number_input(key=INNOVATION).set_value(5.0).run()
    assert not at.exception
    # Inside strong: (5 × 100 + 0) / 6 = 83.3; All round: 66.7
    table = ranking(at)
    assert list(table["Innovation"]) == ["Inside strong", "All round"]
    assert list(table["Weighted score (0-100)"]) == [83.3, 66.7]
    at.button(key="compare:reset").click().run()
    assert at.number_input(key=INNOVATION).value == 1.0
    assert list(ranking(at)["Innovation"]) == ["All round", "Inside strong"]


def test_caveat_charts_and_tables__ok(app_store: Store) -> None:
    """Should show the caveat, one radar per framework plus the grid and heatmap, each with a table."""
    save_pair(app_store)
    at = open_page(PAGE)
    assert "not a validated score" in page_text(at)
    frameworks = bundled_frameworks()
    assert len(at.get("plotly_chart")) == len(frameworks) + 2
    # ranking + one table per radar + grid + heatmap + evidence + summary
    assert len(at.dataframe) == 1 + len(frameworks) + 2 + 2


def test_profile_saved_and_loaded__ok(app_store: Store) -> None:
    """Should save the weights as a named profile and load them back after a reset."""
    save_pair(app_store)
    at = open_page(PAGE)
    at.number_input(key=INNOVATION).set_value(4.0).run()
    at.text_input(key="compare:profile_name").input("Inside first").run()
    at.button(key="compare:save").click().run()
    assert not at.exception
    assert app_store.weight_profiles()["Inside first"]["scie.innovation"] == 4.0
    at.button(key="compare:reset").click().run()
    assert at.number_input(key=INNOVATION).value == 1.0
    at.selectbox(key="compare:profile").select("Inside first").run()
    at.button(key="compare:load").click().run()
    assert at.number_input(key=INNOVATION).value == 4.0
    assert list(ranking(at)["Innovation"]) == ["Inside strong", "All round"]


def test_bad_profile_name__error(app_store: Store) -> None:
    """Should refuse a formula-like profile name with a message and save nothing."""
    save_pair(app_store)
    at = open_page(PAGE)
    at.text_input(key="compare:profile_name").input("=cmd").run()
    at.button(key="compare:save").click().run()
    assert not at.exception
    assert "COMPARE_006" in page_text(at)
    assert app_store.weight_profiles() == {}


def test_filter_by_stage__ok(app_store: Store) -> None:
    """Should keep only the assessments at the chosen stage."""
    save_pair(app_store)
    at = open_page(PAGE)
    at.multiselect(key="compare:stages").select(Stage.PILOT).run()
    assert list(ranking(at)["Innovation"]) == ["Inside strong"]


def test_examples_compare__ok(app_store: Store) -> None:
    """Should compare the latest assessment of each illustrative example (in the demo workspace) without errors."""
    load_examples(app_store)
    latest = app_store.list_assessments(latest_only=True, examples=True)
    at = open_page(PAGE)
    assert not at.exception
    assert "Nothing to compare yet" in page_text(at)  # the examples are not the workspace's candidates
    at.radio(key="compare:scope").set_value("examples").run()
    assert not at.exception
    assert len(ranking(at)) == len(latest) >= 2
    at.toggle(key="compare:earlier").set_value(True).run()
    assert not at.exception


def test_scopes_never_mixed__ok(app_store: Store) -> None:
    """Should offer the workspace's own assessments or the examples, each on its own, and no uploads for examples."""
    save_pair(app_store)
    load_examples(app_store)
    examples = {s.innovation_name for s in app_store.list_assessments(latest_only=True, examples=True)}
    at = open_page(PAGE)
    assert set(ranking(at)["Innovation"]) == {"Inside strong", "All round"}
    assert len(at.file_uploader) == 1
    at.radio(key="compare:scope").set_value("examples").run()
    assert set(ranking(at)["Innovation"]) == examples
    assert not {"Inside strong", "All round"} & set(ranking(at)["Innovation"])
    assert len(at.file_uploader) == 0
    at.radio(key="compare:scope").set_value("ours").run()
    assert set(ranking(at)["Innovation"]) == {"Inside strong", "All round"}


def test_empty_database__ok(app_store: Store) -> None:
    """Should explain there is nothing to compare yet."""
    at = open_page(PAGE)
    assert not at.exception
    assert "Nothing to compare yet" in page_text(at)
