"""An OpenID Connect provider on loopback and an app server in organisation mode, for the sign-in tests.

The provider is ``oidc-provider-mock`` (a real OIDC server: discovery document, authorize page,
token endpoint, signed ID tokens) with one predefined user per test person. The app runs with
its own secrets file whose ``[auth]`` section points at that provider, exactly as an
organisation would configure its own (Microsoft Entra ID, for example).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import REPO, free_port, start_server, stop_server, wait_healthy

PEOPLE = {
    "alice": "alice@alpha.example",
    "bob": "bob@bravo.example",
    "carol": "carol@county.example",
    "mallory": "mallory@nowhere.example",
}
"""Provider subject -> e-mail claim. Mallory can sign in but belongs to no workspace."""


@dataclass(frozen=True)
class Provider:
    """A running OpenID Connect provider."""

    url: str
    process: subprocess.Popen[bytes]


@dataclass(frozen=True)
class OrgServer:
    """The app in organisation mode: its URL, database and secrets file."""

    url: str
    database_url: str
    secrets: Path
    log: Path


def start_provider(log: Path) -> Provider:
    """Start oidc-provider-mock on a free loopback port with the test people, and wait for its discovery document."""
    port = free_port()
    args = [sys.executable, "-m", "oidc_provider_mock", "-p", str(port)]
    for sub, email in PEOPLE.items():
        args += ["--user-claims", json.dumps({"sub": sub, "email": email, "name": sub.capitalize()})]
    out = log.open("wb")
    process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"oidc-provider-mock exited:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=2) as resp:
                if resp.status == 200:
                    return Provider(url, process)
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    stop_server(process)
    pytest.fail(f"oidc-provider-mock did not start:\n{log.read_text(errors='replace')}")


def write_secrets(path: Path, app_port: int, provider: Provider) -> None:
    """The ``[auth]`` section an organisation writes, pointed at the loopback provider."""
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "scaling-readiness-tests"\n'
        'client_secret = "loopback-only"\n'
        f'server_metadata_url = "{provider.url}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )


@pytest.fixture(name="provider", scope="module")
def _provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    provider = start_provider(tmp_path_factory.mktemp("oidc") / "provider.log")
    try:
        yield provider
    finally:
        stop_server(provider.process)


def start_org_server(tmp: Path, provider: Provider, database_url: str) -> tuple[OrgServer, subprocess.Popen[bytes]]:
    """Start app.py in organisation mode against ``database_url``."""
    port = free_port()
    secrets_file = tmp / "secrets.toml"
    write_secrets(secrets_file, port, provider)
    env = {**os.environ, "DATABASE_URL": database_url, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    log = tmp / "streamlit.log"
    process = start_server(REPO / "app.py", port, env, log, "--secrets.files", str(secrets_file))
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, process, log)
    return OrgServer(url, database_url, secrets_file, log), process


def sign_in(page: Any, server: OrgServer, who: str) -> None:
    """Sign in through the provider's authorize page as one of :data:`PEOPLE` and wait to be back in the app."""
    page.goto(server.url)
    page.get_by_role("button", name="Sign in").first.click()
    page.wait_for_url("**/oauth2/authorize**")
    page.locator(f"button[name=sub][value={who}]").click()
    page.wait_for_url(f"{server.url}/**")
    page.get_by_text(PEOPLE[who]).first.wait_for()
