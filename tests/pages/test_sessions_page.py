"""The Sessions page: notes and the action plan, ticks with undo, since last time, and Today."""

from __future__ import annotations

from datetime import date, timedelta

from bounceback.domain import Settings
from bounceback.sessions import Action, ActionOwner
from bounceback.storage import Store
from tests.pages.conftest import button, sent, texts

PAGE = "app_pages/sessions.py"
NOTE = "Worried about money; keep an eye on morale."


def _session(store: Store, days_ago: int = 7) -> int:
    """A past session with private notes and one open client action."""
    today = date.today()
    session = store.add_session(today - timedelta(days=days_ago), NOTE, today)
    store.add_action(
        session, Action("Ask Saltmarsh for feedback", ActionOwner.CLIENT, today), today
    )
    return session


def test_an_empty_page_invites_a_first_session(open_app) -> None:
    app = open_app(PAGE)
    assert not app.exception
    assert "No sessions yet" in texts(app)


def test_starting_a_session_with_notes_saves_it(open_app, db_url: str) -> None:
    app = open_app(PAGE)
    app.text_area[0].input("First meeting went well").run()
    button(app, "Start the session").click().run()
    assert not app.exception
    [found] = Store.open(db_url).sessions()
    assert (found.held_on, found.notes) == (date.today(), "First meeting went well")
    assert "Session started" in texts(app)


def test_an_action_added_and_ticked_and_undone(open_app, db_url: str) -> None:
    store = Store.open(db_url)
    session = _session(store)
    app = open_app(PAGE)
    prefix = f"sessions:{session}:action"
    app.text_input(key=f"{prefix}:text").input("Book a mock interview").run()
    app.radio(key=f"{prefix}:who").set_value("advisor").run()
    button(app, "Add the action").click().run()
    assert not app.exception
    actions = store.sessions()[0].actions
    assert {(a.text, a.who) for a in actions} == {
        ("Ask Saltmarsh for feedback", ActionOwner.CLIENT),
        ("Book a mock interview", ActionOwner.ADVISOR),
    }
    first = next(box for box in app.checkbox if "Saltmarsh" in box.label)
    first.check().run()
    assert not app.exception
    assert next(a for a in store.sessions()[0].actions if "Saltmarsh" in a.text).done_on
    button(app, "Undo").click().run()
    assert not app.exception
    assert next(a for a in store.sessions()[0].actions if "Saltmarsh" in a.text).done_on is None


def test_an_empty_action_or_bad_notes_write_nothing(open_app, db_url: str) -> None:
    store = Store.open(db_url)
    session = _session(store)
    before = (store.revision(), store.sessions())
    app = open_app(PAGE)
    button(app, "Add the action").click().run()
    assert not app.exception
    assert "The action is required." in texts(app)
    assert "Nothing was saved yet" in texts(app)
    app.text_area(key=f"sessions:{session}:notes").input("bad \x00 text").run()
    button(app, "Save notes").click().run()
    assert not app.exception
    assert "NUL" in texts(app)
    assert (store.revision(), store.sessions()) == before


def test_since_last_time_starts_the_page(open_app, sample_db: Store) -> None:
    _session(sample_db, days_ago=30)
    app = open_app(PAGE)
    assert not app.exception
    assert "Since last time" in texts(app)
    labels = {metric.label: metric.value for metric in app.metric}
    assert int(labels["New applications"]) > 0


def test_presenter_mode_never_sends_the_notes(open_app, db_url: str) -> None:
    _session(Store.open(db_url))
    app = open_app(PAGE)
    assert NOTE in sent(app)
    app = open_app(PAGE, query={"presenter": "1"})
    assert not app.exception
    assert NOTE not in sent(app)
    assert "hidden in presenter mode" in texts(app)


def test_open_actions_show_on_today(open_app, sample_db: Store) -> None:
    _session(sample_db)
    app = open_app()
    assert not app.exception
    assert "Action plan" in texts(app)
    box = next(box for box in app.checkbox if "Saltmarsh for feedback" in box.label)
    box.check().run()
    assert not app.exception
    assert sample_db.sessions()[0].actions[0].done_on is not None
    assert NOTE not in sent(app)


def test_removing_an_action_asks_first_and_can_be_undone(open_app, db_url: str) -> None:
    store = Store.open(db_url)
    session = _session(store)
    [action] = store.sessions()[0].actions
    app = open_app(PAGE)
    app.selectbox(key=f"sessions:{session}:remove:pick").set_value(
        (action.id, action.version)
    ).run()
    button(app, "Remove it").click().run()
    assert not app.exception
    assert len(store.sessions()[0].actions) == 1, "asking removes nothing"
    button(app, "Yes, remove it").click().run()
    assert not app.exception
    assert store.sessions()[0].actions == ()
    button(app, "Undo the removal").click().run()
    assert not app.exception
    [back] = store.sessions()[0].actions
    assert (back.text, back.who, back.due) == (action.text, action.who, action.due)


def test_a_session_with_no_actions_yet_says_so_rather_than_all_done(open_app, db_url) -> None:
    store = Store.open(db_url)
    today = date.today()
    store.add_session(today, "First meeting", today)
    app = open_app(PAGE)
    assert not app.exception
    shown = texts(app)
    assert "No actions agreed yet" in shown
    assert "Every agreed action is done" not in shown


def test_open_actions_show_on_today_before_the_first_application(open_app, db_url) -> None:
    store = Store.open(db_url)
    store.save_settings(Settings(onboarded=True))
    _session(store)
    app = open_app()
    assert not app.exception
    assert "No applications yet" in texts(app)
    assert any("Saltmarsh for feedback" in box.label for box in app.checkbox)
