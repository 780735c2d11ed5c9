"""The database's refusals (full, read-only, newer) are plain words; nothing is half-saved."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from bounceback.storage import (
    SCHEMA_VERSION,
    CantOpen,
    DiskFull,
    FileGone,
    NewerSchema,
    ReadOnly,
    Store,
    make_engine,
)
from tests.conftest import TODAY, draft


def _limit(store: Store, statement: str) -> None:
    """Every new connection of the store runs one statement first; old ones are dropped."""

    def first(connection, _record) -> None:
        connection.execute(statement)
        connection.commit()  # PostgreSQL would roll a session setting back with the transaction

    sa.event.listen(store.engine, "connect", first)
    store.engine.dispose()


def test_a_full_disk_is_said_plainly_and_nothing_is_half_saved(db_url: str) -> None:
    # SQLite's own size limit fails a write just as a full disk does (SQLITE_FULL).
    fresh_db = Store.open(db_url)
    fresh_db.add_application(draft(), today=TODAY)
    with fresh_db.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()
    _limit(fresh_db, f"PRAGMA max_page_count = {pages}")
    with pytest.raises(
        DiskFull, match=r"^Couldn't save: the disk is full\. Nothing was changed\.$"
    ):
        fresh_db.add_application(draft(company="Big", notes="x" * 19_000), today=TODAY)
    assert [item.draft.company for item in fresh_db.all()] == ["Harbour & Finch"]
    with fresh_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"


def test_a_read_only_database_refuses_writes_plainly(fresh_db: Store) -> None:
    fresh_db.add_application(draft(), today=TODAY)
    if fresh_db.engine.dialect.name == "sqlite":
        _limit(fresh_db, "PRAGMA query_only = ON")
    else:
        _limit(fresh_db, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    with pytest.raises(ReadOnly, match=r"the database is read-only\. Nothing was changed"):
        fresh_db.add_application(draft(company="Other"), today=TODAY)
    assert len(fresh_db.all()) == 1


def test_a_newer_database_file_is_refused_without_a_byte_changing(db_url: str) -> None:
    Store.open(db_url).engine.dispose()
    engine = make_engine(db_url)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"UPDATE schema_info SET value = '{SCHEMA_VERSION + 1}'")
    engine.dispose()
    path = Path(sa.engine.make_url(db_url).database)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(NewerSchema, match="newer version of bounceback"):
        Store.open(db_url)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert os.listdir(path.parent) == [path.name]


def test_a_file_that_is_not_a_database_is_said_plainly(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("These are my notes, not a database. " * 100)
    with pytest.raises(CantOpen, match="the file is not a bounceback database"):
        Store.open(f"sqlite:///{path}")


def _gone(path: Path) -> None:
    """Delete a SQLite file and its write-ahead log, as a user tidying up might."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_a_database_file_gone_under_a_running_app_refuses_saves(tmp_path: Path, how: str):
    path = tmp_path / "bounceback.db"
    store = Store.open(f"sqlite:///{path}")
    store.add_application(draft(company="Before"), today=TODAY)
    _gone(path)
    if how == "replaced":
        Store.open(f"sqlite:///{path}").add_application(draft(company="Other"), today=TODAY)
    # SQLite would write on into the deleted file's inode and report success.
    with pytest.raises(FileGone, match="was moved, deleted or replaced"):
        store.add_application(draft(company="Lost"), today=TODAY)
    if path.exists():
        assert [a.draft.company for a in Store.open(f"sqlite:///{path}").all()] == ["Other"]


def test_the_same_file_keeps_saving(tmp_path: Path):
    path = tmp_path / "bounceback.db"
    store = Store.open(f"sqlite:///{path}")
    for number in range(3):
        store.add_application(draft(company=f"Firm {number}"), today=TODAY)
    assert len(Store.open(f"sqlite:///{path}").all()) == 3
