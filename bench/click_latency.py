"""Click-to-rerun-finished latency against a real ``streamlit run`` server over its websocket.

Run: ``python -m bench.click_latency [--clicks N]``. Starts servers on loopback
(temporary SQLite database), speaks Streamlit's own protocol on
``/_stcore/stream`` (protobuf ``BackMsg`` / ``ForwardMsg``, :mod:`bench._streamlit_ws`), and times from
sending an answer click (a ``rerun_script`` BackMsg carrying the changed radio's
widget state) to receiving the ``script_finished`` ForwardMsg. This is what a
browser waits for after a click, minus rendering.

Measured for the questionnaire's largest screen and two bare scripts with the
same number of radios (plain radios, and the screen's own radios with their
descriptors and help), under two server settings and two client socket modes:

* server "streamlit defaults": ``runner.postScriptGC=true``, ``runner.magicEnabled=true``;
* server "app settings": ``.streamlit/config.toml`` (``postScriptGC=false``, ``magicEnabled=false``);
* client "plain": an ordinary socket (delayed ACKs);
* client "prompt ACK": ``TCP_NODELAY`` plus ``TCP_QUICKACK`` re-armed before every read,
  as browsers effectively do on loopback.

For each click it reports the client-side time and the server's own script-run
time (read from :mod:`bench._timed_streamlit`), as median and p95 in
milliseconds, with the app / bare and app / same ratios. A change to a radio
inside a fragment is sent with the fragment's id, as the browser sends it.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench._fixtures import (
    REPO,
    bare_radio_script,
    create_assessment,
    free_port,
    largest_screen,
    median_ms,
    new_store,
    p95_ms,
    same_radios_script,
    start_server,
    stop_server,
)
from bench._streamlit_ws import Session, choose, connect
from bench._timed_streamlit import read_run_times

SERVER_SETTINGS = {
    "streamlit defaults": ["--runner.postScriptGC", "true", "--runner.magicEnabled", "true"],
    "app settings": ["--runner.postScriptGC", "false", "--runner.magicEnabled", "false"],
}


@dataclass
class Target:
    """One server under test and the radio to click on it."""

    port: int
    run_times: Path
    query_string: str
    page_name: str
    radio_key: str


@dataclass
class Clicker:
    """An open session on a target, ready to click its radio."""

    target: Target
    session: Session
    widget_id: str
    fragment_id: str
    labels: list[str]
    client: list[float]

    @classmethod
    def open(cls, target: Target, *, prompt_ack: bool) -> Clicker:
        """Connect, load the page once and find the radio to click."""
        session = connect(
            target.port, prompt_ack=prompt_ack, query_string=target.query_string, page_name=target.page_name
        )
        radios = session.rerun([]).radios
        ids = [rid for rid in radios if rid.endswith(target.radio_key)]
        if not ids:
            session.close()
            raise RuntimeError(f"no radio with key {target.radio_key!r} on the page (found {len(radios)} radios)")
        radio, fragment_id = radios[ids[0]]
        labels = list(radio.options)  # the browser sends the option's displayed label
        return cls(target, session, ids[0], fragment_id, labels, client=[])

    def click(self, n: int, *, record: bool) -> None:
        """Choose option ``n % 2`` and wait for the rerun to finish."""
        elapsed = self.session.rerun([choose(self.widget_id, self.labels[n % 2])], self.fragment_id).seconds
        if record:
            self.client.append(elapsed)


WARM_UP = 3
"""Clicks per target before timing starts (first clicks warm caches)."""
PAUSE = 0.05
"""Default seconds between clicks: each click meets an idle server, as a person's clicks do."""
BLOCK = 10
"""Clicks on one server before the next server's turn."""
APP, BARE, SAME = "app", "bare", "same"


@dataclass
class Samples:
    """Times of the timed clicks on one server, in seconds."""

    client: list[float]
    server: list[float]


def _settled_count(path: Path, quiet: float = 0.2, timeout: float = 10.0) -> int:
    """Number of runs recorded in ``path`` once it has not grown for ``quiet`` seconds."""
    deadline = time.monotonic() + timeout
    count = len(read_run_times(str(path)))
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = len(read_run_times(str(path)))
        if now == count:
            return count
        count = now
    return count


def measure(
    targets: dict[str, Target], *, prompt_ack: bool, clicks: int, pause: float, block: int = BLOCK
) -> dict[str, Samples]:
    """Click each target's radio ``clicks`` times, ``pause`` seconds apart, in blocks taken in turn.

    Each server gets ``block`` clicks in a row, then the next server does, round
    after round, so drift in the machine's speed is shared out between them
    while each click still meets a server whose own memory is as warm as a real
    single-app server's (clicking three servers in strict turn made every
    click follow the other two processes through the caches). Returns, per
    target, the client-side click-to-script_finished times and the server-side
    script run times of the same clicks, in seconds.
    """
    clickers: dict[str, Clicker] = {}
    try:
        # The server writes a run's time just after it sends script_finished, so
        # counts are read once they have settled, and the timed runs are the last ones.
        start = {name: _settled_count(t.run_times) for name, t in targets.items()}
        for name, target in targets.items():
            clickers[name] = Clicker.open(target, prompt_ack=prompt_ack)
        for n in range(WARM_UP):
            for c in clickers.values():
                c.click(n, record=False)
        for first in range(WARM_UP, WARM_UP + clicks, block):
            for c in clickers.values():
                for n in range(first, min(first + block, WARM_UP + clicks)):
                    time.sleep(pause)
                    c.click(n, record=True)
        out = {}
        for name, c in clickers.items():
            expected = start[name] + 1 + WARM_UP + clicks  # page load, warm-up, timed clicks
            count = _settled_count(c.target.run_times)
            if count != expected:
                raise RuntimeError(f"{name}: expected {expected} server-side runs in all, the server recorded {count}")
            out[name] = Samples(client=c.client, server=read_run_times(str(c.target.run_times), skip=count - clicks))
        return out
    finally:
        for c in clickers.values():
            c.session.close()


def main() -> None:
    """Start the servers, measure every combination and print medians, p95s and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=100, help="timed clicks per server and combination (default 100)")
    parser.add_argument(
        "--pause", type=float, default=PAUSE, help=f"seconds between clicks (default {PAUSE}; 0 for back to back)"
    )
    args = parser.parse_args()
    screen = largest_screen()
    first = screen.choice_items[0]
    options = [o.id for o in screen.framework.options(first)]
    n = len(screen.choice_items)
    rows: list[tuple[str, str, dict[str, Samples]]] = []
    with tempfile.TemporaryDirectory(prefix="bench-click-") as d:
        tmp = Path(d)
        url, store = new_store(tmp)
        aid = create_assessment(store)
        scripts = {
            APP: (REPO / "app.py", {"DATABASE_URL": url}),
            BARE: (bare_radio_script(tmp / "bare_radios.py", n, options), {}),
            SAME: (same_radios_script(tmp / "same_radios.py", screen), {}),
        }
        for setting, flags in SERVER_SETTINGS.items():
            targets = {
                APP: Target(
                    free_port(),
                    tmp / "app-runs.txt",
                    f"a={aid}&s={screen.step}",
                    "questionnaire",
                    f"q:{aid}:{screen.framework.id}:{first}:value",
                ),
                BARE: Target(free_port(), tmp / "bare-runs.txt", "", "", "-q0"),
                SAME: Target(free_port(), tmp / "same-runs.txt", "", "", "-q0"),
            }
            with contextlib.ExitStack() as servers:
                for name, (script, env) in scripts.items():
                    target = targets[name]
                    process = start_server(
                        script, target.port, env, tmp / f"{name}.log", flags, run_times=target.run_times
                    )
                    servers.callback(stop_server, process)
                for prompt_ack in (False, True):
                    result = measure(targets, prompt_ack=prompt_ack, clicks=args.clicks, pause=args.pause)
                    rows.append((setting, "prompt ACK" if prompt_ack else "plain", result))
        saved = store.get_answers(aid, screen.framework.id).get(screen.framework.id, {}).get(first)
        store.close()
        if saved is None:
            raise RuntimeError("the clicks were not saved: the benchmark did not drive the real save path")
    print(
        f"Real `streamlit run` servers on loopback, {args.clicks} clicks each in blocks of {BLOCK} taken in turn, "
        f"{args.pause * 1000:.0f} ms between clicks (median / p95 ms)"
    )
    print(f"  app:  the questionnaire's largest screen, {screen.step} ({n} questions), a real SQLite save per click")
    print(f"  bare: a script with {n} plain radios (the issue's baseline)")
    print(f"  same: a script with the screen's own {n} radios (labels, descriptors, help, a no-op callback)")
    print("  click = client sends the answer, until it receives script_finished over the websocket")
    print("  server = the server's own script run for that click (callbacks, script, end-of-run clean-up)")
    print(
        f"{'server settings':<19} {'client':<11} {'':<7} {'app':>15} {'bare':>15} {'same':>15}"
        f" {'app/bare':>9} {'app/same':>9}"
    )
    for setting, client, result in rows:
        for what, field in (("click", "client"), ("server", "server")):
            q, b, m = (getattr(result[name], field) for name in (APP, BARE, SAME))
            print(
                f"{setting:<19} {client:<11} {what:<7} "
                + " ".join(f"{median_ms(x):6.1f} / {p95_ms(x):6.1f}" for x in (q, b, m))
                + f" {median_ms(q) / median_ms(b):9.2f} {median_ms(q) / median_ms(m):9.2f}"
            )


if __name__ == "__main__":
    main()
