"""Drafts that outlive their widgets, so nothing typed is lost when the user looks elsewhere.

Streamlit forgets a widget's value once a run no longer draws it (another page, say). A form
calls `restore` before drawing its widgets and `keep` after, and its typing survives.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

_DRAFTS = "drafts"


def restore(prefix: str) -> None:
    """Put a kept draft back into the widgets' keys before they are drawn."""
    for key, value in st.session_state.get(_DRAFTS, {}).get(prefix, {}).items():
        if key not in st.session_state:
            st.session_state[key] = value


def keep(prefix: str, keys: Iterable[str]) -> None:
    """Copy the widgets' current values into the draft."""
    draft = st.session_state.setdefault(_DRAFTS, {}).setdefault(prefix, {})
    for key in keys:
        if key in st.session_state:
            draft[key] = st.session_state[key]


def discard(prefix: str) -> None:
    """Forget a draft and its widgets' values, after a save."""
    st.session_state.get(_DRAFTS, {}).pop(prefix, None)
    for key in [key for key in st.session_state if str(key).startswith(f"{prefix}:")]:
        del st.session_state[key]


def has(prefix: str) -> bool:
    """Whether there is unsaved typing for this form."""
    return bool(st.session_state.get(_DRAFTS, {}).get(prefix))
