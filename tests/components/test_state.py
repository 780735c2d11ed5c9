"""The cache key is read by name, and session values come back as the type asked for."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from components.state import Key, unmasked


def test_unmasked_keeps_the_data_and_shows_the_names() -> None:
    key = Key(source="sqlite://", owner="local", revision=4, masked=True)
    assert unmasked(key) == Key("sqlite://", "local", 4, False)
    assert unmasked(key).revision == 4


def _script() -> None:
    """Read two session values back typed."""
    import streamlit as st

    from components.state import typed

    st.session_state["as_int"] = typed("value", int)
    st.session_state["as_str"] = typed("value", str)
    st.session_state["missing"] = typed("nothing here", int)


def test_typed_gives_the_value_only_when_it_is_of_that_type() -> None:
    app = AppTest.from_function(_script)
    app.session_state["value"] = 5
    app.run()
    assert app.session_state["as_int"] == 5
    assert app.session_state["as_str"] is None
    assert app.session_state["missing"] is None
