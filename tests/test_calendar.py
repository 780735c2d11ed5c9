"""The calendar file through icalendar: follow-ups and interviews, read back as a calendar would."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
import pytest

from bounceback.domain import (
    Application,
    ApplicationDraft,
    FollowUp,
    FollowUpKind,
    InterviewKind,
    InvalidInput,
    ScheduledInterview,
)
from bounceback.exports import REMIND_BEFORE, calendar_ics, follow_ups_ics

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


def interview(**changes: object) -> ScheduledInterview:
    """A second-round interview next week, with any field changed."""
    fields: dict[str, object] = {
        "application_id": 4,
        "company": "Acme",
        "role": "Analyst",
        "starts_at": datetime(2026, 12, 10, 14, 0, tzinfo=LONDON),
        "kind": InterviewKind.VIDEO,
        "place": "https://meet.example/acme",
        "panel": ("Ann Lee", "Bo Chen"),
        "duration": timedelta(minutes=45),
        "id": 9,
    }
    return ScheduledInterview(**{**fields, **changes})  # type: ignore[arg-type]


def application(
    company: str = "Acme", due: date = date(2026, 12, 5), note: str = ""
) -> Application:
    """An application with one follow-up still to do."""
    draft = ApplicationDraft(company=company, role="Analyst", applied_on=date(2026, 11, 1))
    follow_up = FollowUp(FollowUpKind.THANK_YOU, due, note=note, id=2)
    return Application(id=4, version=1, draft=draft, follow_ups=(follow_up,))


def events(text: str) -> list[icalendar.Event]:
    """The calendar's events, parsed as another program would."""
    return icalendar.Calendar.from_ical(text).events


def only_event(text: str) -> icalendar.Event:
    (event,) = events(text)
    return event


# --- times and timezones ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts_at", "offset"),
    [
        pytest.param(
            datetime(2026, 12, 10, 14, 0, tzinfo=LONDON), timedelta(0), id="London winter"
        ),
        pytest.param(
            datetime(2027, 7, 10, 14, 0, tzinfo=LONDON), timedelta(hours=1), id="London summer"
        ),
        pytest.param(
            datetime(2027, 3, 14, 9, 0, tzinfo=ZoneInfo("America/New_York")),
            timedelta(hours=-4),
            id="New York on its first summer day",
        ),
        pytest.param(
            datetime(2026, 12, 10, 14, 0, tzinfo=ZoneInfo("Asia/Kolkata")),
            timedelta(hours=5, minutes=30),
            id="a half-hour offset",
        ),
    ],
)
def test_an_interview_keeps_its_hour_in_its_own_timezone(
    starts_at: datetime, offset: timedelta
) -> None:
    text = calendar_ics(interviews=[interview(starts_at=starts_at)], now=NOW)
    event = only_event(text)
    assert event.start == starts_at
    assert event.start.tzinfo.key == starts_at.tzinfo.key
    assert event.start.utcoffset() == offset
    assert event.end == starts_at + timedelta(minutes=45)
    assert f"DTSTART;TZID={starts_at.tzinfo.key}:{starts_at:%Y%m%dT%H%M%S}\r\n" in text


def test_the_calendar_spells_out_each_timezone_it_uses() -> None:
    summer = interview(starts_at=datetime(2027, 7, 10, 14, 0, tzinfo=LONDON), id=1)
    winter = interview(starts_at=datetime(2027, 1, 10, 14, 0, tzinfo=LONDON), id=2)
    calendar = icalendar.Calendar.from_ical(calendar_ics(interviews=[summer, winter], now=NOW))
    (zone,) = calendar.timezones
    assert zone.tz_name == "Europe/London"
    # A program that doesn't know the zone by name reads the same offsets from the VTIMEZONE.
    rules = zone.to_tz()
    for moment in (summer.starts_at, winter.starts_at):
        assert moment.replace(tzinfo=rules).utcoffset() == moment.utcoffset()


def test_an_offset_without_a_zone_name_is_written_as_the_same_instant_in_utc() -> None:
    starts_at = datetime(2026, 12, 10, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    text = calendar_ics(interviews=[interview(starts_at=starts_at)], now=NOW)
    assert "DTSTART:20261210T120000Z\r\n" in text
    assert only_event(text).start == starts_at
    assert "BEGIN:VTIMEZONE" not in text


def test_an_interview_of_unknown_length_has_no_made_up_end() -> None:
    text = calendar_ics(interviews=[interview(duration=None)], now=NOW)
    event = only_event(text)
    assert "DTEND" not in event
    assert "DURATION" not in event


# --- the reminder -----------------------------------------------------------------------


def test_each_interview_has_a_reminder_the_day_before() -> None:
    event = only_event(calendar_ics(interviews=[interview()], now=NOW))
    (alarm,) = event.walk("VALARM")
    assert timedelta(days=1) == REMIND_BEFORE
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm["TRIGGER"].dt == -timedelta(days=1)
    assert alarm["TRIGGER"].params.get("RELATED", "START") == "START"
    assert str(alarm["DESCRIPTION"]) == "Tomorrow: Video interview: Acme (Analyst)"


def test_follow_ups_have_no_reminder() -> None:
    text = follow_ups_ics([application()], now=NOW)
    assert "BEGIN:VALARM" not in text


# --- what the event says ----------------------------------------------------------------


def test_the_event_names_the_round_the_place_and_the_panel() -> None:
    event = only_event(calendar_ics(interviews=[interview(kind=InterviewKind.ONSITE)], now=NOW))
    assert str(event["SUMMARY"]) == "On-site interview: Acme (Analyst)"
    assert str(event["LOCATION"]) == "https://meet.example/acme"
    assert str(event["DESCRIPTION"]) == "Panel: Ann Lee, Bo Chen"
    assert event["DTSTAMP"].dt == NOW


def test_an_interview_without_a_place_or_panel_leaves_them_out() -> None:
    event = only_event(calendar_ics(interviews=[interview(place="", panel=())], now=NOW))
    assert "LOCATION" not in event
    assert "DESCRIPTION" not in event


HOSTILE_TEXTS = [
    "Harbour, Finch; Co",
    "line one\nline two\r\nline three\rfour",
    "one\rSUMMARY:two\nEND:VEVENT",
    "C:\\New folder\\notes",
    "ends with a backslash \\",
    "\\N and \\n and \\, typed",
    "Zürich Café 🎉 مرحبا €",
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_text_comes_back_exactly_as_typed(text: str) -> None:
    ics = calendar_ics(
        [application(company=text, note=text)],
        [interview(company=text, role=text, place=text, panel=(text,))],
        now=NOW,
    )
    follow_up, booked = events(ics)
    typed = text.replace("\r\n", "\n").replace("\r", "\n")
    assert str(follow_up["SUMMARY"]) == f"Send a thank-you: {typed} (Analyst)"
    assert str(follow_up["DESCRIPTION"]) == typed
    assert str(booked["SUMMARY"]) == f"Video interview: {typed} ({typed})"
    assert str(booked["LOCATION"]) == typed
    assert str(booked["DESCRIPTION"]) == f"Panel: {typed}"
    # No payload broke out of its value: every line is a property or a folded continuation.
    lines = ics.split("\r\n")
    assert lines[-1] == ""
    assert all(re.match(r"^([A-Z-]+[;:]| )", line) for line in lines[:-1])
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 2


def test_commas_semicolons_and_newlines_are_escaped_in_the_file() -> None:
    ics = calendar_ics(interviews=[interview(company="A, B; C\nD")], now=NOW)
    assert "SUMMARY:Video interview: A\\, B\\; C\\nD (Analyst)\r\n" in ics


@pytest.mark.parametrize("piece", ["é", "مرحبا ", "🎉", "€", "Zürich Café "])
def test_long_multi_byte_text_is_folded_within_75_octets_and_read_back_whole(piece: str) -> None:
    long = piece * 80
    ics = calendar_ics([application(note=long)], [interview(place=long)], now=NOW)
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    follow_up, booked = events(ics)
    assert str(follow_up["DESCRIPTION"]) == long
    assert str(booked["LOCATION"]) == long


# --- the last day there is --------------------------------------------------------------


def test_the_last_day_a_calendar_can_hold_still_exports() -> None:
    last = datetime(9999, 12, 31, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
    ics = calendar_ics(
        [application(due=date.max)],
        [interview(starts_at=last, duration=timedelta(hours=1))],
        now=NOW,
    )
    follow_up, booked = events(ics)
    assert follow_up.start == date.max
    assert "DTEND" not in follow_up
    assert booked.start == last
    assert booked.end == last + timedelta(hours=1)
    assert "DTSTART;TZID=Europe/Paris:99991231T100000\r\n" in ics
    (alarm,) = booked.walk("VALARM")
    assert alarm["TRIGGER"].dt == -timedelta(days=1)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"starts_at": datetime(2026, 12, 10, 14, 0)}, "starts_at"),
        (
            {"starts_at": datetime(9999, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=-5)))},
            "starts_at",
        ),
        (
            {
                "starts_at": datetime(9999, 12, 31, 23, 30, tzinfo=UTC),
                "duration": timedelta(hours=1),
            },
            "starts_at",
        ),
        ({"duration": timedelta(0)}, "duration"),
        ({"duration": timedelta(minutes=-30)}, "duration"),
    ],
    ids=["no timezone", "past the end in UTC", "ends past the end", "no length", "negative length"],
)
def test_an_interview_the_calendar_cannot_hold_is_refused_by_field(
    changes: dict, field: str
) -> None:
    with pytest.raises(InvalidInput) as error:
        interview(**changes)
    assert list(error.value.errors) == [field]


# --- identity ---------------------------------------------------------------------------


def test_uids_are_stable_across_exports_and_unique_within_one() -> None:
    booked = [
        interview(id=1),
        interview(id=2, starts_at=datetime(2026, 12, 11, 9, 0, tzinfo=LONDON)),
    ]
    first = calendar_ics([application()], booked, now=NOW)
    later = calendar_ics([application()], booked, now=NOW + timedelta(days=3))
    uids = [str(event["UID"]) for event in events(first)]
    assert uids == [str(event["UID"]) for event in events(later)]
    assert len(set(uids)) == 3
    assert uids == [
        "bounceback-4-2@bounceback.local",
        "bounceback-interview-4-1@bounceback.local",
        "bounceback-interview-4-2@bounceback.local",
    ]


def test_a_stored_interview_keeps_its_uid_when_it_moves() -> None:
    before = only_event(calendar_ics(interviews=[interview()], now=NOW))["UID"]
    moved = interview(starts_at=datetime(2026, 12, 12, 11, 0, tzinfo=LONDON))
    assert only_event(calendar_ics(interviews=[moved], now=NOW))["UID"] == before


def test_an_unsaved_interview_is_named_by_its_instant_whatever_the_zone() -> None:
    here = interview(id=None)
    there = interview(id=None, starts_at=here.starts_at.astimezone(ZoneInfo("Asia/Tokyo")))
    uids = {str(only_event(calendar_ics(interviews=[i], now=NOW))["UID"]) for i in (here, there)}
    assert uids == {"bounceback-interview-4-20261210T140000Z@bounceback.local"}


# --- one file for both ------------------------------------------------------------------


def test_one_calendar_carries_follow_ups_and_interviews() -> None:
    ics = calendar_ics([application()], [interview()], now=NOW)
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert ics.count("BEGIN:VCALENDAR") == 1
    calendar = icalendar.Calendar.from_ical(ics)
    assert str(calendar["VERSION"]) == "2.0"
    assert [str(event["SUMMARY"]) for event in calendar.events] == [
        "Send a thank-you: Acme (Analyst)",
        "Video interview: Acme (Analyst)",
    ]
    assert calendar.events[0].start == date(2026, 12, 5)
    assert calendar.events[0].end == date(2026, 12, 6)


def test_follow_ups_alone_are_the_same_calendar_without_interviews() -> None:
    assert follow_ups_ics([application()], now=NOW) == calendar_ics([application()], now=NOW)


def test_a_naive_export_time_is_taken_as_utc_whatever_the_machines_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        text = follow_ups_ics([application()], now=datetime(2026, 12, 2, 9, 30))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert "DTSTAMP:20261202T093000Z\r\n" in text


def test_an_empty_calendar_is_still_a_calendar() -> None:
    calendar = icalendar.Calendar.from_ical(calendar_ics(now=NOW))
    assert calendar.events == []
    assert calendar.timezones == []
