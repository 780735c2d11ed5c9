"""Client workspaces: the sidebar switcher with the current client's name, and their upkeep.

Owns its widget keys. Which workspace a session works in is state's (`WORKSPACE`), since
every store call depends on it; this module only asks state to switch.
"""

from __future__ import annotations

import re

import streamlit as st

from bounceback import backup
from bounceback.domain import InvalidInput, Workspace
from bounceback.presenter import client_alias
from components.state import (
    account_store,
    flash,
    guarded,
    presenting,
    switch_workspace,
    workspace_id,
)
from components.text import md

OWN = "Your own search"
_SWITCH = "workspaces:switch"
_NEW = "workspaces:new"
_RENAME = "workspaces:rename"
_IMPORT_FILE = "workspaces:import:file"
_IMPORT_NAME = "workspaces:import:name"


def _all() -> list[Workspace]:
    """Every workspace of the account, archived ones too, oldest first."""
    return account_store().workspaces(include_archived=True)


def _label(workspace: Workspace | None, found: list[Workspace]) -> str:
    """A workspace as the screen shows it: its name, or its alias while presenting."""
    if workspace is None:
        return OWN
    if presenting():
        return client_alias([item.id for item in found].index(workspace.id))
    return workspace.name


def current() -> Workspace | None:
    """The client workspace open now, or None for the account's own search."""
    chosen = workspace_id()
    return next((item for item in _all() if item.id == chosen), None)


def file_tag() -> str:
    """What a backup's file name adds in a client's workspace, so hand-backs never mix up.

    Only for files presenter mode never makes: a download's name shows on a shared screen.
    """
    chosen = current()
    if chosen is None:
        return ""
    slug = re.sub(r"[^a-z0-9]+", "-", chosen.name.casefold()).strip("-")[:40].strip("-")
    return f"-{slug or f'client-{chosen.id}'}"


# The picker's value for the account's own search: a None value would read as no choice at
# all ("Choose an option"); workspace ids start at 1.
_OWN_SEARCH = 0


def _switch() -> None:
    """Open the workspace picked in the sidebar."""
    switch_workspace(st.session_state.get(_SWITCH) or None)


def switcher() -> None:
    """The sidebar's workspace picker, and whose search this is, in plain words."""
    found = _all()
    chosen = current()
    if chosen is None and not found:
        return  # a job seeker on their own: nothing to switch between
    shown = [item for item in found if not item.archived or item == chosen]
    by_id = {item.id: item for item in shown}
    st.session_state[_SWITCH] = chosen.id if chosen else _OWN_SEARCH
    st.selectbox(
        "Workspace",
        [_OWN_SEARCH, *by_id],
        format_func=lambda key: _label(by_id.get(key), found),
        key=_SWITCH,
        on_change=_switch,
        help="Each client's job search is kept apart: every page, download and backup "
        "shows only the workspace chosen here.",
    )
    if chosen is None:
        st.markdown(f"**{OWN}**")
    else:
        st.markdown(f"**Client: {md(_label(chosen, found))}**")


@guarded
def _create() -> None:
    """Make a workspace for a new client and switch to it."""
    made = account_store().create_workspace(st.session_state.get(_NEW, ""))
    switch_workspace(made.id)
    flash(f"Made a workspace for {made.name}. Everything you see now is theirs alone.")


@guarded
def _rename(workspace_id: int) -> None:
    """Give the open workspace a new name."""
    account_store().rename_workspace(workspace_id, st.session_state.get(_RENAME, ""))
    flash("Renamed the workspace.")


@guarded
def _archive(workspace_id: int, archived: bool) -> None:
    """Put a workspace away (back to your own search) or bring it back."""
    account_store().archive_workspace(workspace_id, archived)
    if archived:
        switch_workspace(None)
        flash("Archived the workspace: its data is kept, and it can be brought back below.")
    else:
        flash("Brought the workspace back: it is in the sidebar again.")


@guarded
def _import() -> None:
    """A client's backup, read in as a workspace of its own, then opened."""
    uploaded = st.session_state.get(_IMPORT_FILE)
    if uploaded is None:
        flash("Choose the client's backup file (JSON) first.", "warning")
        return
    try:
        text = uploaded.getvalue().decode("utf-8")
    except UnicodeDecodeError:
        flash("That file isn't a bounceback backup: it isn't text (UTF-8).", "warning")
        return
    try:
        made, count = backup.restore_as_workspace(
            account_store(), st.session_state.get(_IMPORT_NAME, ""), text
        )
    except backup.BadBackup as error:
        flash(f"Nothing was imported. {error}", "warning")
        return
    except InvalidInput as error:
        # The backup's own places, as the command line names them: "applications.3.role: ...".
        found = "; ".join(f"{place}: {message}" for place, message in error.errors.items())
        flash(f"Nothing was imported. {found}", "warning")
        return
    switch_workspace(made.id)
    flash(f"Imported {made.name}'s backup ({count:,} applications) as a workspace of its own.")


def manage() -> None:
    """Settings' client workspaces: new, renamed, archived, brought back, imported."""
    st.subheader("Client workspaces")
    if presenting():
        st.caption("Switch presenter mode off to add, rename or archive client workspaces.")
        return
    st.caption(
        "Working with clients? Give each one a workspace: a job search of their own, kept "
        "apart from yours and from every other client's. Switch between them in the sidebar."
    )
    chosen = current()
    new_column, import_column = st.columns(2)
    with new_column, st.form("workspaces:new:form", clear_on_submit=True, border=True):
        st.text_input("New client's name", key=_NEW, max_chars=80)
        st.form_submit_button("Add a client workspace", on_click=_create)
    with import_column, st.form("workspaces:import:form", clear_on_submit=True, border=True):
        st.file_uploader("A client's backup (JSON)", type=["json"], key=_IMPORT_FILE)
        st.text_input("Their name", key=_IMPORT_NAME, max_chars=80)
        st.form_submit_button("Import as a new workspace", on_click=_import)
    if chosen is not None:
        with st.form("workspaces:rename:form", border=True):
            st.text_input("This client's name", value=chosen.name, key=_RENAME, max_chars=80)
            st.form_submit_button("Rename", on_click=_rename, args=(chosen.id,))
        st.button(
            f"Archive {md(chosen.name)}'s workspace",
            key="workspaces:archive",
            on_click=_archive,
            args=(chosen.id, True),
            help="It leaves the sidebar; nothing in it is deleted.",
        )
        st.caption(
            f"The backup download below holds {md(chosen.name)}'s search only: send it back "
            "to them, and they can restore it in their own bounceback."
        )
    archived = [item for item in _all() if item.archived]
    if archived:
        with st.expander(f"Archived workspaces ({len(archived)})"):
            for item in archived:
                st.button(
                    f"Bring back {md(item.name)}",
                    key=f"workspaces:unarchive:{item.id}",
                    on_click=_archive,
                    args=(item.id, False),
                )
