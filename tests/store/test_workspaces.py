"""Tests for assessments.store.workspaces: creating workspaces and managing memberships, audited."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.errors import ErrorCode, InputError
from assessments.store import DEMO_WORKSPACE, LOCAL_WORKSPACE, Role, Store, Viewer
from tests.store.people import Org


def test_memberships_and_roles__ok(org: Org) -> None:
    """Should give each person their roles by workspace, matched by e-mail whatever its case."""
    shouting = org.system.as_viewer(Viewer.member("  Alice@Alpha.EXAMPLE "))
    assert [(m.workspace_name, m.role) for m in shouting.my_memberships()] == [("Alpha Care", Role.INNOVATOR)]
    org.dave.add_member(org.a.id, "erin@alpha.example", Role.COMMISSIONER)
    org.dave.add_member(org.a.id, "erin@alpha.example", Role.COMMISSIONER)
    assert [(m.email, m.role) for m in org.dave.members(org.a.id)] == [
        ("alice@alpha.example", Role.INNOVATOR),
        ("dave@alpha.example", Role.ADMIN),
        ("erin@alpha.example", Role.COMMISSIONER),
    ]
    assert org.dave.remove_member(org.a.id, "erin@alpha.example") == 1
    assert org.dave.remove_member(org.a.id, "nobody@alpha.example") == 0
    events = [(e.field, e.actor) for e in org.dave.workspace_audit(org.a.id)]
    assert ("member.added", "dave@alpha.example") in events
    assert events[0] == ("member.removed", "dave@alpha.example")


def test_workspace_rules__error(org: Org) -> None:
    """Should refuse a duplicate or empty name, a bad address, a non-admin, and removing the last admin."""
    cases: list[tuple[Callable[[], object], ErrorCode]] = [
        (lambda: org.system.add_workspace("alpha care"), ErrorCode.STORAGE_006),
        (lambda: org.system.add_workspace("   "), ErrorCode.STORAGE_006),
        (lambda: org.system.add_workspace("Illustrative examples"), ErrorCode.STORAGE_006),
        (lambda: org.dave.add_member(org.a.id, "not an address", Role.INNOVATOR), ErrorCode.STORAGE_006),
        (lambda: org.alice.add_member(org.a.id, "x@alpha.example", Role.ADMIN), ErrorCode.STORAGE_005),
        (lambda: org.alice.add_workspace("Alice's"), ErrorCode.STORAGE_005),
        (lambda: org.dave.remove_member(org.a.id, "dave@alpha.example"), ErrorCode.STORAGE_006),
        (lambda: org.system.workspace_named("Nowhere"), ErrorCode.STORAGE_004),
    ]
    for call, code in cases:
        with pytest.raises(InputError) as exc:
            call()
        assert exc.value.codes == [code]
    assert org.system.remove_member(org.a.id, "dave@alpha.example") == 1, "the command line may"


def test_admin_creates_workspace_and_becomes_its_admin__ok(org: Org) -> None:
    """Should let an admin create a workspace, named as typed (spaces tidied), with them as its admin."""
    ws = org.dave.add_workspace("  Delta   Trust ")
    assert ws.name == "Delta Trust"
    assert org.system.workspace_named("delta trust").id == ws.id
    assert [(m.email, m.role) for m in org.dave.members(ws.id)] == [("dave@alpha.example", Role.ADMIN)]


def test_new_assessment_needs_a_chosen_workspace__error(org: Org) -> None:
    """Should ask which workspace when the person innovates in several, and refuse one where they do not."""
    from assessments.models import AssessmentMeta, Innovation

    org.system.add_member(org.b.id, "alice@alpha.example", Role.INNOVATOR)
    with pytest.raises(InputError) as several:
        org.alice.create_assessment(Innovation(name="Where?"), AssessmentMeta())
    assert several.value.codes == [ErrorCode.STORAGE_006]
    aid = org.alice.create_assessment(Innovation(name="Here"), AssessmentMeta(), workspace=org.b.id)
    assert org.bob.get_summary(aid).workspace_id == org.b.id
    with pytest.raises(InputError) as nowhere:
        org.carol.create_assessment(Innovation(name="Not mine"), AssessmentMeta())
    assert nowhere.value.codes == [ErrorCode.STORAGE_005]


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
    monkeypatch.setattr("assessments.store.rows.secrets.token_urlsafe", lambda _n: next(drawn))
    assert store.as_viewer(SYSTEM).add_workspace("Acme Care").id == "Good_id-1"


@pytest.mark.parametrize("name", ["\u200b\u200b", "\u3164", "\u2800 \u2800", "\ufeff"])
def test_invisible_workspace_and_profile_names__error(tmp_path: Path, name: str) -> None:
    """Should refuse a workspace or weight-profile name made only of characters that do not show."""
    store = Store(f"sqlite:///{tmp_path / 'names.db'}", frameworks=bundled_frameworks())
    try:
        with pytest.raises(InputError) as caught:
            store.add_workspace(name)
        assert caught.value.problems[0].code is ErrorCode.STORAGE_006
        with pytest.raises(InputError) as caught:
            store.save_weight_profile(name, {"scie.innovation": 1.0})
        assert caught.value.problems[0].code is ErrorCode.COMPARE_008
    finally:
        store.close()
