"""One application up close: its history, moving it on, editing, follow-ups, deleting."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from bounceback.domain import (
    CLOSING,
    Application,
    ApplicationDraft,
    Event,
    InterviewKind,
    InvalidInput,
    NotFound,
    Stage,
)
from bounceback.stages import allowed_next
from components import (
    application_form,
    confirm,
    field_errors,
    follow_ups,
    interviews_ahead,
    once,
    opened,
    prep_sheet,
    reflecting,
    selection,
)
from components.state import PAUSED, Key, application, flash, guarded, presenting, store, today
from components.text import md, plural


def _close() -> None:
    """Go back to the whole pipeline; a reopened edit form reloads the saved values."""
    selected = selection.selected()
    if selected is not None:
        application_form.clear(f"edit:{selected}")
    selection.close()


@guarded
def _move(application: Application, prefix: str, drawn: int = 0) -> None:
    """Record the stage change typed in the move form, once however often it is clicked."""
    with once.turn(prefix, drawn) as turn:
        if turn is not None:
            _record_move(application, prefix, turn)


def _record_move(application: Application, prefix: str, turn: once.Turn) -> None:
    """Write the typed stage change; once written, offer to undo it."""
    state = st.session_state
    stage = Stage(state[f"{prefix}:stage"])
    kind = state.get(f"{prefix}:kind")
    event = Event(
        stage=stage,
        on=state[f"{prefix}:on"],
        kind=InterviewKind(kind) if stage is Stage.INTERVIEW and kind else None,
        note=state.get(f"{prefix}:note", ""),
    )

    def write(version: int) -> int:
        event_id = store().record(application.id, event, version, today())
        turn.done(
            reset=lambda: _clear_move(prefix),
            show=lambda: _recorded(application, event, (event_id, version + 1)),
        )
        return event_id

    try:
        opened.save(prefix, write)
    except InvalidInput as error:
        field_errors.remember(prefix, error.errors)


def _clear_move(prefix: str) -> None:
    """The move form after a save: no errors, no note (its date and stage may stay)."""
    field_errors.remember(prefix, {})
    st.session_state.pop(f"{prefix}:note", None)


def _recorded(application: Application, event: Event, undo: tuple[int, int]) -> None:
    """Offer Undo and say what the move means."""
    # Undo stays on offer only while nothing else has changed this application.
    st.session_state[_undo_key(application.id)] = (*undo, event.stage.label)
    flash(_moved_message(application, event.stage, heard=bool(event.note.strip())))


def _undo_key(application_id: int) -> str:
    """Where the offer to undo the last stage move lives."""
    return f"undo:{application_id}"


@guarded
def _undo(application_id: int, event_id: int, version: int) -> None:
    """Take back the stage move just made."""
    st.session_state.pop(_undo_key(application_id), None)
    gone = store().delete_event(application_id, event_id, version, today())
    opened.moved_on(_record(application_id), version)
    flash(f"Undone: the move to {gone.stage.label.lower()} is taken back.", "info")


def _undo_offer(application: Application) -> None:
    """Right after a stage move, a way to take it back."""
    offer = st.session_state.get(_undo_key(application.id))
    if not offer:
        return
    event_id, version, label = offer
    if version != application.version or application.events[-1].id != event_id:
        st.session_state.pop(_undo_key(application.id), None)
        return
    text, action = st.columns([4, 1], vertical_alignment="center")
    text.caption(f"Moved to {label.lower()}. Clicked the wrong stage?")
    action.button(
        "Undo",
        key=f"undo:{application.id}:{event_id}",
        on_click=_undo,
        args=(application.id, event_id, version),
        width="stretch",
    )


@guarded
def _reopen(application: Application) -> None:
    """Take back a rejection, withdrawal or ghosting."""
    stage = store().reopen(application.id, application.version)
    opened.moved_on(_record(application.id), application.version)
    flash(f"Reopened at {stage.label.lower()}; its history is kept.")


def _moved_message(application: Application, stage: Stage, heard: bool = False) -> str:
    """A warm word after each kind of news; `heard`: the user wrote down what they said."""
    name = f"{application.draft.company}, {application.draft.role}"
    feedback = (
        "What they said is kept; Reflect can turn it into lessons."
        if heard
        else "Asking for feedback is worth it."
    )
    return {
        Stage.INTERVIEW: f"Interview round recorded for {name}. Good luck, and breathe.",
        Stage.OFFER: f"An offer from {name}! Well done.",
        Stage.ACCEPTED: f"Accepted: {name}. Congratulations.",
        Stage.REJECTED: f"Recorded the no from {name}. One draw, not a verdict: "
        f"most interviews end this way for everyone. {feedback}",
        Stage.GHOSTED: f"Marked {name} as ghosted. Their silence says more about "
        "their process than about you.",
    }.get(stage, f"{name} moved to {stage.label.lower()}.")


def _open_at(form: str, field: str, application: Application) -> None:
    """Keep the version a form of this application was opened at (anew when it is drawn anew)."""
    if field not in st.session_state:
        opened.mark(form, _record(application.id), application.version)
    opened.keep(form, _record(application.id), application.version)


@guarded
def _reload_move(application_id: int, prefix: str) -> None:
    """Start the move form again from the saved history; the note typed is kept."""
    st.session_state.pop(f"{prefix}:stage", None)
    opened.mark(prefix, _record(application_id), store().get(application_id).version)


def _move_form(application: Application) -> None:
    """Pick the next stage and its date; interviews carry their kind."""
    options = allowed_next(application.stage)
    if application.stage in CLOSING and len(application.events) > 1:
        before = application.events[-2].stage
        st.button(
            f"Reopen at {before.label.lower()}",
            key=f"reopen:{application.id}",
            on_click=_reopen,
            args=(application,),
            help="Closed by mistake, or they wrote back? The closing is taken back; "
            "its note is kept in the notes.",
        )
    if not options:
        st.info("This application is closed: its history is kept as it is.")
        return
    prefix = f"move:{application.id}"
    _open_at(prefix, f"{prefix}:stage", application)
    opened.refusal(prefix, "This application", [], lambda: _reload_move(application.id, prefix))
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
            st.date_input("On", value=today(), key=f"{prefix}:on", format="DD/MM/YYYY")
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
            "Save stage change",
            type="primary",
            on_click=_move,
            args=(application, prefix, once.drawn(prefix)),
        )


def _record(application_id: int) -> str:
    """The name every form of one application gives its version."""
    return f"application:{application_id}"


def open_to_move(application_id: int, version: int, stage: Stage) -> None:
    """Open an application with its move form set to a stage that needs more (an interview's
    kind), filled from the version the board showed."""
    prefix = f"move:{application_id}"
    st.session_state[f"{prefix}:stage"] = stage.value
    opened.mark(prefix, _record(application_id), version)
    selection.open(application_id)


def moved(application_id: int, version: int) -> None:
    """A step taken elsewhere (the board) from this version: open forms follow it."""
    opened.moved_on(_record(application_id), version)


@guarded
def _save_edit(application: Application, prefix: str) -> None:
    """Save the edit form at the version it was opened at; a stale save stays refused."""

    def save(draft: ApplicationDraft) -> None:
        opened.save(prefix, lambda version: store().update(application.id, draft, version, today()))

    if application_form.submit(prefix, save):
        application_form.clear(prefix)
        flash("Saved your changes.")


@guarded
def _reload_edit(application_id: int, prefix: str) -> None:
    """Fill the edit form with the saved values, at the saved version."""
    fresh = store().get(application_id)
    application_form.clear(prefix)
    application_form.load(prefix, fresh.draft)
    opened.mark(prefix, _record(application_id), fresh.version)


def _edit_form(application: Application, currency: str) -> None:
    """The application's facts, editable."""
    prefix = f"edit:{application.id}"
    if f"{prefix}:company" not in st.session_state:
        application_form.load(prefix, application.draft)
        opened.mark(prefix, _record(application.id), application.version)
    opened.keep(prefix, _record(application.id), application.version)
    opened.refusal(
        prefix,
        "This application",
        application_form.differences(prefix, application.draft),
        lambda: _reload_edit(application.id, prefix),
    )
    with st.form(prefix, border=False):
        application_form.render(prefix, currency, new=False)
        st.form_submit_button(
            "Save changes", type="primary", on_click=_save_edit, args=(application, prefix)
        )


@guarded
def _delete(application_id: int) -> None:
    """Move it to Recently deleted, after the user confirmed."""
    try:
        store().delete(application_id)
    except NotFound as error:
        flash(str(error), "warning")
    else:
        flash(
            "Deleted the application. Changed your mind? Restore it from Settings, "
            "Recently deleted, within 30 days."
        )
    selection.close()
    st.session_state.pop(f"confirm_delete:{application_id}", None)


def _delete_section(application: Application) -> None:
    """Deleting asks first, and says what will go."""
    key = f"confirm_delete:{application.id}"
    if not confirm.ask(key, "Delete this application…", f"ask:{key}"):
        return
    st.warning(
        f"Delete {md(application.draft.company)} ({md(application.draft.role)}) with its "
        f"{plural(len(application.events), 'event')}, contacts, follow-ups and reflections? "
        "It waits in Settings, Recently deleted, for 30 days in case you want it back."
    )
    left, right = st.columns(2)
    left.button(
        "Yes, delete it", key=f"yes:{key}", type="primary", on_click=_delete, args=(application.id,)
    )
    confirm.keep(key, "Keep it", f"no:{key}", right)


def _history(application: Application) -> None:
    """Every dated change, oldest first, each one correctable."""
    rows = pd.DataFrame(
        [
            {
                "Date": f"{event.on:%d %b %Y}",
                "Stage": event.stage.label,
                "Interview kind": event.kind.label if event.kind else "",
                "Note": event.note,
            }
            for event in application.events
        ]
    )
    st.dataframe(rows, hide_index=True, width="stretch")
    if presenting():
        st.caption(PAUSED)
        return
    _correct_event(application)


def _event_label(event: Event) -> str:
    """One event in a picker: its date and what happened."""
    kind = f" ({event.kind.label})" if event.kind else ""
    return f"{event.on:%d %b %Y} · {event.stage.label}{kind}"


@guarded
def _save_event(application: Application, event: Event, prefix: str) -> None:
    """Save a corrected event; a refused one keeps what was typed and says why."""
    state = st.session_state
    kind = state.get(f"{prefix}:kind")
    edited = Event(
        stage=event.stage,
        on=state[f"{prefix}:on"],
        kind=InterviewKind(kind) if kind else None,
        note=state.get(f"{prefix}:note", ""),
    )
    try:
        opened.save(
            prefix,
            lambda version: store().edit_event(application.id, event.id, edited, version, today()),  # type: ignore[arg-type]
        )
    except InvalidInput as error:
        field_errors.remember(prefix, error.errors)
        return
    field_errors.remember(prefix, {})
    for name in ("on", "kind", "note"):
        state.pop(f"{prefix}:{name}", None)
    flash(f"Corrected the {event.stage.label.lower()} event.")


@guarded
def _delete_event(application: Application, event: Event, prefix: str) -> None:
    """Delete one event, unless the history left would be impossible."""
    try:
        opened.save(
            prefix,
            lambda version: store().delete_event(application.id, event.id, version, today()),  # type: ignore[arg-type]
        )
    except InvalidInput as error:
        field_errors.remember(prefix, error.errors)
        return
    field_errors.remember(prefix, {})
    st.session_state.pop(f"{prefix}:confirm", None)
    st.session_state.pop(f"history:{application.id}:pick", None)
    flash(f"Deleted the {event.stage.label.lower()} of {event.on:%d %b %Y} from the history.")


def _event_differences(prefix: str, saved: Event) -> list[str]:
    """The event's fields whose saved value is not what the correction form shows."""
    state = st.session_state
    shown = {
        "Date": state.get(f"{prefix}:on", saved.on),
        "Interview kind": state.get(f"{prefix}:kind", saved.kind.value if saved.kind else None),
        "Note": state.get(f"{prefix}:note", saved.note),
    }
    stored = {"Date": saved.on, "Interview kind": saved.kind.value if saved.kind else None}
    stored["Note"] = saved.note
    return [name for name, value in shown.items() if value != stored[name]]


@guarded
def _reload_event(application_id: int, prefix: str) -> None:
    """Refill the correction form from the saved event, at the saved version."""
    for name in ("on", "kind", "note", "confirm"):
        st.session_state.pop(f"{prefix}:{name}", None)
    field_errors.remember(prefix, {})
    opened.mark(prefix, _record(application_id), store().get(application_id).version)


def _correct_event(application: Application) -> None:
    """Pick one event, then fix its date, kind or note, or delete it."""
    by_id = {event.id: event for event in application.events}
    picked = st.selectbox(
        "Correct an event",
        list(by_id),
        index=len(by_id) - 1,
        format_func=lambda event_id: _event_label(by_id[event_id]),
        key=f"history:{application.id}:pick",
    )
    event = by_id.get(picked) or application.events[-1]
    prefix = f"event:{application.id}:{event.id}"
    _open_at(prefix, f"{prefix}:on", application)
    opened.refusal(
        prefix,
        "This application's history",
        _event_differences(prefix, event),
        lambda: _reload_event(application.id, prefix),
    )
    with st.form(prefix, border=False):
        left, right = st.columns(2)
        with left:
            st.date_input("Date", value=event.on, key=f"{prefix}:on", format="DD/MM/YYYY")
            field_errors.show(prefix, "on")
        if event.stage is Stage.INTERVIEW:
            with right:
                kinds = [kind.value for kind in InterviewKind]
                st.selectbox(
                    "Interview kind",
                    kinds,
                    index=kinds.index(event.kind.value) if event.kind else None,
                    format_func=lambda value: InterviewKind(value).label,
                    key=f"{prefix}:kind",
                )
                field_errors.show(prefix, "kind")
        st.text_area("Note", value=event.note, key=f"{prefix}:note", height=80)
        field_errors.show(prefix, "note")
        st.form_submit_button(
            "Save correction", on_click=_save_event, args=(application, event, prefix)
        )
    if confirm.ask(f"{prefix}:confirm", "Delete this event…", f"{prefix}:ask"):
        st.warning(
            f"Delete the {event.stage.label.lower()} of {event.on:%d %b %Y} from the history?"
        )
        left, right = st.columns(2)
        left.button(
            "Yes, delete the event",
            key=f"{prefix}:yes",
            type="primary",
            on_click=_delete_event,
            args=(application, event, prefix),
        )
        confirm.keep(f"{prefix}:confirm", "Keep the event", f"{prefix}:no", right)
    field_errors.show(prefix, "event")


def render(application_id: int, currency: str, key: Key) -> None:
    """The detail panel for one application."""
    try:
        shown = application(application_id, key)
    except NotFound:
        selection.close()
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
            reflecting.open_reflection(shown.id)
            st.switch_page("app_pages/reflect.py")
        if shown.stage is Stage.INTERVIEW:
            prep_sheet.link(shown.id, "detail:prep", buttons)
        for contact in draft.contacts:
            st.caption(" · ".join(md(part) for part in vars(contact).values() if part))
        _undo_offer(shown)
        # Keyed, so a save's notice (or a refusal's) never jumps back to the first tab.
        move, history, edit, todo, delete = st.tabs(
            ["Move on", "History", "Edit", "Follow-ups", "Delete"],
            key="detail:tab",
            on_change="rerun",
        )
        with move:
            _move_form(shown)
        with history:
            _history(shown)
            interviews_ahead.for_application(shown, key)
        with edit:
            if presenting():
                st.caption(PAUSED)
            else:
                _edit_form(shown, currency)
        with todo:
            follow_ups.for_application(shown.id, shown.follow_ups)
        with delete:
            if presenting():
                # Undoing it needs Recently deleted, which presenter mode hides.
                st.caption(
                    "Deleting waits until presenter mode is off, so it can be undone from "
                    "Recently deleted straight away."
                )
            else:
                _delete_section(shown)
