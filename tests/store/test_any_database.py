"""The store behaves the same on SQLite and on PostgreSQL where the two databases differ.

Each test here failed on one of them before the store took care of the difference:
NUL characters (PostgreSQL text cannot hold them), case-insensitive matching of non-ASCII
text (SQLite's ``lower()`` only knows ASCII; PostgreSQL's follows the server's locale), ``LIKE``
wildcards typed into a search, and text longer than a column (SQLite stores it anyway,
PostgreSQL refuses it).
"""

from __future__ import annotations

import pytest

from assessments.errors import ErrorCode, InputError
from assessments.models import Answer, AssessmentMeta, Innovation
from assessments.store import Role, Store, Viewer
from tests.store.helpers import imported_assessment, new_assessment
from tests.store.people import SYSTEM, Org

NUL_ID = "no\x00such"


def _codes(call: object, *args: object) -> list[ErrorCode]:
    with pytest.raises(InputError) as exc:
        call(*args)  # type: ignore[operator]
    return exc.value.codes


def test_ids_with_nul_are_unknown__error(org: Org) -> None:
    """Should answer an id holding a NUL character (a hand-edited link or file) like any unknown id."""
    bob, system = org.bob, org.system
    assert _codes(bob.get_assessment, NUL_ID) == [ErrorCode.STORAGE_001]
    assert _codes(bob.get_summary, NUL_ID) == [ErrorCode.STORAGE_001]
    assert _codes(bob.audit_log, NUL_ID) == [ErrorCode.STORAGE_001]
    assert _codes(bob.save_answer, NUL_ID, "alpha", "a1", Answer(value="addressed")) == [ErrorCode.STORAGE_001]
    assert _codes(bob.share, org.b_id, NUL_ID) == [ErrorCode.STORAGE_004]
    assert _codes(bob.withdraw_share, NUL_ID) == [ErrorCode.STORAGE_006]
    assert _codes(bob.revoke_share_link, NUL_ID) == [ErrorCode.STORAGE_006]
    assert _codes(bob.open_share_link, NUL_ID) == [ErrorCode.STORAGE_007]
    create = bob.create_assessment
    assert _codes(lambda: create(Innovation(name="X"), AssessmentMeta(), workspace=NUL_ID)) == [ErrorCode.STORAGE_005]
    assert bob.get_answers(NUL_ID) == {}
    assert bob.innovation_history(NUL_ID) == []
    assert bob.list_assessments(workspace=NUL_ID) == []
    assert bob.weight_profiles(workspace=NUL_ID) == {}
    assert system.members(NUL_ID) == []
    assert org.b_id in [s.id for s in bob.list_assessments()], "nothing else changed"


def test_search_with_nul_finds_nothing__ok(store: Store) -> None:
    """Should search for text holding a NUL character (and find nothing) instead of failing."""
    new_assessment(store)
    assert store.list_assessments(search=f"Shared{NUL_ID}") == []
    assert len(store.list_assessments(search="Shared")) == 1


def test_signed_in_email_with_nul_has_no_roles__ok(org: Org) -> None:
    """Should treat a signed-in address holding a NUL character as someone with no memberships."""
    odd = org.system.as_viewer(Viewer.member(f"bob@bravo.example{NUL_ID}"))
    assert odd.list_assessments() == []
    assert odd.my_memberships() == []
    assert _codes(odd.get_assessment, org.b_id) == [ErrorCode.STORAGE_001]


def test_nul_never_reaches_the_database__ok(store: Store) -> None:
    """Should keep every text a person writes free of NUL characters (cleaned before saving), on any database."""
    aid = store.save_assessment(imported_assessment(name="Nul\x00name", answers={}))
    store.save_answer(aid, "alpha", "a1", Answer(value="addressed", note="a\x00note"))
    got = store.get_assessment(aid)
    assert got.innovation.name == "Nulname" and got.answers["alpha"]["a1"].note == "anote"
    system = store.as_viewer(SYSTEM)
    ws = system.add_workspace("Nul\x00workspace")
    assert ws.name == "Nulworkspace"
    assert system.add_member(ws.id, "x\x00@example.org", Role.INNOVATOR).email == "x@example.org"


def test_search_ignores_case_beyond_ascii__ok(store: Store) -> None:
    """Should find 'Émile Zoë' by 'émile', 'ZOË' or 'zoë care', whatever the database's own lower() knows."""
    new_assessment(store, name="Émile Zoë care", org="Ærø Homes")
    new_assessment(store, name="Other", org="Elsewhere")
    for search in ("émile", "ÉMILE", "ZOË", "zoë care", "ærø", "ÆRØ HOMES"):
        assert [s.innovation_name for s in store.list_assessments(search=search)] == ["Émile Zoë care"], search


def test_search_wildcards_are_plain_text__ok(store: Store) -> None:
    """Should match '%' and '_' typed into the search as themselves, not as LIKE wildcards."""
    new_assessment(store, name="100% local", org="Org A")
    new_assessment(store, name="Plain", org="snake_case Ltd")
    assert [s.innovation_name for s in store.list_assessments(search="%")] == ["100% local"]
    assert [s.innovation_name for s in store.list_assessments(search="_")] == ["Plain"]
    assert [s.innovation_name for s in store.list_assessments(search="0%")] == ["100% local"]
    assert store.list_assessments(search="1_0") == []


def test_import_finds_innovation_ignoring_case_beyond_ascii__ok(store: Store) -> None:
    """Should add an imported assessment to the innovation of the same name and organisation in any case."""
    first = store.save_assessment(imported_assessment(name="École des aidants", answers={}))
    second = store.save_assessment(imported_assessment(name="ÉCOLE DES AIDANTS", answers={}))
    assert store.get_summary(second).innovation_id == store.get_summary(first).innovation_id


def test_workspace_names_unique_ignoring_case_beyond_ascii__error(store: Store) -> None:
    """Should refuse a workspace whose name differs from another's only in case, accented letters included."""
    system = store.as_viewer(SYSTEM)
    system.add_workspace("Ärzte Nord")
    with pytest.raises(InputError) as exc:
        system.add_workspace("ärzte nord")
    assert exc.value.codes == [ErrorCode.STORAGE_006] and "exists already" in str(exc.value)


def test_workspaces_listed_ignoring_case__ok(store: Store) -> None:
    """Should list workspaces by name ignoring case (accented capitals too), the same on every database."""
    system = store.as_viewer(SYSTEM)
    for name in ("Éb Care", "éa Care", "Zeta", "alpha"):
        system.add_workspace(name)
    names = [w.name for w in system.workspaces() if w.kind == "organisation"]
    assert names == ["alpha", "Zeta", "éa Care", "Éb Care"]


def test_email_longer_than_the_audit_column__error(store: Store) -> None:
    """Should refuse a member's address that the audit trail could not record (200 characters), before saving;
    PostgreSQL refused the member's first change (STORAGE_002) where SQLite stored the longer text."""
    system = store.as_viewer(SYSTEM)
    ws = system.add_workspace("Long addresses")
    longest = "a" * (200 - len("@example.org")) + "@example.org"
    system.add_member(ws.id, longest, Role.INNOVATOR)
    member = store.as_viewer(Viewer.member(longest))
    aid = member.create_assessment(Innovation(name="Kept"), AssessmentMeta())
    member.save_answer(aid, "alpha", "a1", Answer(value="addressed"))
    assert member.audit_log(aid)[-1].actor == longest
    too_long = "b" + longest
    with pytest.raises(InputError) as exc:
        system.add_member(ws.id, too_long, Role.INNOVATOR)
    assert exc.value.codes == [ErrorCode.STORAGE_006] and "at most 200 characters" in str(exc.value)
    assert [m.email for m in system.members(ws.id)] == [longest]
