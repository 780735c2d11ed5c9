"""Storage round trips on a real SQLite file: nothing entered is lost or mixed up."""

from datetime import date

import pytest
import sqlalchemy as sa

from bounceback.domain import (
    ChangedElsewhere,
    Contact,
    Event,
    FollowUp,
    FollowUpKind,
    InterviewKind,
    InvalidInput,
    NotFound,
    Settings,
    Stage,
)
from bounceback.storage import Store
from tests.conftest import TODAY, draft


def test_an_application_comes_back_exactly_as_saved(fresh_db: Store) -> None:
    saved = draft(
        location="Leeds",
        link="https://example.com/job",
        salary_min=25000,
        salary_max=30000,
        pool_size=5,
        notes="Ünïcode ✓ and 'quotes'",
        contacts=(Contact("Priya Shah", "Hiring manager", "priya@example.com", "+44 113 000"),),
    )
    new_id = fresh_db.add_application(saved, today=TODAY)
    loaded = fresh_db.get(new_id)
    assert loaded.draft == saved
    assert loaded.events == (Event(Stage.APPLIED, saved.applied_on),)
    assert loaded.version == 1


def test_a_saved_application_starts_as_saved(fresh_db: Store) -> None:
    new_id = fresh_db.add_application(draft(), Stage.SAVED, today=TODAY)
    assert fresh_db.get(new_id).stage is Stage.SAVED


def test_data_survives_reopening_the_file(db_url: str) -> None:
    new_id = Store.open(db_url).add_application(draft(), today=TODAY)
    assert Store.open(db_url).get(new_id).draft.company == "Harbour & Finch"


def test_invalid_input_writes_nothing(fresh_db: Store) -> None:
    with pytest.raises(InvalidInput):
        fresh_db.add_application(draft(company=""), today=TODAY)
    assert fresh_db.is_empty()
    assert fresh_db.revision() == 0


def test_history_is_kept_event_by_event(fresh_db: Store) -> None:
    new_id = fresh_db.add_application(draft(), today=TODAY)
    steps = [
        Event(Stage.SCREENING, date(2026, 10, 4)),
        Event(Stage.INTERVIEW, date(2026, 10, 10), InterviewKind.VIDEO),
        Event(Stage.INTERVIEW, date(2026, 10, 20), InterviewKind.PANEL),
        Event(Stage.REJECTED, date(2026, 10, 25), note="A very close decision."),
    ]
    for version, step in enumerate(steps, start=1):
        fresh_db.record(new_id, step, version, today=TODAY)
    loaded = fresh_db.get(new_id)
    assert loaded.events[1:] == tuple(steps)
    assert loaded.stage is Stage.REJECTED
    assert loaded.interview_rounds == 2


def test_a_stale_edit_is_refused_not_silently_applied(fresh_db: Store) -> None:
    new_id = fresh_db.add_application(draft(), today=TODAY)
    fresh_db.update(new_id, draft(role="Senior HR Coordinator"), expected_version=1, today=TODAY)
    with pytest.raises(ChangedElsewhere, match="changed elsewhere"):
        fresh_db.update(new_id, draft(role="Something else"), expected_version=1, today=TODAY)
    assert fresh_db.get(new_id).draft.role == "Senior HR Coordinator"


def test_a_stale_stage_change_is_refused(fresh_db: Store) -> None:
    new_id = fresh_db.add_application(draft(), today=TODAY)
    fresh_db.record(new_id, Event(Stage.SCREENING, date(2026, 10, 3)), 1, today=TODAY)
    with pytest.raises(ChangedElsewhere):
        fresh_db.record(new_id, Event(Stage.GHOSTED, date(2026, 10, 30)), 1, today=TODAY)
    assert fresh_db.get(new_id).stage is Stage.SCREENING


def test_an_edit_replaces_contacts_and_moves_the_first_event(fresh_db: Store) -> None:
    new_id = fresh_db.add_application(draft(contacts=(Contact("Ann"),)), today=TODAY)
    changed = draft(applied_on=date(2026, 9, 28), contacts=(Contact("Bo"),))
    fresh_db.update(new_id, changed, expected_version=1, today=TODAY)
    loaded = fresh_db.get(new_id)
    assert loaded.draft.contacts == (Contact("Bo"),)
    assert loaded.events[0].on == date(2026, 9, 28)


def test_the_applied_date_cannot_pass_the_next_change(fresh_db: Store) -> None:
    new_id = fresh_db.add_application(draft(), today=TODAY)
    fresh_db.record(new_id, Event(Stage.SCREENING, date(2026, 10, 3)), 1, today=TODAY)
    with pytest.raises(InvalidInput) as error:
        fresh_db.update(new_id, draft(applied_on=date(2026, 10, 9)), 2, today=TODAY)
    assert "applied_on" in error.value.errors
    assert fresh_db.get(new_id).version == 2


def test_delete_removes_the_application_and_everything_attached(fresh_db: Store) -> None:
    new_id = fresh_db.add_application(draft(contacts=(Contact("Ann"),)), today=TODAY)
    fresh_db.add_follow_up(new_id, FollowUp(FollowUpKind.THANK_YOU, TODAY), today=TODAY)
    fresh_db.delete(new_id)
    frames = fresh_db.frames()
    assert all(frame.empty for frame in frames.values())
    with pytest.raises(NotFound):
        fresh_db.delete(new_id)


def test_follow_ups_can_be_done_and_undone(fresh_db: Store) -> None:
    new_id = fresh_db.add_application(draft(), today=TODAY)
    item_id = fresh_db.add_follow_up(new_id, FollowUp(FollowUpKind.ASK_FEEDBACK, date(2027, 1, 5)))
    fresh_db.mark_follow_up(item_id, date(2026, 10, 2))
    assert fresh_db.get(new_id).follow_ups[0].done_on == date(2026, 10, 2)
    fresh_db.mark_follow_up(item_id, None)
    assert fresh_db.get(new_id).follow_ups[0].done_on is None


def test_a_follow_up_needs_an_application(fresh_db: Store) -> None:
    with pytest.raises(NotFound):
        fresh_db.add_follow_up(999, FollowUp(FollowUpKind.CONNECT, TODAY))


def test_settings_default_then_round_trip(fresh_db: Store) -> None:
    assert fresh_db.settings() == Settings()
    chosen = Settings(baseline_pool=8, ghost_after_days=30, currency="EUR", country="IE")
    fresh_db.save_settings(chosen)
    assert fresh_db.settings() == chosen


def test_every_write_moves_the_revision_on(fresh_db: Store) -> None:
    seen = [fresh_db.revision()]
    new_id = fresh_db.add_application(draft(), today=TODAY)
    seen.append(fresh_db.revision())
    fresh_db.record(new_id, Event(Stage.GHOSTED, date(2026, 11, 1)), 1, today=TODAY)
    seen.append(fresh_db.revision())
    fresh_db.save_settings(Settings(onboarded=True))
    seen.append(fresh_db.revision())
    assert seen == sorted(set(seen))


def test_owners_never_see_each_other(db_url: str) -> None:
    alice, bob = Store.open(db_url, owner="alice"), Store.open(db_url, owner="bob")
    alice_id = alice.add_application(draft(company="Alice Co"), today=TODAY)
    assert bob.is_empty()
    assert all(frame.empty for frame in bob.frames().values())
    with pytest.raises(NotFound):
        bob.get(alice_id)
    with pytest.raises(NotFound):
        bob.delete(alice_id)
    assert alice.get(alice_id).draft.company == "Alice Co"


def test_sqlite_runs_in_wal_mode_with_foreign_keys(db_url: str) -> None:
    with Store.open(db_url).engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1


def test_theme_corrections_keep_only_the_differences(fresh_db: Store) -> None:
    fresh_db.correct_themes(
        "employer:abc", ["confidence", "no_detail"], ["confidence", "logistics"]
    )
    assert fresh_db.theme_corrections() == {"employer:abc": {"logistics": True, "no_detail": False}}
    fresh_db.correct_themes("employer:abc", ["confidence"], ["confidence"])
    assert fresh_db.theme_corrections() == {}
