"""A public demo: each visitor gets a private sandbox of sample data, thrown away afterwards."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bounceback import config
from bounceback.storage import Store
from components import state
from tests.conftest import TODAY, draft
from tests.pages.conftest import APP, button, full_form, sent, texts
from tests.pages.test_presenter_mode import PAGES


@pytest.fixture
def visit(db_url: str, monkeypatch: pytest.MonkeyPatch):
    """Open the app as a new demo visitor: a session of its own."""
    monkeypatch.setenv("BOUNCEBACK_DB_URL", db_url)
    monkeypatch.setenv("BOUNCEBACK_PUBLIC_DEMO", "1")

    def run(page: str | None = None) -> AppTest:
        app = AppTest.from_file(APP, default_timeout=30).run()
        if page:
            app.switch_page(page).run()
        return app

    return run


def _add(app: AppTest, company: str) -> None:
    """Add an application through the Pipeline page's form."""
    full_form(app.switch_page("app_pages/pipeline.py").run())
    app.text_input(key="add:company").input(company)
    app.text_input(key="add:role").input("Analyst")
    button(app, "Add application").click().run()


def test_a_demo_visitor_starts_with_the_sample_story(visit):
    app = visit()
    assert not app.exception
    assert "Today" in texts(app)
    assert app.metric[0].value != "0"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_works_in_the_demo(page, visit):
    assert not visit(page).exception


def test_a_demo_visitors_changes_stay_in_their_own_sandbox(visit, db_url: str):
    first, second = visit(), visit()
    _add(first, "Only In The First Sandbox")
    assert "Added Only In The First Sandbox" in texts(first)
    second.session_state["pipeline:view"] = "Table"
    second.switch_page("app_pages/pipeline.py").run()
    assert "Only In The First Sandbox" not in second.dataframe[0].value["company"].tolist()
    assert Store.open(db_url).all() == []


def test_the_shared_database_gets_no_writes_at_all(visit, db_url: str):
    _add(visit(), "Nowhere Near The Real Database")
    assert not Path(db_url.removeprefix("sqlite:///")).exists() or Store.open(db_url).is_empty()


def test_a_sandbox_goes_when_its_session_goes(visit):
    gc.collect()
    before = len(state._sandboxes)
    app = visit()
    assert len(state._sandboxes) == before + 1
    del app
    gc.collect()
    assert len(state._sandboxes) == before


@pytest.mark.parametrize("word", ["enabled", "y", "treu"])
def test_a_demo_setting_the_app_cannot_read_stops_it_with_a_clear_page(
    word, db_url: str, monkeypatch: pytest.MonkeyPatch
):
    Store.open(db_url).add_application(draft(company="Shared Database Row"), today=TODAY)
    monkeypatch.setenv("BOUNCEBACK_DB_URL", db_url)
    monkeypatch.setenv("BOUNCEBACK_PUBLIC_DEMO", word)
    app = AppTest.from_file(APP, default_timeout=30).run()
    assert not app.exception
    assert "bounceback can't start" in texts(app)
    assert "neither true nor false" in texts(app)
    assert "Shared Database Row" not in sent(app)
    assert [candidate.label for candidate in app.button] == []


def test_public_demo_quoted_in_the_secrets_turns_the_demo_on(
    db_url: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("BOUNCEBACK_DB_URL", db_url)
    monkeypatch.delenv("BOUNCEBACK_PUBLIC_DEMO", raising=False)
    app = AppTest.from_file(APP, default_timeout=30)
    app.secrets["public_demo"] = "true"
    app.run()
    assert not app.exception
    assert "This is a public demo" in texts(app)
    assert Store.open(db_url).is_empty()


def test_a_hosted_app_without_a_database_warns_that_data_will_not_survive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("BOUNCEBACK_DB_URL", raising=False)
    monkeypatch.delenv("BOUNCEBACK_PUBLIC_DEMO", raising=False)
    monkeypatch.setattr(config, "DEFAULT_DB_PATH", tmp_path / "on-the-hosts-disk.db")
    monkeypatch.setenv("BOUNCEBACK_HOSTED", "true")
    warned = AppTest.from_file(APP, default_timeout=30).run()
    assert not warned.exception
    assert "will be lost when the app restarts" in texts(warned)
    monkeypatch.setenv("BOUNCEBACK_HOSTED", "false")
    assert "will be lost" not in texts(AppTest.from_file(APP, default_timeout=30).run())
