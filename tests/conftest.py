"""Shared fixtures: a fresh database file per test, and a fixed 'today'."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bounceback.domain import ApplicationDraft
from bounceback.storage import Store

TODAY = date(2026, 11, 22)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A SQLite file of its own for each test."""
    return f"sqlite:///{tmp_path / 'bounceback.db'}"


@pytest.fixture
def fresh_db(db_url: str) -> Store:
    """An empty, fully set-up store on a real database file."""
    return Store.open(db_url)


def draft(**changes: object) -> ApplicationDraft:
    """A valid application draft, changed where a test needs it."""
    values: dict[str, object] = {
        "company": "Harbour & Finch",
        "role": "HR Coordinator",
        "applied_on": date(2026, 10, 1),
    }
    values.update(changes)
    return ApplicationDraft(**values)  # type: ignore[arg-type]
