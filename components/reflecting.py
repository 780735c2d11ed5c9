"""The Reflect page's state: which application it looks back on, and which reflection is open."""

from __future__ import annotations

import streamlit as st

from components.state import typed

PICK = "reflect:application"
LAST_PICK = "reflect:last_application"
EDITING = "reflect:editing"


def open_reflection(application_id: int) -> None:
    """Point the Reflect page at one application, with a new reflection in the form."""
    st.session_state[PICK] = application_id
    st.session_state[EDITING] = None


def edit(reflection_id: int | None) -> None:
    """Open a saved reflection in the form, or go back to a new one."""
    st.session_state[EDITING] = reflection_id


def editing() -> int | None:
    """The saved reflection open in the form, or None for a new one."""
    return typed(EDITING, int)
