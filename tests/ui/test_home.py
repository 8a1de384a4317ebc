"""AppTest tests for the home page: start, validate, open, follow up, load the illustrative examples."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from assessments.examples import load_examples
from assessments.models import Answer, AssessmentMeta, Innovation, Stage
from assessments.store import Store
from tests.ui.conftest import main_text, open_page, page_text, plain, support_lines
from ui.widgets import REQUIRED_DETAILS

HOME = "ui/home.py"


EXAMPLE = "Illustrative example (read-only)"


def real_table(at: AppTest) -> pd.DataFrame:
    """The list of real assessments (the one table whose rows are not examples)."""
    [table] = [d.value for d in at.dataframe if EXAMPLE not in set(d.value["Access"])]
    return table


def example_table(at: AppTest) -> pd.DataFrame:
    """The list of illustrative examples."""
    [table] = [d.value for d in at.dataframe if set(d.value["Access"]) == {EXAMPLE}]
    return table


def _submit(at: AppTest) -> AppTest:
    return at.form_submit_button[0].click().run()


def test_first_visit_renders__ok(app_store: Store) -> None:
    """Should render with no saved assessments, offering the start form and the illustrative examples."""
    at = open_page(HOME)
    assert not at.exception
    assert at.button(key="home:load_examples").label == "Load illustrative examples"
    assert at.text_input(key="home:new:name").value == ""
    assert at.radio(key="home:new:stage").value is None
    assert at.radio(key="home:new:role").value is None
    assert "Nothing is saved yet" in page_text(at)


def test_single_user_notice__ok(app_store: Store) -> None:
    """Should say near the top that this is a single-user installation, visible to anyone on this computer."""
    at = open_page(HOME)
    [notice] = [i.body for i in at.info if "single-user installation" in i.body]
    assert "no sign-in" in notice
    assert "this computer only" in notice
    assert "visible to anyone using this computer" in notice
    assert "Sign-in" in notice
    assert "single-user installation" in at.info[0].body


@pytest.mark.parametrize(
    ("name", "stage", "role", "missing"),
    [
        ("", None, None, ["innovation.name", "assessment.stage", "assessment.assessor_role"]),
        ("   ", "pilot", "provider", ["innovation.name"]),
        ("Homeshare", None, "provider", ["assessment.stage"]),
        ("Homeshare", "idea", None, ["assessment.assessor_role"]),
    ],
)
def test_start_missing_required__error(
    app_store: Store, name: str, stage: str | None, role: str | None, missing: list[str]
) -> None:
    """Should name each missing required field by its label in plain words, keep the code and field path to
    the small print for support, and save nothing."""
    at = open_page(HOME)
    at.text_input(key="home:new:name").input(name)
    if stage:
        at.radio(key="home:new:stage").set_value(stage)
    if role:
        at.radio(key="home:new:role").set_value(role)
    at = _submit(at)
    assert not at.exception
    errors = "\n".join(e.body for e in at.error)
    read, support = main_text(errors), support_lines(errors)
    for field in missing:
        assert f"- {REQUIRED_DETAILS[field]} is required but empty." in read  # the form's label, once
        assert f"For support: ASSESSMENT_008 · field {field}" in support
    assert "ASSESSMENT_008" not in read and "innovation." not in read and "assessment." not in read
    assert len(support) == len(missing)
    assert app_store.list_assessments() == []


def test_start_assessment_opens_questionnaire__ok(app_store: Store) -> None:
    """Should save the new assessment and switch to the questionnaire with its id in the URL."""
    at = open_page(HOME)
    at.text_input(key="home:new:name").input("Community circles")
    at.text_input(key="home:new:org").input("=cmd|' /C calc'!A0")
    at.radio(key="home:new:stage").set_value("established")
    at.radio(key="home:new:role").set_value("commissioner")
    at.date_input(key="home:new:date").set_value(dt.date(2026, 3, 31))
    at = _submit(at)
    assert not at.exception
    [summary] = app_store.list_assessments()
    assert at.query_params["a"] == summary.id
    assert summary.innovation_name == "Community circles"
    assert summary.organisation == "=cmd|' /C calc'!A0"
    assert summary.stage is Stage.ESTABLISHED
    assert summary.assessed_on == dt.date(2026, 3, 31)
    assert at.title[0].value == "Community circles"
    assert len(at.radio) > 0


def test_load_examples_kept_apart__ok(app_store: Store) -> None:
    """Should load the examples into their own labelled section, never into the list of real assessments."""
    at = open_page(HOME)
    at = at.button(key="home:load_examples").click().run()
    assert not at.exception
    examples = app_store.list_assessments(examples=True)
    assert len(examples) >= 4
    assert app_store.list_assessments() == []
    assert "Illustrative examples (read-only, not real innovations)" in [s.value for s in at.subheader]
    [table] = [d.value for d in at.dataframe]
    assert len(table) == len(examples)
    assert set(table["Access"]) == {"Illustrative example (read-only)"}
    assert all(p.endswith("answered") for p in table["Progress"])
    assert not [b for b in at.button if b.key == "home:load_examples"]
    assert "Nothing is saved yet" in page_text(at)
    load_examples(app_store)
    assert len(app_store.list_assessments(examples=True)) == len(examples)


def test_examples_never_in_main_list__ok(app_store: Store) -> None:
    """Should list a real assessment in the main table and the examples only in theirs, even when searching."""
    load_examples(app_store)
    aid = app_store.create_assessment(Innovation(name="Homeshare Plus"), AssessmentMeta(stage=Stage.IDEA))
    at = open_page(HOME)
    assert list(real_table(at)["Innovation"]) == ["Homeshare Plus"]
    assert len(at.selectbox(key="home:pick").options) == 1
    assert "Homeshare Plus" not in set(example_table(at)["Innovation"])
    first_example = app_store.list_assessments(examples=True)[0].innovation_name
    at = at.text_input(key="home:search").input(first_example).run()
    assert "No saved assessment matches" in page_text(at)
    assert first_example in set(example_table(at)["Innovation"])
    assert aid


def test_search__ok(app_store: Store) -> None:
    """Should filter the list by search words and say when nothing matches."""
    app_store.create_assessment(Innovation(name="Befriending app"), AssessmentMeta(stage=Stage.IDEA))
    app_store.create_assessment(Innovation(name="Community circles"), AssessmentMeta(stage=Stage.IDEA))
    at = open_page(HOME)
    at = at.text_input(key="home:search").input("circles").run()
    assert list(real_table(at)["Innovation"]) == ["Community circles"]
    at = at.text_input(key="home:search").input("zzzz no such thing").run()
    assert "No saved assessment matches" in page_text(at)


def test_open_saved__ok(app_store: Store) -> None:
    """Should open the picked assessment on the questionnaire page."""
    aid = app_store.create_assessment(Innovation(name="Befriending app"), AssessmentMeta(stage=Stage.IDEA))
    at = open_page(HOME)
    assert at.button(key="home:open").disabled
    at = at.selectbox(key="home:pick").set_value(aid).run()
    at = at.button(key="home:open").click().run()
    assert not at.exception
    assert at.query_params["a"] == aid
    assert at.title[0].value == "Befriending app"


def test_follow_up_prefilled__ok(app_store: Store) -> None:
    """Should start a follow-up dated today, pre-filled from the latest assessment, and open it."""
    aid = app_store.create_assessment(
        Innovation(name="Homeshare", organisation="Org"), AssessmentMeta(assessed_on=dt.date(2025, 1, 1))
    )
    app_store.save_answer(aid, "scie", next(iter(app_store.frameworks["scie"].items)), Answer(value="recognised"))
    at = open_page(HOME)
    at = at.selectbox(key="home:pick").set_value(aid).run()
    at = at.button(key="home:follow_up").click().run()
    assert not at.exception
    new_id = at.query_params["a"]
    assert new_id != aid
    follow = app_store.get_assessment(new_id)
    assert follow.assessment.assessed_on == dt.date.today()
    assert follow.answers == app_store.get_assessment(aid).answers


def test_archive_and_restore__ok(app_store: Store) -> None:
    """Should archive the picked assessment into the Archived list, say so, and restore it from there."""
    aid = app_store.create_assessment(Innovation(name="Homeshare"), AssessmentMeta(stage=Stage.IDEA))
    at = open_page(HOME)
    assert not [e for e in at.expander if e.label.startswith("Archived")]
    at = at.selectbox(key="home:pick").set_value(aid).run()
    at = at.button(key="home:archive").click().run()
    assert not at.exception
    assert "Archived Homeshare" in plain(page_text(at))
    assert app_store.list_assessments() == []
    assert [s.id for s in app_store.list_assessments(archived=True)] == [aid]
    [archived] = [e for e in at.expander if e.label.startswith("Archived")]
    assert archived.label == "Archived (1)"
    assert at.button(key="home:restore").disabled
    at = at.selectbox(key="home:archived_pick").set_value(aid).run()
    at = at.button(key="home:restore").click().run()
    assert not at.exception
    assert "Restored Homeshare" in plain(page_text(at))
    assert [s.id for s in app_store.list_assessments()] == [aid]


def test_delete_needs_confirmation__ok(app_store: Store) -> None:
    """Should delete only once the confirmation is ticked, then say what was deleted."""
    aid = app_store.create_assessment(
        Innovation(name="Night *sitting*"), AssessmentMeta(label="Baseline", assessed_on=dt.date(2026, 1, 5))
    )
    at = open_page(HOME)
    at = at.selectbox(key="home:pick").set_value(aid).run()
    assert at.button(key="home:delete").disabled
    [confirm] = [c for c in at.checkbox if c.key == f"home:delete_confirm:{aid}"]
    assert confirm.value is False
    assert "Night *sitting* · Baseline · 2026-01-05" in plain(confirm.label)
    at = confirm.check().run()
    at = at.button(key="home:delete").click().run()
    assert not at.exception
    [done] = [s.body for s in at.success]
    assert plain(done).startswith("Deleted Night *sitting* · Baseline · 2026-01-05 for good")
    assert app_store.list_assessments() == []
    assert "Nothing is saved yet" in page_text(at)


def test_examples_read_only__ok(app_store: Store) -> None:
    """Should offer only reading an example (open read-only, see results), never changing it."""
    load_examples(app_store)
    at = open_page(HOME)
    example = app_store.list_assessments(examples=True)[0]
    at = at.selectbox(key="home:examples_pick").set_value(example.id).run()
    labels = {b.label for b in at.button}
    assert {"Open (read-only)", "See results"} <= labels
    assert not {"Archive", "Delete for good"} & labels
    at = at.button(key="home:examples_results").click().run()
    assert not at.exception
    assert at.query_params["a"] == example.id
