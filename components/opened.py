"""The saved version each edit form was opened at, kept with the form's own keys.

Every save from a form names the version its fields were filled from, never the one the
page read on this run: a form refused as changed elsewhere stays refused, however often
Save is pressed, until the user reloads the saved version into it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

from bounceback.domain import ChangedElsewhere
from components.text import md

T = TypeVar("T")
_AT = "opened_at"
_STALE = "stale"


def _key(form: str, name: str) -> str:
    """A key private to one form, next to its widgets' keys."""
    return f"{form}:{name}"


def mark(form: str, record: str, version: int) -> None:
    """Remember that the form's fields were just filled from this saved version."""
    st.session_state[_key(form, _AT)] = (record, version)
    st.session_state.pop(_key(form, _STALE), None)


def keep(form: str, record: str, version: int) -> None:
    """Mark the form as opened at this version, unless it was opened already."""
    if _key(form, _AT) not in st.session_state:
        mark(form, record, version)


def forget(form: str) -> None:
    """The form is closed or emptied: the next one drawn starts from the saved version."""
    st.session_state.pop(_key(form, _AT), None)
    st.session_state.pop(_key(form, _STALE), None)


class ShownOnForm(Exception):
    """A refusal the form says itself (see refusal), so the callback adds no second message."""


def stale(form: str) -> bool:
    """Whether the form's last save was refused because the record changed elsewhere."""
    return bool(st.session_state.get(_key(form, _STALE)))


def save(form: str, write: Callable[[int], T]) -> T:
    """Run a write naming the form's opened-at version; a refusal marks the form stale.

    When the write lands, this session moved the record on itself, so its other forms
    opened at the same version follow it (their fields were not made stale by it).
    """
    record, version = st.session_state[_key(form, _AT)]
    try:
        result = write(version)
    except ChangedElsewhere as error:
        st.session_state[_key(form, _STALE)] = True
        raise ShownOnForm from error
    moved_on(record, version)
    return result


def moved_on(record: str, version: int) -> None:
    """This session saved the record from this version: its forms opened at it follow."""
    for key, value in list(st.session_state.items()):
        if str(key).endswith(f":{_AT}") and value == (record, version):
            st.session_state[key] = (record, version + 1)


def refusal(form: str, what: str, differs: Sequence[str], reload: Callable[[], None]) -> None:
    """After a stale save: say so, name what differs, and offer to reload the saved version."""
    if not stale(form):
        return
    where = (
        f" The saved version differs in: {', '.join(md(name) for name in differs)}."
        if differs
        else ""
    )
    st.warning(
        f"{what} changed elsewhere (another tab or window) since you opened this form, "
        f"so your changes here are not saved.{where} Reload the saved version, then make "
        "your change again.",
        icon=":material/sync_problem:",
    )
    st.button("Reload the saved version", key=_key(form, "reload"), on_click=reload)
