"""The tables, as SQLAlchemy metadata: what `upgrade` creates and every query names."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import sqlalchemy as sa

from bounceback.lessons import lesson_key
from bounceback.sessions import ACTION_TEXT
from bounceback.validation import LESSON_TEXT, SNIPPET_KEY_TEXT, THEME_NAME_TEXT, WORKSPACE_NAME

SCHEMA_VERSION = 11
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
    # Schema 8: the owner's settings move on together; a save names the version it read.
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
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
    # Schema 11: the job advert as pasted, for the strengths match.
    sa.Column("job_description", sa.Text, nullable=False, server_default=""),
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
    # Schema 8: optimistic locking, as on applications.
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
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
    sa.Column("text", sa.String(LESSON_TEXT), nullable=False),
    sa.Column("pinned", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("archived", sa.Boolean, nullable=False, server_default=sa.false()),
    # Schema 4: a digest of the folded wording (see text_key), unique per owner and kind.
    sa.Column("text_key", sa.String(64), nullable=False),
    # Schema 8: optimistic locking, as on applications.
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
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
    sa.Column("snippet_key", sa.String(SNIPPET_KEY_TEXT), primary_key=True),
    sa.Column("theme", sa.String(THEME_NAME_TEXT), primary_key=True),
    sa.Column("present", sa.Boolean, nullable=False),
)

# Schema 6: interview rounds booked ahead. The start is UTC; its zone says how to show it.
scheduled_interviews = _child_table(
    "scheduled_interviews",
    sa.Column("starts_at", sa.DateTime, nullable=False),
    sa.Column("timezone", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("place", sa.Text, nullable=False, server_default=""),
    # The panel's names, as JSON text: read whole, never queried inside.
    sa.Column("panel", sa.Text, nullable=False, server_default="[]"),
    sa.Column("duration_minutes", sa.Integer),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
)


# Schema 7: client workspaces. Each is a job search of its own within an account: its rows
# carry `workspace_scope(id)` as their owner_id, so every owner clause keeps them apart. The
# account's own search is the default workspace and keeps the account's owner id: no row moves.
workspaces = sa.Table(
    "workspaces",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner_id", sa.String(200), nullable=False, index=True),
    sa.Column("name", sa.String(WORKSPACE_NAME), nullable=False),
    sa.Column("archived", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.DateTime, nullable=False),
    # An id is never handed out twice, even after a failed import's workspace goes: a scope
    # once granted to one account can never name another's.
    sqlite_autoincrement=True,
)


WORKSPACE_PREFIX = "workspace:"


def workspace_scope(workspace_id: int) -> str:
    """The owner id a workspace's rows carry: unique in the database, never an account's id."""
    return f"{WORKSPACE_PREFIX}{workspace_id}"


# Schema 9: the prep sheet's checklist, one row per ticked item, and the private writing,
# one per application. The writing is read only by its own page and the backup, never by
# `frames`, so no theme, summary, CSV or presenter view can reach it.
PREP_ITEM_TEXT = 20
prep_checks = _child_table(
    "prep_checks", sa.Column("item", sa.String(PREP_ITEM_TEXT), nullable=False)
)
prep_checks_identity = sa.Index(
    "prep_checks_one_per_item",
    prep_checks.c.owner_id,
    prep_checks.c.application_id,
    prep_checks.c.item,
    unique=True,
)
private_writing = _child_table(
    "private_writing",
    sa.Column("feeling", sa.Text, nullable=False, server_default=""),
    sa.Column("compassion", sa.Text, nullable=False, server_default=""),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
)
private_writing_identity = sa.Index(
    "private_writing_one_per_application",
    private_writing.c.owner_id,
    private_writing.c.application_id,
    unique=True,
)


# Schema 10: an advisor's sessions with a client, and the actions agreed in each.
advisor_sessions = sa.Table(
    "advisor_sessions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner_id", sa.String(200), nullable=False, index=True),
    sa.Column("held_on", sa.Date, nullable=False),
    # Private to the advisor: never in presenter mode, the summary or the activity log.
    sa.Column("notes", sa.Text, nullable=False, server_default=""),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    sa.Column("created_at", sa.DateTime, nullable=False),
)
session_actions = sa.Table(
    "session_actions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner_id", sa.String(200), nullable=False, index=True),
    sa.Column(
        "session_id",
        sa.Integer,
        sa.ForeignKey("advisor_sessions.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("text", sa.String(ACTION_TEXT), nullable=False),
    sa.Column("who", sa.String(10), nullable=False),
    sa.Column("due", sa.Date, nullable=False),
    sa.Column("done_on", sa.Date),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
)


def text_key(text: str) -> str:
    """A lesson's identity: its folded wording, digested to fit a short indexed column."""
    return hashlib.sha256(lesson_key(text).encode("utf-8", "surrogatepass")).hexdigest()


def owned(table: sa.Table, owner: str) -> sa.ColumnElement[bool]:
    """The clause every query carries: only this owner's rows."""
    return table.c.owner_id == owner


# Rows a page may show: not waiting in "Recently deleted", and not part of something that is.
LIVE_APPLICATION = applications.c.deleted_at.is_(None)


def live_reflection(owner: str) -> sa.ColumnElement[bool]:
    """A reflection that is live and belongs to one of the owner's live applications."""
    return sa.and_(
        reflections.c.deleted_at.is_(None),
        reflections.c.application_id.in_(
            sa.select(applications.c.id).where(owned(applications, owner), LIVE_APPLICATION)
        ),
    )
