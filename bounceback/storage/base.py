"""What every part of the store shares: one owner, its write lock, revision and owner clause."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Self

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from bounceback.config import DEFAULT_OWNER
from bounceback.domain import NotFound
from bounceback.storage.engine import (
    BUSY,
    LOCK_NOT_AVAILABLE,
    LOCK_WAIT_MS,
    Busy,
    CantOpen,
    database_problem,
    dialect_insert,
    lock_owner,
    make_engine,
    newer,
    peek_version,
    read_only_reason,
    sqlite_file,
    writing,
)
from bounceback.storage.migrations import upgrade
from bounceback.storage.schema import (
    LIVE_APPLICATION,
    SCHEMA_VERSION,
    applications,
    metadata,
    owned,
    revisions,
)


class StoreBase:
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
    def open(cls, url: str, owner: str = DEFAULT_OWNER) -> Self:
        """Connect and upgrade the schema if needed, so callers always see the current one.

        A file from a newer bounceback is refused before anything touches it; a file that
        can't be written is opened read-only, so it can still be looked at.
        """
        file = sqlite_file(url)
        try:
            reason = read_only_reason(file) if file is not None else None
            if file is not None and file.exists():
                version = peek_version(file)
                if version is not None and version > SCHEMA_VERSION:
                    raise newer(version, SCHEMA_VERSION)
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
                f"bounceback couldn't open its database: {database_problem(error)}. "
                "Nothing in it was changed."
            ) from error
        return cls(engine, owner, reason)

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction holding this owner's lock: the rules checked stay true.

        On PostgreSQL, a lock waited for too long becomes Busy, as on SQLite.
        """
        try:
            with writing(self.engine) as connection:
                lock_owner(connection, self.owner, self.lock_wait_ms)
                yield connection
        except sa.exc.OperationalError as error:
            if getattr(error.orig, "sqlstate", None) != LOCK_NOT_AVAILABLE:
                raise
            raise Busy(BUSY) from error

    def _owned(self, table: sa.Table) -> sa.ColumnElement[bool]:
        """Only this owner's rows: the clause every query of the store carries."""
        return owned(table, self.owner)

    def revision(self) -> int:
        """A number that changes whenever this owner's data changes."""
        with self.engine.connect() as connection:
            value = connection.execute(
                sa.select(revisions.c.revision).where(self._owned(revisions))
            ).scalar_one_or_none()
        return value or 0

    def _bump(self, connection: Connection) -> None:
        """Mark this owner's data as changed, in the caller's transaction."""
        first = dialect_insert(connection, revisions).values(owner_id=self.owner, revision=1)
        connection.execute(
            first.on_conflict_do_update(
                index_elements=[revisions.c.owner_id],
                set_={"revision": revisions.c.revision + 1},
            )
        )

    def _live_application(self, application_id: int) -> sa.ColumnElement[bool]:
        """The clause for one of the owner's applications, while it is live."""
        return sa.and_(
            applications.c.id == application_id, self._owned(applications), LIVE_APPLICATION
        )

    def _require(self, connection: Connection, application_id: int) -> None:
        """NotFound unless the owner has this application, live."""
        if not self._has(connection, application_id):
            raise NotFound(f"No application {application_id}.")

    def _has(self, connection: Connection, application_id: int) -> bool:
        """Whether the owner has this application, live."""
        found = sa.select(applications.c.id).where(self._live_application(application_id))
        return connection.execute(found).first() is not None

    def _next_version(
        self,
        connection: Connection,
        table: sa.Table,
        row_id: int,
        expected: int,
        *where: sa.ColumnElement[bool],
        **values: object,
    ) -> bool:
        """Move a row's version on (writing `values`) if no other save got there first."""
        claimed = connection.execute(
            sa.update(table)
            .where(table.c.id == row_id, self._owned(table), table.c.version == expected, *where)
            .values(version=table.c.version + 1, **values)
        )
        return claimed.rowcount == 1


def claim_owner(engine: Engine, legacy: str, owner: str) -> bool:
    """Hand every row of a legacy owner id to its new one, once, if the new one has nothing.

    Signed-in owners were once `user:` + e-mail; a verified sign-in claims that key. Rows
    move in one transaction; afterwards the legacy key owns nothing, so nobody claims twice.
    """
    if legacy == owner:
        return False
    tables = [table for table in metadata.sorted_tables if "owner_id" in table.c]
    with writing(engine) as connection:
        for table in tables:
            taken = sa.select(table.c.owner_id).where(owned(table, owner)).limit(1)
            if connection.execute(taken).first() is not None:
                return False
        moved = 0
        for table in reversed(tables):
            update = sa.update(table).where(owned(table, legacy)).values(owner_id=owner)
            moved += connection.execute(update).rowcount
        return moved > 0
