"""A download that can't be made is never silent: the page says so plainly, and it is logged."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_pages_in_browser import open_page
from tools.server import PAGES, StreamlitServer, wait_until_idle

pytestmark = pytest.mark.browser


def _break(db_url: str, table: str) -> None:
    """Take a table away under the running app, as a damaged database would."""
    path = db_url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(path)) as database:
        database.execute(f"DROP TABLE {table}")
        database.commit()


def test_a_summary_that_cant_be_made_says_so(
    page: Page, sample_server: StreamlitServer, db_url: str
) -> None:
    # The ordinary download is tested in test_session_summary_offline.py.
    open_page(page, sample_server.url)
    _break(db_url, "theme_corrections")
    page.get_by_role("button", name="Session summary (HTML)").click()
    expect(page.get_by_text("Couldn't make the session summary")).to_be_visible(timeout=60_000)
    wait_until_idle(page)
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    assert "Making the session summary for download failed" in sample_server.output()


def test_a_calendar_file_that_cant_be_made_says_so(
    page: Page, sample_server: StreamlitServer, db_url: str
) -> None:
    open_page(page, sample_server.url + PAGES["settings"])
    _break(db_url, "follow_ups")
    page.get_by_role("button", name="Your calendar: follow-ups and interviews (.ics)").click()
    expect(page.get_by_text("Couldn't make the calendar file")).to_be_visible()
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    assert "Making the calendar file for download failed" in sample_server.output()
