"""serve.py (what ``make run`` starts): a server without sign-in refuses a network address and serves loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ui.guard import OVERRIDE_ENV

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(tmp_path: Path, database_url: str, address: str, port: int) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != OVERRIDE_ENV}
    env["DATABASE_URL"] = database_url
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "serve.py",
            "--server.address",
            address,
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            # Whatever secrets this machine has, none here: the single-user case.
            "--secrets.files",
            str(tmp_path / "no-secrets.toml"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_serve_refuses_network_without_sign_in__error(tmp_path: Path, database_url: str) -> None:
    """Should exit non-zero, before serving, with the reason and both ways out."""
    proc = _serve(tmp_path, database_url, "0.0.0.0", _free_port())
    try:
        out, _ = proc.communicate(timeout=START_TIMEOUT)
    finally:
        proc.kill()
    assert proc.returncode == 2, out
    assert "Refusing to start." in out
    assert "0.0.0.0" in out and "[auth]" in out and f"{OVERRIDE_ENV}=1" in out
    assert "Traceback" not in out


def test_serve_on_loopback_serves__ok(tmp_path: Path, database_url: str) -> None:
    """Should serve the app on 127.0.0.1."""
    port = _free_port()
    proc = _serve(tmp_path, database_url, "127.0.0.1", port)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"serve.py exited with {proc.returncode}: {proc.stdout.read() if proc.stdout else ''}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as resp:
                    assert resp.read() == b"ok"
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("serve.py did not become healthy")
                time.sleep(0.25)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as resp:
            assert resp.status == 200
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
