"""A visitor far from the server gets their own date: today is never "in the future"."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from bounceback.domain import FollowUp, FollowUpKind
from bounceback.storage import Store
from tests.conftest import draft
from tools.server import StreamlitServer, goto, wait_for_rerun

pytestmark = pytest.mark.browser

# 26 hours apart, so the two dates differ at any hour of the day.
SERVER_ZONE = "Etc/GMT+12"  # UTC-12 (the sign is POSIX's)
VISITOR_ZONE = "Pacific/Kiritimati"  # UTC+14


@pytest.fixture
def far_page(browser: Browser) -> Iterator[Page]:
    """A tab whose browser says it is in Kiritimati."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, timezone_id=VISITOR_ZONE)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _visitor_dates() -> set[str]:
    """The visitor's date as the date field holds it, in either of the ways it may spell it."""
    now = datetime.now(ZoneInfo(VISITOR_ZONE))
    return {f"{now:%d/%m/%Y}", f"{now:%Y-%m-%d}"}


def test_a_visitor_far_ahead_of_the_server_adds_an_application_dated_their_today(
    far_page: Page,
    start_server: Callable[..., StreamlitServer],
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", SERVER_ZONE)
    server = start_server(db_url)
    company = f"Faraway Ltd {uuid.uuid4().hex[:8]}"
    before = _visitor_dates()
    goto(far_page, server.url + "/pipeline")
    form = far_page.locator("[data-testid=stExpander]", has_text="Add an application")
    if form.locator("details[open]").count() == 0:
        form.locator("summary").click()
    shown = form.locator("[data-testid=stDateInput] input").first.input_value()
    # Read either side of the visitor's midnight, should it pass while the page loads.
    assert shown in before | _visitor_dates()
    form.get_by_label("Company *").fill(company)
    form.get_by_label("Role *").fill("Analyst")
    form.get_by_role("button", name="Add application").click()
    wait_for_rerun(far_page)
    expect(far_page.get_by_text(f"Added {company}")).to_be_visible()
    expect(far_page.get_by_text("in the future")).to_have_count(0)
    expect(far_page.locator("[data-testid=stException]")).to_have_count(0)


def test_a_visitor_far_ahead_of_the_server_ticks_a_follow_up_off(
    far_page: Page,
    start_server: Callable[..., StreamlitServer],
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = Store.open(db_url)
    company = f"Ticked Ltd {uuid.uuid4().hex[:8]}"
    new_id = store.add_application(draft(company=company, applied_on=date(2026, 1, 5)))
    store.add_follow_up(new_id, FollowUp(FollowUpKind.THANK_YOU, date.today()))
    monkeypatch.setenv("TZ", SERVER_ZONE)
    server = start_server(db_url)
    goto(far_page, server.url)
    far_page.locator("[data-testid=stCheckbox]", has_text=company).locator("label").click()
    wait_for_rerun(far_page)
    expect(far_page.get_by_role("button", name="Undo")).to_be_visible()
    expect(far_page.get_by_text("in the future")).to_have_count(0)
    assert [item.done_on is not None for item in store.get(new_id).follow_ups] == [True]
