"""A complete, portable JSON backup: what goes out comes back exactly the same."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bounceback.domain import (
    Application,
    ApplicationDraft,
    BouncebackError,
    Contact,
    Event,
    FollowUp,
    FollowUpKind,
    InterviewKind,
    Settings,
    Source,
    Stage,
)
from bounceback.files import WriteFailed, reason, write_atomic
from bounceback.lessons import LessonState
from bounceback.reflections import (
    Characteristic,
    Fairness,
    LessonDraft,
    LessonKind,
    Preparation,
    Prompt,
    Reflection,
    TripUp,
)
from bounceback.shapes import (
    Boolean,
    IsoDate,
    IsoMoment,
    ListOf,
    MapOf,
    Maybe,
    Number,
    Record,
    Text,
    Whole,
    choice,
    first_problems,
)
from bounceback.storage import Store

FORMAT = "bounceback-backup"
VERSION = 1
# A backup of years of job hunting is a few megabytes; this leaves room and stops a huge file.
MAX_BYTES = 64 * 1024 * 1024


class BadBackup(BouncebackError):
    """The file is not a backup this version can read; the message says where."""


@dataclass(frozen=True)
class Backup:
    """Everything a backup holds."""

    applications: list[Application]
    settings: Settings
    lessons: list[LessonState] = field(default_factory=list)
    # The user's corrections to feedback themes: snippet key -> theme -> present.
    corrections: dict[str, dict[str, bool]] = field(default_factory=dict)


def to_document(backup: Backup) -> dict[str, Any]:
    """The backup as plain JSON types, with no ids or timestamps, so it round-trips exactly."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "settings": asdict(backup.settings),
        "applications": [_application_to_dict(item) for item in backup.applications],
        "lessons": [
            {
                "kind": mark.kind.value,
                "text": mark.text,
                "pinned": mark.pinned,
                "archived": mark.archived,
            }
            for mark in backup.lessons
        ],
        "theme_corrections": {
            key: dict(sorted(themes.items())) for key, themes in sorted(backup.corrections.items())
        },
    }


def dumps(backup: Backup) -> str:
    """The backup as stable, readable JSON text."""
    return json.dumps(to_document(backup), indent=2, ensure_ascii=False) + "\n"


def export_text(store: Store) -> str:
    """A complete backup of one owner's data."""
    return dumps(
        Backup(
            store.all(include_deleted=True),
            store.settings(),
            store.lesson_states(),
            store.theme_corrections(),
        )
    )


def restore(store: Store, text: str, replace_existing: bool = False) -> int:
    """Load a backup into the store in one transaction; returns the number of applications."""
    found = loads(text)
    return store.load(
        found.applications, found.settings, replace_existing, found.lessons, found.corrections
    )


_HELD = (
    ("applications", "application"),
    ("reflections", "reflection"),
    ("lessons", "lesson"),
    ("theme_corrections", "theme correction"),
)


def at_stake(store: Store) -> list[str]:
    """What a restore or the sample data would replace, in words; empty when nothing would.

    Everything a backup holds counts, not only applications: settings (strengths, baseline,
    values), lessons and their pins, and theme corrections are lost just the same.
    """
    held = store.holdings()
    found = [
        f"{held[name]:,} {label}{'' if held[name] == 1 else 's'}"
        for name, label in _HELD
        if held[name]
    ]
    if held["settings"] and replace(store.settings(), onboarded=False) != Settings():
        found.append("your settings (strengths, baseline, what matters to you)")
    return found


def safety_copy(store: Store, folder: Path) -> Path:
    """Write a complete backup of what is there into `folder` before anything replaces it."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"before-replace-{stamp}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteFailed(f"Couldn't make the backup folder {folder}: {reason(error)}.") from error
    write_atomic(path, export_text(store))
    return path


def _application_to_dict(application: Application) -> dict[str, Any]:
    """One application with its events, contacts and follow-ups."""
    draft = application.draft
    values: dict[str, Any] = {
        f.name: getattr(draft, f.name) for f in fields(draft) if f.name != "contacts"
    }
    values["applied_on"] = draft.applied_on.isoformat()
    values["source"] = draft.source.value
    values["contacts"] = [asdict(contact) for contact in draft.contacts]
    values["events"] = [
        {
            "stage": event.stage.value,
            "on": event.on.isoformat(),
            "kind": event.kind.value if event.kind else None,
            "note": event.note,
        }
        for event in application.events
    ]
    values["reflections"] = [_reflection_to_dict(note) for note in application.reflections]
    if application.deleted_at:
        # Waiting in "Recently deleted": a restore puts it back there, not in the pipeline.
        values["deleted_at"] = application.deleted_at.isoformat()
    values["follow_ups"] = [
        {
            "kind": item.kind.value,
            "due": item.due.isoformat(),
            "done_on": item.done_on.isoformat() if item.done_on else None,
            "note": item.note,
        }
        for item in application.follow_ups
    ]
    return values


_OPTIONAL_DATE = Maybe(IsoDate())
_LESSON = Record({"kind": choice(LessonKind), "text": Text()}, frozenset({"kind", "text"}))
_REFLECTION = Record(
    {
        "prompt": choice(Prompt),
        "written_on": IsoDate(),
        "interview_round": Maybe(Whole()),
        "overall": Maybe(Whole()),
        "confidence_before": Maybe(Whole()),
        "confidence_after": Maybe(Whole()),
        "went_well": Text(),
        "went_wrong": Text(),
        "trip_ups": ListOf(choice(TripUp), 50),
        "tricky_question": Text(),
        "prep_hours": Maybe(Number()),
        "prep_done": ListOf(choice(Preparation), 50),
        "feedback_asked_on": _OPTIONAL_DATE,
        "feedback_received_on": _OPTIONAL_DATE,
        "feedback": Text(),
        "fairness": Maybe(choice(Fairness)),
        "characteristics": ListOf(choice(Characteristic), 50),
        "lessons": ListOf(_LESSON, 100),
        "fit": Maybe(Whole()),
        "deleted_at": Maybe(IsoMoment()),
    },
    frozenset({"prompt", "written_on"}),
)
_APPLICATION = Record(
    {
        "company": Text(),
        "role": Text(),
        "applied_on": IsoDate(),
        "location": Text(),
        "source": choice(Source),
        "link": Text(),
        "salary_min": Maybe(Whole()),
        "salary_max": Maybe(Whole()),
        "currency": Text(longest=100),
        "pool_size": Maybe(Whole()),
        "notes": Text(),
        "job_description": Text(),
        "contacts": ListOf(
            Record({name: Text() for name in ("name", "role", "email", "phone")}), 100
        ),
        "events": ListOf(
            Record(
                {
                    "stage": choice(Stage),
                    "on": IsoDate(),
                    "kind": Maybe(choice(InterviewKind)),
                    "note": Text(),
                },
                frozenset({"stage", "on"}),
            ),
            1_000,
        ),
        "reflections": ListOf(_REFLECTION, 1_000),
        "follow_ups": ListOf(
            Record(
                {
                    "kind": choice(FollowUpKind),
                    "due": IsoDate(),
                    "done_on": _OPTIONAL_DATE,
                    "note": Text(),
                },
                frozenset({"kind", "due"}),
            ),
            1_000,
        ),
        "deleted_at": Maybe(IsoMoment()),
    },
    frozenset({"company", "role", "applied_on", "source", "events"}),
)
_SETTINGS = Record(
    {
        "baseline_pool": Whole(),
        "ghost_after_days": Whole(),
        "currency": Text(longest=100),
        "country": Text(longest=100),
        "onboarded": Boolean(),
        "strengths": ListOf(Text(), 1_000),
        "values": MapOf(Text(longest=100), Whole(), 100),
    },
    ignore_unknown=True,
)
SHAPE = Record(
    {
        "format": Text(choices=(FORMAT,)),
        "version": Whole(),
        "settings": _SETTINGS,
        "applications": ListOf(_APPLICATION, 100_000),
        "lessons": ListOf(
            Record(
                {
                    "kind": choice(LessonKind),
                    "text": Text(),
                    "pinned": Boolean(),
                    "archived": Boolean(),
                },
                frozenset({"kind", "text", "pinned", "archived"}),
            ),
            10_000,
        ),
        "theme_corrections": MapOf(
            Text(longest=100), MapOf(Text(longest=60), Boolean(), 100), 100_000
        ),
    },
    frozenset({"format", "version", "applications"}),
)


def loads(text: str) -> Backup:
    """Parse a backup whose whole shape is checked first, naming the place of each problem."""
    if len(text) > MAX_BYTES:
        raise BadBackup(f"This file is too large for a backup (over {MAX_BYTES // 2**20} MB).")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadBackup(f"Not valid JSON (line {error.lineno}, column {error.colno}).") from error
    except RecursionError as error:
        raise BadBackup(
            "This file nests lists or objects far too deeply to be a backup."
        ) from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BadBackup("This file is not a bounceback backup (no 'format' marker).")
    if document.get("version") != VERSION:
        raise BadBackup(f"Backup version {document.get('version')!r} is not one this app reads.")
    if not isinstance(document.get("applications"), list):
        raise BadBackup("The backup has no 'applications' list.")
    problems = first_problems(SHAPE, document)
    if problems:
        raise BadBackup("This backup can't be restored:\n" + "\n".join(f"- {p}" for p in problems))
    items = document["applications"]
    settings = _parse(lambda: Settings.from_dict(document.get("settings", {})), "settings")
    marks = [
        _parse(
            lambda mark=mark: LessonState(
                LessonKind(mark["kind"]), mark["text"], bool(mark["pinned"]), bool(mark["archived"])
            ),
            f"lessons[{index}]",
        )
        for index, mark in enumerate(document.get("lessons", []))
    ]
    return Backup(
        [
            _parse(lambda item=item: _application_from_dict(item), f"applications[{index}]")
            for index, item in enumerate(items)
        ],
        settings,
        marks,
        _parse(lambda: _corrections(document.get("theme_corrections", {})), "theme_corrections"),
    )


def _corrections(values: object) -> dict[str, dict[str, bool]]:
    """Theme corrections as stored: snippet key -> theme -> present."""
    if not isinstance(values, dict):
        raise TypeError("expected an object of snippet keys")
    return {
        str(key): {str(t): bool(p) for t, p in themes.items()} for key, themes in values.items()
    }


def _parse(build: Any, where: str) -> Any:
    """Run a builder, turning any shape or value error into a message naming the place."""
    try:
        return build()
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise BadBackup(f"{where}: {error}") from error


def _date(value: str | None) -> date | None:
    """An ISO date, or None."""
    return date.fromisoformat(value) if value else None


def _moment(value: str | None) -> datetime | None:
    """An ISO date and time, or None."""
    return datetime.fromisoformat(value) if value else None


def _application_from_dict(item: dict[str, Any]) -> Application:
    """Rebuild one application; validation happens when it is stored."""
    nested = ("contacts", "events", "follow_ups", "reflections", "deleted_at")
    values = {key: item[key] for key in item if key not in nested}
    values["applied_on"] = date.fromisoformat(values["applied_on"])
    values["source"] = Source(values["source"])
    values["contacts"] = tuple(Contact(**contact) for contact in item.get("contacts", []))
    history = tuple(
        Event(
            stage=Stage(event["stage"]),
            on=date.fromisoformat(event["on"]),
            kind=InterviewKind(event["kind"]) if event.get("kind") else None,
            note=event.get("note", ""),
        )
        for event in item["events"]
    )
    to_do = tuple(
        FollowUp(
            kind=FollowUpKind(follow_up["kind"]),
            due=date.fromisoformat(follow_up["due"]),
            done_on=_date(follow_up.get("done_on")),
            note=follow_up.get("note", ""),
        )
        for follow_up in item.get("follow_ups", [])
    )
    notes = tuple(_reflection_from_dict(note) for note in item.get("reflections", []))
    return Application(
        id=0,
        version=1,
        draft=ApplicationDraft(**values),
        events=history,
        follow_ups=to_do,
        reflections=notes,
        deleted_at=_moment(item.get("deleted_at")),
    )


_DATES = ("written_on", "feedback_asked_on", "feedback_received_on")
_LISTS = {"trip_ups": TripUp, "prep_done": Preparation, "characteristics": Characteristic}


def _reflection_to_dict(note: Reflection) -> dict[str, Any]:
    """A reflection without ids; enums and dates as text."""
    values = {key: value for key, value in vars(note).items() if key not in ("id", "version")}
    del values["application_id"]
    for key in _DATES:
        values[key] = values[key].isoformat() if values[key] else None
    if values["deleted_at"] is None:
        del values["deleted_at"]
    else:
        values["deleted_at"] = values["deleted_at"].isoformat()
    for key in _LISTS:
        values[key] = [item.value for item in values[key]]
    values["prompt"] = note.prompt.value
    values["fairness"] = note.fairness.value if note.fairness else None
    values["lessons"] = [
        {"kind": lesson.kind.value, "text": lesson.text} for lesson in note.lessons
    ]
    return values


def _reflection_from_dict(values: dict[str, Any]) -> Reflection:
    """Rebuild a reflection; it is checked when stored."""
    values = dict(values)
    for key in _DATES:
        values[key] = _date(values.get(key))
    values["deleted_at"] = _moment(values.get("deleted_at"))
    for key, kind in _LISTS.items():
        values[key] = tuple(kind(item) for item in values.get(key, []))
    values["prompt"] = Prompt(values["prompt"])
    values["fairness"] = Fairness(values["fairness"]) if values.get("fairness") else None
    values["lessons"] = tuple(
        LessonDraft(LessonKind(lesson["kind"]), lesson["text"])
        for lesson in values.get("lessons", [])
    )
    return Reflection(application_id=0, **values)
