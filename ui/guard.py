"""Which way the app runs, decided without Streamlit: sign-in configured or not, and is the server reachable only here.

Two ways to run (README "Sign-in"):

* **Organisation mode** when secrets hold an ``[auth]`` section: people sign in with their
  organisation account and see what their workspace memberships allow.
* **Single-user mode** otherwise: no sign-in, one person, every role. That is only safe when the
  server listens on this computer alone, so a single-user app on a network address is refused
  unless :data:`OVERRIDE_ENV` is set to ``1`` by someone who knows what they are doing.

Used by the app (``ui/people.py``, a page that refuses) and by ``serve.py`` (a server that refuses to start).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

OVERRIDE_ENV = "ASSESSMENTS_ALLOW_UNAUTHENTICATED_NETWORK"
"""Set to ``1`` to run without sign-in on a network address anyway (everyone who can reach it sees everything)."""
AUTH_SECTION = "auth"
"""The secrets section that switches sign-in on (Streamlit's ``st.login`` settings)."""
SECRETS_FILE = ".streamlit/secrets.toml"
LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})


def is_loopback(address: str | None) -> bool:
    """True if a server bound to ``address`` can be reached from this computer only.

    Empty or unset means every network interface (Streamlit's default), so it is not loopback.
    A Unix socket (``unix://...``) is not a network listener, so it counts as local.
    """
    text = (address or "").strip()
    if not text:
        return False
    if text.startswith("unix://"):
        return True
    if text.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(text.strip("[]")).is_loopback
    except ValueError:
        return False


def auth_section(secrets: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The ``[auth]`` section of the secrets, or None when there is none (or no secrets file at all).

    Reading Streamlit's secrets raises (a ``FileNotFoundError`` subclass) when no secrets file
    exists; that means "no sign-in", not an error. An ``auth`` entry that is not a table still
    counts as sign-in being asked for (an empty mapping), so a broken set-up never falls back
    to single-user mode.
    """
    try:
        if AUTH_SECTION not in secrets:
            return None
        section = secrets[AUTH_SECTION]
    except FileNotFoundError:
        return None
    return section if isinstance(section, Mapping) else {}


def sign_in_providers(section: Mapping[str, Any]) -> list[str | None]:
    """The identity providers configured in an ``[auth]`` section, for ``st.login``.

    ``None`` stands for the unnamed provider set directly under ``[auth]``; a name for each
    ``[auth.NAME]`` table holding a ``client_id``. Empty when none is complete (``st.login``
    then says what is missing).
    """
    found: list[str | None] = [None] if "client_id" in section else []
    found += sorted(k for k, v in section.items() if isinstance(v, Mapping) and "client_id" in v)
    return found


def override_set(env: Mapping[str, str]) -> bool:
    """True if the environment knowingly allows single-user mode on a network address."""
    return env.get(OVERRIDE_ENV, "").strip() == "1"


def refusal(address: str | None, *, auth_configured: bool, env: Mapping[str, str]) -> str | None:
    """Why the app must not run this way, or None when it may.

    Refused: no sign-in (single-user mode) while listening on a non-loopback address,
    unless :data:`OVERRIDE_ENV` is ``1``.
    """
    if auth_configured or is_loopback(address) or override_set(env):
        return None
    where = f"address {address.strip()}" if address and address.strip() else "every network interface (no address set)"
    return (
        f"This installation has no sign-in, but the server listens on {where}, so anyone who can "
        "reach this computer over the network could read and change every assessment saved here.\n\n"
        f"To let several people use it, set up sign-in: add an [{AUTH_SECTION}] section to "
        f"{SECRETS_FILE} (see 'Sign-in' in the README). To use it alone, listen on this computer only: "
        'server.address = "127.0.0.1" in .streamlit/config.toml (the default of make run), or '
        "--server.address 127.0.0.1. To run without sign-in on a network anyway, knowing that "
        f"everyone who can reach it sees everything, set the environment variable {OVERRIDE_ENV}=1."
    )
