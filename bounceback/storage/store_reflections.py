"""Reflections and the lessons drawn from them: saving, linking, pinning, merging."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bounceback.domain import (
    Application,
    ChangedElsewhere,
    FollowUpKind,
    InvalidInput,
    NotFound,
    Stage,
)
from bounceback.lessons import DUPLICATE_LESSON, LessonState, check_pin, lesson_key
from bounceback.reflections import (
    LessonDraft,
    LessonKind,
    Prompt,
    Reflection,
    check_reflection,
    feedback_chase,
)
from bounceback.storage.base import StoreBase
from bounceback.storage.engine import dialect_insert
from bounceback.storage.mapping import FOLLOW_UPS, REFLECTIONS
from bounceback.storage.schema import (
    LESSON_IDENTITY,
    applications,
    events,
    follow_ups,
    lesson_sources,
    lessons,
    live_reflection,
    reflections,
    text_key,
)
from bounceback.validation import check_lesson_text


class Reflections(StoreBase):
    """The owner's reflections, and the do's-and-don'ts list they feed."""

    def save_reflection(self, reflection: Reflection, today: date | None = None) -> int:
        """Check and save a reflection with its lessons, all or nothing; returns its id.

        A reflection with an id is an edit: it must name the version it started from.
        Feedback asked for and not yet received gets a follow-up to chase it.
        """
        today = today or date.today()
        application = self.get(reflection.application_id)
        reflection = check_reflection(reflection, today, application.interview_rounds)
        values = REFLECTIONS.values(reflection)
        with self._write() as connection:
            self._require(connection, application.id)
            self._home_feedback(connection, reflection, values)
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
                        self._owned(lesson_sources),
                    )
                )
            for lesson in reflection.lessons:
                self._link_lesson(connection, lesson, reflection_id)
            self._drop_orphan_lessons(connection)
            if reflection.feedback_pending:
                self._chase_feedback(connection, application, today)
            self._bump(connection)
        return reflection_id

    def _home_feedback(self, connection: Connection, reflection: Reflection, values: dict) -> None:
        """A reflection on a rejection keeps what the employer said in the rejection's note.

        One home for those words: editing them here edits that note, themes count them once,
        and History's forms opened before this save are told it changed. A new reflection
        starts from the note (the form shows it), so only an edit can empty it.
        """
        if reflection.prompt is not Prompt.REJECTION:
            return
        rejection = connection.execute(
            sa.select(events.c.id, events.c.note)
            .where(
                self._owned(events),
                events.c.application_id == reflection.application_id,
                events.c.stage == Stage.REJECTED.value,
            )
            .order_by(events.c.occurred_on.desc(), events.c.id.desc())
            .limit(1)
        ).first()
        if rejection is None:
            return
        values["feedback"] = ""
        # A new reflection saved with no words of its own leaves the recorded ones as they are.
        if rejection.note == reflection.feedback or (
            reflection.id is None and not reflection.feedback
        ):
            return
        connection.execute(
            sa.update(events)
            .where(events.c.id == rejection.id, self._owned(events))
            .values(note=reflection.feedback)
        )
        connection.execute(
            sa.update(applications)
            .where(applications.c.id == reflection.application_id, self._owned(applications))
            .values(version=applications.c.version + 1)
        )

    def _claim_reflection(
        self,
        connection: Connection,
        reflection_id: int,
        application_id: int,
        expected: int,
        values: dict,
    ) -> None:
        """Save an edit unless another tab saved the reflection first (or it isn't this one's)."""
        if not self._next_version(
            connection,
            reflections,
            reflection_id,
            expected,
            reflections.c.application_id == application_id,
            reflections.c.deleted_at.is_(None),
            **values,
        ):
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
            dialect_insert(connection, lessons)
            .values(text_key=text_key(lesson.text), **values)
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
            self._owned(lessons),
            lessons.c.kind == kind,
            lessons.c.text_key == text_key(text),
        )
        if other_than is not None:
            query = query.where(lessons.c.id != other_than)
        return connection.execute(query).scalar_one_or_none()

    def _drop_orphan_lessons(self, connection: Connection) -> None:
        """A lesson no reflection mentions any more goes, unless the user pinned it."""
        linked = sa.select(lesson_sources.c.lesson_id).where(self._owned(lesson_sources))
        connection.execute(
            sa.delete(lessons).where(
                self._owned(lessons),
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
                self._owned(follow_ups),
                follow_ups.c.application_id == application.id,
                follow_ups.c.kind == FollowUpKind.ASK_FEEDBACK.value,
                follow_ups.c.done_on.is_(None),
            )
        ).first()
        if waiting is None:
            chase = feedback_chase(today)
            connection.execute(
                sa.insert(follow_ups).values(
                    owner_id=self.owner, application_id=application.id, **FOLLOW_UPS.values(chase)
                )
            )

    def reflections(
        self, application_id: int | None = None, include_deleted: bool = False
    ) -> list[Reflection]:
        """The owner's live reflections (or all, for a backup), oldest first, with lessons."""
        query = sa.select(reflections).where(self._owned(reflections))
        if not include_deleted:
            query = query.where(live_reflection(self.owner))
        if application_id is not None:
            query = query.where(reflections.c.application_id == application_id)
        with self.engine.connect() as connection:
            rows = connection.execute(query.order_by(reflections.c.written_on, reflections.c.id))
            found = rows.all()
            linked = (
                sa.select(lesson_sources.c.reflection_id, lessons.c.kind, lessons.c.text)
                .join(lessons, lessons.c.id == lesson_sources.c.lesson_id)
                .where(self._owned(lesson_sources))
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
        return [REFLECTIONS.load(row, lessons=tuple(drawn.get(row.id, ()))) for row in found]

    def update_lesson(
        self,
        lesson_id: int,
        *,
        text: str | None = None,
        pinned: bool | None = None,
        archived: bool | None = None,
        expected_version: int | None = None,
    ) -> None:
        """Edit, pin or archive one lesson; at most five lessons are pinned.

        A change from a page names the version the lesson was shown at: one changed
        elsewhere since is refused (a script or a test may leave the version out).
        """
        changes: dict[str, object] = {}
        if text is not None:
            text = check_lesson_text(text)
            changes.update(text=text, text_key=text_key(text))
        if pinned is not None:
            changes["pinned"] = pinned
        if archived is not None:
            changes["archived"] = archived
        with self._write() as connection:
            self._check_lesson_versions(connection, {lesson_id: expected_version})
            if text is not None:
                kind = connection.execute(
                    sa.select(lessons.c.kind).where(lessons.c.id == lesson_id, self._owned(lessons))
                ).scalar_one_or_none()
                if kind is not None and self._same_lesson(connection, kind, text, lesson_id):
                    raise InvalidInput({"text": DUPLICATE_LESSON})
            if pinned:
                count = connection.execute(
                    sa.select(sa.func.count()).where(
                        self._owned(lessons),
                        lessons.c.pinned == sa.true(),
                        lessons.c.id != lesson_id,
                    )
                ).scalar_one()
                check_pin(count)
            updated = connection.execute(
                sa.update(lessons)
                .where(lessons.c.id == lesson_id, self._owned(lessons))
                .values(version=lessons.c.version + 1, **changes)
            )
            if updated.rowcount == 0:
                raise NotFound(f"No lesson {lesson_id}.")
            self._bump(connection)

    def merge_lessons(
        self,
        keep_id: int,
        merged_ids: Sequence[int],
        versions: Mapping[int, int] | None = None,
    ) -> None:
        """Fold duplicates into one lesson: their mentions move over, nothing is lost.

        `versions` (lesson id -> the version shown) refuses a merge of lessons changed since.
        """
        others = [lesson_id for lesson_id in merged_ids if lesson_id != keep_id]
        with self._write() as connection:
            self._check_lesson_versions(connection, versions or {})
            found = connection.execute(
                sa.select(lessons.c.id).where(
                    self._owned(lessons), lessons.c.id.in_([keep_id, *others])
                )
            ).scalars()
            if set(found) != {keep_id, *others}:
                raise NotFound("Some of those lessons are no longer there.")
            connection.execute(
                sa.update(lesson_sources)
                .where(lesson_sources.c.lesson_id.in_(others), self._owned(lesson_sources))
                .values(lesson_id=keep_id)
            )
            connection.execute(
                sa.delete(lessons).where(lessons.c.id.in_(others), self._owned(lessons))
            )
            connection.execute(
                sa.update(lessons)
                .where(lessons.c.id == keep_id, self._owned(lessons))
                .values(version=lessons.c.version + 1)
            )
            self._bump(connection)

    def _check_lesson_versions(
        self, connection: Connection, expected: Mapping[int, int | None]
    ) -> None:
        """ChangedElsewhere if a lesson was saved since the page showed it at that version."""
        named = {lesson_id: version for lesson_id, version in expected.items() if version}
        if not named:
            return
        saved = dict(
            connection.execute(
                sa.select(lessons.c.id, lessons.c.version).where(
                    self._owned(lessons), lessons.c.id.in_(list(named))
                )
            ).all()
        )
        if any(saved.get(lesson_id, version) != version for lesson_id, version in named.items()):
            raise ChangedElsewhere(
                "This lesson was changed elsewhere (another tab or window) since this page "
                "showed it, so nothing was changed. Have a look at it now, then try again."
            )

    def lesson_states(self) -> list[LessonState]:
        """Every lesson with its pin and archive marks, for backups."""
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(lessons).where(self._owned(lessons))).all()
        marks = [LessonState(LessonKind(r.kind), r.text, r.pinned, r.archived) for r in rows]
        # Ordered by content, not id: a restore assigns ids afresh, the backup must not change.
        return sorted(marks, key=lambda mark: (mark.kind.value, lesson_key(mark.text)))

    def _insert_reflection(
        self, connection: Connection, application_id: int, note: Reflection
    ) -> int:
        """Insert one checked reflection and link its lessons, in the caller's transaction."""
        reflection_id = connection.execute(
            sa.insert(reflections).values(
                owner_id=self.owner, application_id=application_id, **REFLECTIONS.values(note)
            )
        ).inserted_primary_key[0]
        for lesson in note.lessons:
            self._link_lesson(connection, lesson, reflection_id)
        return reflection_id

    def _mark_lessons(self, connection: Connection, marks: Sequence[LessonState]) -> None:
        """Restore pins and archive marks; a marked lesson nothing mentions is recreated."""
        for mark in marks:
            marked = dialect_insert(connection, lessons).values(
                owner_id=self.owner,
                kind=mark.kind.value,
                text=mark.text,
                text_key=text_key(mark.text),
                pinned=mark.pinned,
                archived=mark.archived,
            )
            connection.execute(
                marked.on_conflict_do_update(
                    index_elements=LESSON_IDENTITY,
                    set_={
                        "pinned": marked.excluded.pinned,
                        "archived": marked.excluded.archived,
                        "version": lessons.c.version + 1,
                    },
                )
            )
