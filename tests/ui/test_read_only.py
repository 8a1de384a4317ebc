"""AppTest tests for what people may read but not change: examples, shared copies, imports naming someone else's
assessment, comparisons per scope and workspace, and people's text shown as typed.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.examples import load_examples
from assessments.models import AssessmentMeta, Innovation
from assessments.store import LOCAL_WORKSPACE, Origin, Role, Store, Viewer
from assessments.xlsx.layout import COL_ANSWER, sheet_names
from assessments.xlsx.write import build_workbook
from tests.ui.conftest import main_text, open_page, page_text, support_lines
from tests.ui.harness import COMMISSIONER, INNOVATOR, ITEM, Org, open_as, two_organisations
from ui.widgets import md

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(name="org")
def _org(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    with two_organisations(database_url, monkeypatch) as org:
        yield org


def _edited_workbook(store: Store, aid: str) -> bytes:
    """The assessment's workbook with its first SCIE answer changed to don't know."""
    frameworks = bundled_frameworks()
    wb = build_workbook(frameworks, store.get_assessment(aid))
    wb[sheet_names(frameworks)["scie"]].cell(row=2, column=COL_ANSWER, value="Don't know")
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_questionnaire_on_an_example__ok(app_store: Store) -> None:
    """Should say an example can be read, not changed, link to its results, and offer no answer widgets."""
    aid = load_examples(app_store)[0]
    at = open_page("ui/questionnaire.py", a=aid)
    assert not at.exception
    text = page_text(at)
    assert "can be read but not changed" in text and "illustrative examples" in text
    assert not at.radio and not at.text_area and not at.selectbox
    assert "See its results instead" in [p.proto.label for p in at.get("page_link")]


def test_questionnaire_on_a_shared_copy__ok(org: Org) -> None:
    """Should refuse to open a commissioner's shared copy for editing, saying why."""
    share = org.innovator.share(org.assessment(), org.council.id)
    at = open_as(org.commissioner, "questionnaire", a=share.copy_id or "")
    assert not at.exception
    assert "frozen copy shared with your workspace" in page_text(at)
    assert not at.radio and not at.text_area


def test_excel_import_naming_another_workspace__ok(org: Org) -> None:
    """Should say a file from someone else's assessment makes a new one, keep it received, and leave theirs as it was."""
    aid = org.assessment()
    before = org.innovator.get_assessment(aid)
    at = open_as(org.commissioner, "excel")
    assert "Kept as received, read-only" in page_text(at)
    at.file_uploader[0].set_value(("theirs.xlsx", _edited_workbook(org.innovator, aid), MIME)).run()
    assert not at.exception
    notes = [w.body for w in at.warning if "nothing is overwritten" in w.body]
    assert len(notes) == 1 and "cannot change here" in main_text(notes[0])
    # The id it came from is for support only: in the small print, never in the words read first.
    assert aid not in main_text(notes[0]) and support_lines(notes[0]) == [
        f"For support: exported from assessment {aid}"
    ]
    assert "creates a new assessment" in page_text(at)
    at.button(key="excel:confirm").click().run()
    assert not at.exception
    [received] = org.commissioner.list_assessments()
    assert received.origin == Origin.RECEIVED and not received.editable and received.workspace_id == org.council.id
    assert any("kept as received" in s.body for s in at.success)
    assert org.innovator.get_assessment(aid) == before
    results = open_as(org.commissioner, "results", a=received.id)
    assert "Received as a file by Riverside \\*Council\\*" in page_text(results)
    assert "Back to the questionnaire" not in [p.proto.label for p in results.get("page_link")]


def test_excel_asks_which_workspace__ok(org: Org, tmp_path: Path) -> None:
    """Should read no file until a person with several workspaces has chosen one (none chosen for them)."""
    setup = org.innovator.as_viewer(Viewer.operator(LOCAL_WORKSPACE, "test setup", system=True))
    setup.add_member(org.acme.id, COMMISSIONER, Role.COMMISSIONER)
    at = open_as(org.commissioner, "excel")
    picker = at.selectbox(key="excel:workspace")
    assert picker.value is None and len(picker.options) == 2
    assert not at.file_uploader
    picker.select(org.acme.id).run()
    assert len(at.file_uploader) == 1
    assert at.query_params["w"] == org.acme.id


def test_compare_for_a_commissioner__ok(org: Org) -> None:
    """Should compare what was shared with the workspace, the examples apart, and keep profiles per workspace."""
    org.innovator.share(org.assessment(), org.council.id)
    load_examples(org.innovator)
    at = open_as(org.commissioner, "compare")
    assert not at.exception
    frames = [d.value for d in at.dataframe if "Tier range (all checks)" in d.value.columns]
    assert [name.split(" (")[0] for name in frames[0]["Innovation"]] == ["Memory cafe network"]
    at.selectbox(key="compare:order").select("scie").run()  # weights belong to an ordering inside one framework
    at.text_input(key="compare:profile_name").input("Prevention first").run()
    at.button(key="compare:save").click().run()
    assert not at.exception
    assert "Prevention first" in org.commissioner.weight_profiles(workspace=org.council.id)
    at.radio(key="compare:scope").set_value("examples").run()
    frames = [d.value for d in at.dataframe if "Tier range (all checks)" in d.value.columns]
    assert "Memory cafe network" not in " ".join(frames[0]["Innovation"])


def test_a_refused_save_shows_its_message__error(org: Org) -> None:
    """Should show the store's message under the question, never a traceback, when a save is refused."""
    aid = org.assessment()
    step = f"scie.{bundled_frameworks()['scie'].section_of(ITEM).id}"
    at = open_as(org.innovator, "questionnaire", a=aid, s=step)
    assert at.radio(key=f"q:{aid}:scie:{ITEM}:value").value == "partly_addressed"
    setup = org.innovator.as_viewer(Viewer.operator(LOCAL_WORKSPACE, "test setup", system=True))
    setup.remove_member(org.acme.id, INNOVATOR)  # meanwhile, an admin takes the role away
    at.radio(key=f"q:{aid}:scie:{ITEM}:value").set_value("addressed").run()
    assert not at.exception
    # AppTest reruns the whole page (a browser reruns the question's fragment): either way, the message.
    assert "STORAGE_001" in "\n".join(e.body for e in at.error)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("**bold** and _it_", "\\*\\*bold\\*\\* and \\_it\\_"),
        ("STORAGE_001 snake_case", "STORAGE_001 snake_case"),
        (":red[alert] :smile: here: 14:05", ":\u2060red\\[alert\\] :\u2060smile: here: 14:\u206005"),
        ("# Title\n- item\n1. one", "\\# Title\n\\- item\n1\\. one"),
        (
            "<b>x</b> [a](http://x) $x$ a|b ~s~ `c`",
            "\\<b\\>x\\</b\\> \\[a\\](http:\u2060//x) \\$x\\$ a\\|b \\~s\\~ \\`c\\`",
        ),
        ("O'Neill & Sons - Care Ltd.", "O'Neill \\& Sons - Care Ltd."),
        ("www.example.org a@b.org", "ww\u2060w.example.org a@b.org"),
    ],
)
def test_people_text_escaped__ok(text: str, escaped: str) -> None:
    """Should escape everything Markdown or Streamlit would read as formatting, and nothing else."""
    assert md(text) == escaped


def test_names_shown_as_typed__ok(org: Org) -> None:
    """Should show an innovation name and a workspace name holding Markdown escaped, on Results and Sharing."""
    aid = org.innovator.create_assessment(Innovation(name="**Cafe** :red[x]"), AssessmentMeta())
    share = org.innovator.share(aid, org.council.id)
    at = open_as(org.commissioner, "results", a=share.copy_id or "")
    assert not at.exception
    assert "### \\*\\*Cafe\\*\\* :\u2060red\\[x\\]" in [m.value for m in at.markdown]
    at = open_as(org.innovator, "sharing", a=aid)
    assert "Withdraw the share with Riverside \\*Council\\*" in [b.label for b in at.button]
