"""AppTest fixtures: the real app on a database file of its own, caches cleared."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bounceback.domain import Settings
from bounceback.sample import generate
from bounceback.storage import Store

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def open_app(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Run the app on one page, against this test's database."""
    monkeypatch.setenv("BOUNCEBACK_DB_URL", db_url)
    st.cache_data.clear()
    st.cache_resource.clear()

    def run(page: str | None = None, query: dict[str, str] | None = None) -> AppTest:
        app = AppTest.from_file(APP, default_timeout=30)
        app.query_params.update(query or {})
        app.run()
        if page:
            app.switch_page(page).run()
        return app

    return run


@pytest.fixture
def sample_db(db_url: str) -> Store:
    """The sample story in this test's database."""
    store = Store.open(db_url)
    store.load(generate(60), Settings(onboarded=True))
    return store


def texts(app: AppTest) -> str:
    """Every piece of text on the page, for 'the user can see it' checks."""
    parts = [element.value for element in app.markdown]
    parts += [element.value for element in app.caption]
    parts += [str(element.value) for element in app.info]
    parts += [str(element.value) for element in app.success]
    parts += [str(element.value) for element in app.warning]
    parts += [str(element.value) for element in app.error]
    parts += [element.value for element in app.title]
    parts += [element.value for element in app.subheader]
    # Markdown escapes (\( for a literal paren) are not what the user sees.
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def button(app: AppTest, label: str):  # AppTest's Button type is private
    """The first button with this label."""
    matches = [candidate for candidate in app.button if candidate.label == label]
    assert matches, f"no button {label!r}; buttons: {[b.label for b in app.button]}"
    return matches[0]


def sent(app: AppTest) -> str:
    """Everything the app sent to the browser: every element's proto as text, charts included.

    Dataframes travel as Arrow bytes, so their cells are decoded and added too.
    """
    parts: list[str] = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        value = getattr(node, "value", None)
        if isinstance(value, pd.DataFrame):
            parts.append(value.to_csv())
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app._tree)
    return "\n".join(parts)


def full_form(app: AppTest) -> AppTest:
    """Open the Pipeline page's form with every field, as a click on its header does: it is
    drawn once asked for."""
    app.session_state["pipeline:add_open"] = True
    return app.run()
