"""The portfolio at scale: ``python -m bench.portfolio``.

Measures, with 5, 3,000 and 20,000 saved assessments in the same run (issue 12 asks for a
server-side run of at most 1 s at 3,000 and 2 s at 20,000):

1. ``Store.portfolio()`` alone (one query, summaries and stored results, nothing scored);
2. the server-side run of a page under AppTest (the script in-process, no browser): by default a
   page holding only the portfolio picker (``ui.portfolio.portfolio_picker``), which is what the
   Compare page runs over all assessments before it draws the few picked; with ``--page compare``
   the app's own Compare page (``app.py``, then ``ui/compare.py``), to run once the new Compare page
   calls the picker;
3. ``Store.save_answer`` with its results stored (scoring the assessment in the same transaction)
   against the same save with that step left out, interleaved, on the 5-assessment database.

Sizes are timed in turn within each repeat, so drift in the machine's speed affects every ratio's
both sides. Databases are SQLite files in a temporary folder, filled by bulk inserts of synthetic
but valid assessments (a few hundred distinct answer sets drawn with a fixed seed from every option,
don't know and not applicable included, repeated), their stored results computed by the store's
own code; every fourth innovation has an earlier assessment too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import os
import random
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert
from streamlit.testing.v1 import AppTest

from assessments.catalogue import bundled_frameworks
from assessments.models import Answer, AssessorRole, EvidenceType, Framework, Stage
from assessments.store import LOCAL_WORKSPACE, Store, new_id
from assessments.store import engine as store_engine
from assessments.store.results import result_values, score_answers
from assessments.store.rows import answer_json
from assessments.store.schema import answers_table, assessment_results, assessments_table, innovations
from bench._fixtures import REPO, median_ms

SIZES = (5, 3000, 20000)
DISTINCT = 300
"""Distinct synthetic answer sets (scored once each, then reused)."""
TIMEOUT = 300


def synthetic_answers(
    frameworks: Mapping[str, Framework], rng: random.Random, narrative: str = "Narrative answer"
) -> dict[str, dict[str, Answer]]:
    """A valid random set of answers to every framework (about 1 in 8 items left blank).

    Written answers read ``"{narrative} for {item id}"``; ``bench.compare`` numbers them.
    """
    evidence = list(EvidenceType)
    out: dict[str, dict[str, Answer]] = {}
    for fid, fw in frameworks.items():
        items: dict[str, Answer] = {}
        for iid, item in fw.items.items():
            if rng.random() < 0.125:
                continue
            if item.type == "choice":
                value = rng.choice(fw.options(iid)).id
            elif item.type == "date":
                value = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            else:
                value = f"{narrative} for {iid}"
            ev = tuple(sorted(rng.sample(evidence, rng.randint(0, 2)), key=evidence.index))
            items[iid] = Answer(value=value, evidence=ev)
        out[fid] = items
    return out


def populate(url: str, count: int, frameworks: Mapping[str, Framework], seed: int = 12) -> None:
    """Fill a new database with ``count`` assessments (own assessments of the single-user workspace)."""
    Store(url, frameworks=frameworks).close()
    rng = random.Random(seed)
    templates = [synthetic_answers(frameworks, rng) for _ in range(min(count, DISTINCT))]
    at = dt.datetime(2026, 6, 1, 12, 0)
    results = [result_values(frameworks, score_answers(frameworks, t), at=at) for t in templates]
    answer_rows = [
        [
            {"framework_id": fid, "item_id": iid, "updated_by": "bench", "updated_at": at, **(answer_json(a) or {})}
            for fid, items in t.items()
            for iid, a in items.items()
        ]
        for t in templates
    ]
    engine = store_engine.make_engine(url)
    stages, roles = list(Stage), list(AssessorRole)
    try:
        for start in range(0, count, 2000):
            inns: list[dict[str, Any]] = []
            rows: list[dict[str, Any]] = []
            answers: list[dict[str, Any]] = []
            stored: list[dict[str, Any]] = []
            n = start
            while n < min(count, start + 2000):
                iid = new_id()
                inns.append(
                    {
                        "id": iid,
                        "workspace_id": LOCAL_WORKSPACE,
                        "name": f"Innovation {n:05d}",
                        "organisation": f"Provider {n % 97:02d}",
                        "description": "",
                        "created_at": at,
                        "updated_at": at,
                    }
                )
                for _ in range(2 if n % 4 == 0 and n + 1 < count else 1):
                    aid, t = new_id(), n % len(templates)
                    when = at + dt.timedelta(minutes=n)
                    rows.append(
                        {
                            "id": aid,
                            "innovation_id": iid,
                            "label": "",
                            "assessed_on": dt.date(2025, 1, 1) + dt.timedelta(days=n % 500),
                            "stage": stages[n % len(stages)].value,
                            "assessor_role": roles[n % len(roles)].value,
                            "assessor": "",
                            "framework_versions": {fid: fw.version for fid, fw in frameworks.items()},
                            "source": "bench",
                            "created_at": when,
                            "updated_at": when,
                            "created_by": "bench",
                            "origin": "own",
                        }
                    )
                    answers.extend({**a, "assessment_id": aid} for a in answer_rows[t])
                    stored.append({**results[t], "assessment_id": aid})
                    n += 1
            with engine.begin() as conn:
                conn.execute(insert(innovations), inns)
                conn.execute(insert(assessments_table), rows)
                conn.execute(insert(answers_table), answers)
                conn.execute(insert(assessment_results), stored)
    finally:
        engine.dispose()


def _picker_page(url: str) -> None:
    """The portfolio picker alone over the single-user workspace (AppTest runs this body as a script)."""
    from types import MappingProxyType

    import streamlit as st

    from assessments.catalogue import bundled_frameworks
    from assessments.store import LOCAL_WORKSPACE, Store
    from ui.portfolio import portfolio_picker
    from ui.state import AppContext

    @st.cache_resource
    def store(url: str) -> Store:
        return Store(url, frameworks=bundled_frameworks())

    ctx = AppContext(catalogue=bundled_frameworks(), store=store(url), pages=MappingProxyType({}))
    picked = portfolio_picker(ctx, workspace=LOCAL_WORKSPACE, examples=False, key="bench")
    st.text(f"picked: {len(picked)}")


def _app(url: str, page: str) -> AppTest:
    if page == "compare":
        os.environ["DATABASE_URL"] = url
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
        at.switch_page("ui/compare.py")
        return at
    return AppTest.from_function(_picker_page, args=(url,), default_timeout=TIMEOUT)


CPU: dict[str, list[float]] = {}
"""CPU seconds of this process per timed call, by label (the machine may be shared: wall time waits for it)."""


def _skip_results(self: store_engine.StoreBase, conn: Connection, aid: str) -> None:
    """The save path before results were stored with each answer (the baseline)."""


def _timed(fn: Callable[[], object], label: str = "") -> float:
    gc.collect()
    cpu, start = time.process_time(), time.perf_counter()
    fn()
    wall = time.perf_counter() - start
    CPU.setdefault(label, []).append(time.process_time() - cpu)
    return wall


def bench_pages(urls: dict[int, str], page: str, repeats: int) -> tuple[dict[int, list[float]], dict[int, list[float]]]:
    """Median seconds of ``Store.portfolio()`` and of a page run, per size, sizes in turn each repeat."""
    frameworks = bundled_frameworks()
    stores = {n: Store(u, frameworks=frameworks) for n, u in urls.items()}
    query: dict[int, list[float]] = {n: [] for n in urls}
    runs: dict[int, list[float]] = {n: [] for n in urls}
    apps: dict[int, AppTest] = {}
    for n, url in urls.items():
        stores[n].portfolio()  # warm: nothing stale left to compute
        if page != "compare":
            apps[n] = _app(url, page).run()  # the first run imports the page and opens its store
            assert not apps[n].exception, apps[n].exception
    for _ in range(repeats):
        for n, url in urls.items():
            query[n].append(_timed(stores[n].portfolio, f"query {n}"))
            if page == "compare":  # one app at a time: app.py opens the database named by DATABASE_URL
                apps[n] = _app(url, page)
                apps[n].run()
            at = apps[n]
            runs[n].append(_timed(at.run, f"page {n}"))
            if at.exception:
                raise RuntimeError(f"{n} assessments: the page raised {at.exception}")
    for s in stores.values():
        s.close()
    return query, runs


def bench_saves(url: str, repeats: int) -> dict[str, list[float]]:
    """Seconds per ``save_answer`` with the results stored, and with that step left out (interleaved)."""
    frameworks = bundled_frameworks()
    store = Store(url, frameworks=frameworks)
    [aid, *_] = [p.id for p in store.portfolio()]
    item = next(i.id for i in frameworks["nasss"].items.values() if i.type == "choice")
    values = [o.id for o in frameworks["nasss"].options(item)]
    with_results = store_engine.StoreBase._store_results
    samples: dict[str, list[float]] = {"with stored results": [], "without (before this change)": []}
    for n in range(repeats * 10):
        for name in samples:
            saver = with_results if name.startswith("with ") else _skip_results
            store_engine.StoreBase._store_results = saver  # type: ignore[method-assign, assignment]
            value = values[(n * 2 + len(name)) % len(values)]
            samples[name].append(
                _timed(functools.partial(store.save_answer, aid, "nasss", item, Answer(value=value)), name)
            )
    store_engine.StoreBase._store_results = with_results  # type: ignore[method-assign]
    store.close()
    return samples


def main(argv: list[str] | None = None) -> int:
    """Fill the databases, run the timings and print medians and ratios to the 5-assessment baseline."""
    parser = argparse.ArgumentParser(prog="python -m bench.portfolio", description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--page", choices=("picker", "compare"), default="picker")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args(argv)
    frameworks = bundled_frameworks()
    with tempfile.TemporaryDirectory(prefix="bench-portfolio-") as d:
        urls = {}
        for n in args.sizes:
            start = time.perf_counter()
            urls[n] = f"sqlite:///{Path(d) / f'portfolio-{n}.db'}"
            populate(urls[n], n, frameworks)
            print(f"filled a database with {n:,} assessments in {time.perf_counter() - start:.1f} s", flush=True)
        query, runs = bench_pages(urls, args.page, args.repeats)
        saves = bench_saves(urls[min(urls)], args.repeats)
    base = min(urls)
    what = "the app's Compare page" if args.page == "compare" else "a page with the portfolio picker"
    print(f"\nMedians of {args.repeats} runs, sizes in turn (ms, wall / CPU of this process; ratio of page wall times)")
    print(f"  {'assessments':>11}  {'Store.portfolio()':>18}  {'page run':>17}  {'ratio':>6}")
    for n in urls:
        q, r = median_ms(query[n]), median_ms(runs[n])
        qc, rc = median_ms(CPU[f"query {n}"]), median_ms(CPU[f"page {n}"])
        print(f"  {n:>11,}  {q:>8.1f} / {qc:>7.1f}  {r:>7.1f} / {rc:>7.1f}  {r / median_ms(runs[base]):>6.2f}")
    print(f"  page run: {what}, server side under AppTest (targets: <= 1000 ms at 3,000, <= 2000 ms at 20,000)")
    print(f"\nsave_answer, median of {len(next(iter(saves.values())))} saves each (ms, wall / CPU):")
    for name, samples in saves.items():
        print(f"  {name:<30} {median_ms(samples):7.2f} / {median_ms(CPU[name]):7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
