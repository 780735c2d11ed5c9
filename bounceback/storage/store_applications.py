"""Applications, their history and follow-ups: adding, reading, editing, moving on."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bounceback.domain import (
    CLOSING,
    Application,
    ApplicationDraft,
    ChangedElsewhere,
    Contact,
    Event,
    FollowUp,
    InvalidInput,
    NotFound,
    Stage,
)
from bounceback.reflections import Prompt, Reflection, fold_feedback
from bounceback.storage.base import StoreBase
from bounceback.storage.engine import utc_now
from bounceback.storage.mapping import CONTACTS, DRAFTS, EVENTS, FOLLOW_UPS
from bounceback.storage.schema import (
    LIVE_APPLICATION,
    applications,
    contacts,
    events,
    follow_ups,
    reflections,
)
from bounceback.validation import (
    check_applied_on,
    check_done_on,
    check_draft,
    check_edit,
    check_event,
    check_first_stage,
    check_follow_up,
    check_removal,
    reopened_notes,
)


def event_order(row: sa.Row) -> tuple[date, int]:
    """History runs by date, and by the order entered within a day."""
    return (row.occurred_on, row.id)


class Applications(StoreBase):
    """The owner's applications with their contacts, events and follow-ups."""

    # --- applications ------------------------------------------------------------

    def add_application(
        self, draft: ApplicationDraft, stage: Stage = Stage.APPLIED, today: date | None = None
    ) -> int:
        """Check and save a new application with its first event, all or nothing."""
        today = today or date.today()
        draft = check_draft(draft, today)
        check_first_stage(stage)
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
        stamp = utc_now()
        application_id = connection.execute(
            sa.insert(applications).values(
                owner_id=self.owner,
                created_at=stamp,
                updated_at=stamp,
                deleted_at=deleted_at,
                **DRAFTS.values(draft),
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
        for table, rows in self._child_rows(application_id, people, history, to_do).items():
            if rows:
                connection.execute(sa.insert(table), rows)

    def _child_rows(
        self,
        application_id: int,
        people: Iterable[Contact],
        history: Iterable[Event],
        to_do: Iterable[FollowUp],
    ) -> dict[sa.Table, list[dict[str, object]]]:
        """The contact, event and follow-up rows of one application, table by table."""
        base = {"owner_id": self.owner, "application_id": application_id}
        return {
            contacts: [base | CONTACTS.values(person) for person in people],
            events: [base | EVENTS.values(event) for event in history],
            follow_ups: [base | FOLLOW_UPS.values(item) for item in to_do],
        }

    def get(self, application_id: int) -> Application:
        """One application with its whole history and reflections, or NotFound."""
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(applications).where(self._live_application(application_id))
            ).one_or_none()
            if row is None:
                raise NotFound(f"No application {application_id}.")
            found = self._assemble(connection, [row])[0]
        return replace(found, reflections=tuple(self.reflections(application_id)))

    def all(self, include_deleted: bool = False) -> list[Application]:
        """Every application of the owner with everything attached, oldest first.

        A backup includes what waits in "Recently deleted", marked so; exports don't.
        """
        query = sa.select(applications).where(self._owned(applications))
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
                    .where(self._owned(table), table.c.application_id.in_(chunk))
                    .order_by(order)
                )
                for child in connection.execute(query):
                    grouped.setdefault(child.application_id, []).append(child)
            children[table.name] = grouped
        return [
            Application(
                id=row.id,
                version=row.version,
                draft=DRAFTS.load(
                    row,
                    contacts=tuple(CONTACTS.load(c) for c in children["contacts"].get(row.id, [])),
                ),
                events=tuple(
                    EVENTS.load(e)
                    for e in sorted(children["events"].get(row.id, []), key=event_order)
                ),
                follow_ups=tuple(
                    FOLLOW_UPS.load(f) for f in children["follow_ups"].get(row.id, [])
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
                .where(events.c.application_id == application_id, self._owned(events))
                .order_by(events.c.occurred_on, events.c.id)
                .limit(2)
            ).all()
            check_applied_on(
                draft.applied_on, history[1].occurred_on if len(history) == 2 else None
            )
            self._claim(connection, application_id, expected_version)
            self._touch(connection, application_id, **DRAFTS.values(draft))
            if history:
                connection.execute(
                    sa.update(events)
                    .where(events.c.id == history[0].id, self._owned(events))
                    .values(occurred_on=draft.applied_on)
                )
            connection.execute(
                sa.delete(contacts).where(
                    contacts.c.application_id == application_id, self._owned(contacts)
                )
            )
            self._insert_children(connection, application_id, draft.contacts, (), ())
            self._bump(connection)

    def _claim(self, connection: Connection, application_id: int, expected_version: int) -> None:
        """Move the version on, or fail if another save got there first."""
        if self._next_version(
            connection, applications, application_id, expected_version, LIVE_APPLICATION
        ):
            return
        if not self._has(connection, application_id):
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
                    owner_id=self.owner, application_id=application_id, **EVENTS.values(event)
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
                            self._owned(applications),
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
                        **EVENTS.values(checked),
                    )
                )
            if problems:
                raise InvalidInput(problems)
            self._bump(connection)
        return len(versions)

    def _history_in(
        self, connection: Connection, application_id: int
    ) -> tuple[date, tuple[Event, ...]]:
        """The application's date and its history, read inside the caller's transaction."""
        applied_on = connection.execute(
            sa.select(applications.c.applied_on).where(
                applications.c.id == application_id, self._owned(applications)
            )
        ).scalar_one()
        rows = connection.execute(
            sa.select(events).where(events.c.application_id == application_id, self._owned(events))
        ).all()
        return applied_on, tuple(EVENTS.load(row) for row in sorted(rows, key=event_order))

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
                .where(events.c.id == event_id, self._owned(events))
                .values(**EVENTS.values(checked))
            )
            if checked.stage is Stage.REJECTED and checked.note != history[index].note:
                self._rejection_note_moved(connection, application_id)
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
                sa.delete(events).where(events.c.id == event_id, self._owned(events))
            )
            if history[index].stage is Stage.REJECTED and history[index].note:
                self._rejection_note_moved(connection, application_id, history[index].note)
            self._touch(connection, application_id)
            self._bump(connection)
        return history[index]

    def reopen(self, application_id: int, expected_version: int) -> Stage:
        """Take back a closing (rejected, withdrawn, ghosted): the stage before it returns.

        Everything before stays as it was; the closing's note is kept in the notes, or, for
        a rejection someone reflected on, with those reflections (its one home).
        """
        with self._write() as connection:
            self._claim(connection, application_id, expected_version)
            _applied_on, history = self._history_in(connection, application_id)
            last = history[-1]
            if last.stage not in CLOSING or len(history) < 2:
                raise InvalidInput({"stage": "This application is still open: nothing to reopen."})
            changes: dict[str, object] = {}
            kept = last.stage is Stage.REJECTED and self._rejection_note_moved(
                connection, application_id, last.note
            )
            if last.note and not kept:
                notes = connection.execute(
                    sa.select(applications.c.notes).where(
                        applications.c.id == application_id, self._owned(applications)
                    )
                ).scalar_one()
                changes["notes"] = reopened_notes(notes, last)
            connection.execute(sa.delete(events).where(events.c.id == last.id, self._owned(events)))
            self._touch(connection, application_id, **changes)
            self._bump(connection)
        return history[-2].stage

    def _rejection_note_moved(
        self, connection: Connection, application_id: int, going: str | None = None
    ) -> bool:
        """Reflections on the rejection read its note: forms opened on them are now stale.

        A note `going` with its rejection (undone or reopened) stays with those reflections,
        so the employer's words keep their one home; returns whether any reflection kept it.
        """
        found = connection.execute(
            sa.select(reflections.c.id, reflections.c.feedback).where(
                self._owned(reflections),
                reflections.c.application_id == application_id,
                reflections.c.prompt == Prompt.REJECTION.value,
                reflections.c.deleted_at.is_(None),
            )
        ).all()
        for row in found:
            values: dict[str, object] = {"version": reflections.c.version + 1}
            if going:
                values["feedback"] = fold_feedback(going, row.feedback)
            connection.execute(
                sa.update(reflections)
                .where(reflections.c.id == row.id, self._owned(reflections))
                .values(**values)
            )
        return bool(found and going)

    def _touch(self, connection: Connection, application_id: int, **values: object) -> None:
        """Note when an application last changed, in the caller's transaction."""
        connection.execute(
            sa.update(applications)
            .where(applications.c.id == application_id, self._owned(applications))
            .values(updated_at=utc_now(), **values)
        )

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
                    **FOLLOW_UPS.values(follow_up),
                )
            ).inserted_primary_key[0]
            self._bump(connection)
        return new_id

    def mark_follow_up(
        self, follow_up_id: int, done_on: date | None, expected_version: int | None = None
    ) -> int:
        """Tick a follow-up off (or untick it with None); returns the version it moves to.

        A tick from a page names the version it was drawn at: one changed elsewhere since
        is refused. Without a version (a script, a test) the tick simply lands.
        """
        check_done_on(done_on, date.today())
        with self._write() as connection:
            version = self._follow_up_version(connection, follow_up_id)
            if expected_version is not None and version != expected_version:
                raise ChangedElsewhere(
                    "This follow-up was changed elsewhere (another tab or window) since this "
                    "page showed it, so it was left as it is. Have a look, then try again."
                )
            connection.execute(
                sa.update(follow_ups)
                .where(follow_ups.c.id == follow_up_id, self._owned(follow_ups))
                .values(done_on=done_on, version=version + 1)
            )
            self._bump(connection)
        return version + 1

    def _follow_up_version(self, connection: Connection, follow_up_id: int) -> int:
        """The follow-up's saved version, or NotFound if the owner has no such follow-up."""
        version = connection.execute(
            sa.select(follow_ups.c.version).where(
                follow_ups.c.id == follow_up_id, self._owned(follow_ups)
            )
        ).scalar_one_or_none()
        if version is None:
            raise NotFound(f"No follow-up {follow_up_id}.")
        return version
