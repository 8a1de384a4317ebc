"""Tests for assessments.store.sharing: frozen copies for another workspace, withdrawal, and read-only links."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, update

from assessments.errors import ErrorCode, InputError
from assessments.models import Answer
from assessments.store import Origin
from assessments.store.schema import share_links
from tests.store.helpers import all_text
from tests.store.people import B_NOTE, Org


def test_share_is_a_frozen_copy__ok(org: Org) -> None:
    """Should give the commissioner the version shared; later edits of the original do not reach it."""
    copy = org.carol.get_assessment(org.b_copy)
    assert copy.answers["alpha"]["a1"] == Answer(value="addressed", note=B_NOTE)
    assert org.carol.get_summary(org.b_copy).origin == Origin.SHARED
    org.bob.save_answer(org.b_id, "alpha", "a1", Answer(value="not_considered"))
    assert org.carol.get_assessment(org.b_copy).answers["alpha"]["a1"].value == "addressed"
    share = org.carol.share_of_copy(org.b_copy)
    assert share is not None and share.from_workspace == "Bravo Homes" and share.active


def test_share_again_replaces_older_version__ok(org: Org) -> None:
    """Should replace the copy when the original changed since, and keep one copy when it did not."""
    assert org.bob.share(org.b_id, org.c.id).id == org.b_share, "unchanged: same share"
    org.bob.save_answer(org.b_id, "alpha", "a1", Answer(value="recognised"))
    newer = org.bob.share(org.b_id, org.c.id)
    assert newer.id != org.b_share
    listed = org.carol.list_assessments()
    assert [s.id for s in listed] == [newer.copy_id]
    assert org.carol.get_assessment(listed[0].id).answers["alpha"]["a1"].value == "recognised"
    old = next(s for s in org.bob.shares(org.b_id) if s.id == org.b_share)
    assert not old.active and old.copy_id is None


def test_withdraw_deletes_copy_and_is_audited__ok(org: Org) -> None:
    """Should remove the commissioner's copy at once and record who withdrew it, on both sides."""
    share = org.bob.withdraw_share(org.b_share)
    assert not share.active and share.withdrawn_by == "bob@bravo.example"
    assert org.carol.list_assessments() == []
    with pytest.raises(InputError) as exc:
        org.carol.get_assessment(org.b_copy)
    assert exc.value.codes == [ErrorCode.STORAGE_001]
    assert "share.withdrawn" in [e.field for e in org.bob.audit_log(org.b_id)]
    for ws in (org.b.id, org.c.id):
        events = [e.field for e in org.system.workspace_audit(ws)]
        assert "share.withdrawn" in events and "shared" in events


def test_share_refusals__error(org: Org) -> None:
    """Should refuse sharing with its own workspace, with an unknown one, and by someone who cannot edit it."""
    with pytest.raises(InputError) as own:
        org.bob.share(org.b_id, org.b.id)
    assert own.value.codes == [ErrorCode.STORAGE_006]
    with pytest.raises(InputError) as unknown:
        org.bob.share(org.b_id, "nope")
    assert unknown.value.codes == [ErrorCode.STORAGE_004]
    with pytest.raises(InputError) as commissioner:
        org.carol.share(org.b_copy, org.a.id)
    assert commissioner.value.codes == [ErrorCode.STORAGE_003]
    with pytest.raises(InputError) as other:
        org.carol.withdraw_share(org.b_share)
    assert other.value.codes == [ErrorCode.STORAGE_006]


def test_link_opens_frozen_copy_and_stores_only_a_hash__ok(org: Org) -> None:
    """Should open the copy by token for anyone, and keep no token in the database."""
    from assessments.store import Viewer

    anon = org.system.as_viewer(Viewer.anonymous())
    assessment, link = anon.open_share_link(org.b_link_token)
    assert assessment.answers["alpha"]["a1"].note == B_NOTE
    assert link.expires_at - link.created_at == dt.timedelta(days=7)
    org.bob.save_answer(org.b_id, "alpha", "a1", None)
    assert anon.open_share_link(org.b_link_token)[0].answers["alpha"]["a1"].value == "addressed"
    dump = all_text(org.system.url)
    assert org.b_link_id in dump, "the dump holds the links"
    assert org.b_link_token not in dump


def test_link_revoked_or_expired__error(org: Org) -> None:
    """Should refuse a revoked link, an expired one and a made-up one, each with the reason."""
    org.bob.revoke_share_link(org.b_link_id)
    with pytest.raises(InputError) as revoked:
        org.bob.open_share_link(org.b_link_token)
    assert revoked.value.codes == [ErrorCode.STORAGE_007]
    assert "withdrawn" in str(revoked.value)
    with pytest.raises(InputError) as made_up:
        org.bob.open_share_link("not-a-token")
    assert made_up.value.codes == [ErrorCode.STORAGE_007]
    token, link = org.bob.create_share_link(org.b_id, days=1)
    engine = create_engine(org.system.url)
    with engine.begin() as conn:
        conn.execute(update(share_links).where(share_links.c.id == link.id).values(expires_at=dt.datetime(2020, 1, 1)))
    engine.dispose()
    with pytest.raises(InputError) as expired:
        org.bob.open_share_link(token)
    assert "expired on 2020-01-01" in str(expired.value)
    for days in (0, 91):
        with pytest.raises(InputError) as bad:
            org.bob.create_share_link(org.b_id, days=days)
        assert bad.value.codes == [ErrorCode.STORAGE_006]
