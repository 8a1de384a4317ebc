"""Benchmark the assessment workbook: ``python -m bench.workbook [--n 1000] [--repeats 15]``.

Generates ``--n`` different assessments (seeded: every run uses the same data)
answering every bundled framework, with notes and evidence. Then, in one run:

* ``export x1``: ``workbook_bytes`` for one assessment;
* ``import x1``: ``read_workbook`` + ``Store.save_assessment`` of one exported
  workbook into a fresh SQLite database, each a new assessment
  (both medians of ``--repeats`` samples before and as many after the bulk run,
  so a change in machine load during the run affects both sides);
* ``export xN`` / ``import xN``: all ``--n`` assessments one after another
  (total time; imports go into one database, which grows as it would in use).

It prints the medians, the totals and the ratio total(N) / median(1), in wall
time and in this process's CPU time. Import must scale linearly: the CPU-time
ratio for N = 1,000 must be at most 1,200 (the process exits 1 otherwise). The
verdict uses CPU time because on a shared machine wall time also measures
whatever else is running; both are printed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from assessments.catalogue import bundled_frameworks
from assessments.cli.gcpause import paused_gc
from assessments.models import (
    Answer,
    Assessment,
    AssessmentMeta,
    AssessorRole,
    EvidenceType,
    Framework,
    Innovation,
    Stage,
)
from assessments.store import Store
from assessments.xlsx.read import read_workbook
from assessments.xlsx.write import workbook_bytes

LINEAR_LIMIT = 1.2
"""Import of N may take at most 1.2 x N times the median of one (1,200 for 1,000)."""

NOTES = (
    "",
    "",
    "Discussed at the steering group in March; minutes attached.",
    "=Not a formula, just how the team wrote it",
    "Feedback from 12 people who use the service and 4 carers.\nSee the evaluation summary.",
    "Not sure yet: the commissioner is reviewing the contract.",
)


def make_assessments(frameworks: Mapping[str, Framework], n: int, seed: int = 7) -> list[Assessment]:
    """``n`` different, valid assessments answering most items of every framework."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        answers: dict[str, dict[str, Answer]] = {}
        for fid, fw in frameworks.items():
            chosen: dict[str, Answer] = {}
            for item_id, item in fw.items.items():
                if rng.random() < 0.15:
                    continue
                if item.type == "choice":
                    value = rng.choice(fw.options(item_id)).id
                elif item.type == "date":
                    value = f"20{rng.randint(24, 30)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
                else:
                    value = f"Answer {i}-{item_id}: " + "we plan to " * rng.randint(1, 20)
                evidence = tuple(e for e in EvidenceType if rng.random() < 0.25)
                chosen[item_id] = Answer(value=value, note=rng.choice(NOTES), evidence=evidence)
            answers[fid] = chosen
        out.append(
            Assessment(
                innovation=Innovation(name=f"Innovation {i}", organisation=f"Provider {i % 37}"),
                assessment=AssessmentMeta(
                    stage=rng.choice(list(Stage)),
                    assessor_role=rng.choice(list(AssessorRole)),
                    label=f"Round {i % 3 + 1}",
                ),
                answers=answers,
            )
        )
    return out


def _time(fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Wall-clock and process CPU seconds of one call (collector paused around it, as the CLI does)."""
    wall, cpu = time.perf_counter(), time.process_time()
    with paused_gc(collect_young=True):
        fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _singles(
    frameworks: Mapping[str, Framework], assessments: list[Assessment], db: Path
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Per-assessment export and import timings (wall, cpu) for a few assessments."""
    exports = [_time(lambda a=a: workbook_bytes(frameworks, a)) for a in assessments]
    files = [workbook_bytes(frameworks, a) for a in assessments]
    store = Store(f"sqlite:///{db}", frameworks=frameworks)
    imports = [_time(lambda c=c: store.save_assessment(read_workbook(c, frameworks, file="one.xlsx"))) for c in files]
    store.close()
    return exports, imports


def _median(samples: list[tuple[float, float]], which: int) -> float:
    return statistics.median(s[which] for s in samples)


def main() -> int:
    """Run the benchmark and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="assessments in the bulk run (default 1000)")
    parser.add_argument(
        "--repeats", type=int, default=15, help="single-assessment samples before and after the bulk run"
    )
    args = parser.parse_args()
    frameworks = bundled_frameworks()
    assessments = make_assessments(frameworks, args.n + 2 * args.repeats)
    bulk = assessments[: args.n]
    before, after = assessments[args.n : args.n + args.repeats], assessments[args.n + args.repeats :]

    with tempfile.TemporaryDirectory() as tmp:
        # Warm up imports, caches and the first SQLite connection.
        _singles(frameworks, assessments[:2], Path(tmp) / "warm.db")
        ex1, im1 = _singles(frameworks, before, Path(tmp) / "before.db")

        contents: list[bytes] = []
        wall, cpu = time.perf_counter(), time.process_time()
        for a in bulk:
            with paused_gc(collect_young=True):
                contents.append(workbook_bytes(frameworks, a))
        export_total = (time.perf_counter() - wall, time.process_time() - cpu)

        store = Store(f"sqlite:///{Path(tmp) / 'bulk.db'}", frameworks=frameworks)
        per_file: list[float] = []
        wall, cpu = time.perf_counter(), time.process_time()
        for n, content in enumerate(contents):
            t0 = time.perf_counter()
            with paused_gc(collect_young=True):
                store.save_assessment(read_workbook(content, frameworks, file=f"bulk-{n}.xlsx"))
            per_file.append(time.perf_counter() - t0)
        import_total = (time.perf_counter() - wall, time.process_time() - cpu)
        saved = len(store.list_assessments())
        store.close()

        ex2, im2 = _singles(frameworks, after, Path(tmp) / "after.db")

    exports, imports = ex1 + ex2, im1 + im2
    limit = LINEAR_LIMIT * args.n
    size = statistics.median(len(c) for c in contents)
    print(f"workbook size (median): {size / 1024:.1f} KB; {args.n} assessments, {saved} saved")
    print(f"single samples: {len(exports)} (half before, half after the bulk run); wall = elapsed, cpu = this process")
    ratios = {}
    for label, singles, total in (("export", exports, export_total), ("import", imports, import_total)):
        for which, kind in ((0, "wall"), (1, "cpu")):
            one = _median(singles, which)
            ratio = total[which] / one
            ratios[(label, kind)] = ratio
            print(
                f"{label} {kind:<4} x1 median {one * 1000:7.1f} ms | x{args.n} total {total[which]:7.2f} s "
                f"| ratio {ratio:7.1f} (limit {limit:.0f})"
            )
    tenth = max(1, args.n // 10)
    print(
        f"import per-file wall median over the bulk run {statistics.median(per_file) * 1000:.1f} ms "
        f"(first tenth {statistics.median(per_file[:tenth]) * 1000:.1f} ms, "
        f"last tenth {statistics.median(per_file[-tenth:]) * 1000:.1f} ms)"
    )
    if saved != args.n:
        print(f"FAIL: {saved} of {args.n} assessments were saved")
        return 1
    # The verdict uses CPU time: wall time on a shared machine also measures other processes.
    if ratios[("import", "cpu")] > limit:
        print(
            f"FAIL: import of {args.n} used {ratios[('import', 'cpu')]:.0f} x the CPU time of one (limit {limit:.0f})"
        )
        return 1
    print("OK: import scales linearly (CPU time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
