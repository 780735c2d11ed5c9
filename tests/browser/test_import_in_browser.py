"""The Import page in a real Chromium: a zip and several files, the status table, one import."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bounceback.storage import Store
from tests.browser.test_pages_in_browser import assert_no_exception, open_page
from tests.test_importers import _linkedin_archive
from tools.server import PAGES, StreamlitServer, wait_until_idle

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def test_an_archive_and_a_tracker_file_import_together(
    page: Page, empty_server: StreamlitServer, db_url: str, tmp_path: Path
) -> None:
    archive = tmp_path / "Basic_LinkedInDataExport.zip"
    archive.write_bytes(_linkedin_archive())
    open_page(page, empty_server.url + PAGES["import"])
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
        [str(archive), str(FIXTURES / "jobsync_2026-10-21.csv")]
    )
    # The files arrive one after the other: wait for the last one's section.
    expect(page.get_by_text("closed in JobSync without a reason")).to_be_visible(timeout=60_000)
    wait_until_idle(page, 30_000)
    assert_no_exception(page)
    expect(page.get_by_text("Import them all")).to_be_visible()
    expect(page.locator("[data-testid=stDataFrame]").first).to_be_visible()
    page.get_by_role("button", name="Import 13 applications").click()
    expect(page.get_by_text("Imported 13 applications.")).to_be_visible(timeout=60_000)
    assert_no_exception(page)
    assert len(Store.open(db_url).all()) == 13
