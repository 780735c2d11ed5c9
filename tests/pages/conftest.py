"""AppTest fixtures: the real app on a database file of its own, caches cleared."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bounceback.domain import Settings
from bounceback.sample import generate
from bounceback.storage import Store

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def open_app(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Callable[[str | None], AppTest]:
    """Run the app on one page, against this test's database."""
    monkeypatch.setenv("BOUNCEBACK_DB_URL", db_url)
    st.cache_data.clear()
    st.cache_resource.clear()

    def run(page: str | None = None) -> AppTest:
        app = AppTest.from_file(APP, default_timeout=30).run()
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
