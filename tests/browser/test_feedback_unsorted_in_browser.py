"""The Feedback themes page in Chromium: feedback no theme fits is listed and filed in one click."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from bounceback import feedback
from bounceback.domain import Event, InterviewKind, Settings, Stage
from bounceback.storage import Store
from tests.browser.test_pages_in_browser import assert_no_exception, open_page
from tests.conftest import draft
from tools.server import StreamlitServer, wait_for_rerun

pytestmark = pytest.mark.browser

UNPLACED = "They said the union rep objected to the panel, so the whole round was void."
HEADING = "We couldn't place these; which theme fits?"


def test_unsorted_feedback_is_filed_under_the_theme_clicked(
    page: Page, start_server: Callable[..., StreamlitServer], db_url: str
) -> None:
    store = Store.open(db_url)
    store.save_settings(Settings(onboarded=True))
    new_id = store.add_application(draft(company="Union Works", applied_on=date(2026, 9, 1)))
    store.record(new_id, Event(Stage.INTERVIEW, date(2026, 9, 5), InterviewKind.VIDEO), 1)
    store.record(new_id, Event(Stage.REJECTED, date(2026, 9, 20), note=UNPLACED), 2)
    server = start_server(db_url)
    open_page(page, server.url + "/feedback")
    expect(page.get_by_role("heading", name=HEADING)).to_be_visible()
    expect(page.get_by_text(UNPLACED)).to_be_visible()
    page.get_by_role("radio", name="Role circumstances").click()  # a single-choice pill
    wait_for_rerun(page)
    assert_no_exception(page)
    expect(page.get_by_text("Thanks, filed.")).to_be_visible()
    expect(page.get_by_role("heading", name=HEADING)).to_have_count(0)
    key = feedback.snippet_key(feedback.EMPLOYER, UNPLACED)
    assert store.theme_corrections() == {key: {"circumstances": True}}
