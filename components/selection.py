"""Which application is open in the Pipeline's detail panel: one owner for that choice."""

from __future__ import annotations

import streamlit as st

from components.state import typed

KEY = "selected_application"


def open(application_id: int) -> None:
    """Open an application's detail panel (called as selection.open)."""
    st.session_state[KEY] = application_id


def close() -> None:
    """Go back to the whole pipeline."""
    st.session_state[KEY] = None


def selected() -> int | None:
    """The application whose detail panel is open, or None."""
    return typed(KEY, int)
