"""Bulk actions on the Pipeline table: several applications moved, ghosted or deleted at once."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from bounceback.domain import Event, InterviewKind, InvalidInput, Stage
from components import confirm
from components.state import flash, guarded, presenting, store, today
from components.text import plural

PREFIX = "bulk"
_CONFIRM = f"{PREFIX}:confirm"
_ACTIONS = {"move": "Move to a stage", "ghosted": "Mark ghosted", "delete": "Delete"}
_STAGES = [stage for stage in Stage if stage is not Stage.SAVED]


def _chosen_event() -> Event:
    """The stage change the bar describes."""
    state = st.session_state
    if state.get(f"{PREFIX}:action") == "ghosted":
        return Event(Stage.GHOSTED, today())
    stage = Stage(state.get(f"{PREFIX}:stage", Stage.REJECTED.value))
    kind = state.get(f"{PREFIX}:kind")
    return Event(
        stage,
        state.get(f"{PREFIX}:on") or today(),
        InterviewKind(kind) if stage is Stage.INTERVIEW and kind else None,
    )


@guarded
def _apply(versions: dict[int, int]) -> None:
    """Do the confirmed action to every selected application, in one transaction."""
    state = st.session_state
    state.pop(_CONFIRM, None)
    if state.get(f"{PREFIX}:action") == "delete":
        count = store().delete_many(list(versions))
        flash(
            f"Deleted {plural(count, 'application')}. Restore them from Settings, "
            "Recently deleted, within 30 days."
        )
    else:
        event = _chosen_event()
        try:
            count = store().record_many(versions, event, today=today())
        except InvalidInput as error:
            # The refusals name the applications: never on screen while names are hidden.
            why = (
                "some of them can't make that move (names are hidden in presenter mode)."
                if presenting()
                else " ".join(error.errors.values())
            )
            flash(f"Nothing was changed: {why}", "warning")
            return
        flash(f"Moved {plural(count, 'application')} to {event.stage.label.lower()}.")
    _clear_selection()


def table_key() -> str:
    """The selectable table's key: a new one after each bulk action clears the ticks."""
    return f"pipeline:table_bulk:{st.session_state.get(f'{PREFIX}:round', 0)}"


def _clear_selection() -> None:
    """Untick every row, so the next action can't fall on rows that moved under the ticks."""
    st.session_state[f"{PREFIX}:round"] = st.session_state.get(f"{PREFIX}:round", 0) + 1


def mark_all_ghosted(versions: dict[int, int]) -> None:
    """A 'mark all ghosted' button for the no-news list, asking first."""
    key = f"{PREFIX}:ghost_all"
    if not confirm.ask(key, f"Mark all {len(versions):,} as ghosted…", f"{key}:ask"):
        return
    st.warning(f"Mark {plural(len(versions), 'application')} as ghosted, dated today?")
    left, right = st.columns(2)
    left.button(
        "Yes, mark them all",
        key=f"{key}:yes",
        type="primary",
        on_click=_ghost_all,
        args=(versions,),
    )
    confirm.keep(key, "Not now", f"{key}:no", right)


@guarded
def _ghost_all(versions: dict[int, int]) -> None:
    """Ghost every silent application in one transaction."""
    st.session_state.pop(f"{PREFIX}:ghost_all", None)
    count = store().record_many(versions, Event(Stage.GHOSTED, today()), today=today())
    _clear_selection()
    flash(
        f"Marked {plural(count, 'application')} as ghosted. Their silence is about their "
        "process, not about you."
    )


def render(selected: pd.DataFrame) -> None:
    """The action bar for the selected rows: pick, then confirm once."""
    if selected.empty:
        st.caption("Tick rows in the table to act on several applications at once.")
        return
    versions = dict(zip(selected["id"].astype(int), selected["version"].astype(int), strict=True))
    with st.container(border=True):
        st.markdown(f"**{plural(len(versions), 'application')} selected**")
        columns = st.columns(4)
        action = columns[0].selectbox(
            "Action", list(_ACTIONS), format_func=_ACTIONS.get, key=f"{PREFIX}:action"
        )
        if action == "move":
            stage = columns[1].selectbox(
                "Stage",
                [stage.value for stage in _STAGES],
                format_func=lambda value: Stage(value).label,
                key=f"{PREFIX}:stage",
            )
            columns[2].date_input("On", value=today(), key=f"{PREFIX}:on", format="DD/MM/YYYY")
            if stage == Stage.INTERVIEW.value:
                columns[3].selectbox(
                    "Interview kind",
                    [kind.value for kind in InterviewKind],
                    format_func=lambda value: InterviewKind(value).label,
                    key=f"{PREFIX}:kind",
                )
        label = f"{_ACTIONS[action]}: {plural(len(versions), 'application')}…"
        if not confirm.ask(_CONFIRM, label, f"{PREFIX}:ask"):
            return
        what = (
            "move to Recently deleted (restorable for 30 days)"
            if action == "delete"
            else f"move to {_chosen_event().stage.label.lower()}"
        )
        st.warning(f"{plural(len(versions), 'application')} will {what}. Go ahead?")
        left, right = st.columns(2)
        left.button(
            "Yes, do it", key=f"{PREFIX}:yes", type="primary", on_click=_apply, args=(versions,)
        )
        confirm.keep(_CONFIRM, "Cancel", f"{PREFIX}:no", right)
