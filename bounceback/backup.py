"""A complete, portable JSON backup: what goes out comes back exactly the same."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import date
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

FORMAT = "bounceback-backup"
VERSION = 1


class BadBackup(BouncebackError):
    """The file is not a backup this version can read; the message says where."""


def to_document(applications: list[Application], settings: Settings) -> dict[str, Any]:
    """The backup as plain JSON types, with no ids or timestamps, so it round-trips exactly."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "settings": asdict(settings),
        "applications": [_application_to_dict(application) for application in applications],
    }


def dumps(applications: list[Application], settings: Settings) -> str:
    """The backup as stable, readable JSON text."""
    return json.dumps(to_document(applications, settings), indent=2, ensure_ascii=False) + "\n"


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


def loads(text: str) -> tuple[list[Application], Settings]:
    """Parse a backup, naming the place of the first problem found."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadBackup(f"Not valid JSON (line {error.lineno}, column {error.colno}).") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BadBackup("This file is not a bounceback backup (no 'format' marker).")
    if document.get("version") != VERSION:
        raise BadBackup(f"Backup version {document.get('version')!r} is not one this app reads.")
    items = document.get("applications")
    if not isinstance(items, list):
        raise BadBackup("The backup has no 'applications' list.")
    settings = _parse(lambda: Settings(**document.get("settings", {})), "settings")
    return [
        _parse(lambda item=item: _application_from_dict(item), f"applications[{index}]")
        for index, item in enumerate(items)
    ], settings


def _parse(build: Any, where: str) -> Any:
    """Run a builder, turning any shape or value error into a message naming the place."""
    try:
        return build()
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise BadBackup(f"{where}: {error}") from error


def _date(value: str | None) -> date | None:
    """An ISO date, or None."""
    return date.fromisoformat(value) if value else None


def _application_from_dict(item: dict[str, Any]) -> Application:
    """Rebuild one application; validation happens when it is stored."""
    values = {key: item[key] for key in item if key not in ("contacts", "events", "follow_ups")}
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
    return Application(
        id=0, version=1, draft=ApplicationDraft(**values), events=history, follow_ups=to_do
    )
