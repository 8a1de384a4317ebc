"""AppTest tests for the two ways to run: the loopback guard, signing in, and what each person is shown."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assessments.models import AssessmentMeta, Innovation, Stage
from assessments.store import Role, Store, Viewer, Workspace
from tests.ui.conftest import APP, APP_TIMEOUT, open_as, open_page, page_text, plain, registered_pages, server_address
from ui.guard import OVERRIDE_ENV

HOME = "ui/home.py"


@pytest.mark.parametrize("address", ["0.0.0.0", None, "192.168.1.20"])
def test_single_user_on_network_refused__error(app_store: Store, address: str | None) -> None:
    """Should show only an error naming the address and the ways out, and register no page."""
    with server_address(address):
        at = open_page(HOME)
    assert not at.exception
    [error] = [plain(e.body) for e in at.error]
    assert (address or "every network interface") in error
    assert ".streamlit/secrets.toml" in error and "[auth]" in error and "Sign-in" in error
    assert f"{OVERRIDE_ENV}=1" in error
    assert not at.button and not at.text_input and not at.dataframe
    assert "single-user installation" not in page_text(at)


def test_single_user_on_loopback_allowed__ok(app_store: Store) -> None:
    """Should run normally on 127.0.0.1, with every page registered and no sign-in line."""
    with server_address("127.0.0.1"):
        at = open_page(HOME)
    assert not at.exception and not at.error
    assert {"questionnaire", "compare", "admin", "sharing", "link"} <= registered_pages(at)
    assert not at.sidebar.text


def test_network_override__ok(app_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should run single-user on a network address when the override is set to 1."""
    monkeypatch.setenv(OVERRIDE_ENV, "1")
    with server_address("0.0.0.0"):
        at = open_page(HOME)
    assert not at.exception and not at.error
    assert "single-user installation" in page_text(at)


def test_org_mode_on_network_allowed__ok(app_store: Store) -> None:
    """Should not refuse a network address when sign-in is set up."""
    with server_address("0.0.0.0"):
        at = open_as(HOME, None)
    assert not at.error
    assert at.button(key="people:sign_in:0").label == "Sign in with your organisation account"


@pytest.mark.parametrize("page", [HOME, "ui/admin.py", "ui/compare.py", "ui/questionnaire.py"])
def test_not_signed_in_sees_sign_in_only__ok(app_store: Store, page: str) -> None:
    """Should show the sign-in page whatever URL is asked for, and register only it and the link page."""
    aid = app_store.create_assessment(Innovation(name="Secret plan"), AssessmentMeta(stage=Stage.IDEA))
    at = open_as(page, None, a=aid)
    assert not at.exception
    assert registered_pages(at) == {"", "accessibility", "link"}
    assert [b.label for b in at.button] == ["Sign in with your organisation account"]
    text = page_text(at)
    assert "adult social care innovation" in text
    assert "admin" in text.lower()
    assert "Secret plan" not in text
    assert not at.dataframe and not at.text_input


def test_several_providers_one_button_each__ok(app_store: Store) -> None:
    """Should offer one sign-in button per configured provider."""
    at = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    at.secrets = {
        "auth": {
            "redirect_uri": "http://localhost:8501/oauth2callback",
            "cookie_secret": "s",
            "google": {"client_id": "g", "client_secret": "x", "server_metadata_url": "https://g"},
            "microsoft": {"client_id": "m", "client_secret": "x", "server_metadata_url": "https://m"},
        }
    }
    at.user = {"is_logged_in": False}
    at.run()
    assert [b.label for b in at.button] == ["Sign in with google", "Sign in with microsoft"]


def test_no_email_claim__error(app_store: Store) -> None:
    """Should say the identity provider must send an e-mail claim, offer sign-out, and show nothing else."""
    at = open_as(HOME, "")
    assert not at.exception
    [error] = [e.body for e in at.error]
    assert "'email' claim" in error
    assert [b.label for b in at.button] == ["Sign out"]
    assert not at.dataframe and len(at.title) == 1


def test_unverified_email__error(app_store: Store) -> None:
    """Should refuse an address the identity provider marks as not verified."""
    at = open_as(HOME, "someone@example.org", verified=False)
    [error] = [e.body for e in at.error]
    assert "not verified" in error


def test_signed_in_without_membership__ok(app_store: Store) -> None:
    """Should say so, show the address as text and whom to ask, the examples section, and sign-out."""
    app_store.create_assessment(Innovation(name="Local only"), AssessmentMeta(stage=Stage.IDEA))
    at = open_as(HOME, "New.Person_1@Example.org")
    assert not at.exception
    assert at.title[0].value == "You do not have access to a workspace yet"
    assert [t.value for t in at.main.text] == ["new.person_1@example.org"]
    text = page_text(at)
    assert "admin" in text and "Illustrative examples (read-only, not real innovations)" in text
    assert "Local only" not in text
    assert registered_pages(at) == {"", "frameworks", "method", "accessibility", "link"}
    assert [t.value for t in at.sidebar.text] == ["Signed in as New.Person_1@Example.org"]
    assert [b.label for b in at.sidebar.button] == ["Sign out"]
    at = at.button(key="home:load_examples").click().run()
    assert not at.exception
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) >= 4


def test_sign_out__ok(app_store: Store) -> None:
    """Should sign the person out: the next run shows the sign-in page."""
    at = open_as(HOME, "nobody@example.org")
    at = at.sidebar.button[0].click().run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in with your organisation account"]


@pytest.fixture(name="two_workspaces")
def _two_workspaces(app_store: Store) -> tuple[Workspace, Workspace]:
    """Workspaces A (alice innovator, carol admin) and B (bob commissioner, dan innovator), one assessment each."""
    system = app_store.as_viewer(Viewer(actor="cli", system=True))
    a, b = system.add_workspace("Alpha Care"), system.add_workspace("Beta Council")
    system.add_member(a.id, "alice@a.org", Role.INNOVATOR)
    system.add_member(a.id, "carol@a.org", Role.ADMIN)
    system.add_member(b.id, "bob@b.org", Role.COMMISSIONER)
    system.add_member(b.id, "dan@b.org", Role.INNOVATOR)
    meta = AssessmentMeta(stage=Stage.PILOT)
    app_store.as_viewer(Viewer.member("alice@a.org")).create_assessment(Innovation(name="Alpha homeshare"), meta)
    app_store.as_viewer(Viewer.member("dan@b.org")).create_assessment(Innovation(name="Beta befriending"), meta)
    return a, b


def test_innovator_sees_own_workspace_only__ok(app_store: Store, two_workspaces: tuple[Workspace, Workspace]) -> None:
    """Should list workspace A's assessments only, with no Compare or Admin page, and sign-in shown in the sidebar."""
    at = open_as(HOME, "alice@a.org")
    assert not at.exception
    [table] = [d.value for d in at.dataframe]
    assert list(table["Innovation"]) == ["Alpha homeshare"]
    assert "Beta befriending" not in page_text(at)
    pages = registered_pages(at)
    assert {"questionnaire", "results", "sharing", "excel"} <= pages
    assert not {"compare", "admin"} & pages
    assert [t.value for t in at.sidebar.text] == ["Signed in as alice@a.org"]
    assert "single-user installation" not in page_text(at)


def test_commissioner_sees_shared_copy_read_only__ok(
    app_store: Store, two_workspaces: tuple[Workspace, Workspace]
) -> None:
    """Should give a commissioner Compare but no Questionnaire, and label a shared copy as read-only."""
    _, b = two_workspaces
    alice = app_store.as_viewer(Viewer.member("alice@a.org"))
    alice.share(alice.list_assessments()[0].id, b.id)
    at = open_as(HOME, "bob@b.org")
    assert not at.exception
    pages = registered_pages(at)
    assert "compare" in pages and "results" in pages
    assert not {"questionnaire", "sharing", "admin"} & pages
    [table] = [d.value for d in at.dataframe]
    assert list(table["Innovation"]) == ["Alpha homeshare"]
    assert list(table["Access"]) == ["Shared with you (read-only)"]
    at = at.selectbox(key="home:pick").set_value(at.selectbox(key="home:pick").options[0]).run()
    labels = [b.label for b in at.button]
    assert "See results" in labels
    assert not {"Open", "Start a follow-up", "Archive", "Delete for good"} & set(labels)
    assert "Start a new assessment" not in [t.label for t in at.tabs]


@pytest.mark.parametrize(("email", "page"), [("alice@a.org", "ui/compare.py"), ("alice@a.org", "ui/admin.py")])
def test_forbidden_page_url_not_rendered__ok(
    app_store: Store, two_workspaces: tuple[Workspace, Workspace], email: str, page: str
) -> None:
    """Should fall back to Home for a page outside the person's roles, rendering none of it."""
    at = open_as(page, email)
    assert not at.exception
    assert at.title[0].value == "Scaling readiness self-assessment"
    assert "Workspace admin" not in [t.value for t in at.title]
    assert not [s for s in at.subheader if "Weights" in s.value]


def test_commissioner_forbidden_questionnaire__ok(
    app_store: Store, two_workspaces: tuple[Workspace, Workspace]
) -> None:
    """Should not open the questionnaire for a commissioner, even with an assessment id in the URL."""
    aid = app_store.as_viewer(Viewer.member("dan@b.org")).list_assessments()[0].id
    at = open_as("ui/questionnaire.py", "bob@b.org", a=aid)
    assert not at.exception
    assert at.title[0].value == "Scaling readiness self-assessment"
    assert not at.radio


def test_innovator_in_two_workspaces_chooses__ok(app_store: Store, two_workspaces: tuple[Workspace, Workspace]) -> None:
    """Should ask which workspace a new assessment goes to, with none chosen, and save it there."""
    _, b = two_workspaces
    app_store.as_viewer(Viewer(actor="cli", system=True)).add_member(b.id, "alice@a.org", Role.INNOVATOR)
    at = open_as(HOME, "alice@a.org")
    assert "Workspace" in at.dataframe[0].value.columns
    workspace = at.selectbox(key="home:new:workspace")
    assert workspace.value is None
    at.text_input(key="home:new:name").input("Two-place idea")
    at.radio(key="home:new:stage").set_value("idea")
    at.radio(key="home:new:role").set_value("provider")
    at = at.form_submit_button[0].click().run()
    errors = "\n".join(e.body for e in at.error)
    assert "Workspace is required but empty. Choose one." in errors and "field workspace" in errors
    at.selectbox(key="home:new:workspace").set_value(b.id)
    at = at.form_submit_button[0].click().run()
    assert not at.exception
    dan = app_store.as_viewer(Viewer.member("dan@b.org"))
    assert "Two-place idea" in {s.innovation_name for s in dan.list_assessments()}
