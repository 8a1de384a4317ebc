"""AppTest tests for the compare page, with assessments saved in a fresh test database."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from assessments.catalogue import bundled_frameworks
from assessments.examples import load_examples
from assessments.models import Answer, Assessment, AssessmentMeta, Innovation, Stage
from assessments.store import Store
from tests.ui.conftest import chart_bodies, open_page, page_text

PAGE = "ui/compare.py"
INNOVATION = "compare:weight:scie.innovation"
ORDER = "compare:order"


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


def table(at: AppTest, column: str) -> pd.DataFrame:
    """The one table on the page that has ``column``, innovation labels shortened to the name."""
    # The portfolio table above the comparison (keyed compare:table:...) shares some column names.
    frames = [d.value for d in at.dataframe if column in d.value.columns and not (d.key or "").startswith("compare")]
    assert len(frames) == 1
    frame = frames[0].copy()
    frame["Innovation"] = [label.split(" (")[0] for label in frame["Innovation"]]
    return frame


def tiers(at: AppTest) -> pd.DataFrame:
    """The dominance tiers table."""
    return table(at, "Tier range (all checks)")


def ordering(at: AppTest) -> pd.DataFrame:
    """The ordering inside one framework."""
    return table(at, "Position range (all checks)")


def order_scie(at: AppTest) -> None:
    """Choose the optional ordering inside SCIE."""
    at.selectbox(key=ORDER).select("scie").run()
    assert not at.exception


def test_no_cross_framework_rank__ok(app_store: Store) -> None:
    """Should show profiles, the screen and the tiers, and no ranking or weights until an ordering is asked for."""
    save_pair(app_store)
    at = open_page(PAGE)
    assert not at.exception
    text = page_text(at)
    assert "No number here adds SCIE, NASSS and SIPS together" in text
    assert "Weighted ranking" not in text and "Rank range" not in text
    assert not at.number_input  # no weights at all without an ordering
    # Inside strong (100 inside, 0 outside) and All round (67 / 67): neither is ahead everywhere
    assert list(tiers(at)["Tier"]) == [1, 1]
    assert list(tiers(at)["Innovation"]) == ["All round", "Inside strong"]  # alphabetical inside a tier


def test_weights_change_ordering__ok(app_store: Store) -> None:
    """Should order inside SCIE only, labelled as an editorial choice, and reorder when one weight is raised."""
    save_pair(app_store)
    at = open_page(PAGE)
    order_scie(at)
    assert "your own editorial choice" in page_text(at)
    assert at.number_input(key=INNOVATION).value == 1.0
    assert len(at.number_input) == 2  # SCIE's two sections only
    assert list(ordering(at)["Innovation"]) == ["All round", "Inside strong"]
    at.number_input(key=INNOVATION).set_value(5.0).run()
    assert not at.exception
    # Inside strong: (5 × 100 + 0) / 6 = 83.3; All round: 66.7
    frame = ordering(at)
    assert list(frame["Innovation"]) == ["Inside strong", "All round"]
    assert list(frame["Score, your weights (0-100)"]) == [83.3, 66.7]
    assert list(frame["Position"]) == [1, 2]
    at.button(key="compare:reset").click().run()
    assert at.number_input(key=INNOVATION).value == 1.0
    assert list(ordering(at)["Innovation"]) == ["All round", "Inside strong"]


def test_caveat_charts_and_tables__ok(app_store: Store) -> None:
    """Should show the caveat, one radar per framework plus the grid and heatmap, each with a table, then the
    screen and the tiers."""
    save_pair(app_store)
    at = open_page(PAGE)
    assert "not a validated score" in page_text(at)
    frameworks = bundled_frameworks()
    assert len(chart_bodies(at)) == len(frameworks) + 2
    # the portfolio table, then one table per radar + grid + heatmap + evidence + profile table + screen + tiers
    # + alternatives tried
    assert len(at.dataframe) == 1 + len(frameworks) + 2 + 2 + 3
    screen = table(at, "SCIE priority gaps")
    assert list(screen["Answered (% of questions)"]) == [26, 26]  # 22 of 84 questions: SCIE only


def test_screen_says_who_raises_what__ok(app_store: Store) -> None:
    """Should say in plain words which innovations raise which warnings."""
    save_pair(app_store)
    at = open_page(PAGE)
    text = page_text(at)
    assert "Which innovations raise which warnings" in text
    assert "Many questions unanswered: All round" in text


def test_mixed_stages_warning__ok(app_store: Store) -> None:
    """Should show a visible warning when the candidates are at different stages."""
    save_pair(app_store)
    at = open_page(PAGE)
    warnings = [w.value for w in at.warning]
    assert any("different stages" in w and "Pilot: Inside strong" in w for w in warnings)


def test_profile_saved_and_loaded__ok(app_store: Store) -> None:
    """Should save the weights as a named profile and load them back after a reset."""
    save_pair(app_store)
    at = open_page(PAGE)
    order_scie(at)
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
    assert list(ordering(at)["Innovation"]) == ["Inside strong", "All round"]


def test_bad_profile_name__error(app_store: Store) -> None:
    """Should refuse a formula-like profile name with a message and save nothing."""
    save_pair(app_store)
    at = open_page(PAGE)
    order_scie(at)
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
    assert list(tiers(at)["Innovation"]) == ["Inside strong"]
    assert not any("different stages" in w.value for w in at.warning)


def test_examples_compare__ok(app_store: Store) -> None:
    """Should compare the latest assessment of each illustrative example (in the demo workspace) without errors."""
    load_examples(app_store)
    latest = app_store.list_assessments(latest_only=True, examples=True)
    at = open_page(PAGE)
    assert not at.exception
    assert "Nothing to compare yet" in page_text(at)  # the examples are not the workspace's candidates
    at.radio(key="compare:scope").set_value("examples").run()
    assert not at.exception
    assert len(tiers(at)) == len(latest) >= 2
    at.toggle(key="compare:examples:earlier").set_value(True).run()
    assert not at.exception


def test_scopes_never_mixed__ok(app_store: Store) -> None:
    """Should offer the workspace's own assessments or the examples, each on its own, and no uploads for examples."""
    save_pair(app_store)
    load_examples(app_store)
    examples = {s.innovation_name for s in app_store.list_assessments(latest_only=True, examples=True)}
    at = open_page(PAGE)
    assert set(tiers(at)["Innovation"]) == {"Inside strong", "All round"}
    assert len(at.file_uploader) == 1
    at.radio(key="compare:scope").set_value("examples").run()
    assert set(tiers(at)["Innovation"]) == examples
    assert not {"Inside strong", "All round"} & set(tiers(at)["Innovation"])
    assert len(at.file_uploader) == 0
    at.radio(key="compare:scope").set_value("ours").run()
    assert set(tiers(at)["Innovation"]) == {"Inside strong", "All round"}


def test_empty_database__ok(app_store: Store) -> None:
    """Should explain there is nothing to compare yet."""
    at = open_page(PAGE)
    assert not at.exception
    assert "Nothing to compare yet" in page_text(at)
