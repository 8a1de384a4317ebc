"""No store method gives one workspace another workspace's data, and none lets it change that data.

Every public method of :class:`Store` is called as Alice (innovator of workspace A) with
Bob's ids and workspace (B). Each call must either fail with a catalogue error or return
something that contains none of Bob's data. A second test makes sure the table below
covers every public method, so a new method cannot be added without being probed.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

from assessments.errors import ErrorCode, InputError
from assessments.models import Answer, AssessmentMeta, Innovation
from assessments.store import Role, Store
from tests.store.people import B_NOTE, B_SECRET, Org

Probe = Callable[[Org], Any]

PROBES: dict[str, Probe] = {
    "get_assessment": lambda o: o.alice.get_assessment(o.b_id),
    "get_summary": lambda o: o.alice.get_summary(o.b_id),
    "get_answers": lambda o: o.alice.get_answers(o.b_id),
    "saved_answers": lambda o: o.alice.saved_answers(o.b_id),
    "saved_answer": lambda o: o.alice.saved_answer(o.b_id, "alpha", "a1"),
    "saved_details": lambda o: o.alice.saved_details(o.b_id),
    "list_assessments": lambda o: [
        o.alice.list_assessments(),
        o.alice.list_assessments(B_SEARCH),
        o.alice.list_assessments(workspace=o.b.id),
        o.alice.list_assessments(archived=True),
        o.alice.list_assessments(examples=True),
    ],
    "portfolio": lambda o: [
        o.alice.portfolio(),
        o.alice.portfolio(B_SEARCH),
        o.alice.portfolio(workspace=o.b.id),
        o.alice.portfolio(archived=True),
        o.alice.portfolio(examples=True),
        o.alice.portfolio(latest_only=True),
    ],
    "innovation_history": lambda o: o.alice.innovation_history(o.bob.get_summary(o.b_id).innovation_id),
    "audit_log": lambda o: o.alice.audit_log(o.b_id),
    "save_answer": lambda o: o.alice.save_answer(
        o.b_id, "alpha", "a1", Answer(value="not_considered"), based_on=Answer(value="addressed")
    ),
    "save_assessment": lambda o: o.alice.save_assessment(o.alice.get_assessment(o.a_id), assessment_id=o.b_id),
    "create_assessment": lambda o: o.alice.create_assessment(Innovation(name="x"), AssessmentMeta(), workspace=o.b.id),
    "start_follow_up": lambda o: o.alice.start_follow_up(o.b_id),
    "confirm_framework_version": lambda o: o.alice.confirm_framework_version(o.b_id, "alpha"),
    "update_details": lambda o: o.alice.update_details(
        o.b_id, Innovation(name="Renamed"), AssessmentMeta(), based_on=(Innovation(name="Other"), AssessmentMeta())
    ),
    "archive": lambda o: o.alice.archive(o.b_id),
    "delete_assessment": lambda o: o.alice.delete_assessment(o.b_id),
    "share": lambda o: o.alice.share(o.b_id, o.c.id),
    "shares": lambda o: o.alice.shares(o.b_id),
    "share_of_copy": lambda o: o.alice.share_of_copy(o.b_copy),
    "withdraw_share": lambda o: o.alice.withdraw_share(o.b_share),
    "create_share_link": lambda o: o.alice.create_share_link(o.b_id),
    "share_links": lambda o: o.alice.share_links(o.b_id),
    "revoke_share_link": lambda o: o.alice.revoke_share_link(o.b_link_id),
    "open_share_link": lambda o: o.alice.open_share_link(o.b_link_token[:-2] + "xx"),
    "save_weight_profile": lambda o: o.alice.save_weight_profile("Mine", {"alpha.one": 1}, workspace=o.b.id),
    "weight_profiles": lambda o: o.alice.weight_profiles(workspace=o.b.id),
    # The directory of organisation workspaces (names only) is what a share is addressed to, so it is
    # visible to everyone signed in; none of B's assessments, members or history comes with it.
    "workspaces": lambda o: o.alice.workspaces(),
    "workspace_named": lambda o: o.alice.workspace_named("no such workspace"),
    "add_workspace": lambda o: o.alice.add_workspace("Alice's own"),
    "my_memberships": lambda o: o.alice.my_memberships(),
    "members": lambda o: o.alice.members(o.b.id),
    "add_member": lambda o: o.alice.add_member(o.b.id, "mallory@evil.example", Role.INNOVATOR),
    "remove_member": lambda o: o.alice.remove_member(o.b.id, "bob@bravo.example"),
    "workspace_audit": lambda o: o.alice.workspace_audit(o.b.id),
}
B_SEARCH = "Bravo"
NOT_PROBED = {"close", "as_viewer"}
REFUSALS = {
    ErrorCode.STORAGE_001,
    ErrorCode.STORAGE_003,
    ErrorCode.STORAGE_004,
    ErrorCode.STORAGE_005,
    ErrorCode.STORAGE_006,
    ErrorCode.STORAGE_007,
}


def _public_methods() -> set[str]:
    return {
        name
        for name, member in inspect.getmembers(Store)
        if not name.startswith("_") and callable(member) and not isinstance(member, type)
    }


def test_every_public_method_is_probed__ok() -> None:
    """Should have a probe for every public method of Store (add one when adding a method)."""
    assert _public_methods() - NOT_PROBED == set(PROBES)


@pytest.mark.parametrize("method", sorted(PROBES))
def test_no_method_leaks_or_changes_another_workspace__ok(org: Org, method: str) -> None:
    """Should refuse with a catalogue error or return nothing of workspace B; B's data stays as it was."""
    before = org.bob.get_assessment(org.b_id)
    try:
        result = PROBES[method](org)
    except InputError as exc:
        assert set(exc.codes) <= REFUSALS, exc.codes
        text = str(exc)  # an error may repeat the id it was given, nothing more of B
        for marker in (B_SECRET, B_NOTE, "bob@bravo.example"):
            assert marker not in text
    else:
        text = repr(result)
        for marker in org.markers():
            assert marker not in text, f"{method} returned workspace B's data ({marker})"
    assert org.bob.get_assessment(org.b_id) == before
    assert org.carol.get_assessment(org.b_copy).answers == before.answers
    assert {m.email for m in org.system.members(org.b.id)} == {"bob@bravo.example"}
    assert [s.active for s in org.bob.shares(org.b_id)] == [True]
    assert [link.revoked_at for link in org.bob.share_links(org.b_id)] == [None]


def test_unreadable_looks_like_unknown__ok(org: Org) -> None:
    """Should answer a probe for another workspace's id exactly as for an id that does not exist."""
    with pytest.raises(InputError) as theirs:
        org.alice.get_assessment(org.b_id)
    with pytest.raises(InputError) as nobody:
        org.alice.get_assessment("doesnotexist")
    assert theirs.value.codes == nobody.value.codes == [ErrorCode.STORAGE_001]


def test_commissioner_reads_only_what_was_shared__ok(org: Org) -> None:
    """Should list the shared copy (read-only) for the commissioner, and neither original."""
    listed = org.carol.list_assessments()
    assert [s.id for s in listed] == [org.b_copy]
    assert not listed[0].editable
    for original in (org.a_id, org.b_id):
        with pytest.raises(InputError) as exc:
            org.carol.get_summary(original)
        assert exc.value.codes == [ErrorCode.STORAGE_001]
    with pytest.raises(InputError) as exc:
        org.carol.save_answer(org.b_copy, "alpha", "a1", Answer(value="not_considered"))
    assert exc.value.codes == [ErrorCode.STORAGE_003]


def test_admin_manages_members_but_reads_no_assessment__ok(org: Org) -> None:
    """Should let A's admin see members and history of A, but not A's assessments (least privilege)."""
    assert {m.email for m in org.dave.members(org.a.id)} == {"alice@alpha.example", "dave@alpha.example"}
    assert org.dave.list_assessments() == []
    with pytest.raises(InputError) as exc:
        org.dave.get_assessment(org.a_id)
    assert exc.value.codes == [ErrorCode.STORAGE_001]


def test_anonymous_sees_nothing__ok(org: Org) -> None:
    """Should give someone not signed in no assessment, example, workspace or membership."""
    from assessments.store import Viewer

    anon = org.system.as_viewer(Viewer.anonymous())
    assert anon.list_assessments() == []
    assert anon.list_assessments(examples=True) == []
    assert anon.workspaces() == []
    assert anon.my_memberships() == []
    with pytest.raises(InputError):
        anon.get_assessment(org.a_id)


def test_removed_member_loses_access_at_once__ok(org: Org) -> None:
    """Should stop a removed member reading their former workspace on the very next call."""
    assert [s.id for s in org.alice.list_assessments()] == [org.a_id]
    org.dave.remove_member(org.a.id, "alice@alpha.example")
    assert org.alice.list_assessments() == []
    with pytest.raises(InputError):
        org.alice.get_assessment(org.a_id)
