"""A read-only, full or newer database: plain words on every page, nothing raw, nothing lost."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
import sqlalchemy as sa

from bounceback.domain import Settings
from bounceback.sample import generate
from bounceback.storage import Store, make_engine
from components import state
from tests.conftest import read_only_file
from tests.pages.conftest import button, full_form, texts
from tools.server import PAGE_FILES

RAW = ("OperationalError", "Traceback", "sqlite3", "readonly database", "database or disk")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _no_raw_error(app) -> None:
    assert not app.exception
    shown = texts(app)
    assert not any(word in shown for word in RAW), shown


@pytest.fixture
def db_path(db_url: str) -> Path:
    """The sample story in this test's database file."""
    store = Store.open(db_url)
    store.load(generate(20), Settings(onboarded=True))
    store.engine.dispose()
    return Path(sa.engine.make_url(db_url).database)


@pytest.fixture
def read_only(db_path: Path) -> Iterator[Path]:
    """The test's database file, read-only."""
    with read_only_file(db_path) as path:
        yield path


def test_a_newer_database_is_refused_plainly_on_every_page_and_not_touched(
    open_app, db_path: Path, db_url: str
) -> None:
    engine = make_engine(db_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE schema_info SET value = '99'")
    engine.dispose()
    before = _digest(db_path)
    app = open_app()
    _no_raw_error(app)
    assert "saved by a newer version of bounceback (schema 99" in texts(app)
    # No page is offered that could read or write it.
    with pytest.raises(ValueError, match="Known pages: \\['bounceback'\\]"):
        app.switch_page("app_pages/pipeline.py")
    assert _digest(db_path) == before
    assert os.listdir(db_path.parent) == [db_path.name], "not even a journal is left beside it"


def test_a_read_only_database_opens_read_only_and_refuses_writes_plainly(
    open_app, read_only: Path
) -> None:
    before = _digest(read_only)
    app = open_app()
    # The banner comes from app.py, above every page (AppTest's switch_page runs a page alone).
    assert "Read-only: the file bounceback.db is read-only" in texts(app)
    for page in PAGE_FILES:
        _no_raw_error(open_app(page))
    app = full_form(open_app("app_pages/pipeline.py"))
    app.text_input(key="add:company").input("Quayside Lettings")
    app.text_input(key="add:role").input("Lettings Negotiator")
    button(app, "Add application").click().run()
    _no_raw_error(app)
    assert "Couldn't save: the database is read-only. Nothing was changed." in texts(app)
    app = open_app("app_pages/settings.py")
    button(app, "Save settings").click().run()
    _no_raw_error(app)
    assert "Couldn't save: the database is read-only" in texts(app)
    assert _digest(read_only) == before


def test_a_full_disk_during_a_save_says_so_and_keeps_the_database_whole(
    open_app, db_path: Path, db_url: str
) -> None:
    app = open_app("app_pages/pipeline.py")
    with closing(sqlite3.connect(db_path)) as database:
        pages = database.execute("PRAGMA page_count").fetchone()[0]
        before = database.execute("SELECT count(*) FROM applications").fetchone()[0]
    # SQLite's own limit on the file's size: past it, a write fails exactly as on a full disk.
    engine = state._open(db_url).engine
    sa.event.listen(
        engine,
        "connect",
        lambda connection, _record: connection.execute(f"PRAGMA max_page_count = {pages}"),
    )
    engine.dispose()
    app = full_form(app)
    app.text_input(key="add:company").input("Quayside Lettings")
    app.text_input(key="add:role").input("Lettings Negotiator")
    app.text_area(key="add:notes").input("A long note. " * 1500)
    button(app, "Add application").click().run()
    _no_raw_error(app)
    assert "Couldn't save: the disk is full. Nothing was changed." in texts(app)
    engine.dispose()
    with closing(sqlite3.connect(db_path)) as database:
        assert database.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert database.execute("SELECT count(*) FROM applications").fetchone()[0] == before


def test_a_database_that_fails_under_a_page_is_said_plainly(
    open_app, db_path: Path, db_url: str
) -> None:
    with closing(sqlite3.connect(db_path)) as database:
        database.execute("DROP TABLE events")
        database.commit()
    app = open_app()
    _no_raw_error(app)
    assert "bounceback couldn't read its database just now: no such table: events" in texts(app)


def test_a_save_the_database_fails_is_said_plainly(open_app, db_path: Path) -> None:
    app = open_app("app_pages/pipeline.py")
    with closing(sqlite3.connect(db_path)) as database:
        database.execute("DROP TABLE contacts")
        database.commit()
    app = full_form(app)
    app.text_input(key="add:company").input("Quayside Lettings")
    app.text_input(key="add:role").input("Lettings Negotiator")
    app.text_input(key="add:contact0_name").input("Sam")
    button(app, "Add application").click().run()
    _no_raw_error(app)
    assert "Couldn't save: no such table: contacts. Nothing was changed." in texts(app)
