"""Interviews booked ahead: the rules for scheduling them, and which ones are coming up."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from bounceback.domain import OPEN, InterviewKind, InvalidInput, ScheduledInterview, Stage
from bounceback.validation import SHORT_TEXT, text_problem

# A place is an address or a video link; links can be long.
PLACE_TEXT = 2000
# More people than this is not a panel but an audience.
MOST_PANEL = 20
# Without a known length, an interview counts as upcoming until this long after it starts.
ASSUMED_LENGTH = timedelta(hours=1)
# Longer than this is not one interview round.
LONGEST = timedelta(hours=12)
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def zone(name: str | None) -> ZoneInfo:
    """The named time zone, or UTC when the name is missing or unknown to this server."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    return ZoneInfo("UTC")


def check_schedule(
    interview: ScheduledInterview, stage: Stage, now: datetime
) -> ScheduledInterview:
    """An interview may be booked for any time still ahead, for an application still open."""
    problems: dict[str, str] = {}
    if stage not in OPEN:
        problems["application"] = (
            f"This application is {stage.label.lower()}: reopen it to book an interview."
        )
    if interview.starts_at <= now:
        problems["starts_at"] = (
            "That time has already passed. Book a time still ahead, or record a round that "
            "happened in the Move on tab."
        )
    tidied, found = _booking_problems(interview)
    problems |= found
    if problems:
        raise InvalidInput(problems)
    return tidied


def check_booking(interview: ScheduledInterview) -> ScheduledInterview:
    """A booking brought back from a backup keeps its time; its text obeys the form's rules."""
    tidied, problems = _booking_problems(interview)
    if problems:
        raise InvalidInput(problems)
    return tidied


def _booking_problems(interview: ScheduledInterview) -> tuple[ScheduledInterview, dict[str, str]]:
    """The booking with its text tidied, and what is wrong with its length, place or panel."""
    problems: dict[str, str] = {}
    if interview.duration is not None and interview.duration > LONGEST:
        problems["duration"] = "An interview round lasts 12 hours at most."
    place = interview.place.strip()
    problem = text_problem(place, PLACE_TEXT, "Place or link")
    if problem:
        problems["place"] = problem
    panel = tuple(name.strip() for name in interview.panel if name.strip())
    if len(panel) > MOST_PANEL:
        problems["panel"] = f"List at most {MOST_PANEL} people on the panel."
    for name in panel:
        problem = text_problem(name, SHORT_TEXT, "A panel member's name")
        if problem:
            problems["panel"] = problem
            break
    return replace(interview, place=place, panel=panel), problems


def check_held(interview: ScheduledInterview, now: datetime) -> None:
    """An interview's outcome can be recorded once it has started, never before."""
    if now < interview.starts_at:
        raise InvalidInput(
            {
                "starts_at": (
                    f"This interview is on {when(interview)}: its outcome can be recorded "
                    "once it has started."
                )
            }
        )


def panel_from_text(text: str) -> tuple[str, ...]:
    """People typed one per line or separated by commas, in their order, blanks dropped."""
    return tuple(
        part.strip() for line in text.splitlines() for part in line.split(",") if part.strip()
    )


def upcoming_interviews(
    frames: Mapping[str, pd.DataFrame], now: datetime
) -> list[ScheduledInterview]:
    """The booked interviews not yet over, soonest first, each in its own time zone.

    `frames` is what `Store.frames()` returns (masked or not); an interview is over at its
    end, or `ASSUMED_LENGTH` after its start when its length is unknown. Bookings of an
    application closed since (rejected, withdrawn, ghosted) are left out.
    """
    booked = frames.get("scheduled_interviews")
    if booked is None or booked.empty:
        return []
    names = frames["applications"].set_index("id")[["company", "role"]]
    stages = _stages(frames["events"])
    found = []
    for row in booked.itertuples(index=False):
        # An application closed since (a no, stepping out) has no interview to go to.
        if row.application_id not in names.index or stages.get(row.application_id) not in OPEN:
            continue
        interview = from_row(row, *names.loc[row.application_id])
        if (interview.ends_at or interview.starts_at + ASSUMED_LENGTH) > now:
            found.append(interview)
    return sorted(found, key=lambda item: (item.starts_at, item.id or 0))


def _stages(events: pd.DataFrame) -> dict[int, Stage]:
    """Each application's stage now: its latest event, by date and then by entry."""
    if events.empty:
        return {}
    latest = events.sort_values(["occurred_on", "id"]).groupby("application_id")["stage"].last()
    return {int(key): Stage(value) for key, value in latest.items()}


def from_row(row: Any, company: str, role: str) -> ScheduledInterview:
    """One stored row (UTC start, zone name, panel as JSON) as the interview it describes."""
    minutes = row.duration_minutes
    starts = pd.Timestamp(row.starts_at).to_pydatetime()
    return ScheduledInterview(
        application_id=int(row.application_id),
        company=str(company),
        role=str(role),
        starts_at=starts.replace(tzinfo=UTC).astimezone(zone(row.timezone)),
        kind=InterviewKind(row.kind),
        place=str(row.place or ""),
        panel=tuple(json.loads(row.panel or "[]")),
        duration=None if minutes is None or pd.isna(minutes) else timedelta(minutes=int(minutes)),
        id=int(row.id),
        version=int(row.version),
    )


def rounds_before(frames: Mapping[str, pd.DataFrame], interview: ScheduledInterview) -> int:
    """Which round this will be: the rounds recorded, plus those booked earlier, plus one."""
    events = frames["events"]
    recorded = int(
        (
            (events["application_id"] == interview.application_id)
            & (events["stage"] == "interview")
        ).sum()
    )
    booked = frames.get("scheduled_interviews")
    earlier = 0
    if booked is not None and not booked.empty:
        mine = booked[booked["application_id"] == interview.application_id]
        start = interview.starts_at.astimezone(UTC).replace(tzinfo=None)
        earlier = int((pd.to_datetime(mine["starts_at"]) < start).sum())
    return recorded + earlier + 1


def when(interview: ScheduledInterview) -> str:
    """'Thursday 3 Dec 14:00 (Europe/London)': the day and the hour in its own zone."""
    start = interview.starts_at
    return f"{start:%A %-d %b %Y %H:%M} ({_zone_name(start)})"


def countdown(starts_at: datetime, now: datetime) -> str:
    """'in 2 days', 'tomorrow', 'in 3 hours': how long until it starts, in the visitor's days."""
    ahead = starts_at - now
    if ahead <= timedelta(0):
        return "now"
    days = (starts_at.date() - now.astimezone(starts_at.tzinfo).date()).days
    if days == 0:
        hours = math.ceil(ahead / timedelta(hours=1))
        if hours <= 1:
            minutes = max(1, math.ceil(ahead / timedelta(minutes=1)))
            return f"in {minutes} minute{'' if minutes == 1 else 's'}"
        return f"in {hours} hours"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


def next_interview_line(
    interview: ScheduledInterview, round_number: int, now: datetime, visitor_zone: str | None
) -> str:
    """'Next interview: Thursday 14:00, Acme (second round), in 2 days', in the visitor's time."""
    local = (
        interview.starts_at.astimezone(zone(visitor_zone)) if visitor_zone else interview.starts_at
    )
    moment = now.astimezone(local.tzinfo)
    day = f"{local:%A}" if (local.date() - moment.date()).days < 7 else f"{local:%A %-d %b}"
    ordinal = (
        _ORDINALS[round_number - 1] if 0 < round_number <= len(_ORDINALS) else f"{round_number}th"
    )
    return (
        f"Next interview: {day} {local:%H:%M}, {interview.company} ({ordinal} round), "
        f"{countdown(local, moment)}"
    )


def _zone_name(moment: datetime) -> str:
    """A zone's own name where it has one, else its offset."""
    tz = moment.tzinfo
    return tz.key if isinstance(tz, ZoneInfo) else moment.strftime("UTC%z")
