"""Sign-in: with `[auth]` set, nothing shows before sign-in, then only the user's own data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bounceback.domain import Settings
from bounceback.sample import generate
from bounceback.storage import Store, make_engine, metadata
from tests.conftest import TODAY, _postgres_url
from tests.identifying import COMPANY, SECRETS, seed_identifying
from tests.pages.conftest import APP, sent, texts
from tests.pages.test_presenter_mode import PAGES

AUTH = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "client_id": "x"}}
GOOGLE = "https://accounts.google.com"
OTHER = "https://login.other.example"
ALICE = {
    "is_logged_in": True,
    "iss": GOOGLE,
    "sub": "110248495921238986420",
    "email": "alice@example.com",
    "email_verified": True,
    "name": "Alice",
}
BOB = {**ALICE, "sub": "209384756102938475610", "email": "bob@example.com", "name": "Bob"}
# Each would have been `user:alice@example.com` before issuers and verification were checked.
IMPOSTORS = {
    "unverified email elsewhere": {
        **ALICE,
        "iss": OTHER,
        "sub": "1",
        "email": "ALICE@example.com",
        "email_verified": False,
    },
    "email as subject": {"is_logged_in": True, "iss": OTHER, "sub": "alice@example.com"},
    "no verification claim": {**ALICE, "iss": OTHER, "sub": "2", "email_verified": None},
}


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Sign-in is for hosted use, so every check runs on a SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'bounceback.db'}"
        return
    url = _postgres_url()
    engine = make_engine(url)
    metadata.drop_all(engine)
    engine.dispose()
    yield url


@pytest.fixture
def alices_data(db_url: str) -> list[str]:
    """Alice's sample story and identifying details; returns every string Bob must never see.

    Kept under the owner id earlier versions gave her (`user:` + e-mail), so signing in
    also proves the upgrade.
    """
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
    app.switch_page("app_pages/pipeline.py").run()
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


@pytest.mark.parametrize("impostor", list(IMPOSTORS))
def test_nobody_else_who_shares_alices_email_sees_her_data(impostor, signed_in, alices_data):
    app = signed_in(IMPOSTORS[impostor], "app_pages/pipeline.py")
    assert not app.exception
    assert [secret for secret in alices_data if secret in sent(app)] == []


def test_alices_verified_sign_in_claims_her_data_once_and_keeps_it(signed_in, alices_data, db_url):
    app = signed_in(ALICE)
    app.session_state["pipeline:view"] = "Table"
    app.switch_page("app_pages/pipeline.py").run()
    assert COMPANY in app.dataframe[0].value["company"].tolist()
    engine = Store.open(db_url).engine
    assert Store(engine, "user:alice@example.com").is_empty()
    # Another provider vouching for the same address later finds nothing left to claim.
    elsewhere = signed_in({**ALICE, "iss": OTHER, "sub": "3"}, "app_pages/pipeline.py")
    assert [secret for secret in alices_data if secret in sent(elsewhere)] == []
    again = signed_in(ALICE)
    again.session_state["pipeline:view"] = "Table"
    again.switch_page("app_pages/pipeline.py").run()
    assert COMPANY in again.dataframe[0].value["company"].tolist()


def test_a_sign_in_that_names_nobody_for_sure_sees_only_a_way_out(signed_in, alices_data):
    app = signed_in({"is_logged_in": True, "iss": OTHER, "email": "alice@example.com"})
    assert not app.exception
    assert "neither a subject nor a verified email" in texts(app)
    assert [candidate.label for candidate in app.button] == ["Sign out"]
    assert [secret for secret in alices_data if secret in sent(app)] == []


def test_presenter_mode_leaves_the_signed_in_address_out_of_the_sidebar(signed_in, alices_data):
    assert "alice@example.com" in texts(signed_in(ALICE)).replace("\u2060", "")
    import streamlit as st

    st.cache_data.clear()
    app = AppTest.from_file(APP, default_timeout=30)
    app.secrets.update(AUTH)
    app.user = dict(ALICE)
    app.query_params["presenter"] = "1"
    app.run()
    assert not app.exception
    assert "Signed in" in texts(app)
    assert "alice@example.com" not in texts(app).replace("\u2060", "")
