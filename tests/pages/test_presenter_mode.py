"""Presenter mode: names, contacts, salaries and notes never reach the screen on any page."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bounceback.domain import Event, InterviewKind, Stage
from bounceback.feedback import EMPLOYER, snippet_key
from bounceback.reflections import LessonDraft, LessonKind, Prompt, Reflection
from bounceback.sessions import Action, ActionOwner
from bounceback.storage import Store
from bounceback.themes import classify
from tests.conftest import TODAY, draft
from tests.identifying import (
    COMPANY,
    CONTACT,
    EMAIL,
    FEEDBACK,
    LINK,
    PHONE,
    SECRETS,
    SPELLINGS,
    WENT_WRONG,
    leaked,
    seed_identifying,
    seed_spellings,
)
from tests.pages.conftest import button, full_form, sent, texts
from tools.server import PAGE_FILES

PRESENTING = {"presenter": "1"}
PAGES = PAGE_FILES


@pytest.fixture
def identifying_db(sample_db: Store) -> Store:
    """The sample story plus one application full of identifying details."""
    seed_identifying(sample_db, TODAY)
    return sample_db


def _the_identifying_one(store: Store) -> int:
    """The id of the seeded application."""
    return next(item.id for item in store.all() if item.draft.company == COMPANY)


FEEDBACK_PAGE = "app_pages/feedback.py"
# The Feedback themes page quotes feedback and own notes in presenter mode, scrubbed of
# names, addresses, numbers and links, so the advisor can talk about what a no said. Those
# words are not secrets there; everything that names someone still is.
QUOTED_THERE = (FEEDBACK, WENT_WRONG, "glasshouse")


def _leaks(app, secrets: tuple[str, ...] = SECRETS) -> list[str]:
    """Which of the identifying strings the app sent, if any."""
    everything = sent(app)
    return [secret for secret in secrets if secret.casefold() in everything.casefold()]


def _secrets_on(page: str) -> tuple[str, ...]:
    """What a page must never show in presenter mode."""
    if page != FEEDBACK_PAGE:
        return SECRETS
    return tuple(secret for secret in SECRETS if secret not in QUOTED_THERE)


def test_the_seeded_details_do_show_with_presenter_mode_off(open_app, identifying_db):
    app = open_app("app_pages/pipeline.py")
    app.session_state["selected_application"] = _the_identifying_one(identifying_db)
    app.run()
    assert COMPANY in sent(app)


@pytest.mark.parametrize("page", PAGES)
def test_presenter_mode_hides_every_identifying_detail_on(page, open_app, identifying_db):
    app = open_app(query=PRESENTING)
    app.switch_page(page).run()
    assert not app.exception
    assert not _leaks(app, _secrets_on(page))


# Tabs whose contents run only once opened, so the page-by-page check above never sees them.
OPENED_LATER = [
    ("app_pages/lessons.py", "lessons:tab", "Confidence and wins"),
    *(
        ("app_pages/insights.py", "insights:tab", tab)
        for tab in (
            "Where applications go",
            "Where they stop",
            "Enough in the basket?",
            "Which sources work",
            "Do fitting jobs go better?",
        )
    ),
]


@pytest.mark.parametrize(("page", "key", "tab"), OPENED_LATER)
def test_presenter_mode_hides_every_identifying_detail_on_a_tab_opened_later(
    page, key, tab, open_app, identifying_db
):
    app = open_app(query=PRESENTING)
    app.switch_page(page).run()
    app.session_state[key] = tab
    app.run()
    assert not app.exception
    assert not _leaks(app)


def test_the_wins_tab_does_name_the_employer_with_presenter_mode_off(open_app, identifying_db):
    app = open_app("app_pages/lessons.py")
    app.session_state["lessons:tab"] = "Confidence and wins"
    app.run()
    assert COMPANY in sent(app)


@pytest.mark.parametrize("value", ["true", "yes", "on"])
def test_an_address_that_guesses_another_word_for_on_still_hides_names(
    value, open_app, identifying_db
):
    app = open_app("app_pages/pipeline.py", query={"presenter": value})
    assert not app.exception
    assert app.session_state["presenter"] is True
    assert not _leaks(app)


def test_the_detail_panel_in_presenter_mode_shows_the_alias_and_no_details(
    open_app, identifying_db
):
    app = open_app(query=PRESENTING)
    app.session_state["selected_application"] = _the_identifying_one(identifying_db)
    app.switch_page("app_pages/pipeline.py").run()
    assert not app.exception
    assert not _leaks(app)
    assert "Company " in texts(app)
    assert "Editing is paused in presenter mode" in texts(app)
    # Its undo, Recently deleted, is hidden while presenting: deleting waits too.
    assert "Deleting waits until presenter mode is off" in texts(app)
    assert not [b for b in app.button if b.label == "Delete this application…"]


def test_the_table_view_in_presenter_mode_lists_aliases(open_app, identifying_db):
    app = open_app(query=PRESENTING)
    app.session_state["pipeline:view"] = "Table"
    app.switch_page("app_pages/pipeline.py").run()
    table = app.dataframe[0].value
    assert table["company"].str.startswith("Company ").all()
    assert not _leaks(app)


def test_the_reflect_page_in_presenter_mode_offers_no_edits_of_saved_words(
    open_app, identifying_db
):
    app = open_app(query=PRESENTING)
    app.session_state["reflect:application"] = _the_identifying_one(identifying_db)
    app.session_state["reflect:editing"] = identifying_db.reflections()[-1].id
    app.switch_page("app_pages/reflect.py").run()
    assert not app.exception
    assert not _leaks(app)
    assert all(candidate.disabled for candidate in app.button if candidate.label == "Edit")


# A rejection whose words name everyone they can: the known employer and contact, and a
# person, an address and a number nobody recorded anywhere else.
STRANGER = "Oskar Lindqvist"
STRANGER_EMAIL = "oskar@lindqvist.example"
STRANGER_PHONE = "020 7946 0958"
TELLING = (
    f"{CONTACT} ({EMAIL}, {PHONE}) said {COMPANY} wanted more Kubernetes experience. "
    f"{STRANGER} ({STRANGER_EMAIL}, {STRANGER_PHONE}) agreed; the advert is at {LINK}."
)
NEVER_QUOTED = (
    *_secrets_on(FEEDBACK_PAGE),
    STRANGER,
    "Oskar",
    "Lindqvist",
    STRANGER_EMAIL,
    STRANGER_PHONE,
)


@pytest.fixture
def telling_db(identifying_db: Store) -> Store:
    """The identifying story plus the newest no, whose words name everyone they can."""
    new_id = identifying_db.add_application(
        draft(company=COMPANY, applied_on=TODAY - timedelta(days=9)), today=TODAY
    )
    interview = Event(Stage.INTERVIEW, TODAY - timedelta(days=5), InterviewKind.VIDEO)
    identifying_db.record(new_id, interview, 1, TODAY)
    identifying_db.record(new_id, Event(Stage.REJECTED, TODAY, note=TELLING), 2, TODAY)
    return identifying_db


def _feedback_behind(app, theme: str):
    """The Feedback themes page with one theme picked to read."""
    app.switch_page(FEEDBACK_PAGE).run()
    app.selectbox(key="feedback:theme").set_value(theme).run()
    assert not app.exception
    return app


def test_the_feedback_page_quotes_the_words_with_nobody_named_in_presenter_mode(
    open_app, telling_db
):
    theme = classify(TELLING)[0]
    app = _feedback_behind(open_app(query=PRESENTING), theme)
    shown = texts(app)
    # The advisor can read what the no said...
    assert "wanted more" in shown and "Kubernetes" in shown
    assert "[name hidden]" in shown and "[contact details]" in shown
    assert "(hidden in presenter mode)" not in shown
    assert app.metric[0].value != "0"
    # ...and nothing in it, or anywhere on the page, names anyone.
    assert leaked(sent(app), NEVER_QUOTED) == []


def test_the_same_words_do_name_them_with_presenter_mode_off(open_app, telling_db):
    app = _feedback_behind(open_app(), classify(TELLING)[0])
    everything = sent(app)
    assert STRANGER in everything
    assert COMPANY in everything


def test_correcting_a_theme_in_presenter_mode_shows_no_words_and_is_kept(open_app, telling_db):
    theme = classify(TELLING)[0]
    app = _feedback_behind(open_app(query=PRESENTING), theme)
    key = snippet_key(EMPLOYER, TELLING)
    widget = next(
        w.key for w in app.multiselect if w.key.startswith(f"feedback:pick:{theme}:{key}:")
    )
    # The choices are the themes' own labels: nothing the user wrote.
    app.multiselect(key=widget).set_value([theme, "answer_quality"])
    app.button(key=f"{widget}:save").click().run()
    assert not app.exception
    assert telling_db.theme_corrections()[key] == {"answer_quality": True}
    assert leaked(sent(app), NEVER_QUOTED) == []


def test_the_backup_download_is_off_in_presenter_mode(open_app, identifying_db):
    app = open_app(query=PRESENTING)
    app.switch_page("app_pages/settings.py").run()
    backup = next(b for b in app.get("download_button") if "backup" in b.proto.label)
    assert backup.proto.disabled


def test_the_presenter_query_parameter_turns_it_on(open_app, identifying_db):
    app = open_app(query=PRESENTING)
    assert app.toggle(key="presenter").value is True
    app.switch_page("app_pages/pipeline.py").run()
    # AppTest keeps only the first run's sidebar and banner; the browser test checks those.
    assert "Company " in texts(app)
    assert not _leaks(app)


def test_switching_presenter_mode_on_hides_names_at_once(open_app, identifying_db):
    app = open_app()
    app.toggle(key="presenter").set_value(True)
    app.session_state["selected_application"] = _the_identifying_one(identifying_db)
    app.switch_page("app_pages/pipeline.py").run()
    # AppTest keeps only the first run's sidebar and banner; the browser test checks those.
    assert "Company " in texts(app)
    assert not _leaks(app)


def test_adding_an_application_still_works_in_presenter_mode(open_app, identifying_db):
    app = open_app(query=PRESENTING)
    app = full_form(app.switch_page("app_pages/pipeline.py").run())
    app.text_input(key="add-presenting:company").input("Ninefold Ltd")
    app.text_input(key="add-presenting:role").input("Analyst")
    button(app, "Add application").click().run()
    assert not app.exception
    assert any(item.draft.company == "Ninefold Ltd" for item in identifying_db.all())


def test_an_application_typed_before_presenting_never_shows_in_the_add_form(
    open_app, identifying_db
):
    app = full_form(open_app("app_pages/pipeline.py"))
    app.text_input(key="add:company").input(COMPANY).run()
    app.session_state["presenter"] = True
    app.run()
    assert not app.exception
    assert [field for field in _fields(app) if COMPANY in field] == []
    assert not _leaks(app)


def _fields(app) -> list[str]:
    """What every text field on the page holds."""
    return [str(field.value) for field in [*app.text_input, *app.text_area]]


def test_a_reflection_typed_before_presenting_never_shows_in_its_fields(open_app, identifying_db):
    app = open_app()
    app.session_state["reflect:application"] = _the_identifying_one(identifying_db)
    app.switch_page("app_pages/reflect.py").run()
    typed = f"Good rapport with {CONTACT} at {COMPANY}"
    next(area for area in app.text_area if area.label == "Do").input(typed).run()
    next(area for area in app.text_area if area.label == "The plus points to keep").input(
        typed
    ).run()
    assert typed in _fields(app)
    app.session_state["presenter"] = True
    app.run()
    assert not app.exception
    assert [field for field in _fields(app) if COMPANY in field or CONTACT in field] == []
    assert not _leaks(app)
    assert "Writing pauses in presenter mode" in texts(app)
    assert button(app, "Save reflection").disabled
    # The draft was kept, and comes back when presenting stops.
    app.session_state["presenter"] = False
    app.run()
    assert _fields(app).count(typed) == 2


def test_a_saved_strength_naming_an_employer_is_masked_in_its_field(open_app, identifying_db):
    identifying_db.save_settings(
        replace(identifying_db.settings(), strengths=(f"SQL for {COMPANY}", "Python"))
    )
    app = open_app("app_pages/lessons.py")
    assert any(COMPANY in field for field in _fields(app))
    app = open_app("app_pages/lessons.py", query=PRESENTING)
    assert not app.exception
    assert [field for field in _fields(app) if COMPANY in field] == []
    assert not _leaks(app)
    strengths = app.text_area(key="lessons:strengths:masked")
    assert strengths.disabled and "Python" in strengths.value
    assert button(app, "Save strengths").disabled


def test_words_typed_before_presenting_leave_the_search_and_advert_fields(open_app, identifying_db):
    app = open_app("app_pages/lessons.py")
    app.text_area(key="lessons:advert").input(f"{COMPANY} wants SQL and Python").run()
    app.session_state["presenter"] = True
    app.run()
    assert [field for field in _fields(app) if COMPANY in field] == []
    app.session_state["pipeline:view"] = "Table"
    app.session_state["presenter"] = False
    app.switch_page("app_pages/pipeline.py").run()
    app.text_input(key="pipeline:search").input(COMPANY).run()
    app.session_state["presenter"] = True
    app.run()
    assert [field for field in _fields(app) if COMPANY in field] == []


@pytest.mark.parametrize("page", ["app_pages/pipeline.py", "app_pages/lessons.py"])
def test_names_in_other_spellings_do_show_with_presenter_mode_off(page, open_app, sample_db):
    seed_spellings(sample_db, TODAY)
    app = open_app(page)
    app.session_state["pipeline:view"] = "Table"
    assert len(leaked(sent(app.run()), SPELLINGS)) >= 3


@pytest.mark.parametrize("page", PAGES)
def test_names_in_other_spellings_or_in_part_never_show_on(page, open_app, sample_db):
    seed_spellings(sample_db, TODAY)
    app = open_app(query=PRESENTING)
    app.session_state["pipeline:view"] = "Table"
    app.switch_page(page).run()
    assert not app.exception
    assert leaked(sent(app), SPELLINGS) == []


# An agreed action names whom to ask and how to reach them; nobody recorded them anywhere.
ACTION = f"Ask oskar lindqvist ({STRANGER_EMAIL}, {STRANGER_PHONE}) for a referral"


@pytest.fixture
def action_db(identifying_db: Store) -> Store:
    """The identifying story plus a session whose open action names a stranger."""
    session = identifying_db.add_session(TODAY - timedelta(days=2), "", TODAY)
    identifying_db.add_action(session, Action(ACTION, ActionOwner.CLIENT, TODAY), TODAY)
    return identifying_db


@pytest.mark.parametrize("page_file", ["app_pages/sessions.py", "app_pages/home.py"])
def test_an_agreed_action_names_no_one_in_presenter_mode(open_app, action_db, page_file):
    app = open_app(page_file, query=PRESENTING)
    assert not app.exception
    shown = sent(app)
    assert "for a referral" in shown, "the action itself still shows"
    assert leaked(shown, ("oskar", "lindqvist", STRANGER_EMAIL, STRANGER_PHONE)) == []


def test_the_same_action_names_them_with_presenter_mode_off(open_app, action_db):
    app = open_app("app_pages/sessions.py")
    assert STRANGER_EMAIL in sent(app)


# Names nobody recorded as a contact, in the user's own lessons and plus points (found by a
# fresh pair of eyes on the Lessons page).
STRANGERS = ("Marcus", "Ingrid", "Solberg")


@pytest.fixture
def strangers_db(sample_db: Store) -> tuple[Store, int]:
    """The sample story plus an open interview whose reflection names two strangers."""
    new_id = sample_db.add_application(draft(company="Corran Freight"), today=TODAY)
    sample_db.record(new_id, Event(Stage.INTERVIEW, TODAY, InterviewKind.VIDEO), 1, TODAY)
    sample_db.save_reflection(
        Reflection(
            application_id=new_id,
            prompt=Prompt.INTERVIEW,
            written_on=TODAY,
            interview_round=1,
            overall=4,
            went_well="Good chat with Marcus Lee about the team",
            lessons=(LessonDraft(LessonKind.DO, "Ask Ingrid Solberg about the rota"),),
        ),
        TODAY,
    )
    return sample_db, new_id


@pytest.mark.parametrize("presenting", [False, True])
def test_lessons_and_plus_points_name_no_stranger_in_presenter_mode(
    open_app, strangers_db, presenting
):
    app = open_app("app_pages/lessons.py", query=PRESENTING if presenting else None)
    assert not app.exception
    shown = sent(app)
    assert "about the rota" in shown and "about the team" in shown, "the words still show"
    assert bool(leaked(shown, STRANGERS)) is not presenting
    # The wins tab quotes what went well too (found by a second pair of fresh eyes).
    app.session_state["lessons:tab"] = "Confidence and wins"
    app.run()
    assert not app.exception
    shown = sent(app)
    assert "about the team" in shown
    assert bool(leaked(shown, ("Marcus",))) is not presenting


def test_the_prep_sheet_s_plus_points_name_no_stranger_in_presenter_mode(open_app, strangers_db):
    _store, new_id = strangers_db
    app = open_app(query=PRESENTING)
    app.session_state["prep:application"] = new_id
    app.switch_page("app_pages/prep.py").run()
    assert not app.exception
    shown = sent(app)
    assert "about the team" in shown
    assert leaked(shown, STRANGERS) == []
