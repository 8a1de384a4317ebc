"""AppTest tests for the home page: start, validate, open, follow up, load the illustrative examples."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from assessments.examples import load_examples
from assessments.models import Answer, AssessmentMeta, Innovation, Stage
from assessments.store import Store
from tests.ui.conftest import open_page, page_text

HOME = "ui/home.py"


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
    assert "No assessments saved yet" in page_text(at)


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
    """Should name each missing required field and save nothing."""
    at = open_page(HOME)
    at.text_input(key="home:new:name").input(name)
    if stage:
        at.radio(key="home:new:stage").set_value(stage)
    if role:
        at.radio(key="home:new:role").set_value(role)
    at = _submit(at)
    assert not at.exception
    errors = "\n".join(e.body for e in at.error)
    for field in missing:
        assert f"field '{field}'" in errors
        assert "ASSESSMENT_008" in errors
    assert errors.count("ASSESSMENT_008") == len(missing)
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


def test_load_examples_and_search__ok(app_store: Store) -> None:
    """Should load the illustrative examples once, list them as illustrative and filter them by search."""
    at = open_page(HOME)
    at = at.button(key="home:load_examples").click().run()
    assert not at.exception
    rows = app_store.list_assessments()
    assert len(rows) >= 4
    table = at.dataframe[0].value
    assert len(table) == len(rows)
    assert all("(illustrative)" in name for name in table["Innovation"])
    assert all(p.endswith("answered") for p in table["Progress"])
    assert not [b for b in at.button if b.key == "home:load_examples"]
    load_examples(app_store)
    assert len(app_store.list_assessments()) == len(rows)
    first = rows[0].innovation_name
    at = at.text_input(key="home:search").input(first.split()[0]).run()
    names = set(at.dataframe[0].value["Innovation"])
    assert names and all(first.split()[0].lower() in n.lower() for n in names)
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
