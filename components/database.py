"""The database as the user sees it: opened, opened read-only with a banner, or a plain refusal."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from bounceback.domain import BouncebackError
from bounceback.storage import DATABASE_ERRORS, database_problem
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


def unreadable(error: Exception) -> str:
    """What a page says when the database fails under it; the details go to the log."""
    _LOG.error("The database failed under a page", exc_info=error)
    return (
        f"bounceback couldn't read its database just now: {database_problem(error)}. "
        "Nothing was changed. Reload the page to try again."
    )


@contextmanager
def reading() -> Iterator[None]:
    """Run a page; a database that fails under it is said plainly, never as a traceback."""
    try:
        yield
    except DATABASE_ERRORS as error:
        st.error(md(unreadable(error)))
