"""Run every benchmark in turn: ``python -m bench`` (or ``make bench``).

Each benchmark is also runnable on its own as ``python -m bench.<name>``; this
runner just calls them one after another in fresh processes, so one
benchmark's warm caches never flatter the next. Figures are medians with
ratios against baselines measured in the same run; see each module's docstring.
"""

from __future__ import annotations

import subprocess
import sys
import time

BENCHMARKS = (
    "scoring",
    "workbook",
    "report",
    "rerun",
    "click_latency",
    "compare",
    "portfolio",
    "access",
    "load",
    "pageload",
)


def main() -> int:
    """Run each benchmark module; return non-zero if any failed."""
    failed: list[str] = []
    for name in BENCHMARKS:
        print(f"\n=== bench.{name} ===", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, "-m", f"bench.{name}"])
        print(f"(bench.{name} finished in {time.perf_counter() - start:.1f} s, exit {code})", flush=True)
        if code != 0:
            failed.append(name)
    if failed:
        print(f"\nFailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
