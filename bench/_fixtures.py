"""Shared set-up for the UI benchmarks: a temporary database, the largest screen, bare scripts, servers.

Everything runs on loopback with temporary files, and every server started here
is stopped by the caller (``stop_server``) in a ``finally`` block.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assessments.catalogue import bundled_frameworks
from assessments.models import AssessmentMeta, AssessorRole, Framework, Innovation, Section, Stage
from assessments.store import Store
from bench._timed_streamlit import RUN_TIMES_ENV

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Screen:
    """The questionnaire screen with the most items (ties: most choice items)."""

    framework: Framework
    section: Section

    @property
    def step(self) -> str:
        """The questionnaire's ``?s=`` value for this screen."""
        return f"{self.framework.id}.{self.section.id}"

    @property
    def choice_items(self) -> list[str]:
        """Ids of the screen's choice (radio) items."""
        return [i.id for i in self.section.items if i.type == "choice"]


def largest_screen() -> Screen:
    """The largest questionnaire screen of the bundled frameworks."""
    candidates = [
        (len(s.items), sum(i.type == "choice" for i in s.items), Screen(fw, s))
        for fw in bundled_frameworks().values()
        for s in fw.sections
    ]
    return max(candidates, key=lambda c: (c[0], c[1]))[2]


def new_store(tmp: Path) -> tuple[str, Store]:
    """A store on a fresh SQLite file in ``tmp`` and its URL."""
    url = f"sqlite:///{tmp / 'bench.db'}"
    return url, Store(url, frameworks=bundled_frameworks())


def create_assessment(store: Store) -> str:
    """One empty assessment to answer."""
    meta = AssessmentMeta(assessed_on=dt.date(2026, 1, 1), stage=Stage.PILOT, assessor_role=AssessorRole.INNOVATOR)
    return store.create_assessment(Innovation(name="Benchmark innovation"), meta)


def bare_radio_script(path: Path, n_radios: int, options: Sequence[str]) -> Path:
    """Write a bare Streamlit script with ``n_radios`` unselected keyed radios (the baseline)."""
    path.write_text(
        "import streamlit as st\n"
        f"OPTIONS = {list(options)!r}\n"
        f"for i in range({n_radios}):\n"
        "    st.radio(f'Question {i + 1}', OPTIONS, index=None, key=f'q{i}')\n",
        encoding="utf-8",
    )
    return path


def same_radios_script(path: Path, screen: Screen) -> Path:
    """Write a bare script drawing the screen's own radios: the same labels, options, descriptors and help.

    The second baseline: it keeps what Streamlit spends on the questions' content
    (bigger messages, tooltips, a change callback) and drops everything
    the app adds (database, progress, navigation, fragment), so the ratio against
    it is the app's own overhead. The radios are keyed ``q0``, ``q1``, ...
    """
    from ui.steps import questionnaire_steps

    step = next(s for s in questionnaire_steps(bundled_frameworks()) if s.key == screen.step)
    views = [v for v in step.items if v["type"] == "choice"]
    data = path.with_suffix(".json")
    data.write_text(json.dumps(views), encoding="utf-8")
    path.write_text(
        "import json\n"
        "import streamlit as st\n"
        "@st.cache_resource\n"
        f"def views():\n    return json.loads(open({str(data)!r}, encoding='utf-8').read())\n"
        "def changed(n):\n    pass\n"
        "for n, v in enumerate(views(), start=1):\n"
        "    st.radio(f\"**{n}. {v['text']}**\", options=v['option_ids'], index=None,\n"
        "             format_func=v['labels'].__getitem__, help=v['help'] or None,\n"
        "             key=f'q{n - 1}', on_change=changed, args=(n,))\n",
        encoding="utf-8",
    )
    return path


def median_ms(samples: Sequence[float]) -> float:
    """Median of samples in seconds, as milliseconds."""
    return statistics.median(samples) * 1000


def p95_ms(samples: Sequence[float]) -> float:
    """95th percentile of samples in seconds, as milliseconds."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000


def free_port() -> int:
    """A TCP port free on loopback right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def launch_streamlit(
    script: Path, port: int, env: dict[str, str], log: Path, flags: Sequence[str], *, run_times: Path | None = None
) -> subprocess.Popen[bytes]:
    """Start ``streamlit run script`` headless on loopback with extra config flags (no waiting).

    With ``run_times``, the server is :mod:`bench._timed_streamlit`, which appends
    the duration of every script run to that file.
    """
    if run_times is not None:
        run_times.write_text("", encoding="utf-8")
        env = {**env, RUN_TIMES_ENV: str(run_times)}
    with log.open("wb") as out:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench._timed_streamlit" if run_times is not None else "streamlit",
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
                *flags,
            ],
            cwd=REPO,
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def start_server(
    script: Path, port: int, env: dict[str, str], log: Path, flags: Sequence[str], *, run_times: Path | None = None
) -> subprocess.Popen[bytes]:
    """:func:`launch_streamlit`, then wait until its health endpoint answers (90 s at most)."""
    process = launch_streamlit(script, port, env, log, flags, run_times=run_times)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited ({process.returncode}):\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return process
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    stop_server(process)
    raise RuntimeError(f"streamlit did not start in 90 s:\n{log.read_text(errors='replace')}")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Terminate a server started by :func:`start_server`."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
