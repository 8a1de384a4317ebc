"""Durable storage of innovations, assessments, answers and their audit trail.

Streamlit forgets everything on a browser refresh, so every answer is written
here the moment it changes. The default database is SQLite in ``data/`` (created
on first use); any SQLAlchemy URL can be given through ``DATABASE_URL``. The
schema is created automatically.

Tables:

* ``innovations``: what is assessed (name, organisation, description).
* ``assessments``: one dated assessment of an innovation (a baseline, then
  follow-ups), with stage, assessor role and the framework versions used.
* ``answers``: one row per (assessment, framework, item): option id / text /
  date, note and evidence types, who and when.
* ``audit``: append-only; one row per changed field of an answer or of the
  assessment details, with old and new values as JSON.
* ``weight_profiles``: named comparison weights (used by the comparison page).

SQLite runs in WAL mode with a busy timeout, so a second process on the same
file sees committed answers and concurrent writers wait instead of failing.
Write transactions start with ``BEGIN IMMEDIATE`` so two writers never
deadlock while upgrading a read lock.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from assessments.errors import ErrorCode, InputError, Problem, problem
from assessments.jsonfile import read_assessment_file
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
from assessments.validation import validate_answer
from assessments.xlsx.cells import clean_text

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB_PATH = REPO_ROOT / "data" / "assessments.db"
EXAMPLES_DIR = REPO_ROOT / "data" / "examples"
BUSY_TIMEOUT_SECONDS = 30
"""How long a SQLite writer waits for another writer before giving up."""
EXAMPLE_SOURCE_PREFIX = "example:"
"""``assessments.source`` of rows loaded from ``data/examples/`` (marks them illustrative)."""

metadata = MetaData()

innovations = Table(
    "innovations",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("organisation", String(200), nullable=False, default=""),
    Column("description", Text, nullable=False, default=""),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

assessments_table = Table(
    "assessments",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("innovation_id", String(32), ForeignKey("innovations.id"), nullable=False, index=True),
    Column("label", String(200), nullable=False, default=""),
    Column("assessed_on", Date, nullable=True),
    Column("stage", String(32), nullable=True),
    Column("assessor_role", String(32), nullable=True),
    Column("assessor", String(200), nullable=False, default=""),
    Column("framework_versions", JSON, nullable=False, default=dict),
    Column("source", String(300), nullable=False, default=""),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("created_by", String(200), nullable=False, default=""),
)

answers_table = Table(
    "answers",
    metadata,
    Column("assessment_id", String(32), ForeignKey("assessments.id"), primary_key=True),
    Column("framework_id", String(64), primary_key=True),
    Column("item_id", String(64), primary_key=True),
    Column("value", Text, nullable=True),
    Column("note", Text, nullable=False, default=""),
    Column("evidence", JSON, nullable=False, default=list),
    Column("updated_by", String(200), nullable=False, default=""),
    Column("updated_at", DateTime, nullable=False),
)

audit_table = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("assessment_id", String(32), nullable=False, index=True),
    Column("framework_id", String(64), nullable=True),
    Column("item_id", String(64), nullable=True),
    Column("field", String(64), nullable=False),
    Column("old", JSON, nullable=True),
    Column("new", JSON, nullable=True),
    Column("actor", String(200), nullable=False, default=""),
    Column("reason", String(300), nullable=False, default=""),
    Column("at", DateTime, nullable=False),
)

weight_profiles_table = Table(
    "weight_profiles",
    metadata,
    Column("name", String(60), primary_key=True),
    Column("weights", JSON, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

_ANSWER_FIELDS = ("value", "note", "evidence")

# The statements on the questionnaire's hot path (one save per click, one read per
# screen), built once with bound parameters. Building a statement afresh costs
# more in SQLAlchemy than SQLite spends running it; these compile once per dialect.
_ANSWER_KEY = and_(
    answers_table.c.assessment_id == bindparam("k_assessment"),
    answers_table.c.framework_id == bindparam("k_framework"),
    answers_table.c.item_id == bindparam("k_item"),
)
_SELECT_ANSWER = select(answers_table).where(_ANSWER_KEY)
_SELECT_ANSWERS = select(answers_table).where(answers_table.c.assessment_id == bindparam("k_assessment"))
_DELETE_ANSWER = delete(answers_table).where(_ANSWER_KEY)
_INSERT_ANSWER = insert(answers_table)
_UPDATE_ANSWER = (
    update(answers_table)
    .where(_ANSWER_KEY)
    .values(
        value=bindparam("n_value"),
        note=bindparam("n_note"),
        evidence=bindparam("n_evidence"),
        updated_by=bindparam("n_by"),
        updated_at=bindparam("n_at"),
    )
)
_INSERT_AUDIT = insert(audit_table)
_TOUCH_ASSESSMENT = (
    update(assessments_table)
    .where(assessments_table.c.id == bindparam("k_assessment"))
    .values(updated_at=bindparam("n_at"))
)
_SELECT_ASSESSMENT_ID = select(assessments_table.c.id).where(assessments_table.c.id == bindparam("k_assessment"))


@dataclass(frozen=True)
class AssessmentSummary:
    """One row of the assessment list: enough to pick an assessment, no answers."""

    id: str
    innovation_id: str
    innovation_name: str
    organisation: str
    label: str
    assessed_on: dt.date | None
    stage: Stage | None
    assessor_role: AssessorRole | None
    answered: int
    total: int
    created_at: dt.datetime
    updated_at: dt.datetime
    source: str = ""

    @property
    def illustrative(self) -> bool:
        """True when the assessment was loaded from the bundled illustrative examples."""
        return self.source.startswith(EXAMPLE_SOURCE_PREFIX)


@dataclass(frozen=True)
class AuditEntry:
    """One appended audit row."""

    id: int
    assessment_id: str
    framework_id: str | None
    item_id: str | None
    field: str
    old: Any
    new: Any
    actor: str
    reason: str
    at: dt.datetime


def _now() -> dt.datetime:
    """Current UTC time, microseconds kept, stored without tzinfo (UTC by convention)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _aware(value: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) time as an aware UTC datetime."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def new_id() -> str:
    """A short random URL-safe token (about 64 bits) used for assessment and innovation ids."""
    return secrets.token_urlsafe(8)


def default_url() -> str:
    """``DATABASE_URL`` if set, else SQLite at ``data/assessments.db`` in the repository."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DB_PATH}"


def _answer_json(answer: Answer | None) -> dict[str, Any] | None:
    if answer is None:
        return None
    return {"value": answer.value, "note": answer.note, "evidence": [e.value for e in answer.evidence]}


def _row_answer(row: Any) -> Answer:
    return Answer(
        value=row.value,
        note=row.note or "",
        evidence=tuple(EvidenceType(e) for e in (row.evidence or []) if e in EvidenceType._value2member_map_),
    )


def _is_answered(value: str | None) -> bool:
    return value is not None and value != ""


class Store:
    """All reads and writes of saved assessments.

    Args:
        url: SQLAlchemy database URL; defaults to :func:`default_url`.
        frameworks: Frameworks answers are validated against; defaults to the bundled ones.

    Raises:
        InputError: STORAGE_002 if the database cannot be opened or created.
    """

    def __init__(self, url: str | None = None, *, frameworks: Mapping[str, Framework] | None = None) -> None:
        self.url = url or default_url()
        self._frameworks = dict(frameworks) if frameworks is not None else None
        self.engine = self._open(self.url)

    # -- setup ------------------------------------------------------------------
    @staticmethod
    def _open(url: str) -> Engine:
        try:
            parsed = make_url(url)
        except ArgumentError as exc:
            raise InputError([problem(ErrorCode.STORAGE_002, detail=f"'{url}' is not a database URL")]) from exc
        is_sqlite = parsed.get_backend_name() == "sqlite"
        kwargs: dict[str, Any] = {}
        if is_sqlite:
            database = parsed.database or ""
            if database and database != ":memory:" and not database.startswith("file:"):
                try:
                    Path(database).parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise InputError([problem(ErrorCode.STORAGE_002, detail=str(exc))]) from exc
            kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_SECONDS, "check_same_thread": False}
        try:
            engine = create_engine(parsed, **kwargs)
        except (SQLAlchemyError, ImportError) as exc:
            raise InputError([problem(ErrorCode.STORAGE_002, detail=str(exc).splitlines()[0])]) from exc
        if is_sqlite:
            _configure_sqlite(engine)
        try:
            metadata.create_all(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            raise InputError([problem(ErrorCode.STORAGE_002, detail=detail)]) from exc
        return engine

    def close(self) -> None:
        """Release pooled connections (the store can still be used afterwards)."""
        self.engine.dispose()

    @property
    def frameworks(self) -> dict[str, Framework]:
        """Frameworks used to validate answers and compute progress."""
        if self._frameworks is None:
            from assessments.catalogue import bundled_frameworks

            self._frameworks = bundled_frameworks()
        return self._frameworks

    @property
    def total_items(self) -> int:
        """Number of items across all frameworks (the denominator of progress)."""
        return sum(fw.item_count for fw in self.frameworks.values())

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction (BEGIN IMMEDIATE on SQLite); rolled back on any error."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(immediate=True)
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    # -- assessments -------------------------------------------------------------
    def _framework_versions(self) -> dict[str, str]:
        return {fid: fw.version for fid, fw in self.frameworks.items()}

    @staticmethod
    def _clean_innovation(innovation: Innovation) -> dict[str, str]:
        return {
            "name": clean_text(innovation.name).strip(),
            "organisation": clean_text(innovation.organisation).strip(),
            "description": clean_text(innovation.description),
        }

    @staticmethod
    def _meta_row(meta: AssessmentMeta) -> dict[str, Any]:
        return {
            "label": clean_text(meta.label).strip(),
            "assessed_on": meta.assessed_on,
            "stage": meta.stage.value if meta.stage else None,
            "assessor_role": meta.assessor_role.value if meta.assessor_role else None,
            "assessor": clean_text(meta.assessor).strip(),
        }

    @staticmethod
    def _check_name(innovation: Innovation) -> None:
        if not clean_text(innovation.name).strip():
            raise InputError(
                [problem(ErrorCode.ASSESSMENT_008, field="innovation.name", detail="the innovation's name")]
            )

    def _insert_innovation(self, conn: Connection, innovation: Innovation, now: dt.datetime) -> str:
        iid = new_id()
        conn.execute(
            insert(innovations).values(id=iid, created_at=now, updated_at=now, **self._clean_innovation(innovation))
        )
        return iid

    def _insert_assessment(
        self,
        conn: Connection,
        innovation_id: str,
        meta: AssessmentMeta,
        now: dt.datetime,
        *,
        actor: str,
        source: str = "",
    ) -> str:
        aid = new_id()
        row = self._meta_row(meta)
        if row["assessed_on"] is None:
            row["assessed_on"] = dt.date.today()
        conn.execute(
            insert(assessments_table).values(
                id=aid,
                innovation_id=innovation_id,
                framework_versions=self._framework_versions(),
                source=source,
                created_at=now,
                updated_at=now,
                created_by=actor,
                **row,
            )
        )
        conn.execute(
            insert(audit_table).values(
                assessment_id=aid, field="created", old=None, new=None, actor=actor, reason=source, at=now
            )
        )
        return aid

    def create_assessment(self, innovation: Innovation, meta: AssessmentMeta, *, actor: str = "") -> str:
        """Create a new innovation and its first assessment.

        Args:
            innovation: Name (required), organisation, description.
            meta: Date (today if None), stage, assessor role, assessor, label.
            actor: Who made the change (stored in the audit trail).

        Returns:
            The new assessment's id.

        Raises:
            InputError: ASSESSMENT_008 if the innovation has no name.
        """
        self._check_name(innovation)
        now = _now()
        with self._write() as conn:
            iid = self._insert_innovation(conn, innovation, now)
            return self._insert_assessment(conn, iid, meta, now, actor=actor)

    def _assessment_row(self, conn: Connection, assessment_id: str) -> Any:
        row = conn.execute(select(assessments_table).where(assessments_table.c.id == assessment_id)).first()
        if row is None:
            raise InputError([problem(ErrorCode.STORAGE_001, field="a", id=assessment_id)])
        return row

    def _latest_of(self, conn: Connection, innovation_id: str) -> Any:
        return conn.execute(
            select(assessments_table)
            .where(assessments_table.c.innovation_id == innovation_id)
            .order_by(
                assessments_table.c.assessed_on.desc(),
                assessments_table.c.created_at.desc(),
            )
            .limit(1)
        ).first()

    def start_follow_up(self, assessment_id: str, meta: AssessmentMeta | None = None, *, actor: str = "") -> str:
        """Start a new dated assessment of the same innovation, pre-filled from its latest one.

        Answers, notes and evidence are copied from the innovation's LATEST
        assessment (which may not be ``assessment_id`` itself); each copied answer
        gets an audit row saying where it came from.

        Args:
            assessment_id: Any assessment of the innovation.
            meta: Details of the follow-up; by default today's date, the latest
                assessment's stage, role and assessor, and the label "Follow-up".
            actor: Who made the change.

        Returns:
            The new assessment's id.

        Raises:
            InputError: STORAGE_001 if the assessment is unknown.
        """
        now = _now()
        with self._write() as conn:
            base = self._assessment_row(conn, assessment_id)
            latest = self._latest_of(conn, base.innovation_id)
            if meta is None:
                meta = AssessmentMeta(
                    assessed_on=dt.date.today(),
                    stage=Stage(latest.stage) if latest.stage else None,
                    assessor_role=AssessorRole(latest.assessor_role) if latest.assessor_role else None,
                    assessor=latest.assessor,
                    label="Follow-up",
                )
            aid = self._insert_assessment(conn, base.innovation_id, meta, now, actor=actor)
            reason = f"copied from {latest.id}"
            rows = conn.execute(select(answers_table).where(answers_table.c.assessment_id == latest.id)).all()
            for row in rows:
                conn.execute(
                    insert(answers_table).values(
                        assessment_id=aid,
                        framework_id=row.framework_id,
                        item_id=row.item_id,
                        value=row.value,
                        note=row.note,
                        evidence=list(row.evidence or []),
                        updated_by=actor,
                        updated_at=now,
                    )
                )
                conn.execute(
                    insert(audit_table).values(
                        assessment_id=aid,
                        framework_id=row.framework_id,
                        item_id=row.item_id,
                        field="answer",
                        old=None,
                        new=_answer_json(_row_answer(row)),
                        actor=actor,
                        reason=reason,
                        at=now,
                    )
                )
            return aid

    def get_assessment(self, assessment_id: str, *, with_answers: bool = True) -> Assessment:
        """The full assessment with every saved answer (or, with ``with_answers=False``, none).

        Raises:
            InputError: STORAGE_001 if no assessment has this id.
        """
        with self._read() as conn:
            row = conn.execute(
                select(
                    assessments_table,
                    innovations.c.name.label("inn_name"),
                    innovations.c.organisation.label("inn_organisation"),
                    innovations.c.description.label("inn_description"),
                )
                .join(innovations, innovations.c.id == assessments_table.c.innovation_id)
                .where(assessments_table.c.id == assessment_id)
            ).first()
            if row is None:
                raise InputError([problem(ErrorCode.STORAGE_001, field="a", id=assessment_id)])
            answer_rows = (
                conn.execute(
                    select(answers_table)
                    .where(answers_table.c.assessment_id == assessment_id)
                    .order_by(answers_table.c.framework_id, answers_table.c.item_id)
                ).all()
                if with_answers
                else []
            )
        answers: dict[str, dict[str, Answer]] = {}
        for a in answer_rows:
            answers.setdefault(a.framework_id, {})[a.item_id] = _row_answer(a)
        # Keep framework and item order as in the frameworks, unknown ones last.
        ordered: dict[str, dict[str, Answer]] = {}
        for fid in [*self.frameworks, *sorted(set(answers) - set(self.frameworks))]:
            if fid not in answers:
                continue
            items = answers[fid]
            fw = self.frameworks.get(fid)
            order = list(fw.items) if fw else []
            ordered[fid] = {
                iid: items[iid]
                for iid in sorted(items, key=lambda i: (order.index(i) if i in order else len(order), i))
            }
        return Assessment(
            id=row.id,
            innovation=Innovation(
                name=row.inn_name, organisation=row.inn_organisation, description=row.inn_description
            ),
            assessment=self._meta_of(row),
            answers=ordered,
        )

    @staticmethod
    def _meta_of(row: Any) -> AssessmentMeta:
        return AssessmentMeta(
            assessed_on=row.assessed_on,
            stage=Stage(row.stage) if row.stage else None,
            assessor_role=AssessorRole(row.assessor_role) if row.assessor_role else None,
            assessor=row.assessor,
            label=row.label,
        )

    def get_answers(self, assessment_id: str, framework_id: str | None = None) -> dict[str, dict[str, Answer]]:
        """Saved answers of one assessment (optionally one framework), keyed by framework then item.

        Unlike :meth:`get_assessment` this does not check the assessment exists
        (an unknown id simply has no answers); it is the cheap read for a page.
        """
        query = _SELECT_ANSWERS
        if framework_id is not None:
            query = query.where(answers_table.c.framework_id == framework_id)
        with self._read() as conn:
            rows = conn.execute(query, {"k_assessment": assessment_id}).all()
        out: dict[str, dict[str, Answer]] = {}
        for r in rows:
            out.setdefault(r.framework_id, {})[r.item_id] = _row_answer(r)
        return out

    def answered_items(self, assessment_id: str) -> dict[str, set[str]]:
        """Ids of items with an answer (don't know and not applicable included), by framework."""
        with self._read() as conn:
            rows = conn.execute(
                select(answers_table.c.framework_id, answers_table.c.item_id).where(
                    answers_table.c.assessment_id == assessment_id,
                    answers_table.c.value.is_not(None),
                    answers_table.c.value != "",
                )
            ).all()
        out: dict[str, set[str]] = {}
        for fid, iid in rows:
            out.setdefault(fid, set()).add(iid)
        return out

    def progress(self, assessment_id: str) -> dict[str, tuple[int, int]]:
        """Answered and total items per framework (a don't-know counts as answered)."""
        done = self.answered_items(assessment_id)
        return {fid: (len(done.get(fid, set()) & set(fw.items)), fw.item_count) for fid, fw in self.frameworks.items()}

    def section_progress(self, assessment_id: str) -> dict[tuple[str, str], tuple[int, int]]:
        """Answered and total items per (framework id, section id), in questionnaire order."""
        done = self.answered_items(assessment_id)
        out: dict[tuple[str, str], tuple[int, int]] = {}
        for fid, fw in self.frameworks.items():
            got = done.get(fid, set())
            for section in fw.sections:
                out[(fid, section.id)] = (sum(1 for i in section.items if i.id in got), len(section.items))
        return out

    # -- summaries ------------------------------------------------------------
    def _summary_query(self) -> Any:
        answered = (
            select(answers_table.c.assessment_id, func.count().label("n"))
            .where(answers_table.c.value.is_not(None), answers_table.c.value != "")
            .where(or_(*self._known_item_clauses()))
            .group_by(answers_table.c.assessment_id)
            .subquery()
        )
        return (
            select(
                assessments_table,
                innovations.c.name.label("innovation_name"),
                innovations.c.organisation,
                func.coalesce(answered.c.n, 0).label("answered"),
            )
            .join(innovations, innovations.c.id == assessments_table.c.innovation_id)
            .outerjoin(answered, answered.c.assessment_id == assessments_table.c.id)
        )

    def _known_item_clauses(self) -> list[Any]:
        return [
            and_(answers_table.c.framework_id == fid, answers_table.c.item_id.in_(list(fw.items)))
            for fid, fw in self.frameworks.items()
        ] or [answers_table.c.framework_id.is_(None)]

    def _summary(self, row: Any) -> AssessmentSummary:
        return AssessmentSummary(
            id=row.id,
            innovation_id=row.innovation_id,
            innovation_name=row.innovation_name,
            organisation=row.organisation,
            label=row.label,
            assessed_on=row.assessed_on,
            stage=Stage(row.stage) if row.stage else None,
            assessor_role=AssessorRole(row.assessor_role) if row.assessor_role else None,
            answered=int(row.answered),
            total=self.total_items,
            created_at=_aware(row.created_at),
            updated_at=_aware(row.updated_at),
            source=row.source or "",
        )

    def get_summary(self, assessment_id: str) -> AssessmentSummary:
        """The list row of one assessment.

        Raises:
            InputError: STORAGE_001 if no assessment has this id.
        """
        with self._read() as conn:
            row = conn.execute(self._summary_query().where(assessments_table.c.id == assessment_id)).first()
        if row is None:
            raise InputError([problem(ErrorCode.STORAGE_001, field="a", id=assessment_id)])
        return self._summary(row)

    def list_assessments(self, search: str = "", *, latest_only: bool = False) -> list[AssessmentSummary]:
        """Saved assessments, most recently changed first.

        Args:
            search: Case-insensitive text matched against innovation name,
                organisation and assessment label (every word must match somewhere).
            latest_only: Only the latest assessment (by date, then creation) of each innovation.

        Returns:
            Matching summaries.
        """
        query = self._summary_query()
        for word in search.split():
            pattern = f"%{word.lower()}%"
            query = query.where(
                or_(
                    func.lower(innovations.c.name).like(pattern),
                    func.lower(innovations.c.organisation).like(pattern),
                    func.lower(assessments_table.c.label).like(pattern),
                )
            )
        query = query.order_by(assessments_table.c.updated_at.desc(), assessments_table.c.id)
        with self._read() as conn:
            rows = conn.execute(query).all()
        summaries = [self._summary(r) for r in rows]
        if latest_only:
            best: dict[str, AssessmentSummary] = {}
            for s in summaries:
                cur = best.get(s.innovation_id)
                if cur is None or _history_key(s) > _history_key(cur):
                    best[s.innovation_id] = s
            keep = {s.id for s in best.values()}
            summaries = [s for s in summaries if s.id in keep]
        return summaries

    def innovation_history(self, innovation_id: str) -> list[AssessmentSummary]:
        """Every assessment of one innovation, oldest first (by date, then creation)."""
        with self._read() as conn:
            rows = conn.execute(
                self._summary_query()
                .where(assessments_table.c.innovation_id == innovation_id)
                .order_by(assessments_table.c.assessed_on, assessments_table.c.created_at)
            ).all()
        return sorted((self._summary(r) for r in rows), key=_history_key)

    # -- edits --------------------------------------------------------------------
    def update_details(
        self, assessment_id: str, innovation: Innovation, meta: AssessmentMeta, *, actor: str = ""
    ) -> None:
        """Change the innovation's and the assessment's details; one audit row per changed field.

        The innovation details are shared by all assessments of that innovation.

        Raises:
            InputError: STORAGE_001 (unknown id) or ASSESSMENT_008 (empty name).
        """
        self._check_name(innovation)
        now = _now()
        new_inn = self._clean_innovation(innovation)
        new_meta = self._meta_row(meta)
        with self._write() as conn:
            row = self._assessment_row(conn, assessment_id)
            inn = conn.execute(select(innovations).where(innovations.c.id == row.innovation_id)).one()
            audit_rows: list[dict[str, Any]] = []
            inn_changes = {k: v for k, v in new_inn.items() if getattr(inn, k) != v}
            for key, value in inn_changes.items():
                audit_rows.append({"field": f"innovation.{key}", "old": getattr(inn, key), "new": value})
            meta_changes = {k: v for k, v in new_meta.items() if getattr(row, k) != v}
            for key, value in meta_changes.items():
                old = getattr(row, key)
                audit_rows.append(
                    {
                        "field": f"assessment.{key}",
                        "old": old.isoformat() if isinstance(old, dt.date) else old,
                        "new": value.isoformat() if isinstance(value, dt.date) else value,
                    }
                )
            if not audit_rows:
                return
            if inn_changes:
                conn.execute(
                    update(innovations).where(innovations.c.id == inn.id).values(updated_at=now, **inn_changes)
                )
            conn.execute(
                update(assessments_table)
                .where(assessments_table.c.id == assessment_id)
                .values(updated_at=now, **meta_changes)
            )
            conn.execute(
                insert(audit_table),
                [{"assessment_id": assessment_id, "actor": actor, "reason": "", "at": now, **a} for a in audit_rows],
            )

    def _validated(self, framework_id: str, item_id: str, answer: Answer, *, field: str) -> Answer:
        """Check ids and the answer against the framework; return it with text cleaned."""
        fw = self.frameworks.get(framework_id)
        if fw is None:
            raise InputError(
                [
                    problem(
                        ErrorCode.ASSESSMENT_004,
                        field=field,
                        found=framework_id,
                        allowed=", ".join(self.frameworks),
                    )
                ]
            )
        if item_id not in fw.items:
            raise InputError([problem(ErrorCode.ASSESSMENT_005, field=field, found=item_id, framework=framework_id)])
        item = fw.item(item_id)
        raw = _answer_json(answer) or {}
        if item.type != "choice" and isinstance(raw.get("value"), str):
            raw["value"] = clean_text(raw["value"])
        raw["note"] = clean_text(raw["note"])
        parsed, problems = validate_answer(fw, item_id, raw, field=field)
        if problems or parsed is None:
            raise InputError(problems)
        return parsed

    def save_answer(
        self, assessment_id: str, framework_id: str, item_id: str, answer: Answer | None, *, actor: str = ""
    ) -> dt.datetime:
        """Save (or clear) one answer now, with an audit row per changed field.

        Saving an answer identical to the stored one writes nothing. ``None``
        or a blank answer removes the stored answer.

        Args:
            assessment_id: The assessment.
            framework_id: Framework id, e.g. ``scie``.
            item_id: Item id within the framework.
            answer: The whole answer (value, note, evidence), or None to clear it.
            actor: Who made the change.

        Returns:
            The time (UTC, aware) the answer was saved; for a no-op, when it was last saved.

        Raises:
            InputError: STORAGE_001 (unknown assessment), ASSESSMENT_004/005/006/012/013
                (unknown framework, item, option, bad date, text too long). Nothing is saved.
        """
        field = f"answers.{framework_id}.{item_id}"
        new = None if answer is None or answer.is_blank else self._validated(framework_id, item_id, answer, field=field)
        now = _now()
        key = {"k_assessment": assessment_id, "k_framework": framework_id, "k_item": item_id}
        with self._write() as conn:
            row = conn.execute(_SELECT_ANSWER, key).first()
            if row is None and conn.execute(_SELECT_ASSESSMENT_ID, {"k_assessment": assessment_id}).first() is None:
                raise InputError([problem(ErrorCode.STORAGE_001, field="a", id=assessment_id)])
            old = _row_answer(row) if row is not None else None
            if old == new:
                return _aware(row.updated_at) if row is not None else now.replace(tzinfo=dt.UTC)
            old_json, new_json = _answer_json(old) or {}, _answer_json(new) or {}
            changes = [
                {
                    "assessment_id": assessment_id,
                    "framework_id": framework_id,
                    "item_id": item_id,
                    "field": name,
                    "old": old_json.get(name),
                    "new": new_json.get(name),
                    "actor": actor,
                    "reason": "",
                    "at": now,
                }
                for name in _ANSWER_FIELDS
                if old_json.get(name, _EMPTY[name]) != new_json.get(name, _EMPTY[name])
            ]
            if new is None:
                conn.execute(_DELETE_ANSWER, key)
            elif row is None:
                conn.execute(
                    _INSERT_ANSWER,
                    {
                        "assessment_id": assessment_id,
                        "framework_id": framework_id,
                        "item_id": item_id,
                        "updated_by": actor,
                        "updated_at": now,
                        **new_json,
                    },
                )
            else:
                conn.execute(
                    _UPDATE_ANSWER,
                    {
                        **key,
                        "n_value": new_json["value"],
                        "n_note": new_json["note"],
                        "n_evidence": new_json["evidence"],
                        "n_by": actor,
                        "n_at": now,
                    },
                )
            conn.execute(_INSERT_AUDIT, changes)
            conn.execute(_TOUCH_ASSESSMENT, {"k_assessment": assessment_id, "n_at": now})
        return now.replace(tzinfo=dt.UTC)

    def save_assessment(
        self, assessment: Assessment, *, actor: str = "", assessment_id: str | None = None, source: str = ""
    ) -> str:
        """Create or replace a whole assessment in ONE transaction (all or nothing).

        Used by JSON and Excel import. Every answer is validated before anything
        is written; on any problem nothing changes.

        Args:
            assessment: The assessment to store (its own ``id`` is ignored).
            actor: Who made the change.
            assessment_id: Replace this saved assessment (details and all answers).
                When None a new assessment is created, attached to an existing
                innovation with the same name and organisation if there is one.
            source: Where it came from (kept on the assessment row; ``example:...`` marks illustrative ones).

        Returns:
            The assessment id.

        Raises:
            InputError: every problem found in the answers, STORAGE_001 for an unknown
                ``assessment_id``, ASSESSMENT_008 for an empty innovation name.
        """
        self._check_name(assessment.innovation)
        problems: list[Problem] = []
        clean: dict[tuple[str, str], Answer] = {}
        for fid, items in assessment.answers.items():
            for iid, ans in items.items():
                if ans.is_blank:
                    continue
                try:
                    clean[(fid, iid)] = self._validated(fid, iid, ans, field=f"answers.{fid}.{iid}")
                except InputError as exc:
                    problems.extend(exc.problems)
        if problems:
            raise InputError(problems)
        now = _now()
        reason = source or "imported"
        with self._write() as conn:
            if assessment_id is not None:
                row = self._assessment_row(conn, assessment_id)
                aid = assessment_id
                inn_values = self._clean_innovation(assessment.innovation)
                conn.execute(
                    update(innovations)
                    .where(innovations.c.id == row.innovation_id)
                    .values(updated_at=now, **inn_values)
                )
                conn.execute(
                    update(assessments_table)
                    .where(assessments_table.c.id == aid)
                    .values(updated_at=now, **self._meta_row(assessment.assessment))
                )
                old_rows = {
                    (r.framework_id, r.item_id): _row_answer(r)
                    for r in conn.execute(select(answers_table).where(answers_table.c.assessment_id == aid)).all()
                }
                conn.execute(delete(answers_table).where(answers_table.c.assessment_id == aid))
                conn.execute(
                    insert(audit_table).values(
                        assessment_id=aid, field="replaced", old=None, new=None, actor=actor, reason=reason, at=now
                    )
                )
            else:
                inn_id = self._find_innovation(conn, assessment.innovation)
                if inn_id is None:
                    inn_id = self._insert_innovation(conn, assessment.innovation, now)
                aid = self._insert_assessment(conn, inn_id, assessment.assessment, now, actor=actor, source=source)
                old_rows = {}
            if clean:
                conn.execute(
                    insert(answers_table),
                    [
                        {
                            "assessment_id": aid,
                            "framework_id": fid,
                            "item_id": iid,
                            "updated_by": actor,
                            "updated_at": now,
                            **(_answer_json(ans) or {}),
                        }
                        for (fid, iid), ans in clean.items()
                    ],
                )
            audit_rows = [
                {
                    "assessment_id": aid,
                    "framework_id": fid,
                    "item_id": iid,
                    "field": "answer",
                    "old": _answer_json(old_rows.get((fid, iid))),
                    "new": _answer_json(clean.get((fid, iid))),
                    "actor": actor,
                    "reason": reason,
                    "at": now,
                }
                for fid, iid in [*clean, *(k for k in old_rows if k not in clean)]
                if old_rows.get((fid, iid)) != clean.get((fid, iid))
            ]
            if audit_rows:
                conn.execute(insert(audit_table), audit_rows)
        return aid

    @staticmethod
    def _find_innovation(conn: Connection, innovation: Innovation) -> str | None:
        name = clean_text(innovation.name).strip().lower()
        org = clean_text(innovation.organisation).strip().lower()
        row = conn.execute(
            select(innovations.c.id)
            .where(func.lower(innovations.c.name) == name, func.lower(innovations.c.organisation) == org)
            .order_by(innovations.c.created_at)
            .limit(1)
        ).first()
        return row.id if row else None

    def delete_assessment(self, assessment_id: str, *, actor: str = "") -> None:
        """Delete one assessment and its answers (the audit trail keeps a 'deleted' row).

        The innovation is deleted too when this was its only assessment.

        Raises:
            InputError: STORAGE_001 if the assessment is unknown.
        """
        now = _now()
        with self._write() as conn:
            row = self._assessment_row(conn, assessment_id)
            conn.execute(delete(answers_table).where(answers_table.c.assessment_id == assessment_id))
            conn.execute(delete(assessments_table).where(assessments_table.c.id == assessment_id))
            remaining = conn.execute(
                select(func.count()).where(assessments_table.c.innovation_id == row.innovation_id)
            ).scalar_one()
            if remaining == 0:
                conn.execute(delete(innovations).where(innovations.c.id == row.innovation_id))
            conn.execute(
                insert(audit_table).values(
                    assessment_id=assessment_id, field="deleted", old=None, new=None, actor=actor, reason="", at=now
                )
            )

    def audit_log(self, assessment_id: str) -> list[AuditEntry]:
        """Every audit row of one assessment, oldest first."""
        with self._read() as conn:
            rows = conn.execute(
                select(audit_table).where(audit_table.c.assessment_id == assessment_id).order_by(audit_table.c.id)
            ).all()
        return [
            AuditEntry(
                id=r.id,
                assessment_id=r.assessment_id,
                framework_id=r.framework_id,
                item_id=r.item_id,
                field=r.field,
                old=r.old,
                new=r.new,
                actor=r.actor,
                reason=r.reason,
                at=_aware(r.at),
            )
            for r in rows
        ]

    # -- examples -------------------------------------------------------------
    def load_examples(self, directory: Path | None = None) -> list[str]:
        """Load the illustrative example assessments (``data/examples/*.json``).

        Files with the same innovation name and organisation become one
        innovation with several dated assessments. Loading twice does not
        duplicate anything: a file already loaded is skipped.

        Args:
            directory: Folder of example JSON files; defaults to ``data/examples``.

        Returns:
            The assessment ids of every example file, in file-name order.

        Raises:
            InputError: if an example file is invalid (nothing is loaded then).
        """
        directory = directory or EXAMPLES_DIR
        paths = sorted(directory.glob("*.json"))
        parsed = [(p, read_assessment_file(p, self.frameworks)) for p in paths]
        parsed.sort(key=lambda pa: (pa[1].assessment.assessed_on or dt.date.min, pa[0].name))
        ids: dict[str, str] = {}
        for path, assessment in parsed:
            source = f"{EXAMPLE_SOURCE_PREFIX}{path.name}"
            with self._read() as conn:
                existing = conn.execute(
                    select(assessments_table.c.id).where(assessments_table.c.source == source)
                ).first()
            if existing is not None:
                ids[path.name] = existing.id
                continue
            ids[path.name] = self.save_assessment(assessment, actor="examples", source=source)
        return [ids[p.name] for p in paths]

    # -- weight profiles --------------------------------------------------------
    def save_weight_profile(self, name: str, weights: Mapping[str, float]) -> None:
        """Create or replace a named set of comparison weights."""
        now = _now()
        data = {str(k): float(v) for k, v in weights.items()}
        with self._write() as conn:
            exists = conn.execute(
                select(weight_profiles_table.c.name).where(weight_profiles_table.c.name == name)
            ).first()
            if exists:
                conn.execute(
                    update(weight_profiles_table)
                    .where(weight_profiles_table.c.name == name)
                    .values(weights=data, updated_at=now)
                )
            else:
                conn.execute(insert(weight_profiles_table).values(name=name, weights=data, updated_at=now))

    def weight_profiles(self) -> dict[str, dict[str, float]]:
        """Every saved weight profile by name (sorted)."""
        with self._read() as conn:
            rows = conn.execute(select(weight_profiles_table).order_by(weight_profiles_table.c.name)).all()
        return {r.name: {k: float(v) for k, v in (r.weights or {}).items()} for r in rows}

    def delete_weight_profile(self, name: str) -> None:
        """Remove a weight profile (no error if it does not exist)."""
        with self._write() as conn:
            conn.execute(delete(weight_profiles_table).where(weight_profiles_table.c.name == name))


_EMPTY: dict[str, Any] = {"value": None, "note": "", "evidence": []}


def _history_key(s: AssessmentSummary) -> tuple[dt.date, dt.datetime]:
    return (s.assessed_on or dt.date.min, s.created_at)


def _configure_sqlite(engine: Engine) -> None:
    """WAL, busy timeout, foreign keys, and explicit BEGIN / BEGIN IMMEDIATE transactions."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own
        # transaction handling would defer it and cannot do BEGIN IMMEDIATE).
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        with suppress(sqlite3.Error):  # in-memory or read-only databases keep their journal mode
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("immediate") else "BEGIN")


def summary_to_dict(s: AssessmentSummary) -> dict[str, Any]:
    """A JSON-ready form of a summary (for the CLI or exports)."""
    return {
        "id": s.id,
        "innovation_id": s.innovation_id,
        "innovation_name": s.innovation_name,
        "organisation": s.organisation,
        "label": s.label,
        "assessed_on": s.assessed_on.isoformat() if s.assessed_on else None,
        "stage": s.stage.value if s.stage else None,
        "assessor_role": s.assessor_role.value if s.assessor_role else None,
        "answered": s.answered,
        "total": s.total,
        "created_at": s.created_at.isoformat(),
        "updated_at": s.updated_at.isoformat(),
        "illustrative": s.illustrative,
    }


__all__ = [
    "AssessmentSummary",
    "AuditEntry",
    "Store",
    "default_url",
    "new_id",
    "summary_to_dict",
]
