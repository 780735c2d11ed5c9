"""Correcting a history: edit and delete events, undo a move, reopen a closed application."""

from datetime import date

import pytest

from bounceback.domain import (
    ChangedElsewhere,
    Event,
    InterviewKind,
    InvalidInput,
    NotFound,
    Stage,
)
from bounceback.storage import Store
from tests.conftest import TODAY, draft


def _story(store: Store) -> int:
    """Applied 1 Oct, screening 5 Oct, a phone interview 10 Oct, rejected 20 Oct."""
    new_id = store.add_application(draft(applied_on=date(2026, 10, 1)), today=TODAY)
    for version, event in enumerate(
        [
            Event(Stage.SCREENING, date(2026, 10, 5)),
            Event(Stage.INTERVIEW, date(2026, 10, 10), InterviewKind.PHONE),
            Event(Stage.REJECTED, date(2026, 10, 20), note="They wanted more SQL."),
        ],
        start=1,
    ):
        store.record(new_id, event, version, today=TODAY)
    return new_id


def test_an_event_s_date_kind_and_note_can_be_corrected(fresh_db: Store) -> None:
    app_id = _story(fresh_db)
    before = fresh_db.get(app_id)
    interview = before.events[2]
    revision = fresh_db.revision()
    fresh_db.edit_event(
        app_id,
        interview.id,
        Event(Stage.INTERVIEW, date(2026, 10, 12), InterviewKind.VIDEO, "  On Teams  "),
        before.version,
        today=TODAY,
    )
    after = fresh_db.get(app_id)
    assert after.events[2] == Event(
        Stage.INTERVIEW, date(2026, 10, 12), InterviewKind.VIDEO, "On Teams"
    )
    assert after.events[2].id == interview.id
    assert after.version == before.version + 1
    assert fresh_db.revision() == revision + 1


@pytest.mark.parametrize(
    ("on", "kind", "field", "message"),
    [
        (date(2026, 10, 3), InterviewKind.PHONE, "on", "before the last change (05 Oct 2026)"),
        (date(2026, 10, 25), InterviewKind.PHONE, "on", "after the next change (20 Oct 2026)"),
        (date(2026, 12, 1), InterviewKind.PHONE, "on", "in the future"),
        (date(2026, 10, 10), None, "kind", "Pick the kind of interview"),
    ],
)
def test_an_impossible_correction_is_refused_and_writes_nothing(
    fresh_db: Store, on: date, kind: InterviewKind | None, field: str, message: str
) -> None:
    app_id = _story(fresh_db)
    before = fresh_db.get(app_id)
    revision = fresh_db.revision()
    with pytest.raises(InvalidInput) as refused:
        fresh_db.edit_event(
            app_id, before.events[2].id, Event(Stage.INTERVIEW, on, kind), before.version, TODAY
        )
    assert message in refused.value.errors[field]
    after = fresh_db.get(app_id)
    assert after.events == before.events and after.version == before.version
    assert fresh_db.revision() == revision


def test_the_first_event_s_date_is_the_application_s_date(fresh_db: Store) -> None:
    app_id = _story(fresh_db)
    before = fresh_db.get(app_id)
    fresh_db.edit_event(
        app_id, before.events[0].id, Event(Stage.APPLIED, date(2026, 9, 28)), before.version, TODAY
    )
    after = fresh_db.get(app_id)
    assert after.draft.applied_on == after.events[0].on == date(2026, 9, 28)
    with pytest.raises(InvalidInput, match="after the next change"):
        fresh_db.edit_event(
            app_id,
            after.events[0].id,
            Event(Stage.APPLIED, date(2026, 10, 6)),
            after.version,
            TODAY,
        )


def test_an_event_can_be_deleted_when_the_rest_still_makes_sense(fresh_db: Store) -> None:
    app_id = _story(fresh_db)
    before = fresh_db.get(app_id)
    gone = fresh_db.delete_event(app_id, before.events[1].id, before.version, TODAY)
    assert gone.stage is Stage.SCREENING
    stages = [event.stage for event in fresh_db.get(app_id).events]
    assert stages == [Stage.APPLIED, Stage.INTERVIEW, Stage.REJECTED]


def test_a_deletion_that_leaves_an_impossible_history_is_refused_with_why(
    fresh_db: Store,
) -> None:
    app_id = fresh_db.add_application(draft(applied_on=date(2026, 10, 1)), today=TODAY)
    fresh_db.record(app_id, Event(Stage.OFFER, date(2026, 10, 5)), 1, TODAY)
    fresh_db.record(app_id, Event(Stage.ACCEPTED, date(2026, 10, 6)), 2, TODAY)
    before = fresh_db.get(app_id)
    with pytest.raises(InvalidInput) as refused:
        fresh_db.delete_event(app_id, before.events[1].id, before.version, TODAY)
    assert "can't move to accepted" in refused.value.errors["event"]
    with pytest.raises(InvalidInput, match="first event"):
        fresh_db.delete_event(app_id, before.events[0].id, before.version, TODAY)
    assert fresh_db.get(app_id).events == before.events


def test_undo_right_after_a_move_takes_it_back(fresh_db: Store) -> None:
    app_id = fresh_db.add_application(draft(applied_on=date(2026, 10, 1)), today=TODAY)
    event_id = fresh_db.record(app_id, Event(Stage.GHOSTED, date(2026, 10, 30)), 1, TODAY)
    fresh_db.delete_event(app_id, event_id, 2, TODAY)
    assert fresh_db.get(app_id).stage is Stage.APPLIED


def test_corrections_check_the_version_and_the_owner(fresh_db: Store) -> None:
    app_id = _story(fresh_db)
    before = fresh_db.get(app_id)
    with pytest.raises(ChangedElsewhere):
        fresh_db.delete_event(app_id, before.events[3].id, before.version - 1, TODAY)
    stranger = Store(fresh_db.engine, owner="someone-else")
    with pytest.raises(NotFound):
        stranger.delete_event(app_id, before.events[3].id, before.version, TODAY)
    with pytest.raises(NotFound):
        stranger.reopen(app_id, before.version)
    other = fresh_db.add_application(draft(company="Other"), today=TODAY)
    with pytest.raises(NotFound):
        fresh_db.delete_event(other, before.events[3].id, 1, TODAY)
    assert fresh_db.get(app_id).events == before.events


def test_a_closed_application_reopens_at_the_stage_it_had(fresh_db: Store) -> None:
    app_id = _story(fresh_db)
    before = fresh_db.get(app_id)
    assert fresh_db.reopen(app_id, before.version) is Stage.INTERVIEW
    after = fresh_db.get(app_id)
    assert after.stage is Stage.INTERVIEW
    assert after.events == before.events[:-1]
    assert "Rejected on 20 Oct 2026: They wanted more SQL." in after.draft.notes
    with pytest.raises(InvalidInput, match="still open"):
        fresh_db.reopen(app_id, after.version)


def test_a_bulk_move_changes_every_one_in_one_transaction(fresh_db: Store) -> None:
    ids = [
        fresh_db.add_application(draft(company=name, applied_on=date(2026, 10, 1)), today=TODAY)
        for name in ("Lumen", "Quayside", "Harbour")
    ]
    revision = fresh_db.revision()
    assert fresh_db.record_many({i: 1 for i in ids}, Event(Stage.GHOSTED, TODAY), TODAY) == 3
    assert {fresh_db.get(i).stage for i in ids} == {Stage.GHOSTED}
    assert fresh_db.revision() == revision + 1


def test_a_bulk_move_one_of_them_cannot_make_writes_nothing_and_names_it(fresh_db: Store) -> None:
    ids = [
        fresh_db.add_application(draft(company=name, applied_on=date(2026, 10, 1)), today=TODAY)
        for name in ("Lumen", "Quayside")
    ]
    fresh_db.record(ids[1], Event(Stage.REJECTED, date(2026, 10, 5)), 1, TODAY)
    with pytest.raises(InvalidInput) as refused:
        fresh_db.record_many({ids[0]: 1, ids[1]: 2}, Event(Stage.SCREENING, TODAY), TODAY)
    assert "Quayside (HR Coordinator): From rejected" in " ".join(refused.value.errors.values())
    assert fresh_db.get(ids[0]).stage is Stage.APPLIED
    assert fresh_db.get(ids[0]).version == 1
    with pytest.raises(ChangedElsewhere):
        fresh_db.record_many({ids[0]: 1, ids[1]: 1}, Event(Stage.GHOSTED, TODAY), TODAY)
    assert fresh_db.get(ids[0]).stage is Stage.APPLIED


def test_a_bulk_delete_moves_them_all_to_recently_deleted_or_none(fresh_db: Store) -> None:
    ids = [fresh_db.add_application(draft(company=name), today=TODAY) for name in ("A", "B", "C")]
    stranger = Store(fresh_db.engine, owner="someone-else")
    with pytest.raises(NotFound):
        stranger.delete_many(ids[:2])
    with pytest.raises(NotFound):
        fresh_db.delete_many([ids[0], 999])
    assert len(fresh_db.all()) == 3
    assert fresh_db.delete_many(ids[:2]) == 2
    assert [a.id for a in fresh_db.all()] == [ids[2]]
    assert sorted(item.id for item in fresh_db.recently_deleted()) == ids[:2]
