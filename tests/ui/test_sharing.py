"""AppTest tests for sharing: frozen copies for another workspace, read-only links, and the read-only views they give.

Two organisations share one database: Acme's innovator makes an assessment, Riverside's
commissioner receives it. Each page is opened for one of them (tests.ui.harness), so the
store's own rules decide what each sees.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from assessments.catalogue import bundled_frameworks
from assessments.errors import InputError
from assessments.examples import load_examples
from assessments.models import Answer
from assessments.store import Origin, Viewer
from tests.ui.conftest import chart_bodies, page_text
from tests.ui.harness import COUNCIL, INNOVATOR, ITEM, Org, open_as, two_organisations

SCIE = bundled_frameworks()["scie"]


@pytest.fixture(name="org")
def _org(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    with two_organisations(database_url, monkeypatch) as org:
        yield org


def _table(at: AppTest, column: str) -> list[dict[Hashable, Any]]:
    """The rows of the one table on the page that has ``column``."""
    frames = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(frames) == 1, [list(d.value.columns) for d in at.dataframe]
    return frames[0].to_dict("records")


def _page_links(at: AppTest) -> list[str]:
    return [p.proto.label for p in at.get("page_link")]


def test_share_gives_a_frozen_copy__ok(org: Org) -> None:
    """Should share only once a workspace is chosen, and give its commissioners a copy later edits do not reach."""
    aid = org.assessment()
    at = open_as(org.innovator, "sharing", a=aid)
    assert not at.exception
    assert at.selectbox(key="sharing:target").value is None  # nothing chosen for the person
    assert at.selectbox(key="sharing:target").options == [COUNCIL]  # not its own workspace
    assert at.button(key="sharing:share").disabled
    assert "frozen copy" in page_text(at) and "cannot change it" in page_text(at)

    at.selectbox(key="sharing:target").select(org.council.id).run()
    at.button(key="sharing:share").click().run()
    assert not at.exception
    assert any("Shared with Riverside \\*Council\\*" in s.body for s in at.success)
    assert at.selectbox(key="sharing:target").value is None
    [row] = _table(at, "Workspace")
    assert row["Workspace"] == COUNCIL and row["Status"] == "active" and row["Shared by"] == INNOVATOR

    [copy] = org.commissioner.list_assessments()
    assert copy.origin == Origin.SHARED and not copy.editable
    org.innovator.save_answer(aid, "scie", ITEM, Answer(value="addressed"))
    assert org.commissioner.get_assessment(copy.id).answer("scie", ITEM) == Answer(
        value="partly_addressed", note="Two councils asked"
    )


def test_withdraw_after_confirmation__ok(org: Org) -> None:
    """Should ask before withdrawing, then delete the commissioners' copy and show who withdrew it."""
    aid = org.assessment()
    share = org.innovator.share(aid, org.council.id)
    at = open_as(org.innovator, "sharing", a=aid)
    at.button(key=f"sharing:ask:withdraw:{share.id}").click().run()
    assert any("Withdraw the share with" in w.body for w in at.warning)
    assert len(org.commissioner.list_assessments()) == 1  # not yet
    at.button(key="sharing:yes").click().run()
    assert not at.exception
    assert org.commissioner.list_assessments() == []
    [row] = _table(at, "Workspace")
    assert row["Status"].startswith("withdrawn on") and row["Status"].endswith(f"by {INNOVATOR}")
    assert not [b for b in at.button if (b.key or "").startswith("sharing:ask:withdraw")]


def test_sharing_again_replaces_the_copy__ok(org: Org) -> None:
    """Should list a share replaced by a newer version as replaced, not withdrawn."""
    aid = org.assessment()
    org.innovator.share(aid, org.council.id)
    org.innovator.save_answer(aid, "scie", ITEM, Answer(value="addressed"))
    org.innovator.share(aid, org.council.id)
    at = open_as(org.innovator, "sharing", a=aid)
    statuses = [r["Status"] for r in _table(at, "Workspace")]
    assert statuses[0] == "active" and statuses[1].startswith("replaced by a newer version")
    [copy] = org.commissioner.list_assessments()
    copied = org.commissioner.get_assessment(copy.id).answer("scie", ITEM)
    assert copied is not None and copied.value == "addressed"


def test_link_shown_once_and_opens__ok(org: Org) -> None:
    """Should show a new link once, with its expiry, and open its frozen copy on the link page for anyone."""
    aid = org.assessment()
    at = open_as(org.innovator, "sharing", a=aid)
    at.number_input(key="sharing:days").set_value(3).run()
    at.button(key="sharing:create_link").click().run()
    assert not at.exception
    [code] = at.code
    assert code.value.startswith("/link?t=")  # no browser here: the path, with how to complete it
    assert "will not be shown again" in page_text(at)
    token = parse_qs(urlsplit(code.value).query)["t"][0]
    assessment, link = org.innovator.open_share_link(token)
    assert assessment.innovation.name == "Memory cafe network"
    assert (link.expires_at - link.created_at).days == 3
    [row] = _table(at, "Expires")
    assert row["Status"] == "active" and row["Created by"] == INNOVATOR
    at.button(key="sharing:hide_link").click().run()
    assert not at.code

    org.innovator.save_answer(aid, "scie", ITEM, Answer(value="addressed"))  # after the link: not in it
    page = open_as(org.innovator.as_viewer(Viewer.anonymous()), "link", pages=("link",), t=token)
    assert not page.exception
    text = page_text(page)
    assert "Read-only copy shared by link, as it was on" in text
    assert f"expires {link.expires_at.astimezone().date().isoformat()}" in text
    assert "not a validated score" in text
    assert "Memory cafe network" in text
    assert len(chart_bodies(page)) == len(bundled_frameworks())
    assert _page_links(page) == []  # nowhere else to go
    assert "partly" in str([d.value.to_dict() for d in page.dataframe]).lower()


def test_revoked_link_shows_the_message_only__ok(org: Org) -> None:
    """Should revoke after confirmation; the link page then shows the catalogue message and nothing else."""
    aid = org.assessment()
    token, link = org.innovator.create_share_link(aid, days=14)
    at = open_as(org.innovator, "sharing", a=aid)
    at.button(key=f"sharing:ask:revoke:{link.id}").click().run()
    at.button(key="sharing:yes").click().run()
    assert not at.exception
    assert _table(at, "Expires")[0]["Status"].startswith("revoked on")
    with pytest.raises(InputError):
        org.innovator.open_share_link(token)
    page = open_as(org.innovator.as_viewer(Viewer.anonymous()), "link", pages=("link",), t=token)
    assert not page.exception
    [error] = page.error
    assert "STORAGE_007" in error.body and "withdrawn" in error.body
    assert not page.title and not page.markdown and not chart_bodies(page)


@pytest.mark.parametrize("query", [{"t": "not-a-token"}, {}])
def test_unknown_link__error(org: Org, query: dict[str, str]) -> None:
    """Should show the STORAGE_007 message for a token this server did not make, or none."""
    page = open_as(org.innovator.as_viewer(Viewer.anonymous()), "link", pages=("link",), **query)
    assert not page.exception
    assert ["STORAGE_007" in e.body for e in page.error] == [True]
    assert not chart_bodies(page)


def test_commissioner_results_read_only__ok(org: Org) -> None:
    """Should show a shared copy's results with the banner naming who shared it, and no way to edit."""
    aid = org.assessment()
    share = org.innovator.share(aid, org.council.id)
    at = open_as(org.commissioner, "results", a=share.copy_id or "")
    assert not at.exception
    when = share.shared_at.astimezone().date().isoformat()
    assert f"Shared by Acme Innovations on {when} — frozen copy, read-only" in page_text(at)
    links = _page_links(at)
    assert not [label for label in links if "questionnaire" in label.lower() or "share" in label.lower()]
    assert not at.button  # no edit answers, no follow-up
    assert len(chart_bodies(at)) == len(bundled_frameworks())
    history = _table(at, "Who")
    assert history[-1]["What"] == "assessment created"


def test_innovator_results_link_to_sharing__ok(org: Org) -> None:
    """Should offer the questionnaire and the Share and history page to the assessment's innovator."""
    aid = org.assessment()
    at = open_as(org.innovator, "results", a=aid)
    assert not at.exception
    assert {"Back to the questionnaire", "Share and audit history"} <= set(_page_links(at))


def test_sharing_page_for_someone_who_may_not_see__error(org: Org) -> None:
    """Should answer an assessment the person may not read like an unknown one (STORAGE_001), nothing else."""
    aid = org.assessment()
    at = open_as(org.commissioner, "sharing", a=aid)
    assert not at.exception
    assert "STORAGE_001" in "\n".join(e.body for e in at.error)
    assert not at.dataframe and not at.selectbox and not at.header


def test_sharing_page_for_an_example__ok(org: Org) -> None:
    """Should show an example's history but no sharing: examples are read-only for everyone."""
    aid = load_examples(org.innovator)[0]
    at = open_as(org.innovator, "sharing", a=aid)
    assert not at.exception
    assert "Illustrative example — read-only" in page_text(at)
    assert not at.selectbox and [n.key for n in at.number_input] == ["sharing:history:page"]  # a long history
    pager = at.number_input(key="sharing:history:page")
    pager.set_value(pager.max).run()  # the last page holds the oldest changes
    assert _table(at, "Who")[-1]["What"] == "assessment created"


def test_history_in_words__ok(org: Org) -> None:
    """Should word each change: the item's label and option labels, notes, shares; newest first."""
    aid = org.assessment()
    org.innovator.share(aid, org.council.id)
    at = open_as(org.innovator, "sharing", a=aid)
    rows = _table(at, "Who")
    label = SCIE.item(ITEM).short_label
    assert rows[0]["What"] == f"shared with {COUNCIL}"
    assert [r["What"] for r in rows].count(f"shared with {COUNCIL}") == 1  # not the workspaces' copies of it
    rating = next(r for r in rows if r["What"].startswith("rating of"))
    assert rating["What"] == f"rating of '{label}' ({SCIE.short_title})"
    assert rating["Now"] == SCIE.options(ITEM)[[o.id for o in SCIE.options(ITEM)].index("partly_addressed")].label
    assert rating["Who"] == INNOVATOR
    note = next(r for r in rows if r["What"].startswith("note on"))
    assert note["Now"] == "Two councils asked"
    assert rows[-1]["What"] == "assessment created"
