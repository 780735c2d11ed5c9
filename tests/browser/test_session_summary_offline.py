"""The session summary in a real Chromium: it draws its chart with the network cut off."""

from __future__ import annotations

import re
from datetime import date
from html import escape
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route

from bounceback.domain import Settings
from bounceback.sample import generate
from bounceback.session_summary import render
from bounceback.storage import Store
from bounceback.themes import load_lexicon_safely
from tools.server import StreamlitServer, goto

pytestmark = pytest.mark.browser

CHART = ".js-plotly-plot .main-svg"


def open_offline(browser: Browser, path: Path) -> list[str]:
    """Open a saved file with every request beyond the file itself refused; return what went
    wrong (console errors, page errors, attempts to reach the network)."""
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 1000, "height": 1400})

    def refuse(route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            problems.append(f"request: {route.request.url}")
            route.abort()

    context.route("**/*", refuse)
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    try:
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_selector(CHART, state="attached", timeout=15_000)
        assert page.locator(".js-plotly-plot .scatterlayer .trace").count() == 4
        assert page.get_by_role("heading", name="Your pipeline against the odds").is_visible()
    finally:
        context.close()
    return problems


def test_the_summary_draws_its_chart_with_no_network(
    browser: Browser, db_url: str, tmp_path: Path
) -> None:
    store = Store.open(db_url)
    store.load(generate(60), Settings(onboarded=True))
    document = render(store.frames(), store.settings(), date.today(), load_lexicon_safely(None)[0])
    path = tmp_path / "summary.html"
    path.write_text(document, encoding="utf-8")
    assert open_offline(browser, path) == []


def download_summary(page: Page, url: str, tmp_path: Path) -> Path:
    """Click the Today page's download button, as a user would, and keep the file."""
    goto(page, url)
    with page.expect_download() as started:
        page.get_by_role("button", name="Session summary (HTML)").click()
    download = started.value
    assert download.suggested_filename == f"bounceback-summary-{date.today():%Y-%m-%d}.html"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return path


def test_the_today_page_downloads_a_summary_that_opens_offline(
    page: Page, browser: Browser, sample_server: StreamlitServer, tmp_path: Path
) -> None:
    path = download_summary(page, sample_server.url, tmp_path)
    assert "What the feedback says" in path.read_text(encoding="utf-8")
    assert open_offline(browser, path) == []


def test_in_presenter_mode_the_downloaded_summary_names_no_employer(
    page: Page, sample_server: StreamlitServer, db_url: str, tmp_path: Path
) -> None:
    companies = set(Store.open(db_url).frames()["applications"]["company"])
    document = download_summary(page, f"{sample_server.url}/?presenter=1", tmp_path).read_text(
        encoding="utf-8"
    )
    assert "Follow-ups due" in document
    assert re.search(r"<td>Company [A-Z]+</td>", document)
    assert sorted(name for name in companies if name in document or escape(name) in document) == []
