"""Presenter mode in Chromium: nothing identifying on any page, field, tooltip or download."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from plotly.offline import get_plotlyjs

from bounceback.storage import Store
from tests.browser.conftest import StartServer
from tests.browser.test_pages_in_browser import add_application, open_page
from tests.identifying import (
    COMPANY,
    CONTACT,
    SECRETS,
    SPELLINGS,
    leaked,
    seed_identifying,
    seed_spellings,
)
from tools.server import (
    PAGES,
    StreamlitServer,
    seed_sample,
    sqlite_url,
    wait_for_rerun,
    wait_until_idle,
)

pytestmark = pytest.mark.browser

# Everything a viewer could see or a screen reader could read: the text and markup, what
# every field holds, titles, labels, placeholders and alt text, and every chart's data.
EVERYTHING_SHOWN = """() => [
    document.title,
    document.body.innerText,
    document.body.outerHTML,
    ...Array.from(document.querySelectorAll('input, textarea, select')).map(el => el.value),
    ...Array.from(document.querySelectorAll('[title], [aria-label], [placeholder], [alt]'))
        .map(el => ['title', 'aria-label', 'placeholder', 'alt']
            .map(name => el.getAttribute(name) || '').join(' ')),
    ...Array.from(document.querySelectorAll('.js-plotly-plot'))
        .map(el => JSON.stringify({data: el.data, layout: el.layout})),
].join('\\n')"""
EVERY_SECRET = (*SECRETS, *SPELLINGS)
PLOTLY_LIBRARY = get_plotlyjs()


@pytest.fixture(scope="module")
def identifying_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """One server for the module: the sample story plus one identifying application.

    Nothing here writes, so the checks share it; presenter mode lives in each browser.
    """
    folder = tmp_path_factory.mktemp("identifying")
    db_url = sqlite_url(folder / "bounceback.db")
    seed_sample(db_url)
    seed_identifying(Store.open(db_url), date.today())
    seed_spellings(Store.open(db_url), date.today())
    with StreamlitServer(db_url, log_dir=folder) as server:
        yield server


def tooltips(page: Page) -> list[str]:
    """The words of every help tooltip on the page, each hovered in turn."""
    found = []
    # A table's own toolbar (search, full screen) says only Streamlit's words, and shows on hover.
    own = "[data-testid=stElementToolbar] [data-testid=stTooltipHoverTarget]"
    for target in page.locator(f"[data-testid=stTooltipHoverTarget]:not({own})").all():
        if not target.is_visible():
            continue
        target.hover()
        tip = page.locator("[data-testid=stTooltipContent]").last
        tip.wait_for(state="visible", timeout=5_000)
        found.append(tip.inner_text())
        page.mouse.move(0, 0)
    return found


def downloads(page: Page, folder: Path) -> list[str]:
    """What every download button on the page hands over, each clicked in turn.

    Each is found afresh among the shown ones on a page at rest: a click reruns the page,
    which redraws every button (a button with a tooltip also has a hidden copy).
    """
    wait_until_idle(page)
    shown = page.locator("[data-testid=stDownloadButton] button:visible:enabled")
    found = []
    for index in range(shown.count()):
        wait_until_idle(page)
        button = shown.nth(index)
        with page.expect_download(timeout=60_000) as download:
            button.click()
        saved = folder / f"download-{index}"
        download.value.save_as(saved)
        wait_for_rerun(page)  # a download may ask for a run, late: the next click waits for it
        # The summary carries the chart library, whose code happens to hold "98765" and
        # "Nanakshahi": checked without it, the charts' data included.
        text = saved.read_text(encoding="utf-8", errors="replace")
        found.append(text.replace(PLOTLY_LIBRARY, ""))
    return found


def leaks(page: Page) -> list[str]:
    """The seeded identifying strings anywhere in the page, its fields or its charts."""
    return leaked(page.evaluate(EVERYTHING_SHOWN), EVERY_SECRET)


def test_the_seeded_company_is_on_screen_without_presenter_mode(
    page: Page, identifying_server: StreamlitServer
) -> None:
    open_page(page, identifying_server.url + PAGES["feedback"])
    assert COMPANY.casefold() in page.evaluate(EVERYTHING_SHOWN).casefold()


def test_the_other_spellings_are_on_screen_without_presenter_mode(
    page: Page, identifying_server: StreamlitServer
) -> None:
    open_page(page, identifying_server.url + PAGES["lessons"])
    assert len(leaks(page)) >= 3


@pytest.mark.parametrize("name", list(PAGES))
def test_presenter_mode_leaves_nothing_identifying_on(
    name: str, page: Page, identifying_server: StreamlitServer, tmp_path: Path
) -> None:
    open_page(page, f"{identifying_server.url}{PAGES[name]}?presenter=1")
    expect(page.get_by_text("Presenter mode: employer names")).to_be_visible()
    assert leaks(page) == []
    assert leaked("\n".join(tooltips(page)), EVERY_SECRET) == []
    for text in downloads(page, tmp_path):
        assert leaked(text, EVERY_SECRET) == []


def test_a_reflection_typed_before_presenting_leaves_the_screen_when_it_starts(
    page: Page, identifying_server: StreamlitServer
) -> None:
    open_page(page, identifying_server.url + PAGES["reflect"])
    typed = f"Good rapport with {CONTACT} at {COMPANY}"
    page.get_by_label("The plus points to keep").fill(typed)
    page.get_by_label("Do", exact=True).fill(typed)
    page.get_by_label("Do", exact=True).blur()
    wait_until_idle(page)
    page.get_by_text("Presenter mode", exact=True).click()
    wait_for_rerun(page)
    expect(page.get_by_text("Writing pauses in presenter mode")).to_be_visible()
    assert leaks(page) == []
    # Nothing typed was lost: it is back once presenting stops.
    page.get_by_text("Presenter mode", exact=True).click()
    wait_for_rerun(page)
    expect(page.get_by_label("The plus points to keep")).to_have_value(typed)


def test_a_bookmarked_deep_link_keeps_presenter_mode_on_a_fresh_server(
    page: Page, start_server: StartServer, db_url: str
) -> None:
    # The first visit after a start takes the router's detour; the query must survive it.
    server = start_server(db_url, sample=True)
    seed_identifying(Store.open(db_url), date.today())
    open_page(page, f"{server.url}{PAGES['pipeline']}?presenter=1")
    expect(page.get_by_text("Presenter mode: employer names")).to_be_visible()
    assert leaks(page) == []


def test_presenter_mode_stays_on_from_page_to_page_and_in_the_address(
    page: Page, identifying_server: StreamlitServer
) -> None:
    open_page(page, identifying_server.url)
    page.get_by_text("Presenter mode", exact=True).click()
    wait_for_rerun(page)
    page.locator('[data-testid=stSidebarNav] a[href$="pipeline"]').click()
    wait_for_rerun(page)
    assert page.url.endswith("/pipeline?presenter=1")
    expect(page.get_by_text("Presenter mode: employer names")).to_be_visible()
    page.locator("[data-testid=stButtonGroup]").get_by_text("Table", exact=True).click()
    wait_for_rerun(page)
    # The seeded application is the only Platform Engineer: its row is the one left.
    page.get_by_role("textbox", name="Search").fill("Platform Engineer")
    page.get_by_role("textbox", name="Search").press("Enter")
    wait_for_rerun(page)
    expect(page.get_by_text("1 of 65 applications")).to_be_visible()
    # The grid draws on a canvas; its cells are also kept in the page for screen readers.
    cells = page.locator('[role="gridcell"]')
    expect(cells.filter(has_text="Platform Engineer")).to_have_count(1)
    expect(cells.filter(has_text="Company ")).to_have_count(1)
    assert leaks(page) == []
    with page.expect_download() as download:
        page.get_by_role("button", name="Download these rows (CSV)").click()
    rows = download.value.path().read_text(encoding="utf-8")
    assert "Company " in rows and leaked(rows, EVERY_SECRET) == []


@pytest.mark.parametrize("label", ["Job-search record (CSV)", "Your calendar"])
def test_a_download_made_in_presenter_mode_holds_nothing_identifying(
    label: str, page: Page, identifying_server: StreamlitServer, tmp_path: Path
) -> None:
    open_page(page, f"{identifying_server.url}{PAGES['settings']}?presenter=1")
    with page.expect_download() as download:
        page.get_by_role("button", name=label).click()
    saved = tmp_path / "download"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert "Company " in text
    assert leaked(text, EVERY_SECRET) == []


def test_applying_again_in_presenter_mode_gets_the_gentle_note_with_the_alias(
    page: Page, start_server: StartServer, db_url: str
) -> None:
    server = start_server(db_url, sample=True)
    seed_identifying(Store.open(db_url), date.today())
    open_page(page, f"{server.url}{PAGES['pipeline']}?presenter=1")
    add_application(page, COMPANY, "Data Engineer")
    wait_for_rerun(page)
    expect(page.get_by_text("You applied to Company ")).to_be_visible()
    expect(page.get_by_text("Added Company ")).to_be_visible()
    expect(page.get_by_label("Company *")).to_have_value("")
    assert leaks(page) == []
