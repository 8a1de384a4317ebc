"""Share and history: give another workspace a frozen copy, make read-only links, and read the audit history.

Works on the open assessment (``?a=<id>``), like the Results page. Its innovators can:

* share it with another workspace: that workspace's commissioners get a frozen copy of
  the assessment as it is now, which they can read and compare but not change; sharing
  again after edits replaces the copy; withdrawing deletes it;
* make a read-only link for people without an account, valid for 1 to 90 days: the full
  link is shown once (only a fingerprint of its token is kept), and can be revoked.

Anyone who may read the assessment sees its audit history here. The store enforces
every rule; this page only asks, confirms and explains.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from assessments.errors import InputError, Problem
from assessments.store import AssessmentSummary, Share, Store
from ui.history import show_history
from ui.keys import PAGE_HOME, PAGE_RESULTS, QP_ASSESSMENT
from ui.report import summary_heading
from ui.results import read_only_banner
from ui.share_links import SHARING_ASK, ask, confirm_box, links_section, say, show_message
from ui.state import AppContext, current_assessment_id, forget_assessment
from ui.widgets import local_time, md, md_line, show_problems

# Widget keys of this page (defined here, not in ui/keys.py, which another change owns); more in ui.share_links.
SHARING_TARGET = "sharing:target"
SHARING_SHARE = "sharing:share"
SHARING_SHARES = "sharing:shares"
SHARING_HISTORY = "sharing:history"


# --- actions (button callbacks) -------------------------------------------------


def _share(store: Store, assessment_id: str, names: dict[str, str]) -> None:
    target = st.session_state.get(SHARING_TARGET)
    if not target:
        return
    name = md(names.get(target, target))
    try:
        before = {s.id for s in store.shares(assessment_id) if s.active}
        share = store.share(assessment_id, target)
    except InputError as exc:
        say("error", exc.problems)
        return
    st.session_state[SHARING_TARGET] = None  # the next share starts from no choice again
    if share.id in before:
        say("ok", f"{name} already has this version (nothing has changed since it was shared).")
    else:
        say("ok", f"Shared with {name}: a frozen copy of the version of {local_time(share.version_at)}.")


# --- sections ---------------------------------------------------------------------


def share_status(share: Share, all_shares: Sequence[Share]) -> str:
    """Active, withdrawn (when, by whom) or replaced by a newer version (when)."""
    if share.active:
        return "active"
    replaced = any(
        o.id != share.id and o.to_workspace_id == share.to_workspace_id and o.shared_at == share.withdrawn_at
        for o in all_shares
    )
    when = local_time(share.withdrawn_at)
    return f"replaced by a newer version on {when}" if replaced else f"withdrawn on {when} by {share.withdrawn_by}"


def _shares_section(store: Store, summary: AssessmentSummary) -> None:
    st.header("Share with another workspace")
    st.markdown(
        "Sharing gives the **commissioners** of the workspace you choose a **frozen copy** of this assessment "
        f"as it is now (last changed {local_time(summary.updated_at)}). They can read its results and compare it "
        "with others; they cannot change it. Changes you make later stay here: share again to send the newer "
        "version (it replaces their older copy). Withdrawing a share deletes their copy."
    )
    targets = [w for w in store.workspaces() if w.kind == "organisation" and w.id != summary.workspace_id]
    names = {w.id: w.name for w in targets}
    if not targets:
        st.info(
            "There is no other workspace on this installation to share with. An administrator can add one; "
            "a share link (below) works without one.",
            icon=":material/info:",
        )
    else:
        st.selectbox(
            "Workspace to share with",
            list(names),
            index=None,
            format_func=names.__getitem__,
            key=SHARING_TARGET,
            placeholder="Choose a workspace",
        )
        picked = st.session_state.get(SHARING_TARGET)
        st.button(
            "Share a frozen copy",
            type="primary",
            key=SHARING_SHARE,
            disabled=not picked,
            on_click=_share,
            args=(store, summary.id, names),
            icon=":material/share:",
            help="Choose a workspace first." if not picked else None,
        )
    shares = store.shares(summary.id)
    if not shares:
        st.caption("Not shared with any workspace yet.")
        return
    table = pd.DataFrame(
        [
            {
                "Workspace": s.to_workspace,
                "Version of": local_time(s.version_at),
                "Shared": local_time(s.shared_at),
                "Shared by": s.shared_by,
                "Status": share_status(s, shares),
            }
            for s in shares
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch", key=SHARING_SHARES)
    for s in shares:
        if not s.active:
            continue
        what = md_line(s.to_workspace)
        st.button(
            f"Withdraw the share with {what}",
            key=SHARING_ASK.format(kind="withdraw", id=s.id),
            on_click=ask,
            args=("withdraw", s.id, what),
            icon=":material/block:",
        )
        confirm_box(store, "withdraw", s.id)


def _no_assessment(ctx: AppContext, problems: Sequence[Problem] = ()) -> None:
    if problems:
        show_problems(problems, "This assessment cannot be shown.")
    else:
        st.info("No assessment is open. Open one on the Home page, then come back here.", icon=":material/info:")
    if ctx.has_page(PAGE_HOME):
        st.page_link(ctx.page(PAGE_HOME), label="Go to Home", icon=":material/home:")


def main(ctx: AppContext) -> None:
    """Render the Share and history page."""
    st.title("Share and history")
    store = ctx.store
    aid = current_assessment_id()
    if not aid:
        _no_assessment(ctx)
        return
    try:
        summary = store.get_summary(aid)
    except InputError as exc:
        forget_assessment()
        _no_assessment(ctx, exc.problems)
        return
    summary_heading(summary)
    if ctx.has_page(PAGE_RESULTS):
        st.page_link(
            ctx.page(PAGE_RESULTS), label="See its results", icon=":material/radar:", query_params={QP_ASSESSMENT: aid}
        )
    show_message()
    if summary.editable:
        _shares_section(store, summary)
        links_section(store, summary)
    else:
        read_only_banner(ctx, summary)
        st.caption("Only the innovators of the assessment's own workspace can share it; you can read its history.")
    st.header("Audit history")
    st.caption("Every change to this assessment: who made it, when, and what it was before and after.")
    show_history(store, ctx.catalogue, aid, key=SHARING_HISTORY)
