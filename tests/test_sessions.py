"""Sessions and the action plan: storage on both backends, owners apart, since last time."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from bounceback import backup
from bounceback.domain import ChangedElsewhere, InvalidInput, NotFound, Settings, Stage
from bounceback.presenter import Aliases
from bounceback.sample import generate
from bounceback.session_summary import render
from bounceback.sessions import (
    Action,
    ActionOwner,
    AdvisorSession,
    last_session_before,
    open_actions,
    since_last_time,
)
from bounceback.storage import Store
from bounceback.themes import load_lexicon_safely
from tests.conftest import TODAY

FIXTURES = Path(__file__).parent / "fixtures"
LAST_WEEK = TODAY - timedelta(days=7)


def _plan(store: Store) -> tuple[int, int]:
    """A session last week with one action each way; returns the session and client action ids."""
    session = store.add_session(LAST_WEEK, "Seemed tired; talk about Quillfeather.", TODAY)
    mine = store.add_action(
        session, Action("Send two applications", ActionOwner.CLIENT, TODAY), TODAY
    )
    store.add_action(
        session, Action("Find a mock interviewer", ActionOwner.ADVISOR, TODAY + timedelta(1)), TODAY
    )
    return session, mine


def test_a_session_keeps_its_notes_and_actions(fresh_db: Store):
    session, mine = _plan(fresh_db)
    [found] = fresh_db.sessions()
    assert (found.id, found.held_on) == (session, LAST_WEEK)
    assert found.notes == "Seemed tired; talk about Quillfeather."
    assert [(a.text, a.who, a.done_on) for a in found.actions] == [
        ("Send two applications", ActionOwner.CLIENT, None),
        ("Find a mock interviewer", ActionOwner.ADVISOR, None),
    ]
    assert next(a.id for a in open_actions(fresh_db.sessions())) == mine


def test_done_and_undone_with_a_stale_tick_refused(fresh_db: Store):
    _session, mine = _plan(fresh_db)
    fresh_db.mark_action(mine, 1, TODAY, TODAY)
    [done] = [a for a in fresh_db.sessions()[0].actions if a.id == mine]
    assert (done.done_on, done.version) == (TODAY, 2)
    assert mine not in [a.id for a in open_actions(fresh_db.sessions())]
    with pytest.raises(ChangedElsewhere):
        fresh_db.mark_action(mine, 1, None, TODAY)
    fresh_db.mark_action(mine, 2, None, TODAY)
    assert mine in [a.id for a in open_actions(fresh_db.sessions())]


def test_notes_are_edited_with_the_version_check(fresh_db: Store):
    session, _mine = _plan(fresh_db)
    fresh_db.save_notes(session, 1, LAST_WEEK, "Better now.", TODAY)
    with pytest.raises(ChangedElsewhere):
        fresh_db.save_notes(session, 1, LAST_WEEK, "Lost edit", TODAY)
    assert fresh_db.sessions()[0].notes == "Better now."


@pytest.mark.parametrize(
    ("action", "field"),
    [
        (Action("   ", ActionOwner.CLIENT, TODAY), "text"),
        (Action("x" * 401, ActionOwner.CLIENT, TODAY), "text"),
        (Action("Call\x00", ActionOwner.CLIENT, TODAY), "text"),
        (Action("Call", ActionOwner.CLIENT, date(1900, 1, 1)), "due"),
        (Action("Call", ActionOwner.CLIENT, date(TODAY.year + 11, 1, 1)), "due"),
    ],
)
def test_a_bad_action_names_its_field_and_writes_nothing(fresh_db: Store, action, field):
    session, _mine = _plan(fresh_db)
    before = (fresh_db.revision(), fresh_db.sessions())
    with pytest.raises(InvalidInput) as error:
        fresh_db.add_action(session, action, TODAY)
    assert list(error.value.errors) == [field]
    assert (fresh_db.revision(), fresh_db.sessions()) == before


def test_a_bad_session_writes_nothing(fresh_db: Store):
    with pytest.raises(InvalidInput) as error:
        fresh_db.add_session(TODAY + timedelta(days=1), "\x00", TODAY)
    assert set(error.value.errors) == {"held_on", "notes"}
    with pytest.raises(InvalidInput):
        fresh_db.mark_action(*_plan(fresh_db)[1:], 1, TODAY + timedelta(days=1), TODAY)
    assert fresh_db.sessions()[0].actions[0].done_on is None


def test_owners_never_see_or_touch_each_others_sessions(fresh_db: Store):
    alice = Store(fresh_db.engine, "user:alice@example.com")
    bob = Store(fresh_db.engine, "user:bob@example.com")
    session, mine = _plan(alice)
    assert bob.sessions() == []
    assert "Quillfeather" not in backup.export_text(bob)
    with pytest.raises(NotFound):
        bob.add_action(session, Action("Sneak in", ActionOwner.CLIENT, TODAY), TODAY)
    with pytest.raises(NotFound):
        bob.mark_action(mine, 1, TODAY, TODAY)
    with pytest.raises(NotFound):
        bob.save_notes(session, 1, TODAY, "Overwritten", TODAY)
    assert bob.revision() == 0
    [kept] = alice.sessions()
    assert kept.notes.startswith("Seemed tired") and kept.actions[0].done_on is None
    # A restore that replaces Bob's data leaves Alice's sessions alone.
    bob.load([], replace_existing=True)
    assert len(alice.sessions()) == 1


def test_a_backup_round_trips_sessions_and_a_replace_clears_them(fresh_db: Store, db_url: str):
    _session, mine = _plan(fresh_db)
    fresh_db.mark_action(mine, 1, TODAY, TODAY)
    text = backup.export_text(fresh_db)
    assert '"held_on"' in text
    assert "1 session" in backup.at_stake(fresh_db)
    other = Store(fresh_db.engine, "someone-else")
    other.add_session(TODAY, "Replaced by the restore", TODAY)
    backup.restore(other, text, replace_existing=True)
    assert backup.export_text(other) == text
    assert [s.notes for s in other.sessions()] == ["Seemed tired; talk about Quillfeather."]


def test_a_backup_with_a_bad_action_says_where(fresh_db: Store):
    document = backup.to_document(
        backup.Backup(
            [],
            fresh_db.settings(),
            sessions=[AdvisorSession(TODAY, "", (Action("Call", ActionOwner.CLIENT, TODAY),))],
        )
    )
    document["sessions"][0]["actions"][0]["who"] = "nobody"
    with pytest.raises(backup.BadBackup, match=r"sessions\[0\]"):
        backup.loads(json.dumps(document))


def test_a_first_release_database_gains_sessions_losing_nothing(tmp_path: Path):
    path = tmp_path / "v1.db"
    with sqlite3.connect(path) as connection:
        connection.executescript((FIXTURES / "schema_v1.sql").read_text(encoding="utf-8"))
    store = Store.open(f"sqlite:///{path}")
    assert [a.draft.company for a in store.all()] == ["Saltmarsh Foods", "Kestrel Insurance"]
    assert store.sessions() == []
    _plan(store)
    assert len(store.sessions()[0].actions) == 2


def test_since_last_time_counts_what_happened_after_the_last_session(fresh_db: Store):
    fresh_db.load(generate(40, today=TODAY))
    frames = fresh_db.frames()
    last = TODAY - timedelta(days=30)
    session = AdvisorSession(
        last,
        actions=(
            Action("a", ActionOwner.CLIENT, TODAY, done_on=TODAY - timedelta(days=2)),
            Action("b", ActionOwner.CLIENT, TODAY, done_on=last),
            Action("c", ActionOwner.ADVISOR, TODAY),
        ),
    )
    found = since_last_time(frames, [session], last, TODAY)
    applied = frames["applications"]["applied_on"]
    events = frames["events"]
    later = events[events["occurred_on"] > last]
    assert found["applications"] == int((applied > last).sum()) > 0
    assert found["interviews"] == int((later["stage"] == Stage.INTERVIEW).sum())
    assert found["rejections"] == int((later["stage"] == Stage.REJECTED).sum()) > 0
    assert found["offers"] == int((later["stage"] == Stage.OFFER).sum())
    notes = frames["reflections"]
    assert found["reflections"] == int((notes["written_on"] > last).sum())
    assert found["actions_done"] == 1
    # Counting from before the very first application finds every one, and every lesson.
    everything = since_last_time(frames, [], date(2000, 1, 1), TODAY)
    assert everything["applications"] == len(frames["applications"])
    assert everything["lessons"] == len(frames["lessons"]) > 0
    assert since_last_time(frames, [], TODAY, TODAY) == dict.fromkeys(found, 0)


def test_the_last_session_is_the_latest_before_today():
    sessions = [AdvisorSession(TODAY), AdvisorSession(LAST_WEEK), AdvisorSession(date(2026, 1, 1))]
    assert last_session_before(sessions, TODAY) == LAST_WEEK
    assert last_session_before([AdvisorSession(TODAY)], TODAY) is None


def test_a_restore_with_an_empty_action_writes_nothing(fresh_db: Store):
    _plan(fresh_db)
    document = json.loads(backup.export_text(fresh_db))
    document["sessions"][0]["actions"][0]["text"] = " "
    with pytest.raises(InvalidInput) as error:
        backup.restore(fresh_db, json.dumps(document), replace_existing=True)
    assert list(error.value.errors) == ["sessions.0.actions.0.text"]
    assert len(fresh_db.sessions()) == 1


def test_the_summary_has_the_plan_and_since_last_time_never_the_notes(fresh_db: Store):
    fresh_db.load(generate(30, today=TODAY))
    _session, mine = _plan(fresh_db)
    fresh_db.mark_action(mine, 1, TODAY, TODAY)
    lexicon = load_lexicon_safely(None)[0]
    frames = fresh_db.frames()
    page = render(frames, Settings(), TODAY, lexicon, sessions=fresh_db.sessions())
    assert "Since last time" in page and "Action plan" in page
    assert "Find a mock interviewer" in page and "Send two applications" not in page
    assert 'id="figure-since-actions_done"><strong>1<' in page
    assert "Quillfeather" not in page
    masked = render(
        frames,
        Settings(),
        TODAY,
        lexicon,
        presenter=Aliases.of(frames),
        sessions=fresh_db.sessions(),
    )
    assert "Action plan" in masked and "Quillfeather" not in masked
    empty = render(Store(fresh_db.engine, "nobody").frames(), Settings(), TODAY, lexicon)
    assert "Action plan" not in empty


def test_a_removed_action_can_be_put_back_as_it_was(fresh_db: Store):
    session, mine = _plan(fresh_db)
    fresh_db.mark_action(mine, 1, TODAY, TODAY)
    with pytest.raises(ChangedElsewhere):
        fresh_db.remove_action(mine, 1)
    other = Store(fresh_db.engine, "someone-else")
    with pytest.raises(NotFound):
        other.remove_action(mine, 2)
    where, removed = fresh_db.remove_action(mine, 2)
    assert where == session and removed.done_on == TODAY
    assert [a.text for a in fresh_db.sessions()[0].actions] == ["Find a mock interviewer"]
    with pytest.raises(NotFound):
        other.put_back_action(session, removed, TODAY)
    fresh_db.put_back_action(session, removed, TODAY)
    back = next(a for a in fresh_db.sessions()[0].actions if a.text == removed.text)
    assert (back.who, back.due, back.done_on) == (removed.who, removed.due, TODAY)
