"""Click-to-rerun-finished latency against a real ``streamlit run`` server over its websocket.

Run: ``python -m bench.click_latency [--clicks N]``. Starts servers on loopback
(temporary SQLite database), speaks Streamlit's own protocol on
``/_stcore/stream`` (protobuf ``BackMsg`` / ``ForwardMsg``), and times from
sending an answer click (a ``rerun_script`` BackMsg carrying the changed radio's
widget state) to receiving the ``script_finished`` ForwardMsg. This is what a
browser waits for after a click, minus rendering.

Measured for the questionnaire's largest screen and for a bare script with the
same number of radios, under two server settings and two client socket modes:

* server "streamlit defaults": ``runner.postScriptGC=true``, ``runner.magicEnabled=true``;
* server "app settings": ``.streamlit/config.toml`` (``postScriptGC=false``, ``magicEnabled=false``);
* client "plain": an ordinary socket (delayed ACKs);
* client "prompt ACK": ``TCP_NODELAY`` plus ``TCP_QUICKACK`` re-armed before every read,
  as browsers effectively do on loopback.

Prints the median and p95 in milliseconds, and the questionnaire / bare ratio.
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import websocket  # websocket-client
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench._fixtures import (
    REPO,
    bare_radio_script,
    create_assessment,
    free_port,
    largest_screen,
    median_ms,
    new_store,
    p95_ms,
    start_server,
    stop_server,
)
from bench._timed_streamlit import read_run_times

SERVER_SETTINGS = {
    "streamlit defaults": ["--runner.postScriptGC", "true", "--runner.magicEnabled", "true"],
    "app settings": ["--runner.postScriptGC", "false", "--runner.magicEnabled", "false"],
}
TCP_QUICKACK = getattr(socket, "TCP_QUICKACK", 12)
RECV_TIMEOUT = 30.0


@dataclass
class Session:
    """One websocket session with the server, tracking the last query and radio ids."""

    ws: websocket.WebSocket
    prompt_ack: bool
    query_string: str
    page_name: str
    page_script_hash: str = ""

    def _arm(self) -> None:
        if self.prompt_ack:
            with contextlib.suppress(OSError):  # not every OS has TCP_QUICKACK
                self.ws.sock.setsockopt(socket.IPPROTO_TCP, TCP_QUICKACK, 1)

    def rerun(self, widgets: list[WidgetState], fragment_id: str = "") -> tuple[float, dict[str, tuple[Any, str]]]:
        """Send one rerun request and read until script_finished.

        A change to a widget drawn inside a fragment is sent with that fragment's
        id, as the browser does, so the server reruns only the fragment.
        Returns the seconds taken and the radios drawn, by id, with their fragment ids.
        """
        msg = BackMsg()
        msg.rerun_script.query_string = self.query_string
        msg.rerun_script.page_name = self.page_name
        msg.rerun_script.page_script_hash = self.page_script_hash
        msg.rerun_script.widget_states.widgets.extend(widgets)
        msg.rerun_script.fragment_id = fragment_id
        payload = msg.SerializeToString()
        radios: dict[str, tuple[Any, str]] = {}
        self._arm()
        start = time.perf_counter()
        self.ws.send_binary(payload)
        while True:
            self._arm()
            data = self.ws.recv()
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_script_hash = fwd.new_session.page_script_hash or self.page_script_hash
            elif kind == "navigation":
                self.page_script_hash = fwd.navigation.page_script_hash or self.page_script_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                if element.WhichOneof("type") == "radio":
                    radios[element.radio.id] = (element.radio, fwd.delta.fragment_id)
            elif kind == "script_finished":
                return time.perf_counter() - start, radios


def connect(port: int, *, prompt_ack: bool, query_string: str, page_name: str) -> Session:
    """Open the websocket the way the browser does (subprotocol 'streamlit')."""
    sockopt = [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)] if prompt_ack else []
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{port}/_stcore/stream",
        subprotocols=["streamlit"],
        timeout=RECV_TIMEOUT,
        sockopt=sockopt,
    )
    return Session(ws=ws, prompt_ack=prompt_ack, query_string=query_string, page_name=page_name)


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
        _, radios = session.rerun([])
        ids = [rid for rid in radios if rid.endswith(target.radio_key)]
        if not ids:
            session.ws.close()
            raise RuntimeError(f"no radio with key {target.radio_key!r} on the page (found {len(radios)} radios)")
        radio, fragment_id = radios[ids[0]]
        labels = list(radio.options)  # the browser sends the option's displayed label
        return cls(target, session, ids[0], fragment_id, labels, client=[])

    def click(self, n: int, *, record: bool) -> None:
        """Choose option ``n % 2`` and wait for the rerun to finish."""
        state = WidgetState(id=self.widget_id, string_value=self.labels[n % 2])
        elapsed, _ = self.session.rerun([state], self.fragment_id)
        if record:
            self.client.append(elapsed)


WARM_UP = 3
"""Clicks per target before timing starts (first clicks warm caches)."""
PAUSE = 0.05
"""Seconds between clicks, so each click meets an idle server (a person clicks far more slowly)."""


def measure(app: Target, bare: Target, *, prompt_ack: bool, clicks: int) -> dict[str, tuple[list[float], list[float]]]:
    """Click the app's and the bare script's radio in turn, ``clicks`` times each.

    Alternating the two keeps any drift in the machine's speed out of the ratio.
    Returns, per side, the client-side click-to-script_finished times and the
    server-side script run times of the same clicks, in seconds.
    """
    clickers = {"app": Clicker.open(app, prompt_ack=prompt_ack), "bare": Clicker.open(bare, prompt_ack=prompt_ack)}
    try:
        for n in range(WARM_UP):
            for c in clickers.values():
                c.click(n, record=False)
        before = {side: len(read_run_times(str(c.target.run_times))) for side, c in clickers.items()}
        for n in range(WARM_UP, WARM_UP + clicks):
            for c in clickers.values():
                time.sleep(PAUSE)
                c.click(n, record=True)
        out = {}
        for side, c in clickers.items():
            server = read_run_times(str(c.target.run_times), skip=before[side])
            if len(server) != clicks:
                raise RuntimeError(f"{side}: expected {clicks} server-side runs, the server recorded {len(server)}")
            out[side] = (c.client, server)
        return out
    finally:
        for c in clickers.values():
            c.session.ws.close()


def main() -> None:
    """Start the servers, measure every combination and print medians, p95s and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=30, help="timed clicks per combination (default 30)")
    args = parser.parse_args()
    screen = largest_screen()
    first = screen.choice_items[0]
    options = [o.id for o in screen.framework.options(first)]
    rows: list[tuple[str, str, dict[str, tuple[list[float], list[float]]]]] = []
    with tempfile.TemporaryDirectory(prefix="bench-click-") as d:
        tmp = Path(d)
        url, store = new_store(tmp)
        aid = create_assessment(store)
        bare_script = bare_radio_script(tmp / "bare_radios.py", len(screen.choice_items), options)
        for setting, flags in SERVER_SETTINGS.items():
            app = Target(
                free_port(),
                tmp / "app-runs.txt",
                f"a={aid}&s={screen.step}",
                "questionnaire",
                f"q:{aid}:{screen.framework.id}:{first}:value",
            )
            bare = Target(free_port(), tmp / "bare-runs.txt", "", "", "-q0")
            app_server = start_server(
                REPO / "app.py", app.port, {"DATABASE_URL": url}, tmp / "app.log", flags, run_times=app.run_times
            )
            try:
                bare_server = start_server(
                    bare_script, bare.port, {}, tmp / "bare.log", flags, run_times=bare.run_times
                )
                try:
                    for prompt_ack in (False, True):
                        result = measure(app, bare, prompt_ack=prompt_ack, clicks=args.clicks)
                        rows.append((setting, "prompt ACK" if prompt_ack else "plain", result))
                finally:
                    stop_server(bare_server)
            finally:
                stop_server(app_server)
        saved = store.get_answers(aid, screen.framework.id).get(screen.framework.id, {}).get(first)
        store.close()
        if saved is None:
            raise RuntimeError("the clicks were not saved: the benchmark did not drive the real save path")
    n = len(screen.choice_items)
    print(f"Real `streamlit run` servers, {args.clicks} clicks each, app and bare clicks alternating (median / p95 ms)")
    print(f"questionnaire: largest screen {screen.step} ({n} questions); bare: a script with {n} radios")
    print("click = client sends the answer -> receives script_finished over the websocket")
    print("server = the server's own script run for that click (callbacks, script, end-of-run clean-up)")
    header = f"{'server settings':<19} {'client':<11} {'':<7} {'questionnaire':>15} {'bare script':>15} {'ratio':>6}"
    print(header)
    for setting, client, result in rows:
        for what, index in (("click", 0), ("server", 1)):
            q, b = result["app"][index], result["bare"][index]
            print(
                f"{setting:<19} {client:<11} {what:<7} {median_ms(q):6.1f} / {p95_ms(q):6.1f} "
                f"{median_ms(b):6.1f} / {p95_ms(b):6.1f} {median_ms(q) / median_ms(b):6.2f}"
            )


if __name__ == "__main__":
    main()
