"""The prep sheet's content, its checklist, and the private writing that stays private."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bounceback import backup, feedback
from bounceback.domain import (
    ChangedElsewhere,
    InterviewKind,
    InvalidInput,
    Preparation,
    PrivateWriting,
    ScheduledInterview,
    Settings,
)
from bounceback.exports import history_csv
from bounceback.lessons import plus_points
from bounceback.pipeline import application_table
from bounceback.prep import CHECKLIST, booking_line, prefill, prep_sheet, preparing, to_html
from bounceback.presenter import Aliases, mask_frames
from bounceback.reflections import LessonDraft, LessonKind, Prompt, Reflection
from bounceback.sample import generate
from bounceback.session_summary import render
from bounceback.storage import Store
from bounceback.themes import Lexicon, load_lexicon_safely
from tests.conftest import TODAY, draft

FEELING = "Gutted, honestly; Zanzibar-private-words"
KIND = "You did well to get that far; Quokka-private-words"
QUESTION = "Why <b>should</b> we hire you over an internal candidate?"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    """The shipped themes, compiled once for the module."""
    return load_lexicon_safely(None)[0]


@pytest.fixture
def store(db_url: str) -> Store:
    """The 60-application sample, a reflection with a tricky question and a pinned lesson."""
    store = Store.open(db_url)
    store.load(generate(60), Settings(onboarded=True, strengths=("Python", "SQL")))
    target = int(preparing(application_table(store.frames())).iloc[0]["id"])
    store.save_reflection(
        Reflection(
            target,
            Prompt.INTERVIEW,
            TODAY - timedelta(days=1),
            interview_round=1,
            tricky_question=QUESTION,
            lessons=(LessonDraft(LessonKind.DO, "Bring two <i>examples</i> per skill"),),
        ),
        TODAY,
    )
    frames = store.frames()
    lesson = frames["lessons"]
    store.update_lesson(
        int(lesson[lesson["text"] == "Bring two <i>examples</i> per skill"]["id"].iloc[0]),
        pinned=True,
    )
    return store


def _target(store: Store) -> int:
    return int(preparing(application_table(store.frames())).iloc[0]["id"])


def test_the_sheet_gathers_lessons_themes_questions_and_plus_points(store, lexicon):
    frames = store.frames()
    target = _target(store)
    sheet = prep_sheet(frames, target, lexicon, ticked={"research"})
    row = frames["applications"].set_index("id").loc[target]
    assert (sheet.company, sheet.role) == (row["company"], row["role"])
    assert "Bring two <i>examples</i> per skill" in sheet.dos
    assert sheet.questions[0] == QUESTION
    said = feedback.summarised(frames, application_table(frames), lexicon)
    assert [theme.label for theme in sheet.themes] == [
        lexicon.theme(theme_id).label for theme_id in said.top[:3]
    ]
    assert all(theme.next_steps and theme.times > 0 for theme in sheet.themes)
    assert list(sheet.plus_points) == list(plus_points(frames, 6)["point"])
    assert sheet.match is None, "no description kept: nothing to match"
    assert sheet.ticked == {"research"}


def test_strengths_are_matched_only_against_a_kept_description(store, lexicon):
    frames = store.frames()
    sheet = prep_sheet(
        frames,
        _target(store),
        lexicon,
        strengths=("Python", "Public speaking"),
        job_description="You will use Python and SQL every day.",
    )
    assert sheet.match is not None
    assert sheet.match.matched == ("Python",)
    assert "SQL" in sheet.match.missing


def test_the_printable_page_escapes_user_text_and_shows_the_ticks(store, lexicon):
    sheet = prep_sheet(store.frames(), _target(store), lexicon, ticked={"examples"})
    page = to_html(sheet, TODAY)
    assert "<b>should</b>" not in page and "&lt;b&gt;should&lt;/b&gt;" in page
    assert "<i>examples</i>" not in page
    assert "@media print" in page
    assert "☑ Prepare examples" in page and "☐ Research the company" in page


def test_unknown_application_or_checklist_item_is_refused(store, lexicon):
    with pytest.raises(KeyError):
        prep_sheet(store.frames(), 10**6, lexicon)
    with pytest.raises(ValueError, match="not a checklist item"):
        prep_sheet(store.frames(), _target(store), lexicon, ticked={"bribe"})
    with pytest.raises(InvalidInput):
        store.tick_prep(_target(store), "bribe", True)


def test_the_ticks_pre_fill_the_reflections_preparation():
    assert prefill({"research", "questions", "logistics"}) == (
        Preparation.COMPANY_RESEARCH,
        Preparation.PREPARED_QUESTIONS,
    )
    assert prefill({item.key for item in CHECKLIST}) == (
        Preparation.COMPANY_RESEARCH,
        Preparation.JOB_DESCRIPTION,
        Preparation.PRACTISED_ANSWERS,
        Preparation.PREPARED_QUESTIONS,
    )
    assert prefill(()) == ()


def test_ticks_are_kept_per_application(store):
    first, second = (int(value) for value in preparing(application_table(store.frames()))["id"][:2])
    store.tick_prep(first, "research", True)
    store.tick_prep(first, "examples", True)
    store.tick_prep(first, "examples", False)
    assert store.prep_ticks(first) == {"research"}
    assert store.prep_ticks(second) == frozenset()


def _write_privately(store: Store) -> int:
    target = _target(store)
    store.save_private_writing(target, PrivateWriting(FEELING, KIND), None)
    return target


def test_private_writing_is_never_read_by_themes_summary_csv_or_presenter(store, lexicon):
    _write_privately(store)
    frames = store.frames()
    everything = " ".join(frame.to_csv() for frame in frames.values())
    assert "private-words" not in everything
    snippets = feedback.snippets(frames, application_table(frames))
    assert not snippets["text"].str.contains("private-words").any()
    assert "private-words" not in render(frames, store.settings(), TODAY, lexicon)
    masked = mask_frames(frames, Aliases.build(frames["applications"]["company"]))
    assert "private-words" not in " ".join(frame.to_csv() for frame in masked.values())
    assert "private-words" not in history_csv(store.all())
    assert "private-words" not in history_csv(store.all(include_deleted=True))


def test_the_backup_keeps_the_writing_and_the_ticks(store, tmp_path):
    target = _write_privately(store)
    store.tick_prep(target, "logistics", True)
    text = backup.export_text(store)
    assert FEELING in text
    other = Store.open(f"sqlite:///{tmp_path / 'other.db'}")
    backup.restore(other, text)
    place = [a.id for a in store.all(include_deleted=True)].index(target)
    restored = other.all(include_deleted=True)[place]
    assert other.private_writing(restored.id) == PrivateWriting(FEELING, KIND, 1)
    assert other.prep_ticks(restored.id) == {"logistics"}
    assert backup.export_text(other) == text


def test_a_stale_save_of_the_writing_is_refused_and_bad_text_names_its_box(fresh_db):
    store = fresh_db
    target = store.add_application(draft(), today=TODAY)
    first = store.save_private_writing(target, PrivateWriting("one"), None)
    second = store.save_private_writing(target, PrivateWriting("two"), first.version)
    assert second.version == 2
    with pytest.raises(ChangedElsewhere):
        store.save_private_writing(target, PrivateWriting("stale"), first.version)
    with pytest.raises(ChangedElsewhere):
        store.save_private_writing(target, PrivateWriting("second first"), None)
    with pytest.raises(InvalidInput) as refused:
        store.save_private_writing(target, PrivateWriting("", "bad\x00"), second.version)
    assert set(refused.value.errors) == {"compassion"}
    assert store.private_writing(target) == PrivateWriting("two", "", 2)


def test_a_first_interview_with_nothing_learned_yet_has_a_sheet(fresh_db, lexicon):
    store = fresh_db
    first = store.add_application(draft(), today=TODAY)
    sheet = prep_sheet(store.frames(), first, lexicon)
    assert (sheet.dos, sheet.donts, sheet.themes, sheet.questions, sheet.plus_points) == (
        (),
        (),
        (),
        (),
        (),
    )
    assert "No question has caught you off guard yet." in to_html(sheet, TODAY)


def test_replacing_the_data_names_the_private_writing_at_stake(store):
    assert not [line for line in backup.at_stake(store) if "private writing" in line]
    _write_privately(store)
    assert "1 private writing" in backup.at_stake(store)


def test_the_sheet_says_when_where_and_with_whom_the_booked_interview_is(store, lexicon):
    target = _target(store)
    now = datetime.now(UTC).replace(microsecond=0)
    starts = (now + timedelta(days=3)).astimezone(ZoneInfo("Europe/London"))
    store.schedule_interview(
        ScheduledInterview(
            target,
            "",
            "",
            starts,
            InterviewKind.VIDEO,
            "https://meet.example/<b>x</b>",
            ("Ann Lee",),
        ),
        now,
    )
    sheet = prep_sheet(store.frames(), target, lexicon, now=now)
    assert sheet.booked is not None and sheet.booked.starts_at == starts
    line = booking_line(sheet.booked)
    assert line.startswith(f"Booked: {starts:%A %-d %b %Y %H:%M}")
    assert "video" in line and "with Ann Lee" in line
    page = to_html(sheet, TODAY)
    assert "with Ann Lee" in page and "<b>x</b>" not in page
    assert prep_sheet(store.frames(), target, lexicon, now=now + timedelta(days=5)).booked is None
