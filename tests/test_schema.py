"""Schema versions: an older database opens in this version without losing a row."""

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from bounceback.storage import MIGRATIONS, SCHEMA_VERSION, NewerSchema, Store, make_engine, upgrade

FIXTURES = Path(__file__).parent / "fixtures"


def _database_from(script: Path, path: Path) -> str:
    """A database file built by a frozen SQL script, as an older release wrote it."""
    with sqlite3.connect(path) as connection:
        connection.executescript(script.read_text(encoding="utf-8"))
    return f"sqlite:///{path}"


def test_a_first_release_database_opens_with_every_row(tmp_path: Path) -> None:
    url = _database_from(FIXTURES / "schema_v1.sql", tmp_path / "v1.db")
    store = Store.open(url)
    applications = store.all()
    assert [a.draft.company for a in applications] == ["Saltmarsh Foods", "Kestrel Insurance"]
    assert applications[0].interview_rounds == 2
    assert applications[0].draft.contacts[0].name == "Grace Okafor"
    assert applications[1].follow_ups[0].done_on is None
    assert store.settings().baseline_pool == 5
    assert store.reflections() == []
    with store.engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA integrity_check")).scalar() == "ok"
        version = connection.execute(sa.text("SELECT value FROM schema_info")).scalar()
    assert int(version) == SCHEMA_VERSION


def test_an_upgrade_runs_each_step_and_keeps_rows(tmp_path: Path) -> None:
    url = _database_from(FIXTURES / "schema_v1.sql", tmp_path / "v1.db")
    engine = make_engine(url)

    def add_column(connection: sa.Connection) -> None:
        connection.execute(sa.text("ALTER TABLE applications ADD COLUMN fit INTEGER"))

    version = upgrade(engine, {**MIGRATIONS, SCHEMA_VERSION: add_column})
    assert version == SCHEMA_VERSION + 1
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT company, fit FROM applications")).all()
    assert [row.company for row in rows] == ["Saltmarsh Foods", "Kestrel Insurance"]


def test_a_failed_upgrade_changes_nothing_not_even_the_steps_before(tmp_path: Path) -> None:
    url = _database_from(FIXTURES / "schema_v1.sql", tmp_path / "v1.db")
    engine = make_engine(url)

    def broken(connection: sa.Connection) -> None:
        connection.execute(sa.text("DELETE FROM events"))
        raise RuntimeError("step failed half-way")

    with pytest.raises(RuntimeError):
        upgrade(engine, {**MIGRATIONS, SCHEMA_VERSION: broken})
    with engine.connect() as connection:
        rounds = connection.execute(
            sa.text("SELECT count(*) FROM events WHERE stage = 'interview'")
        ).scalar()
        assert rounds == 2
        version = connection.execute(sa.text("SELECT value FROM schema_info")).scalar()
        assert not sa.inspect(connection).has_table("reflections")
    assert int(version) == 1


def test_a_database_from_a_newer_release_is_not_touched(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    Store.open(url)
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE schema_info SET value = '99'"))
    with pytest.raises(NewerSchema, match="Update bounceback"):
        Store.open(url)
