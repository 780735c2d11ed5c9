"""The only package with SQL: SQLite by default, PostgreSQL when hosted, on SQLAlchemy 2.

Rooms: `schema` (the tables), `migrations` (creating and upgrading them), `engine` (each
backend's settings, write transactions, locks and plain failures), `mapping` (rows <->
records), and the store, one module per family of records, put together in `store`.
"""

from bounceback.storage.base import claim_owner
from bounceback.storage.engine import (
    DATABASE_ERRORS,
    OWNER_LOCK,
    Busy,
    CantOpen,
    DiskFull,
    FileGone,
    NewerSchema,
    ReadOnly,
    database_problem,
    make_engine,
)
from bounceback.storage.migrations import MIGRATIONS, schema_version, upgrade
from bounceback.storage.schema import (
    SCHEMA_VERSION,
    applications,
    events,
    follow_ups,
    lessons,
    metadata,
    reflections,
)
from bounceback.storage.store import Store
from bounceback.storage.store_deleted import Deleted

__all__ = [
    "DATABASE_ERRORS",
    "MIGRATIONS",
    "OWNER_LOCK",
    "SCHEMA_VERSION",
    "Busy",
    "CantOpen",
    "Deleted",
    "DiskFull",
    "FileGone",
    "NewerSchema",
    "ReadOnly",
    "Store",
    "applications",
    "claim_owner",
    "database_problem",
    "events",
    "follow_ups",
    "lessons",
    "make_engine",
    "metadata",
    "reflections",
    "schema_version",
    "upgrade",
]
