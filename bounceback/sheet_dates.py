"""Dates as spreadsheets and job trackers write them, and which order a file's dates use."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
# A time of day after the date ("2026-10-01T09:15:00Z", "10/1/26, 9:15 AM"): read, then ignored.
_TIME = (
    r"(?:(?:\s+|T|,\s*)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2})?)?"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_ISO = re.compile(rf"(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_TIME}", re.IGNORECASE)
_NUMERIC = re.compile(rf"(\d{{1,2}})[-/.](\d{{1,2}})[-/.](\d{{4}}|\d{{2}}){_TIME}", re.IGNORECASE)
_MONTH_FIRST = re.compile(
    rf"{_WEEKDAY}([a-z]{{3,9}})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}|\d{{2}}){_TIME}",
    re.IGNORECASE,
)
_DAY_FIRST = re.compile(
    rf"{_WEEKDAY}(\d{{1,2}})(?:st|nd|rd|th)?[\s-]+([a-z]{{3,9}})\.?,?[\s-]+(\d{{4}}|\d{{2}}){_TIME}",
    re.IGNORECASE,
)


def _year(text: str) -> int:
    """A four-digit year; two digits are this century up to 69, like spreadsheets read them."""
    year = int(text)
    if len(text) == 2:
        return year + (2000 if year < 70 else 1900)
    return year


def _make(year: int, month: int, day: int) -> date | None:
    """The date, or None when there is no such day (31 June)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str, day_first: bool) -> date | None:
    """The date a cell means, in any style trackers write; None when it is not a date."""
    value = text.strip()
    if match := _ISO.fullmatch(value):
        return _make(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.fullmatch(value):
        first, second = int(match[1]), int(match[2])
        day, month = (first, second) if day_first else (second, first)
        return _make(_year(match[3]), month, day)
    if (match := _MONTH_FIRST.fullmatch(value)) and match[1].lower() in _MONTHS:
        return _make(_year(match[3]), _MONTHS[match[1].lower()], int(match[2]))
    if (match := _DAY_FIRST.fullmatch(value)) and match[2].lower() in _MONTHS:
        return _make(_year(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    return None


def numeric_parts(text: str) -> tuple[int, int] | None:
    """The first two numbers of a date like 01/10/2026, whose order is in doubt; else None."""
    match = _NUMERIC.fullmatch(text.strip())
    return (int(match[1]), int(match[2])) if match else None


@dataclass(frozen=True)
class DateOrder:
    """How a file's numeric dates are read, and why, in words to show the user."""

    day_first: bool
    reason: str

    @property
    def label(self) -> str:
        """The order, as people say it."""
        return "day/month/year" if self.day_first else "month/day/year"


def _label(day_first: bool) -> str:
    """An order's name, without a decision."""
    return DateOrder(day_first, "").label


def decide_order(
    values: Iterable[str], chosen: bool | None, usual: bool, usual_why: str
) -> DateOrder:
    """Read a whole file one way: the user's choice, else what its dates show, else the usual.

    A date whose first number is over 12 can only be day-first, and the other way round;
    one such date decides for the file, so 03/04/2026 is not read two ways in one file.
    """
    if chosen is not None:
        return DateOrder(chosen, f"Dates are read as {_label(chosen)}, as you chose.")
    day_proof = month_proof = ambiguous = None
    day_count = month_count = 0
    for value in values:
        parts = numeric_parts(value)
        if parts is None:
            continue
        first, second = parts
        if first > 12 >= second:
            day_count += 1
            day_proof = day_proof or value.strip()
        elif second > 12 >= first:
            month_count += 1
            month_proof = month_proof or value.strip()
        elif first != second:
            ambiguous = ambiguous or value.strip()
    if day_proof and month_proof:
        day_first = day_count >= month_count
        return DateOrder(
            day_first,
            f"This file mixes both orders ({day_proof} and {month_proof}); dates are read as "
            f"{_label(day_first)}, the order most of them use. Rows that don't fit are listed "
            "as problems.",
        )
    if day_proof or month_proof:
        day_first = bool(day_proof)
        return DateOrder(
            day_first,
            f"Dates are read as {_label(day_first)}: {day_proof or month_proof} can only be "
            "read that way.",
        )
    if ambiguous:
        return DateOrder(
            usual,
            f"Every date could be read either way (such as {ambiguous}); they are read as "
            f"{_label(usual)}, {usual_why}. Change it if that's wrong.",
        )
    return DateOrder(usual, "The dates name their month or start with the year: no doubt there.")
