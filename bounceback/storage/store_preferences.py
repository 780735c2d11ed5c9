"""The owner's own settings and their corrections to feedback themes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bounceback.domain import ChangedElsewhere, InvalidInput, Settings
from bounceback.storage.base import StoreBase
from bounceback.storage.schema import settings_table, theme_corrections
from bounceback.validation import check_settings, correction_problem


class Preferences(StoreBase):
    """Settings, and where the user's themes differ from the classifier's."""

    def settings(self) -> Settings:
        """The owner's settings, with defaults for anything never saved."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(settings_table.c.key, settings_table.c.value).where(
                    self._owned(settings_table)
                )
            ).all()
        return Settings.from_dict({key: json.loads(value) for key, value in rows})

    def settings_version(self) -> int:
        """The version of the owner's settings: 0 until first saved, then one up per save."""
        with self.engine.connect() as connection:
            return self._settings_version(connection)

    def _settings_version(self, connection: Connection) -> int:
        """The settings' version, read in the caller's transaction."""
        found = connection.execute(
            sa.select(sa.func.max(settings_table.c.version)).where(self._owned(settings_table))
        ).scalar_one_or_none()
        return found or 0

    def save_settings(self, settings: Settings, expected_version: int | None = None) -> int:
        """Check, then replace the owner's settings in one transaction; returns the new version.

        A save from a form names the version it was opened at: settings saved elsewhere
        since are not overwritten (a script or a test may leave the version out).
        """
        settings = check_settings(settings)
        with self._write() as connection:
            version = self._settings_version(connection)
            if expected_version is not None and version != expected_version:
                raise ChangedElsewhere(
                    "Your settings were changed elsewhere (another tab or window) since this "
                    "form was opened, so these were not saved. Reload them, then try again."
                )
            self._write_settings(connection, settings, version + 1)
            self._bump(connection)
        return version + 1

    def _write_settings(self, connection: Connection, settings: Settings, version: int = 1) -> None:
        """Write every setting as a JSON value, keyed by name, at one version."""
        connection.execute(sa.delete(settings_table).where(self._owned(settings_table)))
        connection.execute(
            sa.insert(settings_table),
            [
                {"owner_id": self.owner, "key": key, "value": json.dumps(value), "version": version}
                for key, value in asdict(settings).items()
            ],
        )

    def theme_corrections(self) -> dict[str, dict[str, bool]]:
        """The user's word on each corrected snippet: theme -> present or not."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(theme_corrections).where(self._owned(theme_corrections))
            ).all()
        found: dict[str, dict[str, bool]] = {}
        for row in rows:
            found.setdefault(row.snippet_key, {})[row.theme] = row.present
        return found

    def correct_themes(
        self, snippet_key: str, automatic: Sequence[str], chosen: Sequence[str]
    ) -> None:
        """Record where the user's themes differ from the classifier's, replacing earlier ones."""
        problem = correction_problem(snippet_key, chosen)
        if problem:
            raise InvalidInput({"themes": problem})
        changes = [(theme, True) for theme in chosen if theme not in automatic]
        changes += [(theme, False) for theme in automatic if theme not in chosen]
        with self._write() as connection:
            self._write_corrections(connection, snippet_key, changes)
            self._bump(connection)

    def _write_corrections(
        self, connection: Connection, snippet_key: str, changes: Sequence[tuple[str, bool]]
    ) -> None:
        """Replace one snippet's corrections, in the caller's transaction."""
        connection.execute(
            sa.delete(theme_corrections).where(
                self._owned(theme_corrections),
                theme_corrections.c.snippet_key == snippet_key,
            )
        )
        if changes:
            connection.execute(
                sa.insert(theme_corrections),
                [
                    {"owner_id": self.owner, "snippet_key": snippet_key, "theme": t, "present": p}
                    for t, p in changes
                ],
            )
