"""Session state and data access, set up in one place for every page."""

from __future__ import annotations

import functools
import logging
import uuid
import weakref
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import NamedTuple, ParamSpec, TypeVar

import pandas as pd
import streamlit as st

from bounceback import sample
from bounceback.clock import today_in
from bounceback.config import (
    DEFAULT_OWNER,
    SANDBOX_URL,
    ConfigError,
    auth_configured,
    data_may_vanish,
    database_url,
    hosted,
    legacy_owners,
    login_providers,
    owner_for,
    public_demo,
)
from bounceback.domain import Application, BouncebackError, InvalidInput, NotFound, Settings
from bounceback.pipeline import Overview, application_table, most_recent_first, overview
from bounceback.presenter import Aliases, asked_for, mask_application, mask_frames
from bounceback.storage import DATABASE_ERRORS, Store, claim_owner, database_problem
from components.opened import ShownOnForm
from components.text import md

P = ParamSpec("P")
T = TypeVar("T")
PRESENTER = "presenter"
# The client workspace a session works in (its id), or None for the account's own search.
WORKSPACE = "workspace"
SANDBOX = "sandbox:"
SANDBOX_SIZE = 60
# What a switch of workspace keeps: how the screen is shown, and the demo visitor's sandbox.
_KEPT_ON_SWITCH = frozenset({PRESENTER, WORKSPACE, "flash", "sandbox", "sandbox_store"})
_DEFAULTS: dict[str, object] = {
    "flash": [],
}
# Each demo visitor's own in-memory database, found by its label while their session holds it.
_sandboxes: weakref.WeakValueDictionary[str, Store] = weakref.WeakValueDictionary()


def init_session() -> None:
    """Give every session the keys the pages rely on, and a demo visitor their sandbox."""
    for key, value in _DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = value.copy() if isinstance(value, list) else value
    if PRESENTER not in st.session_state:
        st.session_state[PRESENTER] = asked_for(st.query_params.get(PRESENTER))
    if demo() and st.session_state.get("sandbox") not in _sandboxes:
        _new_sandbox()


def typed(key: str, kind: type[T]) -> T | None:
    """A session value read back as the type its owner stores, or None when it is not one.

    Widgets and tests can leave anything under a key; a reader gets what it can use.
    """
    found = st.session_state.get(key)
    return found if isinstance(found, kind) else None


def secrets() -> dict:
    """Streamlit's secrets as a plain dict, or nothing when there is no secrets file."""
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:
        return {}


def _url() -> str:
    """The database URL: environment, then Streamlit secrets, then the local file."""
    return database_url(secrets=secrets())


def config_problem() -> str | None:
    """What stops the app from starting safely: a setting it can't read for sure, or nothing."""
    try:
        public_demo(secrets=secrets())
        hosted()
    except ConfigError as error:
        return str(error)
    return None


def storage_at_risk() -> bool:
    """Whether saved data lives on a hosted disk that a restart wipes."""
    return data_may_vanish(secrets=secrets())


def login_required() -> bool:
    """Whether visitors must sign in: `[auth]` is configured in secrets.toml."""
    return auth_configured(secrets())


def remote_data() -> bool:
    """Whether there is no lasting local folder to copy to: sign-in, PostgreSQL or a wiped host."""
    return login_required() or not _url().startswith("sqlite") or hosted()


def demo() -> bool:
    """Whether this is a public demo (and nobody signs in), so each visitor gets a sandbox."""
    return not login_required() and public_demo(secrets=secrets())


def _new_sandbox() -> None:
    """A private in-memory database with the sample story, gone when the session goes."""
    sandbox = Store.open(SANDBOX_URL)
    sandbox.load(sample.generate(SANDBOX_SIZE), Settings(onboarded=True))
    label = f"{SANDBOX}{uuid.uuid4().hex}"
    _sandboxes[label] = sandbox
    # The session holds the only strong reference; the label finds it from cached readers.
    st.session_state["sandbox"] = label
    st.session_state["sandbox_store"] = sandbox


def owner() -> str:
    """Whose data this session sees: the signed-in user, or the one local owner."""
    if login_required():
        user = st.user.to_dict()
        found = owner_for(user)
        _claim_legacy(_url(), found, tuple(legacy_owners(user, len(login_providers(secrets())))))
        return found
    return DEFAULT_OWNER


def identity_problem() -> str | None:
    """Why a signed-in visitor can't be told apart from others, or None when they can."""
    try:
        owner()
    except ValueError as error:
        return str(error)
    return None


@st.cache_resource(show_spinner=False)
def _claim_legacy(url: str, owner: str, legacy: tuple[str, ...]) -> bool:
    """Once per server and user: take over data kept under an earlier version's owner id."""
    engine = _open(url).engine
    return any(claim_owner(engine, old, owner) for old in legacy)


@st.cache_resource(show_spinner=False)
def _open(url: str) -> Store:
    """One connection pool per database for the whole server; each owner scopes it."""
    return Store.open(url)


def _store(source: str, owner: str) -> Store:
    """The store a key names (an owner or workspace scope): a demo sandbox, or the database."""
    base = _sandboxes[source] if source.startswith(SANDBOX) else _open(source)
    return base.scoped(owner)


def _source() -> str:
    """The database this session reads: its sandbox in a public demo, else the configured one."""
    label = typed("sandbox", str)
    return label if demo() and label is not None else _url()


def account_store() -> Store:
    """The signed-in (or local) user's own store: their default workspace, and the list."""
    return _store(_source(), owner())


@st.cache_data(show_spinner=False, max_entries=256)
def _workspace_scope(source: str, owner: str, workspace_id: int) -> str:
    """The scope of one of the owner's workspaces; NotFound (never cached) for anyone else's.

    A workspace never changes hands, and its id is never given out again, so a check that
    passed once stays true for the life of the server.
    """
    return _store(source, owner).workspace(workspace_id).owner


def workspace_id() -> int | None:
    """The client workspace this session works in, or None for the account's own search."""
    found = typed(WORKSPACE, int)
    return None if isinstance(found, bool) else found


def switch_workspace(chosen: int | None) -> None:
    """Work in another workspace (None: the account's own), leaving nothing of the last one.

    Open panels, half-typed forms and drafts belong to the client they were made for, so
    every session value goes except who is looking and how (presenter mode, the sandbox).
    """
    for key in [key for key in st.session_state if key not in _KEPT_ON_SWITCH]:
        del st.session_state[key]
    st.session_state[WORKSPACE] = chosen


def store() -> Store:
    """The store for this session's workspace: the account's own, or one of its clients'.

    A workspace id that is not one of this user's (a crafted session value) is refused:
    the session goes back to the user's own search, with a word on why.
    """
    chosen = workspace_id()
    if chosen is None:
        return account_store()
    try:
        found = _store(_source(), _workspace_scope(_source(), owner(), chosen))
    except NotFound:
        st.session_state[WORKSPACE] = None
        flash("That workspace isn't one of yours, so your own search is shown.", "warning")
        return account_store()
    if chosen not in {item.id for item in account_store().workspaces()}:
        # Archived meanwhile (perhaps in another tab): nothing more is written to it.
        st.session_state[WORKSPACE] = None
        flash("That client's workspace was archived, so your own search is shown.", "warning")
        return account_store()
    return found


def presenting() -> bool:
    """Whether presenter mode is on: names, contacts, salaries and notes hidden."""
    return bool(st.session_state.get(PRESENTER))


PAUSED = (
    "Editing is paused in presenter mode, so nothing hidden shows on screen. Switch "
    "presenter mode off in the sidebar to edit."
)


def typing_key(key: str) -> str:
    """A text field's key, another while presenting, so nothing typed before shows on screen."""
    return f"{key}:presenting" if presenting() else key


class Key(NamedTuple):
    """What cached data depends on: database, owner, revision, and whether names are hidden."""

    source: str
    owner: str
    revision: int
    masked: bool


def revision_key() -> Key:
    """The key for this run's cached reads.

    It costs a query, so a page asks once per run and hands the key to the readers below;
    a callback asks afresh, because it runs after a write.
    """
    current = store()
    return Key(_source(), current.owner, current.revision(), presenting())


def unmasked(key: Key) -> Key:
    """The same data with names shown, for analysis whose results are masked afterwards."""
    return key._replace(masked=False)


# The frames below are resources, not data: held once and handed out as shallow copies, so
# a rerun at 10,000 applications no longer unpickles 40,000 rows (85 ms) to read a few. A
# shallow copy is safe because pandas copies on write: no caller can change the cached one.
def _shallow(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The cached frames, each a view that copies itself if its holder writes to it."""
    return {name: frame.copy(deep=False) for name, frame in frames.items()}


@st.cache_resource(show_spinner=False, max_entries=4)
def _raw(source: str, owner: str, revision: int) -> dict[str, pd.DataFrame]:
    """Every row of the owner's data, read once per revision."""
    return _store(source, owner).frames()


@st.cache_resource(show_spinner=False, max_entries=4)
def _aliases(source: str, owner: str, revision: int, clients: tuple[str, ...] = ()) -> Aliases:
    """Presenter mode's aliases and their one matcher, built once per revision and client list.

    A resource, not data: it is immutable, and copying it on every call would cost more
    than the look-ups it serves.
    """
    return Aliases.of(_shallow(_raw(source, owner, revision)), clients)


@st.cache_resource(show_spinner=False, max_entries=4)
def _masked(
    source: str, owner: str, revision: int, clients: tuple[str, ...]
) -> dict[str, pd.DataFrame]:
    """Every row with names hidden, for presenter mode."""
    return mask_frames(
        _shallow(_raw(source, owner, revision)), _aliases(source, owner, revision, clients)
    )


def _clients(source: str, owner: str) -> tuple[str, ...]:
    """The account's client names, read afresh: a renamed client is hidden by the new name."""
    return _store(source, owner).client_names()


def _frames(source: str, owner: str, revision: int, masked: bool) -> dict[str, pd.DataFrame]:
    """Every row, with names hidden in presenter mode; shown names are the raw cache's own,
    so the largest thing cached is never held twice."""
    if masked:
        return _shallow(_masked(source, owner, revision, _clients(source, owner)))
    return _shallow(_raw(source, owner, revision))


@st.cache_resource(show_spinner=False, max_entries=4)
def _table(source: str, owner: str, revision: int, masked: bool) -> pd.DataFrame:
    """One row per application, shaped once per revision."""
    return application_table(_frames(source, owner, revision, masked))


@st.cache_data(show_spinner=False, max_entries=4)
def _settings(source: str, owner: str, revision: int) -> Settings:
    """The owner's settings, read once per revision."""
    return _store(source, owner).settings()


@st.cache_data(show_spinner=False, max_entries=4)
def _overview(source: str, owner: str, revision: int, masked: bool, today: date) -> Overview:
    """The small summary most reruns need, so they never copy the whole table."""
    frames = _frames(source, owner, revision, masked)
    settings = _settings(source, owner, revision)
    table = _table(source, owner, revision, masked).copy(deep=False)
    return overview(frames, table, settings.ghost_after_days, today)


@st.cache_resource(show_spinner=False, max_entries=4)
def _by_latest_news(source: str, owner: str, revision: int, masked: bool) -> pd.DataFrame:
    """The application table newest news first, sorted once per revision for the board."""
    return most_recent_first(_table(source, owner, revision, masked))


def settings(key: Key) -> Settings:
    """The settings as of this revision."""
    return _settings(key.source, key.owner, key.revision)


def table(key: Key) -> pd.DataFrame:
    """The full application table, for views that list or search everything."""
    return _table(key.source, key.owner, key.revision, key.masked).copy(deep=False)


def by_latest_news(key: Key) -> pd.DataFrame:
    """The application table newest news first: the board's order, without a sort per rerun."""
    return _by_latest_news(key.source, key.owner, key.revision, key.masked).copy(deep=False)


def frames(key: Key) -> dict[str, pd.DataFrame]:
    """Every row, for analytics; masked in presenter mode."""
    return _frames(key.source, key.owner, key.revision, key.masked)


def summary(key: Key) -> Overview:
    """Counts, board columns and short lists for today."""
    return _overview(key.source, key.owner, key.revision, key.masked, today())


def aliases(key: Key) -> Aliases | None:
    """The aliases to apply in presenter mode, or None when names may show."""
    if not key.masked:
        return None
    return _aliases(key.source, key.owner, key.revision, _clients(key.source, key.owner))


def store_of(key: Key) -> Store:
    """The store a key was made for.

    Downloads build their data after the run, on a thread with no session, where store()
    can't tell whose data it is; the key still knows.
    """
    return _store(key.source, key.owner)


def application(application_id: int, key: Key) -> Application:
    """One application with its history, masked in presenter mode."""
    found = store_of(key).get(application_id)
    names = aliases(key)
    return mask_application(found, names) if names else found


def applications(key: Key) -> list[Application]:
    """Every application, for downloads; masked in presenter mode."""
    found = store_of(key).all()
    names = aliases(key)
    return [mask_application(item, names) for item in found] if names else found


def today() -> date:
    """The visitor's own date (their browser's time zone, else the server's), so pages agree."""
    return today_in(st.context.timezone, datetime.now(UTC))


def on_a_phone() -> bool:
    """Whether the visitor's browser says it is a phone ("Mobi" in its user agent, as MDN
    advises), for the few charts that need a different shape on a narrow screen."""
    return "Mobi" in st.context.headers.get("User-Agent", "")


def no_later_than_server() -> date:
    """The visitor's date, but never past the server's own.

    For the store calls that still check dates against the server's clock (ticking a
    follow-up off, importing rows): a visitor ahead of the server is not refused.
    """
    return min(today(), date.today())


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


def guarded(callback: Callable[P, None]) -> Callable[P, None]:
    """A save callback whose refusals (busy, gone, stale, invalid) become a message, not a crash.

    Callbacks handle the refusals they can say more about themselves; anything left over
    from the store still reaches the user in plain words, and nothing was saved.
    """

    @functools.wraps(callback)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            callback(*args, **kwargs)
        except ShownOnForm:
            pass  # the form says what happened, with a way to reload
        except InvalidInput as error:
            flash(" ".join(error.errors.values()), "warning")
        except BouncebackError as error:
            flash(str(error), "warning")
        except DATABASE_ERRORS as error:
            # A failure the store has no words for: plain words here, the details in the log.
            logging.getLogger(__name__).error("A save failed in the database", exc_info=error)
            flash(f"Couldn't save: {database_problem(error)}. Nothing was changed.", "warning")

    return run
