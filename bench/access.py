"""Benchmark the cost of access rules in the store: ``python -m bench.access [--repeats 200] [--workspaces 20]``.

Every store call now works out who is asking (the viewer's roles, read fresh from the
memberships table on each call, so a removal takes effect at once) and filters by it.
This measures what that costs, on SQLite files in a temporary folder:

* ``save_answer``: one answer saved (alternating two options so each save writes),
  as the single-user viewer (fixed grants, no membership query) and as a signed-in
  member (one membership query per call). Ratio member / single-user.
* ``list_assessments``: the Home list as a member of one workspace in a database of
  ``--workspaces`` workspaces holding 25 assessments each, against the same list in
  a database holding only that member's 25 (the baseline: what the member sees).
  A ratio near 1 means the scoping costs in proportion to what the viewer may see,
  not to the whole database.

Prints medians and p95 in milliseconds and the ratios measured in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from assessments.catalogue import bundled_frameworks
from assessments.models import Answer, AssessmentMeta, AssessorRole, Innovation, Stage
from assessments.store import Role, Store, Viewer
from bench._fixtures import median_ms, p95_ms

PER_WORKSPACE = 25
META = AssessmentMeta(assessed_on=dt.date(2026, 1, 1), stage=Stage.PILOT, assessor_role=AssessorRole.INNOVATOR)


def _timed(fn: Callable[[int], object], repeats: int) -> list[float]:
    samples = []
    for n in range(repeats):
        start = time.perf_counter()
        fn(n)
        samples.append(time.perf_counter() - start)
    return samples


def _populate(url: str, workspaces: int) -> Store:
    """A database of ``workspaces`` workspaces with PER_WORKSPACE assessments each; the member's store of the first."""
    system = Store(url, frameworks=bundled_frameworks(), viewer=Viewer(actor="bench", system=True))
    first = ""
    for w in range(workspaces):
        ws = system.add_workspace(f"Workspace {w}")
        email = f"innovator{w}@bench.example"
        system.add_member(ws.id, email, Role.INNOVATOR)
        member = system.as_viewer(Viewer.member(email))
        for i in range(PER_WORKSPACE):
            aid = member.create_assessment(Innovation(name=f"Innovation {w}-{i}"), META)
            member.save_answer(aid, "scie", "evidence_of_efficacy", Answer(value="recognised"))
        first = first or email
    return system.as_viewer(Viewer.member(first))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--workspaces", type=int, default=20)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        local = Store(f"sqlite:///{Path(tmp) / 'local.db'}", frameworks=bundled_frameworks())
        local_aid = local.create_assessment(Innovation(name="Local"), META)
        big = _populate(f"sqlite:///{Path(tmp) / 'big.db'}", args.workspaces)
        small = _populate(f"sqlite:///{Path(tmp) / 'small.db'}", 1)
        member_aid = big.list_assessments()[0].id
        values = ("recognised", "addressed")

        def save(store: Store, aid: str) -> Callable[[int], object]:
            return lambda n: store.save_answer(aid, "scie", "evidence_of_efficacy", Answer(value=values[n % 2]))

        results = {
            "save_answer, single-user": _timed(save(local, local_aid), args.repeats),
            "save_answer, signed-in member": _timed(save(big, member_aid), args.repeats),
            f"list_assessments, member, {args.workspaces} workspaces": _timed(
                lambda n: big.list_assessments(), args.repeats
            ),
            "list_assessments, member, own workspace only": _timed(lambda n: small.list_assessments(), args.repeats),
        }
        assert len(big.list_assessments()) == len(small.list_assessments()) == PER_WORKSPACE
    print(f"{'measure':58} {'median ms':>10} {'p95 ms':>8}")
    for name, samples in results.items():
        print(f"{name:58} {median_ms(samples):10.2f} {p95_ms(samples):8.2f}")
    names = list(results)
    print(f"ratio save_answer member / single-user: {median_ms(results[names[1]]) / median_ms(results[names[0]]):.2f}")
    ratio = median_ms(results[names[2]]) / median_ms(results[names[3]])
    print(f"ratio list {args.workspaces} workspaces / own only: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
