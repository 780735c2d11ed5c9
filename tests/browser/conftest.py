"""Fixtures for the browser tests: a real `streamlit run` and Debian's Chromium."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright

from tools.server import (
    CHROMIUM_ARGS,
    CHROMIUM_PATH,
    ServerError,
    StreamlitServer,
    seed_sample,
    sqlite_url,
)

StartServer = Callable[..., StreamlitServer]


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    """One Playwright driver for the whole run; starting it costs about a second."""
    if not CHROMIUM_PATH.exists():
        message = (
            f"Chromium is missing at {CHROMIUM_PATH}: install it with `apt-get install chromium`."
        )
        if os.environ.get("CI"):
            pytest.fail(f"{message} Browser tests must run in CI, never skip.", pytrace=False)
        pytest.skip(message)
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    """One Chromium for the run; each test gets its own context, so nothing leaks between them."""
    chromium = playwright_session.chromium.launch(
        executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS, headless=True
    )
    yield chromium
    chromium.close()


# A rerun on a busy 2-core machine can take longer than Playwright's 5 s default (a fresh
# server also compiles the feedback themes in the background); a check still fails if what
# it waits for never shows, it only waits as long as the pages do.
expect.set_options(timeout=30_000)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh tab in a fresh context (no cookies, no session) at a desktop size."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(30_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A SQLite file of the test's own, so tests never see each other's data."""
    return sqlite_url(tmp_path / "bounceback.db")


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[StartServer]:
    """Start servers on demand (and restart them); every one is stopped at teardown."""
    started: list[StreamlitServer] = []

    def start(db_url: str, sample: bool = False) -> StreamlitServer:
        try:
            if sample:
                seed_sample(db_url)
            server = StreamlitServer(db_url, log_dir=tmp_path)
            started.append(server)
            return server.start()
        except ServerError as error:
            pytest.fail(str(error), pytrace=False)

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def empty_server(start_server: StartServer, db_url: str) -> StreamlitServer:
    """The app on an empty database: the first-visit welcome."""
    return start_server(db_url)


@pytest.fixture
def sample_server(start_server: StartServer, db_url: str) -> StreamlitServer:
    """The app on the 60 sample applications, seeded through the CLI."""
    return start_server(db_url, sample=True)


@pytest.fixture(scope="module")
def shared_sample_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """One server on the sample story for a whole module whose tests only look and click
    tabs: starting one per test cost CI about four seconds each."""
    folder = tmp_path_factory.mktemp("sample")
    db_url = sqlite_url(folder / "bounceback.db")
    seed_sample(db_url)
    try:
        server = StreamlitServer(db_url, log_dir=folder).start()
    except ServerError as error:
        pytest.fail(str(error), pytrace=False)
    yield server
    server.stop()
