"""One home for a rejection's feedback: the rejection's note, read and edited by reflections."""

from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa

from bounceback import feedback
from bounceback.domain import ChangedElsewhere, Event, InterviewKind, Stage
from bounceback.pipeline import application_table
from bounceback.reflections import Prompt, Reflection, recorded_feedback
from bounceback.storage import SCHEMA_VERSION, Store, upgrade
from tests.conftest import TODAY, draft

SAID = "You came across as very nervous throughout."
MORE = "The panel wanted more examples from work."


def _rejected(store: Store, note: str = "") -> int:
    """An application rejected after one interview, with the employer's words if any."""
    new_id = store.add_application(draft(applied_on=date(2026, 9, 1)), today=TODAY)
    store.record(new_id, Event(Stage.INTERVIEW, date(2026, 9, 5), InterviewKind.VIDEO), 1, TODAY)
    store.record(new_id, Event(Stage.REJECTED, date(2026, 9, 20), note=note), 2, TODAY)
    return new_id


def _employer_words(store: Store) -> list[str]:
    frames = store.frames()
    found = feedback.snippets(frames, application_table(frames))
    return found[found["source"] == feedback.EMPLOYER]["text"].tolist()


def _saved(store: Store, application_id: int) -> Reflection:
    return store.reflections(application_id)[-1]


def test_a_reflection_on_a_rejection_starts_from_its_note_and_edits_that_one(
    fresh_db: Store,
) -> None:
    new_id = _rejected(fresh_db, note=SAID)
    fresh_db.save_reflection(Reflection(new_id, Prompt.REJECTION, date(2026, 9, 21)), TODAY)
    note = _saved(fresh_db, new_id)
    assert note.feedback == "", "the words are not copied into the reflection"
    assert recorded_feedback(fresh_db.get(new_id), note) == SAID

    edited = f"{SAID} {MORE}"
    fresh_db.save_reflection(replace(note, feedback=edited), TODAY)
    application = fresh_db.get(new_id)
    assert application.events[-1].note == edited, "History shows the edit"
    assert _saved(fresh_db, new_id).feedback == ""
    assert recorded_feedback(application, _saved(fresh_db, new_id)) == edited
    assert _employer_words(fresh_db) == [edited], "counted once"


def test_feedback_typed_in_a_new_reflection_becomes_the_rejections_note(fresh_db: Store) -> None:
    new_id = _rejected(fresh_db)
    fresh_db.save_reflection(
        Reflection(new_id, Prompt.REJECTION, date(2026, 9, 21), feedback=MORE), TODAY
    )
    assert fresh_db.get(new_id).events[-1].note == MORE
    assert _employer_words(fresh_db) == [MORE]


def test_an_interview_reflection_keeps_its_own_feedback(fresh_db: Store) -> None:
    new_id = _rejected(fresh_db, note=SAID)
    fresh_db.save_reflection(
        Reflection(new_id, Prompt.INTERVIEW, date(2026, 9, 6), interview_round=1, feedback=MORE),
        TODAY,
    )
    assert fresh_db.get(new_id).events[-1].note == SAID
    assert _saved(fresh_db, new_id).feedback == MORE
    assert sorted(_employer_words(fresh_db)) == sorted([SAID, MORE])


def test_a_note_edited_in_history_makes_an_open_reflection_form_stale(fresh_db: Store) -> None:
    new_id = _rejected(fresh_db, note=SAID)
    fresh_db.save_reflection(Reflection(new_id, Prompt.REJECTION, date(2026, 9, 21)), TODAY)
    opened = _saved(fresh_db, new_id)
    application = fresh_db.get(new_id)
    rejection = application.events[-1]
    fresh_db.edit_event(new_id, rejection.id, replace(rejection, note=MORE), application.version)
    with pytest.raises(ChangedElsewhere):
        fresh_db.save_reflection(replace(opened, feedback=SAID), TODAY)
    assert fresh_db.get(new_id).events[-1].note == MORE


def test_a_reflection_save_makes_an_open_history_form_stale(fresh_db: Store) -> None:
    new_id = _rejected(fresh_db, note=SAID)
    before = fresh_db.get(new_id)
    fresh_db.save_reflection(
        Reflection(new_id, Prompt.REJECTION, date(2026, 9, 21), feedback=MORE), TODAY
    )
    rejection = before.events[-1]
    with pytest.raises(ChangedElsewhere):
        fresh_db.edit_event(new_id, rejection.id, replace(rejection, note=SAID), before.version)


def test_reopening_keeps_the_words_with_the_reflection(fresh_db: Store) -> None:
    new_id = _rejected(fresh_db, note=SAID)
    fresh_db.save_reflection(Reflection(new_id, Prompt.REJECTION, date(2026, 9, 21)), TODAY)
    fresh_db.reopen(new_id, fresh_db.get(new_id).version)
    application = fresh_db.get(new_id)
    assert application.stage is Stage.INTERVIEW
    assert _saved(fresh_db, new_id).feedback == SAID
    assert SAID not in application.draft.notes, "kept once, with the reflection"
    assert _employer_words(fresh_db) == [SAID]


def test_the_upgrade_folds_copies_into_the_rejections_note_losing_nothing(
    blank_url: str,
) -> None:
    store = Store.open(blank_url)
    same = _rejected(store, note=SAID)
    moved = _rejected(store)
    both = _rejected(store, note=SAID)
    with store.engine.begin() as connection:
        for application_id, words in ((same, f"  {SAID.upper()} "), (moved, MORE), (both, MORE)):
            connection.execute(
                sa.text(
                    "INSERT INTO reflections (owner_id, application_id, prompt, written_on,"
                    " feedback) VALUES ('local', :id, 'rejection', '2026-09-21', :words)"
                ),
                {"id": application_id, "words": words},
            )
        # Back to schema 5: no versions on lessons, follow-ups or settings.
        for table in ("lessons", "follow_ups", "settings"):
            connection.execute(sa.text(f"ALTER TABLE {table} DROP COLUMN version"))
        connection.execute(sa.text("UPDATE schema_info SET value = '5'"))
    store.engine.dispose()

    assert upgrade(store.engine) == SCHEMA_VERSION
    notes = {item.id: item.events[-1].note for item in store.all()}
    assert notes == {same: SAID, moved: MORE, both: f"{SAID}\n\n{MORE}"}
    assert all(note.feedback == "" for note in store.reflections())
    assert sorted(_employer_words(store)) == sorted([SAID, MORE, f"{SAID}\n\n{MORE}"])
