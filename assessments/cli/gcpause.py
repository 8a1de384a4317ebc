"""Pausing Python's cyclic garbage collector around bulk work.

Reading or building workbooks and comparing many assessments creates tens of
thousands of short-lived objects. Collections in the middle of that work walk
them again and again and promote them to older generations, where only costly
full collections free them (measured in bench/workbook.py and bench/compare.py).
Reference counting still frees memory as usual while the collector is paused.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc(*, collect_young: bool) -> Iterator[None]:
    """Pause the cyclic collector for the block, then restore it.

    Nested uses are safe: only the outermost one re-enables the collector.

    Args:
        collect_young: After the block, run one young-generation collection. Use
            it when the block left short-lived reference cycles behind (an
            openpyxl workbook); skip it at the end of a batch whose objects all
            stay alive until the process exits, where it would only walk them once more.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            if collect_young:
                gc.collect(0)
