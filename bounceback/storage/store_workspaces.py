"""Client workspaces: an account's other job searches, each under an owner scope of its own."""

from __future__ import annotations

from typing import Self

import sqlalchemy as sa

from bounceback.domain import NotFound, Workspace
from bounceback.storage.base import StoreBase
from bounceback.storage.engine import utc_now
from bounceback.storage.schema import WORKSPACE_PREFIX, workspace_scope, workspaces
from bounceback.validation import check_workspace_name


class Workspaces(StoreBase):
    """The account's client workspaces: listed, created, renamed, archived and opened.

    Called on the account's own store (its default workspace); a workspace's store is the
    same store scoped to that workspace, so every query of it keeps to that client. The list
    is read afresh on every run, so its changes leave the account's own revision alone.
    """

    def scoped(self, scope: str) -> Self:
        """This store for another owner scope, on the same engine and connection pool."""
        if scope == self.owner:
            return self
        found = type(self)(self.engine, scope, self.read_only)
        found.lock_wait_ms = self.lock_wait_ms
        return found

    def workspaces(self, include_archived: bool = False) -> list[Workspace]:
        """The account's client workspaces, oldest first; archived ones only when asked."""
        query = sa.select(workspaces).where(self._owned(workspaces)).order_by(workspaces.c.id)
        if not include_archived:
            query = query.where(workspaces.c.archived.is_(False))
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        return [Workspace(row.id, row.name, row.archived, row.created_at) for row in rows]

    def client_names(self) -> tuple[str, ...]:
        """Every client name of the account this scope belongs to, oldest first, archived too.

        Presenter mode hides them like employers' names, in the account's own search as in
        each client's; a workspace's scope reads its account's list through its own row.
        """
        account = self._owned(workspaces)
        if self.owner.startswith(WORKSPACE_PREFIX):
            own_row = self.owner.removeprefix(WORKSPACE_PREFIX)
            account = workspaces.c.owner_id.in_(
                sa.select(workspaces.c.owner_id).where(
                    sa.cast(workspaces.c.id, sa.String) == own_row
                )
            )
        query = sa.select(workspaces.c.name).where(account).order_by(workspaces.c.id)
        with self.engine.connect() as connection:
            return tuple(connection.execute(query).scalars())

    def workspace(self, workspace_id: int) -> Self:
        """The store of one of the account's workspaces; NotFound for anyone else's."""
        found = sa.select(workspaces.c.id).where(
            workspaces.c.id == workspace_id, self._owned(workspaces)
        )
        with self.engine.connect() as connection:
            if connection.execute(found).first() is None:
                raise NotFound(f"No workspace {workspace_id}.")
        return self.scoped(workspace_scope(workspace_id))

    def create_workspace(self, name: str) -> Workspace:
        """Check the name, then add an empty workspace for a new client."""
        name = check_workspace_name(name)
        stamp = utc_now()
        with self._write() as connection:
            new_id = connection.execute(
                sa.insert(workspaces).values(
                    owner_id=self.owner, name=name, archived=False, created_at=stamp
                )
            ).inserted_primary_key[0]
        return Workspace(new_id, name, False, stamp)

    def rename_workspace(self, workspace_id: int, name: str) -> None:
        """Check, then give one of the account's workspaces a new name."""
        self._update_workspace(workspace_id, name=check_workspace_name(name))

    def archive_workspace(self, workspace_id: int, archived: bool = True) -> None:
        """Put a workspace away (or back): its data stays, it leaves the switcher."""
        self._update_workspace(workspace_id, archived=archived)

    def forget_workspace(self, workspace_id: int) -> None:
        """Remove a workspace that holds nothing, as when importing into it failed."""
        scope = workspace_scope(workspace_id)
        if any(self.scoped(scope).holdings().values()):
            raise ValueError(f"Workspace {workspace_id} holds data; archive it instead.")
        with self._write() as connection:
            connection.execute(
                sa.delete(workspaces).where(
                    workspaces.c.id == workspace_id, self._owned(workspaces)
                )
            )

    def _update_workspace(self, workspace_id: int, **values: object) -> None:
        """Write to one of the account's workspaces, or NotFound if it is not theirs."""
        with self._write() as connection:
            changed = connection.execute(
                sa.update(workspaces)
                .where(workspaces.c.id == workspace_id, self._owned(workspaces))
                .values(**values)
            )
            if changed.rowcount != 1:
                raise NotFound(f"No workspace {workspace_id}.")
