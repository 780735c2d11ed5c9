"""A form opened at an older version stays refused until the user reloads it: no silent loss."""

from dataclasses import replace
from datetime import date

import pytest

from bounceback.domain import Event, InterviewKind, Stage
from bounceback.reflections import Prompt, Reflection
from bounceback.storage import Store
from tests.conftest import draft
from tests.pages.conftest import button, texts


def _open_first(app):
    return button(app, "Open").click().run()


def test_a_second_save_from_a_stale_edit_form_is_still_refused(open_app, db_url) -> None:
    store = Store.open(db_url)
    store.add_application(draft(location="Leeds"))
    app = _open_first(open_app("app_pages/pipeline.py"))
    # Another tab saves a new location behind this form's back.
    store.update(1, draft(location="LOC-FROM-A"), expected_version=1)
    app.text_area(key="edit:1:notes").input("Notes from B")
    button(app, "Save changes").click().run()
    assert "changed elsewhere" in texts(app)
    button(app, "Save changes").click().run()
    assert not app.exception
    saved = Store.open(db_url).get(1).draft
    assert saved.location == "LOC-FROM-A", "the other tab's change is kept"
    assert saved.notes != "Notes from B"
    assert "changed elsewhere" in texts(app)


def test_reload_shows_the_saved_values_and_then_a_save_goes_through(open_app, db_url) -> None:
    store = Store.open(db_url)
    store.add_application(draft(location="Leeds"))
    app = _open_first(open_app("app_pages/pipeline.py"))
    store.update(1, draft(location="LOC-FROM-A"), expected_version=1)
    app.text_area(key="edit:1:notes").input("Notes from B")
    button(app, "Save changes").click().run()
    assert "Location" in texts(app), "the refusal names the field that differs"
    button(app, "Reload the saved version").click().run()
    assert not app.exception
    assert app.text_input(key="edit:1:location").value == "LOC-FROM-A"
    assert not [b for b in app.button if b.label == "Reload the saved version"]
    app.text_area(key="edit:1:notes").input("Notes from B")
    button(app, "Save changes").click().run()
    saved = Store.open(db_url).get(1).draft
    assert (saved.location, saved.notes) == ("LOC-FROM-A", "Notes from B")


def test_a_save_in_this_tab_does_not_make_its_other_forms_stale(open_app, db_url) -> None:
    Store.open(db_url).add_application(draft(applied_on=date(2026, 10, 1)))
    app = _open_first(open_app("app_pages/pipeline.py"))
    app.text_area(key="edit:1:notes").input("First")
    button(app, "Save changes").click().run()
    app.selectbox(key="move:1:stage").select("interview")
    button(app, "Save stage change").click().run()
    assert not app.exception
    assert "changed elsewhere" not in texts(app)
    saved = Store.open(db_url).get(1)
    assert (saved.draft.notes, saved.stage) == ("First", Stage.INTERVIEW)


def test_an_undo_in_this_tab_does_not_make_its_edit_form_stale(open_app, db_url) -> None:
    Store.open(db_url).add_application(draft(applied_on=date(2026, 10, 1)))
    app = _open_first(open_app("app_pages/pipeline.py"))
    app.selectbox(key="move:1:stage").select("interview")
    button(app, "Save stage change").click().run()
    button(app, "Undo").click().run()
    app.text_area(key="edit:1:notes").input("After the undo")
    button(app, "Save changes").click().run()
    assert "changed elsewhere" not in texts(app)
    assert Store.open(db_url).get(1).draft.notes == "After the undo"


def test_a_stale_stage_move_stays_refused_until_reloaded(open_app, db_url) -> None:
    store = Store.open(db_url)
    store.add_application(draft(applied_on=date(2026, 10, 1)))
    app = _open_first(open_app("app_pages/pipeline.py"))
    store.record(1, Event(Stage.INTERVIEW, date(2026, 10, 5), InterviewKind.PHONE), 1)
    app.selectbox(key="move:1:stage").select("withdrawn")
    button(app, "Save stage change").click().run()
    assert "changed elsewhere" in texts(app)
    button(app, "Save stage change").click().run()
    assert [e.stage for e in Store.open(db_url).get(1).events][-1] is Stage.INTERVIEW
    button(app, "Reload the saved version").click().run()
    assert "changed elsewhere" not in texts(app)
    app.selectbox(key="move:1:stage").select("withdrawn")
    button(app, "Save stage change").click().run()
    assert Store.open(db_url).get(1).stage is Stage.WITHDRAWN


def test_a_stale_event_correction_stays_refused_until_reloaded(open_app, db_url) -> None:
    store = Store.open(db_url)
    store.add_application(draft(applied_on=date(2026, 10, 1)))
    store.record(1, Event(Stage.INTERVIEW, date(2026, 10, 5), InterviewKind.PHONE), 1)
    app = _open_first(open_app("app_pages/pipeline.py"))
    event = store.get(1).events[-1]
    store.edit_event(
        1, event.id, Event(Stage.INTERVIEW, date(2026, 10, 5), InterviewKind.PHONE, "FROM-A"), 2
    )
    form = f"event:1:{event.id}"
    app.text_area(key=f"{form}:note").input("from B")
    button(app, "Save correction").click().run()
    assert "changed elsewhere" in texts(app)
    button(app, "Save correction").click().run()
    assert Store.open(db_url).get(1).events[-1].note == "FROM-A"
    button(app, "Reload the saved version").click().run()
    assert app.text_area(key=f"{form}:note").value == "FROM-A"


def test_a_stale_reflection_edit_stays_refused_until_reloaded(open_app, db_url) -> None:
    store = Store.open(db_url)
    store.add_application(draft(applied_on=date(2026, 10, 1)))
    store.record(1, Event(Stage.INTERVIEW, date(2026, 10, 5), InterviewKind.PHONE), 1)
    note = Reflection(1, Prompt.INTERVIEW, date(2026, 10, 6), went_wrong="original")
    reflection_id = store.save_reflection(note)
    app = open_app("app_pages/reflect.py")
    button(app, "Edit").click().run()
    prefix = f"reflect:1:{reflection_id}"
    store.save_reflection(replace(note, id=reflection_id, went_wrong="FROM-A"))
    app.text_area(key=f"{prefix}:went_well").input("from B")
    button(app, "Save reflection").click().run()
    assert "changed elsewhere" in texts(app)
    button(app, "Save reflection").click().run()
    assert not app.exception
    assert Store.open(db_url).get(1).reflections[0].went_wrong == "FROM-A"
    button(app, "Reload the saved version").click().run()
    assert app.text_area(key=f"{prefix}:went_wrong").value == "FROM-A"
    app.text_area(key=f"{prefix}:went_well").input("from B")
    button(app, "Save reflection").click().run()
    button(app, "Save reflection").click().run()
    saved = Store.open(db_url).get(1).reflections
    assert len(saved) == 1
    assert (saved[0].went_wrong, saved[0].went_well) == ("FROM-A", "from B")
    assert "changed elsewhere" not in texts(app)


@pytest.mark.parametrize(
    ("note", "said"),
    [("", "Asking for feedback is worth it."), ("Wanted more SQL", "What they said is kept")],
)
def test_a_no_recorded_with_their_words_does_not_ask_for_feedback_again(
    open_app, db_url, note, said
) -> None:
    store = Store.open(db_url)
    store.add_application(draft(applied_on=date(2026, 10, 1)))
    store.record(1, Event(Stage.INTERVIEW, date(2026, 10, 5), InterviewKind.PHONE), 1)
    app = _open_first(open_app("app_pages/pipeline.py"))
    app.selectbox(key="move:1:stage").select("rejected")
    if note:
        app.text_area(key="move:1:note").input(note)
    button(app, "Save stage change").click().run()
    assert not app.exception
    assert said in texts(app)
    assert Store.open(db_url).get(1).stage is Stage.REJECTED
