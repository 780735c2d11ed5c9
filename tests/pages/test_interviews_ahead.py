"""Booking interviews ahead in the detail panel, Today's next one; refusals write nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import icalendar

from bounceback import exports
from bounceback.domain import Event, InterviewKind, ScheduledInterview, Stage
from bounceback.schedule import upcoming_interviews
from bounceback.storage import Store
from components.text import md
from tests.conftest import draft
from tests.pages.conftest import button, sent, texts

PREFIX = "booking:new:1"


def _interviewed(db_url: str) -> Store:
    """Acme: applied 1 Oct, a phone interview 10 Oct."""
    store = Store.open(db_url)
    store.add_application(draft(company="Acme", applied_on=date(2026, 10, 1)))
    store.record(1, Event(Stage.INTERVIEW, date(2026, 10, 10), InterviewKind.PHONE), 1)
    return store


def _open(open_app):
    app = open_app("app_pages/pipeline.py")
    return button(app, "Open").click().run()


def _book(store: Store, days: int = 2) -> int:
    """A video interview at 14:00 UTC, some days from now."""
    start = datetime.combine(datetime.now(UTC).date() + timedelta(days=days), time(14), UTC)
    interview = ScheduledInterview(1, "", "", start, InterviewKind.VIDEO, place="Room 4")
    return store.schedule_interview(interview, datetime.now(UTC))


def test_an_interview_is_booked_from_the_history_tab(open_app, db_url) -> None:
    store = _interviewed(db_url)
    app = _open(open_app)
    day = date.today() + timedelta(days=3)
    app.date_input(key=f"{PREFIX}:day").set_value(day)
    app.time_input(key=f"{PREFIX}:at").set_value(time(14, 0))
    app.selectbox(key=f"{PREFIX}:kind").select("onsite")
    app.text_input(key=f"{PREFIX}:place").input("1 Harbour Street")
    app.text_area(key=f"{PREFIX}:panel").input("Ann Lee, Bo Chen")
    button(app, "Book the interview").click().run()
    assert not app.exception
    [booked] = store.booked_interviews()
    assert booked.starts_at == datetime.combine(day, time(14), UTC)
    assert (booked.kind, booked.place, booked.panel) == (
        InterviewKind.ONSITE,
        "1 Harbour Street",
        ("Ann Lee", "Bo Chen"),
    )
    assert booked.duration == timedelta(minutes=60)
    assert "Booked: On-site interview" in texts(app)


def test_a_time_already_past_is_refused_under_its_field_and_writes_nothing(
    open_app, db_url
) -> None:
    store = _interviewed(db_url)
    revision = store.revision()
    app = _open(open_app)
    app.date_input(key=f"{PREFIX}:day").set_value(date.today())
    app.time_input(key=f"{PREFIX}:at").set_value(time(0, 0))
    button(app, "Book the interview").click().run()
    assert not app.exception
    assert any("already passed" in str(error.value) for error in app.error)
    assert store.booked_interviews() == [] and store.revision() == revision


def test_a_booking_is_moved_and_cancelled_after_asking(open_app, db_url) -> None:
    store = _interviewed(db_url)
    booking_id = _book(store)
    app = _open(open_app)
    app.selectbox(key=f"booking:{booking_id}:edit:kind").select("final")
    button(app, "Save the new time").click().run()
    assert not app.exception
    assert store.booked_interviews()[0].kind is InterviewKind.FINAL
    button(app, "Cancel this interview…").click().run()
    button(app, "Yes, cancel it").click().run()
    assert not app.exception
    assert store.booked_interviews() == []


def test_an_interview_still_ahead_cannot_be_recorded_as_held(open_app, db_url) -> None:
    store = _interviewed(db_url)
    _book(store)
    app = _open(open_app)
    assert button(app, "It happened: record the round").disabled


def test_today_names_the_next_interview_with_a_countdown(open_app, db_url) -> None:
    store = _interviewed(db_url)
    _book(store, days=2)
    app = open_app()
    start = datetime.combine(datetime.now(UTC).date() + timedelta(days=2), time(14), UTC)
    assert f"Next interview: {start:%A} 14:00, Acme (second round), in 2 days" in texts(app)


def test_today_says_nothing_of_interviews_when_none_is_booked(open_app, db_url) -> None:
    _interviewed(db_url)
    app = open_app()
    assert not app.exception
    assert "Next interview" not in texts(app)


def test_the_calendar_file_is_offered_on_today_and_holds_the_booking(open_app, db_url) -> None:
    store = _interviewed(db_url)
    _book(store)
    app = open_app()
    labels = [item.proto.label for item in app.get("download_button")]
    assert "Your calendar: follow-ups and interviews (.ics)" in labels
    now = datetime.now(UTC)
    made = exports.calendar_ics(store.all(), upcoming_interviews(store.frames(), now), now)
    [event] = icalendar.Calendar.from_ical(made).walk("VEVENT")
    assert str(event["summary"]) == "Video interview: Acme (HR Coordinator)"
    assert event["location"] == "Room 4"


def test_presenter_mode_hides_the_company_place_and_panel(open_app, db_url) -> None:
    store = _interviewed(db_url)
    start = datetime.combine(datetime.now(UTC).date() + timedelta(days=2), time(14), UTC)
    interview = ScheduledInterview(
        1, "", "", start, InterviewKind.VIDEO, place="Acme HQ, Room 4", panel=("Grace Okafor",)
    )
    store.schedule_interview(interview, datetime.now(UTC))
    today = open_app(query={"presenter": "1"})
    assert "Next interview" in texts(today) and "Acme" not in sent(today)
    app = button(today.switch_page("app_pages/pipeline.py").run(), "Open").click().run()
    assert not app.exception
    shown = sent(app)
    assert "Video interview" in shown
    assert "Room 4" not in shown and "Grace Okafor" not in shown


def test_a_place_and_panel_typed_as_markdown_or_html_show_as_plain_text(open_app, db_url) -> None:
    store = _interviewed(db_url)
    place = "[Join](javascript:alert(1)) **now** <b>x</b>\n# Room"
    start = datetime.combine(datetime.now(UTC).date() + timedelta(days=2), time(14), UTC)
    interview = ScheduledInterview(
        1, "", "", start, InterviewKind.VIDEO, place=place, panel=("<i>Ann</i>", "*Bo*")
    )
    store.schedule_interview(interview, datetime.now(UTC))
    app = _open(open_app)
    shown = [element.value for element in app.markdown]
    assert f"Where: {md(place)}" in shown
    assert f"Panel: {md('<i>Ann</i>')}, {md('*Bo*')}" in shown


def test_an_interview_that_has_passed_can_be_recorded_as_held(open_app, db_url) -> None:
    store = _interviewed(db_url)
    start = datetime.combine(date.today() - timedelta(days=2), time(9), UTC)
    interview = ScheduledInterview(1, "", "", start, InterviewKind.FINAL)
    store.schedule_interview(interview, start - timedelta(days=5))
    app = _open(open_app)
    assert not app.exception
    button(app, "It happened: record the round").click().run()
    assert not app.exception
    application = store.get(1)
    assert (application.interview_rounds, application.events[-1].on) == (2, start.date())
    assert store.booked_interviews() == []
    assert "Recorded the final round" in texts(app)
