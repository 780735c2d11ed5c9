"""The tables, as SQLAlchemy metadata: what `upgrade` creates and every query names."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import sqlalchemy as sa

from bounceback.lessons import lesson_key
from bounceback.validation import LESSON_TEXT, SNIPPET_KEY_TEXT, THEME_NAME_TEXT

SCHEMA_VERSION = 6
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
    # Schema 6: the job advert as pasted, for the strengths match.
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
