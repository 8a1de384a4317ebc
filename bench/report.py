"""Benchmark the printed report: ``python -m bench.report [--repeats 7]``.

For one illustrative assessment (the pilot's follow-up, with its baseline overlaid and
compared, as the Results page's button makes it) it times, interleaved in one run:

* ``report pdf``: :func:`assessments.report.pdf.report_pdf` (scoring, three matplotlib SVG radars,
  HTML and WeasyPrint's tagged PDF/UA-1);
* ``  of which charts``: the three matplotlib SVG radars alone;
* ``workbook``: :func:`assessments.xlsx.write.workbook_bytes` of the same assessment (the baseline);
* ``answers csv`` and ``sections csv``: the tidy CSVs.

It prints the median of ``--repeats`` samples of each (wall and process CPU time), the ratio
report / workbook, and the first report's time, which includes loading fonts. Samples of the
different outputs are interleaved so a change in machine load affects all of them alike. There
is no pass mark: it reports the cost of a report next to the cost of the workbook.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from assessments.catalogue import bundled_frameworks
from assessments.jsonfile import read_assessment_file
from assessments.report.pdf import report_pdf
from assessments.report.radar_svg import RadarSeries, radar_svg
from assessments.scoring import score_assessment
from assessments.tidy import answers_csv, sections_csv
from assessments.xlsx.write import workbook_bytes

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"


def _time(fn: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    """Run the benchmark and print medians and the ratio to the workbook."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=7, help="samples of each output (default 7)")
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
    print(f"{'output':<20}{'median wall ms':>16}{'median cpu ms':>16}")
    medians = {}
    for name, got in samples.items():
        wall = statistics.median(s[0] for s in got)
        cpu = statistics.median(s[1] for s in got)
        medians[name] = (wall, cpu)
        print(f"{name:<20}{wall * 1000:>16.0f}{cpu * 1000:>16.0f}")
    report, workbook = medians["report pdf"], medians["workbook"]
    print(f"report / workbook: {report[0] / workbook[0]:.1f}x wall, {report[1] / workbook[1]:.1f}x cpu")
    print(f"report size: {size / 1024:.0f} KiB, {args.repeats} samples each")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
