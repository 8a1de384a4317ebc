"""Home: the person's own assessments (open, follow up, archive, delete), starting one, and the examples apart."""

from __future__ import annotations

import streamlit as st

from assessments.errors import ErrorCode, InputError, problem
from assessments.store import DEMO_WORKSPACE, AssessmentSummary, Membership, Role, Store
from assessments.wording import SELF_ASSESSMENT_NOTE
from ui.keys import (
    HOME_ARCHIVE,
    HOME_ARCHIVED_PICK,
    HOME_ARCHIVED_TABLE,
    HOME_DELETE,
    HOME_DELETE_CONFIRM,
    HOME_FOLLOW_UP,
    HOME_MSG,
    HOME_NEW,
    HOME_OPEN,
    HOME_PICK,
    HOME_RESTORE,
    HOME_RESULTS,
    HOME_SEARCH,
    HOME_TABLE,
    HOME_WORKSPACE,
    PAGE_ADMIN,
    PAGE_QUESTIONNAIRE,
    PAGE_RESULTS,
)
from ui.listing import (
    access_label,
    clickable_table,
    examples_section,
    go_to_results,
    pick_summary,
    summary_table,
    what_it_is,
)
from ui.state import AppContext, go_to_questionnaire
from ui.widgets import check_details, details_inputs, md_line, show_problems

SINGLE_USER_NOTE = (
    "This is a single-user installation: there is no sign-in, it listens on this computer only, and "
    "everything saved here is visible to anyone using this computer. To let several people use it with "
    "their organisation accounts, set up sign-in (see 'Sign-in' in the README)."
)


def _innovator_spaces(ctx: AppContext) -> list[Membership]:
    return [m for m in ctx.workspaces(Role.INNOVATOR) if m.workspace_id != DEMO_WORKSPACE]


def _workspace_names(ctx: AppContext) -> dict[str, str] | None:
    """Workspace names by id when the person works in several (a Workspace column is shown then)."""
    names = {m.workspace_id: m.workspace_name for m in ctx.memberships if m.workspace_id != DEMO_WORKSPACE}
    return names if len(names) > 1 else None


def _show_message() -> None:
    msg = st.session_state.pop(HOME_MSG, None)
    if msg and msg[0] == "error":
        show_problems(msg[2], msg[1])
    elif msg:
        st.success(msg[1], icon=":material/check_circle:")


def _archive(store: Store, s: AssessmentSummary, archived: bool) -> None:
    """Button callback: archive (or restore) an assessment and say what happened."""
    try:
        store.archive(s.id, archived=archived)
    except InputError as exc:
        st.session_state[HOME_MSG] = ("error", f"{md_line(what_it_is(s))} could not be changed.", exc.problems)
        return
    st.session_state[HOME_PICK if archived else HOME_ARCHIVED_PICK] = None
    what = md_line(what_it_is(s))
    st.session_state[HOME_MSG] = (
        ("ok", f"Archived {what}. It is kept whole; restore it from 'Archived' below.")
        if archived
        else ("ok", f"Restored {what}. It is back in your list.")
    )


def _delete(store: Store, s: AssessmentSummary) -> None:
    """Button callback: delete an assessment for good and say what was deleted."""
    try:
        store.delete_assessment(s.id)
    except InputError as exc:
        st.session_state[HOME_MSG] = ("error", f"{md_line(what_it_is(s))} could not be deleted.", exc.problems)
        return
    st.session_state[HOME_PICK] = None
    st.session_state[HOME_MSG] = (
        "ok",
        f"Deleted {md_line(what_it_is(s))} for good: its answers are gone, any copies shared from it were "
        "withdrawn and its links stopped working. The workspace's history records the deletion.",
    )


def _actions(ctx: AppContext, s: AssessmentSummary | None) -> None:
    """The buttons under the list for the picked assessment; changing ones only if the person may change it."""
    store = ctx.store
    editable = s is None or s.editable
    can_see = ctx.has_page(PAGE_RESULTS)
    if s is not None and not s.editable:
        st.caption(f"{access_label(s)}: you can read it and see its results, but not change it.")
    row = st.container(horizontal=True)
    opened = followed = seen = False
    if editable and ctx.has_page(PAGE_QUESTIONNAIRE):
        opened = row.button("Open", key=HOME_OPEN, type="primary", disabled=s is None, icon=":material/edit_note:")
        followed = row.button(
            "Start a follow-up",
            key=HOME_FOLLOW_UP,
            disabled=s is None,
            help="A new assessment dated today, pre-filled with the answers of this innovation's latest assessment.",
            icon=":material/update:",
        )
    if can_see:
        seen = row.button("See results", key=HOME_RESULTS, disabled=s is None, icon=":material/radar:")
    if editable and ctx.has_role(Role.INNOVATOR):
        row.button(
            "Archive",
            key=HOME_ARCHIVE,
            disabled=s is None,
            help="Hide it from lists and comparisons, kept whole; you can restore it from 'Archived'.",
            on_click=_archive,
            args=(store, s, True),
            icon=":material/archive:",
        )
    if s is None:
        return
    if opened:
        go_to_questionnaire(ctx, s.id)
    if seen:
        go_to_results(ctx, s.id)
    if followed:
        try:
            new_id = store.start_follow_up(s.id)
        except InputError as exc:
            show_problems(exc.problems, "The follow-up could not be started.")
        else:
            go_to_questionnaire(ctx, new_id)
    if s.editable:
        with st.expander("Delete this assessment"):
            confirmed = st.checkbox(
                f"Yes, delete {md_line(what_it_is(s))} for good, with its answers. Copies shared from it "
                "are withdrawn and its links stop working. This cannot be undone.",
                key=HOME_DELETE_CONFIRM.format(aid=s.id),
            )
            st.button(
                "Delete for good",
                key=HOME_DELETE,
                disabled=not confirmed,
                on_click=_delete,
                args=(store, s),
                icon=":material/delete_forever:",
            )


def _your_assessments(ctx: AppContext, rows: list[AssessmentSummary]) -> None:
    if not rows:
        st.markdown("Nothing is saved yet. Assessments you start, or that are shared with you, appear here.")
        return
    names = _workspace_names(ctx)
    search = st.text_input(
        "Search by innovation, organisation or label", key=HOME_SEARCH, placeholder="Type part of a name"
    )
    shown = ctx.store.list_assessments(search) if search.strip() else rows
    if not shown:
        st.warning(f"No saved assessment matches '{md_line(search)}'. Clear the search to see them all.")
        return
    st.caption("Click a row, or use the list under the table, to choose an assessment.")
    clickable_table(shown, table_key=HOME_TABLE, pick_key=HOME_PICK, workspace_names=names)
    _actions(ctx, pick_summary(shown, "Choose an assessment", key=HOME_PICK, placeholder="Pick one from the list"))


def _archived(ctx: AppContext) -> None:
    rows = ctx.store.list_assessments(archived=True)
    if not rows:
        return
    with st.expander(f"Archived ({len(rows)})", icon=":material/inventory_2:"):
        st.caption("Archived assessments are kept whole but left out of lists and comparisons.")
        if not any(r.editable for r in rows):
            st.dataframe(
                summary_table(rows, _workspace_names(ctx)), hide_index=True, width="stretch", key=HOME_ARCHIVED_TABLE
            )
            return
        clickable_table(
            rows, table_key=HOME_ARCHIVED_TABLE, pick_key=HOME_ARCHIVED_PICK, workspace_names=_workspace_names(ctx)
        )
        picked = pick_summary(
            rows, "Choose an archived assessment", key=HOME_ARCHIVED_PICK, placeholder="Pick one to restore"
        )
        if picked is not None and not picked.editable:
            st.caption(f"{access_label(picked)}: only its own workspace's innovators can restore it.")
        st.button(
            "Restore",
            key=HOME_RESTORE,
            disabled=picked is None or not picked.editable,
            on_click=_archive,
            args=(ctx.store, picked, False),
            icon=":material/unarchive:",
        )


def _new_assessment(ctx: AppContext, spaces: list[Membership]) -> None:
    names = {m.workspace_id: m.workspace_name for m in spaces}
    with st.form(HOME_NEW, border=False):
        workspace = None
        if len(spaces) > 1:
            workspace = st.selectbox(
                "Workspace (required)",
                options=list(names),
                index=None,
                format_func=lambda w: names[w],
                key=HOME_WORKSPACE,
                placeholder="Choose the workspace it belongs to",
                help="Everyone who is an innovator in that workspace can read and change it.",
            )
        values = details_inputs(HOME_NEW)
        submitted = st.form_submit_button("Start assessment", type="primary", icon=":material/play_arrow:")
    if not submitted:
        return
    checked = check_details(values)
    problems = checked if isinstance(checked, list) else []
    if len(spaces) > 1 and workspace is None:
        problems.append(problem(ErrorCode.ASSESSMENT_008, field="workspace", detail="Workspace", fix="Choose one."))
    if problems or isinstance(checked, list):
        show_problems(problems, "Please complete the required fields:")
        return
    innovation, meta = checked
    try:
        new_id = ctx.store.create_assessment(innovation, meta, workspace=workspace or spaces[0].workspace_id)
    except InputError as exc:
        show_problems(exc.problems, "The assessment could not be saved.")
    else:
        go_to_questionnaire(ctx, new_id)


def main(ctx: AppContext) -> None:
    """Render the home page."""
    st.title("Scaling readiness self-assessment")
    st.markdown(
        "Work out how ready an adult social care innovation is to grow, using three published frameworks "
        "(SCIE's scaling factors, NASSS complexity domains, and a planning record based on Brown's SIPS structure). "
        "Answers are saved as you go; the link in your browser's address bar reopens your assessment."
    )
    if ctx.single_user:
        st.info(SINGLE_USER_NOTE, icon=":material/computer:")
    st.caption(SELF_ASSESSMENT_NOTE)
    _show_message()

    rows = ctx.store.list_assessments()
    spaces = _innovator_spaces(ctx) if ctx.has_page(PAGE_QUESTIONNAIRE) else []
    open_label, new_label = "Your assessments", "Start a new assessment"
    if spaces:
        # A first-time visitor lands on the start form; once something is saved, on the list.
        labels = [open_label, new_label] if rows else [new_label, open_label]
        tabs = dict(zip(labels, st.tabs(labels), strict=True))
        with tabs[open_label]:
            _your_assessments(ctx, rows)
            _archived(ctx)
        with tabs[new_label]:
            _new_assessment(ctx, spaces)
    elif ctx.has_role(Role.COMMISSIONER) or ctx.has_role(Role.INNOVATOR):
        st.subheader(open_label)
        _your_assessments(ctx, rows)
        _archived(ctx)
    elif ctx.has_page(PAGE_ADMIN):
        st.markdown(
            "You manage workspaces here: their members and their history. Assessments are made by innovators "
            "and read by commissioners; ask a workspace's admin (you can add yourself) for one of those roles."
        )
        st.page_link(ctx.page(PAGE_ADMIN), label="Go to Workspace admin", icon=":material/group:")

    st.divider()
    examples_section(ctx)
