"""Creating the schema and upgrading older databases, one step per version, all or nothing."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from bounceback.reflections import fold_feedback
from bounceback.storage.engine import lock_schema, newer, writing
from bounceback.storage.schema import (
    SCHEMA_VERSION,
    advisor_sessions,
    events,
    lesson_sources,
    lessons,
    lessons_identity,
    metadata,
    prep_checks,
    private_writing,
    reflections,
    scheduled_interviews,
    schema_info,
    session_actions,
    text_key,
    theme_corrections,
    workspaces,
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
        copies.setdefault((row.owner_id, row.kind, text_key(row.text)), []).append(row)
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


def _add_scheduled_interviews(connection: Connection) -> None:
    """Schema 5 -> 6: one new table for interviews booked ahead; every existing row stays.

    A database rebuilt from an older stamp may already hold it, in today's shape.
    """
    scheduled_interviews.create(connection, checkfirst=True)


def _add_workspaces(connection: Connection) -> None:
    """Schema 6 -> 7: the client workspaces table; every existing row is the default workspace.

    The default workspace keeps the account's own owner id, so nothing moves.
    """
    workspaces.create(connection, checkfirst=True)


def _fold_rejection_feedback(connection: Connection) -> None:
    """Schema 7 -> 8, part one: a rejection's feedback gets one home, the rejection's note.

    A reflection on a rejection that holds its own copy of what the employer said gives it to
    the note of the latest rejection: the same words once, different words kept after the
    note's, so nothing is lost and nothing is counted twice.
    """
    found = connection.execute(
        sa.select(reflections.c.id, reflections.c.application_id, reflections.c.feedback)
        .where(reflections.c.prompt == "rejection", reflections.c.feedback != "")
        .order_by(reflections.c.id)
    ).all()
    for row in found:
        rejection = connection.execute(
            sa.select(events.c.id, events.c.note)
            .where(events.c.application_id == row.application_id, events.c.stage == "rejected")
            .order_by(events.c.occurred_on.desc(), events.c.id.desc())
            .limit(1)
        ).first()
        if rejection is None:
            continue
        connection.execute(
            sa.update(events)
            .where(events.c.id == rejection.id)
            .values(note=fold_feedback(rejection.note, row.feedback))
        )
        connection.execute(
            sa.update(reflections).where(reflections.c.id == row.id).values(feedback="")
        )


def _add_versions(connection: Connection) -> None:
    """Schema 7 -> 8, part two: lessons, follow-ups and settings carry a version, as
    applications and reflections do, so a save from a stale form is refused."""
    for table in ("lessons", "follow_ups", "settings"):
        columns = {column["name"] for column in sa.inspect(connection).get_columns(table)}
        if "version" not in columns:
            connection.exec_driver_sql(
                f"ALTER TABLE {table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1"
            )


def _one_home_for_feedback_and_versions(connection: Connection) -> None:
    """Schema 7 -> 8: rejection feedback in one place; versions on the last unversioned rows."""
    _fold_rejection_feedback(connection)
    _add_versions(connection)


def _add_prep_and_private_writing(connection: Connection) -> None:
    """Schema 8 -> 9: two new tables (the prep checklist, the private writing), no row changed.

    A database set up in today's shape earlier in this very upgrade already has them.
    """
    for table in (prep_checks, private_writing):
        table.create(connection, checkfirst=True)


def _add_advisor_sessions(connection: Connection) -> None:
    """Schema 9 -> 10: new tables for sessions and their actions; every existing row stays.

    A database stamped older but made in today's shape already has them.
    """
    for table in (advisor_sessions, session_actions):
        table.create(connection, checkfirst=True)


def _add_job_description(connection: Connection) -> None:
    """Schema 10 -> 11: a job description on applications, empty on every existing row.

    A table created earlier in this very upgrade already has it.
    """
    columns = {column["name"] for column in sa.inspect(connection).get_columns("applications")}
    if "job_description" not in columns:
        connection.exec_driver_sql(
            "ALTER TABLE applications ADD COLUMN job_description TEXT NOT NULL DEFAULT ''"
        )


MIGRATIONS: dict[int, Migration] = {
    1: _add_reflections,
    2: _add_theme_corrections,
    3: _key_lessons,
    4: _add_deleted_at,
    5: _add_scheduled_interviews,
    6: _add_workspaces,
    7: _one_home_for_feedback_and_versions,
    8: _add_prep_and_private_writing,
    9: _add_advisor_sessions,
    10: _add_job_description,
}


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
    with writing(engine) as connection:
        lock_schema(connection)
        version = schema_version(connection)
        if version is None:
            metadata.create_all(connection)
            _stamp(connection, target)
            return target
        if version > target:
            raise newer(version, target)
        for step in range(version, target):
            migrations[step](connection)
        if version != target:
            _stamp(connection, target)
    return target
