"""Follow-ups: the 'up next' list across applications, and one application's list."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from bounceback.domain import FOLLOW_UP_DUE_DAYS, FollowUp, FollowUpKind
from bounceback.pipeline import due_label
from components.state import flash, guarded, no_later_than_server, store, today
from components.text import md

_UNDO = "followup:undo"


@guarded
def _mark(follow_up_id: int, done: bool, what: str = "", version: int | None = None) -> None:
    """Tick a follow-up off (with a notice and an Undo), or untick it, at the version shown."""
    moved_to = store().mark_follow_up(
        follow_up_id, no_later_than_server() if done else None, expected_version=version
    )
    if done:
        st.session_state[_UNDO] = (follow_up_id, what, moved_to)
        st.toast(f"Done: {md(what)}. Undo is right under your list." if what else "Done.")
    else:
        st.session_state.pop(_UNDO, None)


@guarded
def _undo(follow_up_id: int, version: int) -> None:
    """Untick the follow-up just ticked, unless it was changed elsewhere since."""
    st.session_state.pop(_UNDO, None)
    store().mark_follow_up(follow_up_id, None, expected_version=version)
    flash("Undone: it is back on your list.", "info")


def _undo_offer() -> None:
    """Right after a tick, a way to take it back."""
    offer = st.session_state.get(_UNDO)
    if not offer:
        return
    follow_up_id, what, version = offer
    text, action = st.columns([4, 1], vertical_alignment="center")
    text.caption(f"Marked done: {md(what)}.")
    action.button(
        "Undo",
        key=f"followup:undo:{follow_up_id}",
        on_click=_undo,
        args=(follow_up_id, version),
    )


def up_next(items: pd.DataFrame, total: int, on: date) -> None:
    """The first due and overdue follow-ups, each with a tick box that saves at once."""
    if items.empty:
        st.caption("Nothing due in the next two weeks. Follow-ups you add will show here.")
        _undo_offer()
        return
    for _, item in items.iterrows():
        label = due_label(item["due"], item["overdue"], on)
        st.checkbox(
            f"{md(item['what'])}: {md(item['company'])} ({md(item['role'])}), {label}",
            value=False,
            # Keyed by version too: a tick refused as stale is drawn afresh, unticked.
            key=f"upnext:{item['id']}:{item['version']}",
            on_change=_mark,
            args=(
                int(item["id"]),
                True,
                f"{item['what']} for {item['company']}",
                int(item["version"]),
            ),
        )
    _undo_offer()
    if total > len(items):
        st.caption(f"…and {total - len(items):,} more. Open an application to see all of its own.")


@guarded
def _add(application_id: int, prefix: str) -> None:
    """Save a new follow-up from the form's widgets."""
    state = st.session_state
    item = FollowUp(
        kind=FollowUpKind(state[f"{prefix}:kind"]),
        due=state[f"{prefix}:due"],
        note=state.get(f"{prefix}:note", ""),
    )
    store().add_follow_up(application_id, item, today=today())
    flash(f"Added: {item.kind.label}, due {item.due:%d %b %Y}.")


def for_application(application_id: int, items: tuple[FollowUp, ...]) -> None:
    """One application's follow-ups with done marks, and a form to add one."""
    for item in items:
        done = item.done_on is not None
        when = f"done {item.done_on:%d %b}" if done else f"due {item.due:%d %b %Y}"
        st.checkbox(
            f"{item.kind.label} ({when})" + (f": {md(item.note)}" if item.note else ""),
            value=done,
            key=f"followup:{item.id}:{done}:{item.version}",
            on_change=_mark,
            args=(item.id, not done, item.kind.label, item.version),
        )
    _undo_offer()
    prefix = f"addfollowup:{application_id}"
    with st.form(prefix, clear_on_submit=True, border=False):
        left, right = st.columns(2)
        left.selectbox(
            "Follow-up",
            [kind.value for kind in FollowUpKind],
            format_func=lambda value: FollowUpKind(value).label,
            key=f"{prefix}:kind",
        )
        right.date_input(
            "Due",
            value=today() + timedelta(days=FOLLOW_UP_DUE_DAYS),
            key=f"{prefix}:due",
            format="DD/MM/YYYY",
        )
        st.text_input("Note", key=f"{prefix}:note")
        st.form_submit_button("Add follow-up", on_click=_add, args=(application_id, prefix))
