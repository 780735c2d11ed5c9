"""Recently deleted: what waits there for 30 days, bringing it back, and emptying it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bounceback.domain import NotFound
from bounceback.storage.engine import utc_now
from bounceback.storage.schema import (
    KEEP_DELETED,
    LIVE_APPLICATION,
    applications,
    contacts,
    events,
    follow_ups,
    lesson_sources,
    live_reflection,
    prep_checks,
    private_writing,
    reflections,
    scheduled_interviews,
)
from bounceback.storage.store_reflections import Reflections


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


class RecentlyDeleted(Reflections):
    """Deleting moves things aside; they go for good after KEEP_DELETED, or when emptied."""

    def delete(self, application_id: int) -> None:
        """Move an application, with everything attached, to "Recently deleted"."""
        self._set_aside(
            applications,
            [application_id],
            LIVE_APPLICATION,
            f"No application {application_id}: it may have been deleted already.",
        )

    def delete_many(self, application_ids: Sequence[int]) -> int:
        """Move several applications to Recently deleted in one transaction, all or none."""
        return self._set_aside(
            applications,
            application_ids,
            LIVE_APPLICATION,
            "Some of those applications are no longer here: nothing was deleted. "
            "Reload and try again.",
        )

    def delete_reflection(self, reflection_id: int) -> None:
        """Move one reflection to "Recently deleted"; its lessons stop counting it."""
        self._set_aside(
            reflections,
            [reflection_id],
            live_reflection(self.owner),
            "That reflection is no longer here: it may have been deleted.",
        )

    def _set_aside(
        self, table: sa.Table, ids: Sequence[int], live: sa.ColumnElement[bool], gone: str
    ) -> int:
        """Mark live rows deleted, all or none (NotFound saying `gone`), and purge the old."""
        with self._write() as connection:
            deleted = connection.execute(
                sa.update(table)
                .where(table.c.id.in_(list(ids)), self._owned(table), live)
                .values(deleted_at=utc_now())
            )
            if deleted.rowcount != len(set(ids)):
                raise NotFound(gone)
            self._purge(connection, utc_now() - KEEP_DELETED)
            self._bump(connection)
        return deleted.rowcount

    def recently_deleted(self) -> list[Deleted]:
        """What waits in "Recently deleted", newest first."""
        since = utc_now() - KEEP_DELETED
        with self.engine.connect() as connection:
            gone = connection.execute(
                sa.select(
                    applications.c.id,
                    applications.c.company,
                    applications.c.role,
                    applications.c.deleted_at,
                ).where(self._owned(applications), applications.c.deleted_at > since)
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
                    self._owned(reflections),
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
                self._owned(table),
                table.c.deleted_at > utc_now() - KEEP_DELETED,
            ]
            if table is reflections:
                conditions.append(
                    reflections.c.application_id.in_(
                        sa.select(applications.c.id).where(
                            self._owned(applications), LIVE_APPLICATION
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
            self._owned(reflections), reflections.c.deleted_at.is_not(None)
        )
        gone_apps = sa.select(applications.c.id).where(
            self._owned(applications), applications.c.deleted_at.is_not(None)
        )
        if before is not None:
            gone_notes = gone_notes.where(reflections.c.deleted_at <= before)
            gone_apps = gone_apps.where(applications.c.deleted_at <= before)
        note_ids = list(connection.execute(gone_notes).scalars())
        app_ids = list(connection.execute(gone_apps).scalars())
        if not note_ids and not app_ids:
            return 0
        with_apps = sa.select(reflections.c.id).where(
            self._owned(reflections), reflections.c.application_id.in_(app_ids)
        )
        going = sa.or_(
            lesson_sources.c.reflection_id.in_(note_ids),
            lesson_sources.c.reflection_id.in_(with_apps),
        )
        connection.execute(sa.delete(lesson_sources).where(self._owned(lesson_sources), going))
        connection.execute(
            sa.delete(reflections).where(self._owned(reflections), reflections.c.id.in_(note_ids))
        )
        for table in (
            events,
            contacts,
            follow_ups,
            scheduled_interviews,
            reflections,
            prep_checks,
            private_writing,
        ):
            connection.execute(
                sa.delete(table).where(self._owned(table), table.c.application_id.in_(app_ids))
            )
        connection.execute(
            sa.delete(applications).where(self._owned(applications), applications.c.id.in_(app_ids))
        )
        self._drop_orphan_lessons(connection)
        return len(note_ids) + len(app_ids)
