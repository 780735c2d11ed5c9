"""A rejection's recorded feedback in a real Chromium: shown in the reflection, edited there,
and counted once on Feedback themes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from bounceback.domain import Event, InterviewKind, Stage
from bounceback.storage import Store
from tests.conftest import draft
from tools.server import goto, wait_for_rerun

pytestmark = pytest.mark.browser

SAID = "You came across as very nervous throughout."
EDITED = "You came across as very nervous, and the examples were vague."


def _no_exception(page: Page) -> None:
    boxes = page.locator("[data-testid=stException]")
    if boxes.count():
        pytest.fail(boxes.first.inner_text(), pytrace=False)


def test_recorded_feedback_is_edited_in_the_reflection_and_counted_once(
    page: Page, start_server, db_url
) -> None:
    store = Store.open(db_url)
    start = date.today() - timedelta(days=20)
    store.add_application(draft(applied_on=start))
    store.record(1, Event(Stage.INTERVIEW, start + timedelta(days=3), InterviewKind.PANEL), 1)
    store.record(1, Event(Stage.REJECTED, start + timedelta(days=9), note=SAID), 2)
    server = start_server(db_url)

    goto(page, server.url + "/reflect")
    said = page.get_by_label("What they said, in their words")
    expect(said).to_have_value(SAID)
    said.fill(EDITED)
    page.get_by_role("button", name="Save reflection").click()
    wait_for_rerun(page)
    _no_exception(page)
    expect(page.get_by_text("Editing your reflection of")).to_be_visible()
    assert store.get(1).events[-1].note == EDITED, "the rejection's one note was edited"
    assert [note.feedback for note in store.reflections(1)] == [""], "and not copied"

    goto(page, server.url + "/feedback")
    _no_exception(page)
    employers = page.locator("[data-testid=stMetric]").filter(has_text="From employers")
    expect(employers.locator("[data-testid=stMetricValue]")).to_have_text("1")
