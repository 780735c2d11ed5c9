"""Today is the visitor's date: a hosted server far away never dates their evening wrongly."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

import pytest

from bounceback.clock import today_in

# 23:30 in London on 1 March: already 2 March in Auckland, still 1 March in Los Angeles.
LATE = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Pacific/Auckland", date(2026, 3, 2)),
        ("America/Los_Angeles", date(2026, 3, 1)),
        ("Europe/London", date(2026, 3, 1)),
        ("Asia/Kolkata", date(2026, 3, 2)),
    ],
)
def test_the_date_is_the_visitors_own(zone: str, expected: date) -> None:
    assert today_in(zone, LATE) == expected


def test_a_visitor_behind_utc_is_still_on_yesterday_early_in_the_utc_day() -> None:
    early = datetime(2026, 3, 1, 0, 30, tzinfo=UTC)
    assert today_in("America/New_York", early) == date(2026, 2, 28)


@pytest.mark.parametrize("zone", [None, "", "Not/AZone", "America", "../etc/passwd", "x" * 5000])
def test_no_zone_or_one_unknown_here_falls_back_to_the_servers_date(
    zone: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A server in Auckland: its own date is already 2 March.
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    try:
        assert today_in(zone, LATE) == date(2026, 3, 2)
    finally:
        monkeypatch.undo()
        time.tzset()
