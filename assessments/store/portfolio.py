"""The portfolio: every assessment a viewer may read in one scope, with its stored results, in one query.

A commissioner with thousands of assessments sees them all in one table and picks the few to
draw. Nothing is scored here: each row's results were stored when its answers were saved
(:mod:`assessments.store.results`). Rows whose results are missing or stale (a database upgraded
without ``db upgrade`` refreshing them, or an app whose scoring changed since) are recomputed first,
in a write transaction holding the same locks as a save, then read again.

The query names its columns and each row is read by position: at 20,000 rows, reading a result
row's fields by name costs more than the query itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select

from assessments.models import AssessorRole, Stage
from assessments.store.access import DEMO_WORKSPACE, Origin, Roles
from assessments.store.results import StoredResults, refresh_in, results_stamp
from assessments.store.schema import assessment_results, assessments_table, innovations
from assessments.store.summaries import AssessmentSummary, Summaries

_A, _I, _R = assessments_table.c, innovations.c, assessment_results.c
_COLUMNS = (
    _A.id,
    _A.innovation_id,
    _I.name,
    _I.organisation,
    _A.label,
    _A.assessed_on,
    _A.stage,
    _A.assessor_role,
    _A.created_at,
    _A.updated_at,
    _A.source,
    _I.workspace_id,
    _A.origin,
    _A.archived_at,
    _R.stamp,
    _R.complex_domains,
    _R.at_least_domains,
    _R.unknown_domains,
    _R.priority_gaps,
    _R["items"],
    _R.answered,
    _R.dont_know,
    _R.rated,
    _R.rated_with_evidence,
    _R.dont_know_pct,
    _R.evidence_pct,
    _R.coverage_pct,
    _R.sections,
    _R.screen,
    _A.assessor,
)
_STAMP = 14
"""Position of the results' stamp in a row of ``_COLUMNS``."""
_STAGES: dict[str, Stage] = {s.value: s for s in Stage}
_ROLES: dict[str, AssessorRole] = {r.value: r for r in AssessorRole}
_ORIGINS: dict[str, Origin] = {o.value: o for o in Origin}


@dataclass(frozen=True, slots=True)
class PortfolioRow:
    """One assessment of a portfolio: its list row and its stored results."""

    summary: AssessmentSummary
    results: StoredResults

    @property
    def id(self) -> str:
        """The assessment's id."""
        return self.summary.id


def _matches(name: str, organisation: str, label: str, words: list[str]) -> bool:
    """True if every word (lower case) is part of the name, the organisation or the label (as ``list_assessments``)."""
    fields = (name.lower(), organisation.lower(), label.lower())
    return all(any(word in field for field in fields) for word in words)


def _latest(rows: list[PortfolioRow]) -> list[PortfolioRow]:
    """Only the latest assessment (by date, then creation) of each innovation, order kept."""
    best: dict[str, PortfolioRow] = {}
    for p in rows:
        s = p.summary
        cur = best.get(s.innovation_id)
        if cur is None or (s.assessed_on or dt.date.min, s.created_at) > (
            cur.summary.assessed_on or dt.date.min,
            cur.summary.created_at,
        ):
            best[s.innovation_id] = p
    keep = {p.summary.id for p in best.values()}
    return [p for p in rows if p.summary.id in keep]


class Portfolio(Summaries):
    """Reads of the portfolio: summaries and stored results together."""

    def _rows(self, rows: Sequence[Any], roles: Roles, words: list[str]) -> list[PortfolioRow]:
        total = self._total_items
        versions = {fid: fw.version for fid, fw in self.frameworks.items()}  # what every fresh row was computed with
        out: list[PortfolioRow] = []
        utc = dt.UTC
        editable: dict[tuple[str, str], bool] = {}
        for (
            aid,
            innovation_id,
            name,
            organisation,
            label,
            assessed_on,
            stage,
            role,
            created_at,
            updated_at,
            source,
            workspace_id,
            origin,
            archived_at,
            _stamp,
            complex_domains,
            at_least,
            unknown,
            gaps,
            items,
            answered,
            dont_know,
            rated,
            with_evidence,
            dont_know_pct,
            evidence_pct,
            coverage_pct,
            sections,
            screen,
            assessor,
        ) in rows:
            if words and not _matches(name, organisation, label, words):
                continue
            summary = AssessmentSummary(
                id=aid,
                innovation_id=innovation_id,
                innovation_name=name,
                organisation=organisation,
                label=label,
                assessed_on=assessed_on,
                stage=_STAGES.get(stage) if stage else None,
                assessor_role=_ROLES.get(role) if role else None,
                answered=answered,
                total=total,
                created_at=created_at.replace(tzinfo=utc),  # stored naive, UTC by convention (rows.now)
                updated_at=updated_at.replace(tzinfo=utc),
                source=source or "",
                assessor=assessor or "",
                workspace_id=workspace_id,
                origin=_ORIGINS[origin],
                archived=archived_at is not None,
                editable=editable[(workspace_id, origin)]
                if (workspace_id, origin) in editable
                else editable.setdefault((workspace_id, origin), roles.can_edit(workspace_id, origin)),
            )
            results = StoredResults(
                framework_versions=versions,
                complex_domains=complex_domains,
                at_least_domains=at_least,
                unknown_domains=unknown,
                priority_gaps=gaps,
                items=items,
                answered=answered,
                dont_know=dont_know,
                rated=rated,
                rated_with_evidence=with_evidence,
                dont_know_pct=dont_know_pct,
                evidence_pct=evidence_pct,
                coverage_pct=coverage_pct,
                sections_json=sections,
                screen_json=screen,
            )
            out.append(PortfolioRow(summary=summary, results=results))
        return out

    def _portfolio_query(self, *, examples: bool, workspace: str | None, archived: bool) -> Select[Any]:
        demo = _I.workspace_id == DEMO_WORKSPACE
        is_archived = _A.archived_at.is_not(None)
        query = (
            select(*_COLUMNS)
            .join(innovations, _I.id == _A.innovation_id)
            .outerjoin(assessment_results, _R.assessment_id == _A.id)
            .where(demo if examples else ~demo, is_archived if archived else ~is_archived)
        )
        if workspace is not None:
            query = query.where(_I.workspace_id == workspace)
        return query.order_by(_A.updated_at.desc(), _A.id)

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

        The same scope, summaries and order as :meth:`list_assessments` (most recently changed
        first; ``answered`` counts every answer, don't know included). Results that are missing or
        were computed by other scoring code or framework versions are recomputed before they are
        returned, so every row's results are what its answers score to now.
        """
        query = self._portfolio_query(examples=examples, workspace=workspace, archived=archived)
        stamp = results_stamp(self.frameworks)
        with self._read() as conn:
            roles = self._roles(conn)
            query = query.where(self._readable(roles))
            rows = conn.execute(query).all()
        stale = [r[0] for r in rows if r[_STAMP] != stamp]
        if stale:
            with self._write() as conn:
                refresh_in(conn, self.frameworks, stale)
            with self._read() as conn:
                rows = [r for r in conn.execute(query).all() if r[_STAMP] is not None]
        out = self._rows(rows, roles, search.lower().split())
        return _latest(out) if latest_only else out
