"""Lessons, follow-ups and settings changed in another tab: this tab's stale save is refused."""

from datetime import date, timedelta

from bounceback.domain import FollowUp, FollowUpKind, Settings
from bounceback.lessons import lesson_table
from bounceback.reflections import LessonDraft, LessonKind, Prompt, Reflection
from bounceback.storage import Store
from tests.conftest import draft
from tests.pages.conftest import button, texts


def _lesson(db_url: str) -> tuple[Store, int]:
    store = Store.open(db_url)
    store.add_application(draft(applied_on=date.today() - timedelta(days=5)))
    store.save_reflection(
        Reflection(
            1, Prompt.INTERVIEW, date.today(), lessons=(LessonDraft(LessonKind.DO, "Smile"),)
        )
    )
    return store, int(lesson_table(store.frames())["id"].iloc[0])


def test_a_lesson_pinned_from_a_page_drawn_before_a_rename_is_refused(open_app, db_url) -> None:
    store, lesson_id = _lesson(db_url)
    app = open_app("app_pages/lessons.py")
    store.update_lesson(lesson_id, text="Smile warmly", expected_version=1)
    app.button(key=f"lesson:pin:{lesson_id}").click().run()
    assert not app.exception
    assert "changed elsewhere" in texts(app)
    assert not lesson_table(store.frames())["pinned"].any()
    app.button(key=f"lesson:pin:{lesson_id}").click().run()
    assert lesson_table(store.frames())["pinned"].all(), "the page now shows it as it is"


def test_a_follow_up_ticked_from_a_stale_page_is_refused(open_app, db_url) -> None:
    store = Store.open(db_url)
    store.add_application(draft(applied_on=date.today() - timedelta(days=5)))
    item_id = store.add_follow_up(1, FollowUp(FollowUpKind.THANK_YOU, date.today()))
    app = open_app()
    # Another tab ticks it and takes the tick back: the same state, a newer version.
    store.mark_follow_up(item_id, date.today(), expected_version=1)
    store.mark_follow_up(item_id, None, expected_version=2)
    app.checkbox[0].check().run()
    assert not app.exception
    assert "changed elsewhere" in texts(app)
    assert store.get(1).follow_ups[0].done_on is None
    app.checkbox[0].check().run()
    assert store.get(1).follow_ups[0].done_on is not None


def test_settings_saved_in_another_tab_are_not_overwritten_until_reloaded(open_app, db_url) -> None:
    store = Store.open(db_url)
    store.save_settings(Settings(onboarded=True, baseline_pool=6))
    app = open_app("app_pages/settings.py")
    store.save_settings(Settings(onboarded=True, baseline_pool=4), expected_version=1)
    app.number_input(key="settings:ghost_after_days").set_value(30)
    button(app, "Save settings").click().run()
    assert not app.exception
    # Said once, by the form, with its Reload button: not again as a notice above it.
    assert [t for t in texts(app).split("\n") if "changed elsewhere" in t] == [
        "Your settings changed elsewhere (another tab or window) since you opened this form, "
        "so your changes here are not saved. Reload the saved version, then make your "
        "change again."
    ]
    assert (store.settings().baseline_pool, store.settings().ghost_after_days) == (4, 21)
    button(app, "Save settings").click().run()
    assert store.settings().ghost_after_days == 21, "still refused until reloaded"
    button(app, "Reload the saved version").click().run()
    assert app.number_input(key="settings:baseline_pool").value == 4
    app.number_input(key="settings:ghost_after_days").set_value(30)
    button(app, "Save settings").click().run()
    assert (store.settings().baseline_pool, store.settings().ghost_after_days) == (4, 30)


def test_strengths_saved_from_a_stale_tab_are_refused(open_app, db_url) -> None:
    store = Store.open(db_url)
    store.save_settings(Settings(onboarded=True, strengths=("Excel",)))
    app = open_app("app_pages/lessons.py")
    store.save_settings(Settings(onboarded=True, strengths=("SQL",)), expected_version=1)
    app.text_area(key="lessons:strengths").input("Excel\nPython")
    button(app, "Save strengths").click().run()
    assert not app.exception
    assert store.settings().strengths == ("SQL",)
    button(app, "Reload the saved version").click().run()
    assert app.text_area(key="lessons:strengths").value == "SQL"
