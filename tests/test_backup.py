"""JSON backups: complete, exact round trips, and clear refusals of bad files."""

import json
from dataclasses import replace
from datetime import date

import pytest

from bounceback import backup
from bounceback.domain import ApplicationDraft, InvalidInput, Settings
from bounceback.lessons import lesson_table
from bounceback.reflections import Fairness, LessonDraft, LessonKind, Prompt, Reflection, TripUp
from bounceback.sample import generate
from bounceback.storage import Store


def _filled(url: str) -> Store:
    store = Store.open(url)
    store.load(generate(40, seed=11), Settings(baseline_pool=7, onboarded=True))
    return store


def test_export_import_export_gives_identical_json(tmp_path, fresh_db: Store) -> None:
    first = _filled(f"sqlite:///{tmp_path / 'a.db'}")
    _reflect(first)
    text = backup.export_text(first)
    # Restored into each backend: moving from a local file to a hosted database loses nothing.
    assert backup.restore(fresh_db, text) == 40
    assert backup.export_text(fresh_db) == text


def _reflect(store: Store) -> None:
    """Two reflections sharing a lesson, one lesson pinned, one archived, one orphan pinned."""
    interviewed = [a for a in store.all() if a.interview_rounds][:2]
    for application in interviewed:
        store.save_reflection(
            Reflection(
                application_id=application.id,
                prompt=Prompt.REJECTION,
                written_on=application.events[-1].on,
                overall=3,
                went_well="Good rapport",
                trip_ups=(TripUp.NERVES,),
                feedback_asked_on=application.events[-1].on,
                feedback_received_on=application.events[-1].on,
                feedback="Very close decision.",
                fairness=Fairness.FAIR,
                lessons=(
                    LessonDraft(LessonKind.DO, "Breathe before answering"),
                    LessonDraft(LessonKind.DONT, f"Forget {application.draft.company}'s news"),
                ),
            )
        )
    table = lesson_table(store.frames())
    store.update_lesson(int(table["id"].iloc[0]), pinned=True)
    store.update_lesson(int(table["id"].iloc[1]), archived=True)
    store.correct_themes("employer:0123456789abcdef", ["no_detail"], ["strong_field"])


def test_a_backup_holds_every_part_of_an_application(tmp_path) -> None:
    store = _filled(f"sqlite:///{tmp_path / 'a.db'}")
    _reflect(store)
    document = json.loads(backup.export_text(store))
    assert document["version"] == backup.VERSION
    assert len(document["applications"]) == 40
    every = document["applications"]
    assert all(item["events"] for item in every)
    assert any(item["contacts"] for item in every)
    assert any(item["follow_ups"] for item in every)
    assert document["settings"]["baseline_pool"] == 7
    assert sum(len(item["reflections"]) for item in every) >= 2
    assert document["theme_corrections"] == {
        "employer:0123456789abcdef": {"no_detail": False, "strong_field": True}
    }
    assert {(mark["pinned"], mark["archived"]) for mark in document["lessons"]} >= {
        (True, False),
        (False, True),
    }


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{not json", "line 1"),
        ("[]", "not a bounceback backup"),
        ('{"format": "bounceback-backup", "version": 99}', "version 99"),
        ('{"format": "bounceback-backup", "version": 1}', "no 'applications'"),
        (
            '{"format": "bounceback-backup", "version": 1, "applications": [{"company": "X"}]}',
            "applications[0]",
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_place_named(text: str, words: str) -> None:
    with pytest.raises(backup.BadBackup, match=words.replace("[", r"\[").replace("]", r"\]")):
        backup.loads(text)


def test_a_restore_with_one_bad_record_writes_nothing(fresh_db: Store) -> None:
    records = generate(5, seed=1, today=date.today())
    broken = replace(records[3], draft=replace(records[3].draft, company=""))
    with pytest.raises(InvalidInput) as error:
        fresh_db.load([*records[:3], broken, records[4]])
    assert "applications.3.company" in error.value.errors
    assert fresh_db.is_empty()


def test_a_kept_job_description_survives_a_backup_and_an_older_backup_restores(
    tmp_path, fresh_db: Store
) -> None:
    source = Store.open(f"sqlite:///{tmp_path / 'a.db'}")
    source.add_application(
        ApplicationDraft("Tern", "Analyst", date(2026, 10, 1), job_description="Tern hires."),
        today=date(2026, 10, 2),
    )
    text = backup.export_text(source)
    assert json.loads(text)["applications"][0]["job_description"] == "Tern hires."
    older = json.loads(text)
    del older["applications"][0]["job_description"]  # written before schema 6
    backup.restore(fresh_db, text)
    assert [item.draft.job_description for item in fresh_db.all()] == ["Tern hires."]
    earlier = Store.open(f"sqlite:///{tmp_path / 'b.db'}")
    backup.restore(earlier, json.dumps(older))
    assert [item.draft.job_description for item in earlier.all()] == [""]
