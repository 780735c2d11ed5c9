"""A JSON document's whole shape, checked before anything reads it: types, keys, depth, sizes.

Each problem names its place the way a person would look for it: `applications[3].company:
expected text`. Only the shape is checked here; the rules a form enforces (dates, lengths,
limits) stay in the core functions the forms use, and a restore goes through them too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

MAX_DEPTH = 32
# No text in a backup comes near this; the real limits are checked by the forms' own rules.
MAX_TEXT = 100_000
# Whole numbers a database column holds on every backend.
MAX_WHOLE = 2**53


class Shape:
    """One expected kind of JSON value."""

    def problems(self, value: object, path: str) -> Iterator[str]:
        """Every way the value differs from the shape, each naming its place."""
        raise NotImplementedError


def _place(path: str) -> str:
    """The place as shown: the document itself when the path is empty."""
    return path or "the file"


@dataclass(frozen=True)
class Text(Shape):
    """A string of at most `longest` characters, optionally one of a few values."""

    longest: int = MAX_TEXT
    choices: tuple[str, ...] = ()

    def problems(self, value: object, path: str) -> Iterator[str]:
        if not isinstance(value, str):
            yield f"{_place(path)}: expected text, found {_kind(value)}"
            return
        if len(value) > self.longest:
            yield (
                f"{_place(path)}: text too long ({len(value):,} characters; "
                f"the most is {self.longest:,})"
            )
        elif not value.isascii() and _broken(value):
            yield f"{_place(path)}: holds a broken character (a lone surrogate such as \\ud800)"
        elif self.choices and value not in self.choices:
            yield f"{_place(path)}: expected one of {', '.join(self.choices)}, found {value!r}"


def _broken(value: str) -> bool:
    """Whether the text holds a lone surrogate, which no file or database can store."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def choice(kind: type[StrEnum]) -> Text:
    """Text that must be one of an enum's values."""
    return Text(longest=100, choices=tuple(item.value for item in kind))


@dataclass(frozen=True)
class Whole(Shape):
    """An integer (true and false are not numbers here)."""

    def problems(self, value: object, path: str) -> Iterator[str]:
        if isinstance(value, bool) or not isinstance(value, int):
            yield f"{_place(path)}: expected a whole number, found {_kind(value)}"
        elif abs(value) > MAX_WHOLE:
            yield f"{_place(path)}: the number is far too large"


@dataclass(frozen=True)
class Number(Shape):
    """An integer or a finite decimal."""

    def problems(self, value: object, path: str) -> Iterator[str]:
        if isinstance(value, bool) or not isinstance(value, int | float):
            yield f"{_place(path)}: expected a number, found {_kind(value)}"
        elif isinstance(value, float) and not math.isfinite(value):
            yield f"{_place(path)}: expected a number, found {value}"
        elif abs(value) > MAX_WHOLE:
            yield f"{_place(path)}: the number is far too large"


@dataclass(frozen=True)
class Boolean(Shape):
    """true or false."""

    def problems(self, value: object, path: str) -> Iterator[str]:
        if not isinstance(value, bool):
            yield f"{_place(path)}: expected true or false, found {_kind(value)}"


def _iso_problems(
    value: object, path: str, example: str, longest: int, parse: Callable[[str], object]
) -> Iterator[str]:
    """The problem with text that should be an ISO date or moment no longer than `longest`."""
    if not isinstance(value, str):
        yield f"{_place(path)}: expected {example}, found {_kind(value)}"
        return
    try:
        if len(value) > longest:
            raise ValueError(value)
        parse(value)
    except ValueError:
        yield f"{_place(path)}: expected {example}, found {value[:40]!r}"


@dataclass(frozen=True)
class IsoDate(Shape):
    """A date written as text, 2026-03-31."""

    def problems(self, value: object, path: str) -> Iterator[str]:
        yield from _iso_problems(value, path, "a date such as 2026-03-31", 10, date.fromisoformat)


@dataclass(frozen=True)
class IsoMoment(Shape):
    """A date and time written as text, 2026-03-31T09:30:00+00:00."""

    def problems(self, value: object, path: str) -> Iterator[str]:
        example = "a date and time such as 2026-03-31T09:30:00+00:00"
        yield from _iso_problems(value, path, example, 40, datetime.fromisoformat)


@dataclass(frozen=True)
class Maybe(Shape):
    """The inner shape, or null."""

    inner: Shape

    def problems(self, value: object, path: str) -> Iterator[str]:
        if value is not None:
            yield from self.inner.problems(value, path)


@dataclass(frozen=True)
class ListOf(Shape):
    """A list of at most `most` items of one shape."""

    item: Shape
    most: int

    def problems(self, value: object, path: str) -> Iterator[str]:
        if not isinstance(value, list):
            yield f"{_place(path)}: expected a list, found {_kind(value)}"
            return
        if len(value) > self.most:
            yield f"{_place(path)}: too many items ({len(value):,}, most {self.most:,})"
            return
        for index, item in enumerate(value):
            yield from self.item.problems(item, f"{path}[{index}]")


@dataclass(frozen=True)
class Record(Shape):
    """An object with known keys; `required` ones must be there, unknown ones are refused."""

    fields: Mapping[str, Shape]
    required: frozenset[str] = field(default_factory=frozenset)
    # Settings written by a newer copy may hold keys this one ignores.
    ignore_unknown: bool = False

    def problems(self, value: object, path: str) -> Iterator[str]:
        if not isinstance(value, dict):
            yield f"{_place(path)}: expected an object, found {_kind(value)}"
            return
        prefix = f"{path}." if path else ""
        for name in sorted(self.required - value.keys()):
            yield f"{prefix}{name}: missing"
        for name, item in value.items():
            shape = self.fields.get(name)
            if shape is not None:
                yield from shape.problems(item, f"{prefix}{name}")
            elif not self.ignore_unknown:
                yield f"{prefix}{str(name)[:40]}: not something a backup holds"


@dataclass(frozen=True)
class MapOf(Shape):
    """An object used as a lookup: keys of one shape, values of another."""

    key: Text
    value: Shape
    most: int

    def problems(self, value: object, path: str) -> Iterator[str]:
        if not isinstance(value, dict):
            yield f"{_place(path)}: expected an object, found {_kind(value)}"
            return
        if len(value) > self.most:
            yield f"{_place(path)}: too many entries ({len(value):,}, most {self.most:,})"
            return
        for name, item in value.items():
            where = f"{path}[{str(name)[:40]!r}]"
            yield from self.key.problems(name, f"{where} (the key)")
            yield from self.value.problems(item, where)


def _kind(value: object) -> str:
    """What a JSON value is, in words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # nan, inf: JSON has no such number
    if isinstance(value, float) and not value.is_integer():
        return "a decimal"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def depth(document: object) -> int:
    """How deeply lists and objects nest, counted without recursion (no stack to overflow)."""
    deepest = 0
    stack: list[tuple[object, int]] = [(document, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, level)
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, level + 1) for child in children)
    return deepest


def first_problems(shape: Shape, document: object, most: int = 5) -> list[str]:
    """The first few problems with a document, deepest nesting checked first."""
    if depth(document) > MAX_DEPTH:
        return [f"the file: lists and objects nest more than {MAX_DEPTH} levels deep"]
    found: list[str] = []
    for problem in shape.problems(document, ""):
        found.append(problem)
        if len(found) == most:
            break
    return found
