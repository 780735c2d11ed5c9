"""One write per drawn button: a double-click or a resubmitted form never saves twice.

A Save button carries the count of saves its form had when it was drawn. The first click
claims that count; a second click sent before the page redrew names a count already
claimed, so its callback writes nothing.
"""

from __future__ import annotations

import streamlit as st

_COUNTS = "once:counts"


def drawn(form: str) -> int:
    """The count to give this form's Save button as it is drawn."""
    return st.session_state.get(_COUNTS, {}).get(form, 0)


def claim(form: str, count: int) -> bool:
    """True for the first click drawn with this count, False for any repeat of it."""
    counts = st.session_state.setdefault(_COUNTS, {})
    if counts.get(form, 0) != count:
        return False
    counts[form] = count + 1
    return True
