"""Benchmark the assessment workbook: ``python -m bench.workbook [--n 1000] [--repeats 15]``.

Generates ``--n`` different assessments (seeded: every run uses the same data)
answering every bundled framework, with notes and evidence. Then, in one run:

* ``export x1``: ``workbook_bytes`` for one assessment (median of ``--repeats``);
* ``import x1``: ``read_workbook`` + ``Store.save_assessment`` of one exported
  workbook into a fresh SQLite database (median of ``--repeats``, each a new
  assessment);
* ``export xN`` / ``import xN``: all ``--n`` assessments one after another
  (total time; imports go into one database, which grows as it would in use).

It prints the medians, the totals and the ratio total(N) / median(1). Import
must scale linearly: the ratio for N = 1,000 must be at most 1,200 (the process
exits 1 otherwise).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from assessments.catalogue import bundled_frameworks
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
from assessments.storage import Store
from assessments.workbook import read_workbook, workbook_bytes

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


def make_assessments(frameworks: dict[str, Framework], n: int, seed: int = 7) -> list[Assessment]:
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


def _time(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    """Run the benchmark and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="assessments in the bulk run (default 1000)")
    parser.add_argument("--repeats", type=int, default=15, help="repeats of the single-assessment timings")
    args = parser.parse_args()
    frameworks = bundled_frameworks()
    assessments = make_assessments(frameworks, max(args.n, args.repeats))
    bulk = assessments[: args.n]

    with tempfile.TemporaryDirectory() as tmp:
        # Warm up imports, caches and the first SQLite connection.
        warm = Store(f"sqlite:///{Path(tmp) / 'warm.db'}")
        warm.save_assessment(read_workbook(workbook_bytes(frameworks, assessments[0]), frameworks, file="w.xlsx"))
        warm.close()

        one_export = [_time(lambda a=a: workbook_bytes(frameworks, a)) for a in assessments[: args.repeats]]
        files = [workbook_bytes(frameworks, a) for a in assessments[: args.repeats]]
        one_store = Store(f"sqlite:///{Path(tmp) / 'one.db'}")
        one_import = [
            _time(lambda c=c: one_store.save_assessment(read_workbook(c, frameworks, file="one.xlsx"))) for c in files
        ]
        one_store.close()

        contents: list[bytes] = []
        start = time.perf_counter()
        for a in bulk:
            contents.append(workbook_bytes(frameworks, a))
        export_total = time.perf_counter() - start

        store = Store(f"sqlite:///{Path(tmp) / 'bulk.db'}")
        per_file: list[float] = []
        start = time.perf_counter()
        for n, content in enumerate(contents):
            t0 = time.perf_counter()
            store.save_assessment(read_workbook(content, frameworks, file=f"bulk-{n}.xlsx"))
            per_file.append(time.perf_counter() - t0)
        import_total = time.perf_counter() - start
        saved = len(store.list_assessments())
        store.close()

    export_one = statistics.median(one_export)
    import_one = statistics.median(one_import)
    size = statistics.median(len(c) for c in contents)
    export_ratio = export_total / export_one
    import_ratio = import_total / import_one
    limit = LINEAR_LIMIT * args.n
    print(f"workbook size (median): {size / 1024:.1f} KB; {args.n} assessments, {saved} saved")
    print(f"export x1   median {export_one * 1000:8.1f} ms  (of {args.repeats})")
    print(f"import x1   median {import_one * 1000:8.1f} ms  (read_workbook + save_assessment, of {args.repeats})")
    print(f"export x{args.n:<4} total  {export_total:8.2f} s   ratio to x1: {export_ratio:7.1f}")
    print(
        f"import x{args.n:<4} total  {import_total:8.2f} s   ratio to x1: {import_ratio:7.1f} "
        f"(limit {limit:.0f}; per-file median {statistics.median(per_file) * 1000:.1f} ms, "
        f"first tenth {statistics.median(per_file[: max(1, args.n // 10)]) * 1000:.1f} ms, "
        f"last tenth {statistics.median(per_file[-max(1, args.n // 10) :]) * 1000:.1f} ms)"
    )
    if saved != args.n:
        print(f"FAIL: {saved} of {args.n} assessments were saved")
        return 1
    if import_ratio > limit:
        print(f"FAIL: import of {args.n} took {import_ratio:.0f} x the time of one (limit {limit:.0f})")
        return 1
    print("OK: import scales linearly")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
