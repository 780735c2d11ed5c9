"""Field errors: kept per form between runs, shown right under the field they concern."""

from __future__ import annotations

import streamlit as st


def _key(prefix: str) -> str:
    """Where a form's errors live in session state (cleared with the form's other keys)."""
    return f"{prefix}:errors"


def remember(prefix: str, errors: dict[str, str]) -> None:
    """Keep a refused save's errors (or none, after a good one) for the next run."""
    st.session_state[_key(prefix)] = errors


def of(prefix: str) -> dict[str, str]:
    """The errors from this form's last save."""
    return st.session_state.get(_key(prefix), {})


def show(prefix: str, name: str) -> None:
    """Show one field's error right under it."""
    message = of(prefix).get(name)
    if message:
        st.error(message, icon=":material/error:")


def summary(prefix: str) -> None:
    """Say at the top that nothing was saved, when anything was refused."""
    if of(prefix):
        st.error("Nothing was saved yet: please fix the fields marked below.")
