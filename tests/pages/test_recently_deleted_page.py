"""Recently deleted in Settings, and deleting a reflection on Reflect: nothing lost to one click."""

from datetime import date

from bounceback.domain import Event, InterviewKind, Stage
from bounceback.reflections import Prompt, Reflection
from bounceback.storage import Store
from tests.conftest import draft
from tests.pages.conftest import button, texts

SETTINGS = "app_pages/settings.py"


def _two(db_url: str) -> Store:
    """Two applications, the first interviewed and reflected on."""
    store = Store.open(db_url)
    store.add_application(draft(company="Lumen Analytics", applied_on=date(2026, 10, 1)))
    store.add_application(draft(company="Quayside Lettings", applied_on=date(2026, 10, 2)))
    store.record(1, Event(Stage.INTERVIEW, date(2026, 10, 8), InterviewKind.PANEL), 1)
    store.save_reflection(Reflection(1, Prompt.INTERVIEW, date(2026, 10, 9), went_wrong="Rushed"))
    return store


def test_with_nothing_deleted_settings_says_so(open_app) -> None:
    app = open_app(SETTINGS)
    assert not app.exception
    assert "Nothing here." in texts(app)


def test_a_deleted_application_is_restored_from_settings(open_app, db_url) -> None:
    store = _two(db_url)
    store.delete(2)
    app = open_app(SETTINGS)
    assert "Quayside Lettings · HR Coordinator" in texts(app)
    button(app, "Restore").click().run()
    assert not app.exception
    assert "Restored Quayside Lettings · HR Coordinator." in texts(app)
    assert [a.draft.company for a in store.all()] == ["Lumen Analytics", "Quayside Lettings"]
    assert "Nothing here." in texts(app)


def test_emptying_asks_first_then_deletes_for_good(open_app, db_url) -> None:
    store = _two(db_url)
    store.delete(2)
    app = open_app(SETTINGS)
    button(app, "Empty Recently deleted…").click().run()
    assert "can't be undone" in texts(app)
    button(app, "Keep them").click().run()
    assert len(store.recently_deleted()) == 1
    button(app, "Empty Recently deleted…").click().run()
    button(app, "Yes, empty it").click().run()
    assert not app.exception
    assert store.recently_deleted() == []
    assert len(store.all(include_deleted=True)) == 1


def test_presenter_mode_hides_the_names_of_deleted_items(open_app, db_url) -> None:
    store = _two(db_url)
    store.delete(2)
    app = open_app(SETTINGS, {"presenter": "1"})
    app.session_state["presenter"] = True
    app.run()
    assert "Quayside" not in texts(app)
    assert not [b for b in app.button if b.label == "Restore"]


def test_a_reflection_is_deleted_after_asking_and_can_be_restored(open_app, db_url) -> None:
    store = _two(db_url)
    app = open_app("app_pages/reflect.py")
    app.session_state["reflect:application"] = 1
    app.run()
    button(app, "Delete…").click().run()
    assert store.reflections(1)
    button(app, "Yes, delete").click().run()
    assert not app.exception
    assert store.reflections(1) == []
    assert "Restore it from Settings" in texts(app)
    app.switch_page(SETTINGS).run()
    button(app, "Restore").click().run()
    assert len(store.reflections(1)) == 1
