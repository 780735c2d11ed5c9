"""Reflect page: a rejection's recorded feedback is shown, edited there, and never copied."""

from datetime import date

import pytest

from bounceback.domain import Event, InterviewKind, Stage
from bounceback.storage import Store
from tests.conftest import draft
from tests.pages.conftest import button, texts

PAGE = "app_pages/reflect.py"
FORM = "reflect:1:new"
SAID = "You came across as very nervous throughout."


@pytest.fixture
def turned_down(db_url: str) -> Store:
    """One application turned down after a panel, with what the employer said."""
    store = Store.open(db_url)
    store.add_application(draft(applied_on=date(2026, 10, 1)))
    store.record(1, Event(Stage.INTERVIEW, date(2026, 10, 8), InterviewKind.PANEL), 1)
    store.record(1, Event(Stage.REJECTED, date(2026, 10, 15), note=SAID), 2)
    return store


def test_a_new_reflection_shows_the_recorded_feedback(open_app, turned_down) -> None:
    app = open_app(PAGE)
    assert not app.exception
    assert app.text_area(key=f"{FORM}:feedback").value == SAID
    assert "These are the words recorded with the rejection" in texts(app)


def test_feedback_edited_in_the_reflection_edits_the_rejections_note(open_app, turned_down) -> None:
    app = open_app(PAGE)
    app.button(key=f"{FORM}:save").click().run()
    (saved,) = turned_down.reflections(1)
    assert saved.feedback == "", "not copied"
    edit = "reflect:1:1"
    assert app.text_area(key=f"{edit}:feedback").value == SAID
    app.text_area(key=f"{edit}:feedback").input("They wanted more examples.")
    app.button(key=f"{edit}:save").click().run()
    assert not app.exception
    assert turned_down.get(1).events[-1].note == "They wanted more examples."
    (saved,) = turned_down.reflections(1)
    assert (saved.feedback, saved.version) == ("", 2)


def test_a_note_changed_in_history_is_refused_from_the_open_reflection(
    open_app, turned_down
) -> None:
    app = open_app(PAGE)
    app.button(key=f"{FORM}:save").click().run()
    edit = "reflect:1:1"
    application = turned_down.get(1)
    rejection = application.events[-1]
    turned_down.edit_event(
        1, rejection.id, Event(Stage.REJECTED, rejection.on, note="Changed elsewhere."), 3
    )
    app.text_area(key=f"{edit}:feedback").input("Typed in the stale form.")
    app.button(key=f"{edit}:save").click().run()
    assert not app.exception
    assert "changed elsewhere" in texts(app)
    assert turned_down.get(1).events[-1].note == "Changed elsewhere."
    button(app, "Reload the saved version").click().run()
    assert app.text_area(key=f"{edit}:feedback").value == "Changed elsewhere."
