"""Benchmark the printed report: ``python -m bench.report [--repeats 7]``.

For one illustrative assessment (the pilot's follow-up, with its baseline overlaid and
compared, as the Results page's button makes it) it times, interleaved in one run:

* ``report pdf``: :func:`assessments.report.pdf.report_pdf` (scoring, three matplotlib SVG radars,
  HTML and WeasyPrint's tagged PDF/UA-1);
* ``  of which charts``: the three matplotlib SVG radars alone;
* ``workbook``: :func:`assessments.xlsx.write.workbook_bytes` of the same assessment (the baseline);
* ``answers csv`` and ``sections csv``: the tidy CSVs;
* ``panel pack N`` and ``comparison workbook N``: the panel pack PDF of a comparison of N
  assessments (the five illustrative examples; twenty synthetic ones) and, as its baseline, the
  comparison workbook of the same comparison (``--pack-repeats`` samples, 0 to skip).

It prints the median of ``--repeats`` samples of each (wall and process CPU time), the ratio
report / workbook, each pack / its comparison workbook, and the first report's time, which includes loading fonts. Samples of the
different outputs are interleaved so a change in machine load affects all of them alike. There
is no pass mark: it reports the cost of a report next to the cost of the workbook.
"""

from __future__ import annotations

import argparse
import functools
import io
import random
import statistics
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from pypdf import PdfReader

from assessments.catalogue import bundled_frameworks
from assessments.compare.candidates import Candidate, candidate_label, unique_labels
from assessments.compare.comparison import Comparison, compare
from assessments.compare.workbook import comparison_workbook_bytes
from assessments.jsonfile import read_assessment_file
from assessments.models import Assessment, Framework
from assessments.report.panel_html import panel_pdf
from assessments.report.pdf import report_pdf
from assessments.report.radar_svg import RadarSeries, radar_svg
from assessments.scoring import score_assessment
from assessments.tidy import answers_csv, sections_csv
from assessments.xlsx.write import workbook_bytes
from bench.compare import synthetic_assessment

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"


def _time(fn: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def comparison_of(assessments: list[Assessment], frameworks: Mapping[str, Framework]) -> Comparison:
    """The comparison of these assessments, as the Compare page makes it (no ordering)."""
    labels = unique_labels([candidate_label(a) for a in assessments])
    candidates = [
        Candidate(key=str(n), label=label, assessment=a, result=score_assessment(a, frameworks))
        for n, (a, label) in enumerate(zip(assessments, labels, strict=True))
    ]
    return compare(candidates, frameworks)


def _medians(samples: dict[str, list[tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    medians = {}
    for name, got in samples.items():
        wall = statistics.median(s[0] for s in got)
        cpu = statistics.median(s[1] for s in got)
        medians[name] = (wall, cpu)
        print(f"{name:<24}{wall * 1000:>16.0f}{cpu * 1000:>16.0f}")
    return medians


def bench_packs(frameworks: Mapping[str, Framework], repeats: int) -> None:
    """Median time of the panel pack of 5 and of 20 assessments, each against its comparison workbook."""
    examples = [read_assessment_file(p, frameworks) for p in sorted(EXAMPLES.glob("*.json"))]
    rng = random.Random(5)
    comparisons = {
        len(examples): comparison_of(examples, frameworks),
        20: comparison_of([synthetic_assessment(frameworks, rng, n) for n in range(20)], frameworks),
    }
    jobs: dict[str, Callable[[], object]] = {}
    for count, comparison in comparisons.items():
        jobs[f"panel pack {count}"] = functools.partial(panel_pdf, comparison, frameworks)
        jobs[f"comparison workbook {count}"] = functools.partial(comparison_workbook_bytes, comparison, frameworks)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in jobs}
    for _ in range(repeats):
        for name, job in jobs.items():
            samples[name].append(_time(job))
    print(f"{'output':<24}{'median wall ms':>16}{'median cpu ms':>16}")
    medians = _medians(samples)
    for count, comparison in comparisons.items():
        pack, book = medians[f"panel pack {count}"], medians[f"comparison workbook {count}"]
        pages = len(PdfReader(io.BytesIO(panel_pdf(comparison, frameworks))).pages)
        print(
            f"panel pack {count} / comparison workbook {count}: {pack[0] / book[0]:.1f}x wall, "
            f"{pack[1] / book[1]:.1f}x cpu; {pages} pages, {pack[0] / count * 1000:.0f} ms wall per assessment"
        )
    print(f"{repeats} samples each")


def main() -> int:
    """Run the benchmark and print medians and the ratio to the workbook."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=7, help="samples of each output (default 7)")
    parser.add_argument(
        "--pack-repeats", type=int, default=3, help="samples of each panel pack and its baseline (default 3; 0 skips)"
    )
    args = parser.parse_args()
    frameworks = bundled_frameworks()
    baseline = read_assessment_file(EXAMPLES / "home_sensors_pilot_baseline.json", frameworks)
    follow_up = read_assessment_file(EXAMPLES / "home_sensors_pilot_follow_up.json", frameworks)
    results = score_assessment(follow_up, frameworks)

    def charts() -> None:
        for fr in results.results:
            radar_svg(frameworks[fr.framework], [RadarSeries("This one", fr)])

    jobs: dict[str, Callable[[], object]] = {
        "report pdf": lambda: report_pdf(follow_up, frameworks, earlier=[baseline]),
        "  of which charts": charts,
        "workbook": lambda: workbook_bytes(frameworks, follow_up),
        "answers csv": lambda: answers_csv([follow_up], frameworks),
        "sections csv": lambda: sections_csv([follow_up], frameworks),
    }
    first_wall, _ = _time(jobs["report pdf"])
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in jobs}
    for _ in range(args.repeats):
        for name, job in jobs.items():
            samples[name].append(_time(job))
    size = len(report_pdf(follow_up, frameworks, earlier=[baseline]))
    print(f"first report (fonts and matplotlib warming up): {first_wall * 1000:.0f} ms wall")
    print(f"{'output':<24}{'median wall ms':>16}{'median cpu ms':>16}")
    medians = _medians(samples)
    report, workbook = medians["report pdf"], medians["workbook"]
    print(f"report / workbook: {report[0] / workbook[0]:.1f}x wall, {report[1] / workbook[1]:.1f}x cpu")
    print(f"report size: {size / 1024:.0f} KiB, {args.repeats} samples each")
    if args.pack_repeats > 0:
        bench_packs(frameworks, args.pack_repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
