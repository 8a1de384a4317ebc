"""Many people answering at once through HAProxy: answers acknowledged against answers found in the database.

Run: ``python -m bench.load [--sessions 50] [--clicks 20] [--pause 1.0]`` for the comparison, or
add ``--kill-replica`` or ``--restart-postgres`` for a fault half-way through.

Each simulated person is a thread speaking Streamlit's browser protocol (:mod:`bench._streamlit_ws`)
through HAProxy (:mod:`bench.cluster`, rendered from ``deploy/haproxy.cfg``). Like a browser, it
first loads the page over HTTP, which gives it HAProxy's sticky cookie ``STSRV``, and opens the
websocket with that cookie, so its session stays on one replica. Each person has an assessment
of their own (made beforehand through the store) and opens the questionnaire's largest screen
(``?a=<id>&s=<screen>``); once every page is open, each clicks answers on that screen for a
fixed number of clicks, a random 0.5-1.5 × ``--pause`` apart, going round the screen's
questions and giving each a different answer every time. The default, a click a second from
each of 50 people, is several times faster than people who read the questions; ``--pause 0.5``
doubles it, which is where this 2-core machine (running everything, load generator included)
starts queueing.

* **Acknowledged**: the click's rerun finished (``script_finished``) and drew no error box and no
  exception: the answer's save returned and the question was redrawn from the database. That is
  what the person sees as saved.
* **Click → saved**: from sending the click to that ``script_finished``, for acknowledged clicks.
* **Found**: afterwards the database's audit trail (one row per changed answer value) is read
  back, and each person's acknowledged answers must appear in it, in order, per question.
  **Lost** = acknowledged − found, and must be 0. A click whose save committed but whose
  reply never arrived (its replica died) is counted as "saved, not acknowledged".

The comparison runs three set-ups, each through HAProxy (one server line for one replica, so every
set-up has the same network path): 2 replicas + PostgreSQL, 1 replica + PostgreSQL, 1 replica +
SQLite. All three are started first; then every person makes ``--block`` clicks (5) on one set-up,
then on the next, in turn, until each has made all its clicks, so drift in the machine's speed (other
work on a shared machine) is shared out between them. Figures are for this machine, with the load
generator, HAProxy, PostgreSQL and the replicas all on it; each set-up's report says how much CPU
everything else on the machine took meanwhile.

``--kill-replica``: 2 replicas + PostgreSQL; when half the clicks have been made, replica app1 is
killed (SIGKILL). Its people's websockets break; each then reloads the page through HAProxy,
which sends it to app2 with a new cookie (Streamlit starts a new session there; the URL names the
assessment, the database holds the answers), and carries on. Reported: reconnects, whether the
first click after each worked, and acknowledged against found.

``--restart-postgres``: 2 replicas + PostgreSQL; half-way, PostgreSQL is restarted (fast shutdown,
as a package upgrade does). Reported: what people saw (catalogue messages or Streamlit's error
box: there must be no exception element) and acknowledged against found.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import resource
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import websocket
from sqlalchemy import text

from assessments.catalogue import bundled_frameworks
from assessments.store import Store
from bench._fixtures import Screen, create_assessment, largest_screen, median_ms, p95_ms
from bench._streamlit_ws import Rerun, Session, choose, connect
from bench._timed_streamlit import read_run_times
from bench.cluster import Cluster, Replica, cluster, haproxy_missing, postgres_missing, stop_on_sigterm

SESSIONS, CLICKS, PAUSE = 50, 20, 1.0
SETUPS = {
    "2pg": ("2 replicas + PostgreSQL", 2, "postgresql", ""),
    "1pg": ("1 replica + PostgreSQL", 1, "postgresql", ""),
    "1sqlite": ("1 replica + SQLite", 1, "sqlite", ""),
}
"""The comparison's set-ups by key (``--setups``); the last one run is the baseline of the ratio."""
BLOCK = 5
"""Clicks per person on one set-up before the next one's turn (set-ups are compared in turns)."""
TARGET_P95_MS = 150.0
RECONNECT_SECONDS = 60.0
"""How long a person keeps reloading the page after losing their session."""
BROKEN = (websocket.WebSocketException, OSError, TimeoutError)
"""What a websocket raises when its server has gone."""


def open_page(base: str, cookies: dict[str, str]) -> None:
    """GET the app's page through HAProxy as a browser does, keeping the cookies it sets (``STSRV``)."""
    request = urllib.request.Request(f"{base}/")
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    with urllib.request.urlopen(request, timeout=30) as resp:
        resp.read()
        for header in resp.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            cookies.update({k: m.value for k, m in jar.items()})


@dataclass
class Person:
    """One simulated person with their own assessment, clicking answers on one screen."""

    number: int
    aid: str
    screen: Screen
    cluster: Cluster
    clicks: int
    pause: float
    cookies: dict[str, str] = field(default_factory=dict)
    session: Session | None = None
    radios: dict[str, tuple[str, str, list[str]]] = field(default_factory=dict)
    """Item id -> (widget id, fragment id, option labels as the browser shows them)."""
    widgets: dict[str, object] = field(default_factory=dict)
    attempts: Counter[str] = field(default_factory=Counter)
    acked: list[tuple[str, str]] = field(default_factory=list)
    """(item id, option id) of every acknowledged click, in order."""
    unacked: list[tuple[str, str]] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    problems: Counter[str] = field(default_factory=Counter)
    replicas: list[str] = field(default_factory=list)
    """The replica (STSRV) of each page load: one, plus one per reconnect."""
    reconnects: int = 0
    first_after_reconnect: list[bool] = field(default_factory=list)
    error: str = ""

    @property
    def replica(self) -> str:
        return self.cookies.get("STSRV", "?")

    def load_page(self) -> None:
        """Open the questionnaire screen: HTTP for the cookie, then the websocket and the first run."""
        open_page(self.cluster.url, self.cookies)
        self.session = connect(
            self.cluster.port,
            prompt_ack=True,
            query_string=f"a={self.aid}&s={self.screen.step}",
            page_name="questionnaire",
            cookie="; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        )
        first = self.session.rerun([])
        if not first.ok:
            raise RuntimeError(f"the page did not open: {first.errors or first.exceptions or first.status}")
        fw = self.screen.framework
        self.radios = {}
        for item in self.screen.choice_items:
            key = f"q:{self.aid}:{fw.id}:{item}:value"
            found = [(wid, frag, list(r.options)) for wid, (r, frag) in first.radios.items() if wid.endswith(key)]
            if not found:
                raise RuntimeError(f"no radio for {item} on the page ({len(first.radios)} radios)")
            self.radios[item] = found[0]
        self.widgets = {}
        self.replicas.append(self.replica)

    def reconnect(self) -> None:
        """Reload the page until it opens again (HAProxy picks a live replica and sets a new cookie)."""
        if self.session:
            self.session.close()
        deadline = time.monotonic() + RECONNECT_SECONDS
        while True:
            try:
                self.load_page()
                self.reconnects += 1
                return
            except (*BROKEN, urllib.error.URLError, RuntimeError) as exc:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"person {self.number} could not reload the page: {exc}") from exc
                time.sleep(0.5)

    def click(self, n: int) -> Rerun | None:
        """Answer the next question of the screen with its next option in turn; None if the session broke.

        Each question's options are taken in turn, so successive clicks on one question always
        change its answer (one audit row each) and can be told apart in the audit trail.
        """
        items = self.screen.choice_items
        item = items[n % len(items)]
        widget_id, fragment_id, labels = self.radios[item]
        attempt = self.attempts[item]
        self.attempts[item] += 1
        choice = attempt % len(labels)
        option_id = self.screen.framework.options(item)[choice].id
        self.widgets[widget_id] = choose(widget_id, labels[choice])
        assert self.session is not None
        try:
            result = self.session.rerun(list(self.widgets.values()), fragment_id)  # type: ignore[arg-type]
        except BROKEN:
            self.unacked.append((item, option_id))
            self.problems["connection lost"] += 1
            return None
        if result.ok:
            self.acked.append((item, option_id))
            self.latencies.append(result.seconds)
        else:
            self.unacked.append((item, option_id))
            for text in result.errors:
                self.problems["error box: " + " ".join(text.split())[:160]] += 1
            for text in result.exceptions:
                self.problems["EXCEPTION: " + text[:160]] += 1
            if not (result.errors or result.exceptions):
                self.problems[f"run ended with status {result.status}"] += 1
        return result

    def run(self, start: threading.Barrier, progress: Progress, first: int, last: int) -> None:
        """Wait for everyone, then make clicks ``first`` to ``last - 1``, reloading the page when the session breaks."""
        rng = random.Random(self.number * 1000 + first)
        try:
            start.wait()
            time.sleep(rng.uniform(0, self.pause))
            after_reconnect = False
            for n in range(first, last):
                result = self.click(n)
                progress.clicked()
                if after_reconnect:
                    self.first_after_reconnect.append(bool(result and result.ok))
                    after_reconnect = False
                if result is None:
                    self.reconnect()
                    after_reconnect = True
                if n + 1 < last:
                    time.sleep(rng.uniform(0.5, 1.5) * self.pause)
        except Exception as exc:  # reported with the results; the other people carry on
            self.error = f"{type(exc).__name__}: {exc}"


class Progress:
    """Clicks made so far, and an event set when half of them have been made."""

    def __init__(self, total: int) -> None:
        self._lock = threading.Lock()
        self._count = 0
        self.total = total
        self.half = threading.Event()

    def clicked(self) -> None:
        with self._lock:
            self._count += 1
            if self._count * 2 >= self.total:
                self.half.set()


@dataclass
class Outcome:
    """One set-up's results."""

    name: str
    people: list[Person]
    found: int
    saved_unacked: int
    fault: str = ""
    seconds: float = 0.0
    """Wall time of the clicking."""
    cpu: dict[str, float] = field(default_factory=dict)
    """CPU seconds used while clicking, by process (replicas, HAProxy, PostgreSQL, the load generator)."""
    server_runs: list[float] = field(default_factory=list)
    """The replicas' own script-run times while clicking (the save, the fragment's rerun), in seconds."""
    connections: int = -1
    """Connections PostgreSQL accepted while clicking (pools growing, overflow connections), -1 if not known."""

    @property
    def latencies(self) -> list[float]:
        return [s for p in self.people for s in p.latencies]

    @property
    def acked(self) -> int:
        return sum(len(p.acked) for p in self.people)

    @property
    def attempted(self) -> int:
        return self.acked + sum(len(p.unacked) for p in self.people)


def found_in_database(store: Store, person: Person) -> tuple[int, int]:
    """(acknowledged answers found in the audit trail, in order per question; audit rows matching no acknowledged click).

    The match is exact while no question gets more clicks than it has options (20 clicks over
    the 14 questions of the screen: one or two each).
    """
    rows: dict[str, list[str]] = {}
    for entry in store.audit_log(person.aid):
        if entry.field == "value" and entry.item_id:
            rows.setdefault(entry.item_id, []).append(entry.new)
    wanted: dict[str, list[str]] = {}
    for item, option_id in person.acked:
        wanted.setdefault(item, []).append(option_id)
    found = 0
    for item, values in wanted.items():
        seen, i = rows.get(item, []), 0
        for value in values:
            while i < len(seen) and seen[i] != value:
                i += 1
            if i < len(seen):
                found += 1
                i += 1
    return found, sum(len(v) for v in rows.values()) - found


@dataclass
class Stage:
    """One set-up, running: its cluster, its people with their pages open, and what was measured so far."""

    name: str
    cluster: Cluster
    store: Store
    people: list[Person]
    fault: str = ""
    outcome: Outcome | None = None

    def __post_init__(self) -> None:
        measured = not self.fault and _pg_sessions(self.store) >= 0
        self.outcome = Outcome(self.name, self.people, 0, 0, connections=0 if measured else -1)


def _close_sessions(people: list[Person]) -> None:
    for person in people:
        if person.session:
            person.session.close()


def open_stage(
    stack: contextlib.ExitStack,
    name: str,
    tmp: Path,
    *,
    replicas: int,
    database: str,
    args: argparse.Namespace,
    fault: str,
) -> Stage:
    """Start a set-up, make an assessment for each person and open every person's page (not timed)."""
    c = stack.enter_context(
        cluster(tmp, replicas=replicas, database=database, timed=True, postgres_options=args.pg_option or ())
    )
    store = Store(c.database_url, frameworks=bundled_frameworks())
    stack.callback(store.close)
    screen = largest_screen()
    people = [Person(n, create_assessment(store), screen, c, args.clicks, args.pause) for n in range(args.sessions)]
    for person in people:  # one at a time: page loads are not what is measured
        person.load_page()
    stack.callback(_close_sessions, people)
    return Stage(name, c, store, people, fault)


def click_block(stage: Stage, first: int, last: int) -> None:
    """Every person of the set-up makes clicks ``first`` to ``last - 1`` at once; the fault, if any, comes half-way."""
    c, people, out = stage.cluster, stage.people, stage.outcome
    assert out is not None
    start = threading.Barrier(len(people))
    progress = Progress(len(people) * (last - first))
    threads = [threading.Thread(target=p.run, args=(start, progress, first, last), daemon=True) for p in people]
    runs_before = {r.name: len(_runs(r)) for r in c.replicas}
    sessions_before, machine_before = _pg_sessions(stage.store), _machine_busy()
    cpu_before, own_before, wall = c.cpu_seconds(), _own_cpu(), time.perf_counter()
    for t in threads:
        t.start()
    if stage.fault:
        progress.half.wait()
        if stage.fault == "kill":
            c.kill("app1")
            out.fault = "killed replica app1 (SIGKILL) after half the clicks"
        else:
            assert c.postgres is not None
            took = c.postgres.restart()
            out.fault = f"restarted PostgreSQL (fast shutdown) after half the clicks; it took {took:.1f} s"
    for t in threads:
        t.join()
    out.seconds += time.perf_counter() - wall
    if stage.fault:
        return
    if out.connections >= 0:
        out.connections += _pg_sessions(stage.store) - sessions_before
    cpu = {k: v - cpu_before.get(k, 0.0) for k, v in c.cpu_seconds().items()}
    cpu["load generator"] = _own_cpu() - own_before
    cpu["other processes"] = max(0.0, _machine_busy() - machine_before - sum(cpu.values()))
    for k, v in cpu.items():
        out.cpu[k] = out.cpu.get(k, 0.0) + v
    out.server_runs += [t for r in c.replicas for t in _runs(r)[runs_before[r.name] :]]


def check_database(stage: Stage) -> Outcome:
    """Count each person's acknowledged answers found in the database's audit trail."""
    out = stage.outcome
    assert out is not None
    for person in stage.people:
        found, extra = found_in_database(stage.store, person)
        out.found += found
        out.saved_unacked += extra
    return out


def _pg_sessions(store: Store) -> int:
    """Connections PostgreSQL has accepted to the database so far (-1 for SQLite)."""
    if store.engine.dialect.name != "postgresql":
        return -1
    with store.engine.connect() as conn:
        return int(
            conn.execute(text("SELECT sessions FROM pg_stat_database WHERE datname = current_database()")).scalar_one()
        )


def _runs(replica: Replica) -> list[float]:
    """Script-run times the replica has recorded so far (written just after each run's last message)."""
    time.sleep(0.3)
    return read_run_times(str(replica.run_times)) if replica.run_times else []


def _machine_busy() -> float:
    """CPU seconds the whole machine has been busy (every process, from /proc/stat; 0.0 elsewhere)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0.0
    ticks = [int(f) for f in fields[:8]]  # user nice system idle iowait irq softirq steal
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # steal (the hypervisor's) counts as busy


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def report(outcome: Outcome) -> None:
    """Print one set-up's counts, latencies and what people saw."""
    people = outcome.people
    where = Counter(p.replicas[0] for p in people if p.replicas)
    lost = outcome.acked - outcome.found
    print(f"\n{outcome.name}")
    print(
        f"  people: {len(people)} ("
        + ", ".join(f"{n} on {r}" for r, n in sorted(where.items()))
        + f"), clicks made: {outcome.attempted} of {len(people) * people[0].clicks}"
    )
    if outcome.fault:
        print(f"  fault: {outcome.fault}")
    print(
        f"  acknowledged: {outcome.acked}   found in the database: {outcome.found}   lost: {lost}"
        f"   saved but not acknowledged: {outcome.saved_unacked}"
    )
    lat = outcome.latencies
    if lat:
        print(
            f"  click -> saved: p50 {median_ms(lat):.1f} ms, p95 {p95_ms(lat):.1f} ms, max {max(lat) * 1000:.1f} ms"
            + (
                " (including clicks that waited for the fault to pass)"
                if outcome.fault
                else f" (target p95 <= {TARGET_P95_MS:.0f} ms: {'met' if p95_ms(lat) <= TARGET_P95_MS else 'NOT met'})"
            )
        )
    if outcome.server_runs:
        runs = outcome.server_runs
        print(
            f"  of which the replica's own script run (save + fragment rerun): p50 {median_ms(runs):.1f} ms,"
            f" p95 {p95_ms(runs):.1f} ms ({len(runs)} runs)"
        )
    if outcome.cpu and outcome.attempted:
        ours = {k: v for k, v in outcome.cpu.items() if k != "other processes"}
        per_click = {k: v * 1000 / outcome.attempted for k, v in ours.items()}
        print(
            "  CPU per click: "
            + ", ".join(f"{k} {v:.1f} ms" for k, v in per_click.items())
            + f"; together {sum(ours.values()) / outcome.seconds:.2f} of {os.cpu_count()} cores"
            f" at {outcome.attempted / outcome.seconds:.0f} clicks/s, while other processes on the machine"
            f" used {outcome.cpu.get('other processes', 0.0) / outcome.seconds:.2f} cores"
        )
    if outcome.connections >= 0:
        print(f"  PostgreSQL connections opened while clicking: {outcome.connections}")
    reconnects = sum(p.reconnects for p in people)
    if reconnects or outcome.fault:
        firsts = [ok for p in people for ok in p.first_after_reconnect]
        moved = Counter(f"{p.replicas[0]} -> {p.replicas[-1]}" for p in people if p.reconnects)
        print(
            f"  reconnects: {reconnects} by {sum(1 for p in people if p.reconnects)} people ("
            + (", ".join(f"{n} {m}" for m, n in sorted(moved.items())) or "none")
            + f"); first click after reconnecting acknowledged: {sum(firsts)} of {len(firsts)}"
        )
    problems: Counter[str] = Counter()
    for p in people:
        problems.update(p.problems)
    print("  what people saw instead of a saved answer: " + ("nothing" if not problems else ""))
    for seen, n in problems.most_common():
        print(f"    {n:4d} x {seen}")
    for p in people:
        if p.error:
            print(f"  person {p.number} stopped: {p.error}")


def main() -> int:
    """Run the comparison (or one fault run) and print the figures; non-zero if an acknowledged answer was lost."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=SESSIONS, help=f"simulated people (default {SESSIONS})")
    parser.add_argument("--clicks", type=int, default=CLICKS, help=f"answers each person clicks (default {CLICKS})")
    parser.add_argument(
        "--pause", type=float, default=PAUSE, help=f"mean seconds between one person's clicks (default {PAUSE})"
    )
    parser.add_argument(
        "--pg-option",
        action="append",
        metavar="NAME=VALUE",
        help="a PostgreSQL setting for the run (repeatable), e.g. synchronous_commit=off to see what commits cost",
    )
    parser.add_argument(
        "--block",
        type=int,
        default=BLOCK,
        help=f"clicks per person on one set-up before the next set-up's turn (default {BLOCK})",
    )
    parser.add_argument(
        "--setups",
        default=",".join(SETUPS),
        help=f"comma-separated set-ups to compare, the last being the baseline (default {','.join(SETUPS)})",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--kill-replica", action="store_true", help="kill replica app1 half-way")
    mode.add_argument("--restart-postgres", action="store_true", help="restart PostgreSQL half-way")
    args = parser.parse_args()
    stop_on_sigterm()
    missing = haproxy_missing() or postgres_missing()
    if missing:
        print(f"bench.load skipped: {missing}")
        return 0
    if args.kill_replica or args.restart_postgres:
        fault = "kill" if args.kill_replica else "restart"
        what = "replica killed" if fault == "kill" else "PostgreSQL restarted"
        setups = [(f"2 replicas + PostgreSQL, {what}", 2, "postgresql", fault)]
    else:
        setups = [SETUPS[key] for key in args.setups.split(",")]
    print(
        f"{args.sessions} simulated people through HAProxy (sticky cookie STSRV), {args.clicks} answer clicks each,"
        f" {args.pause * 1000:.0f} ms apart on average, on the questionnaire's largest screen ({largest_screen().step})."
    )
    print("Acknowledged = the click's rerun finished with no error shown; found = in the audit trail afterwards.")
    blocks = [(first, min(first + args.block, args.clicks)) for first in range(0, args.clicks, args.block)]
    if len(setups) == 1:
        blocks = [(0, args.clicks)]
    with contextlib.ExitStack() as stack:
        stages = []
        for name, replicas, database, fault in setups:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-load-")))
            stages.append(open_stage(stack, name, tmp, replicas=replicas, database=database, args=args, fault=fault))
        for first, last in blocks:  # set-ups in turn, block by block: drift in the machine's speed is shared out
            for stage in stages:
                click_block(stage, first, last)
        outcomes = [check_database(stage) for stage in stages]
    for outcome in outcomes:
        report(outcome)
    if len(outcomes) > 1:
        base = outcomes[-1]
        print(
            f"\n{'set-up':<26} {'acknowledged':>12} {'found':>6} {'lost':>5} {'p50 ms':>7} {'p95 ms':>7}"
            f" {'p95 ratio':>10}   (ratio: p95 / p95 of {base.name}, same run)"
        )
        for o in outcomes:
            print(
                f"{o.name:<26} {o.acked:>12} {o.found:>6} {o.acked - o.found:>5} {median_ms(o.latencies):>7.1f}"
                f" {p95_ms(o.latencies):>7.1f} {p95_ms(o.latencies) / p95_ms(base.latencies):>10.2f}"
            )
    lost = sum(o.acked - o.found for o in outcomes)
    exceptions = sum(n for o in outcomes for p in o.people for k, n in p.problems.items() if k.startswith("EXCEPTION"))
    stopped = sum(1 for o in outcomes for p in o.people if p.error)
    if lost or exceptions or stopped:
        print(
            f"\nFAILED: {lost} acknowledged answers lost, {exceptions} exception boxes, {stopped} people stopped",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
