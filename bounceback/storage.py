"""The one module that talks to the database: SQLite by default, PostgreSQL when hosted."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from bounceback.config import DEFAULT_OWNER
from bounceback.domain import (
    CLOSING,
    Application,
    ApplicationDraft,
    BouncebackError,
    ChangedElsewhere,
    Contact,
    Event,
    FollowUp,
    FollowUpKind,
    InterviewKind,
    InvalidInput,
    NotFound,
    Settings,
    Source,
    Stage,
)
from bounceback.lessons import MAX_PINNED, LessonState, lesson_key
from bounceback.reflections import (
    Characteristic,
    Fairness,
    LessonDraft,
    LessonKind,
    Preparation,
    Prompt,
    Reflection,
    TripUp,
    check_reflection,
)
from bounceback.validation import (
    LONG_TEXT,
    check_draft,
    check_edit,
    check_event,
    check_follow_up,
    check_history,
    check_lesson_text,
    check_removal,
    check_settings,
    correction_problem,
    text_problem,
)

SCHEMA_VERSION = 5
# How long a deleted application or reflection waits in "Recently deleted".
KEEP_DELETED = timedelta(days=30)

metadata = sa.MetaData()

schema_info = sa.Table(
    "schema_info",
    metadata,
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)

# Bumped by every write, so a page knows when its cached frames are stale.
revisions = sa.Table(
    "revisions",
    metadata,
    sa.Column("owner_id", sa.String(200), primary_key=True),
    sa.Column("revision", sa.Integer, nullable=False),
)

settings_table = sa.Table(
    "settings",
    metadata,
    sa.Column("owner_id", sa.String(200), primary_key=True),
    sa.Column("key", sa.String(60), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

applications = sa.Table(
    "applications",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner_id", sa.String(200), nullable=False, index=True),
    sa.Column("company", sa.String(200), nullable=False),
    sa.Column("role", sa.String(200), nullable=False),
    sa.Column("location", sa.String(200), nullable=False, server_default=""),
    sa.Column("source", sa.String(20), nullable=False),
    sa.Column("link", sa.String(2000), nullable=False, server_default=""),
    sa.Column("salary_min", sa.Integer),
    sa.Column("salary_max", sa.Integer),
    sa.Column("currency", sa.String(3), nullable=False),
    sa.Column("applied_on", sa.Date, nullable=False),
    sa.Column("pool_size", sa.Integer),
    sa.Column("notes", sa.Text, nullable=False, server_default=""),
    # Optimistic locking: a save names the version it started from.
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    # Schema 5: set while it waits in "Recently deleted"; every live read skips it.
    sa.Column("deleted_at", sa.DateTime),
)


def _child_table(name: str, *columns: sa.Column) -> sa.Table:
    """A table whose rows belong to one application and go when it goes."""
    return sa.Table(
        name,
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("owner_id", sa.String(200), nullable=False),
        sa.Column(
            "application_id",
            sa.Integer,
            sa.ForeignKey("applications.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        *columns,
    )


events = _child_table(
    "events",
    sa.Column("stage", sa.String(20), nullable=False),
    sa.Column("occurred_on", sa.Date, nullable=False),
    sa.Column("kind", sa.String(20)),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
)
contacts = _child_table(
    "contacts",
    sa.Column("name", sa.String(200), nullable=False, server_default=""),
    sa.Column("role", sa.String(200), nullable=False, server_default=""),
    sa.Column("email", sa.String(200), nullable=False, server_default=""),
    sa.Column("phone", sa.String(200), nullable=False, server_default=""),
)
follow_ups = _child_table(
    "follow_ups",
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("due", sa.Date, nullable=False),
    sa.Column("done_on", sa.Date),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
)

# Schema 2: reflections after interviews and rejections, and the lessons drawn from them.
reflections = _child_table(
    "reflections",
    sa.Column("prompt", sa.String(20), nullable=False),
    sa.Column("written_on", sa.Date, nullable=False),
    sa.Column("interview_round", sa.Integer),
    sa.Column("overall", sa.Integer),
    sa.Column("confidence_before", sa.Integer),
    sa.Column("confidence_after", sa.Integer),
    sa.Column("went_well", sa.Text, nullable=False, server_default=""),
    sa.Column("went_wrong", sa.Text, nullable=False, server_default=""),
    # Lists of enum values, as JSON text: read whole, never queried inside.
    sa.Column("trip_ups", sa.Text, nullable=False, server_default="[]"),
    sa.Column("tricky_question", sa.Text, nullable=False, server_default=""),
    sa.Column("prep_hours", sa.Float),
    sa.Column("prep_done", sa.Text, nullable=False, server_default="[]"),
    sa.Column("feedback_asked_on", sa.Date),
    sa.Column("feedback_received_on", sa.Date),
    sa.Column("feedback", sa.Text, nullable=False, server_default=""),
    sa.Column("fairness", sa.String(20)),
    sa.Column("characteristics", sa.Text, nullable=False, server_default="[]"),
    sa.Column("fit", sa.Integer),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    sa.Column("deleted_at", sa.DateTime),
)
lessons = sa.Table(
    "lessons",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner_id", sa.String(200), nullable=False, index=True),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("text", sa.String(400), nullable=False),
    sa.Column("pinned", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("archived", sa.Boolean, nullable=False, server_default=sa.false()),
    # Schema 4: a digest of the folded wording (see _text_key), unique per owner and kind.
    sa.Column("text_key", sa.String(64), nullable=False),
)
# One row per lesson even when two sessions write it at once: inserts upsert on this.
LESSON_IDENTITY = (lessons.c.owner_id, lessons.c.kind, lessons.c.text_key)
lessons_identity = sa.Index("lessons_one_per_wording", *LESSON_IDENTITY, unique=True)
# Which reflections a lesson came up in: how often, and from which interviews.
lesson_sources = sa.Table(
    "lesson_sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner_id", sa.String(200), nullable=False),
    sa.Column(
        "lesson_id", sa.Integer, sa.ForeignKey("lessons.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column(
        "reflection_id",
        sa.Integer,
        sa.ForeignKey("reflections.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
)

# Schema 3: the user's corrections to feedback themes, keyed by the snippet's words.
theme_corrections = sa.Table(
    "theme_corrections",
    metadata,
    sa.Column("owner_id", sa.String(200), primary_key=True),
    sa.Column("snippet_key", sa.String(100), primary_key=True),
    sa.Column("theme", sa.String(60), primary_key=True),
    sa.Column("present", sa.Boolean, nullable=False),
)

# Upgrade steps: MIGRATIONS[n] takes a database from schema n to n + 1, in one transaction.
Migration = Callable[[Connection], None]


def _add_reflections(connection: Connection) -> None:
    """Schema 1 -> 2: new tables only, so every existing row stays as it was."""
    for table in (reflections, lessons, lesson_sources):
        table.create(connection)


def _add_theme_corrections(connection: Connection) -> None:
    """Schema 2 -> 3: one new table."""
    theme_corrections.create(connection)


def _text_key(text: str) -> str:
    """A lesson's identity: its folded wording, digested to fit a short indexed column."""
    return hashlib.sha256(lesson_key(text).encode("utf-8", "surrogatepass")).hexdigest()


def _key_lessons(connection: Connection) -> None:
    """Schema 3 -> 4: key each lesson by its wording, folding duplicates into the first.

    Concurrent saves could leave copies of one lesson; each copy's mentions move to the
    one kept, which is pinned if any copy was and archived only if every copy was.
    """
    columns = {column["name"] for column in sa.inspect(connection).get_columns("lessons")}
    if "text_key" in columns:
        return  # created by step 1 of this very upgrade, in today's shape: nothing to key
    connection.exec_driver_sql(
        "ALTER TABLE lessons ADD COLUMN text_key VARCHAR(64) NOT NULL DEFAULT ''"
    )
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("ALTER TABLE lessons ALTER COLUMN text_key DROP DEFAULT")
    rows = connection.execute(
        sa.select(
            lessons.c.id,
            lessons.c.owner_id,
            lessons.c.kind,
            lessons.c.text,
            lessons.c.pinned,
            lessons.c.archived,
        ).order_by(lessons.c.id)
    ).all()
    copies: dict[tuple[str, str, str], list[sa.Row]] = {}
    for row in rows:
        copies.setdefault((row.owner_id, row.kind, _text_key(row.text)), []).append(row)
    for (_owner, _kind, key), same in copies.items():
        keep, others = same[0].id, [row.id for row in same[1:]]
        connection.execute(
            sa.update(lessons)
            .where(lessons.c.id == keep)
            .values(
                text_key=key,
                pinned=any(row.pinned for row in same),
                archived=all(row.archived for row in same),
            )
        )
        if others:
            connection.execute(
                sa.update(lesson_sources)
                .where(lesson_sources.c.lesson_id.in_(others))
                .values(lesson_id=keep)
            )
            connection.execute(sa.delete(lessons).where(lessons.c.id.in_(others)))
    lessons_identity.create(connection)


def _add_deleted_at(connection: Connection) -> None:
    """Schema 4 -> 5: a deleted mark on applications and reflections; every row stays live.

    Tables created earlier in this very upgrade already have it.
    """
    kind = sa.DateTime().compile(dialect=connection.dialect)
    for table in ("applications", "reflections"):
        columns = {column["name"] for column in sa.inspect(connection).get_columns(table)}
        if "deleted_at" not in columns:
            connection.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN deleted_at {kind}")


MIGRATIONS: dict[int, Migration] = {
    1: _add_reflections,
    2: _add_theme_corrections,
    3: _key_lessons,
    4: _add_deleted_at,
}

# Rows a page may show: not waiting in "Recently deleted", and not part of something that is.
LIVE_APPLICATION = applications.c.deleted_at.is_(None)


def _live_reflection(owner: str) -> sa.ColumnElement[bool]:
    """A reflection that is live and belongs to one of the owner's live applications."""
    return sa.and_(
        reflections.c.deleted_at.is_(None),
        reflections.c.application_id.in_(
            sa.select(applications.c.id).where(applications.c.owner_id == owner, LIVE_APPLICATION)
        ),
    )


@dataclass(frozen=True)
class Deleted:
    """One item waiting in "Recently deleted"."""

    kind: str  # "application" or "reflection"
    id: int
    what: str
    deleted_at: datetime

    @property
    def until(self) -> datetime:
        """When it goes for good."""
        return self.deleted_at + KEEP_DELETED


class NewerSchema(BouncebackError):
    """The database was written by a newer bounceback; opening it could lose data."""


# An execution option marking a connection that is about to write (see _writing).
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
    writing = connection.get_execution_options().get(_WRITING, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


class Busy(BouncebackError):
    """Another save held the database for longer than we wait; nothing was written."""


_BUSY = "bounceback is busy saving something else. Nothing was saved; please try again."
# How long a PostgreSQL save waits for a lock, as SQLite's busy_timeout does.
LOCK_WAIT_MS = 10_000


class DiskFull(BouncebackError):
    """The disk filled up during a save; the transaction was rolled back whole."""


class ReadOnly(BouncebackError):
    """The database can't be written to; it can still be read."""


class CantOpen(BouncebackError):
    """The database could not be opened at all; the message says why in plain words."""


DISK_FULL = "Couldn't save: the disk is full. Nothing was changed."
READ_ONLY = "Couldn't save: the database is read-only. Nothing was changed."
WRITE_FAILED = "Couldn't save: the database file could not be written. Nothing was changed."
# PostgreSQL's SQLSTATE codes for the same conditions.
_PG_DISK_FULL = {"53100", "53200"}
_PG_READ_ONLY = {"25006"}


def _plain(error: sa.exc.DBAPIError) -> BouncebackError | None:
    """The database's own error as a plain refusal, or None if it is not one we can explain."""
    code = getattr(error.orig, "sqlite_errorcode", None)
    primary = code & 0xFF if code is not None else None
    state = getattr(error.orig, "sqlstate", None)
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return Busy(_BUSY)
    if primary == sqlite3.SQLITE_FULL or state in _PG_DISK_FULL:
        return DiskFull(DISK_FULL)
    if primary == sqlite3.SQLITE_READONLY or state in _PG_READ_ONLY:
        return ReadOnly(READ_ONLY)
    if primary in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
        return BouncebackError(WRITE_FAILED)
    return None


@contextmanager
def _writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction, all or nothing; the database's refusals become plain messages."""
    try:
        with engine.connect() as connection:
            connection.execution_options(**{_WRITING: True})
            with connection.begin():
                yield connection
    except sa.exc.DBAPIError as error:
        plain = _plain(error)
        if plain is None:
            raise
        raise plain from error


# PostgreSQL advisory locks, (namespace, key): one for schema changes, one per owner's writes.
_SCHEMA_LOCK = 1_652_000
OWNER_LOCK = 1_652_001
_LOCK_NOT_AVAILABLE = "55P03"


def _lock_schema(connection: Connection) -> None:
    """Hold PostgreSQL's schema lock till commit, so one session creates or upgrades at a time.

    SQLite needs nothing more: the upgrade's BEGIN IMMEDIATE already shuts out other writers.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_SCHEMA_LOCK, 0)))


def _lock_owner(connection: Connection, owner: str, wait_ms: int) -> None:
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


def _dialect_insert(connection: Connection, table: sa.Table) -> sqlite.Insert | postgresql.Insert:
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


def _peek_version(path: Path) -> int | None:
    """The schema version in a file, read without changing a byte of it."""
    with closing(_read_only_connection(path, glance=True)) as connection:
        try:
            row = connection.execute(
                "SELECT value FROM schema_info WHERE key = 'schema_version'"
            ).fetchone()
        except sqlite3.DatabaseError:
            return None
    return int(row[0]) if row else None


def _newer(version: int, target: int) -> NewerSchema:
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
    """Why the database failed, in plain words for a page or the command line."""
    return _open_problem(error)


def _open_problem(error: Exception) -> str:
    """Why a database could not be opened, in plain words."""
    if isinstance(error, sa.exc.DBAPIError):
        plain = _plain(error)
        if isinstance(plain, DiskFull):
            return "the disk is full"
        if isinstance(plain, ReadOnly):
            return "it is read-only"
        error = error.orig  # type: ignore[assignment]
    if isinstance(error, OSError):
        return error.strerror or "the file could not be reached"
    text = str(error).strip() or type(error).__name__
    return {"file is not a database": "the file is not a bounceback database"}.get(text, text)


def schema_version(connection: Connection) -> int | None:
    """The version stamped in the database, or None for a database we have never touched."""
    if not sa.inspect(connection).has_table("schema_info"):
        return None
    value = connection.execute(
        sa.select(schema_info.c.value).where(schema_info.c.key == "schema_version")
    ).scalar_one_or_none()
    return int(value) if value is not None else None


def _stamp(connection: Connection, version: int) -> None:
    """Record the schema version, inside the same transaction as the change it describes."""
    connection.execute(sa.delete(schema_info).where(schema_info.c.key == "schema_version"))
    connection.execute(sa.insert(schema_info).values(key="schema_version", value=str(version)))


def upgrade(engine: Engine, migrations: dict[int, Migration] | None = None) -> int:
    """Create a new database or bring an older one up to date, all or nothing."""
    migrations = MIGRATIONS if migrations is None else migrations
    target = max([SCHEMA_VERSION, *(step + 1 for step in migrations)])
    with _writing(engine) as connection:
        _lock_schema(connection)
        version = schema_version(connection)
        if version is None:
            metadata.create_all(connection)
            _stamp(connection, target)
            return target
        if version > target:
            raise _newer(version, target)
        for step in range(version, target):
            migrations[step](connection)
        if version != target:
            _stamp(connection, target)
    return target


def _now() -> datetime:
    """A naive UTC timestamp, stored the same way by SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)


def _row_to_draft(row: sa.Row, contact_rows: Sequence[sa.Row]) -> ApplicationDraft:
    """Rebuild what the user typed from stored rows."""
    return ApplicationDraft(
        company=row.company,
        role=row.role,
        applied_on=row.applied_on,
        location=row.location,
        source=Source(row.source),
        link=row.link,
        salary_min=row.salary_min,
        salary_max=row.salary_max,
        currency=row.currency,
        pool_size=row.pool_size,
        notes=row.notes,
        contacts=tuple(Contact(c.name, c.role, c.email, c.phone) for c in contact_rows),
    )


def _draft_values(draft: ApplicationDraft) -> dict[str, object]:
    """The application columns for a draft."""
    values = {f.name: getattr(draft, f.name) for f in fields(draft) if f.name != "contacts"}
    values["source"] = draft.source.value
    return values


class Store:
    """One owner's view of the database: every query is scoped to that owner."""

    lock_wait_ms = LOCK_WAIT_MS

    def __init__(
        self, engine: Engine, owner: str = DEFAULT_OWNER, read_only: str | None = None
    ) -> None:
        self.engine = engine
        self.owner = owner
        # Why nothing can be saved (a read-only file or folder), or None.
        self.read_only = read_only

    @classmethod
    def open(cls, url: str, owner: str = DEFAULT_OWNER) -> Store:
        """Connect and upgrade the schema if needed, so callers always see the current one.

        A file from a newer bounceback is refused before anything touches it; a file that
        can't be written is opened read-only, so it can still be looked at.
        """
        file = sqlite_file(url)
        try:
            reason = read_only_reason(file) if file is not None else None
            if file is not None and file.exists():
                version = _peek_version(file)
                if version is not None and version > SCHEMA_VERSION:
                    raise _newer(version, SCHEMA_VERSION)
                if reason and version != SCHEMA_VERSION:
                    raise CantOpen(
                        f"The database can't be opened: {reason}, and it needs setting up "
                        "or updating first. Make it writable and open bounceback again."
                    )
            engine = make_engine(url, read_only=reason is not None)
            if reason is None:
                upgrade(engine)
        except (sa.exc.DBAPIError, sqlite3.DatabaseError, OSError) as error:
            raise CantOpen(
                f"bounceback couldn't open its database: {_open_problem(error)}. "
                "Nothing in it was changed."
            ) from error
        return cls(engine, owner, reason)

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction holding this owner's lock: the rules checked stay true.

        On PostgreSQL, a lock waited for too long becomes Busy, as on SQLite.
        """
        try:
            with _writing(self.engine) as connection:
                _lock_owner(connection, self.owner, self.lock_wait_ms)
                yield connection
        except sa.exc.OperationalError as error:
            if getattr(error.orig, "sqlstate", None) != _LOCK_NOT_AVAILABLE:
                raise
            raise Busy(_BUSY) from error

    # --- revision ----------------------------------------------------------------

    def revision(self) -> int:
        """A number that changes whenever this owner's data changes."""
        with self.engine.connect() as connection:
            value = connection.execute(
                sa.select(revisions.c.revision).where(revisions.c.owner_id == self.owner)
            ).scalar_one_or_none()
        return value or 0

    def _bump(self, connection: Connection) -> None:
        """Mark this owner's data as changed, in the caller's transaction."""
        first = _dialect_insert(connection, revisions).values(owner_id=self.owner, revision=1)
        connection.execute(
            first.on_conflict_do_update(
                index_elements=[revisions.c.owner_id],
                set_={"revision": revisions.c.revision + 1},
            )
        )

    # --- settings ----------------------------------------------------------------

    def settings(self) -> Settings:
        """The owner's settings, with defaults for anything never saved."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(settings_table.c.key, settings_table.c.value).where(
                    settings_table.c.owner_id == self.owner
                )
            ).all()
        return Settings.from_dict({key: json.loads(value) for key, value in rows})

    def save_settings(self, settings: Settings) -> None:
        """Check, then replace the owner's settings in one transaction."""
        settings = check_settings(settings)
        with self._write() as connection:
            self._write_settings(connection, settings)
            self._bump(connection)

    def _write_settings(self, connection: Connection, settings: Settings) -> None:
        """Write every setting as a JSON value, keyed by name."""
        connection.execute(sa.delete(settings_table).where(settings_table.c.owner_id == self.owner))
        connection.execute(
            sa.insert(settings_table),
            [
                {"owner_id": self.owner, "key": key, "value": json.dumps(value)}
                for key, value in asdict(settings).items()
            ],
        )

    # --- applications ------------------------------------------------------------

    def add_application(
        self, draft: ApplicationDraft, stage: Stage = Stage.APPLIED, today: date | None = None
    ) -> int:
        """Check and save a new application with its first event, all or nothing."""
        today = today or date.today()
        draft = check_draft(draft, today)
        if stage not in (Stage.SAVED, Stage.APPLIED):
            raise BouncebackError("A new application starts as saved or applied.")
        with self._write() as connection:
            application_id = self._insert(connection, draft, (Event(stage, draft.applied_on),), ())
            self._bump(connection)
        return application_id

    def _insert(
        self,
        connection: Connection,
        draft: ApplicationDraft,
        history: Iterable[Event],
        to_do: Iterable[FollowUp],
        deleted_at: datetime | None = None,
    ) -> int:
        """Insert one application and its children, in the caller's transaction."""
        now = _now()
        application_id = connection.execute(
            sa.insert(applications).values(
                owner_id=self.owner,
                created_at=now,
                updated_at=now,
                deleted_at=deleted_at,
                **_draft_values(draft),
            )
        ).inserted_primary_key[0]
        self._insert_children(connection, application_id, draft.contacts, history, to_do)
        return application_id

    def _insert_children(
        self,
        connection: Connection,
        application_id: int,
        people: Iterable[Contact],
        history: Iterable[Event],
        to_do: Iterable[FollowUp],
    ) -> None:
        """Insert contacts, events and follow-ups of one application."""
        base = {"owner_id": self.owner, "application_id": application_id}
        rows = [{**base, **asdict(contact)} for contact in people]
        if rows:
            connection.execute(sa.insert(contacts), rows)
        rows = [{**base, **_event_values(event)} for event in history]
        if rows:
            connection.execute(sa.insert(events), rows)
        rows = [{**base, **_follow_up_values(item)} for item in to_do]
        if rows:
            connection.execute(sa.insert(follow_ups), rows)

    def get(self, application_id: int) -> Application:
        """One application with its whole history and reflections, or NotFound."""
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(applications).where(
                    applications.c.id == application_id,
                    applications.c.owner_id == self.owner,
                    LIVE_APPLICATION,
                )
            ).one_or_none()
            if row is None:
                raise NotFound(f"No application {application_id}.")
            found = self._assemble(connection, [row])[0]
        return replace(found, reflections=tuple(self.reflections(application_id)))

    def all(self, include_deleted: bool = False) -> list[Application]:
        """Every application of the owner with everything attached, oldest first.

        A backup includes what waits in "Recently deleted", marked so; exports don't.
        """
        query = sa.select(applications).where(applications.c.owner_id == self.owner)
        if not include_deleted:
            query = query.where(LIVE_APPLICATION)
        with self.engine.connect() as connection:
            rows = connection.execute(query.order_by(applications.c.id)).all()
            found = self._assemble(connection, rows)
        notes: dict[int, list[Reflection]] = {}
        for note in self.reflections(include_deleted=include_deleted):
            notes.setdefault(note.application_id, []).append(note)
        return [
            replace(application, reflections=tuple(notes.get(application.id, ())))
            for application in found
        ]

    def lesson_states(self) -> list[LessonState]:
        """Every lesson with its pin and archive marks, for backups."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(lessons).where(lessons.c.owner_id == self.owner)
            ).all()
        marks = [LessonState(LessonKind(r.kind), r.text, r.pinned, r.archived) for r in rows]
        # Ordered by content, not id: a restore assigns ids afresh, the backup must not change.
        return sorted(marks, key=lambda mark: (mark.kind.value, lesson_key(mark.text)))

    def _assemble(self, connection: Connection, rows: Sequence[sa.Row]) -> list[Application]:
        """Attach each application's children, in three queries whatever the count."""
        ids = [row.id for row in rows]
        children: dict[str, dict[int, list[sa.Row]]] = {}
        for table, order in (
            (contacts, contacts.c.id),
            (events, events.c.id),
            (follow_ups, follow_ups.c.id),
        ):
            grouped: dict[int, list[sa.Row]] = {}
            for chunk_start in range(0, len(ids), 500):
                chunk = ids[chunk_start : chunk_start + 500]
                query = (
                    sa.select(table)
                    .where(table.c.owner_id == self.owner, table.c.application_id.in_(chunk))
                    .order_by(order)
                )
                for child in connection.execute(query):
                    grouped.setdefault(child.application_id, []).append(child)
            children[table.name] = grouped
        return [
            Application(
                id=row.id,
                version=row.version,
                draft=_row_to_draft(row, children["contacts"].get(row.id, [])),
                events=tuple(
                    _row_to_event(e)
                    for e in sorted(children["events"].get(row.id, []), key=_event_order)
                ),
                follow_ups=tuple(
                    _row_to_follow_up(f) for f in children["follow_ups"].get(row.id, [])
                ),
                deleted_at=row.deleted_at,
            )
            for row in rows
        ]

    def update(
        self,
        application_id: int,
        draft: ApplicationDraft,
        expected_version: int,
        today: date | None = None,
    ) -> None:
        """Save an edit, unless someone else saved since it was loaded (ChangedElsewhere)."""
        today = today or date.today()
        draft = check_draft(draft, today)
        with self._write() as connection:
            # The application's date is its first event's date: they move together.
            history = connection.execute(
                sa.select(events.c.id, events.c.occurred_on)
                .where(events.c.application_id == application_id, events.c.owner_id == self.owner)
                .order_by(events.c.occurred_on, events.c.id)
                .limit(2)
            ).all()
            if len(history) == 2 and draft.applied_on > history[1].occurred_on:
                raise InvalidInput(
                    {
                        "applied_on": "The date applied can't be after the next change of "
                        f"stage ({history[1].occurred_on:%d %b %Y})."
                    }
                )
            self._claim(connection, application_id, expected_version)
            connection.execute(
                sa.update(applications)
                .where(applications.c.id == application_id, applications.c.owner_id == self.owner)
                .values(updated_at=_now(), **_draft_values(draft))
            )
            if history:
                connection.execute(
                    sa.update(events)
                    .where(events.c.id == history[0].id, events.c.owner_id == self.owner)
                    .values(occurred_on=draft.applied_on)
                )
            connection.execute(
                sa.delete(contacts).where(
                    contacts.c.application_id == application_id, contacts.c.owner_id == self.owner
                )
            )
            self._insert_children(connection, application_id, draft.contacts, (), ())
            self._bump(connection)

    def _claim(self, connection: Connection, application_id: int, expected_version: int) -> None:
        """Move the version on, or fail if another save got there first."""
        claimed = connection.execute(
            sa.update(applications)
            .where(
                applications.c.id == application_id,
                applications.c.owner_id == self.owner,
                applications.c.version == expected_version,
                LIVE_APPLICATION,
            )
            .values(version=applications.c.version + 1)
        )
        if claimed.rowcount == 1:
            return
        exists = connection.execute(
            sa.select(applications.c.id).where(
                applications.c.id == application_id,
                applications.c.owner_id == self.owner,
                LIVE_APPLICATION,
            )
        ).first()
        if exists is None:
            raise NotFound(f"No application {application_id}: it may have been deleted.")
        raise ChangedElsewhere(
            "This application was changed elsewhere (another tab or window) since you opened "
            "it. Reload to see the latest, then make your change again."
        )

    def record(
        self, application_id: int, event: Event, expected_version: int, today: date | None = None
    ) -> int:
        """Add a dated stage change if the history allows it, all or nothing; returns its id."""
        today = today or date.today()
        current = self.get(application_id)
        last_on = current.events[-1].on if current.events else None
        event = check_event(current.stage, current.draft.applied_on, last_on, event, today)
        with self._write() as connection:
            self._claim(connection, application_id, expected_version)
            event_id = connection.execute(
                sa.insert(events).values(
                    owner_id=self.owner, application_id=application_id, **_event_values(event)
                )
            ).inserted_primary_key[0]
            self._bump(connection)
        return event_id

    def record_many(
        self, versions: Mapping[int, int], event: Event, today: date | None = None
    ) -> int:
        """One stage change for several applications (id -> version), all or none.

        Each is checked by the same rule as a single move; any refusal names the
        application and nothing is written.
        """
        today = today or date.today()
        problems: dict[str, str] = {}
        with self._write() as connection:
            for application_id, version in versions.items():
                self._claim(connection, application_id, version)
                applied_on, history = self._history_in(connection, application_id)
                try:
                    checked = check_event(
                        history[-1].stage, applied_on, history[-1].on, event, today
                    )
                except InvalidInput as error:
                    name = connection.execute(
                        sa.select(applications.c.company, applications.c.role).where(
                            applications.c.id == application_id,
                            applications.c.owner_id == self.owner,
                        )
                    ).one()
                    message = " ".join(error.errors.values())
                    problems[f"applications.{application_id}"] = (
                        f"{name.company} ({name.role}): {message}"
                    )
                    continue
                connection.execute(
                    sa.insert(events).values(
                        owner_id=self.owner,
                        application_id=application_id,
                        **_event_values(checked),
                    )
                )
            if problems:
                raise InvalidInput(problems)
            self._bump(connection)
        return len(versions)

    def delete_many(self, application_ids: Sequence[int]) -> int:
        """Move several applications to Recently deleted in one transaction, all or none."""
        with self._write() as connection:
            deleted = connection.execute(
                sa.update(applications)
                .where(
                    applications.c.id.in_(list(application_ids)),
                    applications.c.owner_id == self.owner,
                    LIVE_APPLICATION,
                )
                .values(deleted_at=_now())
            )
            if deleted.rowcount != len(set(application_ids)):
                raise NotFound(
                    "Some of those applications are no longer here: nothing was deleted. "
                    "Reload and try again."
                )
            self._purge(connection, _now() - KEEP_DELETED)
            self._bump(connection)
        return deleted.rowcount

    def _history_in(
        self, connection: Connection, application_id: int
    ) -> tuple[date, tuple[Event, ...]]:
        """The application's date and its history, read inside the caller's transaction."""
        applied_on = connection.execute(
            sa.select(applications.c.applied_on).where(
                applications.c.id == application_id, applications.c.owner_id == self.owner
            )
        ).scalar_one()
        rows = connection.execute(
            sa.select(events).where(
                events.c.application_id == application_id, events.c.owner_id == self.owner
            )
        ).all()
        return applied_on, tuple(_row_to_event(row) for row in sorted(rows, key=_event_order))

    @staticmethod
    def _position(history: tuple[Event, ...], event_id: int) -> int:
        """Where the event sits in the history, or NotFound if it is not this application's."""
        for index, event in enumerate(history):
            if event.id == event_id:
                return index
        raise NotFound("That event is no longer in this application's history.")

    def edit_event(
        self,
        application_id: int,
        event_id: int,
        event: Event,
        expected_version: int,
        today: date | None = None,
    ) -> None:
        """Correct one event's date, interview kind or note by the rules of recording.

        The first event's date is the application's date, so the two move together.
        """
        today = today or date.today()
        with self._write() as connection:
            self._claim(connection, application_id, expected_version)
            applied_on, history = self._history_in(connection, application_id)
            index = self._position(history, event_id)
            checked = check_edit(history, index, event, applied_on, today)[index]
            connection.execute(
                sa.update(events)
                .where(events.c.id == event_id, events.c.owner_id == self.owner)
                .values(**_event_values(checked))
            )
            self._touch(
                connection, application_id, **({"applied_on": checked.on} if index == 0 else {})
            )
            self._bump(connection)

    def delete_event(
        self,
        application_id: int,
        event_id: int,
        expected_version: int,
        today: date | None = None,
    ) -> Event:
        """Remove one event unless the history left would be impossible; returns what went.

        Removing the last event is how a stage move is undone.
        """
        today = today or date.today()
        with self._write() as connection:
            self._claim(connection, application_id, expected_version)
            applied_on, history = self._history_in(connection, application_id)
            index = self._position(history, event_id)
            check_removal(history, index, applied_on, today)
            connection.execute(
                sa.delete(events).where(events.c.id == event_id, events.c.owner_id == self.owner)
            )
            self._touch(connection, application_id)
            self._bump(connection)
        return history[index]

    def reopen(self, application_id: int, expected_version: int) -> Stage:
        """Take back a closing (rejected, withdrawn, ghosted): the stage before it returns.

        Everything before stays as it was; the closing's note is kept in the notes.
        """
        with self._write() as connection:
            self._claim(connection, application_id, expected_version)
            _applied_on, history = self._history_in(connection, application_id)
            last = history[-1]
            if last.stage not in CLOSING or len(history) < 2:
                raise InvalidInput({"stage": "This application is still open: nothing to reopen."})
            changes: dict[str, object] = {}
            if last.note:
                notes = connection.execute(
                    sa.select(applications.c.notes).where(
                        applications.c.id == application_id, applications.c.owner_id == self.owner
                    )
                ).scalar_one()
                kept = f"{last.stage.label} on {last.on:%d %b %Y}: {last.note}"
                changes["notes"] = f"{notes}\n\n{kept}" if notes else kept
                problem = text_problem(changes["notes"], LONG_TEXT, "Notes")
                if problem:
                    raise InvalidInput({"notes": f"{problem} Shorten the notes, then reopen."})
            connection.execute(
                sa.delete(events).where(events.c.id == last.id, events.c.owner_id == self.owner)
            )
            self._touch(connection, application_id, **changes)
            self._bump(connection)
        return history[-2].stage

    def _touch(self, connection: Connection, application_id: int, **values: object) -> None:
        """Note when an application last changed, in the caller's transaction."""
        connection.execute(
            sa.update(applications)
            .where(applications.c.id == application_id, applications.c.owner_id == self.owner)
            .values(updated_at=_now(), **values)
        )

    def delete(self, application_id: int) -> None:
        """Move an application, with everything attached, to "Recently deleted"."""
        with self._write() as connection:
            deleted = connection.execute(
                sa.update(applications)
                .where(
                    applications.c.id == application_id,
                    applications.c.owner_id == self.owner,
                    LIVE_APPLICATION,
                )
                .values(deleted_at=_now())
            )
            if deleted.rowcount == 0:
                raise NotFound(
                    f"No application {application_id}: it may have been deleted already."
                )
            self._purge(connection, _now() - KEEP_DELETED)
            self._bump(connection)

    def delete_reflection(self, reflection_id: int) -> None:
        """Move one reflection to "Recently deleted"; its lessons stop counting it."""
        with self._write() as connection:
            deleted = connection.execute(
                sa.update(reflections)
                .where(
                    reflections.c.id == reflection_id,
                    reflections.c.owner_id == self.owner,
                    _live_reflection(self.owner),
                )
                .values(deleted_at=_now())
            )
            if deleted.rowcount == 0:
                raise NotFound("That reflection is no longer here: it may have been deleted.")
            self._purge(connection, _now() - KEEP_DELETED)
            self._bump(connection)

    def recently_deleted(self) -> list[Deleted]:
        """What waits in "Recently deleted", newest first."""
        since = _now() - KEEP_DELETED
        with self.engine.connect() as connection:
            gone = connection.execute(
                sa.select(
                    applications.c.id,
                    applications.c.company,
                    applications.c.role,
                    applications.c.deleted_at,
                ).where(applications.c.owner_id == self.owner, applications.c.deleted_at > since)
            ).all()
            notes = connection.execute(
                sa.select(
                    reflections.c.id,
                    reflections.c.written_on,
                    reflections.c.deleted_at,
                    applications.c.company,
                    applications.c.role,
                )
                .join(applications, applications.c.id == reflections.c.application_id)
                .where(
                    reflections.c.owner_id == self.owner,
                    reflections.c.deleted_at > since,
                    LIVE_APPLICATION,
                )
            ).all()
        found = [
            Deleted("application", row.id, f"{row.company} · {row.role}", row.deleted_at)
            for row in gone
        ]
        found += [
            Deleted(
                "reflection",
                row.id,
                f"Reflection of {row.written_on:%d %b %Y} on {row.company} · {row.role}",
                row.deleted_at,
            )
            for row in notes
        ]
        return sorted(found, key=lambda item: item.deleted_at, reverse=True)

    def restore_deleted(self, kind: str, item_id: int) -> None:
        """Bring an application or a reflection back from "Recently deleted", as it was."""
        table = {"application": applications, "reflection": reflections}[kind]
        with self._write() as connection:
            conditions = [
                table.c.id == item_id,
                table.c.owner_id == self.owner,
                table.c.deleted_at > _now() - KEEP_DELETED,
            ]
            if table is reflections:
                conditions.append(
                    reflections.c.application_id.in_(
                        sa.select(applications.c.id).where(
                            applications.c.owner_id == self.owner, LIVE_APPLICATION
                        )
                    )
                )
            restored = connection.execute(
                sa.update(table).where(*conditions).values(deleted_at=None)
            )
            if restored.rowcount == 0:
                raise NotFound(f"That {kind} is no longer in Recently deleted.")
            self._bump(connection)

    def empty_deleted(self) -> int:
        """Delete for good everything in "Recently deleted"; returns how many items went."""
        with self._write() as connection:
            count = self._purge(connection, None)
            self._bump(connection)
        return count

    def _purge(self, connection: Connection, before: datetime | None) -> int:
        """Delete for good what was deleted before `before` (everything, if None)."""
        gone_notes = sa.select(reflections.c.id).where(
            reflections.c.owner_id == self.owner, reflections.c.deleted_at.is_not(None)
        )
        gone_apps = sa.select(applications.c.id).where(
            applications.c.owner_id == self.owner, applications.c.deleted_at.is_not(None)
        )
        if before is not None:
            gone_notes = gone_notes.where(reflections.c.deleted_at <= before)
            gone_apps = gone_apps.where(applications.c.deleted_at <= before)
        note_ids = list(connection.execute(gone_notes).scalars())
        app_ids = list(connection.execute(gone_apps).scalars())
        if not note_ids and not app_ids:
            return 0
        with_apps = sa.select(reflections.c.id).where(
            reflections.c.owner_id == self.owner, reflections.c.application_id.in_(app_ids)
        )
        going = sa.or_(
            lesson_sources.c.reflection_id.in_(note_ids),
            lesson_sources.c.reflection_id.in_(with_apps),
        )
        connection.execute(
            sa.delete(lesson_sources).where(lesson_sources.c.owner_id == self.owner, going)
        )
        connection.execute(
            sa.delete(reflections).where(
                reflections.c.owner_id == self.owner, reflections.c.id.in_(note_ids)
            )
        )
        for table in (events, contacts, follow_ups, reflections):
            connection.execute(
                sa.delete(table).where(
                    table.c.owner_id == self.owner, table.c.application_id.in_(app_ids)
                )
            )
        connection.execute(
            sa.delete(applications).where(
                applications.c.owner_id == self.owner, applications.c.id.in_(app_ids)
            )
        )
        self._drop_orphan_lessons(connection)
        return len(note_ids) + len(app_ids)

    # --- follow-ups --------------------------------------------------------------

    def add_follow_up(
        self, application_id: int, follow_up: FollowUp, today: date | None = None
    ) -> int:
        """Add something to do for an application."""
        follow_up = check_follow_up(follow_up, today or date.today())
        with self._write() as connection:
            self._require(connection, application_id)
            new_id = connection.execute(
                sa.insert(follow_ups).values(
                    owner_id=self.owner,
                    application_id=application_id,
                    **_follow_up_values(follow_up),
                )
            ).inserted_primary_key[0]
            self._bump(connection)
        return new_id

    def mark_follow_up(self, follow_up_id: int, done_on: date | None) -> None:
        """Tick a follow-up off (or untick it with None)."""
        if done_on is not None and done_on > date.today():
            raise InvalidInput({"done_on": "The done date can't be in the future."})
        with self._write() as connection:
            updated = connection.execute(
                sa.update(follow_ups)
                .where(follow_ups.c.id == follow_up_id, follow_ups.c.owner_id == self.owner)
                .values(done_on=done_on)
            )
            if updated.rowcount == 0:
                raise NotFound(f"No follow-up {follow_up_id}.")
            self._bump(connection)

    def _require(self, connection: Connection, application_id: int) -> None:
        """NotFound unless the owner has this application, live."""
        found = connection.execute(
            sa.select(applications.c.id).where(
                applications.c.id == application_id,
                applications.c.owner_id == self.owner,
                LIVE_APPLICATION,
            )
        ).first()
        if found is None:
            raise NotFound(f"No application {application_id}.")

    # --- reflections and lessons ---------------------------------------------------

    def save_reflection(self, reflection: Reflection, today: date | None = None) -> int:
        """Check and save a reflection with its lessons, all or nothing; returns its id.

        A reflection with an id is an edit: it must name the version it started from.
        Feedback asked for and not yet received gets a follow-up to chase it.
        """
        today = today or date.today()
        application = self.get(reflection.application_id)
        reflection = check_reflection(reflection, today, application.interview_rounds)
        values = _reflection_values(reflection)
        with self._write() as connection:
            self._require(connection, application.id)
            if reflection.id is None:
                reflection_id = connection.execute(
                    sa.insert(reflections).values(
                        owner_id=self.owner, application_id=application.id, **values
                    )
                ).inserted_primary_key[0]
            else:
                reflection_id = reflection.id
                self._claim_reflection(
                    connection, reflection_id, application.id, reflection.version, values
                )
                connection.execute(
                    sa.delete(lesson_sources).where(
                        lesson_sources.c.reflection_id == reflection_id,
                        lesson_sources.c.owner_id == self.owner,
                    )
                )
            for lesson in reflection.lessons:
                self._link_lesson(connection, lesson, reflection_id)
            self._drop_orphan_lessons(connection)
            if reflection.feedback_pending:
                self._chase_feedback(connection, application, today)
            self._bump(connection)
        return reflection_id

    def _claim_reflection(
        self,
        connection: Connection,
        reflection_id: int,
        application_id: int,
        expected: int,
        values: dict,
    ) -> None:
        """Save an edit unless another tab saved the reflection first (or it isn't this one's)."""
        updated = connection.execute(
            sa.update(reflections)
            .where(
                reflections.c.id == reflection_id,
                reflections.c.owner_id == self.owner,
                reflections.c.application_id == application_id,
                reflections.c.version == expected,
                reflections.c.deleted_at.is_(None),
            )
            .values(version=reflections.c.version + 1, **values)
        )
        if updated.rowcount == 0:
            raise ChangedElsewhere(
                "This reflection was changed elsewhere since you opened it. Reload to see "
                "the latest, then make your change again."
            )

    def _link_lesson(self, connection: Connection, lesson: LessonDraft, reflection_id: int) -> None:
        """Count a lesson again if it is already on the list (archived or not), else add it.

        One row per lesson: a second, live copy of an archived one would make a backup
        restore them as one.
        """
        values = {"owner_id": self.owner, "kind": lesson.kind.value, "text": lesson.text}
        connection.execute(
            _dialect_insert(connection, lessons)
            .values(text_key=_text_key(lesson.text), **values)
            .on_conflict_do_nothing(index_elements=LESSON_IDENTITY)
        )
        match = self._same_lesson(connection, lesson.kind.value, lesson.text)
        connection.execute(
            sa.insert(lesson_sources).values(
                owner_id=self.owner, lesson_id=match, reflection_id=reflection_id
            )
        )

    def _same_lesson(
        self, connection: Connection, kind: str, text: str, other_than: int | None = None
    ) -> int | None:
        """The id of the owner's lesson of this kind that says the same thing, if any."""
        query = sa.select(lessons.c.id).where(
            lessons.c.owner_id == self.owner,
            lessons.c.kind == kind,
            lessons.c.text_key == _text_key(text),
        )
        if other_than is not None:
            query = query.where(lessons.c.id != other_than)
        return connection.execute(query).scalar_one_or_none()

    def _drop_orphan_lessons(self, connection: Connection) -> None:
        """A lesson no reflection mentions any more goes, unless the user pinned it."""
        linked = sa.select(lesson_sources.c.lesson_id).where(
            lesson_sources.c.owner_id == self.owner
        )
        connection.execute(
            sa.delete(lessons).where(
                lessons.c.owner_id == self.owner,
                lessons.c.pinned == sa.false(),
                lessons.c.id.not_in(linked),
            )
        )

    def _chase_feedback(
        self, connection: Connection, application: Application, today: date
    ) -> None:
        """Add a 'ask for feedback' follow-up a week out, unless one is already waiting."""
        waiting = connection.execute(
            sa.select(follow_ups.c.id).where(
                follow_ups.c.owner_id == self.owner,
                follow_ups.c.application_id == application.id,
                follow_ups.c.kind == FollowUpKind.ASK_FEEDBACK.value,
                follow_ups.c.done_on.is_(None),
            )
        ).first()
        if waiting is None:
            chase = FollowUp(
                FollowUpKind.ASK_FEEDBACK, today + timedelta(days=7), note="Chase the feedback."
            )
            connection.execute(
                sa.insert(follow_ups).values(
                    owner_id=self.owner, application_id=application.id, **_follow_up_values(chase)
                )
            )

    def reflections(
        self, application_id: int | None = None, include_deleted: bool = False
    ) -> list[Reflection]:
        """The owner's live reflections (or all, for a backup), oldest first, with lessons."""
        query = sa.select(reflections).where(reflections.c.owner_id == self.owner)
        if not include_deleted:
            query = query.where(_live_reflection(self.owner))
        if application_id is not None:
            query = query.where(reflections.c.application_id == application_id)
        with self.engine.connect() as connection:
            rows = connection.execute(query.order_by(reflections.c.written_on, reflections.c.id))
            found = rows.all()
            linked = (
                sa.select(lesson_sources.c.reflection_id, lessons.c.kind, lessons.c.text)
                .join(lessons, lessons.c.id == lesson_sources.c.lesson_id)
                .where(lesson_sources.c.owner_id == self.owner)
                .order_by(lesson_sources.c.id)
            )
            if application_id is not None:
                linked = linked.where(lesson_sources.c.reflection_id.in_([r.id for r in found]))
            links = connection.execute(linked).all()
        drawn: dict[int, list[LessonDraft]] = {}
        for link in links:
            drawn.setdefault(link.reflection_id, []).append(
                LessonDraft(LessonKind(link.kind), link.text)
            )
        return [_row_to_reflection(row, drawn.get(row.id, [])) for row in found]

    def update_lesson(
        self,
        lesson_id: int,
        *,
        text: str | None = None,
        pinned: bool | None = None,
        archived: bool | None = None,
    ) -> None:
        """Edit, pin or archive one lesson; at most five lessons are pinned."""
        changes: dict[str, object] = {}
        if text is not None:
            text = check_lesson_text(text)
            changes.update(text=text, text_key=_text_key(text))
        if pinned is not None:
            changes["pinned"] = pinned
        if archived is not None:
            changes["archived"] = archived
        with self._write() as connection:
            if text is not None:
                kind = connection.execute(
                    sa.select(lessons.c.kind).where(
                        lessons.c.id == lesson_id, lessons.c.owner_id == self.owner
                    )
                ).scalar_one_or_none()
                if kind is not None and self._same_lesson(connection, kind, text, lesson_id):
                    raise InvalidInput(
                        {"text": "That lesson is already on your list: merge the two instead."}
                    )
            if pinned:
                count = connection.execute(
                    sa.select(sa.func.count()).where(
                        lessons.c.owner_id == self.owner,
                        lessons.c.pinned == sa.true(),
                        lessons.c.id != lesson_id,
                    )
                ).scalar_one()
                if count >= MAX_PINNED:
                    raise InvalidInput(
                        {"pinned": f"You can pin {MAX_PINNED} lessons; unpin one first."}
                    )
            updated = connection.execute(
                sa.update(lessons)
                .where(lessons.c.id == lesson_id, lessons.c.owner_id == self.owner)
                .values(**changes)
            )
            if updated.rowcount == 0:
                raise NotFound(f"No lesson {lesson_id}.")
            self._bump(connection)

    def merge_lessons(self, keep_id: int, merged_ids: Sequence[int]) -> None:
        """Fold duplicates into one lesson: their mentions move over, nothing is lost."""
        others = [lesson_id for lesson_id in merged_ids if lesson_id != keep_id]
        with self._write() as connection:
            found = connection.execute(
                sa.select(lessons.c.id).where(
                    lessons.c.owner_id == self.owner, lessons.c.id.in_([keep_id, *others])
                )
            ).scalars()
            if set(found) != {keep_id, *others}:
                raise NotFound("Some of those lessons are no longer there.")
            connection.execute(
                sa.update(lesson_sources)
                .where(
                    lesson_sources.c.lesson_id.in_(others), lesson_sources.c.owner_id == self.owner
                )
                .values(lesson_id=keep_id)
            )
            connection.execute(
                sa.delete(lessons).where(lessons.c.id.in_(others), lessons.c.owner_id == self.owner)
            )
            self._bump(connection)

    # --- feedback themes --------------------------------------------------------------

    def theme_corrections(self) -> dict[str, dict[str, bool]]:
        """The user's word on each corrected snippet: theme -> present or not."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(theme_corrections).where(theme_corrections.c.owner_id == self.owner)
            ).all()
        found: dict[str, dict[str, bool]] = {}
        for row in rows:
            found.setdefault(row.snippet_key, {})[row.theme] = row.present
        return found

    def correct_themes(
        self, snippet_key: str, automatic: Sequence[str], chosen: Sequence[str]
    ) -> None:
        """Record where the user's themes differ from the classifier's, replacing earlier ones."""
        problem = correction_problem(snippet_key, chosen)
        if problem:
            raise InvalidInput({"themes": problem})
        changes = [(theme, True) for theme in chosen if theme not in automatic]
        changes += [(theme, False) for theme in automatic if theme not in chosen]
        with self._write() as connection:
            self._write_corrections(connection, snippet_key, changes)
            self._bump(connection)

    def _write_corrections(
        self, connection: Connection, snippet_key: str, changes: Sequence[tuple[str, bool]]
    ) -> None:
        """Replace one snippet's corrections, in the caller's transaction."""
        connection.execute(
            sa.delete(theme_corrections).where(
                theme_corrections.c.owner_id == self.owner,
                theme_corrections.c.snippet_key == snippet_key,
            )
        )
        if changes:
            connection.execute(
                sa.insert(theme_corrections),
                [
                    {"owner_id": self.owner, "snippet_key": snippet_key, "theme": t, "present": p}
                    for t, p in changes
                ],
            )

    # --- bulk ----------------------------------------------------------------------

    def is_empty(self) -> bool:
        """Whether the owner has no applications yet (the first visit)."""
        with self.engine.connect() as connection:
            return (
                connection.execute(
                    sa.select(applications.c.id)
                    .where(applications.c.owner_id == self.owner, LIVE_APPLICATION)
                    .limit(1)
                ).first()
                is None
            )

    def holdings(self) -> dict[str, int]:
        """How many rows of each kind a restore would replace, read in one snapshot."""
        counted = {
            "applications": applications,
            "reflections": reflections,
            "lessons": lessons,
            "theme_corrections": theme_corrections,
            "settings": settings_table,
        }
        with self.engine.connect() as connection, connection.begin():
            return {
                name: connection.execute(
                    sa.select(sa.func.count()).where(table.c.owner_id == self.owner)
                ).scalar_one()
                for name, table in counted.items()
            }

    def load(
        self,
        records: Iterable[Application],
        settings: Settings | None = None,
        replace_existing: bool = False,
        lesson_marks: Sequence[LessonState] = (),
        corrections: Mapping[str, Mapping[str, bool]] | None = None,
    ) -> int:
        """Check, then write many applications (a backup, sample data) in one transaction.

        Reflections come with their application; lesson marks (pinned, archived) are applied
        last, and a pinned lesson no reflection mentions is kept as it was.
        """
        today = date.today()
        if settings is not None:
            try:
                check_settings(settings)
            except InvalidInput as error:
                raise InvalidInput(
                    {f"settings.{name}": text for name, text in error.errors.items()}
                ) from error
        marks = self._checked_marks(lesson_marks)
        for key, themes in (corrections or {}).items():
            problem = correction_problem(key, list(themes))
            if problem:
                raise InvalidInput({f"theme_corrections.{key[:40]}": problem})
        checked = []
        for index, record in enumerate(records):
            draft, history = _checked_history(index, record, today)
            rounds = sum(1 for event in history if event.stage is Stage.INTERVIEW)
            notes = []
            for number, note in enumerate(record.reflections):
                try:
                    notes.append(check_reflection(note, today, rounds))
                except InvalidInput as error:
                    raise InvalidInput(
                        {
                            f"applications.{index}.reflections.{number}.{name}": text
                            for name, text in error.errors.items()
                        }
                    ) from error
            checked.append((draft, history, record.follow_ups, notes, record.deleted_at))
        with self._write() as connection:
            if replace_existing:
                self._clear(connection)
            if settings is not None:
                self._write_settings(connection, settings)
            for draft, history, to_do, notes, deleted_at in checked:
                application_id = self._insert(connection, draft, history, to_do, deleted_at)
                for note in notes:
                    self._insert_reflection(connection, application_id, note)
            self._mark_lessons(connection, marks)
            for key, themes in (corrections or {}).items():
                self._write_corrections(connection, key, list(themes.items()))
            self._bump(connection)
        return len(checked)

    def add_many(
        self,
        records: Sequence[Application],
        progress: Callable[[float], None] | None = None,
        batch: int = 1_000,
    ) -> int:
        """Check, then add many new applications (an import) in one transaction, in bulk.

        Each batch is one multi-row INSERT per table, so 10,000 rows take well under a
        second; `progress` hears the share written after each batch. Imports carry no
        reflections, so a record with any is refused rather than half-written.
        """
        if any(record.reflections for record in records):
            raise ValueError("add_many writes applications without reflections")
        today = date.today()
        checked = []
        for index, record in enumerate(records):
            draft, history = _checked_history(index, record, today)
            checked.append((draft, history, record.follow_ups))
        with self._write() as connection:
            # SQLite numbers one INSERT's rows in order under the write lock held here, but
            # SQLAlchemy would send them one by one to promise that order: sort the ids instead.
            sqlite = connection.dialect.name == "sqlite"
            for start in range(0, len(checked), batch):
                chunk = checked[start : start + batch]
                now = _now()
                ids = (
                    connection.execute(
                        sa.insert(applications).returning(
                            applications.c.id, sort_by_parameter_order=not sqlite
                        ),
                        [
                            {"owner_id": self.owner, "created_at": now, "updated_at": now}
                            | _draft_values(draft)
                            for draft, _, _ in chunk
                        ],
                    )
                    .scalars()
                    .all()
                )
                if sqlite:
                    ids.sort()
                children: dict[sa.Table, list[dict[str, object]]] = {
                    contacts: [],
                    events: [],
                    follow_ups: [],
                }
                for application_id, (draft, history, to_do) in zip(ids, chunk, strict=True):
                    base = {"owner_id": self.owner, "application_id": application_id}
                    children[contacts] += [base | asdict(person) for person in draft.contacts]
                    children[events] += [base | _event_values(event) for event in history]
                    children[follow_ups] += [base | _follow_up_values(item) for item in to_do]
                for table, rows in children.items():
                    if rows:
                        connection.execute(sa.insert(table), rows)
                if progress:
                    progress(min(start + batch, len(checked)) / len(checked))
            self._bump(connection)
        return len(checked)

    @staticmethod
    def _checked_marks(marks: Sequence[LessonState]) -> list[LessonState]:
        """Restored lessons obey the list's own rules: short, not empty, five pinned at most."""
        checked = []
        for index, mark in enumerate(marks):
            try:
                checked.append(replace(mark, text=check_lesson_text(mark.text)))
            except InvalidInput as error:
                raise InvalidInput({f"lessons.{index}.text": error.errors["text"]}) from error
        pinned = sum(1 for mark in checked if mark.pinned)
        if pinned > MAX_PINNED:
            raise InvalidInput(
                {"lessons": f"You can pin {MAX_PINNED} lessons; this backup pins {pinned}."}
            )
        return checked

    def _insert_reflection(
        self, connection: Connection, application_id: int, note: Reflection
    ) -> int:
        """Insert one checked reflection and link its lessons, in the caller's transaction."""
        reflection_id = connection.execute(
            sa.insert(reflections).values(
                owner_id=self.owner, application_id=application_id, **_reflection_values(note)
            )
        ).inserted_primary_key[0]
        for lesson in note.lessons:
            self._link_lesson(connection, lesson, reflection_id)
        return reflection_id

    def _mark_lessons(self, connection: Connection, marks: Sequence[LessonState]) -> None:
        """Restore pins and archive marks; a marked lesson nothing mentions is recreated."""
        for mark in marks:
            marked = _dialect_insert(connection, lessons).values(
                owner_id=self.owner,
                kind=mark.kind.value,
                text=mark.text,
                text_key=_text_key(mark.text),
                pinned=mark.pinned,
                archived=mark.archived,
            )
            connection.execute(
                marked.on_conflict_do_update(
                    index_elements=LESSON_IDENTITY,
                    set_={"pinned": marked.excluded.pinned, "archived": marked.excluded.archived},
                )
            )

    def _clear(self, connection: Connection) -> None:
        """Delete all of this owner's job-hunt data (used only by a confirmed restore)."""
        for table in (
            theme_corrections,
            lesson_sources,
            lessons,
            reflections,
            events,
            contacts,
            follow_ups,
            applications,
            settings_table,
        ):
            connection.execute(sa.delete(table).where(table.c.owner_id == self.owner))

    # --- frames for pages and analytics ----------------------------------------------

    def frames(self) -> dict[str, pd.DataFrame]:
        """All of the owner's rows as DataFrames, read in one consistent snapshot."""
        live = sa.select(applications.c.id).where(
            applications.c.owner_id == self.owner, LIVE_APPLICATION
        )
        live_notes = sa.select(reflections.c.id).where(
            reflections.c.owner_id == self.owner, _live_reflection(self.owner)
        )
        sources = sa.select(lesson_sources).where(
            lesson_sources.c.owner_id == self.owner, lesson_sources.c.reflection_id.in_(live_notes)
        )

        def of_live(table: sa.Table) -> sa.Select:
            return sa.select(table).where(
                table.c.owner_id == self.owner, table.c.application_id.in_(live)
            )

        queries = {
            "applications": sa.select(applications).where(
                applications.c.owner_id == self.owner, LIVE_APPLICATION
            ),
            "events": of_live(events),
            "contacts": of_live(contacts),
            "follow_ups": of_live(follow_ups),
            "reflections": sa.select(reflections).where(
                reflections.c.owner_id == self.owner, _live_reflection(self.owner)
            ),
            # As after a real delete: a lesson only deleted reflections mention is not shown.
            "lessons": sa.select(lessons).where(
                lessons.c.owner_id == self.owner,
                sa.or_(
                    lessons.c.pinned == sa.true(),
                    lessons.c.id.in_(sa.select(sources.subquery().c.lesson_id)),
                ),
            ),
            "lesson_sources": sources,
        }
        with self.engine.connect() as connection, connection.begin():
            result = {}
            for name, query in queries.items():
                cursor = connection.execute(query)
                result[name] = pd.DataFrame(cursor.all(), columns=list(cursor.keys()))
        return result


def _checked_history(
    index: int, record: Application, today: date
) -> tuple[ApplicationDraft, tuple[Event, ...]]:
    """One record of a batch checked like a form's input, its problems placed by its index."""
    try:
        return check_history(record.draft, record.events, record.follow_ups, today)
    except InvalidInput as error:
        raise InvalidInput(
            {f"applications.{index}.{name}": text for name, text in error.errors.items()}
        ) from error


def _event_order(row: sa.Row) -> tuple[date, int]:
    """History runs by date, and by the order entered within a day."""
    return (row.occurred_on, row.id)


def _event_values(event: Event) -> dict[str, object]:
    """The event columns for an Event."""
    return {
        "stage": event.stage.value,
        "occurred_on": event.on,
        "kind": event.kind.value if event.kind else None,
        "note": event.note,
    }


def _row_to_event(row: sa.Row) -> Event:
    """An Event from its stored row."""
    return Event(
        stage=Stage(row.stage),
        on=row.occurred_on,
        kind=InterviewKind(row.kind) if row.kind else None,
        note=row.note,
        id=row.id,
    )


def _follow_up_values(item: FollowUp) -> dict[str, object]:
    """The follow-up columns for a FollowUp."""
    return {"kind": item.kind.value, "due": item.due, "done_on": item.done_on, "note": item.note}


def _row_to_follow_up(row: sa.Row) -> FollowUp:
    """A FollowUp from its stored row."""
    return FollowUp(
        kind=FollowUpKind(row.kind), due=row.due, done_on=row.done_on, note=row.note, id=row.id
    )


def _reflection_values(reflection: Reflection) -> dict[str, object]:
    """The reflection columns; lists are stored as JSON text."""
    return {
        "prompt": reflection.prompt.value,
        "written_on": reflection.written_on,
        "interview_round": reflection.interview_round,
        "overall": reflection.overall,
        "confidence_before": reflection.confidence_before,
        "confidence_after": reflection.confidence_after,
        "went_well": reflection.went_well,
        "went_wrong": reflection.went_wrong,
        "trip_ups": json.dumps([item.value for item in reflection.trip_ups]),
        "tricky_question": reflection.tricky_question,
        "prep_hours": reflection.prep_hours,
        "prep_done": json.dumps([item.value for item in reflection.prep_done]),
        "feedback_asked_on": reflection.feedback_asked_on,
        "feedback_received_on": reflection.feedback_received_on,
        "feedback": reflection.feedback,
        "fairness": reflection.fairness.value if reflection.fairness else None,
        "characteristics": json.dumps([item.value for item in reflection.characteristics]),
        "fit": reflection.fit,
        "deleted_at": reflection.deleted_at,
    }


def _row_to_reflection(row: sa.Row, drawn: list[LessonDraft]) -> Reflection:
    """A Reflection from its stored row and the lessons linked to it."""
    return Reflection(
        id=row.id,
        version=row.version,
        application_id=row.application_id,
        prompt=Prompt(row.prompt),
        written_on=row.written_on,
        interview_round=row.interview_round,
        overall=row.overall,
        confidence_before=row.confidence_before,
        confidence_after=row.confidence_after,
        went_well=row.went_well,
        went_wrong=row.went_wrong,
        trip_ups=tuple(TripUp(item) for item in json.loads(row.trip_ups)),
        tricky_question=row.tricky_question,
        prep_hours=row.prep_hours,
        prep_done=tuple(Preparation(item) for item in json.loads(row.prep_done)),
        feedback_asked_on=row.feedback_asked_on,
        feedback_received_on=row.feedback_received_on,
        feedback=row.feedback,
        fairness=Fairness(row.fairness) if row.fairness else None,
        characteristics=tuple(Characteristic(item) for item in json.loads(row.characteristics)),
        lessons=tuple(drawn),
        fit=row.fit,
        deleted_at=row.deleted_at,
    )


def claim_owner(engine: Engine, legacy: str, owner: str) -> bool:
    """Hand every row of a legacy owner id to its new one, once, if the new one has nothing.

    Signed-in owners were once `user:` + e-mail; a verified sign-in claims that key. Rows
    move in one transaction; afterwards the legacy key owns nothing, so nobody claims twice.
    """
    if legacy == owner:
        return False
    owned = [table for table in metadata.sorted_tables if "owner_id" in table.c]
    with _writing(engine) as connection:
        for table in owned:
            taken = sa.select(table.c.owner_id).where(table.c.owner_id == owner).limit(1)
            if connection.execute(taken).first() is not None:
                return False
        moved = 0
        for table in reversed(owned):
            update = sa.update(table).where(table.c.owner_id == legacy).values(owner_id=owner)
            moved += connection.execute(update).rowcount
        return moved > 0
