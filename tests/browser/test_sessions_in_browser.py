"""Sessions and the activity log in Chromium: presenter mode hides the notes, the CSV is safe."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from bounceback.domain import Contact, Source
from bounceback.sessions import Action, ActionOwner
from bounceback.storage import Store
from tests.browser.conftest import StartServer
from tests.browser.test_pages_in_browser import open_page
from tests.browser.test_presenter_in_browser import EVERYTHING_SHOWN
from tests.conftest import draft
from tests.identifying import COMPANY, seed_identifying
from tools.server import sqlite_url

pytestmark = pytest.mark.browser

NOTE = "Private: Kittiwake worries about rent"


def test_presenter_mode_hides_the_notes_on_sessions_and_today(
    page: Page, start_server: StartServer, tmp_path
) -> None:
    db_url = sqlite_url(tmp_path / "sessions.db")
    server = start_server(db_url, sample=True)
    store = Store.open(db_url)
    today = date.today()
    seed_identifying(store, today)
    session = store.add_session(today, NOTE, today)
    store.add_action(
        session, Action(f"Chase {COMPANY} for feedback", ActionOwner.CLIENT, today), today
    )

    open_page(page, server.url + "/sessions")
    expect(page.locator("textarea").filter(has_text=NOTE)).to_have_count(1)
    assert COMPANY in page.evaluate(EVERYTHING_SHOWN)

    for path in ("/sessions?presenter=1", "/?presenter=1"):
        open_page(page, server.url + path)
        expect(page.get_by_text("Presenter mode: employer names").first).to_be_visible()
        shown = page.evaluate(EVERYTHING_SHOWN)
        assert "Kittiwake" not in shown, path
        assert COMPANY not in shown, path
        assert "for feedback" in shown, f"{path}: the action itself still shows"


def test_the_activity_csv_download_is_formula_safe(
    page: Page, start_server: StartServer, tmp_path
) -> None:
    db_url = sqlite_url(tmp_path / "activity.db")
    today = date.today()
    store = Store.open(db_url)
    store.add_application(
        draft(
            company='=HYPERLINK("http://evil.example","Click")',
            role="-2+3",
            source=Source.JOB_BOARD,
            applied_on=today,
            contacts=(Contact(name="@SUM(A1)"),),
        ),
        today=today,
    )
    server = start_server(db_url)
    open_page(page, server.url + "/activity")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as CSV").click()
    text = download.value.path().read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][:3] == ["Date", "Activity", "Employer"]
    cells = [cell.lstrip(' "\t\r\n') for row in rows[1:] for cell in row]
    assert any("HYPERLINK" in cell for cell in cells) and any("SUM(A1)" in cell for cell in cells)
    assert [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")] == []
