"""Streamlit's browser protocol over its websocket, as the benchmarks speak it.

A browser talks to a Streamlit server on ``/_stcore/stream`` (subprotocol ``streamlit``) with
protobuf messages: it sends ``BackMsg`` (here: ``rerun_script`` with the page, the query string
and the widget states) and receives ``ForwardMsg`` (``new_session``, ``delta`` per element,
``script_finished``). :class:`Session` sends one rerun and reads until ``script_finished``,
collecting what the benchmarks look at: the radios drawn (with their fragment ids), the text
of alert boxes (``st.error`` and friends), and any exception element.

Used by ``bench.click_latency`` (one server, timed clicks) and ``bench.load`` (many sessions
through a load balancer, where the handshake carries the balancer's sticky cookie).
"""

from __future__ import annotations

import contextlib
import socket
import time
from dataclasses import dataclass, field
from typing import Any

import websocket  # websocket-client
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

TCP_QUICKACK = getattr(socket, "TCP_QUICKACK", 12)
RECV_TIMEOUT = 30.0
FINISHED_OK = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
"""``script_finished`` statuses of a run that ended normally (whole script or one fragment)."""
ALERT_ERROR = 1
"""``Alert.format`` of ``st.error``."""


@dataclass
class Rerun:
    """What one rerun sent back."""

    seconds: float
    """From sending the BackMsg to receiving ``script_finished``."""
    status: int
    """The ``script_finished`` status (see :data:`FINISHED_OK`)."""
    radios: dict[str, tuple[Any, str]] = field(default_factory=dict)
    """Radio protos drawn, by widget id, with the fragment id they were drawn in."""
    errors: list[str] = field(default_factory=list)
    """Bodies of the ``st.error`` boxes drawn."""
    exceptions: list[str] = field(default_factory=list)
    """Exception elements drawn (Streamlit's box for an uncaught exception): type and message."""

    @property
    def ok(self) -> bool:
        """True if the run finished normally and drew no error box and no exception."""
        return self.status in FINISHED_OK and not self.errors and not self.exceptions


@dataclass
class Session:
    """One websocket session with the server, tracking the page's script hash across reruns."""

    ws: websocket.WebSocket
    prompt_ack: bool
    query_string: str
    page_name: str
    page_script_hash: str = ""

    def _arm(self) -> None:
        if self.prompt_ack:
            with contextlib.suppress(OSError):  # not every OS has TCP_QUICKACK
                assert self.ws.sock is not None, "the socket is open while a session reruns"
                self.ws.sock.setsockopt(socket.IPPROTO_TCP, TCP_QUICKACK, 1)

    def rerun(self, widgets: list[WidgetState], fragment_id: str = "") -> Rerun:
        """Send one rerun request and read until ``script_finished``.

        A change to a widget drawn inside a fragment is sent with that fragment's id, as the
        browser does, so the server reruns only the fragment.

        Raises:
            websocket.WebSocketException, OSError: The connection broke (the server went away).
        """
        msg = BackMsg()
        msg.rerun_script.query_string = self.query_string
        msg.rerun_script.page_name = self.page_name
        msg.rerun_script.page_script_hash = self.page_script_hash
        msg.rerun_script.widget_states.widgets.extend(widgets)
        msg.rerun_script.fragment_id = fragment_id
        payload = msg.SerializeToString()
        out = Rerun(seconds=0.0, status=-1)
        self._arm()
        start = time.perf_counter()
        self.ws.send_binary(payload)
        while True:
            self._arm()
            data = self.ws.recv()
            if not isinstance(data, bytes) or not data:
                raise websocket.WebSocketConnectionClosedException("the server closed the session")
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_script_hash = fwd.new_session.page_script_hash or self.page_script_hash
            elif kind == "navigation":
                self.page_script_hash = fwd.navigation.page_script_hash or self.page_script_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                which = element.WhichOneof("type")
                if which == "radio":
                    out.radios[element.radio.id] = (element.radio, fwd.delta.fragment_id)
                elif which == "alert" and element.alert.format == ALERT_ERROR:
                    out.errors.append(element.alert.body)
                elif which == "exception":
                    out.exceptions.append(f"{element.exception.type}: {element.exception.message}")
            elif kind == "script_finished":
                out.seconds = time.perf_counter() - start
                out.status = fwd.script_finished
                return out

    def close(self) -> None:
        """Close the websocket (the server ends the session)."""
        with contextlib.suppress(Exception):
            self.ws.close()


def connect(
    port: int,
    *,
    prompt_ack: bool,
    query_string: str,
    page_name: str,
    host: str = "127.0.0.1",
    cookie: str | None = None,
    timeout: float = RECV_TIMEOUT,
) -> Session:
    """Open the websocket the way the browser does (subprotocol ``streamlit``, the page's cookies)."""
    sockopt = [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)] if prompt_ack else []
    ws = websocket.create_connection(
        f"ws://{host}:{port}/_stcore/stream",
        subprotocols=["streamlit"],
        timeout=timeout,
        sockopt=sockopt,
        cookie=cookie,
    )
    return Session(ws=ws, prompt_ack=prompt_ack, query_string=query_string, page_name=page_name)


def choose(widget_id: str, label: str) -> WidgetState:
    """The widget state a browser sends when a radio's option ``label`` is chosen (it sends the label)."""
    return WidgetState(id=widget_id, string_value=label)
