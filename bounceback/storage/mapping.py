"""Rows <-> records: one mapper per record, its columns read off the dataclass's own fields."""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any, Generic, TypeVar

import sqlalchemy as sa

from bounceback.domain import ApplicationDraft, Contact, Event, FollowUp
from bounceback.reflections import Reflection
from bounceback.sessions import Action, AdvisorSession
from bounceback.storage.schema import (
    advisor_sessions,
    applications,
    contacts,
    events,
    follow_ups,
    reflections,
    session_actions,
)

Record = TypeVar("Record")
Convert = Callable[[Any], Any]
# Fields the database assigns or the store sets itself: read back, never written from a record.
_ASSIGNED = frozenset({"id", "version", "application_id"})


def _same(value: Any) -> Any:
    """A value stored as it is."""
    return value


def _enum_of(hint: Any) -> type[Enum] | None:
    """The enum a field holds, alone or as `Enum | None`, or None if it holds something else."""
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(members) == 1:
            return _enum_of(members[0])
    return None


def _codec(hint: Any) -> tuple[Convert, Convert]:
    """How one field goes into its column and comes back: enums by value, enum lists as JSON."""
    listed = _enum_of(typing.get_args(hint)[0]) if typing.get_origin(hint) is tuple else None
    if listed is not None:
        return _enum_list(listed)
    kind = _enum_of(hint)
    return (_same, _same) if kind is None else _enum_value(kind)


def _enum_list(kind: type[Enum]) -> tuple[Convert, Convert]:
    """A tuple of enum members, stored as JSON text: read whole, never queried inside."""
    return (
        lambda items: json.dumps([item.value for item in items]),
        lambda text: tuple(kind(item) for item in json.loads(text)),
    )


def _enum_value(kind: type[Enum]) -> tuple[Convert, Convert]:
    """An enum member (or None), stored as its value."""
    return (
        lambda value: None if value is None else value.value,
        lambda value: kind(value) if value else None,
    )


@dataclass(frozen=True)
class Mapper(Generic[Record]):
    """A record type and its table: which fields are columns, and how each is stored."""

    record: type[Record]
    table: sa.Table
    # Field name -> column name, where they differ.
    renamed: Mapping[str, str] = field(default_factory=dict)
    _codecs: dict[str, tuple[str, Convert, Convert]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        hints = typing.get_type_hints(self.record)
        codecs = {}
        for item in fields(self.record):  # type: ignore[arg-type]
            column = self.renamed.get(item.name, item.name)
            if column in self.table.c:
                codecs[item.name] = (column, *_codec(hints[item.name]))
        object.__setattr__(self, "_codecs", codecs)

    def values(self, record: Record) -> dict[str, object]:
        """The columns a record writes (ids, versions and the owning application aside)."""
        return {
            column: encode(getattr(record, name))
            for name, (column, encode, _decode) in self._codecs.items()
            if name not in _ASSIGNED
        }

    def load(self, row: sa.Row, **extra: object) -> Record:
        """The record a stored row holds; `extra` gives the fields kept in other tables."""
        stored = {
            name: decode(getattr(row, column))
            for name, (column, _encode, decode) in self._codecs.items()
        }
        return self.record(**stored, **extra)


DRAFTS = Mapper(ApplicationDraft, applications)
CONTACTS = Mapper(Contact, contacts)
EVENTS = Mapper(Event, events, renamed={"on": "occurred_on"})
FOLLOW_UPS = Mapper(FollowUp, follow_ups)
REFLECTIONS = Mapper(Reflection, reflections)
SESSIONS = Mapper(AdvisorSession, advisor_sessions)
ACTIONS = Mapper(Action, session_actions)
