"""The engine: each backend's settings, write transactions and locks, and plain-worded failures."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from bounceback.domain import BouncebackError


class NewerSchema(BouncebackError):
    """The database was written by a newer bounceback; opening it could lose data."""


# An execution option marking a connection that is about to write (see writing).
_WRITING = "bounceback_writing"


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    """WAL for readers beside a writer, foreign keys for cascades, a wait instead of 'locked'.

    The driver's own transaction handling is switched off: it commits silently before DDL,
    which would let a failed schema upgrade leave half its changes behind. SQLAlchemy's
    `begin` event (below) issues BEGIN instead, so every transaction really is one.
    """
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    # First: switching a new file to WAL needs a lock another connection may hold.
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """Start every SQLAlchemy transaction with a real BEGIN, DDL included.

    A write takes the write lock up front (IMMEDIATE): a transaction that read first and
    then asked for it would be refused at once with "database is locked", busy timeout or not.
    """
    for_write = connection.get_execution_options().get(_WRITING, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if for_write else "BEGIN")


class Busy(BouncebackError):
    """Another save held the database for longer than we wait; nothing was written."""


BUSY = "bounceback is busy saving something else. Nothing was saved; please try again."
# How long a PostgreSQL save waits for a lock, as SQLite's busy_timeout does.
LOCK_WAIT_MS = 10_000


class DiskFull(BouncebackError):
    """The disk filled up during a save; the transaction was rolled back whole."""


class ReadOnly(BouncebackError):
    """The database can't be written to; it can still be read."""


class CantOpen(BouncebackError):
    """The database could not be opened at all; the message says why in plain words."""


class FileGone(BouncebackError):
    """The SQLite file was deleted or replaced under a running app: a save would vanish."""


FILE_GONE = (
    "Couldn't save: the database file {path} was moved, deleted or replaced while bounceback "
    "was running, so what you saved now would be lost. Nothing was changed. Put the file "
    "back, or restart bounceback to open what is there now."
)


def _watch_file(engine: Engine, path: Path) -> None:
    """Refuse writes once the file the engine opened is gone or another file took its place.

    SQLite keeps writing to a deleted file's open inode, and every save would "succeed"
    into nothing; the first connection notes the file's identity, and each write checks it.
    """
    opened: list[tuple[int, int]] = []

    def note(_dbapi_connection: object, _record: object) -> None:
        if not opened:
            found = path.stat()
            opened.append((found.st_dev, found.st_ino))

    def check(connection: Connection) -> None:
        if not connection.get_execution_options().get(_WRITING, False) or not opened:
            return
        try:
            found = path.stat()
        except FileNotFoundError:
            raise FileGone(FILE_GONE.format(path=path)) from None
        if (found.st_dev, found.st_ino) != opened[0]:
            raise FileGone(FILE_GONE.format(path=path))

    sa.event.listen(engine, "connect", note)
    sa.event.listen(engine, "begin", check)


DISK_FULL = "Couldn't save: the disk is full. Nothing was changed."
READ_ONLY = "Couldn't save: the database is read-only. Nothing was changed."
WRITE_FAILED = "Couldn't save: the database file could not be written. Nothing was changed."
# PostgreSQL's SQLSTATE codes for the same conditions.
_PG_DISK_FULL = {"53100", "53200"}
_PG_READ_ONLY = {"25006"}


def plain_refusal(error: sa.exc.DBAPIError) -> BouncebackError | None:
    """The database's own error as a plain refusal, or None if it is not one we can explain."""
    code = getattr(error.orig, "sqlite_errorcode", None)
    primary = code & 0xFF if code is not None else None
    state = getattr(error.orig, "sqlstate", None)
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return Busy(BUSY)
    if primary == sqlite3.SQLITE_FULL or state in _PG_DISK_FULL:
        return DiskFull(DISK_FULL)
    if primary == sqlite3.SQLITE_READONLY or state in _PG_READ_ONLY:
        return ReadOnly(READ_ONLY)
    if primary in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
        return BouncebackError(WRITE_FAILED)
    return None


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction, all or nothing; the database's refusals become plain messages."""
    try:
        with engine.connect() as connection:
            connection.execution_options(**{_WRITING: True})
            with connection.begin():
                yield connection
    except sa.exc.DBAPIError as error:
        plain = plain_refusal(error)
        if plain is None:
            raise
        raise plain from error


# PostgreSQL advisory locks, (namespace, key): one for schema changes, one per owner's writes.
_SCHEMA_LOCK = 1_652_000
OWNER_LOCK = 1_652_001
LOCK_NOT_AVAILABLE = "55P03"


def lock_schema(connection: Connection) -> None:
    """Hold PostgreSQL's schema lock till commit, so one session creates or upgrades at a time.

    SQLite needs nothing more: the upgrade's BEGIN IMMEDIATE already shuts out other writers.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_SCHEMA_LOCK, 0)))


def lock_owner(connection: Connection, owner: str, wait_ms: int) -> None:
    """Hold this owner's PostgreSQL write lock till commit, so checks and writes never interleave.

    Any lock the transaction waits for longer than wait_ms fails it (see Store._write).
    Owners whose names hash alike merely wait for each other. SQLite's BEGIN IMMEDIATE
    already serialises every write.
    """
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = {int(wait_ms)}")
        connection.execute(
            sa.select(sa.func.pg_advisory_xact_lock(OWNER_LOCK, sa.func.hashtext(owner)))
        )


def dialect_insert(connection: Connection, table: sa.Table) -> sqlite.Insert | postgresql.Insert:
    """An INSERT in the connection's own dialect, so it can say ON CONFLICT."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names, or None for memory and other databases."""
    if not url.startswith("sqlite"):
        return None
    path = sa.engine.make_url(url).database
    return Path(path) if path and path != ":memory:" and not path.startswith("file:") else None


def read_only_reason(path: Path) -> str | None:
    """Why a database file can't be written, or None when it can (or doesn't exist yet)."""
    if path.exists() and not os.access(path, os.W_OK):
        return f"the file {path.name} is read-only"
    if path.exists() and not os.access(path.parent, os.W_OK):
        return f"the folder {path.parent} is read-only"
    return None


def _read_only_connection(path: Path, glance: bool = False) -> sqlite3.Connection:
    """A connection that can never write; `immutable` when SQLite can't share a read lock.

    A read-only folder leaves SQLite no room for its shared-memory file; nobody can write
    the file then, so reading it as unchanging is safe. A glance at a file with no write-ahead
    log beside it reads it as unchanging too, so not even an empty log is left behind.
    """
    quiet = glance and not path.with_name(f"{path.name}-wal").exists()
    for flags in ("mode=ro&immutable=1",) if quiet else ("mode=ro", "mode=ro&immutable=1"):
        connection = sqlite3.connect(
            f"file:{quote(str(path.resolve()))}?{flags}", uri=True, check_same_thread=False
        )
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            connection.close()
            if "immutable" in flags:
                raise
            continue
        return connection
    raise AssertionError("unreachable")


def peek_version(path: Path) -> int | None:
    """The schema version in a file, read without changing a byte of it."""
    with closing(_read_only_connection(path, glance=True)) as connection:
        try:
            row = connection.execute(
                "SELECT value FROM schema_info WHERE key = 'schema_version'"
            ).fetchone()
        except sqlite3.DatabaseError:
            return None
    return int(row[0]) if row else None


def newer(version: int, target: int) -> NewerSchema:
    """The refusal for a database from a newer bounceback."""
    return NewerSchema(
        f"This database was saved by a newer version of bounceback (schema {version}; this "
        f"copy knows up to {target}). Update bounceback to open it. Nothing in it was changed."
    )


def _sqlite_read_pragmas(dbapi_connection: object, _record: object) -> None:
    """The pragmas a reader needs; the journal mode is left as the file has it."""
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str, read_only: bool = False) -> Engine:
    """An engine with the settings each backend needs; creates a SQLite file's folder."""
    if url.startswith("sqlite"):
        path = sa.engine.make_url(url).database
        file = sqlite_file(url)
        if read_only and file is not None:
            engine = sa.create_engine(
                "sqlite://",
                creator=lambda: _read_only_connection(file),
                poolclass=sa.QueuePool,
            )
            sa.event.listen(engine, "connect", _sqlite_read_pragmas)
            sa.event.listen(engine, "begin", _sqlite_begin)
            return engine
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            engine = sa.create_engine(url)
            _watch_file(engine, Path(path))
        else:
            # In memory: one connection for every thread, or each thread gets its own database.
            engine = sa.create_engine(
                url, poolclass=sa.StaticPool, connect_args={"check_same_thread": False}
            )
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


# What the database layer raises when it fails underneath us (a damaged file, a lost server).
DATABASE_ERRORS = (sa.exc.DBAPIError, sqlite3.Error)


def database_problem(error: Exception) -> str:
    """Why the database failed or could not be opened, in plain words for a page or the CLI."""
    if isinstance(error, sa.exc.DBAPIError):
        plain = plain_refusal(error)
        if isinstance(plain, DiskFull):
            return "the disk is full"
        if isinstance(plain, ReadOnly):
            return "it is read-only"
        error = error.orig  # type: ignore[assignment]
    if isinstance(error, OSError):
        return error.strerror or "the file could not be reached"
    text = str(error).strip() or type(error).__name__
    return {"file is not a database": "the file is not a bounceback database"}.get(text, text)


def utc_now() -> datetime:
    """A naive UTC timestamp, stored the same way by SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)
