"""Workspace admin: who belongs to the workspace in which role, adding and removing them, new workspaces, history.

Everything here goes through the store acting for the admin, so the store checks the role
(STORAGE_005) and refuses to remove a workspace's last admin (STORAGE_006); those messages are
shown as they come. Names and addresses people typed are shown in tables, or escaped, never as markdown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from assessments.errors import ErrorCode, InputError, Problem, problem
from assessments.store import DEMO_WORKSPACE, LOCAL_WORKSPACE, AuditEntry, Membership, Role, Store
from ui.keys import (
    ADMIN_ADD,
    ADMIN_ADD_EMAIL,
    ADMIN_ADD_ROLE,
    ADMIN_AUDIT,
    ADMIN_CREATE,
    ADMIN_CREATE_NAME,
    ADMIN_MEMBERS,
    ADMIN_MSG,
    ADMIN_REMOVE,
    ADMIN_REMOVE_CONFIRM,
    ADMIN_REMOVE_PICK,
    ADMIN_WORKSPACE,
    QP_WORKSPACE,
)
from ui.state import AppContext
from ui.widgets import local_time, md_line, show_problems

ROLE_HELP = {
    Role.INNOVATOR: "Innovator: assesses the workspace's innovations, shares them and keeps their history",
    Role.COMMISSIONER: "Commissioner: reads and compares what is shared with the workspace, changes nothing",
    Role.ADMIN: "Admin: manages the workspace's members and reads its history",
}
EVENTS = {
    "workspace.created": "Workspace created",
    "member.added": "Member added",
    "member.removed": "Member removed",
    "shared": "Assessment shared",
    "share.withdrawn": "Share withdrawn",
    "link.created": "Read-only link made",
    "link.revoked": "Read-only link withdrawn",
    "archived": "Assessment archived",
    "restored": "Assessment restored",
    "deleted": "Assessment deleted",
}
"""Workspace history events in words (anything else is shown as recorded)."""


def _say(kind: str, text: str, problems: Sequence[Problem] = ()) -> None:
    st.session_state[ADMIN_MSG] = (kind, text, list(problems))


def _show_message() -> None:
    msg = st.session_state.pop(ADMIN_MSG, None)
    if msg and msg[0] == "error":
        show_problems(msg[2], msg[1])
    elif msg:
        st.success(msg[1], icon=":material/check_circle:")


def _missing(field: str, label: str) -> Problem:
    return problem(ErrorCode.ASSESSMENT_008, field=field, detail=label, fix="Choose one.")


def _add_member(store: Store, workspace_id: str) -> None:
    """Form callback: give the typed address the chosen role."""
    email = st.session_state.get(ADMIN_ADD_EMAIL) or ""
    role = st.session_state.get(ADMIN_ADD_ROLE)
    if role is None:
        _say("error", "Nobody was added.", [_missing("role", "Role")])
        return
    try:
        member = store.add_member(workspace_id, email, Role(role))
    except InputError as exc:
        _say("error", "Nobody was added.", exc.problems)
        return
    st.session_state[ADMIN_ADD_EMAIL] = ""
    st.session_state[ADMIN_ADD_ROLE] = None
    _say("ok", f"{md_line(member.email)} is now {member.role.value} in {md_line(member.workspace_name)}.")


def _remove_member(store: Store, workspace_id: str, member: Membership) -> None:
    """Button callback: take the chosen role away (the store refuses the last admin)."""
    try:
        removed = store.remove_member(workspace_id, member.email, member.role)
    except InputError as exc:
        _say("error", "Nobody was removed.", exc.problems)
        return
    st.session_state[ADMIN_REMOVE_PICK] = None
    who = f"{md_line(member.email)} ({member.role.value})"
    _say("ok", f"Removed {who} from {md_line(member.workspace_name)}." if removed else f"{who} was not a member.")


def _create_workspace(store: Store) -> None:
    """Form callback: create a workspace; its creator becomes its admin and it is opened here."""
    try:
        created = store.add_workspace(st.session_state.get(ADMIN_CREATE_NAME) or "")
    except InputError as exc:
        _say("error", "No workspace was created.", exc.problems)
        return
    st.session_state[ADMIN_CREATE_NAME] = ""
    st.session_state[ADMIN_WORKSPACE] = created.id
    st.query_params[QP_WORKSPACE] = created.id
    _say("ok", f"Created the workspace {md_line(created.name)}. You are its admin; add its members below.")


def _plain(value: Any) -> str:
    """An audit value as plain text: a record as 'key: value' pairs, a list joined by commas."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def history_table(entries: Sequence[AuditEntry]) -> pd.DataFrame:
    """A workspace's history as plain text: when, who, what, which assessment, and old → new."""
    changes = []
    for e in entries:
        old, new = _plain(e.old), _plain(e.new)
        changes.append(f"{old} → {new}" if old and new else old or new)
    return pd.DataFrame(
        {
            "When": [local_time(e.at) for e in entries],
            "Who": [e.actor for e in entries],
            "What": [EVENTS.get(e.field, e.field) for e in entries],
            "Assessment": [e.assessment_id for e in entries],
            "Change": changes,
            "Reason": [e.reason for e in entries],
        }
    )


def _members_table(members: Sequence[Membership]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "E-mail": [m.email for m in members],
            "Role": [m.role.label for m in members],
            "Added": [local_time(m.added_at) for m in members],
            "Added by": [m.added_by for m in members],
        }
    )


def _pick_workspace(spaces: Sequence[Membership]) -> Membership | None:
    """The workspace to manage: the only one, or the one chosen (none chosen at first, kept in the URL)."""
    if len(spaces) == 1:
        return spaces[0]
    by_id = {m.workspace_id: m for m in spaces}
    wanted = st.query_params.get(QP_WORKSPACE)
    if wanted in by_id and st.session_state.get(ADMIN_WORKSPACE) is None:
        st.session_state[ADMIN_WORKSPACE] = wanted  # chosen before (the link or the refresh keeps it)
    chosen = st.selectbox(
        "Workspace",
        options=list(by_id),
        index=None,
        format_func=lambda w: by_id[w].workspace_name,
        key=ADMIN_WORKSPACE,
        placeholder="Choose the workspace to manage",
    )
    if chosen is not None and st.query_params.get(QP_WORKSPACE) != chosen:
        st.query_params[QP_WORKSPACE] = chosen
    return by_id.get(chosen) if chosen is not None else None


def _manage(ctx: AppContext, ws: Membership) -> None:
    store = ctx.store
    try:
        members = store.members(ws.workspace_id)
    except InputError as exc:
        show_problems(exc.problems, "The members cannot be shown.")
        return
    st.header(f"Members of {md_line(ws.workspace_name)}")
    st.dataframe(_members_table(members), hide_index=True, width="stretch", key=ADMIN_MEMBERS)

    left, right = st.columns(2, gap="large")
    with left, st.form(ADMIN_ADD):
        st.subheader("Add a member")
        st.text_input(
            "Work e-mail address (required)",
            key=ADMIN_ADD_EMAIL,
            placeholder="name@organisation.org",
            help="The address the person's organisation account signs in with.",
        )
        st.selectbox(
            "Role (required)",
            options=[r.value for r in Role],
            index=None,
            format_func=lambda r: ROLE_HELP[Role(r)],
            key=ADMIN_ADD_ROLE,
            placeholder="Choose a role",
        )
        st.form_submit_button(
            "Add member", on_click=_add_member, args=(store, ws.workspace_id), icon=":material/person_add:"
        )
    with right:
        st.subheader("Remove a member")
        by_key = {f"{m.email}|{m.role.value}": m for m in members}
        picked = st.selectbox(
            "Member and role",
            options=list(by_key),
            index=None,
            format_func=lambda k: f"{by_key[k].email} · {by_key[k].role.label}",
            key=ADMIN_REMOVE_PICK,
            placeholder="Choose whom to remove",
        )
        member = by_key.get(picked) if picked is not None else None
        confirmed = member is not None and st.checkbox(
            f"Yes, remove the {member.role.value} role of {md_line(member.email)} in {md_line(ws.workspace_name)}",
            key=f"{ADMIN_REMOVE_CONFIRM}:{picked}",
        )
        st.button(
            "Remove",
            key=ADMIN_REMOVE,
            disabled=not confirmed,
            on_click=_remove_member,
            args=(store, ws.workspace_id, member),
            icon=":material/person_remove:",
            help="Choose a member and tick the confirmation first.",
        )
    _history(ctx, ws.workspace_id, ws.workspace_name)


def _history(ctx: AppContext, workspace_id: str, name: str) -> None:
    st.header(f"History of {md_line(name)}")
    st.caption(
        "Memberships, shares, links, archiving and deletions, newest first (answer changes are in each assessment's own history)."
    )
    try:
        entries = ctx.store.workspace_audit(workspace_id)
    except InputError as exc:
        show_problems(exc.problems, "The history cannot be shown.")
        return
    if not entries:
        st.markdown("Nothing has happened in this workspace yet.")
        return
    st.dataframe(history_table(entries), hide_index=True, width="stretch", key=ADMIN_AUDIT)


def _create(ctx: AppContext) -> None:
    with st.form(ADMIN_CREATE):
        st.subheader("Create a workspace")
        st.caption("One workspace per organisation. You become its admin and can then add its members.")
        st.text_input("Workspace name (required)", key=ADMIN_CREATE_NAME, max_chars=100)
        st.form_submit_button(
            "Create workspace", on_click=_create_workspace, args=(ctx.store,), icon=":material/add_business:"
        )


def main(ctx: AppContext) -> None:
    """Render the workspace admin page."""
    st.title("Workspace admin")
    _show_message()
    if ctx.single_user:
        st.info(
            "This is a single-user installation, so there are no people to manage: whoever uses this computer "
            "has every role. Members and workspaces are managed here once sign-in is set up (see 'Sign-in' in "
            "the README). Below is what has happened to the assessments saved here.",
            icon=":material/computer:",
        )
        _history(ctx, LOCAL_WORKSPACE, "this computer")
        return
    spaces = [m for m in ctx.workspaces(Role.ADMIN) if m.workspace_id not in (DEMO_WORKSPACE, LOCAL_WORKSPACE)]
    if not spaces:
        st.markdown("You are not an admin of any workspace.")
    else:
        ws = _pick_workspace(spaces)
        if ws is not None:
            _manage(ctx, ws)
    st.divider()
    _create(ctx)
