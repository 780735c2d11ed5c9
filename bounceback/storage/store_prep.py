"""The prep sheet's checklist ticks and the private writing, one application at a time."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bounceback.domain import ChangedElsewhere, InvalidInput, PrivateWriting
from bounceback.prep import check_ticks
from bounceback.storage.base import StoreBase
from bounceback.storage.engine import dialect_insert
from bounceback.storage.schema import prep_checks, private_writing
from bounceback.validation import LONG_TEXT, text_problem


def check_writing(writing: PrivateWriting) -> PrivateWriting:
    """The private writing obeys the one text rule, each problem naming its box."""
    problems = {
        name: problem
        for name, what in (("feeling", "How it feels"), ("compassion", "What you'd tell a friend"))
        if (problem := text_problem(getattr(writing, name), LONG_TEXT, what))
    }
    if problems:
        raise InvalidInput(problems)
    return writing


class Prep(StoreBase):
    """Per-application preparation: ticks on the checklist, and writing kept private."""

    def prep_ticks(self, application_id: int) -> frozenset[str]:
        """The checklist items ticked for this application."""
        with self.engine.connect() as connection:
            return self._ticks(connection, [application_id]).get(application_id, frozenset())

    def tick_prep(self, application_id: int, item: str, ticked: bool) -> None:
        """Tick or untick one item; doing it twice (two tabs) leaves one tick, never two."""
        try:
            check_ticks([item])
        except ValueError as error:
            raise InvalidInput({"checklist": str(error)}) from error
        with self._write() as connection:
            self._require(connection, application_id)
            if ticked:
                connection.execute(
                    dialect_insert(connection, prep_checks)
                    .values(owner_id=self.owner, application_id=application_id, item=item)
                    .on_conflict_do_nothing()
                )
            else:
                connection.execute(
                    sa.delete(prep_checks).where(
                        self._owned(prep_checks),
                        prep_checks.c.application_id == application_id,
                        prep_checks.c.item == item,
                    )
                )
            self._bump(connection)

    def private_writing(self, application_id: int) -> PrivateWriting | None:
        """What the user wrote privately about this application, or None."""
        with self.engine.connect() as connection:
            return self._writings(connection, [application_id]).get(application_id)

    def save_private_writing(
        self, application_id: int, writing: PrivateWriting, expected_version: int | None
    ) -> PrivateWriting:
        """Save the writing; a save from an older version (another tab) is refused, not merged.

        `expected_version` is None for the first save; the saved writing is returned.
        """
        writing = check_writing(writing)
        values = {"feeling": writing.feeling, "compassion": writing.compassion}
        with self._write() as connection:
            self._require(connection, application_id)
            if expected_version is None:
                added = connection.execute(
                    dialect_insert(connection, private_writing)
                    .values(owner_id=self.owner, application_id=application_id, **values)
                    .on_conflict_do_nothing()
                    .returning(private_writing.c.id)
                )
                saved = added.first() is not None
                version = 1
            else:
                saved = self._next_writing(connection, application_id, expected_version, values)
                version = expected_version + 1
            if not saved:
                raise ChangedElsewhere(
                    "This writing was changed in another tab or window; reload to see it."
                )
            self._bump(connection)
        return PrivateWriting(writing.feeling, writing.compassion, version)

    def _next_writing(
        self, connection: Connection, application_id: int, expected: int, values: dict[str, str]
    ) -> bool:
        """Move the writing's version on if no other save got there first."""
        claimed = connection.execute(
            sa.update(private_writing)
            .where(
                self._owned(private_writing),
                private_writing.c.application_id == application_id,
                private_writing.c.version == expected,
            )
            .values(version=private_writing.c.version + 1, **values)
        )
        return claimed.rowcount == 1

    def _ticks(self, connection: Connection, ids: Sequence[int]) -> dict[int, frozenset[str]]:
        """Ticked items per application, for the owner's applications named."""
        found: dict[int, set[str]] = {}
        for start in range(0, len(ids), 500):
            rows = connection.execute(
                sa.select(prep_checks.c.application_id, prep_checks.c.item).where(
                    self._owned(prep_checks),
                    prep_checks.c.application_id.in_(ids[start : start + 500]),
                )
            )
            for row in rows:
                found.setdefault(row.application_id, set()).add(row.item)
        return {key: frozenset(items) for key, items in found.items()}

    def _writings(self, connection: Connection, ids: Sequence[int]) -> dict[int, PrivateWriting]:
        """The private writing per application, for the owner's applications named."""
        found: dict[int, PrivateWriting] = {}
        for start in range(0, len(ids), 500):
            rows = connection.execute(
                sa.select(private_writing).where(
                    self._owned(private_writing),
                    private_writing.c.application_id.in_(ids[start : start + 500]),
                )
            )
            for row in rows:
                found[row.application_id] = PrivateWriting(row.feeling, row.compassion, row.version)
        return found

    def _write_prep(
        self,
        connection: Connection,
        application_id: int,
        ticked: Collection[str],
        writing: PrivateWriting | None,
    ) -> None:
        """A restored application's ticks and writing, in the caller's transaction."""
        if ticked:
            connection.execute(
                sa.insert(prep_checks),
                [
                    {"owner_id": self.owner, "application_id": application_id, "item": item}
                    for item in sorted(ticked)
                ],
            )
        if writing is not None and (writing.feeling or writing.compassion):
            connection.execute(
                sa.insert(private_writing).values(
                    owner_id=self.owner,
                    application_id=application_id,
                    feeling=writing.feeling,
                    compassion=writing.compassion,
                )
            )
