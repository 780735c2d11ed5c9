"""Sign-in: with `[auth]` set, nothing shows before sign-in, then only the user's own data."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bounceback.domain import Settings
from bounceback.sample import generate
from bounceback.storage import Store
from tests.conftest import TODAY
from tests.identifying import COMPANY, SECRETS, seed_identifying
from tests.pages.conftest import APP, sent, texts
from tests.pages.test_presenter_mode import PAGES

AUTH = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "client_id": "x"}}
ALICE = {"is_logged_in": True, "email": "alice@example.com", "name": "Alice"}
BOB = {"is_logged_in": True, "email": "bob@example.com", "name": "Bob"}


@pytest.fixture
def alices_data(db_url: str) -> list[str]:
    """Alice's sample story and identifying details; returns every string Bob must never see."""
    store = Store(Store.open(db_url).engine, "user:alice@example.com")
    story = generate(20)
    store.load(story, Settings(onboarded=True))
    seed_identifying(store, TODAY)
    return [*SECRETS, *{item.draft.company for item in story}]


@pytest.fixture
def signed_in(db_url: str, monkeypatch: pytest.MonkeyPatch):
    """Open the app as a given user (or nobody) with sign-in configured."""
    monkeypatch.setenv("BOUNCEBACK_DB_URL", db_url)

    def run(user: dict, page: str | None = None) -> AppTest:
        import streamlit as st

        st.cache_data.clear()
        st.cache_resource.clear()
        app = AppTest.from_file(APP, default_timeout=30)
        app.secrets.update(AUTH)
        app.user = dict(user)
        app.run()
        if page:
            app.switch_page(page).run()
        return app

    return run


def test_a_visitor_who_has_not_signed_in_sees_only_the_way_in(signed_in, alices_data):
    app = signed_in({"is_logged_in": False})
    assert not app.exception
    assert [candidate.label for candidate in app.button] == ["Sign in"]
    assert "Sign in to see your own tracker" in texts(app)
    assert [secret for secret in alices_data if secret in sent(app)] == []


def test_a_signed_in_user_sees_their_own_data(signed_in, alices_data):
    app = signed_in(ALICE)
    app.session_state["selected_application"] = None
    app.switch_page("pages/pipeline.py").run()
    assert not app.exception
    assert "Signed in as" in texts(signed_in(ALICE))
    app.session_state["pipeline:view"] = "Table"
    app.run()
    assert COMPANY in app.dataframe[0].value["company"].tolist()


@pytest.mark.parametrize("page", PAGES)
def test_another_user_sees_none_of_alices_data_on(page, signed_in, alices_data):
    app = signed_in(BOB, page)
    assert not app.exception
    shown = sent(app)
    assert [secret for secret in alices_data if secret in shown] == []


def test_another_user_starts_at_the_welcome(signed_in, alices_data):
    app = signed_in(BOB)
    assert "Welcome to bounceback" in texts(app)
