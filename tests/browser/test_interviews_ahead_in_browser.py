"""Book an interview in Chromium, see it on Today in the visitor's zone, and read the .ics back."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from playwright.sync_api import Browser, Page, expect

from bounceback.domain import Event, InterviewKind, Stage
from bounceback.storage import Store
from tests.conftest import draft
from tools.server import StreamlitServer, goto, wait_for_rerun

pytestmark = pytest.mark.browser

VISITOR_ZONE = "Asia/Tokyo"


@pytest.fixture
def tokyo_page(browser: Browser) -> Iterator[Page]:
    """A tab whose browser says it is in Tokyo."""
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, timezone_id=VISITOR_ZONE, accept_downloads=True
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_a_booked_interview_shows_on_today_and_in_the_calendar_file(
    tokyo_page: Page,
    start_server: Callable[..., StreamlitServer],
    db_url: str,
    tmp_path: Path,
) -> None:
    page = tokyo_page
    store = Store.open(db_url)
    store.add_application(draft(company="Acme", applied_on=date.today() - timedelta(days=20)))
    store.record(
        1, Event(Stage.INTERVIEW, date.today() - timedelta(days=10), InterviewKind.PHONE), 1
    )
    server = start_server(db_url)

    goto(page, server.url + "/pipeline")
    page.locator("[data-testid=stButton]").get_by_role("button", name="Open").first.click()
    wait_for_rerun(page)
    page.get_by_role("tab", name="History").click()
    # Opening a tab reruns the page; a submit clicked while that run is being stopped can
    # lose its click inside Streamlit, which no person filling a form is quick enough for.
    wait_for_rerun(page)
    panel = page.get_by_role("tabpanel", name="History")
    panel.get_by_text("Book an interview").click()
    panel.get_by_label("Place or link").fill('https://meet.example/acme, room "4"; 2nd floor')
    panel.get_by_role("button", name="Book the interview").click()
    wait_for_rerun(page)
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    expect(page.get_by_text("Booked: Video interview")).to_be_visible()

    # The form's defaults: tomorrow at 10:00, in the visitor's own zone.
    tokyo = ZoneInfo(VISITOR_ZONE)
    tomorrow = datetime.now(tokyo).date() + timedelta(days=1)
    start = datetime.combine(tomorrow, time(10), tokyo)
    [booked] = store.booked_interviews()
    assert booked.starts_at == start and booked.starts_at.tzinfo.key == VISITOR_ZONE

    goto(page, server.url + "/")
    expect(
        page.get_by_text(f"Next interview: {start:%A} 10:00, Acme (second round), tomorrow")
    ).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Your calendar: follow-ups and interviews (.ics)").click()
    saved = tmp_path / "calendar.ics"
    download.value.save_as(saved)
    calendar = icalendar.Calendar.from_ical(saved.read_bytes())
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == start
    assert event["dtstart"].params["TZID"] == VISITOR_ZONE
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=60)
    assert str(event["location"]) == 'https://meet.example/acme, room "4"; 2nd floor'
    assert [zone["tzid"] for zone in calendar.walk("VTIMEZONE")] == [VISITOR_ZONE]
    [alarm] = event.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(days=-1)
