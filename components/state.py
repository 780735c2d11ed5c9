"""Session state and data access, set up in one place for every page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from bounceback.config import DEFAULT_OWNER, database_url
from bounceback.domain import Settings
from bounceback.pipeline import application_table
from bounceback.storage import Store
from components.text import md

_DEFAULTS: dict[str, object] = {
    "selected_application": None,
    "flash": [],
}


@dataclass(frozen=True)
class View:
    """Everything a page reads about the owner's job hunt, as of one revision."""

    frames: dict[str, pd.DataFrame]
    table: pd.DataFrame
    settings: Settings


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


@st.cache_data(show_spinner=False, max_entries=16)
def _view(url: str, owner: str, revision: int) -> View:
    """Read and shape the owner's data once per revision, however many reruns follow."""
    current = _open(url, owner)
    frames = current.frames()
    return View(frames=frames, table=application_table(frames), settings=current.settings())


def view() -> View:
    """The current data; re-read only when something was saved since."""
    current = store()
    return _view(_url(), current.owner, current.revision())


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
