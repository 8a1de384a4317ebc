"""Fixtures for browser tests: a real ``streamlit run`` server and Debian's chromium driven by Playwright.

The server runs app.py in a subprocess on a free loopback port with its own
fresh test database (DATABASE_URL: SQLite or PostgreSQL, :mod:`tests.databases`), and is always terminated in
``finally``. Chromium is /usr/bin/chromium (or $CHROMIUM). When it is missing the
tests are skipped with a clear message, unless REQUIRE_BROWSER is set (CI sets
it), in which case a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
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

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT = 90.0
"""Seconds to wait for /_stcore/health (generous: the test machine is shared)."""


@dataclass(frozen=True)
class Server:
    """A running app server."""

    url: str
    database_url: str
    process: subprocess.Popen[bytes]
    log: Path


def free_port() -> int:
    """A TCP port free on loopback right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(script: Path, port: int, env: dict[str, str], log: Path, *extra: str) -> subprocess.Popen[bytes]:
    """Start ``streamlit run script`` headless on loopback, output to a log file."""
    with log.open("wb") as out:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(script),
                "--server.headless",
                "true",
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(port),
                "--browser.gatherUsageStats",
                "false",
                *extra,
            ],
            cwd=script.parent,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = SERVER_START_TIMEOUT) -> None:
    """Poll ``/_stcore/health`` until it answers ok, or fail with the server log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with code {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    pytest.fail(f"streamlit did not become healthy in {timeout:.0f} s:\n{log.read_text(errors='replace')}")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Terminate the server process (kill it if it does not stop)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(name="app_server")
def _app_server(tmp_path: Path, database_url: str) -> Iterator[Server]:
    """app.py served by a real ``streamlit run`` with a fresh database."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    log = tmp_path / "streamlit.log"
    process = start_server(REPO / "app.py", port, env, log)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, log)
        yield Server(url=url, database_url=database_url, process=process, log=log)
    finally:
        stop_server(process)


@pytest.fixture(name="chromium", scope="session")
def _chromium() -> Iterator[object]:
    """A headless chromium (Playwright browser), or a skip/fail when none is installed."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"chromium not found at {CHROMIUM} (install Debian's chromium, or set CHROMIUM=/path/to/chromium)"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"REQUIRE_BROWSER is set but {message}")
        pytest.skip(f"browser test skipped: {message}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is in requirements-dev.txt
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"REQUIRE_BROWSER is set but playwright is not installed: {exc}")
        pytest.skip(f"browser test skipped: playwright is not installed ({exc})")
    from playwright.sync_api import expect

    # expect()'s 5 s default is a first page load on a busy CI machine; a real failure still fails, later.
    expect.set_options(timeout=30_000)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(name="page")
def _page(chromium: object) -> Iterator[object]:
    """A fresh browser page (own context) per test, with a generous default timeout."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()


def settled(page: Any, pause_ms: int = 500) -> None:
    """Wait until the app's script has finished its run, then a moment for the browser to draw it."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=30_000)
    page.wait_for_timeout(pause_ms)
