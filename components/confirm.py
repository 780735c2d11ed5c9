"""Actions that ask first: one button opens the question, another takes it back."""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator


def ask(
    asked: str, label: str, key: str, where: DeltaGenerator | None = None, **options: Any
) -> bool:
    """Whether the question under `asked` is open; if not, the button that opens it."""
    if st.session_state.get(asked):
        return True
    (where or st).button(
        label, key=key, on_click=lambda: st.session_state.update({asked: True}), **options
    )
    return False


def keep(asked: str, label: str, key: str, where: DeltaGenerator | None = None) -> None:
    """The button that closes the question without doing anything."""
    (where or st).button(label, key=key, on_click=lambda: st.session_state.pop(asked, None))
