"""Assessment summaries: the list rows (details and progress, no answers) for lists, search and histories."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select

from assessments.models import AssessorRole, Stage
from assessments.store.engine import StoreBase
from assessments.store.rows import EXAMPLE_SOURCE_PREFIX, aware, unknown_assessment
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

    @property
    def illustrative(self) -> bool:
        """True when the assessment was loaded from the bundled illustrative examples."""
        return self.source.startswith(EXAMPLE_SOURCE_PREFIX)


def _history_key(s: AssessmentSummary) -> tuple[dt.date, dt.datetime]:
    return (s.assessed_on or dt.date.min, s.created_at)


class Summaries(StoreBase):
    """Reads of assessment summaries; ``answered`` counts items with a value (don't know included)."""

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
            total=self._total_items,
            created_at=aware(row.created_at),
            updated_at=aware(row.updated_at),
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
            raise unknown_assessment(assessment_id)
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
