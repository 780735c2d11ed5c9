"""Sessions and the action plan: their cached read, the forms that add to them, the tick boxes.

It owns every widget and session key of the session log (all under "sessions:"), so the
Sessions page and Today share one way of ticking an action off and taking it back.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from bounceback.domain import InvalidInput
from bounceback.presenter import scrub_quote
from bounceback.sessions import Action, ActionOwner, AdvisorSession, open_actions
from components import confirm, field_errors
from components.state import (
    Key,
    aliases,
    flash,
    guarded,
    no_later_than_server,
    presenting,
    store,
    store_of,
    today,
)
from components.text import md

NEW_SESSION = "sessions:new"
_UNDO = "sessions:undo"
_REMOVED = "sessions:removed"
# Enough to see what is next; the Sessions page lists every one.
TODAY_SHOWN = 8


@st.cache_data(show_spinner=False, max_entries=4)
def _read(key: Key) -> list[AdvisorSession]:
    """The owner's sessions as of this revision."""
    return store_of(key).sessions()


def read(key: Key) -> list[AdvisorSession]:
    """Every session, latest first, with its actions (notes included: callers hide them)."""
    return _read(key._replace(masked=False))


def plain_text(action: Action, key: Key) -> str:
    """An action's words, for plain-text widgets: in presenter mode scrubbed as a feedback
    quote is (names, addresses, phone numbers), since an action often says whom to ask."""
    names = aliases(key)
    return scrub_quote(action.text, names) if names else action.text


def action_text(action: Action, key: Key) -> str:
    """An action's words as one literal line of markdown, names replaced in presenter mode."""
    return md(plain_text(action, key))


@guarded
def _start() -> None:
    """Save a new session from its form, or keep the form's errors and save nothing."""
    state = st.session_state
    try:
        store().add_session(
            state[f"{NEW_SESSION}:on"], state.get(f"{NEW_SESSION}:notes", ""), today()
        )
    except InvalidInput as error:
        field_errors.remember(NEW_SESSION, error.errors)
        return
    field_errors.remember(NEW_SESSION, {})
    state[f"{NEW_SESSION}:notes"] = ""
    flash("Session started. Add the actions you agree below.")


def new_session_form() -> None:
    """A dated session to start; its notes field stays off the screen in presenter mode."""
    field_errors.summary(NEW_SESSION)
    with st.container(border=True):
        st.date_input(
            "Session date",
            value=today(),
            max_value=today(),
            key=f"{NEW_SESSION}:on",
            format="DD/MM/YYYY",
        )
        field_errors.show(NEW_SESSION, "held_on")
        if not presenting():
            st.text_area(
                "Notes (private to you: never shown in presenter mode or the client's summary)",
                key=f"{NEW_SESSION}:notes",
            )
            field_errors.show(NEW_SESSION, "notes")
        st.button("Start the session", key=f"{NEW_SESSION}:save", on_click=_start)


@guarded
def _save_notes(session: AdvisorSession) -> None:
    """Save edited notes, refused if another tab saved first."""
    prefix = f"sessions:{session.id}:notes"
    try:
        store().save_notes(
            session.id, session.version, session.held_on, st.session_state[prefix], today()
        )
    except InvalidInput as error:
        field_errors.remember(prefix, error.errors)
        return
    field_errors.remember(prefix, {})
    flash("Notes saved.")


def notes(session: AdvisorSession) -> None:
    """The session's private notes, editable; in presenter mode only a word that they exist."""
    if presenting():
        st.caption("Notes are private to the advisor and hidden in presenter mode.")
        return
    prefix = f"sessions:{session.id}:notes"
    st.text_area("Notes (private to you)", value=session.notes, key=prefix)
    field_errors.show(prefix, "notes")
    st.button("Save notes", key=f"{prefix}:save", on_click=_save_notes, args=(session,))


@guarded
def _add_action(session_id: int) -> None:
    """Save a new action from its form, or keep the errors and save nothing."""
    state = st.session_state
    prefix = f"sessions:{session_id}:action"
    action = Action(
        text=state.get(f"{prefix}:text", ""),
        who=ActionOwner(state[f"{prefix}:who"]),
        due=state[f"{prefix}:due"],
    )
    try:
        store().add_action(session_id, action, today())
    except InvalidInput as error:
        field_errors.remember(prefix, error.errors)
        return
    field_errors.remember(prefix, {})
    state[f"{prefix}:text"] = ""
    flash("Action added to the plan.")


def action_form(session_id: int) -> None:
    """What was agreed, whose it is and by when."""
    prefix = f"sessions:{session_id}:action"
    field_errors.summary(prefix)
    st.text_input("Agreed action", key=f"{prefix}:text", placeholder="Send two applications")
    field_errors.show(prefix, "text")
    left, right = st.columns(2)
    left.radio(
        "Whose action",
        [owner.value for owner in ActionOwner],
        format_func=lambda value: ActionOwner(value).label,
        horizontal=True,
        key=f"{prefix}:who",
    )
    right.date_input("Deadline", value=today(), key=f"{prefix}:due", format="DD/MM/YYYY")
    with right:
        field_errors.show(prefix, "due")
    st.button("Add the action", key=f"{prefix}:save", on_click=_add_action, args=(session_id,))


@guarded
def _mark(action: Action, done: bool, what: str) -> None:
    """Tick an action done (with a way back right under the list), or untick it."""
    store().mark_action(
        action.id, action.version, no_later_than_server() if done else None, today()
    )
    if done:
        st.session_state[_UNDO] = (action.id, action.version + 1, what)
        st.toast("Done. Undo is right under the plan.")
    else:
        st.session_state.pop(_UNDO, None)


@guarded
def _undo(action_id: int, version: int) -> None:
    """Untick the action just ticked."""
    st.session_state.pop(_UNDO, None)
    store().mark_action(action_id, version, None, today())
    flash("Undone: the action is open again.", "info")


def undo_offer(where: str) -> None:
    """Right after a tick, a way to take it back."""
    offer = st.session_state.get(_UNDO)
    if not offer:
        return
    action_id, version, what = offer
    text, button = st.columns([4, 1], vertical_alignment="center")
    text.caption(f"Marked done: {what}.")
    button.button(
        "Undo", key=f"sessions:undo:{where}:{action_id}", on_click=_undo, args=(action_id, version)
    )


def _due(action: Action, on: date) -> str:
    """The deadline in words, saying so when it has passed."""
    when = f"by {action.due:%d %b %Y}"
    return f"{when} (overdue)" if not action.done_on and action.due < on else when


def checklist(actions: list[Action], key: Key, where: str) -> None:
    """Each action with its owner and deadline and a tick box that saves at once."""
    on = today()
    for action in actions:
        what = action_text(action, key)
        done = action.done_on is not None
        suffix = f", done {action.done_on:%d %b %Y}" if done else ""
        st.checkbox(
            f"{what} ({action.who.label}, {_due(action, on)}{suffix})",
            value=done,
            key=f"sessions:{where}:{action.id}:{action.version}",
            on_change=_mark,
            args=(action, not done, what),
        )


def open_on_today(key: Key) -> None:
    """Today's list of open actions from the plan, soonest deadline first; nothing if none."""
    found = open_actions(read(key))
    if not found:
        undo_offer("today")
        return
    st.subheader("Action plan")
    checklist(found[:TODAY_SHOWN], key, "today")
    undo_offer("today")
    if len(found) > TODAY_SHOWN:
        st.caption(f"…and {len(found) - TODAY_SHOWN} more on the Sessions page.")
    st.page_link("app_pages/sessions.py", label="Open the sessions", icon=":material/event_note:")


@guarded
def _remove(session_id: int) -> None:
    """Remove the action picked in this session's list, keeping it for an Undo."""
    prefix = f"sessions:{session_id}:remove"
    st.session_state.pop(f"{prefix}:asked", None)
    picked = st.session_state.get(f"{prefix}:pick")
    if picked is None:
        return
    action_id, version = picked
    where, removed = store().remove_action(action_id, version)
    st.session_state[_REMOVED] = (where, removed)
    flash("Action removed. Undo is at the top of the page.", "info")


@guarded
def _put_back() -> None:
    """Undo the last removal: the action comes back as it was."""
    offer = st.session_state.pop(_REMOVED, None)
    if offer:
        store().put_back_action(*offer, today())
        flash("Put back: the action is on the plan again.")


def removal_undo() -> None:
    """Right after a removal, the way to take it back."""
    offer = st.session_state.get(_REMOVED)
    if offer:
        st.button("Undo the removal", key="sessions:removed:undo", on_click=_put_back)


def remove_form(session: AdvisorSession, key: Key) -> None:
    """Pick an action entered by mistake and remove it, asking first."""
    if not session.actions:
        return
    prefix = f"sessions:{session.id}:remove"
    options = {(action.id, action.version): action for action in session.actions}
    st.selectbox(
        "Remove an action",
        list(options),
        format_func=lambda pair: plain_text(options[pair], key),
        index=None,
        placeholder="Pick one entered by mistake",
        key=f"{prefix}:pick",
    )
    if st.session_state.get(f"{prefix}:pick") not in options:
        return
    if confirm.ask(f"{prefix}:asked", "Remove it", key=f"{prefix}:ask"):
        st.warning("Remove this action from the plan? You can undo it right after.")
        left, right = st.columns(2)
        left.button("Yes, remove it", key=f"{prefix}:yes", on_click=_remove, args=(session.id,))
        confirm.keep(f"{prefix}:asked", "Keep it", key=f"{prefix}:keep", where=right)
