"""No lost update between processes: several processes save one answer on one database, each from a stale view.

Each worker process acts like a browser tab: it reads the answer once, then keeps changing its
value or its note (or both) based on what it last saw or saved itself, re-reading only after a
conflict. Every value written is unique, so the audit trail shows, for every write, the value it
replaced. Afterwards every acknowledged write must be either in the database now or replaced by a
writer that had seen it, and every refused one must have been reported as a conflict: no write
is ever lost silently. The check itself is shown to catch lost updates made without a base.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessments.models import Answer
from assessments.store import AnswerConflict, AuditEntry, Store, Viewer
from tests.store.helpers import FRAMEWORKS, new_assessment

FID, IID = "beta", "b_text"
"""A text item: its value and its note both take any text, so every write can be told apart."""
FIELDS = ("value", "note")
WORKERS = 3
ROUNDS = 40


def _fields(answer: Answer | None) -> dict[str, Any]:
    return {"value": answer.value if answer else None, "note": answer.note if answer else ""}


def _worker(url: str, aid: str, worker: int, out: str, barrier: Any) -> None:
    """One process: ROUNDS saves of fresh unique values, each based on what this worker last saw."""
    actor = f"worker{worker}@example.org"
    store = Store(url, frameworks=FRAMEWORKS, viewer=Viewer.local(actor))
    rng = random.Random(worker)
    records: list[dict[str, Any]] = []
    barrier.wait()
    saved = store.saved_answer(aid, FID, IID)
    seen = saved.answer if saved else None
    for n in range(ROUNDS):
        changed = rng.choice([("value",), ("note",), ("value", "note")])
        mine = _fields(seen) | {f: f"w{worker}.{n}.{f}" for f in changed}
        time.sleep(rng.random() * 0.004)  # others save meanwhile: the view goes stale
        record = {"actor": actor, "based": _fields(seen), "mine": mine, "changed": changed}
        try:
            store.save_answer(aid, FID, IID, Answer(**mine), based_on=seen)
        except AnswerConflict as exc:
            stored = exc.stored.answer if exc.stored else None
            record |= {"result": "conflict", "fields": [c.field for c in exc.conflicts], "stored": _fields(stored)}
            seen = stored  # the person would now see theirs ("Keep theirs") and go on from there
        else:
            record["result"] = "saved"
            seen = Answer(**mine)  # a tab keeps showing what it saved
        records.append(record)
    store.close()
    Path(out).write_text(json.dumps(records), encoding="utf-8")


@dataclass(frozen=True)
class Outcome:
    """What became of every acknowledged write of one field."""

    acknowledged: int
    in_database: int
    replaced_by_someone_who_saw_it: int
    conflicts: int
    lost: list[str]


def outcome(
    records: Iterable[Mapping[str, Any]], audit: list[AuditEntry], stored: Mapping[str, Any]
) -> dict[str, Outcome]:
    """Per field: every acknowledged write is in the database, or was replaced by a writer who had seen it.

    A write is lost when the value it stored was replaced by a save whose writer had not seen it
    (the audit row's old value differs from what that writer's save was based on), or when an
    acknowledged value never reached the database at all.
    """
    records = list(records)
    result: dict[str, Outcome] = {}
    for field in FIELDS:
        rows = [e for e in audit if e.item_id == IID and e.field == field]
        written_by = {e.new: e for e in rows}
        based_of = {
            r["mine"][field]: r["based"][field] for r in records if r["result"] == "saved" and field in r["changed"]
        }
        acknowledged = list(based_of)
        lost = [v for v in acknowledged if v not in written_by]
        replaced = 0
        for row in rows:
            if row.old in based_of:
                replaced += 1
            if row.new in based_of and row.old != based_of[row.new]:
                lost.append(f"{row.old!r} overwritten by {row.actor} with {row.new!r}, based on {based_of[row.new]!r}")
        conflicts = sum(1 for r in records if r["result"] == "conflict" and field in r["fields"])
        in_db = sum(1 for v in acknowledged if v == stored[field])
        result[field] = Outcome(len(acknowledged), in_db, replaced, conflicts, lost)
    return result


def test_processes_saving_from_stale_views_lose_nothing__ok(store: Store, db_url: str, tmp_path: Path) -> None:
    """Should keep every acknowledged write or report a conflict, with three processes on one database."""
    aid = new_assessment(store)
    store.save_answer(aid, FID, IID, Answer(value="start", note="start"))
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(WORKERS)
    outs = [tmp_path / f"worker{w}.json" for w in range(WORKERS)]
    procs = [ctx.Process(target=_worker, args=(db_url, aid, w, str(outs[w]), barrier)) for w in range(WORKERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(180)
    assert [p.exitcode for p in procs] == [0] * WORKERS
    records = [r for out in outs for r in json.loads(out.read_text(encoding="utf-8"))]
    saved = store.saved_answer(aid, FID, IID)
    assert saved is not None
    got = outcome(records, store.audit_log(aid), _fields(saved.answer))
    for field, o in got.items():
        assert o.lost == [], f"{field}: {o.lost[:3]}"
        # Each acknowledged write is in the database now or was replaced by someone who had seen it.
        assert o.acknowledged == o.in_database + o.replaced_by_someone_who_saw_it, (field, o)
    assert len(records) == WORKERS * ROUNDS
    assert sum(o.conflicts for o in got.values()) > 0, "the views never went stale: the test proves nothing"
    assert saved.version == 1 + sum(1 for r in records if r["result"] == "saved")


def test_check_catches_a_lost_update__ok(store: Store) -> None:
    """Should report a lost write when saves give no base (last write wins): the check itself can fail."""
    aid = new_assessment(store)
    store.save_answer(aid, FID, IID, Answer(value="start", note="start"))
    anna, ben = (store.as_viewer(Viewer.local(who)) for who in ("anna", "ben"))
    seen = _fields(Answer(value="start", note="start"))
    records = []
    for who, mine in ((anna, "anna"), (ben, "ben")):
        who.save_answer(aid, FID, IID, Answer(value=mine, note="start"))  # no base: blind overwrite
        records.append({"result": "saved", "based": seen, "mine": seen | {"value": mine}, "changed": ["value"]})
    saved = store.saved_answer(aid, FID, IID)
    assert saved is not None
    got = outcome(records, store.audit_log(aid), _fields(saved.answer))
    assert len(got["value"].lost) == 1 and "'anna' overwritten by ben" in got["value"].lost[0]
