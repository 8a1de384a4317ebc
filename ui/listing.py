"""Assessment lists shared by Home and the no-access page: the table, the picker labels, and the examples section."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from assessments.errors import InputError
from assessments.examples import load_examples
from assessments.models import ROLE_LABELS, STAGE_LABELS
from assessments.store import AssessmentSummary, Origin, Store
from ui.keys import (
    HOME_EXAMPLES_MSG,
    HOME_EXAMPLES_OPEN,
    HOME_EXAMPLES_PICK,
    HOME_EXAMPLES_RESULTS,
    HOME_EXAMPLES_TABLE,
    HOME_LOAD_EXAMPLES,
    PAGE_QUESTIONNAIRE,
    PAGE_RESULTS,
    QP_ASSESSMENT,
    SS_LAST_ASSESSMENT,
)
from ui.state import AppContext, go_to_questionnaire
from ui.widgets import local_time, show_problems

EXAMPLES_HEADING = "Illustrative examples (read-only, not real innovations)"


PHONE_FIRST = ("Innovation", "Date", "Access", "Progress")
"""The list's columns that matter most, first: on a phone the innovation and its date fit the screen, the
rest of the row is a swipe away inside the table (the innovation stays pinned)."""
PHONE_WIDTHS = {
    "Innovation": st.column_config.TextColumn("Innovation", width=190, pinned=True),
    "Date": st.column_config.TextColumn("Date", width=100),
}


def phone_order(table: pd.DataFrame) -> list[str]:
    """The list table's columns, those of :data:`PHONE_FIRST` first."""
    return [c for c in PHONE_FIRST if c in table.columns] + [c for c in table.columns if c not in PHONE_FIRST]


def access_label(s: AssessmentSummary) -> str:
    """Whose the assessment is and whether this person may change it, in words (never by colour alone)."""
    if s.illustrative:
        return "Illustrative example (read-only)"
    if s.origin == Origin.SHARED:
        return "Shared with you (read-only)"
    if s.origin == Origin.RECEIVED:
        return "Received as a file (read-only)"
    return "Yours (you can change it)" if s.editable else "Read-only"


def summary_table(rows: list[AssessmentSummary], workspace_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The list table (plain text cells); a Workspace column when ``workspace_names`` is given."""
    table = {
        "Innovation": [r.innovation_name for r in rows],
        "Organisation": [r.organisation for r in rows],
        "Label": [r.label for r in rows],
        "Date": [r.assessed_on.isoformat() if r.assessed_on else "" for r in rows],
        "Stage": [STAGE_LABELS[r.stage] if r.stage else "" for r in rows],
        "Role": [ROLE_LABELS[r.assessor_role] if r.assessor_role else "" for r in rows],
        "Progress": [f"{r.answered} of {r.total} answered" for r in rows],
        "Access": [access_label(r) for r in rows],
        "Last change": [local_time(r.updated_at) for r in rows],
    }
    if workspace_names is not None:
        table["Workspace"] = [workspace_names.get(r.workspace_id, r.workspace_id) for r in rows]
    return pd.DataFrame(table)


def _table_picked(table_key: str, pick_key: str, ids: list[str]) -> None:
    """Callback: a row clicked in the table becomes the picker's choice (the picker stays the one source)."""
    state = st.session_state.get(table_key)
    selection = state.selection if state is not None else None
    rows = list(selection.rows) if selection is not None else []
    if not rows and selection is not None:  # a click on a cell picks its row too
        rows = [cell[0] for cell in selection.cells]
    st.session_state[pick_key] = ids[rows[0]] if rows and rows[0] < len(ids) else st.session_state.get(pick_key)


def summary_dataframe(table: pd.DataFrame, key: str, **selection: Any) -> None:
    """A list of assessments as a table: phone-friendly column order and widths, with row selection if asked."""
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_order=phone_order(table),
        column_config=PHONE_WIDTHS,
        key=key,
        **selection,
    )


def clickable_table(
    rows: Sequence[AssessmentSummary],
    *,
    table_key: str,
    pick_key: str,
    workspace_names: Mapping[str, str] | None = None,
) -> None:
    """The list table; clicking a row picks that assessment in the picker under it (``pick_key``).

    The picker (:func:`pick_summary`) remains the keyboard way to choose and the one place the choice
    is kept, so a click and a keyboard choice can never disagree.
    """
    ids = [r.id for r in rows]
    table = summary_table(list(rows), workspace_names)
    summary_dataframe(
        table,
        table_key,
        on_select=partial(_table_picked, table_key, pick_key, ids),
        selection_mode=["single-row", "single-cell"],
    )


def pick_summary(
    rows: Sequence[AssessmentSummary], label: str, *, key: str, placeholder: str
) -> AssessmentSummary | None:
    """A picker over ``rows`` (nothing chosen for the person); the chosen summary, or None."""
    by_id = {r.id: r for r in rows}
    picked = st.selectbox(
        label,
        options=list(by_id),
        index=None,
        format_func=lambda i: pick_label(by_id[i]),
        key=key,
        placeholder=placeholder,
    )
    return by_id.get(picked) if picked is not None else None


def pick_label(s: AssessmentSummary) -> str:
    """One assessment in a picker: innovation, organisation, label, date, and whose it is."""
    parts = [s.innovation_name]
    if s.organisation:
        parts.append(s.organisation)
    when = s.assessed_on.isoformat() if s.assessed_on else "undated"
    label = f" · {s.label}" if s.label else ""
    tag = "" if s.editable else f" ({access_label(s).lower()})"
    return f"{' — '.join(parts)}{label} · {when}{tag}"


def what_it_is(s: AssessmentSummary) -> str:
    """An assessment named in a message: innovation, label and date."""
    label = f" · {s.label}" if s.label else ""
    when = s.assessed_on.isoformat() if s.assessed_on else "undated"
    return f"{s.innovation_name}{label} · {when}"


def go_to_results(ctx: AppContext, assessment_id: str) -> None:
    """Switch to the results page with the assessment in the URL."""
    st.session_state[SS_LAST_ASSESSMENT] = assessment_id
    st.switch_page(ctx.page(PAGE_RESULTS), query_params={QP_ASSESSMENT: assessment_id})


def _load_examples(store: Store) -> None:
    """Button callback: load the bundled illustrative examples into the demo workspace (idempotent)."""
    try:
        ids = load_examples(store)
    except InputError as exc:
        st.session_state[HOME_EXAMPLES_MSG] = ("error", exc.problems)
        return
    st.session_state[HOME_EXAMPLES_MSG] = ("ok", len(ids))


def examples_section(ctx: AppContext) -> None:
    """The illustrative examples, apart from real assessments: a button to load them, then a read-only list."""
    st.subheader(EXAMPLES_HEADING)
    msg = st.session_state.pop(HOME_EXAMPLES_MSG, None)
    if msg and msg[0] == "error":
        show_problems(msg[1], "The illustrative examples could not be loaded.")
    elif msg:
        st.success(f"Loaded {msg[1]} illustrative example assessments. Pick one below to explore every screen.")
    rows = ctx.store.list_assessments(examples=True)
    if not rows:
        c1, c2 = st.columns([3, 1], vertical_alignment="center")
        c1.info(
            "To look around first, load the illustrative examples: made-up social care innovations with every "
            "screen filled in. They are examples, not real data, and are kept apart from real assessments.",
            icon=":material/info:",
        )
        c2.button(
            "Load illustrative examples",
            key=HOME_LOAD_EXAMPLES,
            help="Adds example assessments of made-up social care innovations. They are illustrative, not real.",
            on_click=_load_examples,
            args=(ctx.store,),
            icon=":material/auto_stories:",
        )
        return
    st.caption(
        "Made-up social care innovations, filled in to show every screen. Nobody can change them, and they "
        "never appear in your own lists or comparisons."
    )
    can_open, can_see = ctx.has_page(PAGE_QUESTIONNAIRE), ctx.has_page(PAGE_RESULTS)
    if not (can_open or can_see):
        summary_dataframe(summary_table(rows), HOME_EXAMPLES_TABLE)
        return
    st.caption("Click a row, or use the list under the table, to choose one.")
    clickable_table(rows, table_key=HOME_EXAMPLES_TABLE, pick_key=HOME_EXAMPLES_PICK)
    chosen = pick_summary(rows, "Choose an example", key=HOME_EXAMPLES_PICK, placeholder="Pick one of the examples")
    row = st.container(horizontal=True)
    opened = can_open and row.button(
        "Open (read-only)", key=HOME_EXAMPLES_OPEN, disabled=chosen is None, icon=":material/visibility:"
    )
    seen = can_see and row.button(
        "See results", key=HOME_EXAMPLES_RESULTS, disabled=chosen is None, icon=":material/radar:"
    )
    if chosen is not None and opened:
        go_to_questionnaire(ctx, chosen.id)
    if chosen is not None and seen:
        go_to_results(ctx, chosen.id)
