"""What the command line prints is text for a terminal, whatever the files it read held.

Names, notes, sheet names and file names come from files and the database, and
may hold control characters: an ESC sequence can move the cursor, rewrite lines
already printed, change the window title or worse, and bidirectional overrides
reorder what is shown. :func:`terminal_safe` writes each such character as a
visible escape (``\\u001b``), keeping only line feeds and tabs, and writes a lone
surrogate (which cannot be encoded) the same way. :func:`safe_output` puts
standard output and standard error through it for the whole command, so every
line printed is covered, including JSON output (where the escape is valid JSON).
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TextIO

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (but tab and line feed), DEL and C1 controls (C1 0x9b is a one-byte CSI)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks, embeddings, overrides and isolates
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff]"  # lone surrogates
)


def terminal_safe(text: str) -> str:
    """``text`` with every control, bidirectional-override and surrogate character written as ``\\uXXXX``."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


class SafeStream(io.TextIOBase):
    """A text stream that writes everything through :func:`terminal_safe` to another stream."""

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self._target = target

    def write(self, text: str) -> int:
        self._target.write(terminal_safe(text))
        return len(text)

    def flush(self) -> None:
        self._target.flush()

    def fileno(self) -> int:
        return self._target.fileno()

    def isatty(self) -> bool:
        return self._target.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._target, "encoding", "utf-8") or "utf-8"


@contextmanager
def safe_output() -> Iterator[None]:
    """Route ``sys.stdout`` and ``sys.stderr`` through :class:`SafeStream` until the block ends.

    Characters the terminal's encoding cannot show are written as escapes too, rather than failing.
    """
    saved = sys.stdout, sys.stderr
    for stream in saved:
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with suppress(ValueError, OSError):  # a stream that cannot be reconfigured keeps its own
                reconfigure(errors="backslashreplace")
    sys.stdout, sys.stderr = SafeStream(saved[0]), SafeStream(saved[1])
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            with suppress(OSError, ValueError):
                stream.flush()
        sys.stdout, sys.stderr = saved
