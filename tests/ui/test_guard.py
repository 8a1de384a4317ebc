"""The mode and exposure rules without Streamlit: loopback addresses, the [auth] section, providers, the override."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from ui.guard import OVERRIDE_ENV, auth_section, is_loopback, override_set, refusal, sign_in_providers

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "address", ["127.0.0.1", "127.0.1.1", "::1", "[::1]", "localhost", "LOCALHOST", " 127.0.0.1 ", "unix:///tmp/s"]
)
def test_loopback_addresses__ok(address: str) -> None:
    """Should accept addresses reachable from this computer only."""
    assert is_loopback(address)


@pytest.mark.parametrize("address", [None, "", "  ", "0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.org"])
def test_network_addresses__ok(address: str | None) -> None:
    """Should treat unset/empty (every interface), wildcard, LAN and host names as reachable from the network."""
    assert not is_loopback(address)


class _NoSecretsFile(Mapping[str, Any]):
    """Behaves like st.secrets with no secrets.toml: every read raises a FileNotFoundError subclass."""

    def __getitem__(self, key: str) -> Any:
        raise FileNotFoundError("No secrets found")

    def __iter__(self) -> Any:
        raise FileNotFoundError("No secrets found")

    def __len__(self) -> int:
        raise FileNotFoundError("No secrets found")

    def __contains__(self, key: object) -> bool:
        raise FileNotFoundError("No secrets found")


@pytest.mark.parametrize(
    ("secrets", "expected"),
    [
        (_NoSecretsFile(), None),
        ({}, None),
        ({"database": {"url": "x"}}, None),
        ({"auth": {"client_id": "c"}}, {"client_id": "c"}),
        ({"auth": "on"}, {}),
    ],
)
def test_auth_section__ok(secrets: Mapping[str, Any], expected: Mapping[str, Any] | None) -> None:
    """Should find [auth] when present (a non-table still counts as asked for) and None without a secrets file."""
    assert auth_section(secrets) == expected


def test_sign_in_providers__ok() -> None:
    """Should list the unnamed provider as None and each complete [auth.NAME] table by name."""
    assert sign_in_providers({"client_id": "x", "client_kwargs": {"prompt": "login"}}) == [None]
    assert sign_in_providers({"cookie_secret": "s", "microsoft": {"client_id": "m"}, "google": {"client_id": "g"}}) == [
        "google",
        "microsoft",
    ]
    assert sign_in_providers({"redirect_uri": "r"}) == []


@pytest.mark.parametrize(
    ("env", "expected"), [({}, False), ({OVERRIDE_ENV: "1"}, True), ({OVERRIDE_ENV: "yes"}, False)]
)
def test_override__ok(env: dict[str, str], expected: bool) -> None:
    """Should accept only the exact value 1 as the knowing override."""
    assert override_set(env) is expected


def test_refusal__ok() -> None:
    """Should refuse single-user mode on a network address, naming it and both ways out; allow everything else."""
    reason = refusal("0.0.0.0", auth_configured=False, env={})
    assert reason is not None
    assert "0.0.0.0" in reason
    assert "[auth]" in reason and ".streamlit/secrets.toml" in reason and "Sign-in" in reason
    assert f"{OVERRIDE_ENV}=1" in reason
    assert "every network interface" in (refusal(None, auth_configured=False, env={}) or "")
    assert refusal("127.0.0.1", auth_configured=False, env={}) is None
    assert refusal("0.0.0.0", auth_configured=True, env={}) is None
    assert refusal("0.0.0.0", auth_configured=False, env={OVERRIDE_ENV: "1"}) is None


def test_guard_needs_no_streamlit__ok() -> None:
    """Should import ui.guard without Streamlit (serve.py and the app share it; the rules stand on their own)."""
    code = "import sys, ui.guard\nprint(any(m == 'streamlit' or m.startswith('streamlit.') for m in sys.modules))\n"
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"
