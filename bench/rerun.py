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
  earlier assessment overlaid; baseline: a bare page drawing the same plotly
  figures (built once, outside the timing).

The scripts are rerun in turn and all go through the same AppTest harness, so
its overhead is in every figure; the ratios are the figures to read. Prints
medians and p95s in milliseconds.
"""

from __future__ import annotations

import argparse
import gc
import os
import pickle
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from assessments.catalogue import bundled_frameworks
from assessments.charts.radar import radar_figure
from assessments.examples import load_examples
from assessments.scoring import score_assessment
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


def bench_results(tmp: Path, repeats: int) -> tuple[dict[str, list[float]], int]:
    """Rerun of the results page (example with history), and a bare page with the same charts."""
    url, store = new_store(tmp / "results")
    os.environ["DATABASE_URL"] = url
    ids = load_examples(store)
    follow_up = next(i for i in ids if "follow" in store.get_summary(i).label.lower())
    frameworks = bundled_frameworks()
    history = store.innovation_history(store.get_summary(follow_up).innovation_id)
    results = [score_assessment(store.get_assessment(h.id), frameworks) for h in history]
    figures = [
        radar_figure(fw, [(f"Assessment {n}", r.framework(fw.id)) for n, r in enumerate(results)])
        for fw in frameworks.values()
    ]
    store.close()
    (tmp / "figures.pickle").write_bytes(pickle.dumps(figures))
    bare_path = tmp / "bare_charts.py"
    bare_path.write_text(
        "import pickle\nimport streamlit as st\n"
        "@st.cache_resource\n"
        f"def figures():\n    return pickle.loads(open({str(tmp / 'figures.pickle')!r}, 'rb').read())\n"
        "for n, fig in enumerate(figures()):\n"
        "    st.plotly_chart(fig, width='stretch', key=f'chart{n}')\n",
        encoding="utf-8",
    )
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    app.query_params["a"] = follow_up
    app.switch_page("ui/results.py").run()
    bare = AppTest.from_file(str(bare_path), default_timeout=TIMEOUT)
    bare.run()
    nothing: Change = lambda at, n: None  # noqa: E731 - a plain rerun, nothing changed
    return _time_interleaved({"app": (app, nothing), "bare": (bare, nothing)}, repeats), len(figures)


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
    print(row(f"results page, example with history ({n_charts} radar charts)", r["app"]))
    print(row(f"bare page with the same {n_charts} charts", r["bare"]))
    print(f"  {'ratio results / bare charts:':<66} {median_ms(r['app']) / median_ms(r['bare']):7.2f}")


if __name__ == "__main__":
    main()
