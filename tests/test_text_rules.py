"""One text rule for every way in: forms, CSV import and restore refuse alike on both backends."""

from __future__ import annotations

import codecs

import pytest

from bounceback.csv_text import read_table
from bounceback.domain import InvalidInput, Settings
from bounceback.importers import commit, plan_import
from bounceback.lessons import LessonState
from bounceback.reflections import LessonDraft, LessonKind, Prompt, Reflection
from bounceback.storage import Store
from bounceback.validation import text_problem
from tests.conftest import TODAY, draft

NUL = "\x00"
# Half of a UTF-16 pair on its own, as a damaged JSON file can hold ("\ud800").
LONE_SURROGATE = "\ud800"


@pytest.mark.parametrize(
    ("value", "says"),
    [
        (f"Co{NUL}balt", "hidden NUL character"),
        (f"Co{LONE_SURROGATE}balt", "broken character"),
        ("C" * 201, "too long (201 characters; the limit is 200)"),
        ("", "is required"),
    ],
)
def test_the_text_rule_names_the_field_and_the_problem(value: str, says: str) -> None:
    assert says in (text_problem(value, 200, "Company", required=True) or "")


def test_ordinary_text_passes_the_rule() -> None:
    assert text_problem("Zoë & Søn — “Tea”, 東京", 200, "Company") is None


def test_a_form_with_a_nul_is_refused_with_a_message_and_saves_nothing(fresh_db: Store) -> None:
    with pytest.raises(InvalidInput) as error:
        fresh_db.add_application(draft(company=f"Co{NUL}balt", notes=LONE_SURROGATE), today=TODAY)
    assert "NUL" in error.value.errors["company"]
    assert "broken character" in error.value.errors["notes"]
    assert fresh_db.is_empty()
    assert fresh_db.revision() == 0


def test_a_reflection_and_a_lesson_with_a_nul_are_refused(fresh_db: Store) -> None:
    application = fresh_db.add_application(draft(), today=TODAY)
    lesson = LessonDraft(LessonKind.DO, f"Ask{NUL} questions")
    note = Reflection(
        application, Prompt.REJECTION, TODAY, went_well=f"Rapport{NUL}", lessons=(lesson,)
    )
    with pytest.raises(InvalidInput) as error:
        fresh_db.save_reflection(note, TODAY)
    assert set(error.value.errors) == {"went_well", "lessons.0"}
    assert fresh_db.reflections() == []

    ok = Reflection(
        application, Prompt.REJECTION, TODAY, lessons=(LessonDraft(LessonKind.DO, "Ask"),)
    )
    fresh_db.save_reflection(ok, TODAY)
    [(lesson_id, *_)] = fresh_db.frames()["lessons"][["id"]].itertuples(index=False)
    with pytest.raises(InvalidInput, match="NUL"):
        fresh_db.update_lesson(int(lesson_id), text=f"Ask{NUL}")
    assert [state.text for state in fresh_db.lesson_states()] == ["Ask"]


def test_a_csv_cell_with_a_nul_is_a_problem_in_the_preview_and_the_rest_imports(
    fresh_db: Store,
) -> None:
    # A BOM makes the file text for sure, so a NUL deep inside gets past the binary sniff.
    data = (
        codecs.BOM_UTF8
        + (
            "Company,Role,Date applied,Notes\n"
            f"Co{NUL}balt,Analyst,2026-10-01,\n"
            f"Fine Ltd,Analyst,2026-10-01,a{NUL}b\n"
            "Good Ltd,Developer,2026-10-02,\n"
        ).encode()
    )
    plan = plan_import(read_table(data), today=TODAY)

    assert [(found.row, found.column) for found in plan.problems] == [(2, "Company"), (3, "Notes")]
    assert all("NUL" in found.message for found in plan.problems)
    assert commit(fresh_db, plan, skip_bad_rows=True).imported == 1
    assert [a.draft.company for a in fresh_db.all()] == ["Good Ltd"]


def test_a_restored_lesson_over_the_limit_is_refused_before_the_database_sees_it(
    fresh_db: Store,
) -> None:
    marks = [LessonState(LessonKind.DO, "x" * 1_000, pinned=True)]
    with pytest.raises(InvalidInput) as error:
        fresh_db.load([], Settings(), lesson_marks=marks)
    assert "400 characters" in error.value.errors["lessons.0.text"]
    assert fresh_db.lesson_states() == []
    assert fresh_db.revision() == 0


@pytest.mark.parametrize(
    "corrections",
    [{f"snippet{NUL}": {"salary": True}}, {"snippet": {"s" * 61: True}}],
)
def test_restored_theme_corrections_follow_the_same_rule(
    fresh_db: Store, corrections: dict[str, dict[str, bool]]
) -> None:
    with pytest.raises(InvalidInput) as error:
        fresh_db.load([], Settings(), corrections=corrections)
    assert [place.split(".")[0] for place in error.value.errors] == ["theme_corrections"]
    assert fresh_db.theme_corrections() == {}


def test_a_restored_lesson_with_spaces_to_spare_is_tidied_like_a_typed_one(
    fresh_db: Store,
) -> None:
    marks = [LessonState(LessonKind.DONT, "  Talk   over the panel ", pinned=True)]
    fresh_db.load([], Settings(), lesson_marks=marks)
    assert fresh_db.lesson_states() == [LessonState(LessonKind.DONT, "Talk over the panel", True)]
