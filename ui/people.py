"""Who is using the app: the mode (organisation sign-in or single-user), the viewer, and the pages about signing in.

The mode follows the secrets (``ui/guard.py``): an ``[auth]`` section means organisation mode,
where people sign in with ``st.login`` and see what their workspace memberships allow; no
``[auth]`` means single-user mode, which is refused on a network address.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAuthError

from assessments.store import Membership, Role, Store, Viewer
from ui import guard
from ui.keys import PAGE_ACCESSIBILITY, PEOPLE_SIGN_IN, PEOPLE_SIGN_OUT
from ui.listing import examples_section
from ui.state import AppContext
from ui.widgets import md_line

APP_SUMMARY = (
    "A self-assessment of how ready an adult social care innovation is to grow, using three published "
    "frameworks: SCIE's scaling factors, the NASSS complexity domains, and a planning record based on "
    "Brown's SIPS structure. Innovators answer the questions and share the results; commissioners "
    "compare what has been shared with them."
)


@dataclass(frozen=True)
class Person:
    """The person using the app in this session, and what the app's navigation is built from."""

    viewer: Viewer
    single_user: bool
    memberships: tuple[Membership, ...] = ()
    email: str = ""
    """The address as the identity provider sent it (shown to the person; the viewer holds it in lower case)."""

    @property
    def signed_in(self) -> bool:
        """True in single-user mode and for anyone signed in; False before signing in."""
        return self.viewer.signed_in

    @property
    def roles(self) -> frozenset[Role]:
        """Every role the person holds, in any workspace."""
        return frozenset(m.role for m in self.memberships)


def auth_settings() -> Mapping[str, Any] | None:
    """The ``[auth]`` secrets section, or None when sign-in is not set up (no section, or no secrets file)."""
    return guard.auth_section(st.secrets)


def refuse_if_open() -> None:
    """In single-user mode on a network address (and no override), show why the app refuses, and stop."""
    reason = guard.refusal(st.get_option("server.address"), auth_configured=auth_settings() is not None, env=os.environ)
    if reason:
        st.title("This installation is not safe to use as it is set up")
        st.error("\n\n".join(md_line(p) for p in reason.split("\n\n")), icon=":material/gpp_bad:")
        st.stop()


def identify(store: Store) -> Person:
    """Decide the mode and the viewer for this run.

    Stops the run (after showing why) when single-user mode is refused on a network address
    (:func:`refuse_if_open`, checked again here) or when a signed-in person's identity provider
    sent no usable e-mail address.
    """
    if auth_settings() is None:
        refuse_if_open()
        viewer = Viewer.local()
        return Person(viewer, True, tuple(store.as_viewer(viewer).my_memberships()))
    user = st.user
    if not user.get("is_logged_in"):
        return Person(Viewer.anonymous(), False)
    email = user.get("email")
    if not isinstance(email, str) or not email.strip() or user.get("email_verified") is False:
        _unusable_identity(email if isinstance(email, str) else "")
        st.stop()
    viewer = Viewer.member(email)
    memberships = tuple(store.as_viewer(viewer).my_memberships())
    account_sidebar(email)
    return Person(viewer, False, memberships, email.strip())


def account_sidebar(email: str) -> None:
    """The sidebar lines every signed-in person sees: who they are signed in as, and signing out."""
    st.sidebar.text(f"Signed in as {email}")
    st.sidebar.button("Sign out", key=PEOPLE_SIGN_OUT, on_click=st.logout, icon=":material/logout:")


def _unusable_identity(email: str) -> None:
    st.title("Your account cannot be used here yet")
    if email.strip():
        st.error(
            "Your identity provider says your e-mail address is not verified. This app gives access by "
            "e-mail address, so it only accepts verified ones. Verify the address with your organisation, "
            "or ask whoever runs this installation.",
            icon=":material/no_accounts:",
        )
    else:
        st.error(
            "You signed in, but your identity provider did not send your e-mail address (the 'email' claim). "
            "This app gives access by e-mail address, so it cannot tell which workspaces are yours. Whoever "
            "runs this installation must set up the provider to send it (the 'email' scope of OpenID Connect; "
            "see 'Sign-in' in the README).",
            icon=":material/no_accounts:",
        )
    st.button("Sign out", key=PEOPLE_SIGN_OUT, on_click=st.logout, icon=":material/logout:")


def sign_in_page(ctx: AppContext) -> None:
    """The page shown before signing in: what the app is, and the sign-in button(s)."""
    st.title("Scaling readiness self-assessment")
    st.markdown(APP_SUMMARY)
    providers = guard.sign_in_providers(auth_settings() or {})
    if len(providers) <= 1:
        choices: list[tuple[str | None, str]] = [
            (providers[0] if providers else None, "Sign in with your organisation account")
        ]
    else:
        choices = [(p, f"Sign in with {p or 'your organisation account'}") for p in providers]
    for index, (provider, label) in enumerate(choices):
        if st.button(label, key=f"{PEOPLE_SIGN_IN}:{index}", type="primary", icon=":material/login:"):
            try:
                if provider is None:
                    st.login()
                else:
                    st.login(provider)
            except StreamlitAuthError as exc:
                st.error(
                    f"Sign-in is not set up correctly on this installation: {exc} "
                    "Tell whoever runs it (see 'Sign-in' in the README).",
                    icon=":material/error:",
                )
    st.caption(
        "Access is given by your workspace's admin, who adds your work e-mail address as an innovator "
        "(to assess and share) or a commissioner (to compare what is shared with you). If you can sign in "
        "but see nothing, ask them."
    )
    if ctx.has_page(PAGE_ACCESSIBILITY):
        st.page_link(ctx.page(PAGE_ACCESSIBILITY), label="Accessibility statement", icon=":material/accessibility_new:")


def no_access_page(ctx: AppContext) -> None:
    """Home for a signed-in person who belongs to no workspace yet: whom to ask, and the examples to look at."""
    st.title("You do not have access to a workspace yet")
    st.markdown(
        "You are signed in, but no workspace has added you yet, so there are no assessments for you here. "
        "Ask the admin of your organisation's workspace in this app to add you, as an innovator (to assess "
        "and share) or a commissioner (to compare what is shared with you). They add you by this address:"
    )
    st.text(str(ctx.viewer.email or "(no address)"))
    st.markdown(APP_SUMMARY)
    examples_section(ctx)
    st.button("Sign out", key=f"{PEOPLE_SIGN_OUT}:page", on_click=st.logout, icon=":material/logout:")
