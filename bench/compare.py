"""Benchmark the comparison: ``python -m bench.compare``.

Measures, as medians of several runs:

1. scoring + the comparison (screen, dominance tiers and their sensitivity) for 1,000 assessments (in process);
2. the CLI ``python -m assessments compare`` on 10 files and on 1,000 files
   (whole process, start-up included), in the same run, and their ratio
   (issue 5 asks for ≤ 3×).

Assessments are synthetic but valid, drawn with a fixed seed from every option
of the bundled frameworks (including don't know and not applicable).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from assessments.catalogue import bundled_frameworks
from assessments.compare.candidates import Candidate
from assessments.compare.comparison import compare
from assessments.compare.workbook import comparison_workbook_bytes
from assessments.jsonfile import assessment_to_dict, read_assessment_bytes
from assessments.models import (
    Assessment,
    AssessmentMeta,
    AssessorRole,
    Framework,
    Innovation,
    Stage,
)
from assessments.scoring import score_assessment
from bench.portfolio import synthetic_answers

ROOT = Path(__file__).resolve().parent.parent


def synthetic_assessment(frameworks: Mapping[str, Framework], rng: random.Random, n: int) -> Assessment:
    """A valid random assessment of every framework (about 1 in 8 answers left blank)."""
    answers = synthetic_answers(frameworks, rng, f"Narrative answer {n}")
    return Assessment(
        innovation=Innovation(name=f"Innovation {n:04d}", organisation="Bench org"),
        assessment=AssessmentMeta(
            assessed_on=None,
            stage=rng.choice(list(Stage)),
            assessor_role=rng.choice(list(AssessorRole)),
        ),
        answers=answers,
    )


def write_files(directory: Path, count: int, frameworks: Mapping[str, Framework], seed: int = 5) -> list[Path]:
    """Write ``count`` synthetic assessment JSON files; returns their paths."""
    rng = random.Random(seed)
    paths = []
    for n in range(count):
        path = directory / f"assessment_{n:04d}.json"
        path.write_text(json.dumps(assessment_to_dict(synthetic_assessment(frameworks, rng, n))), encoding="utf-8")
        paths.append(path)
    return paths


def _median_seconds(fn: object, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_in_process(count: int, repeats: int) -> dict[str, float]:
    """Median seconds of each stage of a comparison of ``count`` assessments, in process.

    Stages: parse (JSON bytes -> validated assessment), score, rank with stability,
    and the comparison workbook (build and save to bytes).
    """
    frameworks = bundled_frameworks()
    rng = random.Random(7)
    contents = [
        json.dumps(assessment_to_dict(synthetic_assessment(frameworks, rng, n))).encode("utf-8") for n in range(count)
    ]

    def parse() -> list[Assessment]:
        return [read_assessment_bytes(c, frameworks, file=f"a{n}.json") for n, c in enumerate(contents)]

    assessments = parse()

    def score() -> list[Candidate]:
        return [
            Candidate(key=str(i), label=a.innovation.name, assessment=a, result=score_assessment(a, frameworks))
            for i, a in enumerate(assessments)
        ]

    candidates = score()
    comparison = compare(candidates, frameworks)
    out = {
        "parse": _median_seconds(parse, repeats),
        "score": _median_seconds(score, repeats),
        "screen_tiers_sensitivity": _median_seconds(lambda: compare(candidates, frameworks), repeats),
        "workbook": _median_seconds(lambda: comparison_workbook_bytes(comparison, frameworks), max(1, repeats // 2)),
    }
    out["score_and_compare"] = out["score"] + out["screen_tiers_sensitivity"]
    return out


def bench_cli(counts: tuple[int, ...], repeats: int) -> dict[int, float]:
    """Median wall seconds of the compare CLI (a fresh process each time) per file count.

    The counts are run in turn within each repeat (10, 1000, 10, 1000, ...), so a
    change in the machine's speed during the run affects both sides of the ratio.
    """
    frameworks = bundled_frameworks()
    times: dict[int, list[float]] = {count: [] for count in counts}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        paths = write_files(base, max(counts), frameworks)
        commands = {
            count: [
                sys.executable,
                "-m",
                "assessments",
                "compare",
                *map(str, paths[:count]),
                "-o",
                str(base / f"comparison_{count}.xlsx"),
            ]
            for count in counts
        }
        for _ in range(repeats):
            for count, cmd in commands.items():
                start = time.perf_counter()
                subprocess.run(cmd, check=True, cwd=ROOT, capture_output=True)
                times[count].append(time.perf_counter() - start)
    return {count: statistics.median(t) for count, t in times.items()}


def main(argv: list[str] | None = None) -> int:
    """Run the comparison benchmarks and print medians and the CLI ratio."""
    parser = argparse.ArgumentParser(prog="python -m bench.compare")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args(argv)
    inproc = bench_in_process(args.count, args.repeats)
    print(f"in-process, {args.count} assessments (median of {args.repeats}):")
    for name, seconds in inproc.items():
        print(f"  {name:<22} {seconds * 1000:9.1f} ms  ({seconds * 1000 / args.count:.2f} ms per assessment)")
    cli = bench_cli((10, args.count), args.repeats)
    print(f"CLI compare, whole process (median of {args.repeats}):")
    for count, seconds in cli.items():
        print(f"  {count:>5} files        {seconds * 1000:9.1f} ms")
    ratio = cli[args.count] / cli[10]
    print(f"  ratio {args.count}/10 files: {ratio:.2f}x (target <= 3x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
