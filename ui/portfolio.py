"""The portfolio picker: every assessment in scope in one sortable, filterable table; the rows ticked are compared.

A commissioner may have thousands of assessments. They are never scored here: the table is the
store's stored results (:meth:`~assessments.store.Store.portfolio`), built by
:mod:`assessments.portfolio`. The page calling :func:`portfolio_picker` draws charts for the few
rows ticked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection
from typing import Any

import pandas as pd
import streamlit as st

from assessments.models import ROLE_LABELS, STAGE_LABELS, AssessorRole, Stage
from assessments.portfolio import (
    ASSESSED_ON,
    COLUMN_HELP,
    COMPLEX,
    COULD_BE_COMPLEX,
    COVERAGE,
    DONT_KNOW,
    EVIDENCE,
    PRIORITY_GAPS,
    by_innovation,
    filter_portfolio,
    portfolio_table,
)
from ui.state import AppContext

PICK_WARN = 12
"""Above this many picked assessments, overlaid charts become hard to read: the page says so."""


def _table_key(key: str, ids: tuple[str, ...]) -> str:
    """The table's widget key: new rows are a new table, ticked again from the ids picked, so a tick never
    lands on another assessment when a filter or someone's new assessment moves the rows."""
    return f"{key}:table:{hashlib.blake2b('|'.join(ids).encode(), digest_size=8).hexdigest()}"


def _filters(key: str) -> tuple[str, bool, list[Stage], list[AssessorRole], dt.date | None, dt.date | None]:
    cols = st.columns([3, 2])
    search = cols[0].text_input(
        "Search", key=f"{key}:search", placeholder="Innovation, organisation or label", label_visibility="collapsed"
    )
    earlier = cols[1].toggle(
        "Include earlier assessments",
        key=f"{key}:earlier",
        help="Off: the latest assessment of each innovation. On: every saved assessment (compare one with its past).",
    )
    with st.expander("Filters: stage, assessor role, date", expanded=False):
        f = st.columns(4)
        stages = f[0].multiselect("Stage", list(Stage), format_func=lambda s: STAGE_LABELS[s], key=f"{key}:stages")
        roles = f[1].multiselect(
            "Assessor role", list(AssessorRole), format_func=lambda r: ROLE_LABELS[r], key=f"{key}:roles"
        )
        date_from = f[2].date_input("Assessed on or after", value=None, key=f"{key}:from")
        date_to = f[3].date_input("Assessed on or before", value=None, key=f"{key}:to")
        st.caption("Empty filters keep everything. With a date set, undated assessments are left out.")
    return (
        search,
        earlier,
        stages,
        roles,
        date_from if isinstance(date_from, dt.date) else None,
        date_to if isinstance(date_to, dt.date) else None,
    )


def _percent(name: str) -> Any:
    """A share as a plain number: a bar would paint "don't know" and evidence alike as good or bad."""
    return st.column_config.NumberColumn(name, help=COLUMN_HELP[name], format="%.0f%%", width="small")


def _count(name: str) -> Any:
    return st.column_config.NumberColumn(name, help=COLUMN_HELP[name], format="%d")


def portfolio_picker(
    ctx: AppContext,
    *,
    workspace: str | None,
    examples: bool,
    key: str,
    default: Collection[str] = (),
    tick_all_up_to: int = 0,
) -> list[str]:
    """Show the portfolio of ``workspace`` (or the illustrative examples) and return the ids of the rows ticked.

    Ticks stay with their assessments while the rows change (a filter, a search, someone's new
    assessment); an assessment no longer shown is no longer picked.

    Args:
        ctx: The page's context; its store decides what the person may see.
        workspace: Only this workspace's assessments (None: every workspace the person may read).
        examples: The illustrative examples instead of real assessments (never mixed).
        key: Prefix of every widget key (one picker per key on a page).
        default: Ids ticked the first time the picker is shown (before the person ticks anything).
        tick_all_up_to: The first time, tick every row shown when there are at most this many.

    Returns:
        The assessment ids ticked, in the table's order.
    """
    search, earlier, stages, roles, date_from, date_to = _filters(key)
    rows = ctx.store.portfolio(
        search, latest_only=not earlier, examples=examples, workspace=None if examples else workspace
    )
    rows = by_innovation(filter_portfolio(rows, stages=stages, roles=roles, date_from=date_from, date_to=date_to))
    if not rows:
        st.session_state[f"{key}:picked"] = []
        st.info(
            "No saved assessment matches."
            if search or stages or roles or date_from or date_to
            else "No saved assessments yet."
        )
        return []
    table = portfolio_table(rows)
    config: dict[str, Any] = {
        ASSESSED_ON: st.column_config.DateColumn(ASSESSED_ON, format="YYYY-MM-DD"),
        COMPLEX: _count(COMPLEX),
        COULD_BE_COMPLEX: _count(COULD_BE_COMPLEX),
        PRIORITY_GAPS: _count(PRIORITY_GAPS),
        DONT_KNOW: _percent(DONT_KNOW),
        EVIDENCE: _percent(EVIDENCE),
        COVERAGE: _percent(COVERAGE),
    }
    st.caption(
        f"{len(rows):,} assessments. Click a column heading to sort; tick the rows to compare (a few at a time). "
        "Every column counts something on its own: nothing here adds SCIE, NASSS and SIPS together."
    )
    before = st.session_state.get(f"{key}:picked")
    if before is None and len(rows) <= tick_all_up_to:
        before = list(table.ids)
    wanted = set(default if before is None else before)
    ticked = [i for i, aid in enumerate(table.ids) if aid in wanted]
    event = st.dataframe(
        pd.DataFrame(table.columns),
        hide_index=True,
        column_config=config,
        on_select="rerun",
        selection_mode="multi-row",
        key=_table_key(key, table.ids),
        selection_default={"selection": {"rows": ticked}} if ticked else None,
        height=min(38 + 35 * len(rows), 420),
    )
    picked = [table.ids[i] for i in sorted(event.selection.rows) if 0 <= i < len(table.ids)]
    st.session_state[f"{key}:picked"] = picked
    if len(picked) > PICK_WARN:
        st.warning(f"{len(picked)} assessments picked: overlaid charts are hard to read beyond {PICK_WARN}.")
    return picked
