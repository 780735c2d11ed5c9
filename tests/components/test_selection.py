"""The Pipeline's open application has one owner: open, close and read it back typed."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script() -> None:
    """Open, close or read the selection as the widget named by the test says."""
    import streamlit as st

    from components import selection

    action = st.session_state.get("action")
    if action == "open":
        selection.open(7)
    elif action == "close":
        selection.close()
    st.session_state["seen"] = selection.selected()


def _run(**state: object) -> AppTest:
    """The script run once with these session values set first."""
    app = AppTest.from_function(_script)
    for name, value in state.items():
        app.session_state[name] = value
    return app.run()


def test_nothing_is_open_at_first() -> None:
    assert _run().session_state["seen"] is None


def test_open_then_close() -> None:
    app = _run(action="open")
    assert app.session_state["seen"] == 7
    app.session_state["action"] = "close"
    assert app.run().session_state["seen"] is None


def test_a_value_that_is_no_id_reads_as_nothing_open() -> None:
    assert _run(selected_application="7").session_state["seen"] is None
