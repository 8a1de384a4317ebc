"""Share links and confirmations for the Share and history page (:mod:`ui.sharing`).

A share link lets anyone who has it read a frozen copy of an assessment without signing
in (the Link page, ``/link?t=TOKEN``). Its full address exists only once, right after it
is made: the store keeps a fingerprint of the token, never the token. Withdrawing a share
and revoking a link both ask for confirmation first (:func:`confirm_box`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import pandas as pd
import streamlit as st

from assessments.errors import InputError
from assessments.store import LINK_DAYS_MAX, AssessmentSummary, ShareLink, Store
from ui.keys import PAGE_LINK, PAGE_SHARING, QP_TOKEN
from ui.widgets import local_date, local_time, show_problems

# Session-state and widget keys (defined here, not in ui/keys.py, which another change owns).
SHARING_DAYS = "sharing:days"
SHARING_CREATE = "sharing:create_link"
SHARING_NEW_LINK = "sharing:new_link"
"""The link just made (its full URL), kept only until the person hides it or opens another assessment."""
SHARING_HIDE_LINK = "sharing:hide_link"
SHARING_LINKS = "sharing:links"
SHARING_MSG = "sharing:msg"
"""The outcome of the last action, shown once at the top of the page."""
SHARING_PENDING = "sharing:pending"
"""The withdrawal or revocation waiting for confirmation: (kind, id, what)."""
SHARING_ASK = "sharing:ask:{kind}:{id}"
SHARING_YES = "sharing:yes"
SHARING_NO = "sharing:no"
LINK_DAYS_DEFAULT = 14
"""Days a new link stays valid unless the person says otherwise."""


@dataclass(frozen=True)
class NewLink:
    """A link just created: the only time its full address exists outside the person's clipboard."""

    assessment_id: str
    url: str
    absolute: bool
    expires_at: dt.datetime


def link_base() -> str:
    """Where the link page lives: this app's address in the browser (without this page), or ``""`` if unknown.

    ``st.context.url`` is this page's address; failing that, the request's Host header.
    """
    url = st.context.url
    if url:
        parts = urlsplit(url)
        path = parts.path.rstrip("/")
        if path.endswith(f"/{PAGE_SHARING}"):
            path = path[: -len(PAGE_SHARING)].rstrip("/")
        return f"{parts.scheme}://{parts.netloc}{path}"
    host = st.context.headers.get("Host") if st.context.headers else None
    if host:
        scheme = st.context.headers.get("X-Forwarded-Proto") or "http"
        return f"{scheme}://{host}"
    return ""


def link_url(base: str, token: str) -> str:
    """The address that opens a link: absolute when the app's address is known, else the path on this server."""
    return f"{base}/{PAGE_LINK}?{urlencode({QP_TOKEN: token})}"


def say(kind: str, message: object) -> None:
    """Keep an action's outcome for the next run: ``ok`` and Markdown, or ``error`` and problems."""
    st.session_state[SHARING_MSG] = (kind, message)


def show_message() -> None:
    """Show the last action's outcome once."""
    message = st.session_state.pop(SHARING_MSG, None)
    if message is None:
        return
    kind, body = message
    if kind == "ok":
        st.success(body, icon=":material/check:")
    else:
        show_problems(body, "That did not work; nothing was changed.")


def _create_link(store: Store, assessment_id: str, base: str) -> None:
    days = int(st.session_state.get(SHARING_DAYS) or LINK_DAYS_DEFAULT)
    try:
        token, link = store.create_share_link(assessment_id, days=days)
    except InputError as exc:
        say("error", exc.problems)
        return
    st.session_state[SHARING_NEW_LINK] = NewLink(assessment_id, link_url(base, token), bool(base), link.expires_at)


def ask(kind: str, item_id: str, what: str) -> None:
    """Button callback: ask for confirmation of a withdrawal (``withdraw``) or a revocation (``revoke``)."""
    st.session_state[SHARING_PENDING] = (kind, item_id, what)


def _confirmed(store: Store) -> None:
    pending = st.session_state.pop(SHARING_PENDING, None)
    if pending is None:
        return
    kind, item_id, what = pending
    try:
        if kind == "withdraw":
            store.withdraw_share(item_id)
            say("ok", f"Withdrawn: {what} no longer has a copy.")
        else:
            store.revoke_share_link(item_id)
            say("ok", f"Revoked: {what} no longer opens.")
    except InputError as exc:
        say("error", exc.problems)


def _cancel() -> None:
    st.session_state.pop(SHARING_PENDING, None)


def confirm_box(store: Store, kind: str, item_id: str) -> None:
    """The confirmation for a pending withdrawal or revocation, shown where its button is."""
    pending = st.session_state.get(SHARING_PENDING)
    if not pending or pending[:2] != (kind, item_id):
        return
    what = pending[2]
    if kind == "withdraw":
        st.warning(
            f"Withdraw the share with {what}? Its commissioners lose their copy at once. You can share again later.",
            icon=":material/help:",
        )
    else:
        st.warning(f"Revoke {what}? Anyone who has it can no longer open it.", icon=":material/help:")
    yes, no, _ = st.columns([1, 1, 4])
    yes.button(
        "Yes, withdraw" if kind == "withdraw" else "Yes, revoke",
        type="primary",
        key=SHARING_YES,
        on_click=_confirmed,
        args=(store,),
    )
    no.button("Cancel", key=SHARING_NO, on_click=_cancel)


def link_status(link: ShareLink, at: dt.datetime) -> str:
    """Active, revoked (when) or expired (when)."""
    if link.revoked_at is not None:
        return f"revoked on {local_time(link.revoked_at)}"
    return "active" if link.usable(at) else f"expired on {local_time(link.expires_at)}"


def _new_link_box(assessment_id: str) -> None:
    new: NewLink | None = st.session_state.get(SHARING_NEW_LINK)
    if new is None:
        return
    if new.assessment_id != assessment_id:
        st.session_state.pop(SHARING_NEW_LINK, None)
        return
    st.success(
        "**Link created. Copy it now: it will not be shown again.** Only a fingerprint of it is kept, "
        "so nobody (you included) can look it up later; if it is lost, make a new one.",
        icon=":material/key:",
    )
    st.code(new.url, language=None, wrap_lines=True)
    if not new.absolute:
        st.caption(
            "The app's address could not be read from your browser, so this is the link's path on this server: "
            "put the address of this app in front of it (the part of this page's address before /sharing)."
        )
    st.caption(
        f"Anyone who has this link can read this copy without signing in, until {local_time(new.expires_at)} "
        "or until you revoke it."
    )
    if st.button("I have copied it: hide the link", key=SHARING_HIDE_LINK):
        st.session_state.pop(SHARING_NEW_LINK, None)
        st.rerun()


def links_section(store: Store, summary: AssessmentSummary) -> None:
    st.header("Share links for people without an account")
    st.markdown(
        "A share link lets **anyone who has it** read the results of this assessment **as it is now**, without "
        "signing in: a frozen copy, with no later changes, no other assessments and nothing they can change. "
        f"It stops working when it expires (after 1 to {LINK_DAYS_MAX} days) or when you revoke it."
    )
    _new_link_box(summary.id)
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    left.number_input(
        "Valid for (days)",
        min_value=1,
        max_value=LINK_DAYS_MAX,
        value=LINK_DAYS_DEFAULT,
        step=1,
        key=SHARING_DAYS,
        help=f"From 1 to {LINK_DAYS_MAX} days. The link stops working at the end of it.",
    )
    right.button(
        "Create a share link",
        key=SHARING_CREATE,
        on_click=_create_link,
        args=(store, summary.id, link_base()),
        icon=":material/add_link:",
    )
    links = store.share_links(summary.id)
    if not links:
        st.caption("No share links made yet.")
        return
    at = dt.datetime.now(dt.UTC)
    table = pd.DataFrame(
        [
            {
                "Created": local_time(link.created_at),
                "Created by": link.created_by,
                "Version of": local_time(link.version_at),
                "Expires": local_time(link.expires_at),
                "Status": link_status(link, at),
            }
            for link in links
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch", key=SHARING_LINKS)
    for link in links:
        if not link.usable(at):
            continue
        what = f"the link created on {local_time(link.created_at)} (expires {local_date(link.expires_at)})"
        st.button(
            f"Revoke {what}",
            key=SHARING_ASK.format(kind="revoke", id=link.id),
            on_click=ask,
            args=("revoke", link.id, what),
            icon=":material/link_off:",
        )
        confirm_box(store, "revoke", link.id)
