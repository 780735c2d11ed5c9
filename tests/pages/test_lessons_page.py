"""Lessons page: the list, pins, archive, merge, plus points, strengths, wins."""

from datetime import date

import pytest

from bounceback.domain import Event, InterviewKind, Settings, Stage
from bounceback.lessons import lesson_table
from bounceback.reflections import LessonDraft, LessonKind, Prompt, Reflection
from bounceback.storage import Store
from tests.conftest import draft
from tests.pages.conftest import button, texts

PAGE = "app_pages/lessons.py"


@pytest.fixture
def with_lessons(db_url: str) -> Store:
    store = Store.open(db_url)
    store.add_application(draft(applied_on=date(2026, 10, 1)))
    store.record(1, Event(Stage.INTERVIEW, date(2026, 10, 8), InterviewKind.PANEL), 1)
    for text in ("Research the company", "Do your homework"):
        store.save_reflection(
            Reflection(
                application_id=1,
                prompt=Prompt.INTERVIEW,
                written_on=date(2026, 10, 9),
                overall=4,
                confidence_before=3,
                confidence_after=6,
                went_well="Kept calm",
                lessons=(LessonDraft(LessonKind.DO, text),),
            )
        )
    return store


def test_an_empty_list_says_where_lessons_come_from(open_app) -> None:
    app = open_app(PAGE)
    assert not app.exception
    assert "fills in from the lessons you write" in texts(app)


def test_lessons_plus_points_confidence_and_wins_show(open_app, with_lessons) -> None:
    app = open_app(PAGE)
    assert not app.exception
    shown = texts(app)
    assert "Research the company" in shown and "Do your homework" in shown
    assert "Kept calm (2 times)" in shown
    # The confidence chart and the wins run and draw only once their tab is open.
    assert not app.get("plotly_chart") and "best interview yet" not in shown
    app.session_state["lessons:tab"] = "Confidence and wins"
    app.run()
    assert not app.exception
    assert len(app.get("plotly_chart")) == 1
    assert "best interview yet" in texts(app)


def test_pinning_and_archiving_a_lesson(open_app, with_lessons) -> None:
    app = open_app(PAGE)
    first = int(lesson_table(with_lessons.frames())["id"].iloc[0])
    app.button(key=f"lesson:pin:{first}").click().run()
    assert "Your top 5" in texts(app)
    app.button(key=f"lesson:archive:{first}").click().run()
    assert not app.exception
    assert lesson_table(with_lessons.frames(), archived=True)["id"].tolist() == [first]


def test_merging_duplicates_keeps_one_wording(open_app, with_lessons) -> None:
    app = open_app(PAGE)
    ids = lesson_table(with_lessons.frames())["id"].astype(int).tolist()
    app.multiselect(key="lessons:merge").set_value(ids).run()
    app.selectbox(key="lessons:keep").select(ids[0]).run()
    button(app, "Merge").click().run()
    assert not app.exception
    table = lesson_table(with_lessons.frames())
    assert table["count"].tolist() == [2]


def test_editing_a_lesson_changes_its_wording(open_app, with_lessons) -> None:
    app = open_app(PAGE)
    first = int(lesson_table(with_lessons.frames())["id"].iloc[0])
    app.text_input(key=f"lesson:text:{first}").input("Read their last annual report")
    app.button(key=f"lesson:save:{first}").click().run()
    assert "Read their last annual report" in lesson_table(with_lessons.frames())["text"].tolist()


def test_strengths_are_matched_against_a_pasted_advert(open_app, db_url) -> None:
    app = open_app(PAGE)
    app.text_area(key="lessons:strengths").input("Excel\nCustomer service\nPython")
    button(app, "Save strengths").click().run()
    assert Store.open(db_url).settings().strengths == ("Excel", "Customer service", "Python")
    app.text_area(key="lessons:advert").input(
        "We need advanced spreadsheet skills, excellent customer service and a driving licence."
    ).run()
    assert not app.exception
    shown = texts(app)
    assert "It asks for, and you have" in shown
    assert "Driving licence" in shown


def test_a_paste_longer_than_any_advert_gets_a_message_not_a_long_wait(open_app, db_url) -> None:
    Store.open(db_url).save_settings(Settings(onboarded=True, strengths=("Excel",)))
    app = open_app(PAGE)
    assert app.text_area(key="lessons:advert").max_chars == 30_000, "the browser stops there"
    app.session_state["lessons:advert"] = "Excel and SQL. " * 20_000  # as if pasted past it
    app.run()
    assert not app.exception
    assert "anything pasted past that was left off" in texts(app)
    assert "It asks for, and you have" in texts(app), "the first 30,000 characters are read"


def test_an_advert_kept_with_an_application_can_be_matched(open_app, db_url) -> None:
    store = Store.open(db_url)
    store.save_settings(Settings(onboarded=True, strengths=("Excel", "Customer service")))
    store.add_application(draft(company="Plain Co"))
    kept = store.add_application(
        draft(company="Tern", job_description="Excellent customer service and a driving licence.")
    )
    app = open_app(PAGE)
    picker = app.selectbox(key="lessons:kept_advert")
    assert picker.options == ["Tern · HR Coordinator (01 Oct 2026)"], "only kept adverts"
    picker.set_value(kept).run()
    assert not app.exception
    assert app.text_area(key="lessons:advert").value.startswith("Excellent customer service")
    assert "Driving licence" in texts(app)
