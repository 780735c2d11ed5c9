"""The shared sidebar and sign-in: presenter mode, who is signed in, the demo notice."""

from __future__ import annotations

import streamlit as st

from bounceback.config import login_providers
from components.state import (
    PRESENTER,
    config_problem,
    demo,
    identity_problem,
    login_required,
    presenting,
    secrets,
    storage_at_risk,
)
from components.text import md

PRESENTER_HELP = (
    "For sharing your screen: employer names become Company A, B, C; contact details, "
    "salaries, links and notes are hidden, in downloads too. Add ?presenter=1 to the "
    "address to start with it on."
)


def presenter_switch() -> None:
    """The presenter-mode toggle, mirrored in the address so an advisor can bookmark it."""
    st.toggle("Presenter mode", key=PRESENTER, help=PRESENTER_HELP)
    if presenting():
        st.query_params[PRESENTER] = "1"
    elif PRESENTER in st.query_params:
        del st.query_params[PRESENTER]


def presenter_banner() -> None:
    """A line on every page while names are hidden, so the presenter can trust the screen."""
    if presenting():
        st.caption(
            ":material/visibility_off: Presenter mode: employer names, contact details, "
            "salaries and notes are hidden."
        )


def storage_warning() -> None:
    """On a host whose disk is wiped on restart, say so before anyone trusts it with data."""
    if storage_at_risk():
        st.warning(
            "This app is hosted without a database, so what you save here is kept on the "
            "host's own disk and will be lost when the app restarts. To keep it, set a "
            "database URL (the README's deployment guide shows how).",
            icon=":material/warning:",
        )


def account() -> None:
    """Who is signed in, with a way out; or the demo notice."""
    if login_required() and st.user.is_logged_in:
        who = st.user.get("email") or st.user.get("name") or "you"
        # An address on a shared screen says who the client is: presenter mode leaves it out.
        st.caption("Signed in" if presenting() else f"Signed in as {md(str(who))}")
        st.button("Sign out", on_click=st.logout, key="account:logout")
    elif demo():
        st.caption(
            "This is a public demo: you have your own copy of some sample data. Change "
            "anything you like; it goes when you close the tab, and nobody else sees it."
        )


def sign_in() -> None:
    """The only page before signing in: what the app is, and the way in."""
    st.title("bounceback")
    st.markdown(
        "Keep track of every application, see how your results compare with the usual "
        "odds, and learn from each interview. Sign in to see your own tracker; "
        "nobody else can see what you keep here."
    )
    for provider in login_providers(secrets()):
        label = f"Sign in with {provider.title()}" if provider else "Sign in"
        st.button(
            label,
            type="primary",
            key=f"account:login:{provider or 'default'}",
            on_click=st.login,
            args=(provider,) if provider else (),
        )


def unidentified() -> None:
    """A sign-in that can't be told apart from anyone else's: say so, show nothing else."""
    st.title("bounceback")
    st.error(
        f"{md(identity_problem())} To keep your data apart from everyone else's, bounceback "
        "needs one. Please sign out and sign in with another account or provider.",
        icon=":material/person_off:",
    )
    st.button("Sign out", on_click=st.logout, key="account:logout:unidentified")


def cannot_start() -> None:
    """The only page while a setting can't be read for sure: which one, and what it takes."""
    st.title("bounceback can't start")
    st.error(md(config_problem()), icon=":material/settings_alert:")
    st.caption("The deployment guide in the README lists every setting and its values.")
