"""A public demo in Chromium: two visitors, two sandboxes, and the real database untouched."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from bounceback.storage import Store
from tests.browser.conftest import StartServer
from tests.browser.test_pages_in_browser import add_application, open_page
from tools.server import PAGES, wait_for_rerun

pytestmark = pytest.mark.browser


def test_demo_visitors_each_get_their_own_sample_data(
    browser: Browser, start_server: StartServer, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOUNCEBACK_PUBLIC_DEMO", "1")
    server = start_server(db_url)
    first, second = browser.new_context(), browser.new_context()
    try:
        one, two = first.new_page(), second.new_page()
        for tab in (one, two):
            tab.set_default_timeout(30_000)
        open_page(one, server.url + PAGES["pipeline"])
        expect(one.get_by_text("This is a public demo")).to_be_visible()
        add_application(one, "Visible To One Visitor Only", "Analyst")
        wait_for_rerun(one)
        expect(one.get_by_text("Added Visible To One Visitor Only")).to_be_visible()
        open_page(two, server.url + PAGES["pipeline"])
        two.locator("[data-testid=stButtonGroup]").get_by_text("Table", exact=True).click()
        wait_for_rerun(two)
        two.get_by_role("textbox", name="Search").fill("Visible To One")
        two.get_by_role("textbox", name="Search").press("Enter")
        wait_for_rerun(two)
        expect(two.get_by_text("0 of 60 applications")).to_be_visible()
    finally:
        first.close()
        second.close()
    assert Store.open(db_url).is_empty()
