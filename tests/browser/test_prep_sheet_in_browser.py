"""The prep sheet in a real Chromium: one click from Today, ticked, downloaded, printable."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tools.server import StreamlitServer, goto, wait_for_rerun, wait_until_idle

pytestmark = pytest.mark.browser


def _no_exception(page: Page) -> None:
    wait_until_idle(page)
    assert page.locator("[data-testid=stException]").count() == 0


def test_the_prep_sheet_opens_from_today_ticks_and_downloads_a_printable_page(
    page: Page, browser: Browser, sample_server: StreamlitServer, tmp_path: Path
) -> None:
    goto(page, sample_server.url)
    expect(page.get_by_role("heading", name="Getting ready")).to_be_visible()
    page.get_by_role("button", name="Prep sheet").first.click()
    expect(page.get_by_role("heading", name="Prep sheet", exact=True)).to_be_visible()
    _no_exception(page)
    assert page.url.rstrip("/").endswith("/prep")
    expect(page.get_by_text("What feedback keeps saying", exact=True)).to_be_visible()
    expect(page.get_by_text("Preparation and research").first).to_be_visible()

    page.get_by_text("Research the company", exact=True).click()
    wait_for_rerun(page)
    _no_exception(page)
    expect(page.get_by_role("checkbox", name="Research the company")).to_be_checked()

    # The tick is stored: a fresh visit to the page still shows it.
    goto(page, f"{sample_server.url}/prep")
    expect(page.get_by_role("checkbox", name="Research the company")).to_be_checked()
    with page.expect_download() as started:
        page.get_by_role("button", name="Download the prep sheet (printable page)").click()
    download = started.value
    assert download.suggested_filename == f"bounceback-prep-{date.today():%Y-%m-%d}.html"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    document = path.read_text(encoding="utf-8")
    assert "☑ Research the company" in document and "☐ Re-read the job description" in document

    context = browser.new_context(viewport={"width": 800, "height": 1100})
    try:
        sheet = context.new_page()
        sheet.goto(path.as_uri(), wait_until="load")
        sheet.emulate_media(media="print")
        expect(sheet.get_by_role("heading", name="Questions to practise")).to_be_visible()
        expect(sheet.get_by_role("heading", name="Checklist")).to_be_visible()
        assert sheet.locator("h1").inner_text().startswith("Prep sheet: ")
        pdf = sheet.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
    finally:
        context.close()
