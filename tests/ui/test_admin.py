"""AppTest tests for the workspace admin page: members, adding and removing them, new workspaces, and the history."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from assessments.models import AssessmentMeta, Innovation
from assessments.store import Role, Store, Viewer, Workspace
from tests.ui.conftest import open_as, open_page, plain

ADMIN = "ui/admin.py"


@pytest.fixture(name="alpha")
def _alpha(app_store: Store) -> Workspace:
    """Workspace Alpha Care with carol as its only admin and alice as an innovator."""
    system = app_store.as_viewer(Viewer(actor="cli", system=True))
    ws = system.add_workspace("Alpha Care")
    system.add_member(ws.id, "carol@a.org", Role.ADMIN)
    system.add_member(ws.id, "alice@a.org", Role.INNOVATOR)
    return ws


def _table(at: AppTest, column: str) -> pd.DataFrame:
    [table] = [d.value for d in at.dataframe if column in d.value.columns]
    return table


def _members(at: AppTest) -> list[tuple[str, str]]:
    table = _table(at, "E-mail")
    return list(zip(table["E-mail"], table["Role"], strict=True))


def _messages(at: AppTest) -> str:
    return plain("\n".join([e.body for e in at.error] + [s.body for s in at.success]))


def test_members_and_history_shown__ok(app_store: Store, alpha: Workspace) -> None:
    """Should list the members (e-mail, role, added, by) and the workspace's history as plain-text tables."""
    at = open_as(ADMIN, "carol@a.org")
    assert not at.exception
    assert at.title[0].value == "Workspace admin"
    assert _members(at) == [("alice@a.org", "Innovator"), ("carol@a.org", "Admin")]
    assert list(_table(at, "E-mail").columns) == ["E-mail", "Role", "Added", "Added by"]
    history = _table(at, "Change")
    assert list(history.columns) == ["When", "Who", "What", "Assessment", "Change", "Reason"]
    assert list(history["What"]) == ["Member added", "Member added", "Workspace created"]
    assert "alice@a.org: innovator" in set(history["Change"])
    assert at.selectbox(key="admin:add:role").value is None


def test_add_member__ok(app_store: Store, alpha: Workspace) -> None:
    """Should add the typed address with the chosen role, say so, and record it in the history."""
    at = open_as(ADMIN, "carol@a.org")
    at.text_input(key="admin:add:email").input("Bob@B.org")
    at.selectbox(key="admin:add:role").set_value("commissioner")
    at = at.button(key="FormSubmitter:admin:add-Add member").click().run()
    assert not at.exception
    assert ("bob@b.org", "Commissioner") in _members(at)
    assert "bob@b.org is now commissioner in Alpha Care." in _messages(at)
    history = _table(at, "Change")
    assert history["What"][0] == "Member added"
    assert history["Who"][0] == "carol@a.org"
    assert history["Change"][0] == "bob@b.org: commissioner"
    assert at.text_input(key="admin:add:email").value == ""
    assert at.selectbox(key="admin:add:role").value is None


@pytest.mark.parametrize(
    ("email", "role", "expected"),
    [("bob@b.org", None, "Role is required but empty."), ("not an address", "innovator", "is not an e-mail address")],
)
def test_add_member_refused__error(
    app_store: Store, alpha: Workspace, email: str, role: str | None, expected: str
) -> None:
    """Should add nobody without a role or with a malformed address, and say why (catalogue messages)."""
    at = open_as(ADMIN, "carol@a.org")
    at.text_input(key="admin:add:email").input(email)
    if role:
        at.selectbox(key="admin:add:role").set_value(role)
    at = at.button(key="FormSubmitter:admin:add-Add member").click().run()
    assert not at.exception
    assert "Nobody was added." in _messages(at) and expected in _messages(at)
    assert len(_members(at)) == 2
    assert at.text_input(key="admin:add:email").value == email


def test_remove_member_needs_confirmation__ok(app_store: Store, alpha: Workspace) -> None:
    """Should remove a chosen member's role only after the confirmation is ticked, and record it."""
    at = open_as(ADMIN, "carol@a.org")
    assert at.selectbox(key="admin:remove:pick").value is None
    assert at.button(key="admin:remove").disabled
    at = at.selectbox(key="admin:remove:pick").set_value("alice@a.org|innovator").run()
    assert at.button(key="admin:remove").disabled
    [confirm] = list(at.checkbox)
    assert "alice@a.org" in plain(confirm.label) and "innovator" in confirm.label
    at = confirm.check().run()
    at = at.button(key="admin:remove").click().run()
    assert not at.exception
    assert _members(at) == [("carol@a.org", "Admin")]
    assert "Removed alice@a.org (innovator) from Alpha Care." in _messages(at)
    history = _table(at, "Change")
    assert (history["What"][0], history["Change"][0]) == ("Member removed", "alice@a.org: innovator")


def test_remove_last_admin_refused__error(app_store: Store, alpha: Workspace) -> None:
    """Should refuse to remove the last admin with the store's message, not a traceback."""
    at = open_as(ADMIN, "carol@a.org")
    at = at.selectbox(key="admin:remove:pick").set_value("carol@a.org|admin").run()
    at = at.checkbox[0].check().run()
    at = at.button(key="admin:remove").click().run()
    assert not at.exception
    assert "last admin" in _messages(at) and "STORAGE_006" in _messages(at)
    assert ("carol@a.org", "Admin") in _members(at)


def test_create_workspace__ok(app_store: Store, alpha: Workspace) -> None:
    """Should create a workspace with the admin as its admin, then ask which workspace to manage."""
    at = open_as(ADMIN, "carol@a.org")
    at.text_input(key="admin:create:name").input("Gamma *Trust*")
    at = at.button(key="FormSubmitter:admin:create-Create workspace").click().run()
    assert not at.exception
    assert "Created the workspace Gamma *Trust*." in _messages(at)
    created = app_store.as_viewer(Viewer.member("carol@a.org")).workspace_named("Gamma *Trust*")
    assert at.selectbox(key="admin:workspace").value == created.id
    assert at.query_params["w"] == created.id
    assert _members(at) == [("carol@a.org", "Admin")]
    at.text_input(key="admin:create:name").input("alpha care")
    at = at.button(key="FormSubmitter:admin:create-Create workspace").click().run()
    assert "No workspace was created." in _messages(at) and "exists already" in _messages(at)


def test_several_workspaces_none_chosen__ok(app_store: Store, alpha: Workspace) -> None:
    """Should ask which workspace to manage, with none pre-selected, and show nothing of any until chosen."""
    system = app_store.as_viewer(Viewer(actor="cli", system=True))
    beta = system.add_workspace("Beta Council")
    system.add_member(beta.id, "carol@a.org", Role.ADMIN)
    at = open_as(ADMIN, "carol@a.org")
    picker = at.selectbox(key="admin:workspace")
    assert picker.value is None
    assert not [d for d in at.dataframe if "E-mail" in d.value.columns]
    at = picker.set_value(beta.id).run()
    assert _members(at) == [("carol@a.org", "Admin")]
    assert [plain(h.value) for h in at.header] == ["Members of Beta Council", "History of Beta Council"]


def test_single_user_admin_shows_history_only__ok(app_store: Store) -> None:
    """Should explain there is nobody to manage without sign-in and show the local history (a deletion)."""
    aid = app_store.create_assessment(Innovation(name="Gone soon"), AssessmentMeta())
    app_store.delete_assessment(aid)
    at = open_page(ADMIN)
    assert not at.exception
    assert "single-user installation" in at.info[0].body
    assert not at.text_input
    history = _table(at, "Change")
    assert history["What"][0] == "Assessment deleted"
    assert "innovation: Gone soon" in history["Change"][0]


def test_workspace_from_url_kept__ok(app_store: Store, alpha: Workspace) -> None:
    """Should reopen the workspace named in the URL (w=), and keep it across reruns."""
    system = app_store.as_viewer(Viewer(actor="cli", system=True))
    beta = system.add_workspace("Beta Council")
    system.add_member(beta.id, "carol@a.org", Role.ADMIN)
    at = open_as(ADMIN, "carol@a.org", w=beta.id)
    assert at.selectbox(key="admin:workspace").value == beta.id
    at.text_input(key="admin:add:email").input("erin@b.org")
    at.selectbox(key="admin:add:role").set_value("innovator")
    at = at.button(key="FormSubmitter:admin:add-Add member").click().run()
    assert at.selectbox(key="admin:workspace").value == beta.id
    assert ("erin@b.org", "Innovator") in _members(at)
