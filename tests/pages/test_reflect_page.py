"""Reflect page: fill, save, see the lesson; bad input writes nothing; drafts survive."""

from datetime import date

import pytest

from bounceback.domain import VALUES, Event, FollowUpKind, InterviewKind, Settings, Stage
from bounceback.storage import Store
from tests.conftest import draft
from tests.pages.conftest import button, texts

PAGE = "app_pages/reflect.py"
FORM = "reflect:1:new"


@pytest.fixture
def interviewed(db_url: str) -> Store:
    """One application that had a panel interview and then a no."""
    store = Store.open(db_url)
    store.add_application(draft(applied_on=date(2026, 10, 1)))
    store.record(1, Event(Stage.INTERVIEW, date(2026, 10, 8), InterviewKind.PANEL), 1)
    store.record(1, Event(Stage.REJECTED, date(2026, 10, 15)), 2)
    return store


def _field(app, name: str) -> str:
    return f"{FORM}:{name}"


def test_with_nothing_to_reflect_on_the_page_explains_why(open_app) -> None:
    app = open_app(PAGE)
    assert not app.exception
    assert "Reflections belong to interviews and rejections" in texts(app)


def test_the_page_runs_with_sample_data(open_app, sample_db) -> None:
    app = open_app(PAGE)
    assert not app.exception
    assert app.button(key=f"reflect:{app.session_state['reflect:application']}:new:save")


def test_a_saved_reflection_puts_its_lesson_on_the_list(open_app, interviewed) -> None:
    app = open_app(PAGE)
    assert app.radio(key=_field(app, "prompt")).value == "rejection"
    app.text_area(key=_field(app, "went_well")).input("Clear examples")
    app.text_area(key=_field(app, "went_wrong")).input("Rushed the first answer")
    app.text_area(key=_field(app, "dos")).input("Pause before answering\n- Bring notes")
    app.text_area(key=_field(app, "donts")).input("Apologise for nerves")
    app.button(key=_field(app, "save")).click().run()
    assert not app.exception
    assert "Reflection saved. 3 lessons went to your list." in texts(app)
    (saved,) = interviewed.reflections(1)
    assert [lesson.text for lesson in saved.lessons] == [
        "Pause before answering",
        "Bring notes",
        "Apologise for nerves",
    ]
    app.switch_page("app_pages/lessons.py").run()
    assert "Pause before answering" in texts(app)
    assert "Clear examples" in texts(app)


def test_feedback_that_came_before_it_was_asked_is_refused_beside_the_field(
    open_app, interviewed
) -> None:
    app = open_app(PAGE)
    app.date_input(key=_field(app, "feedback_asked_on")).set_value(date(2026, 10, 20))
    app.date_input(key=_field(app, "feedback_received_on")).set_value(date(2026, 10, 18))
    app.text_area(key=_field(app, "dos")).input("Ask earlier")
    app.button(key=_field(app, "save")).click().run()
    assert "Feedback can't arrive before you asked for it." in [str(e.value) for e in app.error]
    assert interviewed.reflections() == []
    assert interviewed.frames()["lessons"].empty
    assert app.text_area(key=_field(app, "dos")).value == "Ask earlier", "typing is kept"


def test_a_draft_survives_a_trip_to_another_page(open_app, interviewed) -> None:
    app = open_app(PAGE)
    app.text_area(key=_field(app, "went_wrong")).input("Lost my thread on the budget question")
    app.run()
    app.switch_page("app_pages/pipeline.py").run()
    app.switch_page(PAGE).run()
    assert app.text_area(key=_field(app, "went_wrong")).value == (
        "Lost my thread on the budget question"
    )


def test_asking_for_feedback_without_an_answer_adds_a_chase(open_app, interviewed) -> None:
    app = open_app(PAGE)
    app.date_input(key=_field(app, "feedback_asked_on")).set_value(date(2026, 10, 16))
    app.button(key=_field(app, "save")).click().run()
    assert "a follow-up to chase it" in texts(app)
    kinds = [item.kind for item in interviewed.get(1).follow_ups]
    assert kinds == [FollowUpKind.ASK_FEEDBACK]


def test_an_unfair_reason_shows_neutral_advice_for_the_country(open_app, interviewed) -> None:
    app = open_app(PAGE)
    app.radio(key=_field(app, "fairness")).set_value("unfair").run()
    assert "not legal advice" in texts(app)
    assert "Acas" in texts(app)


def test_a_saved_reflection_can_be_edited(open_app, interviewed) -> None:
    app = open_app(PAGE)
    app.text_area(key=_field(app, "dos")).input("Pause before answering")
    app.button(key=_field(app, "save")).click().run()
    button(app, "Edit").click().run()
    edit = "reflect:1:1"
    assert app.text_area(key=f"{edit}:dos").value == "Pause before answering"
    app.text_area(key=f"{edit}:dos").input("Pause, then answer")
    app.button(key=f"{edit}:save").click().run()
    assert not app.exception
    (saved,) = interviewed.reflections(1)
    assert saved.version == 2
    assert [lesson.text for lesson in saved.lessons] == ["Pause, then answer"]


def test_the_card_leads_straight_to_a_reflection(open_app, interviewed) -> None:
    app = open_app("app_pages/pipeline.py")
    app.session_state["selected_application"] = 1
    app.run()
    button(app, "Write a reflection").click().run()
    assert not app.exception
    assert app.session_state["reflect:application"] == 1
    assert "Reflect" in [title.value for title in app.title]


def test_after_saving_the_form_is_that_reflection_and_saving_again_updates_it(
    open_app, interviewed
) -> None:
    app = open_app(PAGE)
    app.text_area(key=_field(app, "went_wrong")).input("Rushed the first answer")
    app.button(key=_field(app, "save")).click().run()
    edit = "reflect:1:1"
    assert "Editing your reflection of" in texts(app)
    assert app.text_area(key=f"{edit}:went_wrong").value == "Rushed the first answer"
    app.text_area(key=f"{edit}:went_wrong").input("Rushed, then recovered")
    app.button(key=f"{edit}:save").click().run()
    app.button(key=f"{edit}:save").click().run()
    assert not app.exception
    (saved,) = interviewed.reflections(1)
    assert saved.went_wrong == "Rushed, then recovered"
    assert saved.version == 3


def test_fit_names_what_matters_only_when_the_user_said_so(open_app, interviewed) -> None:
    app = open_app(PAGE)
    assert "You said" not in texts(app)
    assert "Say in Settings which things matter most" in texts(app)
    values = dict.fromkeys(VALUES, 3) | {"purpose": 5}
    interviewed.save_settings(Settings(onboarded=True, values=values))
    app = open_app(PAGE)
    assert "You said purpose matters most (change that in Settings)." in texts(app)


def test_the_question_that_caught_you_off_guard_stays_after_saving(open_app, interviewed) -> None:
    app = open_app(PAGE)
    app.pills(key=_field(app, "trip_ups")).set_value(["caught_off_guard"]).run()
    app.text_input(key=_field(app, "tricky_question")).input("Why this sector?")
    app.button(key=_field(app, "save")).click().run()
    assert not app.exception
    assert app.text_input(key="reflect:1:1:tricky_question").value == "Why this sector?"


def test_the_field_being_typed_survives_going_straight_to_another_page(
    open_app, interviewed
) -> None:
    app = open_app(PAGE)
    app.text_area(key=_field(app, "went_well")).input("Kept calm")
    app.run()
    app.text_area(key=_field(app, "went_wrong")).input("Lost my thread")
    app.switch_page("app_pages/pipeline.py").run()
    app.switch_page(PAGE).run()
    assert app.text_area(key=_field(app, "went_well")).value == "Kept calm"
    assert app.text_area(key=_field(app, "went_wrong")).value == "Lost my thread"


def test_a_reflection_on_the_whole_application_still_says_so_after_saving(
    open_app, interviewed
) -> None:
    app = open_app(PAGE)
    assert app.selectbox(key=_field(app, "interview_round")).value == 0
    app.button(key=_field(app, "save")).click().run()
    assert not app.exception
    picker = app.selectbox(key="reflect:1:1:interview_round")
    assert picker.value == 0
    assert picker.format_func(picker.value) == "The application as a whole"
    (saved,) = interviewed.reflections(1)
    assert saved.interview_round is None
