"""The Import page in a real Chromium: a zip and several files, the status table, one import."""

from __future__ import annotations

import zipfile
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


def test_member_names_of_a_zip_are_shown_as_text(
    page: Page, empty_server: StreamlitServer, tmp_path: Path
) -> None:
    rows = b"Company,Role,Date applied\nAcme,Engineer,2026-01-05\n"
    names = [
        "**BOLD** [click](https://evil.example) <b>x</b> :red[RED].csv",
        "# Heading `code` _it_.csv",
        "![img](https://evil.example/x.png) notes.txt",
        "https://evil.example/plain www.evil.example.pdf",
    ]
    archive = tmp_path / "names.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(names[0], rows)
        zipped.writestr(names[1], b"Firm,Title,Applied on\nAcme,Engineer,2026-01-05\n")
        zipped.writestr(names[2], b"notes")
        zipped.writestr(names[3], b"%PDF")
    open_page(page, empty_server.url + PAGES["import"])
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(archive))
    expect(page.get_by_text("Import them all")).to_be_visible(timeout=60_000)
    wait_until_idle(page, 30_000)
    assert_no_exception(page)
    main = page.locator("[data-testid=stMain]")
    links = main.locator("a[href*='evil'], img[src*='evil']")
    assert links.count() == 0, links.first.evaluate("e => e.parentElement.outerHTML")
    for tag, word in [("strong", "BOLD"), ("h1", "Heading"), ("code", "code"), ("em", "it")]:
        assert main.locator(tag).filter(has_text=word).count() == 0, tag
    assert main.locator("[style*='red'], [class*='red']").filter(has_text="RED").count() == 0
    # Headings drawn for each table, as text.
    expect(main.locator("h3").filter(has_text="**BOLD**")).to_have_count(1)
    text = main.inner_text().replace("\u2060", "")
    for name in names:
        assert name in text
