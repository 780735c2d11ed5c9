"""Whose date "today" is: the visitor's own, wherever they are, else the server's."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def today_in(tz_name: str | None, now: datetime) -> date:
    """The date at `now` in the named time zone; in the server's own zone when none is known.

    A hosted server far from its visitor would otherwise date their evening tomorrow, or
    refuse today's date as "in the future". `now` is aware (UTC or any zone).
    """
    if tz_name:
        try:
            return now.astimezone(ZoneInfo(tz_name)).date()
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass  # a name the browser sent that this server can't read: its own date
    return now.astimezone().date()


def now_in(tz_name: str | None, now: datetime) -> datetime:
    """The time at `now` in the named time zone, else the server's, for a clock the user reads."""
    if tz_name:
        try:
            return now.astimezone(ZoneInfo(tz_name))
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    return now.astimezone()
