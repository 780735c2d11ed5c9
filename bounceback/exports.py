"""Files for other programs: a spreadsheet of the job search and a calendar of what's ahead."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pandas as pd

from bounceback.domain import Application, Contact, ScheduledInterview, Source

CSV_COLUMNS = (
    "company",
    "role",
    "location",
    "source",
    "link",
    "applied_on",
    "event_date",
    "stage",
    "interview_kind",
    "note",
    "contacts",
    "application_notes",
)
# A spreadsheet runs a cell that starts like a formula. A reader may also split a cell at a
# separator of its own choosing (";" in most of Europe, tab, "|"), so every piece after one
# of those counts as the start of a cell too. A leading apostrophe makes it text.
_FORMULA_START = re.compile(r"(^|[,;\t|\r\n])(?=[\s\"']*[=+\-@\t\r])")
# The guard neutralise() puts in, found again: an apostrophe where it would have put one.
_GUARD = re.compile(r"(^|[,;\t|\r\n])'(?=[\s\"']*[=+\-@\t\r])")
# A phone number in a contacts cell: digits, perhaps a leading +, spaces and ( ) . - /.
_PHONE = re.compile(r"\+?\d[\d\s().\-/]{5,}")
# A scheduled interview's calendar reminder goes off this long before it starts.
REMIND_BEFORE = timedelta(days=1)


def neutralise(value: object) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula, however it is split."""
    text = "" if value is None else str(value)
    return _FORMULA_START.sub(r"\1'", text)


def unneutralise(text: str) -> str:
    """A cell of bounceback's own CSV as it was typed: every guard neutralise() added, gone,
    so a note's "- first point" comes back without the apostrophe the file shows."""
    return _GUARD.sub(r"\1", text)


def contacts_cell(contacts: Sequence[Contact]) -> str:
    """The people on an application in one cell: "Jo Whitlow, Recruiter, jo@x.example"."""
    return "; ".join(
        ", ".join(part for part in (c.name, c.role, c.email, c.phone) if part) for c in contacts
    )


def read_contacts(cell: str) -> tuple[Contact, ...]:
    """The people contacts_cell() wrote: an address has an @, a phone is digits, the first
    other part is the name and the rest the role."""
    found = []
    for entry in cell.split("; "):
        named, email, phone = [], "", ""
        for part in (piece.strip() for piece in entry.split(", ")):
            if "@" in part and not email:
                email = part
            elif _PHONE.fullmatch(part) and not phone:
                phone = part
            elif part:
                named.append(part)
        if named or email or phone:
            name, *role = named or [""]
            found.append(Contact(name, ", ".join(role), email, phone))
    return tuple(found)


def history_csv(applications: Sequence[Application]) -> str:
    """One row per dated change of stage: a record of the job search, fit for official forms."""
    buffer = io.StringIO()
    # Every field quoted, so a reader splitting on ";" still keeps each cell whole.
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for application in applications:
        draft = application.draft
        people = contacts_cell(draft.contacts)
        for event in application.events:
            row = (
                draft.company,
                draft.role,
                draft.location,
                Source(draft.source).label,
                draft.link,
                draft.applied_on.isoformat(),
                event.on.isoformat(),
                event.stage.label,
                event.kind.label if event.kind else "",
                event.note,
                people,
                draft.notes,
            )
            writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def table_csv(table: pd.DataFrame, headers: dict[str, str]) -> str:
    """Rows of a table as shown, every field quoted and every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([headers.get(column, column) for column in table.columns])
    for row in table.itertuples(index=False):
        writer.writerow([neutralise("" if pd.isna(cell) else cell) for cell in row])
    return buffer.getvalue()


class _Text(icalendar.vText):
    """Calendar text that keeps a typed backslash as typed.

    icalendar 7 reads a backslash-N in the text as a line break before escaping; escaping
    each piece between backslashes with it, then joining them with an escaped backslash,
    keeps "C:\\New folder" as written.
    """

    def to_ical(self) -> bytes:
        return b"\\\\".join(icalendar.vText(piece).to_ical() for piece in str(self).split("\\"))


def calendar_ics(
    applications: Sequence[Application] = (),
    interviews: Sequence[ScheduledInterview] = (),
    now: datetime | None = None,
) -> str:
    """One calendar with the follow-ups still to do and the interviews booked ahead."""
    moment = now or datetime.now(UTC)
    # A naive time is taken as UTC, as the calendar always has.
    stamp = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//bounceback//calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for zone in _timezones(interviews):
        calendar.add_component(zone)
    for event in (*_follow_up_events(applications, stamp), *_interview_events(interviews, stamp)):
        calendar.add_component(event)
    return calendar.to_ical().decode()


def follow_ups_ics(applications: Sequence[Application], now: datetime | None = None) -> str:
    """Every follow-up not yet done as an all-day calendar event on its due date."""
    return calendar_ics(applications, (), now)


def _follow_up_events(
    applications: Sequence[Application], stamp: datetime
) -> Iterator[icalendar.Event]:
    """An all-day event on each open follow-up's due date."""
    for application in applications:
        for item in application.follow_ups:
            if item.done_on is not None:
                continue
            event = icalendar.Event()
            event.add("uid", f"bounceback-{application.id}-{item.id}@bounceback.local")
            event.add("dtstamp", stamp)
            event.add("dtstart", item.due)
            # An all-day event ends the next day; with no end it lasts one day anyway (RFC
            # 5545), which is what the last day a date can hold needs.
            if item.due < date.max:
                event.add("dtend", item.due + timedelta(days=1))
            summary = f"{item.kind.label}: {application.draft.company} ({application.draft.role})"
            event.add("summary", _Text(summary))
            if item.note:
                event.add("description", _Text(item.note))
            yield event


def _interview_events(
    interviews: Sequence[ScheduledInterview], stamp: datetime
) -> Iterator[icalendar.Event]:
    """A timed event for each interview, in its own timezone, with a reminder the day before."""
    for interview in interviews:
        event = icalendar.Event()
        event.add("uid", _interview_uid(interview))
        event.add("dtstamp", stamp)
        event.add("dtstart", _in_its_zone(interview.starts_at))
        if interview.ends_at is not None:
            event.add("dtend", _in_its_zone(interview.ends_at))
        title = f"{interview.kind.label} interview: {interview.company} ({interview.role})"
        event.add("summary", _Text(title))
        if interview.place:
            event.add("location", _Text(interview.place))
        if interview.panel:
            event.add("description", _Text("Panel: " + ", ".join(interview.panel)))
        reminder = icalendar.Alarm()
        reminder.add("action", "DISPLAY")
        reminder.add("trigger", -REMIND_BEFORE)
        reminder.add("description", _Text(f"Tomorrow: {title}"))
        event.add_component(reminder)
        yield event


def _interview_uid(interview: ScheduledInterview) -> str:
    """The same UID on every export, so a calendar updates an interview instead of copying it."""
    if interview.id is not None:
        key = str(interview.id)
    else:
        key = f"{interview.starts_at.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    return f"bounceback-interview-{interview.application_id}-{key}@bounceback.local"


def _in_its_zone(moment: datetime) -> datetime:
    """A named zone stays (TZID); any other offset becomes the same instant in UTC."""
    return moment if isinstance(moment.tzinfo, ZoneInfo) else moment.astimezone(UTC)


def _timezones(interviews: Sequence[ScheduledInterview]) -> Iterator[icalendar.Timezone]:
    """A VTIMEZONE for each named zone, covering just the days its interviews need."""
    days: dict[str, list[date]] = defaultdict(list)
    for interview in interviews:
        for moment in (interview.starts_at, interview.ends_at):
            if moment is not None and isinstance(moment.tzinfo, ZoneInfo):
                days[moment.tzinfo.key].append(moment.date())
    for key, dates in sorted(days.items()):
        try:
            yield icalendar.Timezone.from_tzinfo(
                ZoneInfo(key),
                key,
                first_date=min(dates) - timedelta(days=1),
                last_date=max(dates) + timedelta(days=1),
            )
        except OverflowError:
            # Near the calendar's last day the zone's rules can't be spelled out; its TZID
            # alone still names it, which calendar programs resolve themselves.
            continue
