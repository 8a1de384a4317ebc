"""Two replicas behind HAProxy with one PostgreSQL, driven by a real browser that signs in (Playwright + chromium).

The set-up an operator runs (docs/deployment.md, "Running several servers"): ``deploy/haproxy.cfg`` in front of
two ``streamlit run serve.py`` replicas that share one secrets file (one ``cookie_secret``, ``[auth]``
pointing at a loopback OpenID Connect provider) and one PostgreSQL, all on loopback
(``bench/cluster.py``). Alice signs in through HAProxy, uploads workbooks on the Excel page several
times (every upload reaches the replica holding her session, thanks to the sticky cookie) and imports
them. Then the replica serving her is killed: her next page load goes to the other replica, where
she is still signed in and finds her answers.

Marked ``cluster`` as well as ``browser``: it needs Debian's ``haproxy`` and ``postgresql`` too, and
skips without them unless REQUIRE_CLUSTER is set.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.models import Answer, AssessmentMeta, AssessorRole, Innovation, Stage
from assessments.store import Role, Store, Viewer
from assessments.xlsx.write import workbook_bytes
from bench._fixtures import free_port
from bench.cluster import Cluster, cluster, haproxy_missing, postgres_missing
from tests.browser.conftest import stop_server
from tests.browser.oidc import OrgServer, Provider, sign_in, start_provider

pytestmark = [pytest.mark.cluster, pytest.mark.browser]

ALICE = "alice@alpha.example"
NAME = "Alpha homeshare"
SEEDED = ("evidence_of_efficacy", "Seeded before the replicas started")
IMPORTED = ("scale_funding", "Imported through HAProxy")
UPLOADS = 4


def require_cluster() -> None:
    """Skip (or fail under REQUIRE_CLUSTER, which CI should set) when HAProxy or PostgreSQL is not installed."""
    missing = haproxy_missing() or postgres_missing()
    if missing:
        if os.environ.get("REQUIRE_CLUSTER"):
            pytest.fail(f"REQUIRE_CLUSTER is set but {missing}")
        pytest.skip(f"cluster test skipped: {missing}")


@dataclass(frozen=True)
class Running:
    """The cluster, Alice's assessment, and the system's view of the database."""

    cluster: Cluster
    server: OrgServer
    system: Store
    aid: str


def write_secrets(path: Path, url: str, provider: Provider) -> None:
    """One secrets file for every replica: the redirect URI is HAProxy's address, the cookie secret is shared."""
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "{url}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "scaling-readiness-tests"\n'
        'client_secret = "loopback-only"\n'
        f'server_metadata_url = "{provider.url}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )


@pytest.fixture(name="running", scope="module")
def _running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    require_cluster()
    tmp = tmp_path_factory.mktemp("cluster")
    provider = start_provider(tmp / "provider.log")
    port = free_port()
    secrets_file = tmp / "secrets.toml"
    write_secrets(secrets_file, f"http://127.0.0.1:{port}", provider)
    try:
        with cluster(tmp, replicas=2, database="postgresql", secrets=secrets_file, port=port) as c:
            system = Store(c.database_url, frameworks=bundled_frameworks(), viewer=Viewer(actor="test", system=True))
            workspace = system.add_workspace("Alpha Care")
            system.add_member(workspace.id, ALICE, Role.INNOVATOR)
            alice = system.as_viewer(Viewer.member(ALICE))
            meta = AssessmentMeta(stage=Stage.PILOT, assessor_role=AssessorRole.INNOVATOR)
            aid = alice.create_assessment(Innovation(name=NAME, organisation="Alpha"), meta)
            alice.save_answer(aid, "scie", SEEDED[0], Answer(value="addressed", note=SEEDED[1]))
            server = OrgServer(c.url, c.database_url, secrets_file, tmp / "haproxy.log")
            try:
                yield Running(c, server, system, aid)
            finally:
                system.close()
    finally:
        stop_server(provider.process)


def settled(page: Any) -> str:
    """The page's HTML once the app has finished its run."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stSkeletonElement],[data-testid=stAppSkeleton],"
        "[data-testid=stStatusWidget]')"
    )
    page.wait_for_timeout(300)
    assert page.locator('[data-testid="stException"]').count() == 0
    return str(page.content())


def shows(page: Any, text: str, timeout: float = 30_000) -> str:
    """Wait until the page holds ``text``, then return the settled page."""
    page.wait_for_function("t => document.documentElement.innerHTML.includes(t)", arg=text, timeout=timeout)
    return settled(page)


def sticky(page: Any) -> str:
    """The replica HAProxy pinned this browser to (its STSRV cookie)."""
    values = [c["value"] for c in page.context.cookies() if c["name"] == "STSRV"]
    assert len(values) == 1, page.context.cookies()
    return str(values[0])


def step_of(item: str) -> str:
    """The questionnaire's ``?s=`` value of the SCIE screen holding ``item``."""
    scie = bundled_frameworks()["scie"]
    return next(f"scie.{s.id}" for s in scie.sections if any(i.id == item for i in s.items))


def test_sticky_uploads_then_failover__ok(running: Running, page: Any, tmp_path: Path) -> None:
    """Should take every upload on the replica holding the session, then serve the next page load from the
    other replica when that one dies, still signed in and with every answer."""
    c, aid = running.cluster, running.aid
    sign_in(page, running.server, "alice")
    first = sticky(page)
    assert first in {"app1", "app2"}

    alice = running.system.as_viewer(Viewer.member(ALICE))
    edited = alice.get_assessment(aid)
    answers = {
        **edited.answers,
        "scie": {**edited.answers["scie"], IMPORTED[0]: Answer(value="partly_addressed", note=IMPORTED[1])},
    }
    data = workbook_bytes(bundled_frameworks(), edited.model_copy(update={"answers": answers}))
    page.goto(f"{c.url}/excel?a={aid}")
    settled(page)
    for n in range(1, UPLOADS + 1):
        path = tmp_path / f"alpha-{n}.xlsx"
        path.write_bytes(data)
        page.locator('input[type="file"]').first.set_input_files(str(path))
        shows(page, f"Import {n} workbook")  # previewed: the upload reached the session's replica
        assert page.get_by_text(re.compile("status code 4")).count() == 0
    assert sticky(page) == first
    page.get_by_role("button", name=re.compile(f"Import {UPLOADS} workbooks")).click()
    shows(page, "updated the assessment")
    assert alice.get_answers(aid)["scie"][IMPORTED[0]] == Answer(value="partly_addressed", note=IMPORTED[1])

    c.kill(first)
    survivor = next(r.name for r in c.replicas if r.name != first)
    page.goto(f"{c.url}/questionnaire?a={aid}&s={step_of(IMPORTED[0])}")
    text = shows(page, IMPORTED[1], timeout=60_000)
    assert sticky(page) == survivor
    assert ALICE in text, "still signed in on the other replica (same cookie_secret)"
    assert page.get_by_role("button", name=re.compile("Sign in")).count() == 0
    assert NAME in text
    page.goto(f"{c.url}/questionnaire?a={aid}&s={step_of(SEEDED[0])}")
    assert SEEDED[1] in shows(page, SEEDED[1])
    assert sticky(page) == survivor
    deadline = time.monotonic() + 30
    while c.server_states().get(first, "").split(" ")[0] != "DOWN" and time.monotonic() < deadline:
        time.sleep(0.5)
    assert c.server_states()[first].startswith("DOWN"), "HAProxy's health check took the dead replica out"
