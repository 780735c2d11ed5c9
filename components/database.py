"""The database as the user sees it: opened, opened read-only with a banner, or a plain refusal."""

from __future__ import annotations

import logging

import streamlit as st

from bounceback.domain import BouncebackError
from components.state import store
from components.text import md

_LOG = logging.getLogger(__name__)


def problem() -> str | None:
    """Why the database can't be used, in plain words, or None when it opened."""
    try:
        store()
    except BouncebackError as error:
        _LOG.warning("The database could not be opened: %s", error, exc_info=error)
        return str(error)
    return None


def refusal() -> None:
    """The only page while the database can't be opened: what happened, no traceback."""
    st.title("bounceback")
    st.error(md(problem() or "The database is back: reload the page."))


def read_only_banner() -> None:
    """A line on every page while nothing can be saved, and why."""
    reason = store().read_only
    if reason:
        st.warning(
            md(
                f"Read-only: {reason}, so nothing can be saved. You can look at everything; "
                "to make changes again, make it writable and restart bounceback."
            ),
            icon=":material/lock:",
        )
