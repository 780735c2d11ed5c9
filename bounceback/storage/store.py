"""The store: one owner's view of the database, every query scoped to that owner."""

from __future__ import annotations

from bounceback.storage.store_bulk import Bulk
from bounceback.storage.store_deleted import RecentlyDeleted
from bounceback.storage.store_schedule import Schedule


class Store(Bulk, RecentlyDeleted, Schedule):
    """Applications, reflections and lessons, settings, Recently deleted, interviews booked."""
