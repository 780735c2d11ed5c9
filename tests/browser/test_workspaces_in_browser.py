"""Client workspaces in Chromium: after a switch, presenter mode shows nothing of either client."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bounceback.domain import Settings
from bounceback.sample import generate
from bounceback.storage import Store
from tests.browser.conftest import StartServer
from tests.browser.test_pages_in_browser import open_page
from tests.browser.test_presenter_in_browser import EVERY_SECRET, EVERYTHING_SHOWN, downloads
from tests.conftest import draft
from tests.identifying import COMPANY, leaked, seed_identifying
from tools.server import PAGES, wait_for_rerun, wait_until_idle

pytestmark = pytest.mark.browser

FIRST = "Ada Quill"
SECOND = "Bea Rook"
SECOND_COMPANY = "Larkspur Ferries"
NAMES = (FIRST, SECOND, SECOND_COMPANY)
# Every page, as the sidebar names it: followed by link, so the session (and switch) stays.
TITLES = (
    "Today",
    "Pipeline",
    "Interviews and offers",
    "Reflect",
    "Lessons",
    "Feedback themes",
    "Import",
    "Settings",
)


def _seed(db_url: str) -> None:
    """Two clients: the first full of identifying details, the second with a job of her own."""
    account = Store.open(db_url)
    first = account.workspace(account.create_workspace(FIRST).id)
    first.load(generate(20), Settings(onboarded=True))
    seed_identifying(first, date.today())
    # Still open, so its card is on the board (closed cards wait behind their expander).
    first.add_application(draft(company=COMPANY), today=date.today())
    second = account.workspace(account.create_workspace(SECOND).id)
    second.save_settings(Settings(onboarded=True))
    second.add_application(draft(company=SECOND_COMPANY), today=date.today())


def _switch_to(page: Page, name: str) -> None:
    """Pick a workspace in the sidebar's switcher."""
    page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").click()
    page.get_by_role("option", name=name).click()
    wait_for_rerun(page)
    expect(page.locator("[data-testid=stSidebar]").get_by_text(f"Client: {name}")).to_be_visible()


def _follow(page: Page, title: str) -> None:
    """Open a page by its sidebar link (the session stays), and wait until it is all drawn."""
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name=title).click()
    wait_for_rerun(page)
    expect(page.locator("[data-testid=stMain] h1").first).to_be_visible()
    wait_until_idle(page)


def _shown(page: Page) -> str:
    """Everything on screen, in fields, labels and charts."""
    return page.evaluate(EVERYTHING_SHOWN)


def test_after_a_switch_presenter_mode_shows_nothing_of_either_client(
    page: Page, start_server: StartServer, db_url: str, tmp_path: Path
) -> None:
    _seed(db_url)
    server = start_server(db_url)
    open_page(page, server.url + PAGES["pipeline"])
    _switch_to(page, FIRST)
    # The check below can see it (waiting for the board to draw it).
    expect(page.locator("[data-testid=stMain]")).to_contain_text(COMPANY)
    _switch_to(page, SECOND)
    assert leaked(_shown(page), EVERY_SECRET) == []  # nothing of the first client's
    assert SECOND_COMPANY in _shown(page)
    page.get_by_text("Presenter mode", exact=True).click()
    wait_for_rerun(page)
    sidebar = page.locator("[data-testid=stSidebar]")
    expect(sidebar.get_by_text("Client: Client B")).to_be_visible()
    # The switcher's own list is masked too.
    sidebar.locator("[data-testid=stSelectbox]").click()
    options = page.get_by_role("option").all_inner_texts()
    assert options == ["Your own search", "Client A", "Client B"]
    page.keyboard.press("Escape")
    expect(page.get_by_role("option")).to_have_count(0)
    for name in TITLES:
        _follow(page, name)
        expect(page.get_by_text("Presenter mode: employer names")).to_be_visible()
        assert page.locator("[data-testid=stException]").count() == 0
        assert leaked(_shown(page), (*EVERY_SECRET, *NAMES)) == [], name
    expect(page.get_by_role("button", name="Job-search record (CSV)")).to_be_visible()
    found = downloads(page, tmp_path)
    assert len(found) == 2  # the record and the calendar: a backup waits for presenting to end
    for text in found:
        assert leaked(text, (*EVERY_SECRET, *NAMES)) == []


def test_the_backups_and_records_of_a_workspace_hold_that_client_only(
    page: Page, start_server: StartServer, db_url: str, tmp_path: Path
) -> None:
    _seed(db_url)
    server = start_server(db_url)
    open_page(page, server.url + PAGES["pipeline"])
    _switch_to(page, FIRST)
    _switch_to(page, SECOND)
    _follow(page, "Settings")
    expect(page.get_by_role("button", name="Download a backup (JSON)")).to_be_visible()
    with page.expect_download() as backup:
        page.get_by_role("button", name="Download a backup (JSON)").click()
    assert backup.value.suggested_filename.startswith("bounceback-backup-bea-rook-")
    wait_for_rerun(page)  # a download may ask for a run, late: the next click waits for it
    found = downloads(page, tmp_path)
    assert len(found) == 3  # the backup, the job-search record and the calendar
    assert SECOND_COMPANY in found[0] and SECOND_COMPANY in found[1]
    for text in found:
        assert leaked(text, EVERY_SECRET) == []
