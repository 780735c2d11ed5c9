"""An advisor's sessions with the owner: dated notes and the actions agreed, done and undone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bounceback.domain import ChangedElsewhere, NotFound
from bounceback.sessions import Action, AdvisorSession, check_action, check_session
from bounceback.storage.base import StoreBase
from bounceback.storage.engine import utc_now
from bounceback.storage.mapping import ACTIONS, SESSIONS
from bounceback.storage.schema import advisor_sessions, session_actions

CHANGED = "This was changed elsewhere (another tab?) since you opened it. Reload to see it."


class Sessions(StoreBase):
    """The owner's session log and its action plan."""

    def sessions(self) -> list[AdvisorSession]:
        """Every session with its actions, the latest first."""
        with self.engine.connect() as connection, connection.begin():
            rows = connection.execute(
                sa.select(advisor_sessions)
                .where(self._owned(advisor_sessions))
                .order_by(advisor_sessions.c.held_on.desc(), advisor_sessions.c.id.desc())
            ).all()
            steps = connection.execute(
                sa.select(session_actions)
                .where(self._owned(session_actions))
                .order_by(session_actions.c.due, session_actions.c.id)
            ).all()
        agreed: dict[int, list[Action]] = {}
        for step in steps:
            agreed.setdefault(step.session_id, []).append(ACTIONS.load(step))
        return [SESSIONS.load(row, actions=tuple(agreed.get(row.id, ()))) for row in rows]

    def add_session(self, held_on: date, notes: str, today: date) -> int:
        """Check and start a session's record on its date."""
        check_session(held_on, notes, today)
        with self._write() as connection:
            found = self._insert_session(connection, AdvisorSession(held_on, notes))
            self._bump(connection)
        return found

    def _insert_session(self, connection: Connection, session: AdvisorSession) -> int:
        """Insert one session and its actions, in the caller's transaction."""
        session_id = connection.execute(
            sa.insert(advisor_sessions).values(
                owner_id=self.owner, created_at=utc_now(), **SESSIONS.values(session)
            )
        ).inserted_primary_key[0]
        if session.actions:
            connection.execute(
                sa.insert(session_actions),
                [
                    {"owner_id": self.owner, "session_id": session_id} | ACTIONS.values(action)
                    for action in session.actions
                ],
            )
        return session_id

    def save_notes(
        self, session_id: int, version: int, held_on: date, notes: str, today: date
    ) -> None:
        """Replace a session's date and notes, unless another save got there first."""
        check_session(held_on, notes, today)
        with self._write() as connection:
            self._require_session(connection, session_id)
            if not self._next_version(
                connection, advisor_sessions, session_id, version, held_on=held_on, notes=notes
            ):
                raise ChangedElsewhere(CHANGED)
            self._bump(connection)

    def add_action(self, session_id: int, action: Action, today: date) -> int:
        """Check and add an agreed action to one of the owner's sessions: not done yet."""
        return self.put_back_action(session_id, replace(action, done_on=None), today)

    def mark_action(self, action_id: int, version: int, done_on: date | None, today: date) -> None:
        """Tick an action done on a date, or untick it (None), unless it changed elsewhere."""
        with self._write() as connection:
            row = connection.execute(
                sa.select(session_actions).where(
                    session_actions.c.id == action_id, self._owned(session_actions)
                )
            ).one_or_none()
            if row is None:
                raise NotFound(f"No action {action_id}.")
            check_action(replace(ACTIONS.load(row), done_on=done_on), today)
            if not self._next_version(
                connection, session_actions, action_id, version, done_on=done_on
            ):
                raise ChangedElsewhere(CHANGED)
            self._bump(connection)

    def remove_action(self, action_id: int, version: int) -> tuple[int, Action]:
        """Delete one action, unless it changed elsewhere; returns it, so it can be put back."""
        with self._write() as connection:
            row = connection.execute(
                sa.select(session_actions).where(
                    session_actions.c.id == action_id, self._owned(session_actions)
                )
            ).one_or_none()
            if row is None:
                raise NotFound(f"No action {action_id}.")
            gone = connection.execute(
                sa.delete(session_actions).where(
                    session_actions.c.id == action_id,
                    self._owned(session_actions),
                    session_actions.c.version == version,
                )
            )
            if gone.rowcount != 1:
                raise ChangedElsewhere(CHANGED)
            self._bump(connection)
        return row.session_id, ACTIONS.load(row)

    def put_back_action(self, session_id: int, action: Action, today: date) -> int:
        """Undo a removal: the action returns to its session as it was, done mark included."""
        action = check_action(action, today)
        with self._write() as connection:
            self._require_session(connection, session_id)
            found = connection.execute(
                sa.insert(session_actions).values(
                    owner_id=self.owner, session_id=session_id, **ACTIONS.values(action)
                )
            ).inserted_primary_key[0]
            self._bump(connection)
        return found

    def _require_session(self, connection: Connection, session_id: int) -> None:
        """NotFound unless the owner has this session."""
        found = sa.select(advisor_sessions.c.id).where(
            advisor_sessions.c.id == session_id, self._owned(advisor_sessions)
        )
        if connection.execute(found).first() is None:
            raise NotFound(f"No session {session_id}.")

    def _load_sessions(self, connection: Connection, sessions: Sequence[AdvisorSession]) -> None:
        """Insert restored sessions, in the caller's transaction."""
        for session in sessions:
            self._insert_session(connection, session)
