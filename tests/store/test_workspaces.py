"""Workspaces and memberships as the command line (a system viewer) and people see them."""

from __future__ import annotations

import pytest

from assessments.errors import ErrorCode, InputError
from assessments.store import DEMO_WORKSPACE, LOCAL_WORKSPACE, Role, Store, Viewer, rows

SYSTEM = Viewer(actor="command line (test)", system=True)


def test_system_viewer_lists_every_workspace__ok(store: Store) -> None:
    """Should list the local and demo workspaces too for the command line, so they can be named there."""
    system = store.as_viewer(SYSTEM)
    acme = system.add_workspace("Acme Care")
    assert [(w.id, w.kind) for w in system.workspaces()] == [
        (acme.id, "organisation"),
        (DEMO_WORKSPACE, "demo"),
        (LOCAL_WORKSPACE, "local"),
    ]
    assert system.workspace_named("local").id == LOCAL_WORKSPACE
    assert system.workspace_named("acme care").id == acme.id


def test_member_sees_organisations_only__ok(store: Store) -> None:
    """Should keep listing only organisation workspaces (and ones held) for a signed-in person."""
    acme = store.as_viewer(SYSTEM).add_workspace("Acme Care")
    person = store.as_viewer(Viewer.member("someone@example.org"))
    assert [w.id for w in person.workspaces()] == [acme.id]
    with pytest.raises(InputError) as exc:
        person.workspace_named("local")
    assert ErrorCode.STORAGE_004 in exc.value.codes


def test_demo_workspace_takes_no_members__error(store: Store) -> None:
    """Should refuse a membership of the demo workspace, even from the command line (nobody changes examples)."""
    system = store.as_viewer(SYSTEM)
    with pytest.raises(InputError) as exc:
        system.add_member(DEMO_WORKSPACE, "someone@example.org", Role.INNOVATOR)
    assert ErrorCode.STORAGE_006 in exc.value.codes
    assert "illustrative examples" in str(exc.value)
    assert system.members(DEMO_WORKSPACE) == []


@pytest.mark.parametrize("name", ["Acme Care", "ACME care", "local", "Demo", "This computer"])
def test_workspace_name_taken__error(store: Store, name: str) -> None:
    """Should refuse a name already used, or one that would be read as the local or demo workspace."""
    system = store.as_viewer(SYSTEM)
    system.add_workspace("Acme Care")
    with pytest.raises(InputError) as exc:
        system.add_workspace(name)
    assert ErrorCode.STORAGE_006 in exc.value.codes
    assert "exists already" in str(exc.value)


def test_ids_never_start_with_a_dash__ok(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should draw again when a random id starts with '-', which the command line would read as an option."""
    drawn = iter(["-starts-bad", "Good_id-1"])
    monkeypatch.setattr(rows.secrets, "token_urlsafe", lambda _n: next(drawn))
    assert store.as_viewer(SYSTEM).add_workspace("Acme Care").id == "Good_id-1"
