"""Sign-in through a real OpenID Connect provider, and what each person can then reach (Playwright + chromium).

One database holds three organisations: Alice innovates in Alpha Care, Bob in Bravo Homes, and
Carol commissions for County Council, with which Bob shared his assessment. Mallory can sign in
but belongs to no workspace. Each test signs in through ``oidc-provider-mock``'s authorize page,
as a person would, and then tries to see or change what is not theirs: by the lists, by guessing
URLs, by opening pages outside their role, and by uploading a forged workbook.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from assessments.catalogue import bundled_frameworks
from assessments.examples import load_examples
from assessments.models import Answer, AssessmentMeta, AssessorRole, Innovation, Stage
from assessments.store import Role, Store, Viewer
from assessments.xlsx.write import workbook_bytes
from tests.browser.conftest import stop_server
from tests.browser.oidc import OrgServer, Provider, _provider, sign_in, start_org_server
from tests.databases import TestDatabases

pytestmark = pytest.mark.browser
provider = _provider

ALPHA = "Alpha homeshare"
BRAVO = "Bravo telecare"


@dataclass(frozen=True)
class Seeded:
    """The running app and the ids the tests probe with."""

    server: OrgServer
    system: Store
    a_id: str
    b_id: str
    b_copy: str


def seed(database_url: str) -> tuple[Store, str, str, str]:
    """Three workspaces, their members, one assessment each for Alice and Bob, Bob's shared with County."""
    system = Store(database_url, frameworks=bundled_frameworks(), viewer=Viewer(actor="test set-up", system=True))
    a, b, c = (system.add_workspace(n) for n in ("Alpha Care", "Bravo Homes", "County Council"))
    system.add_member(a.id, "alice@alpha.example", Role.INNOVATOR)
    system.add_member(b.id, "bob@bravo.example", Role.INNOVATOR)
    system.add_member(c.id, "carol@county.example", Role.COMMISSIONER)
    meta = AssessmentMeta(stage=Stage.PILOT, assessor_role=AssessorRole.INNOVATOR)
    ids = []
    for email, name in (("alice@alpha.example", ALPHA), ("bob@bravo.example", BRAVO)):
        person = system.as_viewer(Viewer.member(email))
        aid = person.create_assessment(Innovation(name=name, organisation=name.split()[0]), meta)
        person.save_answer(aid, "scie", "evidence_of_efficacy", Answer(value="addressed", note=f"{name} note"))
        ids.append(aid)
    bob = system.as_viewer(Viewer.member("bob@bravo.example"))
    share = bob.share(ids[1], c.id)
    assert share.copy_id
    load_examples(system)
    return system, ids[0], ids[1], share.copy_id


@pytest.fixture(name="org", scope="module")
def _org(provider: Provider, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    tmp = tmp_path_factory.mktemp("org")
    databases = TestDatabases(tmp)
    try:
        database_url = databases.new("org")
        system, a_id, b_id, b_copy = seed(database_url)
        server, process = start_org_server(tmp, provider, database_url)
        try:
            yield Seeded(server, system, a_id, b_id, b_copy)
        finally:
            stop_server(process)
            system.close()
    finally:
        databases.drop_all()


def main_text(page: Any) -> str:
    """Everything the page holds (its HTML, so tables drawn on a canvas count too) once the app has settled."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stSkeletonElement],[data-testid=stAppSkeleton],"
        "[data-testid=stStatusWidget]')"
    )
    page.wait_for_timeout(500)
    return str(page.content())


def shows(page: Any, text: str) -> str:
    """Wait until the page holds ``text`` (tables fill in after the run ends), then return the settled page."""
    page.wait_for_function("t => document.documentElement.innerHTML.includes(t)", arg=text, timeout=20_000)
    return main_text(page)


def nav_text(page: Any) -> str:
    """The page titles in the sidebar navigation, one per line (empty when there is none)."""
    links = page.locator('[data-testid="stSidebarNav"] a')
    titles = [str(links.nth(i).get_attribute("href") or "").rsplit("/", 1)[-1] for i in range(links.count())]
    return "\n".join(PAGE_TITLES.get(t, t) for t in titles)


PAGE_TITLES = {
    "": "Home",
    "questionnaire": "Questionnaire",
    "results": "Results",
    "sharing": "Share and history",
    "compare": "Compare",
    "excel": "Excel import and export",
    "admin": "Workspace admin",
    "frameworks": "Frameworks",
    "method": "Scoring method",
    "accessibility": "Accessibility",
}
"""Navigation links by the last part of their address (the page's url path)."""


def no_exception(page: Any) -> None:
    """Fail if Streamlit rendered an exception block."""
    assert page.locator('[data-testid="stException"]').count() == 0


def test_anonymous_sees_only_sign_in__ok(org: Seeded, page: Any) -> None:
    """Should show a signed-out visitor the sign-in and nothing else, whatever URL they guess."""
    for path in ("", f"/results?a={org.a_id}", f"/questionnaire?a={org.b_id}", "/compare", "/admin", "/excel"):
        page.goto(f"{org.server.url}{path}")
        text = main_text(page)
        no_exception(page)
        expect(page.get_by_role("button", name=re.compile("Sign in"))).to_be_visible()
        for secret in (ALPHA, BRAVO, "note"):
            assert secret not in text, f"{path}: {secret!r} shown to a signed-out visitor"
        assert nav_text(page) == "", "no menu before signing in"


def test_innovators_see_only_their_own__ok(org: Seeded, page: Any) -> None:
    """Should show Alice her assessment and never Bob's, by list or by URL, and keep her out of Compare."""
    sign_in(page, org.server, "alice")
    text = shows(page, ALPHA)
    assert BRAVO not in text
    assert set(nav_text(page).splitlines()) == {
        "Home",
        "Questionnaire",
        "Results",
        "Share and history",
        "Excel import and export",
        "Frameworks",
        "Scoring method",
        "Accessibility",
    }
    for path in (f"/results?a={org.b_id}", f"/questionnaire?a={org.b_id}", f"/sharing?a={org.b_id}"):
        page.goto(f"{org.server.url}{path}")
        text = main_text(page)
        no_exception(page)
        assert BRAVO not in text and "Bravo telecare note" not in text, path
    page.goto(f"{org.server.url}/compare")
    assert "Compare" not in nav_text(page)
    assert BRAVO not in main_text(page)


def test_other_innovator_sees_only_theirs__ok(org: Seeded, page: Any) -> None:
    """Should show Bob his assessment and never Alice's."""
    sign_in(page, org.server, "bob")
    assert ALPHA not in shows(page, BRAVO)
    page.goto(f"{org.server.url}/results?a={org.a_id}")
    assert ALPHA not in main_text(page)


def test_commissioner_sees_shared_copy_read_only__ok(org: Seeded, page: Any) -> None:
    """Should show Carol the copy Bob shared (and Compare), never the originals, and no way to edit."""
    sign_in(page, org.server, "carol")
    assert ALPHA not in shows(page, BRAVO)
    assert set(nav_text(page).splitlines()) == {
        "Home",
        "Results",
        "Compare",
        "Excel import and export",
        "Frameworks",
        "Scoring method",
        "Accessibility",
    }
    page.goto(f"{org.server.url}/results?a={org.b_copy}")
    assert "read-only" in shows(page, BRAVO).lower()
    page.goto(f"{org.server.url}/questionnaire?a={org.b_copy}")
    main_text(page)
    assert page.locator('[data-testid="stRadioGroup"]').count() == 0
    for original in (org.a_id, org.b_id):
        page.goto(f"{org.server.url}/results?a={original}")
        assert "note" not in main_text(page)


def test_member_of_nothing_is_told_whom_to_ask__ok(org: Seeded, page: Any) -> None:
    """Should tell someone signed in without a membership that an admin must add them, and show no data."""
    sign_in(page, org.server, "mallory")
    text = main_text(page)
    assert "mallory@nowhere.example" in text and "admin" in text.lower()
    assert ALPHA not in text and BRAVO not in text


def test_forged_workbook_creates_new_assessment__ok(org: Seeded, page: Any, tmp_path: Path) -> None:
    """Should import a workbook carrying Bob's assessment id as a new assessment of Alice's; Bob's stays as it was."""
    bobs = org.system.as_viewer(Viewer.member("bob@bravo.example")).get_assessment(org.b_id)
    forged = bobs.model_copy(update={"innovation": bobs.innovation.model_copy(update={"name": "Forged name"})})
    path = tmp_path / "forged.xlsx"
    path.write_bytes(workbook_bytes(bundled_frameworks(), forged))
    sign_in(page, org.server, "alice")
    page.goto(f"{org.server.url}/excel")
    main_text(page)
    page.locator('input[type="file"]').first.set_input_files(str(path))
    assert "new assessment" in shows(page, "cannot change")
    page.get_by_role("button", name=re.compile("Import")).first.click()
    main_text(page)
    no_exception(page)
    assert org.system.as_viewer(Viewer.member("bob@bravo.example")).get_assessment(org.b_id) == bobs
    alices = [s.innovation_name for s in org.system.as_viewer(Viewer.member("alice@alpha.example")).list_assessments()]
    assert "Forged name" in alices


def test_provider_is_real_oidc__ok(provider: Provider) -> None:
    """Should serve a discovery document with the endpoints st.login uses (a guard against a silent stub)."""
    with urllib.request.urlopen(f"{provider.url}/.well-known/openid-configuration", timeout=10) as resp:
        document = json.loads(resp.read())
    for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        assert document[key].startswith(provider.url)
