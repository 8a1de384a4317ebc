"""Server-side rerun time of the app's pages against bare Streamlit scripts, measured in the same run.

Run: ``python -m bench.rerun [--repeats N]``. Uses Streamlit's AppTest (the
script runs in-process, no browser, no network) on a temporary SQLite database.

* Questionnaire: one answer changed on the largest screen (most items), then
  the rerun it causes; baseline: a bare script with the same number of radios
  and one radio changed. Target ratio <= 1.5.
* Results: a rerun of the results page for an illustrative example with an
  earlier assessment overlaid; baseline: a bare page drawing the same plotly
  figures (built once, outside the timing).

Both sides go through the same AppTest harness, so its overhead is in both;
the ratio is the figure to read. Prints medians and p95s in milliseconds.
"""

from __future__ import annotations

import argparse
import gc
import os
import pickle
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from assessments.catalogue import bundled_frameworks
from assessments.charts import radar_figure
from assessments.scoring import score_assessment
from bench._fixtures import REPO, bare_radio_script, create_assessment, largest_screen, median_ms, new_store, p95_ms

TIMEOUT = 120


def _time_runs(at: AppTest, change, repeats: int) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for n in range(repeats):
        change(at, n)
        gc.collect()
        start = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(f"the page raised: {at.exception}")
    return samples


def bench_questionnaire(tmp: Path, repeats: int) -> tuple[list[float], list[float], int]:
    """Rerun after one answer on the largest screen, and the bare-radio baseline."""
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

    def answer(at: AppTest, n: int) -> None:
        at.radio(key=key).set_value(options[n % 2])

    app_samples = _time_runs(app, answer, repeats)
    saved = store.get_answers(aid, fw.id).get(fw.id, {}).get(first)
    assert saved is not None and saved.value in options[:2], "the benchmarked answers were not saved"
    store.close()

    bare = AppTest.from_file(
        str(bare_radio_script(tmp / "bare_radios.py", len(screen.choice_items), options)), default_timeout=TIMEOUT
    )
    bare.run()

    def bare_answer(at: AppTest, n: int) -> None:
        at.radio(key="q0").set_value(options[n % 2])

    return app_samples, _time_runs(bare, bare_answer, repeats), len(screen.choice_items)


def bench_results(tmp: Path, repeats: int) -> tuple[list[float], list[float], int]:
    """Rerun of the results page (example with history), and a bare page with the same charts."""
    url, store = new_store(tmp / "results")
    os.environ["DATABASE_URL"] = url
    ids = store.load_examples()
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
    nothing = lambda at, n: None  # noqa: E731 - a plain rerun, nothing changed
    return _time_runs(app, nothing, repeats), _time_runs(bare, nothing, repeats), len(figures)


def main() -> None:
    """Run both benchmarks and print medians, p95s and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=40, help="timed reruns per script (default 40)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-rerun-") as d:
        tmp = Path(d)
        (tmp / "results").mkdir()
        q_app, q_bare, n_radios = bench_questionnaire(tmp, args.repeats)
        r_app, r_bare, n_charts = bench_results(tmp, args.repeats)
    print(f"Server-side rerun (AppTest, {args.repeats} reruns each; median / p95 ms)")
    print(
        f"  questionnaire, one answer on the largest screen ({n_radios} radios): {median_ms(q_app):7.1f} / {p95_ms(q_app):7.1f}"
    )
    print(
        f"  bare script, {n_radios} radios, one changed:                       {median_ms(q_bare):7.1f} / {p95_ms(q_bare):7.1f}"
    )
    print(
        f"  ratio questionnaire / bare (target <= 1.5):                   {median_ms(q_app) / median_ms(q_bare):7.2f}"
    )
    print(
        f"  results page, example with history ({n_charts} radar charts):          {median_ms(r_app):7.1f} / {p95_ms(r_app):7.1f}"
    )
    print(
        f"  bare page with the same {n_charts} charts:                             {median_ms(r_bare):7.1f} / {p95_ms(r_bare):7.1f}"
    )
    print(
        f"  ratio results / bare charts:                                   {median_ms(r_app) / median_ms(r_bare):7.2f}"
    )


if __name__ == "__main__":
    main()
