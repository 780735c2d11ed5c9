"""Pipeline detail: correct or delete an event, undo a move, reopen; refusals write nothing."""

from datetime import date, timedelta

from bounceback.domain import Event, InterviewKind, Stage
from bounceback.storage import Store
from tests.conftest import draft
from tests.pages.conftest import button, texts


def _interviewed(db_url: str) -> Store:
    """One application: applied 1 Oct, a phone interview 10 Oct."""
    store = Store.open(db_url)
    store.add_application(draft(applied_on=date(2026, 10, 1)))
    store.record(1, Event(Stage.INTERVIEW, date(2026, 10, 10), InterviewKind.PHONE), 1)
    return store


def _open(open_app):
    app = open_app("app_pages/pipeline.py")
    return button(app, "Open").click().run()


def test_history_shows_dates_the_way_every_other_place_does(open_app, db_url) -> None:
    _interviewed(db_url)
    app = _open(open_app)
    history = app.dataframe[0].value
    assert history["Date"].tolist() == ["01 Oct 2026", "10 Oct 2026"]


def test_an_event_s_date_kind_and_note_can_be_corrected(open_app, db_url) -> None:
    _interviewed(db_url)
    app = _open(open_app)
    app.date_input(key="event:1:2:on").set_value(date(2026, 10, 12))
    app.selectbox(key="event:1:2:kind").select("video")
    app.text_area(key="event:1:2:note").input("Second round on Teams")
    button(app, "Save correction").click().run()
    assert not app.exception
    event = Store.open(db_url).get(1).events[-1]
    assert (event.on, event.kind, event.note) == (
        date(2026, 10, 12),
        InterviewKind.VIDEO,
        "Second round on Teams",
    )
    assert "Corrected the interview event." in texts(app)


def test_an_impossible_correction_says_why_and_writes_nothing(open_app, db_url) -> None:
    store = _interviewed(db_url)
    revision = store.revision()
    app = _open(open_app)
    app.date_input(key="event:1:2:on").set_value(date(2026, 9, 1))
    button(app, "Save correction").click().run()
    assert not app.exception
    assert "The date can't be before the application (01 Oct 2026)." in [
        str(e.value) for e in app.error
    ]
    assert store.get(1).events[-1].on == date(2026, 10, 10)
    assert store.revision() == revision


def test_an_event_is_deleted_after_asking(open_app, db_url) -> None:
    _interviewed(db_url)
    app = _open(open_app)
    button(app, "Delete this event…").click().run()
    assert Store.open(db_url).get(1).stage is Stage.INTERVIEW
    button(app, "Yes, delete the event").click().run()
    assert not app.exception
    assert Store.open(db_url).get(1).stage is Stage.APPLIED


def test_a_deletion_that_would_leave_an_impossible_history_is_refused(open_app, db_url) -> None:
    store = Store.open(db_url)
    store.add_application(draft(applied_on=date(2026, 10, 1)))
    store.record(1, Event(Stage.OFFER, date(2026, 10, 5)), 1)
    store.record(1, Event(Stage.ACCEPTED, date(2026, 10, 6)), 2)
    app = _open(open_app)
    app.selectbox(key="history:1:pick").select(2)
    app.run()
    button(app, "Delete this event…").click().run()
    button(app, "Yes, delete the event").click().run()
    assert not app.exception
    assert any("can't move to accepted" in str(e.value) for e in app.error)
    assert len(store.get(1).events) == 3


def test_undo_right_after_a_stage_move_takes_it_back(open_app, db_url) -> None:
    Store.open(db_url).add_application(draft(applied_on=date.today() - timedelta(days=3)))
    app = _open(open_app)
    app.selectbox(key="move:1:stage").select("rejected")
    button(app, "Save stage change").click().run()
    assert Store.open(db_url).get(1).stage is Stage.REJECTED
    button(app, "Undo").click().run()
    assert not app.exception
    assert Store.open(db_url).get(1).stage is Stage.APPLIED
    assert "Undone" in texts(app)
    assert not [b for b in app.button if b.label == "Undo"]


def test_a_rejected_application_reopens_at_the_stage_it_had(open_app, db_url) -> None:
    store = _interviewed(db_url)
    store.record(1, Event(Stage.REJECTED, date(2026, 10, 20), note="Not this time."), 2)
    app = open_app("app_pages/pipeline.py")
    # A closed card waits behind the board's "Closed" expander: open it as its Open would.
    app.session_state["selected_application"] = 1
    app.run()
    button(app, "Reopen at interview").click().run()
    assert not app.exception
    reopened = Store.open(db_url).get(1)
    assert reopened.stage is Stage.INTERVIEW
    assert "Not this time." in reopened.draft.notes
    assert "Reopened at interview" in texts(app)
