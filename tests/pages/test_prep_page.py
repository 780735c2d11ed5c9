"""Prep sheet page: its content on sample data, ticks that pre-fill the reflection, privacy."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bounceback.domain import Event, InterviewKind, PrivateWriting, Settings, Stage
from bounceback.pipeline import application_table
from bounceback.prep import prep_sheet, preparing, to_html
from bounceback.presenter import Aliases, mask_frames
from bounceback.reflections import LessonDraft, LessonKind, Prompt, Reflection
from bounceback.sample import generate
from bounceback.storage import Store
from bounceback.themes import load_lexicon_safely
from tests.conftest import TODAY, draft
from tests.identifying import COMPANY, LESSON, SECRETS, TRICKY, seed_identifying
from tests.pages.conftest import button, sent, texts

PAGE = "app_pages/prep.py"
QUESTION = "Tell us about a time you failed"
SECRET = "Zanzibar-private-words"


@pytest.fixture
def prepared(db_url: str) -> tuple[Store, int]:
    """The sample story, with a pinned lesson and a tricky question; the newest interview."""
    store = Store.open(db_url)
    store.load(generate(60), Settings(onboarded=True))
    target = int(preparing(application_table(store.frames())).iloc[0]["id"])
    store.save_reflection(
        Reflection(
            target,
            Prompt.INTERVIEW,
            TODAY - timedelta(days=1),
            interview_round=1,
            tricky_question=QUESTION,
            lessons=(LessonDraft(LessonKind.DO, "Slow down on the first answer"),),
        ),
        TODAY,
    )
    lessons = store.frames()["lessons"]
    chosen = lessons[lessons["text"] == "Slow down on the first answer"]["id"].iloc[0]
    store.update_lesson(int(chosen), pinned=True)
    return store, target


def test_with_no_interview_under_way_the_page_says_so(open_app) -> None:
    app = open_app(PAGE)
    assert not app.exception
    assert "A prep sheet is for an interview coming up" in texts(app)


def test_the_sheet_shows_lessons_themes_questions_and_plus_points(open_app, prepared) -> None:
    store, target = prepared
    app = open_app(PAGE)
    assert not app.exception
    shown = texts(app)
    company = store.get(target).draft.company
    assert company in shown
    assert "Slow down on the first answer" in shown
    assert QUESTION in shown
    assert "Preparation and research" in shown, "the sample's top feedback theme"
    nested = [m.value for m in app.markdown if "Preparation and research" in m.value]
    assert nested and "\n    - Use a research checklist" in nested[0], "steps under their theme"
    assert "Good rapport with the panel" in shown, "a plus point from the sample"
    assert "Keep the job description" in shown
    assert [box.label for box in app.checkbox][:1] == ["Research the company"]
    assert app.get("download_button")


def test_one_click_from_today_opens_the_sheet(open_app, prepared) -> None:
    _store, target = prepared
    app = open_app()
    assert "Getting ready" in texts(app)
    app.button(key=f"today:prep:{target}").click().run()
    assert not app.exception
    assert app.session_state["prep:application"] == target


def test_ticks_are_kept_and_pre_fill_the_reflections_preparation(open_app, prepared) -> None:
    store, target = prepared
    app = open_app(PAGE)
    app.checkbox(key=f"prep:{target}:research").check().run()
    app.checkbox(key=f"prep:{target}:questions").check().run()
    app.checkbox(key=f"prep:{target}:logistics").check().run()
    assert not app.exception
    assert store.prep_ticks(target) == {"research", "questions", "logistics"}
    app.checkbox(key=f"prep:{target}:logistics").uncheck().run()
    assert store.prep_ticks(target) == {"research", "questions"}

    app.session_state["reflect:application"] = target
    app.switch_page("app_pages/reflect.py").run()
    assert not app.exception
    assert app.session_state[f"reflect:{target}:new:prep_done"] == [
        "company_research",
        "prepared_questions",
    ]


def test_an_application_without_ticks_starts_its_reflection_blank(open_app, db_url) -> None:
    store = Store.open(db_url)
    store.add_application(draft())
    store.record(1, Event(Stage.INTERVIEW, TODAY, InterviewKind.VIDEO), 1)
    app = open_app("app_pages/reflect.py")
    assert not app.exception
    assert app.session_state["reflect:1:new:prep_done"] == []


def test_private_writing_is_kept_and_hidden_when_presenting(open_app, prepared) -> None:
    store, target = prepared
    app = open_app()
    app.session_state["reflect:application"] = target
    app.switch_page("app_pages/reflect.py").run()
    app.text_area(key=f"private:{target}:feeling").input(f"Gutted {SECRET}")
    button(app, "Keep my writing").click().run()
    assert not app.exception
    assert store.private_writing(target) == PrivateWriting(f"Gutted {SECRET}", "", 1)
    assert "Spera, Buhrfeind and Pennebaker 1994" in texts(app)

    app.toggle(key="presenter").set_value(True).run()
    assert not app.exception
    assert SECRET not in sent(app)
    assert "Your private writing is hidden in presenter mode." in texts(app)
    for page in ("app_pages/home.py", PAGE, "app_pages/feedback.py", "app_pages/lessons.py"):
        app.switch_page(page).run()
        assert not app.exception
        assert SECRET not in sent(app), page


def test_in_presenter_mode_the_sheet_and_its_download_name_no_one(open_app, db_url) -> None:
    store = Store.open(db_url)
    seed_identifying(store, TODAY)
    lessons = store.frames()["lessons"]
    store.update_lesson(int(lessons[lessons["text"] == LESSON]["id"].iloc[0]), pinned=True)
    again = store.add_application(draft(company=COMPANY, role="Platform Engineer"))
    store.record(again, Event(Stage.INTERVIEW, TODAY, InterviewKind.VIDEO), 1)
    app = open_app(PAGE, query={"presenter": "1"})
    assert not app.exception
    shown = sent(app)
    assert "Company A" in texts(app)
    assert "Read up on Company A before a panel" in texts(app), "the pinned do, scrubbed"
    assert [secret for secret in SECRETS if secret in shown] == []
    frames = store.frames()
    masked = mask_frames(frames, Aliases.of(frames))
    lexicon = load_lexicon_safely(None)[0]
    page = to_html(prep_sheet(masked, again, lexicon, theme_frames=frames), TODAY)
    assert [secret for secret in SECRETS if secret in page] == []
    assert TRICKY not in page


def test_user_text_on_the_sheet_stays_text(open_app, db_url) -> None:
    store = Store.open(db_url)
    hostile = store.add_application(draft(company="[Acme](javascript:alert(1))", role="# Lead"))
    store.record(hostile, Event(Stage.INTERVIEW, TODAY, InterviewKind.VIDEO), 1)
    store.save_reflection(
        Reflection(
            hostile,
            Prompt.INTERVIEW,
            TODAY,
            interview_round=1,
            tricky_question="**Why** <b>us</b>?",
        ),
        TODAY,
    )
    app = open_app(PAGE)
    assert not app.exception
    raw = [element.value for element in app.markdown] + [e.value for e in app.subheader]
    assert not [value for value in raw if "](javascript" in value or "**Why**" in value]
    assert "**Why** <b>us</b>?" in texts(app)


def test_private_writing_survives_a_look_elsewhere_and_shows_its_start_time(
    open_app, prepared
) -> None:
    store, target = prepared
    app = open_app()
    app.session_state["reflect:application"] = target
    app.switch_page("app_pages/reflect.py").run()
    button(app, "Start 10 minutes").click().run()
    assert "ten minutes takes you to" in texts(app)
    app.text_area(key=f"private:{target}:compassion").input("You got to the final round").run()
    app.switch_page("app_pages/lessons.py").run()
    app.switch_page("app_pages/reflect.py").run()
    assert not app.exception
    assert app.text_area(key=f"private:{target}:compassion").value == "You got to the final round"
    assert store.private_writing(target) is None, "nothing is saved until Keep my writing"


def test_one_click_from_the_applications_card_opens_its_sheet(open_app, prepared) -> None:
    store, target = prepared
    app = open_app()
    app.session_state["selected_application"] = target
    app.switch_page("app_pages/pipeline.py").run()
    app.button(key="detail:prep").click().run()
    assert not app.exception
    assert app.session_state["prep:application"] == target
    assert store.get(target).draft.company in texts(app)


def test_the_sheet_matches_strengths_against_the_advert_the_application_kept(
    open_app, prepared
) -> None:
    store, target = prepared
    store.save_settings(Settings(onboarded=True, strengths=("Python", "SQL")))
    kept = store.get(target)
    advert = "We need Python and SQL every day, and Kubernetes would help."
    store.update(target, replace(kept.draft, job_description=advert), kept.version, TODAY)
    app = open_app(PAGE)
    assert not app.exception
    shown = texts(app)
    assert "Keep the job description" not in shown
    assert "of what it asks for" in shown
