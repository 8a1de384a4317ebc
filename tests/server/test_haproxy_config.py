"""The HAProxy template (deploy/haproxy.cfg): what Streamlit needs is in it, and the rendered file is valid."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bench.cluster import HAPROXY, TEMPLATE, render_haproxy


def test_template_has_what_streamlit_needs__ok() -> None:
    """Should keep the sticky cookie, the health check on /healthz, websocket timeouts and redispatch."""
    lines = {line.strip() for line in TEMPLATE.read_text(encoding="utf-8").splitlines()}
    assert "cookie STSRV insert indirect nocache httponly" in lines
    assert "http-check send meth GET uri /healthz" in lines
    assert "http-check expect status 200" in lines
    assert "option redispatch" in lines
    assert any(line.startswith("timeout tunnel ") for line in lines)
    assert sum(line.startswith("server ") for line in lines) >= 2


def test_rendered_config_is_valid__ok(tmp_path: Path) -> None:
    """Should render one server line per replica with its cookie, and HAProxy should accept the file."""
    text = render_haproxy(
        TEMPLATE.read_text(encoding="utf-8"),
        bind="127.0.0.1:18080",
        servers=[("app1", 18501), ("app2", 18502), ("app3", 18503)],
        admin_socket=tmp_path / "admin.sock",
    )
    servers = [line.strip() for line in text.splitlines() if line.strip().startswith("server ")]
    assert servers == [f"server app{n} 127.0.0.1:1850{n} cookie app{n}" for n in (1, 2, 3)]
    assert "    bind 127.0.0.1:18080" in text.splitlines()
    if not shutil.which(HAPROXY):
        pytest.skip(f"{HAPROXY} not installed: the rendered file was not checked by HAProxy")
    config = tmp_path / "haproxy.cfg"
    config.write_text(text, encoding="utf-8")
    check = subprocess.run([HAPROXY, "-c", "-f", str(config)], capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stdout + check.stderr
