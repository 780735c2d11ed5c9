"""Hostile text in every free-text field: in Chromium nothing runs, nothing renders as HTML."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from bounceback.storage import Store
from tests.browser.test_pages_in_browser import add_application, open_page
from tests.hostile import PAYLOADS, seed_hostile
from tools.server import PAGES, StreamlitServer, sqlite_url, wait_for_rerun

pytestmark = pytest.mark.browser

# Anything here would mean some user text became markup.
INJECTED = ", ".join(
    [
        "[data-testid=stMain] script",
        "[onerror]",
        "[onload]:not(body)",
        'a[href^="javascript:"]',
        'img[src*="tracker.invalid"]',
        "h1:has-text('heading?')",
    ]
)
SIZES = {"desktop": {"width": 1400, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """One server for the module, on applications whose every free-text field is hostile.

    The checks only read (the add-form test adds one more hostile row), so they share it.
    """
    folder = tmp_path_factory.mktemp("hostile")
    db_url = sqlite_url(folder / "bounceback.db")
    seed_hostile(Store.open(db_url), date.today())
    with StreamlitServer(db_url, log_dir=folder) as server:
        yield server


def assert_inert(page: Page) -> None:
    """Nothing ran, no alert opened, no user text turned into an element."""
    assert page.evaluate("window.__pwned") is None
    injected = page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector))
            .filter(el => !/heading\\?/.test(el.tagName) || el.textContent.includes('heading?'))
            .map(el => el.outerHTML.slice(0, 120))""",
        INJECTED.replace(", h1:has-text('heading?')", ""),
    )
    assert injected == []
    assert page.locator("h1", has_text="heading?").count() == 0
    assert page.locator("b", has_text="bold?").count() == 0
    main = page.locator("[data-testid=stMain]")
    assert main.locator("[data-testid=stIconMaterial]", has_text="rocket_launch").count() == 0
    assert "\N{SLICE OF PIZZA}" not in main.inner_text()


# Markdown structure or links made from user text: a setext heading, an indented code
# block, or an autolink from "www." or "https://" typed as text.
MADE_FROM_TEXT = """() => {
    const main = document.querySelector('[data-testid=stMain]');
    const all = (selector) => Array.from(main.querySelectorAll(selector));
    return [
        ...all('a[href]').filter(el => /evil\\.example/.test(el.href)).map(el => el.outerHTML),
        ...all('h1, h2, h3, h4, h5, h6').filter(el => /Data Engineer/.test(el.innerText))
            .map(el => el.outerHTML),
        ...all('pre, code').filter(el => /code block/.test(el.innerText)).map(el => el.outerHTML),
    ].map(html => html.slice(0, 160));
}"""


def assert_plain(page: Page) -> None:
    """User text made no heading, code block or link."""
    assert page.evaluate(MADE_FROM_TEXT) == []


def assert_fits(page: Page) -> None:
    """The page never scrolls sideways: long words wrap or scroll inside their own box."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", list(PAGES))
def test_hostile_text_stays_text_on(
    name: str, size: str, page: Page, hostile_server: StreamlitServer
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_viewport_size(SIZES[size])
    open_page(page, hostile_server.url + PAGES[name])
    assert_inert(page)
    assert_plain(page)
    assert_fits(page)
    assert dialogs == []


def test_hostile_text_shows_literally_where_it_was_typed(
    page: Page, hostile_server: StreamlitServer
) -> None:
    open_page(page, hostile_server.url + PAGES["pipeline"])
    page.locator("[data-testid=stExpander] summary", has_text="Closed").click()
    board = page.locator("[data-testid=stMain]")
    expect(board.get_by_text("<b>bold?</b>", exact=False).first).to_be_visible()
    expect(board.get_by_text("Emoji 🎉🙂🔥 team").first).to_be_visible()


def test_the_add_form_takes_hostile_text_and_shows_it_as_text(
    page: Page, hostile_server: StreamlitServer
) -> None:
    open_page(page, hostile_server.url + PAGES["pipeline"])
    add_application(page, PAYLOADS[1], PAYLOADS[0])
    wait_for_rerun(page)
    expect(page.get_by_text(f"Added {PAYLOADS[1]}", exact=False)).to_be_visible()
    assert_inert(page)
    assert_fits(page)


def test_lessons_show_markdown_and_links_typed_as_text_as_one_plain_line(
    page: Page, hostile_server: StreamlitServer
) -> None:
    open_page(page, hostile_server.url + PAGES["lessons"])
    main = page.locator("[data-testid=stMain]")
    # An invisible word joiner after "www" is all that keeps it from becoming a link.
    expect(main.get_by_text(re.compile("www\u2060?\\.evil\\.example/login")).first).to_be_visible()
    expect(main.get_by_text("Data Engineer ==========").first).to_be_visible()
    expect(main.get_by_text("First line code block?").first).to_be_visible()
    assert_plain(page)


@pytest.mark.parametrize("separator", [",", ";", "\t", "|"])
def test_the_pipeline_table_offers_only_a_csv_without_formulas(
    separator: str, page: Page, hostile_server: StreamlitServer
) -> None:
    open_page(page, hostile_server.url + PAGES["pipeline"])
    page.locator("[data-testid=stButtonGroup]").get_by_text("Table", exact=True).click()
    wait_for_rerun(page)
    page.locator("[data-testid=stDataFrame]").hover()
    expect(page.locator("[data-testid=stElementToolbar]").first).to_be_visible()
    # The table's own export would write "=HYPERLINK(...)" raw; it is off.
    expect(page.get_by_role("button", name="Download as CSV")).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download these rows (CSV)").click()
    text = download.value.path().read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    cells = [cell.lstrip(' "\t\r\n') for row in rows[1:] for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)
    assert [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")] == []
