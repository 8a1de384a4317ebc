"""Home: start an assessment, open a saved one, start a follow-up, or load the illustrative examples."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.errors import InputError
from assessments.examples import load_examples
from assessments.models import ROLE_LABELS, STAGE_LABELS
from assessments.store import AssessmentSummary, Store
from assessments.wording import SELF_ASSESSMENT_NOTE
from ui.keys import (
    HOME_EXAMPLES_MSG,
    HOME_FOLLOW_UP,
    HOME_LOAD_EXAMPLES,
    HOME_NEW,
    HOME_OPEN,
    HOME_PICK,
    HOME_SEARCH,
    HOME_TABLE,
)
from ui.state import AppContext, go_to_questionnaire
from ui.widgets import check_details, details_inputs, local_time, show_problems


def _load_examples(store: Store) -> None:
    """Button callback: load the bundled illustrative examples (idempotent)."""
    try:
        ids = load_examples(store)
    except InputError as exc:
        st.session_state[HOME_EXAMPLES_MSG] = ("error", exc.problems)
        return
    st.session_state[HOME_EXAMPLES_MSG] = ("ok", len(ids))
    st.session_state[HOME_SEARCH] = ""


def _summary_table(rows: list[AssessmentSummary]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Innovation": [r.innovation_name + (" (illustrative)" if r.illustrative else "") for r in rows],
            "Organisation": [r.organisation for r in rows],
            "Label": [r.label for r in rows],
            "Date": [r.assessed_on.isoformat() if r.assessed_on else "" for r in rows],
            "Stage": [STAGE_LABELS[r.stage] if r.stage else "" for r in rows],
            "Role": [ROLE_LABELS[r.assessor_role] if r.assessor_role else "" for r in rows],
            "Progress": [f"{r.answered} of {r.total} answered" for r in rows],
            "Last change": [local_time(r.updated_at) for r in rows],
        }
    )


def _pick_label(s: AssessmentSummary) -> str:
    parts = [s.innovation_name]
    if s.organisation:
        parts.append(s.organisation)
    when = s.assessed_on.isoformat() if s.assessed_on else "undated"
    tag = " (illustrative)" if s.illustrative else ""
    label = f" · {s.label}" if s.label else ""
    return f"{' — '.join(parts)}{label} · {when}{tag}"


def main(ctx: AppContext) -> None:
    """Render the home page."""
    st.title("Scaling readiness self-assessment")
    st.markdown(
        "Work out how ready an adult social care innovation is to grow, using three published frameworks "
        "(SCIE's scaling factors, NASSS complexity domains, and a planning record based on Brown's SIPS structure). "
        "Answers are saved as you go; the link in your browser's address bar reopens your assessment."
    )
    st.caption(SELF_ASSESSMENT_NOTE)
    store = ctx.store

    msg = st.session_state.pop(HOME_EXAMPLES_MSG, None)
    if msg and msg[0] == "error":
        show_problems(msg[1], "The illustrative examples could not be loaded.")
    elif msg:
        st.success(f"Loaded {msg[1]} illustrative example assessments. Pick one below to explore every screen.")

    all_rows = store.list_assessments()
    if not any(r.illustrative for r in all_rows):
        c1, c2 = st.columns([3, 1], vertical_alignment="center")
        c1.info(
            ("No assessments saved yet. " if not all_rows else "")
            + "To look around first, load the illustrative examples: made-up social care innovations "
            "with every screen filled in. They are examples, not real data.",
            icon=":material/info:",
        )
        c2.button(
            "Load illustrative examples",
            key=HOME_LOAD_EXAMPLES,
            help="Adds example assessments of made-up social care innovations. They are illustrative, not real.",
            on_click=_load_examples,
            args=(store,),
            icon=":material/auto_stories:",
        )
    open_label, new_label = "Open a saved assessment", "Start a new assessment"
    # A first-time visitor lands on the start form; once something is saved, on the list.
    labels = [open_label, new_label] if all_rows else [new_label, open_label]
    tabs = dict(zip(labels, st.tabs(labels), strict=True))
    open_tab, new_tab = tabs[open_label], tabs[new_label]

    with open_tab:
        if not all_rows:
            st.markdown("Nothing is saved yet. Assessments you start appear here, with their progress.")
        else:
            search = st.text_input(
                "Search by innovation, organisation or label", key=HOME_SEARCH, placeholder="Type part of a name"
            )
            rows = store.list_assessments(search) if search.strip() else all_rows
            if not rows:
                st.warning(f"No saved assessment matches '{search}'. Clear the search to see them all.")
            else:
                st.dataframe(_summary_table(rows), hide_index=True, width="stretch", key=HOME_TABLE)
                by_id = {r.id: r for r in rows}
                picked = st.selectbox(
                    "Choose an assessment",
                    options=list(by_id),
                    index=None,
                    format_func=lambda i: _pick_label(by_id[i]),
                    key=HOME_PICK,
                    placeholder="Pick one from the list",
                )
                c1, c2 = st.columns(2)
                open_clicked = c1.button(
                    "Open", key=HOME_OPEN, type="primary", disabled=picked is None, icon=":material/edit_note:"
                )
                follow_clicked = c2.button(
                    "Start a follow-up",
                    key=HOME_FOLLOW_UP,
                    disabled=picked is None,
                    help="A new assessment dated today, pre-filled with the answers of this innovation's latest assessment.",
                    icon=":material/update:",
                )
                if picked is not None and open_clicked:
                    go_to_questionnaire(ctx, picked)
                if picked is not None and follow_clicked:
                    try:
                        new_id = store.start_follow_up(picked)
                    except InputError as exc:
                        show_problems(exc.problems, "The follow-up could not be started.")
                    else:
                        go_to_questionnaire(ctx, new_id)

    with new_tab:
        with st.form(HOME_NEW, border=False):
            values = details_inputs(HOME_NEW)
            submitted = st.form_submit_button("Start assessment", type="primary", icon=":material/play_arrow:")
        if submitted:
            checked = check_details(values)
            if isinstance(checked, list):
                show_problems(checked, "Please complete the required fields:")
            else:
                innovation, meta = checked
                try:
                    new_id = store.create_assessment(innovation, meta)
                except InputError as exc:
                    show_problems(exc.problems, "The assessment could not be saved.")
                else:
                    go_to_questionnaire(ctx, new_id)
