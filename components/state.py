"""Session state and data access, set up in one place for every page."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from bounceback.config import DEFAULT_OWNER, database_url
from bounceback.domain import Settings
from bounceback.pipeline import Overview, application_table, overview
from bounceback.storage import Store
from components.text import md

_DEFAULTS: dict[str, object] = {
    "selected_application": None,
    "flash": [],
}


def init_session() -> None:
    """Give every session the keys the pages rely on."""
    for key, value in _DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = value.copy() if isinstance(value, list) else value


def _url() -> str:
    """The database URL: environment, then Streamlit secrets, then the local file."""
    try:
        secrets = st.secrets.to_dict()
    except FileNotFoundError:
        secrets = {}
    return database_url(secrets=secrets)


@st.cache_resource(show_spinner=False)
def _open(url: str, owner: str) -> Store:
    """One connection pool per database for the whole server."""
    return Store.open(url, owner)


def store() -> Store:
    """The store for this session's owner."""
    return _open(_url(), DEFAULT_OWNER)


Key = tuple[str, str, int]


def revision_key() -> Key:
    """What cached data depends on: the database, the owner, and its revision.

    It costs a query, so a page asks once per run and hands the key to the readers below;
    a callback asks afresh, because it runs after a write.
    """
    current = store()
    return _url(), current.owner, current.revision()


@st.cache_data(show_spinner=False, max_entries=4)
def _frames(url: str, owner: str, revision: int) -> dict[str, pd.DataFrame]:
    """Every row of the owner's data, read once per revision."""
    return _open(url, owner).frames()


@st.cache_data(show_spinner=False, max_entries=4)
def _table(url: str, owner: str, revision: int) -> pd.DataFrame:
    """One row per application, shaped once per revision."""
    return application_table(_frames(url, owner, revision))


@st.cache_data(show_spinner=False, max_entries=4)
def _settings(url: str, owner: str, revision: int) -> Settings:
    """The owner's settings, read once per revision."""
    return _open(url, owner).settings()


@st.cache_data(show_spinner=False, max_entries=4)
def _overview(url: str, owner: str, revision: int, today: date) -> Overview:
    """The small summary most reruns need, so they never copy the whole table."""
    frames = _frames(url, owner, revision)
    settings = _settings(url, owner, revision)
    return overview(frames, _table(url, owner, revision), settings.ghost_after_days, today)


def settings(key: Key) -> Settings:
    """The settings as of this revision."""
    return _settings(*key)


def table(key: Key) -> pd.DataFrame:
    """The full application table, for views that list or search everything."""
    return _table(*key)


def frames(key: Key) -> dict[str, pd.DataFrame]:
    """Every row, for analytics."""
    return _frames(*key)


def summary(key: Key) -> Overview:
    """Counts, board columns and short lists for today."""
    return _overview(*key, today())


def today() -> date:
    """Today's date, in one place so pages agree."""
    return date.today()


def flash(message: str, kind: str = "success") -> None:
    """Queue a message for the next run, after a callback has saved something."""
    st.session_state.setdefault("flash", []).append((kind, message))


def show_flash() -> None:
    """Show and clear queued messages, as plain text."""
    for kind, message in st.session_state.get("flash", []):
        {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}[kind](
            md(message)
        )
    st.session_state["flash"] = []
