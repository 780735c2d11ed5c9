"""Many rows at once: a backup restored, sample data, an import, and the frames pages read."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from typing import NamedTuple

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bounceback.domain import (
    Application,
    ApplicationDraft,
    Event,
    FollowUp,
    InvalidInput,
    PrivateWriting,
    ScheduledInterview,
    Settings,
    Stage,
)
from bounceback.lessons import LessonState, check_marks
from bounceback.prep import check_ticks
from bounceback.reflections import Reflection, check_reflection
from bounceback.schedule import check_booking
from bounceback.sessions import AdvisorSession, check_action, check_session
from bounceback.storage.engine import utc_now
from bounceback.storage.mapping import DRAFTS
from bounceback.storage.schema import (
    LIVE_APPLICATION,
    advisor_sessions,
    applications,
    contacts,
    events,
    follow_ups,
    lesson_sources,
    lessons,
    live_reflection,
    prep_checks,
    private_writing,
    reflections,
    scheduled_interviews,
    session_actions,
    settings_table,
    theme_corrections,
)
from bounceback.storage.store_applications import Applications
from bounceback.storage.store_preferences import Preferences
from bounceback.storage.store_prep import Prep, check_writing
from bounceback.storage.store_reflections import Reflections
from bounceback.storage.store_schedule import booking_values
from bounceback.storage.store_sessions import Sessions
from bounceback.validation import (
    check_history,
    check_settings,
    correction_problem,
)

# Rows fetched at a time when reading frames: few enough to never be held all at once.
READ_ROWS = 2_000


@contextmanager
def placed(prefix: str) -> Iterator[None]:
    """Problems found inside are raised again with their fields placed under `prefix`."""
    try:
        yield
    except InvalidInput as error:
        raise InvalidInput(
            {f"{prefix}.{name}": text for name, text in error.errors.items()}
        ) from error


class _Checked(NamedTuple):
    """One record of a batch, checked like a form's input."""

    draft: ApplicationDraft
    history: tuple[Event, ...]
    follow_ups: tuple[FollowUp, ...]
    reflections: tuple[Reflection, ...]
    deleted_at: datetime | None
    prep_ticked: frozenset[str]
    private_writing: PrivateWriting | None


def _checked(index: int, record: Application, today: date) -> _Checked:
    """One record of a batch checked like a form's input, its problems placed by its index."""
    with placed(f"applications.{index}"):
        draft, history = check_history(record.draft, record.events, record.follow_ups, today)
    rounds = sum(1 for event in history if event.stage is Stage.INTERVIEW)
    notes = []
    for number, note in enumerate(record.reflections):
        with placed(f"applications.{index}.reflections.{number}"):
            notes.append(check_reflection(note, today, rounds))
    with placed(f"applications.{index}"):
        try:
            ticked = check_ticks(record.prep_ticked)
        except ValueError as error:
            raise InvalidInput({"prep_ticked": str(error)}) from error
        writing = check_writing(record.private_writing) if record.private_writing else None
    return _Checked(
        draft, history, record.follow_ups, tuple(notes), record.deleted_at, ticked, writing
    )


def _checked_bookings(
    interviews: Sequence[tuple[int, ScheduledInterview]], records: int
) -> list[tuple[int, ScheduledInterview]]:
    """Bookings of a batch checked like the form's text, each naming a record of the batch."""
    checked = []
    for number, (position, interview) in enumerate(interviews):
        with placed(f"scheduled_interviews.{number}"):
            if not 0 <= position < records:
                raise InvalidInput({"application": "It names no application in this backup."})
            checked.append((position, check_booking(interview)))
    return checked


def _check_corrections(corrections: Mapping[str, Mapping[str, bool]]) -> None:
    """Restored theme corrections obey the page's own rule."""
    for key, themes in corrections.items():
        problem = correction_problem(key, list(themes))
        if problem:
            raise InvalidInput({f"theme_corrections.{key[:40]}": problem})


def _check_sessions(sessions: Sequence[AdvisorSession], today: date) -> None:
    """Restored sessions and their actions obey the page's own rules, placed by index."""
    for index, session in enumerate(sessions):
        with placed(f"sessions.{index}"):
            check_session(session.held_on, session.notes, today)
        for number, action in enumerate(session.actions):
            with placed(f"sessions.{index}.actions.{number}"):
                check_action(action, today)


class Bulk(Applications, Reflections, Preferences, Prep, Sessions):
    """Writes of many records in one transaction, and reads of everything at once."""

    # --- bulk ----------------------------------------------------------------------

    def is_empty(self) -> bool:
        """Whether the owner has no applications yet (the first visit)."""
        with self.engine.connect() as connection:
            return (
                connection.execute(
                    sa.select(applications.c.id)
                    .where(self._owned(applications), LIVE_APPLICATION)
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
            "private_writing": private_writing,
            "settings": settings_table,
            "scheduled_interviews": scheduled_interviews,
            "sessions": advisor_sessions,
        }
        with self.engine.connect() as connection, connection.begin():
            return {
                name: connection.execute(
                    sa.select(sa.func.count()).where(self._owned(table))
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
        interviews: Sequence[tuple[int, ScheduledInterview]] = (),
        sessions: Sequence[AdvisorSession] = (),
    ) -> int:
        """Check, then write many applications (a backup, sample data) in one transaction.

        Reflections come with their application; lesson marks (pinned, archived) are applied
        last, and a pinned lesson no reflection mentions is kept as it was. Interviews booked
        ahead name their application by its place in `records`.
        """
        today = date.today()
        if settings is not None:
            with placed("settings"):
                check_settings(settings)
        marks = check_marks(lesson_marks)
        corrections = corrections or {}
        _check_corrections(corrections)
        _check_sessions(sessions, today)
        checked = [_checked(index, record, today) for index, record in enumerate(records)]
        booked = _checked_bookings(interviews, len(checked))
        with self._write() as connection:
            # Moved on, so a Settings form opened before the restore can't overwrite it.
            settings_at = self._settings_version(connection) + 1
            if replace_existing:
                self._clear(connection)
            if settings is not None:
                self._write_settings(connection, settings, settings_at)
            ids = []
            for record in checked:
                application_id = self._insert(
                    connection, record.draft, record.history, record.follow_ups, record.deleted_at
                )
                ids.append(application_id)
                for note in record.reflections:
                    self._insert_reflection(connection, application_id, note)
                self._write_prep(
                    connection, application_id, record.prep_ticked, record.private_writing
                )
            for position, interview in booked:
                connection.execute(
                    sa.insert(scheduled_interviews).values(
                        owner_id=self.owner,
                        application_id=ids[position],
                        **booking_values(interview),
                    )
                )
            self._mark_lessons(connection, marks)
            for key, themes in corrections.items():
                self._write_corrections(connection, key, list(themes.items()))
            self._load_sessions(connection, sessions)
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
        checked = [_checked(index, record, today) for index, record in enumerate(records)]
        with self._write() as connection:
            # SQLite numbers one INSERT's rows in order under the write lock held here, but
            # SQLAlchemy would send them one by one to promise that order: sort the ids instead.
            sqlite = connection.dialect.name == "sqlite"
            for start in range(0, len(checked), batch):
                chunk = checked[start : start + batch]
                stamp = utc_now()
                ids = (
                    connection.execute(
                        sa.insert(applications).returning(
                            applications.c.id, sort_by_parameter_order=not sqlite
                        ),
                        [
                            {"owner_id": self.owner, "created_at": stamp, "updated_at": stamp}
                            | DRAFTS.values(record.draft)
                            for record in chunk
                        ],
                    )
                    .scalars()
                    .all()
                )
                if sqlite:
                    ids.sort()
                children: dict[sa.Table, list[dict[str, object]]] = {}
                for application_id, record in zip(ids, chunk, strict=True):
                    found = self._child_rows(
                        application_id, record.draft.contacts, record.history, record.follow_ups
                    )
                    for table, rows in found.items():
                        children.setdefault(table, []).extend(rows)
                for table, rows in children.items():
                    if rows:
                        connection.execute(sa.insert(table), rows)
                if progress:
                    progress(min(start + batch, len(checked)) / len(checked))
            self._bump(connection)
        return len(checked)

    def _clear(self, connection: Connection) -> None:
        """Delete all of this owner's job-hunt data (used only by a confirmed restore)."""
        for table in (
            prep_checks,
            private_writing,
            session_actions,
            advisor_sessions,
            theme_corrections,
            lesson_sources,
            lessons,
            reflections,
            events,
            contacts,
            follow_ups,
            scheduled_interviews,
            applications,
            settings_table,
        ):
            connection.execute(sa.delete(table).where(self._owned(table)))

    def with_prep(self, records: Sequence[Application]) -> list[Application]:
        """The applications with their checklist ticks and private writing, for the backup only.

        Kept apart from `all` and `frames`, so no export, summary or page reads the writing.
        """
        ids = [record.id for record in records]
        with self.engine.connect() as connection, connection.begin():
            ticks, writings = self._ticks(connection, ids), self._writings(connection, ids)
        return [
            replace(
                record,
                prep_ticked=ticks.get(record.id, frozenset()),
                private_writing=writings.get(record.id),
            )
            for record in records
        ]

    def frames(self) -> dict[str, pd.DataFrame]:
        """All of the owner's rows as DataFrames, read in one consistent snapshot."""
        live = sa.select(applications.c.id).where(self._owned(applications), LIVE_APPLICATION)
        live_notes = sa.select(reflections.c.id).where(
            self._owned(reflections), live_reflection(self.owner)
        )
        sources = sa.select(lesson_sources).where(
            self._owned(lesson_sources), lesson_sources.c.reflection_id.in_(live_notes)
        )

        def of_live(table: sa.Table) -> sa.Select:
            return sa.select(table).where(self._owned(table), table.c.application_id.in_(live))

        queries = {
            "applications": sa.select(applications).where(
                self._owned(applications), LIVE_APPLICATION
            ),
            "events": of_live(events),
            "contacts": of_live(contacts),
            "follow_ups": of_live(follow_ups),
            "scheduled_interviews": of_live(scheduled_interviews),
            "reflections": sa.select(reflections).where(
                self._owned(reflections), live_reflection(self.owner)
            ),
            # As after a real delete: a lesson only deleted reflections mention is not shown.
            "lessons": sa.select(lessons).where(
                self._owned(lessons),
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
                result[name] = _frame(connection.execute(query))
        return result


def _frame(cursor: sa.CursorResult) -> pd.DataFrame:
    """A result as a DataFrame, gathered a column at a time from a few thousand rows at once.

    Building it from Row objects made pandas probe each for attributes (an exception inside
    SQLAlchemy per row); holding every row at once left the server tens of MB bigger for
    good at 10,000 applications, in memory freed too scattered to give back.
    """
    names = list(cursor.keys())
    columns: list[list[object]] = [[] for _ in names]
    for rows in cursor.partitions(READ_ROWS):
        for column, cells in zip(columns, zip(*rows, strict=True), strict=True):
            column.extend(cells)
    if not columns or not columns[0]:
        return pd.DataFrame([], columns=names)  # every column object-typed, as pandas makes it
    return pd.DataFrame(dict(zip(names, columns, strict=True)), columns=names)
