"""One application up close: its history, moving it on, editing, follow-ups, deleting."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import streamlit as st

from bounceback.domain import (
    Application,
    Event,
    InterviewKind,
    InvalidInput,
    NotFound,
    Stage,
)
from bounceback.stages import allowed_next
from components import application_form, field_errors, follow_ups
from components.state import Key, application, flash, guarded, presenting, store
from components.text import md, plural


def _close() -> None:
    """Go back to the whole pipeline; a reopened edit form reloads the saved values."""
    selected = st.session_state.get("selected_application")
    if selected is not None:
        application_form.clear(f"edit:{selected}")
    st.session_state["selected_application"] = None


@guarded
def _move(application: Application, prefix: str) -> None:
    """Record the stage change typed in the move form."""
    state = st.session_state
    stage = Stage(state[f"{prefix}:stage"])
    kind = state.get(f"{prefix}:kind")
    event = Event(
        stage=stage,
        on=state[f"{prefix}:on"],
        kind=InterviewKind(kind) if stage is Stage.INTERVIEW and kind else None,
        note=state.get(f"{prefix}:note", ""),
    )
    try:
        store().record(application.id, event, application.version)
    except InvalidInput as error:
        field_errors.remember(prefix, error.errors)
        return
    field_errors.remember(prefix, {})
    state.pop(f"{prefix}:note", None)
    flash(_moved_message(application, stage))


def _moved_message(application: Application, stage: Stage) -> str:
    """A warm word after each kind of news."""
    name = f"{application.draft.company}, {application.draft.role}"
    return {
        Stage.INTERVIEW: f"Interview round recorded for {name}. Good luck, and breathe.",
        Stage.OFFER: f"An offer from {name}! Well done.",
        Stage.ACCEPTED: f"Accepted: {name}. Congratulations.",
        Stage.REJECTED: f"Recorded the no from {name}. One draw, not a verdict: "
        "most interviews end this way for everyone. Asking for feedback is worth it.",
        Stage.GHOSTED: f"Marked {name} as ghosted. Their silence says more about "
        "their process than about you.",
    }.get(stage, f"{name} moved to {stage.label.lower()}.")


def _move_form(application: Application) -> None:
    """Pick the next stage and its date; interviews carry their kind."""
    options = allowed_next(application.stage)
    if not options:
        st.info("This application is closed: its history is kept as it is.")
        return
    prefix = f"move:{application.id}"
    with st.form(prefix, border=False):
        left, middle, right = st.columns(3)
        with left:
            st.selectbox(
                "Move to",
                [stage.value for stage in options],
                format_func=lambda value: (
                    "Interview (another round)"
                    if value == Stage.INTERVIEW.value and application.stage is Stage.INTERVIEW
                    else Stage(value).label
                ),
                key=f"{prefix}:stage",
            )
            field_errors.show(prefix, "stage")
        with middle:
            st.date_input("On", value=date.today(), key=f"{prefix}:on", format="DD/MM/YYYY")
            field_errors.show(prefix, "on")
        with right:
            st.selectbox(
                "Interview kind (for interviews)",
                [kind.value for kind in InterviewKind],
                format_func=lambda value: InterviewKind(value).label,
                key=f"{prefix}:kind",
            )
            field_errors.show(prefix, "kind")
        st.text_area(
            "Note (for a rejection: what they said, in their words)",
            key=f"{prefix}:note",
            height=80,
        )
        field_errors.show(prefix, "note")
        st.form_submit_button(
            "Save stage change", type="primary", on_click=_move, args=(application, prefix)
        )


@guarded
def _save_edit(application: Application, prefix: str) -> None:
    """Save the edit form; a stale save is refused (and guarded says so)."""

    def save(draft: object) -> None:
        store().update(application.id, draft, application.version)  # type: ignore[arg-type]

    if application_form.submit(prefix, save):
        application_form.clear(prefix)
        flash("Saved your changes.")


def _edit_form(application: Application, currency: str) -> None:
    """The application's facts, editable."""
    prefix = f"edit:{application.id}"
    if f"{prefix}:company" not in st.session_state:
        application_form.load(prefix, application.draft)
    with st.form(prefix, border=False):
        application_form.render(prefix, currency, new=False)
        st.form_submit_button(
            "Save changes", type="primary", on_click=_save_edit, args=(application, prefix)
        )


@guarded
def _delete(application_id: int) -> None:
    """Delete for real, after the user confirmed."""
    try:
        store().delete(application_id)
    except NotFound as error:
        flash(str(error), "warning")
    else:
        flash("Deleted the application and its history.")
    st.session_state["selected_application"] = None
    st.session_state.pop(f"confirm_delete:{application_id}", None)


def _delete_section(application: Application) -> None:
    """Deleting asks first, and says what will go."""
    key = f"confirm_delete:{application.id}"
    if not st.session_state.get(key):
        st.button(
            "Delete this application…",
            key=f"ask:{key}",
            on_click=lambda: st.session_state.update({key: True}),
        )
        return
    st.warning(
        f"Delete {md(application.draft.company)} ({md(application.draft.role)}) with its "
        f"{plural(len(application.events), 'event')}, contacts and follow-ups? "
        "This can't be undone."
    )
    left, right = st.columns(2)
    left.button(
        "Yes, delete it", key=f"yes:{key}", type="primary", on_click=_delete, args=(application.id,)
    )
    right.button("Keep it", key=f"no:{key}", on_click=lambda: st.session_state.pop(key, None))


def _history(application: Application) -> None:
    """Every dated change, oldest first."""
    rows = pd.DataFrame(
        [
            {
                "Date": event.on,
                "Stage": event.stage.label,
                "Interview kind": event.kind.label if event.kind else "",
                "Note": event.note,
            }
            for event in application.events
        ]
    )
    st.dataframe(rows, hide_index=True, width="stretch")


PAUSED = (
    "Editing is paused in presenter mode, so nothing hidden shows on screen. Switch "
    "presenter mode off in the sidebar to edit."
)


def render(application_id: int, currency: str, key: Key) -> None:
    """The detail panel for one application."""
    try:
        shown = application(application_id, key)
    except NotFound:
        st.session_state["selected_application"] = None
        st.info("That application is no longer here.")
        return
    draft = shown.draft
    with st.container(border=True):
        title, close = st.columns([5, 1])
        title.subheader(f"{md(draft.company)} · {md(draft.role)}")
        close.button("Close", key="detail:close", on_click=_close, width="stretch")
        facts = [f"**{shown.stage.label}**", f"applied {draft.applied_on:%d %b %Y}"]
        if draft.location:
            facts.append(md(draft.location))
        if shown.interview_rounds:
            facts.append(plural(shown.interview_rounds, "interview round"))
        st.markdown(" · ".join(facts))
        buttons = st.container(horizontal=True)
        if re.match(r"https?://", draft.link, re.IGNORECASE):  # the one link made on purpose
            buttons.link_button("Open the advert", draft.link)
        worth_reflecting = shown.interview_rounds or shown.stage is Stage.REJECTED
        if worth_reflecting and buttons.button("Write a reflection", key="detail:reflect"):
            st.session_state["reflect:application"] = shown.id
            st.session_state["reflect:editing"] = None
            st.switch_page("pages/reflect.py")
        for contact in draft.contacts:
            st.caption(" · ".join(md(part) for part in vars(contact).values() if part))
        move, history, edit, todo, delete = st.tabs(
            ["Move on", "History", "Edit", "Follow-ups", "Delete"]
        )
        with move:
            _move_form(shown)
        with history:
            _history(shown)
        with edit:
            if presenting():
                st.caption(PAUSED)
            else:
                _edit_form(shown, currency)
        with todo:
            follow_ups.for_application(shown.id, shown.follow_ups)
        with delete:
            _delete_section(shown)
