"""Reflections: checked, saved in one go, editable, and they feed the lessons list."""

from dataclasses import replace
from datetime import date

import pytest

from bounceback.domain import (
    ChangedElsewhere,
    Event,
    FollowUpKind,
    InterviewKind,
    InvalidInput,
    Stage,
)
from bounceback.reflections import (
    Characteristic,
    Fairness,
    LessonDraft,
    LessonKind,
    Prompt,
    Reflection,
    TripUp,
    reflection_problems,
)
from bounceback.storage import Store
from tests.conftest import TODAY, draft


def _interviewed(store: Store) -> int:
    new_id = store.add_application(draft(), today=TODAY)
    store.record(new_id, Event(Stage.INTERVIEW, date(2026, 10, 8), InterviewKind.PANEL), 1, TODAY)
    return new_id


def _reflection(application_id: int, **changes: object) -> Reflection:
    values: dict[str, object] = {
        "application_id": application_id,
        "prompt": Prompt.INTERVIEW,
        "written_on": date(2026, 10, 9),
        "interview_round": 1,
        "overall": 3,
        "confidence_before": 4,
        "confidence_after": 6,
        "went_well": "Good rapport with the panel",
        "went_wrong": "Rambled on the conflict question",
        "trip_ups": (TripUp.CAUGHT_OFF_GUARD,),
        "lessons": (LessonDraft(LessonKind.DO, "Prepare two conflict stories"),),
    }
    values.update(changes)
    return Reflection(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"overall": 6}, "overall"),
        ({"overall": 0}, "overall"),
        ({"confidence_before": 11}, "confidence_before"),
        ({"confidence_after": 0}, "confidence_after"),
        ({"fit": 9}, "fit"),
        ({"prep_hours": -1.0}, "prep_hours"),
        ({"written_on": date(2027, 1, 1)}, "written_on"),
        ({"feedback_asked_on": date(2027, 1, 1)}, "feedback_asked_on"),
        (
            {"feedback_asked_on": date(2026, 10, 10), "feedback_received_on": date(2026, 10, 9)},
            "feedback_received_on",
        ),
        ({"interview_round": 3}, "interview_round"),
        ({"characteristics": (Characteristic.AGE,), "fairness": Fairness.FAIR}, "characteristics"),
        ({"lessons": (LessonDraft(LessonKind.DO, "x" * 401),)}, "lessons.0"),
    ],
)
def test_out_of_range_answers_are_named(changes: dict, field: str) -> None:
    assert field in reflection_problems(_reflection(1, **changes), TODAY, rounds=1)


def test_a_reflection_round_trips_with_its_lessons(fresh_db: Store) -> None:
    new_id = _interviewed(fresh_db)
    saved_id = fresh_db.save_reflection(_reflection(new_id), today=TODAY)
    (loaded,) = fresh_db.reflections(new_id)
    assert loaded.id == saved_id
    assert loaded.trip_ups == (TripUp.CAUGHT_OFF_GUARD,)
    assert loaded.lessons == (LessonDraft(LessonKind.DO, "Prepare two conflict stories"),)
    assert loaded.confidence_after == 6


def test_invalid_reflection_writes_nothing(fresh_db: Store) -> None:
    new_id = _interviewed(fresh_db)
    before = fresh_db.revision()
    with pytest.raises(InvalidInput):
        fresh_db.save_reflection(_reflection(new_id, overall=9), today=TODAY)
    assert fresh_db.reflections() == []
    assert fresh_db.frames()["lessons"].empty
    assert fresh_db.revision() == before


def test_the_same_lesson_twice_is_counted_not_duplicated(fresh_db: Store) -> None:
    new_id = _interviewed(fresh_db)
    fresh_db.save_reflection(_reflection(new_id), today=TODAY)
    again = LessonDraft(LessonKind.DO, "  prepare two conflict STORIES. ")
    fresh_db.save_reflection(_reflection(new_id, lessons=(again,)), today=TODAY)
    frames = fresh_db.frames()
    assert len(frames["lessons"]) == 1
    assert len(frames["lesson_sources"]) == 2


def test_an_edit_replaces_lessons_and_drops_the_forgotten_one(fresh_db: Store) -> None:
    new_id = _interviewed(fresh_db)
    saved_id = fresh_db.save_reflection(_reflection(new_id), today=TODAY)
    (loaded,) = fresh_db.reflections(new_id)
    changed = replace(loaded, lessons=(LessonDraft(LessonKind.DONT, "Interrupt the panel"),))
    fresh_db.save_reflection(changed, today=TODAY)
    (after,) = fresh_db.reflections(new_id)
    assert after.id == saved_id and after.version == 2
    assert fresh_db.frames()["lessons"]["text"].tolist() == ["Interrupt the panel"]


def test_a_stale_reflection_edit_is_refused(fresh_db: Store) -> None:
    new_id = _interviewed(fresh_db)
    fresh_db.save_reflection(_reflection(new_id), today=TODAY)
    (loaded,) = fresh_db.reflections(new_id)
    fresh_db.save_reflection(replace(loaded, overall=4), today=TODAY)
    with pytest.raises(ChangedElsewhere):
        fresh_db.save_reflection(replace(loaded, overall=2), today=TODAY)
    assert fresh_db.reflections(new_id)[0].overall == 4


def test_feedback_asked_but_not_received_creates_one_chase(fresh_db: Store) -> None:
    new_id = _interviewed(fresh_db)
    pending = _reflection(new_id, feedback_asked_on=date(2026, 10, 10))
    fresh_db.save_reflection(pending, today=TODAY)
    fresh_db.save_reflection(pending, today=TODAY)
    chases = [f for f in fresh_db.get(new_id).follow_ups if f.kind is FollowUpKind.ASK_FEEDBACK]
    assert len(chases) == 1
    assert chases[0].done_on is None


def test_feedback_received_needs_no_chase(fresh_db: Store) -> None:
    new_id = _interviewed(fresh_db)
    done = _reflection(
        new_id, feedback_asked_on=date(2026, 10, 10), feedback_received_on=date(2026, 10, 12)
    )
    fresh_db.save_reflection(done, today=TODAY)
    assert fresh_db.get(new_id).follow_ups == ()


def test_deleting_an_application_takes_its_reflections_and_their_lessons(fresh_db: Store) -> None:
    new_id = _interviewed(fresh_db)
    fresh_db.save_reflection(_reflection(new_id), today=TODAY)
    fresh_db.delete(new_id)
    frames = fresh_db.frames()
    assert frames["reflections"].empty
    assert frames["lessons"].empty


def test_pending_feedback_is_chased_a_week_after_the_reflection() -> None:
    from bounceback.reflections import FEEDBACK_CHASE_DAYS, feedback_chase

    chase = feedback_chase(date(2026, 10, 9))
    assert FEEDBACK_CHASE_DAYS == 7
    assert (chase.kind, chase.due, chase.done_on) == (
        FollowUpKind.ASK_FEEDBACK,
        date(2026, 10, 16),
        None,
    )
    assert chase.note == "Chase the feedback."


def test_the_reflection_record_lives_in_domain_and_its_checks_in_validation() -> None:
    import bounceback.domain
    import bounceback.reflections
    import bounceback.validation

    assert bounceback.reflections.Reflection is bounceback.domain.Reflection
    assert bounceback.reflections.LessonKind is bounceback.domain.LessonKind
    assert bounceback.reflections.check_reflection is bounceback.validation.check_reflection
