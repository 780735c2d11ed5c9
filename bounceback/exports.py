"""Files for other programs: a spreadsheet of the job search and a calendar of follow-ups."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import pandas as pd

from bounceback.domain import Application, Source

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
)
# A spreadsheet runs a cell that starts like a formula. A reader may also split a cell at a
# separator of its own choosing (";" in most of Europe, tab, "|"), so every piece after one
# of those counts as the start of a cell too. A leading apostrophe makes it text.
_FORMULA_START = re.compile(r"(^|[,;\t|\r\n])(?=[\s\"']*[=+\-@\t\r])")


def neutralise(value: object) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula, however it is split."""
    text = "" if value is None else str(value)
    return _FORMULA_START.sub(r"\1'", text)


def history_csv(applications: Sequence[Application]) -> str:
    """One row per dated change of stage: a record of the job search, fit for official forms."""
    buffer = io.StringIO()
    # Every field quoted, so a reader splitting on ";" still keeps each cell whole.
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for application in applications:
        draft = application.draft
        people = "; ".join(
            ", ".join(part for part in (c.name, c.role, c.email, c.phone) if part)
            for c in draft.contacts
        )
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


def _ics_text(text: str) -> str:
    """Escape text for an iCalendar property value (RFC 5545, section 3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold_line(line: str) -> str:
    """Fold a content line at 75 octets, as calendar programs expect, never inside a character."""
    parts: list[str] = []
    current, size = "", 0
    for character in line:
        width = len(character.encode())
        if size + width > (75 if not parts else 74):
            parts.append(current)
            current, size = "", 0
        current += character
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def follow_ups_ics(applications: Sequence[Application], now: datetime | None = None) -> str:
    """Every follow-up not yet done as an all-day calendar event on its due date."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//bounceback//follow-ups//EN",
        "CALSCALE:GREGORIAN",
    ]
    for application in applications:
        for item in application.follow_ups:
            if item.done_on is not None:
                continue
            summary = f"{item.kind.label}: {application.draft.company} ({application.draft.role})"
            lines += [
                "BEGIN:VEVENT",
                f"UID:bounceback-{application.id}-{item.id}@bounceback.local",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{item.due:%Y%m%d}",
            ]
            # An all-day event ends the next day; with no end it lasts one day anyway (RFC
            # 5545), which is what the last day a date can hold needs.
            if item.due < date.max:
                lines.append(f"DTEND;VALUE=DATE:{item.due + timedelta(days=1):%Y%m%d}")
            lines.append(f"SUMMARY:{_ics_text(summary)}")
            if item.note:
                lines.append(f"DESCRIPTION:{_ics_text(item.note)}")
            lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold_line(line) for line in lines) + "\r\n"
