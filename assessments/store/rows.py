"""Rows and models: converting between table rows and model objects, and the inserts several capabilities share.

Every text the store writes is cleaned of control characters here
(:func:`assessments.validation.clean_text`); answers themselves are checked by
:func:`assessments.validation.check_answer` before they reach these helpers.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, insert, select

from assessments.errors import ErrorCode, InputError, problem
from assessments.models import Answer, AssessmentMeta, AssessorRole, EvidenceType, Framework, Innovation, Stage
from assessments.store.schema import assessments_table, audit_table, innovations
from assessments.validation import clean_text, has_visible_text

EXAMPLE_SOURCE_PREFIX = "example:"
"""``assessments.source`` of rows loaded from ``data/examples/`` (marks them illustrative)."""


def now() -> dt.datetime:
    """Current UTC time, microseconds kept, stored without tzinfo (UTC by convention)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def aware(value: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) time as an aware UTC datetime."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def new_id() -> str:
    """A short random URL-safe token (about 64 bits) used for assessment, innovation and workspace ids.

    Never starting with ``-``: the command line would read such an id as an option.
    """
    while True:
        token = secrets.token_urlsafe(8)
        if not token.startswith("-"):
            return token


def unknown_assessment(assessment_id: str) -> InputError:
    """The STORAGE_001 error for an assessment id that is not saved (the message names the id)."""
    return InputError([problem(ErrorCode.STORAGE_001, id=assessment_id)])


def answer_json(answer: Answer | None) -> dict[str, Any] | None:
    """An answer as the JSON-ready columns ``value``, ``note`` and ``evidence`` (None stays None)."""
    if answer is None:
        return None
    return {"value": answer.value, "note": answer.note, "evidence": [e.value for e in answer.evidence]}


def row_answer(row: Any) -> Answer:
    """The answer held by an ``answers`` row (evidence ids no longer known are dropped)."""
    return Answer(
        value=row.value,
        note=row.note or "",
        evidence=tuple(EvidenceType(e) for e in (row.evidence or []) if e in EvidenceType._value2member_map_),
    )


def row_meta(row: Any) -> AssessmentMeta:
    """The assessment details held by an ``assessments`` row."""
    return AssessmentMeta(
        assessed_on=row.assessed_on,
        stage=Stage(row.stage) if row.stage else None,
        assessor_role=AssessorRole(row.assessor_role) if row.assessor_role else None,
        assessor=row.assessor,
        label=row.label,
    )


def innovation_values(innovation: Innovation) -> dict[str, str]:
    """The ``innovations`` columns for an innovation, text cleaned and names trimmed."""
    return {
        "name": clean_text(innovation.name).strip(),
        "organisation": clean_text(innovation.organisation).strip(),
        "description": clean_text(innovation.description),
    }


def meta_values(meta: AssessmentMeta) -> dict[str, Any]:
    """The ``assessments`` detail columns for assessment details, text cleaned and trimmed."""
    return {
        "label": clean_text(meta.label).strip(),
        "assessed_on": meta.assessed_on,
        "stage": meta.stage.value if meta.stage else None,
        "assessor_role": meta.assessor_role.value if meta.assessor_role else None,
        "assessor": clean_text(meta.assessor).strip(),
    }


def check_name(innovation: Innovation) -> None:
    """Refuse an innovation whose name is empty once cleaned, or shows nothing (the model refuses blank names itself).

    Raises:
        InputError: ASSESSMENT_008.
    """
    if not has_visible_text(clean_text(innovation.name)):
        raise InputError(
            [
                problem(
                    ErrorCode.ASSESSMENT_008,
                    field="innovation.name",
                    detail="The innovation's name",
                    fix="Type the name of the innovation.",
                )
            ]
        )


def assessment_row(conn: Connection, assessment_id: str) -> Any:
    """The ``assessments`` row of one assessment.

    Raises:
        InputError: STORAGE_001 if no assessment has this id.
    """
    row = conn.execute(select(assessments_table).where(assessments_table.c.id == assessment_id)).first()
    if row is None:
        raise unknown_assessment(assessment_id)
    return row


def find_innovation(conn: Connection, innovation: Innovation, workspace_id: str) -> str | None:
    """The id of the workspace's oldest innovation with the same name and organisation (ignoring case), if any.

    Case is ignored by Python's ``str.lower`` (every letter), not SQL ``lower()`` (ASCII only on
    SQLite, the server's locale on PostgreSQL), so the answer is the same on every database.
    """
    wanted = (clean_text(innovation.name).strip().lower(), clean_text(innovation.organisation).strip().lower())
    rows = conn.execute(
        select(innovations.c.id, innovations.c.name, innovations.c.organisation)
        .where(innovations.c.workspace_id == workspace_id, innovations.c.source_innovation_id.is_(None))
        .order_by(innovations.c.created_at, innovations.c.id)
    )
    return next((r.id for r in rows if (r.name.lower(), r.organisation.lower()) == wanted), None)


def insert_innovation(
    conn: Connection, innovation: Innovation, at: dt.datetime, *, workspace_id: str, source_id: str | None = None
) -> str:
    """Insert an innovation into a workspace (``source_id``: the original of a shared copy); return its new id."""
    iid = new_id()
    conn.execute(
        insert(innovations).values(
            id=iid,
            workspace_id=workspace_id,
            source_innovation_id=source_id,
            created_at=at,
            updated_at=at,
            **innovation_values(innovation),
        )
    )
    return iid


def workspace_event(
    conn: Connection, workspace_id: str, field: str, *, actor: str, at: dt.datetime, **values: Any
) -> None:
    """Append one audit row about a workspace (a membership, a share, a deletion)."""
    row: dict[str, Any] = {"assessment_id": "", "old": None, "new": None, "reason": ""} | values
    conn.execute(insert(audit_table).values(workspace_id=workspace_id, field=field, actor=actor, at=at, **row))


def framework_versions(frameworks: Mapping[str, Framework], earlier: Mapping[str, str] | None) -> dict[str, str]:
    """What an assessment row records: each framework's current version, or the earlier one its answers were given under."""
    return {fid: (earlier or {}).get(fid, fw.version) for fid, fw in frameworks.items()}


def earlier_versions(frameworks: Mapping[str, Framework], stored: Mapping[str, str] | None) -> dict[str, str]:
    """The recorded versions that are not the current ones (``Assessment.framework_versions``)."""
    return {fid: v for fid, v in (stored or {}).items() if fid in frameworks and v != frameworks[fid].version}


def insert_assessment(
    conn: Connection,
    innovation_id: str,
    meta: AssessmentMeta,
    at: dt.datetime,
    *,
    frameworks: Mapping[str, Framework],
    actor: str,
    source: str = "",
    origin: str = "own",
    reason: str = "",
    versions: Mapping[str, str] | None = None,
) -> str:
    """Insert an assessment (dated today if no date is given) and its 'created' audit row; return its id.

    ``versions``: earlier framework versions its answers were given under (the rest are current).
    """
    aid = new_id()
    row = meta_values(meta)
    if row["assessed_on"] is None:
        row["assessed_on"] = dt.date.today()
    conn.execute(
        insert(assessments_table).values(
            id=aid,
            innovation_id=innovation_id,
            framework_versions=framework_versions(frameworks, versions),
            source=source,
            origin=origin,
            created_at=at,
            updated_at=at,
            created_by=actor,
            **row,
        )
    )
    conn.execute(
        insert(audit_table).values(
            assessment_id=aid, field="created", old=None, new=None, actor=actor, reason=reason or source, at=at
        )
    )
    return aid
