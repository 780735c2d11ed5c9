"""The Reflect page's state has one owner: others open a reflection through it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script() -> None:
    """Open a reflection or edit one, as the test asks, and read back what is open."""
    import streamlit as st

    from components import reflecting

    action = st.session_state.get("action")
    if action == "open":
        reflecting.open_reflection(3)
    elif action == "edit":
        reflecting.edit(12)
    st.session_state["seen"] = reflecting.editing()


def test_opening_a_reflection_points_at_the_application_with_a_new_form() -> None:
    app = AppTest.from_function(_script)
    app.session_state["action"] = "edit"
    assert app.run().session_state["seen"] == 12
    app.session_state["action"] = "open"
    app.run()
    assert app.session_state["reflect:application"] == 3
    assert app.session_state["seen"] is None
