"""Benchmark scoring: ``python -m bench.scoring [--n 10000] [--repeats 3]``.

Generates ``--n`` assessments of every bundled framework (seeded, so every run
scores the same data) with realistic mixes: early ideas with many blanks and
"don't know", pilots, and established services answered almost fully, with
"not applicable", notes and evidence sprinkled in. Then, per repeat, it times
each assessment individually for:

* ``score``: ``score_assessment`` over all bundled frameworks;
* ``baseline-walk``: walking every item of every framework and resolving the
  answer's option (the unavoidable lookup work, no result models);
* ``baseline-validate``: pydantic validation of the same assessment from a dict
  (``Assessment.model_validate``), the cost of building models of that size.

It prints the median and p95 per assessment for each (median across repeats),
and the ratio of scoring to each baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable, Mapping
from functools import cache

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
from assessments.scoring import score_assessment

# Share of items left blank / answered "don't know" / "not applicable", per stage.
PROFILES: dict[Stage, tuple[float, float, float]] = {
    Stage.IDEA: (0.35, 0.20, 0.05),
    Stage.PILOT: (0.15, 0.10, 0.05),
    Stage.ESTABLISHED: (0.05, 0.05, 0.05),
    Stage.SPREADING: (0.02, 0.03, 0.05),
}


@cache
def _answer(value: str, note: str, evidence: tuple[EvidenceType, ...]) -> Answer:
    """Answers are immutable, so identical ones are shared (keeps generation quick)."""
    return Answer(value=value, note=note, evidence=evidence)


def generate(frameworks: Mapping[str, Framework], n: int, seed: int = 42) -> list[Assessment]:
    """Seeded synthetic assessments with stage-dependent blanks, don't know and n/a.

    Args:
        frameworks: Frameworks to answer, by id.
        n: How many assessments.
        seed: Random seed (same seed, same assessments).

    Returns:
        Valid assessments answering every framework.
    """
    rng = random.Random(seed)
    stages = list(PROFILES)
    evidence = list(EvidenceType)
    out: list[Assessment] = []
    for k in range(n):
        stage = rng.choice(stages)
        blank, unknown, na = PROFILES[stage]
        # Later stages lean towards the ready end of each scale.
        lean = stages.index(stage) / (len(stages) - 1)
        answers: dict[str, dict[str, Answer]] = {}
        for fid, fw in frameworks.items():
            items: dict[str, Answer] = {}
            for iid, item in fw.items.items():
                r = rng.random()
                if r < blank:
                    continue
                note = "Checked with the team" if rng.random() < 0.2 else ""
                ev = tuple(sorted(rng.sample(evidence, rng.randint(0, 2)), key=evidence.index))
                if item.type == "date":
                    value = f"20{rng.randint(26, 30)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                elif item.type == "text":
                    value = f"Narrative answer {rng.randint(1, 50)} for {iid}"
                elif r < blank + unknown:
                    value = "dont_know"
                elif r < blank + unknown + na:
                    value = "not_applicable"
                else:
                    scale = [o.id for o in fw.options(iid) if o.is_scale]
                    if item.ready_end == "low":
                        scale.reverse()
                    # Triangular draw towards the ready end for mature services.
                    pos = rng.triangular(0, 1, lean)
                    value = scale[min(int(pos * len(scale)), len(scale) - 1)]
                items[iid] = _answer(value, note, ev)
            answers[fid] = items
        out.append(
            Assessment(
                innovation=Innovation(name=f"Innovation {k}", organisation="Bench"),
                assessment=AssessmentMeta(stage=stage, assessor_role=rng.choice(list(AssessorRole))),
                answers=answers,
            )
        )
    return out


def _walk(frameworks: Mapping[str, Framework]) -> Callable[[Assessment], object]:
    def run(a: Assessment) -> object:
        found = 0
        for fid, fw in frameworks.items():
            given = a.answers.get(fid, {})
            for iid, item in fw.items.items():
                ans = given.get(iid)
                if ans is not None and ans.value is not None and item.type == "choice":
                    found += fw.option(iid, ans.value) is not None
        return found

    return run


def _time_each(fn: Callable[[Assessment], object], assessments: list[Assessment]) -> list[float]:
    clock = time.perf_counter_ns
    times: list[float] = []
    for a in assessments:
        t0 = clock()
        fn(a)
        times.append((clock() - t0) / 1000.0)  # microseconds
    return times


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print medians, p95s and ratios."""
    parser = argparse.ArgumentParser(prog="python -m bench.scoring", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="assessments to generate (default 10000)")
    parser.add_argument("--repeats", type=int, default=3, help="timed repeats (default 3)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)

    frameworks = bundled_frameworks()
    t0 = time.perf_counter()
    assessments = generate(frameworks, args.n, args.seed)
    gen_s = time.perf_counter() - t0
    dicts = [a.model_dump() for a in assessments]
    by_id = {id(a): d for a, d in zip(assessments, dicts, strict=True)}
    items = sum(fw.item_count for fw in frameworks.values())
    print(
        f"scoring benchmark: {args.n} assessments x {len(frameworks)} frameworks ({items} items in all), "
        f"seed {args.seed}, {args.repeats} repeats; generated in {gen_s:.1f} s"
    )

    cases: dict[str, Callable[[Assessment], object]] = {
        "score": lambda a: score_assessment(a, frameworks),
        "baseline-walk": _walk(frameworks),
        "baseline-validate": lambda a: Assessment.model_validate(by_id[id(a)]),
    }
    medians: dict[str, list[float]] = {k: [] for k in cases}
    p95s: dict[str, list[float]] = {k: [] for k in cases}
    totals: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(args.repeats):
        for name, fn in cases.items():  # interleaved, so drift affects every case alike
            times = _time_each(fn, assessments)
            medians[name].append(statistics.median(times))
            p95s[name].append(_p95(times))
            totals[name].append(sum(times) / 1e6)

    print(f"{'case':<20}{'median/assessment':>20}{'p95/assessment':>18}{'all (median)':>16}")
    for name in cases:
        print(
            f"{name:<20}{statistics.median(medians[name]):>17.1f} us"
            f"{statistics.median(p95s[name]):>15.1f} us{statistics.median(totals[name]):>14.2f} s"
        )
    score_med = statistics.median(medians["score"])
    for base in ("baseline-walk", "baseline-validate"):
        print(f"ratio score / {base}: {score_med / statistics.median(medians[base]):.1f}x (medians, same run)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
