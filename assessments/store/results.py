"""Stored results: what each assessment's answers score to, written beside the answers in the same transaction.

A portfolio of thousands of assessments is read, not scored: every path that changes an
assessment's answers or details (a saved answer, merged or not; new details; an import; a
follow-up; a shared copy; the examples) ends by calling :func:`store_results` inside its own write
transaction, so the ``assessment_results`` row can never disagree with the answers beside it.

Each row holds, for every ``framework.section``, the section's value on the comparison's 0-100
"more ready is higher" axis (the method's ``ranking_value``), the NASSS level and whether that
level is only a floor (``at_least``); the screen (:func:`assessments.screen.screen_to_json`); and
a few plain columns to filter and sort on. Its ``stamp`` names what it was computed with: a
fingerprint of the scoring code (scoring, methods, screen, this module) and the frameworks' ids
and versions. A row with another stamp (the app was upgraded, a framework's version changed) or
no row at all (a database upgraded from an earlier release) is recomputed by
:func:`refresh_results`: ``python -m assessments db upgrade`` does every assessment at once, and
a portfolio read does any it meets (:mod:`assessments.store.portfolio`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, insert, select, update

from assessments import methods, scoring, screen
from assessments.methods import method_of
from assessments.models import Answer, AssessmentResult, EvidenceType, Framework
from assessments.scoring import score_framework
from assessments.screen import Screen, screen_from_json, screen_of, screen_to_json
from assessments.store.rows import now
from assessments.store.schema import (
    LOCK_ASSESSMENT,
    answers_table,
    assessment_results,
    assessments_table,
)

BATCH = 500
"""Assessments recomputed per statement batch (and per transaction when refreshing a whole database)."""

SELECT_ANSWER_VALUES = select(
    answers_table.c.framework_id,
    answers_table.c.item_id,
    answers_table.c.value,
    answers_table.c.note,
    answers_table.c.evidence,
).where(answers_table.c.assessment_id == bindparam("k_assessment"))
"""The fields scoring reads of one assessment's answers (read by position: this runs on every save)."""
_EVIDENCE: dict[str, EvidenceType] = {e.value: e for e in EvidenceType}
UPDATE_RESULTS = update(assessment_results).where(assessment_results.c.assessment_id == bindparam("k_assessment"))
INSERT_RESULTS = insert(assessment_results)


def _sources() -> list[Path]:
    """The files whose code decides what a stored row holds."""
    folder = Path(methods.__file__).parent
    return sorted([Path(scoring.__file__), Path(screen.__file__), Path(__file__), *folder.glob("*.py")])


@cache
def scoring_fingerprint() -> str:
    """A hash of the scoring code (scoring, methods, screen and this module), read once per process."""
    digest = hashlib.sha256()
    for path in _sources():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


@cache
def _stamp(versions: tuple[tuple[str, str], ...], fingerprint: str) -> str:
    digest = hashlib.sha256(fingerprint.encode())
    digest.update(json.dumps(versions).encode())
    return digest.hexdigest()[:32]


def results_stamp(frameworks: Mapping[str, Framework]) -> str:
    """The stamp of rows computed now with these frameworks (their ids and versions, in order)."""
    return _stamp(tuple((fid, fw.version) for fid, fw in frameworks.items()), scoring_fingerprint())


@dataclass(frozen=True, slots=True)
class SectionValue:
    """One section as a portfolio compares it."""

    value: float | None
    """0-100, more ready is higher (the method's ranking value); None when the section has none."""
    level: str | None
    """NASSS: 'simple', 'complicated' or 'complex' (None elsewhere, or nothing answered)."""
    at_least: bool
    """NASSS: the level is a floor (some sub-domains unknown or unanswered)."""


@dataclass(frozen=True, slots=True)
class StoredResults:
    """An assessment's stored results: plain counts and shares, and the sections and screen as stored JSON."""

    framework_versions: Mapping[str, str]
    complex_domains: int | None
    """NASSS domains whose level is complex (None when no complexity framework is scored)."""
    at_least_domains: int
    """NASSS domains whose level is only a floor, below complex: they could still be complex."""
    unknown_domains: int
    """NASSS domains with no level at all."""
    priority_gaps: int
    items: int
    answered: int
    dont_know: int
    rated: int
    rated_with_evidence: int
    dont_know_pct: float | None
    """Share of the answers that are "don't know", 0-100 (None with no answer)."""
    evidence_pct: float | None
    """Share of the scale ratings with at least one evidence type, 0-100 (None with no rating)."""
    coverage_pct: float | None
    """Share of the items answered (any answer), 0-100 (None with no item)."""
    sections_json: str
    screen_json: str

    def sections(self) -> dict[str, SectionValue]:
        """Every section by ``framework.section``, in framework order."""
        return {key: SectionValue(*v) for key, v in json.loads(self.sections_json).items()}

    def screen(self) -> Screen:
        """The screen as stored."""
        return screen_from_json(json.loads(self.screen_json))


class _ItemLabels(dict[str, str]):
    """Short labels of a readiness framework's items, kept with the framework (``FrameworkLookups.derived``)."""


def _labels_of(framework: Framework) -> _ItemLabels:
    return framework.lookups.derived(
        _ItemLabels, lambda: _ItemLabels({iid: item.short_label for iid, item in framework.items.items()})
    )


def screen_labels(frameworks: Mapping[str, Framework]) -> dict[str, str]:
    """Short labels of the readiness (SCIE) items, naming factors in the screen's warnings as the comparison does."""
    out: dict[str, str] = {}
    for fw in frameworks.values():
        if method_of(fw).id == "readiness":
            out.update(_labels_of(fw))
    return out


def _share(part: int, whole: int) -> float | None:
    return round(part / whole * 100, 1) if whole else None


def _known(framework: Framework, answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """The answers the framework can still read (items and options it has): what an older framework left."""
    out: dict[str, Answer] = {}
    for iid, ans in answers.items():
        item = framework.items.get(iid)
        if item is None:
            continue
        if item.type == "choice" and ans.value is not None and ans.value not in {o.id for o in framework.options(iid)}:
            continue
        out[iid] = ans
    return out


def score_answers(frameworks: Mapping[str, Framework], answers: Mapping[str, Mapping[str, Answer]]) -> AssessmentResult:
    """:func:`assessments.scoring.score_assessment` of these answers.

    Answers a framework no longer has (an item or option removed by a newer version) are left out
    rather than failing, so one such assessment cannot stop a portfolio being shown.
    """
    results = []
    for fid, fw in frameworks.items():
        given = answers.get(fid, {})
        try:
            results.append(score_framework(fw, given))
        except (KeyError, ValueError):
            results.append(score_framework(fw, _known(fw, given)))
    return AssessmentResult(results=tuple(results))


def result_values(frameworks: Mapping[str, Framework], result: AssessmentResult, *, at: dt.datetime) -> dict[str, Any]:
    """The ``assessment_results`` columns (all but the assessment id) for one scored assessment."""
    sections: dict[str, list[Any]] = {}
    for fr in result.results:
        method = method_of(fr)
        for s in fr.sections:
            sections[f"{fr.framework}.{s.id}"] = [method.ranking_value(s), s.level, s.at_least]
    sc = screen_of(result, labels=screen_labels(frameworks))
    return {
        "stamp": results_stamp(frameworks),
        "framework_versions": {fid: fw.version for fid, fw in frameworks.items()},
        "sections": json.dumps(sections, separators=(",", ":")),
        "screen": json.dumps(screen_to_json(sc), separators=(",", ":")),
        "complex_domains": sc.nasss_complex,
        "at_least_domains": sc.nasss_at_least,
        "unknown_domains": sc.nasss_unknown,
        "priority_gaps": len(sc.priority_gaps),
        "items": sc.items,
        "answered": sc.answered,
        "dont_know": sc.dont_know,
        "rated": sc.rated,
        "rated_with_evidence": sc.rated_with_evidence,
        "dont_know_pct": _share(sc.dont_know, sc.answered),
        "evidence_pct": _share(sc.rated_with_evidence, sc.rated),
        "coverage_pct": _share(sc.answered, sc.items),
        "computed_at": at,
    }


def stored_results(row: Any, *, prefix: str = "") -> StoredResults:
    """The stored results of a row holding the ``assessment_results`` columns (named ``<prefix><column>``)."""

    def col(name: str) -> Any:
        return getattr(row, prefix + name)

    return StoredResults(
        framework_versions=dict(col("framework_versions") or {}),
        complex_domains=col("complex_domains"),
        at_least_domains=col("at_least_domains"),
        unknown_domains=col("unknown_domains"),
        priority_gaps=col("priority_gaps"),
        items=col("items"),
        answered=col("answered"),
        dont_know=col("dont_know"),
        rated=col("rated"),
        rated_with_evidence=col("rated_with_evidence"),
        dont_know_pct=col("dont_know_pct"),
        evidence_pct=col("evidence_pct"),
        coverage_pct=col("coverage_pct"),
        sections_json=col("sections"),
        screen_json=col("screen"),
    )


def _stored_answer(value: str | None, note: str | None, evidence: list[str] | None) -> Answer:
    """The answer of a stored row, as :func:`~assessments.store.rows.row_answer` reads it, without checking it
    again (it was checked when saved): the save path reads every answer of the assessment."""
    return Answer.model_construct(
        value=value, note=note or "", evidence=tuple(_EVIDENCE[e] for e in evidence or () if e in _EVIDENCE)
    )


def store_results(conn: Connection, frameworks: Mapping[str, Framework], assessment_id: str) -> None:
    """Score one assessment's answers as stored now and write its results row (inside the caller's transaction)."""
    answers: dict[str, dict[str, Answer]] = {}
    for fid, iid, value, note, evidence in conn.execute(SELECT_ANSWER_VALUES, {"k_assessment": assessment_id}):
        answers.setdefault(fid, {})[iid] = _stored_answer(value, note, evidence)
    values = result_values(frameworks, score_answers(frameworks, answers), at=now())
    if conn.execute(UPDATE_RESULTS, {"k_assessment": assessment_id, **values}).rowcount == 0:
        conn.execute(INSERT_RESULTS, {"assessment_id": assessment_id, **values})


def _write_batch(conn: Connection, frameworks: Mapping[str, Framework], ids: list[str]) -> None:
    """Recompute the results of ``ids`` (existing assessments) from their answers, holding their rows' locks."""
    if conn.dialect.name != "sqlite":
        for aid in sorted(ids):  # the lock a save takes, in one order, so a save and a refresh never deadlock
            conn.execute(LOCK_ASSESSMENT, {"k_assessment": aid})
    answers: dict[str, dict[str, dict[str, Answer]]] = {aid: {} for aid in ids}
    for r in conn.execute(select(answers_table).where(answers_table.c.assessment_id.in_(ids))):
        answers[r.assessment_id].setdefault(r.framework_id, {})[r.item_id] = _stored_answer(r.value, r.note, r.evidence)
    at = now()
    rows = [
        {"assessment_id": aid, **result_values(frameworks, score_answers(frameworks, given), at=at)}
        for aid, given in answers.items()
    ]
    conn.execute(delete(assessment_results).where(assessment_results.c.assessment_id.in_(ids)))
    if rows:
        conn.execute(insert(assessment_results), rows)


def refresh_in(conn: Connection, frameworks: Mapping[str, Framework], ids: Iterable[str]) -> int:
    """Recompute the results of ``ids`` inside the caller's write transaction; returns how many."""
    todo = list(dict.fromkeys(ids))
    existing = (
        set(conn.execute(select(assessments_table.c.id).where(assessments_table.c.id.in_(todo))).scalars())
        if todo
        else set()
    )
    todo = [aid for aid in todo if aid in existing]
    for start in range(0, len(todo), BATCH):
        _write_batch(conn, frameworks, todo[start : start + BATCH])
    return len(todo)


def stale_ids(conn: Connection, frameworks: Mapping[str, Framework]) -> list[str]:
    """Every assessment whose results are missing or were computed with other scoring code or frameworks."""
    stamp = results_stamp(frameworks)
    query = select(assessments_table.c.id, assessment_results.c.stamp).outerjoin(
        assessment_results, assessment_results.c.assessment_id == assessments_table.c.id
    )
    return [r.id for r in conn.execute(query) if r.stamp != stamp]


def refresh_results(engine: Engine, frameworks: Mapping[str, Framework]) -> int:
    """Recompute every missing or stale results row of the database, a batch per transaction; returns how many.

    Used by ``python -m assessments db upgrade`` after the schema upgrade, so that the first
    portfolio shown after an upgrade does not wait for them. Safe while the app runs: each batch
    holds the same locks as a save.
    """
    with engine.connect() as conn:
        todo = stale_ids(conn, frameworks)
    done = 0
    for start in range(0, len(todo), BATCH):
        with engine.connect() as conn:
            conn = conn.execution_options(immediate=True)
            with conn.begin():
                done += refresh_in(conn, frameworks, todo[start : start + BATCH])
    return done
