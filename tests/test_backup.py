"""JSON backups: complete, exact round trips, and clear refusals of bad files."""

import json
from dataclasses import replace
from datetime import date

import pytest

from bounceback import backup
from bounceback.domain import InvalidInput, Settings
from bounceback.sample import generate
from bounceback.storage import Store


def _filled(url: str) -> Store:
    store = Store.open(url)
    store.load(generate(40, seed=11), Settings(baseline_pool=7, onboarded=True))
    return store


def test_export_import_export_gives_identical_json(tmp_path) -> None:
    first = _filled(f"sqlite:///{tmp_path / 'a.db'}")
    text = backup.dumps(first.all(), first.settings())
    second = Store.open(f"sqlite:///{tmp_path / 'b.db'}")
    records, settings = backup.loads(text)
    second.load(records, settings)
    assert backup.dumps(second.all(), second.settings()) == text


def test_a_backup_holds_every_part_of_an_application(tmp_path) -> None:
    store = _filled(f"sqlite:///{tmp_path / 'a.db'}")
    document = json.loads(backup.dumps(store.all(), store.settings()))
    assert document["version"] == backup.VERSION
    assert len(document["applications"]) == 40
    every = document["applications"]
    assert all(item["events"] for item in every)
    assert any(item["contacts"] for item in every)
    assert any(item["follow_ups"] for item in every)
    assert document["settings"]["baseline_pool"] == 7


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
