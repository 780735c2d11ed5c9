"""The do's-and-don'ts list: counted, merged, pinned, archived, downloadable."""

import re
from datetime import date

import pytest

from bounceback.domain import Event, InterviewKind, InvalidInput, Stage
from bounceback.lessons import confidence, lesson_key, lesson_table, plus_points, to_markdown, wins
from bounceback.pipeline import application_table
from bounceback.reflections import LessonDraft, LessonKind, Prompt, Reflection
from bounceback.storage import Store
from tests.conftest import TODAY, draft


def _with_reflections(store: Store, *notes: dict) -> int:
    new_id = store.add_application(draft(), today=TODAY)
    store.record(new_id, Event(Stage.INTERVIEW, date(2026, 10, 8), InterviewKind.PANEL), 1, TODAY)
    for note in notes:
        store.save_reflection(
            Reflection(
                application_id=new_id,
                prompt=Prompt.INTERVIEW,
                written_on=date(2026, 10, 9),
                **note,
            ),
            today=TODAY,
        )
    return new_id


def _do(text: str) -> LessonDraft:
    return LessonDraft(LessonKind.DO, text)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Research the company.", "research the company"), ("Bring  notes!", "bring notes")],
)
def test_lessons_match_despite_case_spacing_and_punctuation(one: str, other: str) -> None:
    assert lesson_key(one) == lesson_key(other)


def test_the_list_counts_how_often_and_where_each_lesson_came_up(fresh_db: Store) -> None:
    _with_reflections(
        fresh_db,
        {"lessons": (_do("Research the company"), _do("Arrive early"))},
        {"lessons": (_do("research the company."),)},
    )
    table = lesson_table(fresh_db.frames())
    assert table["text"].tolist() == ["Research the company", "Arrive early"]
    assert table["count"].tolist() == [2, 1]
    assert table["sources"].iloc[0] == ["Harbour & Finch (HR Coordinator)"]


def test_merging_moves_every_mention_to_the_kept_lesson(fresh_db: Store) -> None:
    _with_reflections(
        fresh_db, {"lessons": (_do("Research the company"),)}, {"lessons": (_do("Do homework"),)}
    )
    table = lesson_table(fresh_db.frames())
    keep, other = table["id"].tolist()
    fresh_db.merge_lessons(keep, [other])
    merged = lesson_table(fresh_db.frames())
    assert merged["id"].tolist() == [keep]
    assert merged["count"].tolist() == [2]


def test_pinned_lessons_come_first_and_at_most_five(fresh_db: Store) -> None:
    texts = [f"Lesson {n}" for n in range(7)]
    _with_reflections(fresh_db, {"lessons": tuple(_do(text) for text in texts)})
    ids = lesson_table(fresh_db.frames())["id"].tolist()
    for lesson_id in ids[-5:]:
        fresh_db.update_lesson(lesson_id, pinned=True)
    with pytest.raises(InvalidInput, match="unpin one"):
        fresh_db.update_lesson(ids[0], pinned=True)
    table = lesson_table(fresh_db.frames())
    assert table["pinned"].tolist()[:5] == [True] * 5


def test_archived_and_edited_lessons(fresh_db: Store) -> None:
    _with_reflections(fresh_db, {"lessons": (_do("Arrive early"), _do("Smile"))})
    first, second = lesson_table(fresh_db.frames())["id"].tolist()
    fresh_db.update_lesson(first, text="Arrive 15 minutes early")
    fresh_db.update_lesson(second, archived=True)
    assert lesson_table(fresh_db.frames())["text"].tolist() == ["Arrive 15 minutes early"]
    assert lesson_table(fresh_db.frames(), archived=True)["text"].tolist() == ["Smile"]
    with pytest.raises(InvalidInput):
        fresh_db.update_lesson(first, text="   ")


def test_plus_points_are_the_most_frequent_things_that_went_well(fresh_db: Store) -> None:
    _with_reflections(
        fresh_db,
        {"went_well": "Good rapport. Clear examples"},
        {"went_well": "- good rapport\n- Arrived calm"},
    )
    points = plus_points(fresh_db.frames())
    assert points.iloc[0].to_dict() == {"point": "Good rapport", "count": 2}
    assert set(points["point"]) == {"Good rapport", "Clear examples", "Arrived calm"}


def test_the_markdown_download_has_both_lists_and_inert_user_text(fresh_db: Store) -> None:
    _with_reflections(
        fresh_db,
        {
            "went_well": "Kept calm",
            "lessons": (
                _do("Read [the brief](javascript:alert(1))"),
                LessonDraft(LessonKind.DONT, "Ramble"),
            ),
        },
    )
    frames = fresh_db.frames()
    text = to_markdown(lesson_table(frames), plus_points(frames), TODAY)
    assert "## Do" in text and "## Don't" in text and "## Your plus points" in text
    assert "](javascript" not in text
    assert "\\[the brief\\]" in text


def test_an_empty_list_says_where_lessons_come_from() -> None:
    import pandas as pd

    empty = pd.DataFrame(columns=["kind", "text", "pinned", "count"])
    assert "come from the reflections" in to_markdown(empty, pd.DataFrame(columns=["point"]), TODAY)


def test_confidence_and_wins_come_from_reflections_and_history(fresh_db: Store) -> None:
    new_id = _with_reflections(
        fresh_db, {"overall": 4, "confidence_before": 3, "confidence_after": 7, "went_well": "Calm"}
    )
    fresh_db.record(new_id, Event(Stage.OFFER, date(2026, 10, 20)), 2, TODAY)
    frames = fresh_db.frames()
    table = application_table(frames)
    assert confidence(frames, table)[["before", "after", "outcome"]].values.tolist() == [
        [3, 7, "offer"]
    ]
    found = [text for _, text in wins(frames, table)]
    assert found[0].startswith("An offer from Harbour & Finch")
    assert any("best interview yet" in text for text in found)


def test_reaching_a_later_round_is_dated_by_that_round_not_by_what_came_after(
    fresh_db: Store,
) -> None:
    new_id = _with_reflections(fresh_db)
    fresh_db.record(new_id, Event(Stage.INTERVIEW, date(2026, 10, 15), InterviewKind.VIDEO), 2)
    fresh_db.record(new_id, Event(Stage.REJECTED, date(2026, 11, 10)), 3, TODAY)
    frames = fresh_db.frames()
    found = dict((text, when) for when, text in wins(frames, application_table(frames)))
    assert found["Reached round 2 at Harbour & Finch."] == date(2026, 10, 15)


def test_an_archived_lesson_that_comes_up_again_is_counted_not_copied(fresh_db: Store) -> None:
    _with_reflections(fresh_db, {"lessons": (_do("Research more"),)})
    lesson_id = int(fresh_db.frames()["lessons"]["id"].iloc[0])
    fresh_db.update_lesson(lesson_id, archived=True)
    _with_reflections(fresh_db, {"lessons": (_do("research more."),)})
    lessons = fresh_db.frames()["lessons"]
    assert len(lessons) == 1
    assert lesson_table(fresh_db.frames(), archived=True)["count"].tolist() == [2]


def test_rewording_a_lesson_into_another_one_is_refused_with_a_way_forward(
    fresh_db: Store,
) -> None:
    _with_reflections(fresh_db, {"lessons": (_do("Research more"), _do("Sleep well"))})
    ids = dict(zip(*[fresh_db.frames()["lessons"][c] for c in ("text", "id")], strict=True))
    with pytest.raises(InvalidInput, match="merge the two"):
        fresh_db.update_lesson(int(ids["Sleep well"]), text="research MORE")


def test_two_plus_points_in_one_reflection_read_as_two_in_wins(fresh_db: Store) -> None:
    _with_reflections(fresh_db, {"went_well": "Calm start\nClear examples"})
    frames = fresh_db.frames()
    found = [text for _, text in wins(frames, application_table(frames))]
    assert "Went well at Harbour & Finch (HR Coordinator): Calm start; Clear examples" in found


def test_the_pin_limit_is_a_rule_of_the_list_itself() -> None:
    from bounceback.lessons import MAX_PINNED, check_pin

    check_pin(MAX_PINNED - 1)
    with pytest.raises(InvalidInput) as refused:
        check_pin(MAX_PINNED)
    assert refused.value.errors == {"pinned": "You can pin 5 lessons; unpin one first."}


def test_restored_marks_are_tidied_and_at_most_five_are_pinned() -> None:
    from bounceback.lessons import MAX_PINNED, LessonState, check_marks

    tidied = check_marks([LessonState(LessonKind.DO, "  Research   the company ", pinned=True)])
    assert tidied == [LessonState(LessonKind.DO, "Research the company", pinned=True)]
    with pytest.raises(InvalidInput) as empty:
        check_marks([LessonState(LessonKind.DO, "fine"), LessonState(LessonKind.DONT, "   ")])
    assert empty.value.errors == {"lessons.1.text": "A lesson can't be empty."}
    pinned = [LessonState(LessonKind.DO, f"Lesson {n}", pinned=True) for n in range(6)]
    with pytest.raises(InvalidInput) as too_many:
        check_marks(pinned)
    assert too_many.value.errors == {
        "lessons": f"You can pin {MAX_PINNED} lessons; this backup pins 6."
    }


@pytest.mark.parametrize(
    "lesson",
    ["1. Arrive early", "- Breathe", "> Quote less", "Be brief\n---\nreally", "See www.x.example"],
)
def test_a_lesson_is_one_literal_bullet_in_the_markdown_download(
    fresh_db: Store, lesson: str
) -> None:
    _with_reflections(fresh_db, {"lessons": (_do(lesson),)})
    frames = fresh_db.frames()
    text = to_markdown(lesson_table(frames), plus_points(frames), TODAY)
    body = text.split("## Do\n\n", 1)[1].split("\n\n", 1)[0]
    assert len(body.splitlines()) == 1 and body.startswith("- ")
    item = body[2:]
    # Nothing at its start opens a list, quote or heading; no address is linked by itself.
    assert not re.match(r"[-+*>#]|\d+[.)]", item)
    assert "www." not in item
