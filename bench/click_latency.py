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

    def rerun(self, widgets: list[WidgetState]) -> tuple[float, dict[str, Any]]:
        """Send one rerun request and read until script_finished; returns (seconds, radios by id)."""
        msg = BackMsg()
        msg.rerun_script.query_string = self.query_string
        msg.rerun_script.page_name = self.page_name
        msg.rerun_script.page_script_hash = self.page_script_hash
        msg.rerun_script.widget_states.widgets.extend(widgets)
        payload = msg.SerializeToString()
        radios: dict[str, Any] = {}
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
                    radios[element.radio.id] = element.radio
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


def measure(
    port: int, *, prompt_ack: bool, query_string: str, page_name: str, radio_key: str, clicks: int
) -> list[float]:
    """Time ``clicks`` answer clicks on the radio whose id ends with ``radio_key`` (alternating two options)."""
    session = connect(port, prompt_ack=prompt_ack, query_string=query_string, page_name=page_name)
    try:
        _, radios = session.rerun([])
        ids = [rid for rid in radios if rid.endswith(radio_key)]
        if not ids:
            raise RuntimeError(f"no radio with key {radio_key!r} on the page (found {len(radios)} radios)")
        widget_id = ids[0]
        labels = list(radios[widget_id].options)  # the browser sends the option's displayed label
        samples: list[float] = []
        for n in range(clicks + 3):
            state = WidgetState(id=widget_id, string_value=labels[n % 2])
            elapsed, _ = session.rerun([state])
            if n >= 3:  # first clicks warm caches
                samples.append(elapsed)
        return samples
    finally:
        session.ws.close()


def main() -> None:
    """Start the servers, measure every combination and print medians, p95s and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=30, help="timed clicks per combination (default 30)")
    args = parser.parse_args()
    screen = largest_screen()
    first = screen.choice_items[0]
    options = [o.id for o in screen.framework.options(first)]
    rows: list[tuple[str, str, list[float], list[float]]] = []
    with tempfile.TemporaryDirectory(prefix="bench-click-") as d:
        tmp = Path(d)
        url, store = new_store(tmp)
        aid = create_assessment(store)
        bare = bare_radio_script(tmp / "bare_radios.py", len(screen.choice_items), options)
        for setting, flags in SERVER_SETTINGS.items():
            app_port, bare_port = free_port(), free_port()
            app = start_server(REPO / "app.py", app_port, {"DATABASE_URL": url}, tmp / "app.log", flags)
            try:
                bare_server = start_server(bare, bare_port, {}, tmp / "bare.log", flags)
                try:
                    for prompt_ack in (False, True):
                        q = measure(
                            app_port,
                            prompt_ack=prompt_ack,
                            query_string=f"a={aid}&s={screen.step}",
                            page_name="questionnaire",
                            radio_key=f"q:{aid}:{screen.framework.id}:{first}:value",
                            clicks=args.clicks,
                        )
                        b = measure(
                            bare_port,
                            prompt_ack=prompt_ack,
                            query_string="",
                            page_name="",
                            radio_key="-q0",
                            clicks=args.clicks,
                        )
                        rows.append((setting, "prompt ACK" if prompt_ack else "plain", q, b))
                finally:
                    stop_server(bare_server)
            finally:
                stop_server(app)
        saved = store.get_answers(aid, screen.framework.id).get(screen.framework.id, {}).get(first)
        store.close()
        if saved is None:
            raise RuntimeError("the clicks were not saved: the benchmark did not drive the real save path")
    n = len(screen.choice_items)
    print(f"Click -> script_finished over the websocket ({args.clicks} clicks each; median / p95 ms)")
    print(f"questionnaire: largest screen {screen.step} ({n} questions); bare: {n} radios")
    print(f"{'server':<20} {'client':<11} {'questionnaire':>17} {'bare script':>17} {'ratio':>6}")
    for setting, client, q, b in rows:
        print(
            f"{setting:<20} {client:<11} {median_ms(q):7.1f} / {p95_ms(q):6.1f}  {median_ms(b):7.1f} / {p95_ms(b):6.1f}"
            f" {median_ms(q) / median_ms(b):6.2f}"
        )


if __name__ == "__main__":
    main()
