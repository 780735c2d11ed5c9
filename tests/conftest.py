"""Shared fixtures: a fresh database per test (SQLite, and PostgreSQL when one is configured)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from bounceback.config import BACKUP_DIR_ENV_VAR
from bounceback.domain import ApplicationDraft
from bounceback.storage import Store, make_engine, metadata

TODAY = date(2026, 11, 22)
# A PostgreSQL database the tests may wipe: .ci/run starts one and sets this.
POSTGRES_ENV = "BOUNCEBACK_TEST_POSTGRES_URL"

# Speed is measured in `make bench`, never asserted: no per-example deadline on a busy machine.
settings.register_profile("bounceback", deadline=None)
settings.load_profile("bounceback")


@pytest.fixture(autouse=True)
def _own_backup_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Safety copies a test makes go to its own folder, never the project's data/backups."""
    monkeypatch.setenv(BACKUP_DIR_ENV_VAR, str(tmp_path / "backups"))


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A SQLite file of its own for each test."""
    return f"sqlite:///{tmp_path / 'bounceback.db'}"


def _postgres_url() -> str:
    """The test PostgreSQL URL; in CI its absence is a failure, never a skip."""
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    if os.environ.get("CI"):
        pytest.fail(f"{POSTGRES_ENV} is not set: CI must run the storage tests on PostgreSQL.")
    pytest.skip(f"set {POSTGRES_ENV} to run this on PostgreSQL too (.ci/run shows how)")


@pytest.fixture(params=["sqlite", "postgresql"])
def blank_url(request: pytest.FixtureRequest, db_url: str) -> str:
    """A database with no tables at all: a new SQLite file, then the test PostgreSQL emptied."""
    if request.param == "sqlite":
        return db_url
    url = _postgres_url()
    engine = make_engine(url)
    metadata.drop_all(engine)
    engine.dispose()
    return url


@pytest.fixture
def fresh_db(blank_url: str) -> Iterator[Store]:
    """An empty, fully set-up store on a real database: a SQLite file, then PostgreSQL."""
    store = Store.open(blank_url)
    yield store
    store.engine.dispose()


def draft(**changes: object) -> ApplicationDraft:
    """A valid application draft, changed where a test needs it."""
    values: dict[str, object] = {
        "company": "Harbour & Finch",
        "role": "HR Coordinator",
        "applied_on": date(2026, 10, 1),
    }
    values.update(changes)
    return ApplicationDraft(**values)  # type: ignore[arg-type]


@contextmanager
def read_only_file(path: Path) -> Iterator[Path]:
    """A file made read-only for real: its mode, and for root (who ignores modes) immutable."""
    path.chmod(0o444)
    immutable = os.geteuid() == 0
    if immutable:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    try:
        try:
            with open(path, "r+b"):
                pytest.fail(f"{path} is still writable; the test can't make it read-only")
        except PermissionError:
            pass
        yield path
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(0o644)
