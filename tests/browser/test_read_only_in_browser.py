"""A read-only database in a real browser: every page readable, a banner above each saying why."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import StartServer
from tests.browser.test_pages_in_browser import open_page
from tests.conftest import read_only_file
from tools.server import PAGES, seed_sample

pytestmark = pytest.mark.browser


def test_every_page_reads_a_read_only_database_with_a_banner(
    page: Page, start_server: StartServer, db_url: str, tmp_path: Path
) -> None:
    seed_sample(db_url)
    with read_only_file(tmp_path / "bounceback.db"):
        server = start_server(db_url)
        for path in PAGES.values():
            open_page(page, server.url + path)
            expect(page.locator("[data-testid=stMain] h1").first).to_be_visible()
            expect(
                page.get_by_text("Read-only: the file bounceback.db is read-only")
            ).to_be_visible()
        assert "OperationalError" not in server.output()
        server.stop()
