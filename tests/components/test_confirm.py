"""Asking first: the question opens on the first click, and closes again on 'keep'."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script() -> None:
    """One action that asks first, with a way to back out."""
    import streamlit as st

    from components import confirm

    if confirm.ask("asked", "Delete…", "ask"):
        st.warning("Delete it?")
        confirm.keep("asked", "Keep it", "no")


def test_the_question_opens_then_closes_without_doing_anything() -> None:
    app = AppTest.from_function(_script).run()
    assert not app.warning
    app.button(key="ask").click().run()
    assert app.session_state["asked"] is True
    assert [w.value for w in app.warning] == ["Delete it?"]
    app.button(key="no").click().run()
    assert "asked" not in app.session_state
    assert not app.warning
    assert app.button(key="ask").label == "Delete…"
