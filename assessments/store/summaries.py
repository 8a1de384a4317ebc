"""Assessment summaries: the list rows (details and progress, no answers) for lists, search and histories."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select

from assessments.models import AssessorRole, Stage
from assessments.store.access import DEMO_WORKSPACE, LOCAL_WORKSPACE, Origin, Roles
from assessments.store.engine import StoreBase
from assessments.store.rows import aware, unknown_assessment
from assessments.store.schema import answers_table, assessments_table, innovations


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
    assessor: str = ""
    """Who filled it in, as they wrote it (optional)."""
    workspace_id: str = LOCAL_WORKSPACE
    origin: Origin = Origin.OWN
    archived: bool = False
    editable: bool = False
    """True if the viewer the summary was read for may change the assessment."""

    @property
    def illustrative(self) -> bool:
        """True for the illustrative examples (they live in the demo workspace)."""
        return self.workspace_id == DEMO_WORKSPACE


def _matches(row: Any, words: list[str]) -> bool:
    """True if every word (lower case) is part of the innovation's name, its organisation or the label.

    Matched here rather than with SQL ``lower() LIKE``: SQLite's ``lower()`` knows ASCII only and
    PostgreSQL's follows the server's locale, and ``%`` or ``_`` typed into a search are text.
    """
    fields = (row.innovation_name.lower(), row.organisation.lower(), row.label.lower())
    return all(any(word in field for field in fields) for word in words)


def _history_key(s: AssessmentSummary) -> tuple[dt.date, dt.datetime]:
    return (s.assessed_on or dt.date.min, s.created_at)


class Summaries(StoreBase):
    """Reads of assessment summaries; ``answered`` counts items with a value (don't know included)."""

    def _summary_query(self) -> Any:
        # A correlated count per listed assessment (an index range scan on the answers' primary
        # key), so a list costs in proportion to what the viewer may see, not to the whole database.
        answered = (
            select(func.count())
            .where(answers_table.c.assessment_id == assessments_table.c.id)
            .where(answers_table.c.value.is_not(None), answers_table.c.value != "")
            .where(or_(*self._known_item_clauses()))
            .correlate(assessments_table)
            .scalar_subquery()
        )
        return select(
            assessments_table,
            innovations.c.name.label("innovation_name"),
            innovations.c.organisation,
            innovations.c.workspace_id,
            answered.label("answered"),
        ).join(innovations, innovations.c.id == assessments_table.c.innovation_id)

    def _known_item_clauses(self) -> list[Any]:
        return [
            and_(answers_table.c.framework_id == fid, answers_table.c.item_id.in_(list(fw.items)))
            for fid, fw in self.frameworks.items()
        ] or [answers_table.c.framework_id.is_(None)]

    def _summary(self, row: Any, roles: Roles) -> AssessmentSummary:
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
            total=self._total_items,
            created_at=aware(row.created_at),
            updated_at=aware(row.updated_at),
            source=row.source or "",
            assessor=row.assessor or "",
            workspace_id=row.workspace_id,
            origin=Origin(row.origin),
            archived=row.archived_at is not None,
            editable=roles.can_edit(row.workspace_id, row.origin),
        )

    def get_summary(self, assessment_id: str) -> AssessmentSummary:
        """The list row of one assessment.

        Raises:
            InputError: STORAGE_001 if no assessment has this id (or the viewer may not read it).
        """
        with self._read() as conn:
            roles = self._roles(conn)
            row = conn.execute(
                self._summary_query().where(assessments_table.c.id == assessment_id, self._readable(roles))
            ).first()
        if row is None:
            raise unknown_assessment(assessment_id)
        return self._summary(row, roles)

    def list_assessments(
        self,
        search: str = "",
        *,
        latest_only: bool = False,
        examples: bool = False,
        workspace: str | None = None,
        archived: bool = False,
    ) -> list[AssessmentSummary]:
        """Saved assessments the viewer may read, most recently changed first.

        Args:
            search: Case-insensitive text matched against innovation name,
                organisation and assessment label (every word must be part of one of them).
            latest_only: Only the latest assessment (by date, then creation) of each innovation.
            examples: List the illustrative examples (and nothing else) instead of real assessments;
                the two are never mixed.
            workspace: Only this workspace's assessments.
            archived: List archived assessments (and nothing else) instead of current ones.

        Returns:
            Matching summaries.
        """
        query = self._summary_query()
        demo = innovations.c.workspace_id == DEMO_WORKSPACE
        query = query.where(demo if examples else ~demo)
        if workspace is not None:
            query = query.where(innovations.c.workspace_id == workspace)
        is_archived = assessments_table.c.archived_at.is_not(None)
        query = query.where(is_archived if archived else ~is_archived)
        query = query.order_by(assessments_table.c.updated_at.desc(), assessments_table.c.id)
        with self._read() as conn:
            roles = self._roles(conn)
            rows = conn.execute(query.where(self._readable(roles))).all()
        words = search.lower().split()
        summaries = [self._summary(r, roles) for r in rows if _matches(r, words)]
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
        """Every assessment of one innovation the viewer may read, oldest first (by date, then creation).

        Archived assessments are included: a history is the whole record.
        """
        with self._read() as conn:
            roles = self._roles(conn)
            rows = conn.execute(
                self._summary_query()
                .where(assessments_table.c.innovation_id == innovation_id, self._readable(roles))
                .order_by(assessments_table.c.assessed_on, assessments_table.c.created_at)
            ).all()
        return sorted((self._summary(r, roles) for r in rows), key=_history_key)
