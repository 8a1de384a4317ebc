"""Whole-script rerun time of the app's pages against bare Streamlit scripts, measured in the same run.

Run: ``python -m bench.rerun [--repeats N]``. Uses Streamlit's AppTest (the
script runs in-process, no browser, no network) on a temporary SQLite database.
AppTest always reruns the whole script, fragments included, so this is the
cost of a full rerun (opening a screen, moving between sections). What a real
server does after an answer, a rerun of the questionnaire's fragment only, is
measured over the websocket by :mod:`bench.click_latency`.

* Questionnaire: one answer changed on the largest screen (most items), then
  the rerun it causes; baselines: a bare script with the same number of plain
  radios, and one with the screen's own radios (labels, descriptors, help, a
  no-op callback), one radio changed in each.
* Results: a rerun of the results page for an illustrative example with an
  earlier assessment overlaid; baseline: a bare page showing the same charts
  (the static SVG radar and HTML bars of :func:`ui.report.chart_html`, built
  once outside the timing, as the page's own cache keeps them) with
  ``st.html`` and nothing else. The time to build those charts (what the page
  does on its first run or after a saved answer) is printed as well.

The scripts are rerun in turn and all go through the same AppTest harness, so
its overhead is in every figure; the ratios are the figures to read. Prints
medians and p95s in milliseconds.
"""

from __future__ import annotations

import argparse
import gc
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from assessments.catalogue import bundled_frameworks
from assessments.charts.spokes import Level
from assessments.examples import load_examples
from assessments.methods import method_of
from assessments.models import Framework, FrameworkResult
from assessments.scoring import score_assessment
from assessments.wording import short_name
from bench._fixtures import (
    REPO,
    bare_radio_script,
    create_assessment,
    largest_screen,
    median_ms,
    new_store,
    p95_ms,
    same_radios_script,
)
from ui.report import MAX_OVERLAID, chart_html

TIMEOUT = 120


Change = Callable[[AppTest, int], None]


def _time_interleaved(runs: dict[str, tuple[AppTest, Change]], repeats: int) -> dict[str, list[float]]:
    """Time ``repeats`` reruns of each script, taking the scripts in turn.

    Taking them in turn keeps drift in the machine's speed out of the ratios.
    """
    samples: dict[str, list[float]] = {name: [] for name in runs}
    for n in range(repeats):
        for name, (at, change) in runs.items():
            change(at, n)
            gc.collect()
            start = time.perf_counter()
            at.run()
            samples[name].append(time.perf_counter() - start)
            if at.exception:
                raise RuntimeError(f"{name} raised: {at.exception}")
    return samples


def bench_questionnaire(tmp: Path, repeats: int) -> tuple[dict[str, list[float]], int]:
    """Rerun after one answer on the largest screen, and the two bare-radio baselines."""
    url, store = new_store(tmp)
    os.environ["DATABASE_URL"] = url
    screen = largest_screen()
    aid = create_assessment(store)
    fw = screen.framework
    first = screen.choice_items[0]
    options = [o.id for o in fw.options(first)]
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    app.query_params["a"] = aid
    app.query_params["s"] = screen.step
    app.switch_page("ui/questionnaire.py").run()
    key = f"q:{aid}:{fw.id}:{first}:value"
    n_radios = len(screen.choice_items)
    bare = AppTest.from_file(str(bare_radio_script(tmp / "bare_radios.py", n_radios, options)), default_timeout=TIMEOUT)
    same = AppTest.from_file(str(same_radios_script(tmp / "same_radios.py", screen)), default_timeout=TIMEOUT)
    bare.run()
    same.run()

    def answer(radio_key: str) -> Change:
        def change(at: AppTest, n: int) -> None:
            at.radio(key=radio_key).set_value(options[n % 2])

        return change

    samples = _time_interleaved(
        {"app": (app, answer(key)), "bare": (bare, answer("q0")), "same": (same, answer("q0"))}, repeats
    )
    saved = store.get_answers(aid, fw.id).get(fw.id, {}).get(first)
    assert saved is not None and saved.value in options[:2], "the benchmarked answers were not saved"
    store.close()
    return samples, n_radios


ChartInput = tuple[Framework, list[tuple[str, FrameworkResult]], Level]


def _page_charts(tmp: Path) -> tuple[str, list[ChartInput]]:
    """A fresh store with the examples: the follow-up's id and what each chart on its Results page is drawn from.

    The series are built as the page builds them (earlier assessments of the innovation, oldest first, then
    this one; the page's short names; SCIE per factor, its default), for the page's own
    :func:`ui.report.chart_html`.
    """
    url, store = new_store(tmp / "results")
    os.environ["DATABASE_URL"] = url
    ids = load_examples(store)
    follow_up = next(i for i in ids if "follow" in store.get_summary(i).label.lower())
    frameworks = bundled_frameworks()
    history = store.innovation_history(store.get_summary(follow_up).innovation_id)
    position = [h.id for h in history].index(follow_up)
    shown = [*history[:position][-(MAX_OVERLAID - 1) :], history[position]]
    results = [score_assessment(store.get_assessment(h.id), frameworks) for h in shown]
    names = [short_name(h.assessed_on, current=h.id == follow_up) for h in shown]
    store.close()
    inputs: list[ChartInput] = []
    for fr in results[-1].results:
        fw = frameworks[fr.framework]
        series = [(n, r.framework(fw.id)) for n, r in zip(names, results, strict=True)]
        inputs.append((fw, series, "item" if method_of(fw).item_radar else "auto"))
    return follow_up, inputs


def bench_results(tmp: Path, repeats: int) -> tuple[dict[str, list[float]], int]:
    """Rerun of the results page (example with history), a bare page with the same charts, and building them."""
    follow_up, inputs = _page_charts(tmp)
    charts = [chart_html(*args) for args in inputs]
    build: list[float] = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        for args in inputs:
            chart_html(*args)
        build.append(time.perf_counter() - start)
    bare_path = tmp / "bare_charts.py"
    for n, chart in enumerate(charts):
        (tmp / f"chart{n}.html").write_text(chart, encoding="utf-8")
    bare_path.write_text(
        "from pathlib import Path\nimport streamlit as st\n"
        "@st.cache_resource\n"
        f"def charts():\n    return [Path({str(tmp)!r}, f'chart{{n}}.html').read_text(encoding='utf-8') "
        f"for n in range({len(charts)})]\n"
        "for chart in charts():\n"
        "    st.html(chart)\n",
        encoding="utf-8",
    )
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    app.query_params["a"] = follow_up
    app.switch_page("ui/results.py").run()
    bare = AppTest.from_file(str(bare_path), default_timeout=TIMEOUT)
    bare.run()
    shown = [e.proto.body for e in app.get("html")]
    assert all(chart.strip() in shown for chart in charts), (
        "the bare page's charts are not the ones the Results page shows"
    )
    nothing: Change = lambda at, n: None  # noqa: E731 - a plain rerun, nothing changed
    samples = _time_interleaved({"app": (app, nothing), "bare": (bare, nothing)}, repeats)
    return {**samples, "build": build}, len(charts)


def main() -> None:
    """Run both benchmarks and print medians, p95s and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=40, help="timed reruns per script (default 40)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-rerun-") as d:
        tmp = Path(d)
        (tmp / "results").mkdir()
        q, n_radios = bench_questionnaire(tmp, args.repeats)
        r, n_charts = bench_results(tmp, args.repeats)

    def row(label: str, samples: list[float]) -> str:
        return f"  {label:<66} {median_ms(samples):7.1f} / {p95_ms(samples):7.1f}"

    print(f"Whole-script rerun under AppTest ({args.repeats} reruns each, scripts in turn; median / p95 ms)")
    print("AppTest reruns the whole script even for a change inside a fragment; bench.click_latency")
    print("measures the fragment rerun a real server does.")
    print(row(f"questionnaire, one answer on the largest screen ({n_radios} radios)", q["app"]))
    print(row(f"bare script, {n_radios} plain radios, one changed", q["bare"]))
    print(row(f"bare script, the screen's own {n_radios} radios, one changed", q["same"]))
    print(f"  {'ratio questionnaire / plain radios:':<66} {median_ms(q['app']) / median_ms(q['bare']):7.2f}")
    print(f"  {'ratio questionnaire / same radios:':<66} {median_ms(q['app']) / median_ms(q['same']):7.2f}")
    print(row(f"results page, example with history ({n_charts} charts)", r["app"]))
    print(row(f"bare page showing the same {n_charts} charts (st.html only)", r["bare"]))
    print(f"  {'ratio results / bare charts:':<66} {median_ms(r['app']) / median_ms(r['bare']):7.2f}")
    print(row(f"building the {n_charts} charts (chart_html; cached, so not in the reruns)", r["build"]))


if __name__ == "__main__":
    main()
