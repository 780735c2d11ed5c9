"""Malformed backups: every shape problem is a clear message naming its place, never a traceback.

And a restore obeys every rule the forms obey, through the same core checks.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bounceback import backup, exports
from bounceback.__main__ import main
from bounceback.domain import (
    Application,
    ApplicationDraft,
    FollowUp,
    FollowUpKind,
    InvalidInput,
    Settings,
)
from bounceback.storage import Store

TODAY = date.today()
DAY = TODAY.isoformat()


def valid() -> dict[str, Any]:
    """A small backup with every part filled in once."""
    return {
        "format": "bounceback-backup",
        "version": 1,
        "settings": {"baseline_pool": 6, "strengths": ["Calm"], "values": {"salary": 3}},
        "applications": [
            {
                "company": "Cobalt",
                "role": "Analyst",
                "applied_on": DAY,
                "source": "job_board",
                "salary_max": 29000,
                "contacts": [{"name": "Tom", "role": "Talent partner", "email": "", "phone": ""}],
                "events": [
                    {"stage": "applied", "on": DAY, "kind": None, "note": ""},
                    {"stage": "interview", "on": DAY, "kind": "video", "note": ""},
                ],
                "reflections": [
                    {
                        "prompt": "interview",
                        "written_on": DAY,
                        "interview_round": 1,
                        "prep_hours": 2.0,
                        "trip_ups": ["nerves"],
                        "lessons": [{"kind": "do", "text": "Breathe first"}],
                    }
                ],
                "follow_ups": [{"kind": "thank_you", "due": DAY, "done_on": None, "note": ""}],
            }
        ],
        "lessons": [{"kind": "do", "text": "Breathe first", "pinned": True, "archived": False}],
        "theme_corrections": {"employer:0123456789abcdef": {"confidence": True}},
    }


def changed(change: Callable[[dict[str, Any]], object]) -> str:
    """The valid backup with one change, as the text of a file."""
    document = copy.deepcopy(valid())
    change(document)
    return json.dumps(document)


def _app(document: dict[str, Any]) -> dict[str, Any]:
    return document["applications"][0]


def _set(target: Callable[[dict[str, Any]], dict], key: str, value: object) -> Callable:
    return lambda document: target(document).__setitem__(key, value)


def _nest(levels: int) -> str:
    return (
        '{"format": "bounceback-backup", "version": 1, "applications": ['
        + ("[" * levels + "]" * levels)
        + "]}"
    )


_ROOT: Callable[[dict[str, Any]], dict] = lambda document: document  # noqa: E731
_SETTINGS: Callable[[dict[str, Any]], dict] = lambda document: document["settings"]  # noqa: E731
_EVENT: Callable[[dict[str, Any]], dict] = lambda document: _app(document)["events"][1]  # noqa: E731
_NOTE: Callable[[dict[str, Any]], dict] = lambda document: _app(document)["reflections"][0]  # noqa: E731
_FOLLOW_UP = lambda document: _app(document)["follow_ups"][0]  # noqa: E731

MALFORMED: list[tuple[str, str, str]] = [
    ("deep nesting", _nest(100_000), "far too deeply"),
    ("nesting past the limit", _nest(40), "nest more than 32 levels"),
    ("lessons a number", changed(_set(_ROOT, "lessons", 5)), "lessons: expected a list"),
    ("lessons null", changed(_set(_ROOT, "lessons", None)), "lessons: expected a list, found null"),
    (
        "lesson not an object",
        changed(_set(_ROOT, "lessons", [5])),
        "lessons[0]: expected an object",
    ),
    (
        "lesson pinned as text",
        changed(lambda d: d["lessons"][0].__setitem__("pinned", "yes")),
        "lessons[0].pinned: expected true or false",
    ),
    (
        "a number for text",
        changed(_set(_app, "company", 5)),
        "applications[0].company: expected text",
    ),
    (
        "strengths of numbers",
        changed(_set(_SETTINGS, "strengths", [1, 2])),
        "settings.strengths[0]: expected text",
    ),
    (
        "baseline as text",
        changed(_set(_SETTINGS, "baseline_pool", "6")),
        "settings.baseline_pool: expected a whole number",
    ),
    ("settings a list", changed(_set(_ROOT, "settings", [])), "settings: expected an object"),
    (
        "values as text",
        changed(lambda d: d["settings"]["values"].__setitem__("salary", "5")),
        "settings.values['salary']: expected a whole number",
    ),
    (
        "a lone surrogate",
        changed(_set(_app, "company", "Acme \ud800")),
        "applications[0].company: holds a broken character",
    ),
    (
        "a lone surrogate in a key",
        changed(_set(_ROOT, "theme_corrections", {"\udfff": {}})),
        "(the key): holds a broken character",
    ),
    ("applications an object", changed(_set(_ROOT, "applications", {})), "no 'applications' list"),
    (
        "an application as text",
        changed(_set(_ROOT, "applications", ["Acme"])),
        "applications[0]: expected an object",
    ),
    ("a missing key", changed(lambda d: _app(d).pop("role")), "applications[0].role: missing"),
    (
        "an unknown key",
        changed(_set(_app, "colour", "red")),
        "applications[0].colour: not something",
    ),
    ("events null", changed(_set(_app, "events", None)), "applications[0].events: expected a list"),
    (
        "a date in words",
        changed(_set(_EVENT, "on", "yesterday")),
        "applications[0].events[1].on: expected a date",
    ),
    (
        "an unknown stage",
        changed(_set(_EVENT, "stage", "hired")),
        "events[1].stage: expected one of saved",
    ),
    (
        "a due date as a number",
        changed(_set(_FOLLOW_UP, "due", 20261231)),
        "follow_ups[0].due: expected a date",
    ),
    (
        "trip-ups as text",
        changed(_set(_NOTE, "trip_ups", "nerves")),
        "reflections[0].trip_ups: expected a list",
    ),
    (
        "hours not a number",
        changed(_set(_NOTE, "prep_hours", float("nan"))),
        "reflections[0].prep_hours: expected a number",
    ),
    (
        "a 310-digit salary",
        changed(_set(_app, "salary_max", 10**310)),
        "salary_max: the number is far too large",
    ),
    (
        "true as a salary",
        changed(_set(_app, "salary_min", True)),
        "salary_min: expected a whole number, found true",
    ),
    (
        "NaN as a salary",
        changed(_set(_app, "salary_min", float("nan"))),
        "salary_min: expected a whole number, found nan",
    ),
    (
        "a decimal salary",
        changed(_set(_app, "salary_min", 1.5)),
        "salary_min: expected a whole number, found a decimal",
    ),
    (
        "a salary in words",
        changed(_set(_app, "salary_min", "abc")),
        "applications[0].salary_min: expected a whole number, found text",
    ),
    (
        "company null",
        changed(_set(_app, "company", None)),
        "applications[0].company: expected text, found null",
    ),
    (
        "an application as a list",
        changed(_set(_ROOT, "applications", [[1, 2]])),
        "applications[0]: expected an object, found a list",
    ),
    (
        "baseline in words",
        changed(_set(_SETTINGS, "baseline_pool", "x")),
        "settings.baseline_pool: expected a whole number, found text",
    ),
    (
        "values a string",
        changed(_set(_SETTINGS, "values", "abc")),
        "settings.values: expected an object, found text",
    ),
    ("version true", changed(_set(_ROOT, "version", True)), "version: expected a whole number"),
    (
        "corrections a list",
        changed(_set(_ROOT, "theme_corrections", [])),
        "theme_corrections: expected an object",
    ),
    (
        "a correction as text",
        changed(_set(_ROOT, "theme_corrections", {"k": {"t": "yes"}})),
        "theme_corrections['k']['t']: expected true or false",
    ),
    (
        "a huge text",
        changed(_set(_app, "notes", "x" * 200_000)),
        "applications[0].notes: text too long",
    ),
]


def test_the_valid_backup_restores(db_url: str) -> None:
    assert backup.restore(Store.open(db_url), json.dumps(valid())) == 1


@pytest.mark.parametrize(
    ("text", "words"), [c[1:] for c in MALFORMED], ids=[c[0] for c in MALFORMED]
)
def test_a_malformed_backup_is_refused_by_place(
    text: str, words: str, db_url: str, tmp_path: Path, capsys
) -> None:
    with pytest.raises(backup.BadBackup) as error:
        backup.loads(text)
    assert words in str(error.value)
    # The command line says the same, and writes nothing.
    path = tmp_path / "backup.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    assert main(["import", str(path), "--db", db_url]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Nothing was changed" in err
    assert Store.open(db_url).holdings()["applications"] == 0


def test_the_first_problems_are_listed_together() -> None:
    def many(document: dict[str, Any]) -> None:
        _app(document)["company"] = 1
        _app(document)["role"] = 2
        document["settings"]["baseline_pool"] = "6"

    with pytest.raises(backup.BadBackup) as error:
        backup.loads(changed(many))
    message = str(error.value)
    assert "applications[0].company: expected text" in message
    assert "applications[0].role: expected text" in message
    assert "settings.baseline_pool: expected a whole number" in message


RULES: list[tuple[str, str, str]] = [
    (
        "six pinned lessons",
        changed(
            _set(
                _ROOT,
                "lessons",
                [
                    {"kind": "do", "text": f"Lesson {n}", "pinned": True, "archived": False}
                    for n in range(6)
                ],
            )
        ),
        "lessons",
    ),
    (
        "a 1,000-character lesson",
        changed(lambda d: d["lessons"][0].__setitem__("text", "x" * 1000)),
        "lessons.0.text",
    ),
    (
        "a 1,000-character lesson in a reflection",
        changed(lambda d: _NOTE(d)["lessons"][0].__setitem__("text", "x" * 1000)),
        "applications.0.reflections.0.lessons.0",
    ),
    (
        "a reflection dated 0001-01-01",
        changed(_set(_NOTE, "written_on", "0001-01-01")),
        "applications.0.reflections.0.written_on",
    ),
    (
        "a follow-up due 9999-12-31",
        changed(_set(_FOLLOW_UP, "due", "9999-12-31")),
        "applications.0.follow_ups.0.due",
    ),
    (
        "a correction with an empty theme",
        changed(_set(_ROOT, "theme_corrections", {"employer:1": {" ": True}})),
        "theme_corrections.employer:1",
    ),
]


@pytest.mark.parametrize(("text", "field"), [c[1:] for c in RULES], ids=[c[0] for c in RULES])
def test_a_restore_obeys_the_forms_rules(text: str, field: str, fresh_db: Store) -> None:
    with pytest.raises(InvalidInput) as error:
        backup.restore(fresh_db, text)
    assert field in error.value.errors
    assert fresh_db.holdings() == dict.fromkeys(fresh_db.holdings(), 0), "nothing is written"


def test_the_calendar_copes_with_the_last_day_there_is() -> None:
    draft = ApplicationDraft(company="Acme", role="Analyst", applied_on=TODAY)
    far = FollowUp(FollowUpKind.RECONNECT, date.max, id=1)
    text = exports.follow_ups_ics([Application(id=1, version=1, draft=draft, follow_ups=(far,))])
    assert "DTSTART;VALUE=DATE:99991231" in text
    assert "DTEND" not in text


def test_settings_from_a_newer_copy_keep_their_unknown_keys_out(db_url: str) -> None:
    text = changed(_set(_SETTINGS, "colour_scheme", "dark"))
    assert backup.loads(text).settings == Settings(
        baseline_pool=6, strengths=("Calm",), values={"salary": 3}
    )
