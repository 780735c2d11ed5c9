"""Interviews booked ahead: the rules (ahead is fine, outcome waits), storage on both backends."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from bounceback import backup
from bounceback.domain import (
    ChangedElsewhere,
    Event,
    InterviewKind,
    InvalidInput,
    NotFound,
    ScheduledInterview,
    Stage,
)
from bounceback.schedule import (
    check_held,
    check_schedule,
    countdown,
    next_interview_line,
    panel_from_text,
    rounds_before,
    upcoming_interviews,
)
from bounceback.storage import SCHEMA_VERSION, Store, upgrade
from tests.conftest import TODAY, draft

LONDON = ZoneInfo("Europe/London")
# Sunday 22 Nov 2026, 09:30 in London (UTC in winter).
NOW = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
THURSDAY = datetime(2026, 11, 26, 14, 0, tzinfo=LONDON)


def booking(application_id: int = 1, **changes: object) -> ScheduledInterview:
    """A video interview on Thursday afternoon, with any field changed."""
    fields: dict[str, object] = {
        "application_id": application_id,
        "company": "",
        "role": "",
        "starts_at": THURSDAY,
        "kind": InterviewKind.VIDEO,
        "place": "https://meet.example/acme",
        "panel": ("Ann Lee", "Bo Chen"),
        "duration": timedelta(minutes=45),
    }
    return ScheduledInterview(**{**fields, **changes})  # type: ignore[arg-type]


# --- rules -------------------------------------------------------------------------


def test_an_interview_ahead_may_be_booked_with_its_text_tidied():
    checked = check_schedule(
        booking(place="  Room 4  ", panel=(" Ann ", "", "Bo")), Stage.INTERVIEW, NOW
    )
    assert checked.place == "Room 4"
    assert checked.panel == ("Ann", "Bo")


def test_a_time_already_past_is_refused_by_name():
    with pytest.raises(InvalidInput) as refused:
        check_schedule(booking(starts_at=NOW - timedelta(minutes=1)), Stage.APPLIED, NOW)
    assert set(refused.value.errors) == {"starts_at"}


def test_a_closed_application_takes_no_booking():
    with pytest.raises(InvalidInput) as refused:
        check_schedule(booking(), Stage.REJECTED, NOW)
    assert "reopen" in refused.value.errors["application"]


def test_every_bad_field_is_named_at_once():
    bad = booking(
        starts_at=NOW - timedelta(days=1),
        place="x\x00",
        panel=tuple(f"P{n}" for n in range(30)),
        duration=timedelta(hours=13),
    )
    with pytest.raises(InvalidInput) as refused:
        check_schedule(bad, Stage.APPLIED, NOW)
    assert set(refused.value.errors) == {"starts_at", "place", "panel", "duration"}


def test_an_outcome_waits_for_the_interview_to_start():
    with pytest.raises(InvalidInput):
        check_held(booking(), THURSDAY - timedelta(seconds=1))
    check_held(booking(), THURSDAY)


def test_a_panel_typed_with_commas_or_lines_keeps_its_order():
    assert panel_from_text("Ann Lee, Bo Chen\n\n  Cy ,") == ("Ann Lee", "Bo Chen", "Cy")


@pytest.mark.parametrize(
    ("ahead", "said"),
    [
        (timedelta(minutes=20), "in 20 minutes"),
        (timedelta(hours=3), "in 3 hours"),
        (timedelta(days=1), "tomorrow"),
        (timedelta(days=4, hours=4, minutes=30), "in 4 days"),
    ],
)
def test_the_countdown_counts_the_visitors_days(ahead, said):
    assert countdown(NOW + ahead, NOW) == said


def test_todays_line_names_the_day_the_hour_the_company_and_the_round():
    acme = replace(booking(), company="Acme")
    line = next_interview_line(acme, 2, NOW, "Europe/London")
    assert line == "Next interview: Thursday 14:00, Acme (second round), in 4 days"


def test_todays_line_shows_the_hour_in_the_visitors_own_zone():
    acme = replace(booking(), company="Acme")
    assert "Thursday 09:00" in next_interview_line(acme, 1, NOW, "America/New_York")


# --- storage, on both backends --------------------------------------------------------


@pytest.fixture
def store(fresh_db: Store) -> Store:
    """An application in its first interview round, ready to book the next."""
    fresh_db.application_id = fresh_db.add_application(draft(company="Acme"), today=TODAY)
    version = fresh_db.get(fresh_db.application_id).version
    fresh_db.record(
        fresh_db.application_id, Event(Stage.INTERVIEW, TODAY, InterviewKind.PHONE), version, TODAY
    )
    return fresh_db


def test_a_booking_reads_back_in_its_own_zone_with_every_field(store):
    new_id = store.schedule_interview(booking(store.application_id), NOW)
    [found] = store.booked_interviews(store.application_id)
    assert found.id == new_id and found.version == 1
    assert found.starts_at == THURSDAY and found.starts_at.tzinfo.key == "Europe/London"
    assert (found.company, found.role) == ("Acme", "HR Coordinator")
    assert found.panel == ("Ann Lee", "Bo Chen")
    assert found.duration == timedelta(minutes=45)
    assert upcoming_interviews(store.frames(), NOW) == [found]


def test_upcoming_leaves_out_what_is_over_and_counts_the_round(store):
    store.schedule_interview(booking(store.application_id, duration=None), NOW)
    later = THURSDAY + timedelta(days=7)
    store.schedule_interview(booking(store.application_id, starts_at=later), NOW)
    frames = store.frames()
    first, second = upcoming_interviews(frames, NOW)
    assert (rounds_before(frames, first), rounds_before(frames, second)) == (2, 3)
    # Without a length, it counts as upcoming for an hour after it starts.
    assert upcoming_interviews(frames, THURSDAY + timedelta(minutes=59))[0] == first
    assert upcoming_interviews(frames, THURSDAY + timedelta(hours=1)) == [second]


def test_a_refused_booking_writes_nothing(store):
    revision = store.revision()
    with pytest.raises(InvalidInput):
        store.schedule_interview(booking(store.application_id, starts_at=NOW), NOW)
    assert store.booked_interviews() == [] and store.revision() == revision


def test_moving_a_booking_checks_its_version(store):
    store.schedule_interview(booking(store.application_id), NOW)
    [found] = store.booked_interviews()
    moved = replace(found, starts_at=THURSDAY + timedelta(hours=1), kind=InterviewKind.ONSITE)
    store.reschedule_interview(moved, NOW)
    [now_booked] = store.booked_interviews()
    assert (now_booked.starts_at.hour, now_booked.kind, now_booked.version) == (15, "onsite", 2)
    with pytest.raises(ChangedElsewhere):
        store.reschedule_interview(replace(moved, place="elsewhere"), NOW)
    with pytest.raises(ChangedElsewhere):
        store.cancel_interview(now_booked.id, 1)
    store.cancel_interview(now_booked.id, 2)
    assert store.booked_interviews() == []
    with pytest.raises(NotFound):
        store.cancel_interview(now_booked.id, 2)


def test_a_held_interview_becomes_a_round_on_its_own_day_once_it_has_started(store):
    store.schedule_interview(booking(store.application_id), NOW)
    [found] = store.booked_interviews()
    version = store.get(store.application_id).version
    with pytest.raises(InvalidInput):
        store.interview_held(found.id, 1, version, THURSDAY - timedelta(hours=1), THURSDAY.date())
    assert store.booked_interviews() == [found]
    after = THURSDAY + timedelta(hours=2)
    store.interview_held(found.id, 1, version, after, after.date())
    application = store.get(store.application_id)
    assert application.interview_rounds == 2
    assert (application.events[-1].on, application.events[-1].kind) == (
        THURSDAY.date(),
        InterviewKind.VIDEO,
    )
    assert store.booked_interviews() == []


def test_a_deleted_application_hides_its_bookings_and_restoring_brings_them_back(store):
    store.schedule_interview(booking(store.application_id), NOW)
    store.delete(store.application_id)
    assert store.booked_interviews() == []
    assert upcoming_interviews(store.frames(), NOW) == []
    store.restore_deleted("application", store.application_id)
    assert len(store.booked_interviews()) == 1


def test_emptying_recently_deleted_takes_its_bookings_too(store):
    store.schedule_interview(booking(store.application_id), NOW)
    store.delete(store.application_id)
    store.empty_deleted()
    with store.engine.connect() as connection:
        left = connection.execute(sa.text("SELECT count(*) FROM scheduled_interviews")).scalar()
    assert left == 0


def test_another_owner_can_neither_see_nor_touch_a_booking(store):
    store.schedule_interview(booking(store.application_id), NOW)
    [found] = store.booked_interviews()
    other = Store(store.engine, "user:bob@example.com")
    assert other.booked_interviews() == []
    assert upcoming_interviews(other.frames(), NOW) == []
    with pytest.raises(NotFound):
        other.schedule_interview(booking(store.application_id), NOW)
    with pytest.raises(NotFound):
        other.reschedule_interview(replace(found, place="moved"), NOW)
    with pytest.raises(NotFound):
        other.cancel_interview(found.id, 1)
    with pytest.raises(NotFound):
        other.interview_held(found.id, 1, 1, THURSDAY, THURSDAY.date())
    assert store.booked_interviews() == [found]


def test_a_schema_5_database_gains_the_bookings_table_with_every_row(store):
    with store.engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE scheduled_interviews"))
        connection.execute(sa.text("UPDATE schema_info SET value = '5'"))
    store.engine.dispose()
    assert upgrade(store.engine) == SCHEMA_VERSION
    assert store.get(store.application_id).interview_rounds == 1
    store.schedule_interview(booking(store.application_id), NOW)
    assert len(store.booked_interviews()) == 1


# --- backups -------------------------------------------------------------------------


def _kept(interview: ScheduledInterview) -> tuple:
    """What a booking says, leaving out the ids a restore assigns afresh."""
    return (
        interview.company,
        interview.starts_at,
        interview.starts_at.tzinfo.key,
        interview.kind,
        interview.place,
        interview.panel,
        interview.duration,
    )


def test_a_backup_brings_every_booking_back_in_its_own_zone(store):
    store.schedule_interview(booking(store.application_id), NOW)
    store.schedule_interview(
        booking(store.application_id, starts_at=THURSDAY + timedelta(days=1), duration=None), NOW
    )
    text = backup.export_text(store)
    bob = Store(store.engine, "user:bob@example.com")
    backup.restore(bob, text)
    assert [_kept(item) for item in bob.booked_interviews()] == [
        _kept(item) for item in store.booked_interviews()
    ]
    assert "2 booked interviews" in backup.at_stake(bob)


def test_a_backup_keeps_the_bookings_of_an_application_waiting_in_recently_deleted(store):
    store.schedule_interview(booking(store.application_id), NOW)
    store.delete(store.application_id)
    bob = Store(store.engine, "user:bob@example.com")
    backup.restore(bob, backup.export_text(store))
    assert bob.booked_interviews() == []
    [restored] = bob.recently_deleted()
    bob.restore_deleted("application", restored.id)
    assert len(bob.booked_interviews()) == 1


def test_a_backup_from_before_bookings_restores_as_it_did(store):
    document = backup.to_document(backup.loads(backup.export_text(store)))
    del document["scheduled_interviews"]
    bob = Store(store.engine, "user:bob@example.com")
    assert backup.restore(bob, json.dumps(document)) == 1
    assert bob.booked_interviews() == []


def test_a_backup_with_an_unstorable_booking_is_refused_whole(store):
    store.schedule_interview(booking(store.application_id), NOW)
    document = json.loads(backup.export_text(store))
    document["scheduled_interviews"][0]["place"] = "Room\x004"
    bob = Store(store.engine, "user:bob@example.com")
    with pytest.raises(InvalidInput) as refused:
        backup.restore(bob, json.dumps(document))
    assert list(refused.value.errors) == ["scheduled_interviews.0.place"]
    assert bob.is_empty() and bob.booked_interviews() == []
    document["scheduled_interviews"][0] |= {"place": "", "application": 5}
    with pytest.raises(InvalidInput):
        backup.restore(bob, json.dumps(document))
    assert bob.is_empty()


def test_an_application_closed_since_has_no_upcoming_interview_until_reopened(store):
    store.schedule_interview(booking(store.application_id), NOW)
    version = store.get(store.application_id).version
    store.record(store.application_id, Event(Stage.REJECTED, TODAY), version, TODAY)
    assert upcoming_interviews(store.frames(), NOW) == []
    assert len(store.booked_interviews()) == 1
    store.reopen(store.application_id, version + 1)
    assert len(upcoming_interviews(store.frames(), NOW)) == 1
