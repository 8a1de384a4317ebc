"""From a fresh clone to a serving app: how long `make run` takes the first time.

``python -m bench.firstrun [--runs N] [--cold]``

What is measured: the repository is cloned (``git clone`` of this checkout, so the commit is the
one under test) into a temporary folder, ``make run PORT=<free port>`` is started there, and the
clock stops when the app answers ``/_stcore/health`` and its first page with HTTP 200. That is the
wait of a person who has just cloned the project: a virtual environment made, the locked packages
installed by uv, the database created, the server started.

Warm: uv's package cache already holds the locked packages (the usual case on a machine that has
installed them once). Cold (``--cold``): a new, empty uv cache for the run, so every package is
downloaded from the registry; this depends on the network and is reported, not targeted.
Baseline, measured in the same run: ``git clone`` alone, and starting the server in a clone whose
environment is already installed (``make run`` the second time), so the figures separate the
install from Streamlit's own start-up.

Target (issue 15): a fresh clone serves in at most 60 s when the package cache is warm.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 900.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serving(port: int) -> bool:
    try:
        for path in ("/_stcore/health", "/"):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as reply:
                if reply.status != 200:
                    return False
    except OSError:
        return False
    return True


def _make_run(clone: Path, env: dict[str, str]) -> float:
    """Start `make run` in ``clone``; return the seconds until it serves, then stop it."""
    port = _free_port()
    start = time.perf_counter()
    proc = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=clone,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while not _serving(port):
            if proc.poll() is not None:
                raise SystemExit(f"make run exited with {proc.returncode} before serving (in {clone})")
            if time.perf_counter() - start > TIMEOUT_S:
                raise SystemExit(f"make run did not serve within {TIMEOUT_S:.0f} s (in {clone})")
            time.sleep(0.2)
        return time.perf_counter() - start
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def _one(cold: bool) -> tuple[float, float, float]:
    """One fresh clone: (clone seconds, first `make run` seconds, second `make run` seconds)."""
    with tempfile.TemporaryDirectory(prefix="firstrun-") as tmp:
        clone = Path(tmp) / "app"
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/app.db"}
        if cold:
            env["UV_CACHE_DIR"] = str(Path(tmp) / "uv-cache")
        start = time.perf_counter()
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        cloned = time.perf_counter() - start
        first = _make_run(clone, env)
        again = _make_run(clone, env)
        shutil.rmtree(clone / ".venv", ignore_errors=True)
        return cloned, first, again


def main() -> None:
    """Print the medians of N fresh clones brought to serving."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="an empty uv cache for each run (downloads everything)")
    args = parser.parse_args()
    runs = [_one(args.cold) for _ in range(args.runs)]
    cache = "cold (empty uv cache)" if args.cold else "warm uv cache"
    print(f"fresh clone -> serving, {args.runs} runs, {cache}, median [min-max] seconds")
    for title, values in (
        ("git clone", [r[0] for r in runs]),
        ("first make run (install + start)", [r[1] for r in runs]),
        ("second make run (start only)", [r[2] for r in runs]),
        ("clone + first make run", [r[0] + r[1] for r in runs]),
    ):
        print(f"  {title:<34} {statistics.median(values):7.1f}  [{min(values):.1f}-{max(values):.1f}]")
    total = statistics.median([r[0] + r[1] for r in runs])
    print(f"  target (warm): <= 60 s -> {'met' if total <= 60 else 'NOT met'}" if not args.cold else "")


if __name__ == "__main__":
    main()
