"""Tests for assessments.store.lifecycle: archive, restore and delete, each audited in the workspace history."""

from __future__ import annotations

import pytest

from assessments.errors import ErrorCode, InputError
from tests.store.people import Org


def test_archive_and_restore__ok(org: Org) -> None:
    """Should hide an archived assessment from lists (it stays readable) and bring it back on restore."""
    org.bob.archive(org.b_id)
    assert org.bob.list_assessments() == []
    assert [s.id for s in org.bob.list_assessments(archived=True)] == [org.b_id]
    assert org.bob.get_summary(org.b_id).archived
    org.bob.archive(org.b_id, archived=False)
    assert [s.id for s in org.bob.list_assessments()] == [org.b_id]
    fields = [e.field for e in org.bob.audit_log(org.b_id)]
    assert fields[-2:] == ["archived", "restored"]


def test_delete_removes_everything_shared__ok(org: Org) -> None:
    """Should delete the assessment, withdraw its shared copies, revoke its links and keep the history."""
    org.bob.delete_assessment(org.b_id)
    with pytest.raises(InputError) as exc:
        org.bob.get_assessment(org.b_id)
    assert exc.value.codes == [ErrorCode.STORAGE_001]
    assert org.carol.list_assessments() == []
    with pytest.raises(InputError) as link:
        org.bob.open_share_link(org.b_link_token)
    assert link.value.codes == [ErrorCode.STORAGE_007]
    deleted = [e for e in org.system.workspace_audit(org.b.id) if e.field == "deleted"]
    assert len(deleted) == 1
    assert deleted[0].actor == "bob@bravo.example"
    assert deleted[0].old["innovation"] == "Bravo secret innovation"
    assert "share.withdrawn" in [e.field for e in org.system.workspace_audit(org.c.id)]


def test_delete_by_others_refused__error(org: Org) -> None:
    """Should refuse deleting or archiving a shared copy or an assessment of another workspace."""
    for store, aid, code in (
        (org.carol, org.b_copy, ErrorCode.STORAGE_003),
        (org.alice, org.b_id, ErrorCode.STORAGE_001),
    ):
        for action in (store.delete_assessment, store.archive):
            with pytest.raises(InputError) as exc:
                action(aid)
            assert exc.value.codes == [code]
    assert org.bob.get_summary(org.b_id).answered == 1
