"""A complete, portable JSON backup: what goes out comes back exactly the same."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, date, datetime, timedelta
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
    InvalidInput,
    PrivateWriting,
    ScheduledInterview,
    Settings,
    Source,
    Stage,
    Workspace,
)
from bounceback.files import WriteFailed, reason, write_atomic
from bounceback.lessons import LessonState
from bounceback.prep import CHECK_KEYS
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
from bounceback.schedule import MOST_PANEL, zone
from bounceback.sessions import Action, ActionOwner, AdvisorSession
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
from bounceback.validation import check_workspace_name

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
    # Interviews booked ahead, each with its application's place in `applications`.
    interviews: list[tuple[int, ScheduledInterview]] = field(default_factory=list)
    # An advisor's sessions: dated notes and the actions agreed, oldest first.
    sessions: list[AdvisorSession] = field(default_factory=list)


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
        "scheduled_interviews": [
            _interview_to_dict(position, interview) for position, interview in backup.interviews
        ],
        "sessions": [_session_to_dict(session) for session in backup.sessions],
    }


def dumps(backup: Backup) -> str:
    """The backup as stable, readable JSON text."""
    return json.dumps(to_document(backup), indent=2, ensure_ascii=False) + "\n"


def export_text(store: Store) -> str:
    """A complete backup of one owner's data."""
    applications = store.all(include_deleted=True)
    positions = {application.id: position for position, application in enumerate(applications)}
    return dumps(
        Backup(
            store.with_prep(applications),
            store.settings(),
            store.lesson_states(),
            store.theme_corrections(),
            [
                (positions[interview.application_id], interview)
                for interview in store.booked_interviews(include_deleted=True)
            ],
            list(reversed(store.sessions())),
        )
    )


def restore(store: Store, text: str, replace_existing: bool = False) -> int:
    """Load a backup into the store in one transaction; returns the number of applications."""
    return write(store, loads(text), replace_existing)


def write(store: Store, found: Backup, replace_existing: bool = False) -> int:
    """Everything a read backup holds, into the store in one transaction: the one way in for
    the Settings restore, the command line and a client's hand-over alike."""
    return store.load(
        found.applications,
        found.settings,
        replace_existing,
        found.lessons,
        found.corrections,
        found.interviews,
        found.sessions,
    )


def restore_as_workspace(account: Store, name: str, text: str) -> tuple[Workspace, int]:
    """A client's backup as a new workspace of the account: all of it, or no workspace at all.

    The file is read and the name checked before anything is written; if the backup's
    records are refused, the workspace made for them goes again.
    """
    found = loads(text)
    check_workspace_name(name)
    workspace = account.create_workspace(name)
    try:
        count = write(account.workspace(workspace.id), found)
    except BaseException:
        account.forget_workspace(workspace.id)
        raise
    return workspace, count


_HELD = (
    ("applications", "application"),
    ("reflections", "reflection"),
    ("lessons", "lesson"),
    ("theme_corrections", "theme correction"),
    ("scheduled_interviews", "booked interview"),
    ("private_writing", "private writing"),
    ("sessions", "session"),
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
    if application.prep_ticked:
        values["prep_ticked"] = sorted(application.prep_ticked)
    if application.private_writing:
        # Private, yet the user's own: the backup keeps it, as it keeps everything.
        values["private_writing"] = {
            "feeling": application.private_writing.feeling,
            "compassion": application.private_writing.compassion,
        }
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
        "prep_ticked": ListOf(Text(choices=tuple(sorted(CHECK_KEYS))), 20),
        "private_writing": Record({"feeling": Text(), "compassion": Text()}),
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
        "weekly_target": Whole(),
    },
    ignore_unknown=True,
)
_INTERVIEW = Record(
    {
        "application": Whole(),
        "starts_at": IsoMoment(),
        "timezone": Text(longest=64),
        "kind": choice(InterviewKind),
        "place": Text(),
        "panel": ListOf(Text(), MOST_PANEL),
        "minutes": Maybe(Whole()),
    },
    frozenset({"application", "starts_at", "kind"}),
)


_SESSION = Record(
    {
        "held_on": IsoDate(),
        "notes": Text(),
        "actions": ListOf(
            Record(
                {
                    "text": Text(),
                    "who": choice(ActionOwner),
                    "due": IsoDate(),
                    "done_on": _OPTIONAL_DATE,
                },
                frozenset({"text", "who", "due"}),
            ),
            1_000,
        ),
    },
    frozenset({"held_on"}),
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
        "scheduled_interviews": ListOf(_INTERVIEW, 100_000),
        "sessions": ListOf(_SESSION, 10_000),
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
        [
            _parse(lambda item=item: _interview_from_dict(item), f"scheduled_interviews[{index}]")
            for index, item in enumerate(document.get("scheduled_interviews", []))
        ],
        [
            _parse(lambda item=item: _session_from_dict(item), f"sessions[{index}]")
            for index, item in enumerate(document.get("sessions", []))
        ],
    )


def _interview_to_dict(position: int, interview: ScheduledInterview) -> dict[str, Any]:
    """One booking: its application's place, its start in UTC and the zone it was booked in."""
    tz = interview.starts_at.tzinfo
    return {
        "application": position,
        "starts_at": interview.starts_at.astimezone(UTC).isoformat(),
        "timezone": getattr(tz, "key", "UTC"),
        "kind": interview.kind.value,
        "place": interview.place,
        "panel": list(interview.panel),
        "minutes": (
            None if interview.duration is None else interview.duration // timedelta(minutes=1)
        ),
    }


def _interview_from_dict(item: dict[str, Any]) -> tuple[int, ScheduledInterview]:
    """Rebuild one booking; its text is checked when it is stored."""
    start = datetime.fromisoformat(item["starts_at"])
    start = start.replace(tzinfo=UTC) if start.tzinfo is None else start
    minutes = item.get("minutes")
    try:
        interview = ScheduledInterview(
            application_id=0,
            company="",
            role="",
            starts_at=start.astimezone(zone(item.get("timezone"))),
            kind=InterviewKind(item["kind"]),
            place=item.get("place", ""),
            panel=tuple(item.get("panel", [])),
            duration=None if minutes is None else timedelta(minutes=minutes),
        )
    except (InvalidInput, OverflowError) as error:
        raise ValueError(str(error)) from error
    return int(item["application"]), interview


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
    nested = (
        "contacts",
        "events",
        "follow_ups",
        "reflections",
        "deleted_at",
        "prep_ticked",
        "private_writing",
    )
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
        prep_ticked=frozenset(item.get("prep_ticked", ())),
        private_writing=PrivateWriting(**item["private_writing"])
        if "private_writing" in item
        else None,
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


def _session_to_dict(session: AdvisorSession) -> dict[str, Any]:
    """One session with its notes and actions, without ids or versions."""
    return {
        "held_on": session.held_on.isoformat(),
        "notes": session.notes,
        "actions": [
            {
                "text": action.text,
                "who": action.who.value,
                "due": action.due.isoformat(),
                "done_on": action.done_on.isoformat() if action.done_on else None,
            }
            for action in session.actions
        ],
    }


def _session_from_dict(item: dict[str, Any]) -> AdvisorSession:
    """Rebuild one session; validation happens when it is stored."""
    return AdvisorSession(
        held_on=date.fromisoformat(item["held_on"]),
        notes=item.get("notes", ""),
        actions=tuple(
            Action(
                text=action["text"],
                who=ActionOwner(action["who"]),
                due=date.fromisoformat(action["due"]),
                done_on=_date(action.get("done_on")),
            )
            for action in item.get("actions", [])
        ),
    )
