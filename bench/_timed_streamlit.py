"""``streamlit`` with every script run timed inside the server (benchmarks only).

Run as ``python -m bench._timed_streamlit run SCRIPT [flags]`` with ``BENCH_RUN_TIMES``
set to a file path: the server behaves exactly as ``streamlit run`` does, and
appends one line per script run to that file, the seconds spent in
``ScriptRunner._run_script``. That span is the server-side rerun: widget
callbacks (the answer's save), the script itself, and Streamlit's end-of-run
clean-up (including ``runner.postScriptGC`` when it is on). It excludes the
network and the event-loop thread that serialises and sends the deltas, which
the client-side click latency covers.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

RUN_TIMES_ENV = "BENCH_RUN_TIMES"


def install(path: str) -> None:
    """Wrap ``ScriptRunner._run_script`` so that each run's duration is appended to ``path``."""
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script
    out = open(path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - open for the server's lifetime

    def timed(self: Any, rerun_data: Any) -> None:
        start = time.perf_counter()
        try:
            original(self, rerun_data)
        finally:
            out.write(f"{time.perf_counter() - start:.7f}\n")

    script_runner.ScriptRunner._run_script = timed  # type: ignore[method-assign]


def read_run_times(path: str, skip: int = 0) -> list[float]:
    """Run durations (seconds) written so far to ``path``, after the first ``skip``."""
    with open(path, encoding="utf-8") as f:
        return [float(line) for line in f.read().split()[skip:]]


if __name__ == "__main__":
    from streamlit.web import cli

    install(os.environ[RUN_TIMES_ENV])
    sys.argv[0] = "streamlit"
    sys.exit(cli.main())
