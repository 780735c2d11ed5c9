"""Download buttons built on the click, whose failures are never silent: said plainly, and logged.

A file made on the click is made on a worker thread with no session, after the run: its error
can't be shown from there. So the click also reruns the button's fragment, and that rerun
waits for the file to be made; if making it failed, it says so above the button.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from bounceback.domain import BouncebackError
from components.text import md

_LOG = logging.getLogger(__name__)
# How long a rerun waits for a file before going on without news of it.
WAIT_SECONDS = 30.0


@dataclass
class _Attempt:
    """What the click's worker thread tells the rerun: done, and what went wrong if anything."""

    done: threading.Event = field(default_factory=threading.Event)
    problem: str | None = None


def _attempt(key: str) -> _Attempt:
    """This button's shared record, kept in the session so the worker thread can reach it."""
    found = st.session_state.get(key)
    if not isinstance(found, _Attempt):
        found = _Attempt()
        st.session_state[key] = found
    return found


def _made(build: Callable[[], str | bytes], attempt: _Attempt, what: str) -> Callable[[], bytes]:
    """The builder, with a failure recorded and logged instead of lost."""

    def make() -> bytes:
        try:
            data = build()
            attempt.problem = None
            return data.encode("utf-8") if isinstance(data, str) else data
        except Exception as error:
            _LOG.exception("Making %s for download failed", what)
            reason = str(error) if isinstance(error, BouncebackError) else "something went wrong"
            attempt.problem = (
                f"Couldn't make {what}: {reason}. Nothing in your data was changed, and the "
                "problem was logged. Please try again in a moment."
            )
            raise
        finally:
            attempt.done.set()

    return make


def _report(key: str) -> None:
    """On the click's rerun: wait for the file, then say if it couldn't be made."""
    attempt = _attempt(key)
    if not attempt.done.wait(WAIT_SECONDS):
        _LOG.warning("No word from the download %s after %s s", key, WAIT_SECONDS)
        return
    attempt.done.clear()
    if attempt.problem:
        st.session_state[f"{key}:problem"] = attempt.problem
        attempt.problem = None


def button(
    label: str,
    build: Callable[[], str | bytes],
    *,
    what: str,
    key: str,
    **options: object,
) -> None:
    """A download button whose file is made on the click; a failure is shown, never swallowed."""
    _offered(label, build, what, f"download:{key}", options)


# A fragment, so a click reruns the button alone: a whole-page rerun clears the queue the
# file's answer waits in, which left a spinner and no file about one click in twenty.
@st.fragment
def _offered(
    label: str, build: Callable[[], str | bytes], what: str, state: str, options: dict[str, object]
) -> None:
    """The button and, after a click whose file couldn't be made, the reason above it."""
    problem = st.session_state.pop(f"{state}:attempt:problem", None)
    if problem:
        st.warning(md(problem), icon=":material/error:")
    st.download_button(
        label,
        data=_made(build, _attempt(f"{state}:attempt"), what),
        on_click=_report,
        args=(f"{state}:attempt",),
        key=state,
        **options,  # type: ignore[arg-type]
    )
