"""The store: one owner's view of the database, every query scoped to that owner."""

from __future__ import annotations

from bounceback.storage.store_bulk import Bulk
from bounceback.storage.store_deleted import RecentlyDeleted
from bounceback.storage.store_schedule import Schedule
from bounceback.storage.store_workspaces import Workspaces


class Store(Bulk, RecentlyDeleted, Schedule, Workspaces):
    """Applications, reflections, lessons, settings, Recently deleted, bookings, workspaces."""
