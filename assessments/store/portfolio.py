"""The portfolio: every assessment a viewer may read in one scope, with its stored results, in one query.

A commissioner with thousands of assessments sees them all in one table and picks the few to
draw. Nothing is scored here: each row's results were stored when its answers were saved
(:mod:`assessments.store.results`). Rows whose results are missing or stale (a database upgraded
without ``db upgrade`` refreshing them, or an app whose scoring changed since) are recomputed first,
in a write transaction holding the same locks as a save, then read again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from assessments.store.access import DEMO_WORKSPACE, Roles
from assessments.store.results import StoredResults, refresh_in, results_stamp, stored_results
from assessments.store.schema import assessment_results, assessments_table, innovations
from assessments.store.summaries import AssessmentSummary, Summaries, _history_key, _matches


@dataclass(frozen=True, slots=True)
class PortfolioRow:
    """One assessment of a portfolio: its list row and its stored results."""

    summary: AssessmentSummary
    results: StoredResults

    @property
    def id(self) -> str:
        """The assessment's id."""
        return self.summary.id


_RESULT_COLUMNS = [c.label(f"r_{c.name}") for c in assessment_results.c if c.name != "assessment_id"]
"""The results columns, named ``r_<column>`` beside the assessment's own (both have ``framework_versions``)."""


class Portfolio(Summaries):
    """Reads of the portfolio: summaries and stored results together."""

    def _portfolio_query(self) -> Any:
        return (
            select(
                assessments_table,
                innovations.c.name.label("innovation_name"),
                innovations.c.organisation,
                innovations.c.workspace_id,
                *_RESULT_COLUMNS,
            )
            .join(innovations, innovations.c.id == assessments_table.c.innovation_id)
            .outerjoin(assessment_results, assessment_results.c.assessment_id == assessments_table.c.id)
        )

    def _portfolio_row(self, row: Any, roles: Roles) -> PortfolioRow:
        results = stored_results(row, prefix="r_")
        # ``answered`` comes from the stored results (every answer, don't know included), which
        # saves the list's correlated count over the answers for each of thousands of rows.
        summary = self._summary(row, roles, answered=results.answered)
        return PortfolioRow(summary=summary, results=results)

    def portfolio(
        self,
        search: str = "",
        *,
        latest_only: bool = False,
        examples: bool = False,
        workspace: str | None = None,
        archived: bool = False,
    ) -> list[PortfolioRow]:
        """Every assessment :meth:`list_assessments` would list with the same arguments, with its stored results.

        The same scope and order as :meth:`list_assessments` (most recently changed first). Results
        that are missing or were computed by other scoring code or framework versions are
        recomputed before they are returned.
        """
        demo = innovations.c.workspace_id == DEMO_WORKSPACE
        is_archived = assessments_table.c.archived_at.is_not(None)
        query = self._portfolio_query().where(demo if examples else ~demo, is_archived if archived else ~is_archived)
        if workspace is not None:
            query = query.where(innovations.c.workspace_id == workspace)
        query = query.order_by(assessments_table.c.updated_at.desc(), assessments_table.c.id)
        stamp = results_stamp(self.frameworks)
        with self._read() as conn:
            roles = self._roles(conn)
            query = query.where(self._readable(roles))
            rows = conn.execute(query).all()
        stale = [r.id for r in rows if r.r_stamp != stamp]
        if stale:
            with self._write() as conn:
                refresh_in(conn, self.frameworks, stale)
            with self._read() as conn:
                rows = conn.execute(query).all()
            rows = [r for r in rows if r.r_stamp is not None]  # deleted in between: gone from the list too
        words = search.lower().split()
        out = [self._portfolio_row(r, roles) for r in rows if _matches(r, words)]
        if latest_only:
            best: dict[str, PortfolioRow] = {}
            for p in out:
                cur = best.get(p.summary.innovation_id)
                if cur is None or _history_key(p.summary) > _history_key(cur.summary):
                    best[p.summary.innovation_id] = p
            keep = {p.id for p in best.values()}
            out = [p for p in out if p.id in keep]
        return out
