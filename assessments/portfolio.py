"""The portfolio table: one row per saved assessment with its screen, for a commissioner to sort, filter and pick from.

Pure functions over :class:`~assessments.store.portfolio.PortfolioRow` (the store's stored
results: nothing is scored here). The table is column-wise, ready for a data frame, and keeps
the assessment id of every row beside it so a page can turn picked rows back into ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from assessments.models import ROLE_LABELS, STAGE_LABELS, AssessorRole, Stage
from assessments.store.portfolio import PortfolioRow

INNOVATION = "Innovation"
ORGANISATION = "Organisation"
LABEL = "Label"
ASSESSED_ON = "Assessed on"
STAGE = "Stage"
ROLE = "Assessor role"
COMPLEX = "Complex NASSS domains"
COULD_BE_COMPLEX = "Could still be complex"
PRIORITY_GAPS = "SCIE priority gaps"
DONT_KNOW = "Don't know %"
EVIDENCE = "Evidence %"
COVERAGE = "Coverage %"

COLUMNS = (
    INNOVATION,
    ORGANISATION,
    LABEL,
    ASSESSED_ON,
    STAGE,
    ROLE,
    COMPLEX,
    COULD_BE_COMPLEX,
    PRIORITY_GAPS,
    DONT_KNOW,
    EVIDENCE,
    COVERAGE,
)
"""The table's columns, in order."""

COLUMN_HELP = {
    COMPLEX: "NASSS domains rated complex. Several complex domains are rarely overcome; no other answer offsets them.",
    COULD_BE_COMPLEX: (
        "NASSS domains whose level is not settled: only 'at least' a lower level because some sub-domains are "
        '"don\'t know" or unanswered, or with no level at all. Any of them could turn out complex.'
    ),
    PRIORITY_GAPS: 'SCIE priority factors rated 0 or 1, or answered "don\'t know".',
    DONT_KNOW: 'Share of the answers that are "don\'t know" (counted, never scored).',
    EVIDENCE: "Share of the ratings backed by at least one type of evidence.",
    COVERAGE: 'Share of all questions answered (any answer, "don\'t know" included), counted by question.',
}
"""What each screen column counts, in plain words (shown as column help)."""


@dataclass(frozen=True)
class PortfolioTable:
    """The table column by column, and the assessment id of each row."""

    ids: tuple[str, ...]
    columns: dict[str, list[Any]]


def portfolio_table(rows: Sequence[PortfolioRow]) -> PortfolioTable:
    """The portfolio table of ``rows``, in the order given."""
    cols: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    for p in rows:
        s, r = p.summary, p.results
        cols[INNOVATION].append(s.innovation_name)
        cols[ORGANISATION].append(s.organisation)
        cols[LABEL].append(s.label)
        cols[ASSESSED_ON].append(s.assessed_on)
        cols[STAGE].append(STAGE_LABELS[s.stage] if s.stage else None)
        cols[ROLE].append(ROLE_LABELS[s.assessor_role] if s.assessor_role else None)
        cols[COMPLEX].append(r.complex_domains)
        cols[COULD_BE_COMPLEX].append(r.at_least_domains + r.unknown_domains if r.complex_domains is not None else None)
        cols[PRIORITY_GAPS].append(r.priority_gaps)
        cols[DONT_KNOW].append(r.dont_know_pct)
        cols[EVIDENCE].append(r.evidence_pct)
        cols[COVERAGE].append(r.coverage_pct)
    return PortfolioTable(ids=tuple(p.id for p in rows), columns=cols)


def filter_portfolio(
    rows: Sequence[PortfolioRow],
    *,
    stages: Collection[Stage] = (),
    roles: Collection[AssessorRole] = (),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    max_complex: int | None = None,
) -> list[PortfolioRow]:
    """The rows kept by the filters; an empty filter keeps everything.

    With a date set, undated assessments are left out. ``max_complex`` keeps assessments with at
    most that many complex NASSS domains (those without a NASSS level are kept: nothing is known).
    """
    out = []
    for p in rows:
        s = p.summary
        if stages and s.stage not in stages:
            continue
        if roles and s.assessor_role not in roles:
            continue
        if (date_from or date_to) and s.assessed_on is None:
            continue
        if date_from and s.assessed_on and s.assessed_on < date_from:
            continue
        if date_to and s.assessed_on and s.assessed_on > date_to:
            continue
        if max_complex is not None and (p.results.complex_domains or 0) > max_complex:
            continue
        out.append(p)
    return out


def by_innovation(rows: Sequence[PortfolioRow]) -> list[PortfolioRow]:
    """The rows in a stable order: by innovation name, then organisation, then date (a save elsewhere moves nothing)."""
    return sorted(
        rows,
        key=lambda p: (
            p.summary.innovation_name.casefold(),
            p.summary.organisation.casefold(),
            p.summary.assessed_on or dt.date.min,
            p.summary.created_at,
            p.id,
        ),
    )
