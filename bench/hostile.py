"""Every hostile or bad input costs little: ``python -m bench.hostile`` (``make hostile``, run by ``make test``).

Each file of tests/hostile_files/ and tests/bad_files/, and a few inputs built here
that are too big to keep in the repository (a sparse file of 3 GB, an upload just
over the size limit), is read in a fresh process, as the app and the command line
read it: ``.xlsx`` by the workbook reader, ``.json`` by the assessment-file reader,
``.yaml`` by the weights reader, each through the same size-checked file read the
command line uses. The worker reports how long the read took and its process's peak
resident memory (``resource.getrusage(RUSAGE_SELF).ru_maxrss``, imports included),
and what came of it (the error codes, or ``read``).

Prints one row per input and exits non-zero if any read takes more than
:data:`MAX_SECONDS` or its process peaks above :data:`MAX_MEGABYTES`, if any ends in
something other than a catalogue error or a valid result, or if a file's result is
not the one its name gives (``<CODE>_...`` or ``OK_...``). The limits are the
issue's ("rejected or read in ≤ 2 s and ≤ 300 MB on this machine").
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = (ROOT / "tests" / "hostile_files", ROOT / "tests" / "bad_files")
SUFFIXES = (".xlsx", ".xls", ".json", ".yaml")
MAX_SECONDS = 2.0
MAX_MEGABYTES = 300.0
MORE_PROBLEMS = {"WORKBOOK_021", "ASSESSMENT_022"}


def _worker(path: Path) -> dict[str, object]:
    """Read one file as the command line does; report the outcome, seconds and peak memory."""
    from assessments.catalogue import bundled_frameworks
    from assessments.compare.weights import read_weights_file
    from assessments.errors import ErrorCode, InputError
    from assessments.jsonfile import MAX_JSON_BYTES, read_assessment_bytes, read_limited
    from assessments.xlsx.container import MAX_WORKBOOK_BYTES
    from assessments.xlsx.read import read_workbook

    frameworks = dict(bundled_frameworks())
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    try:
        if path.suffix == ".yaml":
            read_weights_file(path, frameworks)
        elif path.suffix == ".json":
            content = read_limited(path, MAX_JSON_BYTES, ErrorCode.ASSESSMENT_014)
            read_assessment_bytes(content, frameworks, file=path.name)
        else:
            content = read_limited(path, MAX_WORKBOOK_BYTES, ErrorCode.WORKBOOK_004)
            read_workbook(content, frameworks, file=path.name)
        outcome = ["read"]
    except InputError as exc:
        outcome = sorted({c.name for c in exc.codes})
    except Exception as exc:
        outcome = [f"EXCEPTION {type(exc).__name__}: {str(exc)[:100]}"]
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"outcome": outcome, "seconds": seconds, "baseline_mb": before, "peak_mb": peak}


def _measure(path: Path) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-m", "bench.hostile", "--worker", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if proc.returncode != 0 or not proc.stdout.strip():
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"outcome": [f"CRASH (exit {proc.returncode}): {tail[:100]}"], "seconds": 0.0, "peak_mb": 0.0}
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _expected(name: str) -> str | None:
    return None if name.startswith("OK_") else "_".join(name.split("_")[:2])


def _made_inputs(folder: Path) -> list[Path]:
    """Inputs too big for the repository, made for this run (sparse, so they cost no disk)."""
    made: list[Path] = []
    for name, size in (
        ("WORKBOOK_004_sparse_file_of_3_GB.xlsx", 3 * 1024**3),
        ("ASSESSMENT_014_sparse_file_of_3_GB.json", 3 * 1024**3),
        ("WORKBOOK_004_just_over_10_MB.xlsx", 10 * 1024 * 1024 + 1),
        ("COMPARE_005_sparse_file_of_3_GB.yaml", 3 * 1024**3),
    ):
        path = folder / name
        with path.open("wb") as handle:
            handle.write(b"PK")
            handle.truncate(size)
        made.append(path)
    return made


def main(argv: list[str] | None = None) -> int:
    """Measure every input; print the table; return 1 if any is over a bound or has the wrong outcome."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(_worker(args.worker)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        paths = [p for folder in CORPORA for p in sorted(folder.iterdir()) if p.suffix in SUFFIXES]
        paths += _made_inputs(Path(tmp))
        failures: list[str] = []
        width = max(len(p.name) for p in paths)
        print(f"{'input':<{width}}  {'seconds':>7}  {'peak MB':>7}  outcome")
        worst_s = worst_mb = 0.0
        for path in paths:
            row = _measure(path)
            seconds, peak = float(row["seconds"]), float(row["peak_mb"])  # type: ignore[arg-type]
            outcome: list[str] = row["outcome"]  # type: ignore[assignment]
            worst_s, worst_mb = max(worst_s, seconds), max(worst_mb, peak)
            flags = []
            if seconds > MAX_SECONDS:
                flags.append(f"over {MAX_SECONDS:g} s")
            if peak > MAX_MEGABYTES:
                flags.append(f"over {MAX_MEGABYTES:g} MB")
            want = _expected(path.name)
            if want is None and outcome != ["read"]:
                flags.append("should be read")
            elif want is not None and want not in outcome:
                flags.append(f"should give {want}")
            elif want is not None and want not in MORE_PROBLEMS and outcome != [want]:
                flags.append(f"should give only {want}")
            if any(o.startswith(("EXCEPTION", "CRASH")) for o in outcome):
                flags.append("not a catalogue error")
            mark = f"  <-- {'; '.join(flags)}" if flags else ""
            print(f"{path.name:<{width}}  {seconds:7.3f}  {peak:7.1f}  {', '.join(outcome)}{mark}", flush=True)
            if flags:
                failures.append(f"{path.name}: {'; '.join(flags)}")
        print(
            f"\n{len(paths)} inputs; slowest read {worst_s:.3f} s (limit {MAX_SECONDS:g} s), "
            f"highest peak {worst_mb:.1f} MB (limit {MAX_MEGABYTES:g} MB, the whole process)"
        )
    if failures:
        print("\nFAILED:\n" + "\n".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
