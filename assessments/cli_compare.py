"""Sub-commands registered by this module (being built; registers none yet)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    """Add this module's sub-commands to the parser's sub-parsers."""
    del sub


_ = argparse
