"""Exports for other programs: a safe CSV of the job search and a calendar of follow-ups."""

import csv
import io
from datetime import UTC, date, datetime

import pytest

from bounceback.csv_text import read_table
from bounceback.domain import Contact, Event, FollowUp, FollowUpKind, InterviewKind, Stage
from bounceback.exports import (
    CSV_COLUMNS,
    follow_ups_ics,
    history_csv,
    neutralise,
    unneutralise,
)
from bounceback.importers import plan_import
from bounceback.storage import Store
from tests.conftest import TODAY, draft


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+44 113 000", "'+44 113 000"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t'=1"),
        ("Engineer;=cmd|' /C calc'!A0;", "Engineer;'=cmd|' /C calc'!A0;"),
        ("Analyst\t+SUM(1,2)|@A1", "Analyst\t'+SUM(1,2)|'@A1"),
        ('Lead, "=1+1"', 'Lead,\' "=1+1"'),
        ("Acme = good", "Acme = good"),
        (None, ""),
    ],
)
def test_cells_that_look_like_formulas_are_neutralised(cell: object, shown: str) -> None:
    assert neutralise(cell) == shown


def test_the_csv_has_one_row_per_event_and_no_live_formulas(fresh_db: Store) -> None:
    hostile = '=HYPERLINK("http://example.com","click")'
    new_id = fresh_db.add_application(
        draft(company=hostile, contacts=(Contact("Ann", email="ann@example.com"),)), today=TODAY
    )
    fresh_db.record(
        new_id, Event(Stage.INTERVIEW, date(2026, 10, 5), InterviewKind.PANEL), 1, TODAY
    )
    fresh_db.record(new_id, Event(Stage.REJECTED, date(2026, 10, 9), note="-close call"), 2, TODAY)
    rows = list(csv.reader(io.StringIO(history_csv(fresh_db.all()))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row[7] for row in rows[1:]] == ["Applied", "Interview", "Rejected"]
    assert rows[2][8] == "Panel"
    assert rows[3][9] == "'-close call"
    assert all(row[0] == "'" + hostile for row in rows[1:])
    assert rows[1][10] == "Ann, ann@example.com"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_calendar_holds_only_follow_ups_still_to_do(fresh_db: Store) -> None:
    new_id = fresh_db.add_application(draft(company="Harbour, Finch; Co"), today=TODAY)
    fresh_db.add_follow_up(new_id, FollowUp(FollowUpKind.THANK_YOU, date(2026, 11, 25)))
    done = FollowUp(FollowUpKind.CONNECT, date(2026, 11, 20), done_on=date(2026, 11, 21))
    fresh_db.add_follow_up(new_id, done, today=TODAY)
    text = follow_ups_ics(fresh_db.all(), now=datetime(2026, 11, 22, tzinfo=UTC))
    assert text.count("BEGIN:VEVENT") == 1
    assert "DTSTART;VALUE=DATE:20261125" in text
    assert "DTEND;VALUE=DATE:20261126" in text
    assert "SUMMARY:Send a thank-you: Harbour\\, Finch\\; Co (HR Coordinator)" in text
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")


def test_long_calendar_lines_are_folded_without_splitting_characters(fresh_db: Store) -> None:
    new_id = fresh_db.add_application(draft(company="Zürich Café " * 8), today=TODAY)
    fresh_db.add_follow_up(new_id, FollowUp(FollowUpKind.RECONNECT, date(2027, 2, 1)))
    text = follow_ups_ics(fresh_db.all())
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "Zürich Café " * 3 in unfolded


@pytest.mark.parametrize("text", ["é" * 100, "مرحبا " * 30, "🎉" * 40, "a" + "€" * 60])
def test_folding_keeps_every_line_within_75_octets_and_every_character_whole(
    fresh_db: Store, text: str
) -> None:
    new_id = fresh_db.add_application(draft(), today=TODAY)
    fresh_db.add_follow_up(new_id, FollowUp(FollowUpKind.RECONNECT, date(2027, 2, 1), note=text))
    calendar = follow_ups_ics(fresh_db.all())
    assert all(len(line.encode()) <= 75 for line in calendar.split("\r\n"))
    assert f"DESCRIPTION:{text}" in calendar.replace("\r\n ", "")


def test_a_bare_carriage_return_in_a_note_cannot_break_a_calendar_line(fresh_db: Store) -> None:
    new_id = fresh_db.add_application(draft(), today=TODAY)
    fresh_db.add_follow_up(
        new_id, FollowUp(FollowUpKind.RECONNECT, date(2027, 2, 1), note="one\rSUMMARY:two")
    )
    text = follow_ups_ics(fresh_db.all())
    assert "one\\nSUMMARY:two" in text
    assert text.count("\r") == text.count("\r\n")


@pytest.mark.parametrize(
    "text",
    ["=SUM(A1:A9)", "Points:\n- first\n- second", "| a | b |\n|---|---|", "'=already", "plain"],
)
def test_unneutralise_gives_back_exactly_what_neutralise_guarded(text: str) -> None:
    assert unneutralise(neutralise(text)) == text


def test_the_job_search_csv_reads_back_to_the_same_file(fresh_db: Store) -> None:
    """Contacts, notes with bullet points and formulas: nothing lost or changed on the way."""
    people = (
        Contact("Jo Whitlow", "Recruiter", "jo@meadowbank.example", "+44 7700 900123"),
        Contact("Sam Okafor", email="sam@meadowbank.example"),
        Contact("Priya Raman", "Hiring manager, data team"),
    )
    new_id = fresh_db.add_application(
        draft(
            contacts=people,
            link="https://jobs.example/1",
            notes="- Panel of three, friendly\n- Mentioned the salary band",
        ),
        today=TODAY,
    )
    fresh_db.record(
        new_id,
        Event(Stage.REJECTED, date(2026, 10, 9), note="Said:\n- more SQL\n=odd but typed"),
        1,
        TODAY,
    )
    written = history_csv(fresh_db.all())
    plan = plan_import(read_table(written.encode()), today=TODAY)
    assert plan.tracker.key == "bounceback" and not plan.problems
    (row,) = plan.rows
    assert row.application.draft.contacts == people
    assert row.application.draft.notes == "- Panel of three, friendly\n- Mentioned the salary band"
    assert history_csv([row.application]) == written
