"""Interviews booked ahead: scheduling, moving, cancelling, and recording one as held."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bounceback.domain import ChangedElsewhere, Event, NotFound, ScheduledInterview, Stage
from bounceback.schedule import check_held, check_schedule, from_row
from bounceback.storage.mapping import EVENTS
from bounceback.storage.schema import LIVE_APPLICATION, applications, events, scheduled_interviews
from bounceback.storage.store_applications import Applications
from bounceback.validation import check_event

_GONE = "That interview is no longer booked: it may have been cancelled in another tab."
_STALE = (
    "This interview was changed elsewhere (another tab or window) since you opened it. "
    "Reload to see the latest, then make your change again."
)


def booking_values(interview: ScheduledInterview) -> dict[str, object]:
    """The columns one interview writes: its start in UTC, and the zone it was booked in."""
    start = interview.starts_at
    zone = start.tzinfo.key if isinstance(start.tzinfo, ZoneInfo) else "UTC"
    return {
        "starts_at": start.astimezone(UTC).replace(tzinfo=None),
        "timezone": zone,
        "kind": interview.kind.value,
        "place": interview.place,
        "panel": json.dumps(list(interview.panel)),
        "duration_minutes": (
            None if interview.duration is None else interview.duration // timedelta(minutes=1)
        ),
    }


class Schedule(Applications):
    """The owner's interviews booked ahead, each one a row of its application's."""

    def schedule_interview(self, interview: ScheduledInterview, now: datetime) -> int:
        """Check and book an interview for an open application; returns its id."""
        with self._write() as connection:
            self._require(connection, interview.application_id)
            checked = check_schedule(interview, self._stage(connection, interview), now)
            new_id = connection.execute(
                sa.insert(scheduled_interviews).values(
                    owner_id=self.owner,
                    application_id=checked.application_id,
                    **booking_values(checked),
                )
            ).inserted_primary_key[0]
            self._bump(connection)
        return new_id

    def reschedule_interview(self, interview: ScheduledInterview, now: datetime) -> None:
        """Save a changed time, kind, place or panel, unless it changed elsewhere first."""
        if interview.id is None:
            raise NotFound(_GONE)
        with self._write() as connection:
            self._require(connection, interview.application_id)
            checked = check_schedule(interview, self._stage(connection, interview), now)
            if not self._next_version(
                connection,
                scheduled_interviews,
                interview.id,
                interview.version,
                scheduled_interviews.c.application_id == interview.application_id,
                **booking_values(checked),
            ):
                self._refuse(connection, interview.id)
            self._bump(connection)

    def cancel_interview(self, interview_id: int, expected_version: int) -> None:
        """Take a booked interview off the calendar, unless it changed elsewhere first."""
        with self._write() as connection:
            gone = connection.execute(
                sa.delete(scheduled_interviews).where(
                    scheduled_interviews.c.id == interview_id,
                    self._owned(scheduled_interviews),
                    scheduled_interviews.c.version == expected_version,
                )
            )
            if gone.rowcount != 1:
                self._refuse(connection, interview_id)
            self._bump(connection)

    def interview_held(
        self,
        interview_id: int,
        expected_version: int,
        application_version: int,
        now: datetime,
        today: date,
    ) -> int:
        """Record a booked interview as a round that happened, once it has started.

        The round is dated the interview's own day and the booking goes, in one transaction;
        returns the new event's id.
        """
        with self._write() as connection:
            interview = self._booked(connection, interview_id)
            if interview.version != expected_version:
                raise ChangedElsewhere(_STALE)
            check_held(interview, now)
            self._claim(connection, interview.application_id, application_version)
            applied_on, history = self._history_in(connection, interview.application_id)
            event = check_event(
                history[-1].stage,
                applied_on,
                history[-1].on,
                Event(Stage.INTERVIEW, interview.starts_at.date(), kind=interview.kind),
                today,
            )
            event_id = connection.execute(
                sa.insert(events).values(
                    owner_id=self.owner,
                    application_id=interview.application_id,
                    **EVENTS.values(event),
                )
            ).inserted_primary_key[0]
            connection.execute(
                sa.delete(scheduled_interviews).where(
                    scheduled_interviews.c.id == interview_id, self._owned(scheduled_interviews)
                )
            )
            self._touch(connection, interview.application_id)
            self._bump(connection)
        return event_id

    def booked_interviews(
        self, application_id: int | None = None, include_deleted: bool = False
    ) -> list[ScheduledInterview]:
        """Interviews booked for the owner's live applications (or one), soonest first.

        A backup includes those of applications waiting in "Recently deleted".
        """
        query = self._booked_query(include_deleted)
        if application_id is not None:
            query = query.where(scheduled_interviews.c.application_id == application_id)
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        return [from_row(row, row.company, row.role) for row in rows]

    def _booked_query(self, include_deleted: bool = False) -> sa.Select:
        """The owner's bookings on live applications, with each one's company and role."""
        query = (
            sa.select(scheduled_interviews, applications.c.company, applications.c.role)
            .join(applications, applications.c.id == scheduled_interviews.c.application_id)
            .where(self._owned(scheduled_interviews), self._owned(applications))
            .order_by(scheduled_interviews.c.starts_at, scheduled_interviews.c.id)
        )
        return query if include_deleted else query.where(LIVE_APPLICATION)

    def _booked(self, connection: Connection, interview_id: int) -> ScheduledInterview:
        """One booking, read inside the caller's transaction, or NotFound."""
        row = connection.execute(
            self._booked_query().where(scheduled_interviews.c.id == interview_id)
        ).one_or_none()
        if row is None:
            raise NotFound(_GONE)
        return from_row(row, row.company, row.role)

    def _stage(self, connection: Connection, interview: ScheduledInterview) -> Stage:
        """The application's stage now, read inside the caller's transaction."""
        _applied_on, history = self._history_in(connection, interview.application_id)
        return history[-1].stage if history else Stage.SAVED

    def _refuse(self, connection: Connection, interview_id: int) -> None:
        """Why a write to a booking matched nothing: gone, or changed since it was opened."""
        still = connection.execute(
            sa.select(scheduled_interviews.c.id).where(
                scheduled_interviews.c.id == interview_id, self._owned(scheduled_interviews)
            )
        ).first()
        raise ChangedElsewhere(_STALE) if still is not None else NotFound(_GONE)
