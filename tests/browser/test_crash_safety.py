"""The server killed mid-save: on restart the file is sound and every confirmed save is there."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bounceback.storage import Store
from tests.browser.test_pages_in_browser import open_page
from tests.conftest import draft
from tools.server import PAGES, StreamlitServer, sqlite_url, wait_until_idle

pytestmark = pytest.mark.browser

SAVES = 30
KILL_AFTER = 15


def company(number: int) -> str:
    """A name no other save's confirmation can contain."""
    return f"Crash Test {number:03d} Ltd"


def submit(page: Page, name: str) -> None:
    """Fill the Pipeline page's add form and send it with Enter, without waiting for the answer.

    A mouse click on Add just after a page load was lost about 1 time in 10 here, as the page
    redrew under it; Enter is what a keyboard user presses, and it never missed in 120 tries.
    """
    expander = page.locator("[data-testid=stExpander]", has_text="Add an application")
    if expander.locator("details[open]").count() == 0:
        expander.locator("summary").click()
    expander.get_by_label("Company *").fill(name)
    role = expander.get_by_label("Role *")
    role.fill("Tester")
    role.press("Enter")


def save(page: Page, name: str) -> None:
    """Add an application and wait until the user is told it was added."""
    submit(page, name)
    expect(page.get_by_text(f"Added {name} (Tester)")).to_be_visible()
    wait_until_idle(page)


def stored_companies(path: Path) -> set[str]:
    """The companies in the file, once SQLite has said the whole file is sound."""
    with closing(sqlite3.connect(path)) as database:
        assert database.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        half_saved = database.execute(
            "SELECT company FROM applications WHERE id NOT IN (SELECT application_id FROM events)"
        ).fetchall()
        assert half_saved == [], "an application was saved without its first event"
        return {row[0] for row in database.execute("SELECT company FROM applications")}


def test_every_confirmed_save_survives_the_server_being_killed_mid_save(
    page: Page, start_server: Callable[..., StreamlitServer], tmp_path: Path
) -> None:
    path = tmp_path / "bounceback.db"
    # A hunt under way, so the add form stays as the user left it instead of closing itself.
    earlier = Store.open(sqlite_url(path))
    earlier.add_application(draft(company="Already There Ltd", applied_on=date.today()))
    earlier.engine.dispose()
    server = start_server(sqlite_url(path))
    open_page(page, server.url + PAGES["pipeline"])
    confirmed: list[str] = []
    for number in range(KILL_AFTER):
        save(page, company(number))
        confirmed.append(company(number))

    submit(page, company(KILL_AFTER))  # in flight: it may land or not, but never half-way
    server.kill()
    server.start()

    assert set(confirmed) - stored_companies(path) == set()
    open_page(page, server.url + PAGES["pipeline"])
    for number in range(KILL_AFTER + 1, SAVES + 1):
        save(page, company(number))
        confirmed.append(company(number))
    assert set(confirmed) - stored_companies(path) == set()
