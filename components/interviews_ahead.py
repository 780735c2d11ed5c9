"""Interviews booked ahead: one application's bookings and their form, and Today's next one."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import streamlit as st

from bounceback import exports
from bounceback.domain import OPEN, Application, InterviewKind, InvalidInput, ScheduledInterview
from bounceback.schedule import (
    next_interview_line,
    panel_from_text,
    rounds_before,
    upcoming_interviews,
    when,
    zone,
)
from components import confirm, downloads, field_errors, once
from components.state import (
    PAUSED,
    Key,
    applications,
    flash,
    frames,
    guarded,
    presenting,
    store,
    store_of,
    today,
)
from components.text import md

_FIELDS = ("day", "at", "kind", "place", "panel", "minutes")
DEFAULT_MINUTES = 60


def now() -> datetime:
    """This moment, aware, so a booking compares with it in any zone."""
    return datetime.now(UTC)


def visitor_zone() -> str | None:
    """The visitor's own time zone as their browser names it, when it does."""
    return st.context.timezone


def _typed(
    application: Application, prefix: str, booked: ScheduledInterview | None
) -> ScheduledInterview:
    """The booking as the form's widgets hold it, in the visitor's own time zone."""
    state = st.session_state
    minutes = state.get(f"{prefix}:minutes")
    return ScheduledInterview(
        application_id=application.id,
        company=application.draft.company,
        role=application.draft.role,
        starts_at=datetime.combine(state[f"{prefix}:day"], state[f"{prefix}:at"]).replace(
            tzinfo=zone(visitor_zone())
        ),
        kind=InterviewKind(state[f"{prefix}:kind"]),
        place=state.get(f"{prefix}:place", ""),
        panel=panel_from_text(state.get(f"{prefix}:panel", "")),
        duration=timedelta(minutes=int(minutes)) if minutes else None,
        id=None if booked is None else booked.id,
        version=1 if booked is None else booked.version,
    )


@guarded
def _save(
    application: Application, prefix: str, drawn: int, booked: ScheduledInterview | None
) -> None:
    """Book (or move) an interview; a refusal keeps what was typed and names each field."""
    with once.turn(prefix, drawn) as turn:
        if turn is None:
            return
        try:
            interview = _typed(application, prefix, booked)
            if booked is None:
                store().schedule_interview(interview, now())
            else:
                store().reschedule_interview(interview, now())
        except InvalidInput as error:
            field_errors.remember(prefix, error.errors)
            return
        done = "Booked" if booked is None else "Moved"
        turn.done(
            reset=lambda: _clear_booking(prefix),
            show=lambda: flash(f"{done}: {interview.kind.label} interview, {when(interview)}."),
        )


def _clear_booking(prefix: str) -> None:
    """The booking form after a save: no errors, nothing typed."""
    field_errors.remember(prefix, {})
    for name in _FIELDS:
        st.session_state.pop(f"{prefix}:{name}", None)


@guarded
def _cancel(booked: ScheduledInterview, prefix: str) -> None:
    """Take a booking off the calendar."""
    store().cancel_interview(booked.id, booked.version)  # type: ignore[arg-type]
    st.session_state.pop(f"{prefix}:confirm", None)
    flash(f"Cancelled the {booked.kind.label.lower()} interview of {when(booked)}.", "info")


@guarded
def _held(booked: ScheduledInterview, application_version: int) -> None:
    """Record a booked interview as a round that happened; the booking goes."""
    store().interview_held(booked.id, booked.version, application_version, now(), today())  # type: ignore[arg-type]
    flash(
        f"Recorded the {booked.kind.label.lower()} round of {booked.starts_at:%d %b %Y}. "
        "Writing a reflection while it is fresh helps the next one."
    )


def _form(application: Application, prefix: str, booked: ScheduledInterview | None) -> None:
    """The fields of one booking, filled from it when it is being moved."""
    start = booked.starts_at.astimezone(zone(visitor_zone())) if booked else None
    # A booking whose day has passed still opens at its own day; the rule refuses the past.
    earliest = min(today(), start.date()) if start else today()
    field_errors.summary(prefix)
    with st.form(prefix, border=False):
        left, middle, right = st.columns(3)
        with left:
            st.date_input(
                "Day",
                value=start.date() if start else today() + timedelta(days=1),
                min_value=earliest,
                key=f"{prefix}:day",
                format="DD/MM/YYYY",
            )
            field_errors.show(prefix, "starts_at")
        middle.time_input(
            "Time", value=start.time() if start else time(10, 0), key=f"{prefix}:at", step=300
        )
        kinds = [kind.value for kind in InterviewKind]
        right.selectbox(
            "Kind",
            kinds,
            index=kinds.index(booked.kind.value) if booked else 1,
            format_func=lambda value: InterviewKind(value).label,
            key=f"{prefix}:kind",
        )
        left, right = st.columns([2, 1])
        with left:
            st.text_input(
                "Place or link", value=booked.place if booked else "", key=f"{prefix}:place"
            )
            field_errors.show(prefix, "place")
        with right:
            minutes = (
                booked.duration // timedelta(minutes=1) if booked and booked.duration else None
            )
            st.number_input(
                "Minutes (if known)",
                min_value=0,
                max_value=720,
                value=minutes if booked else DEFAULT_MINUTES,
                step=15,
                key=f"{prefix}:minutes",
            )
            field_errors.show(prefix, "duration")
        st.text_area(
            "Who is on the panel (one per line)",
            value="\n".join(booked.panel) if booked else "",
            key=f"{prefix}:panel",
            height=80,
        )
        field_errors.show(prefix, "panel")
        field_errors.show(prefix, "application")
        st.caption(f"Times are in your own time zone ({visitor_zone() or 'UTC'}).")
        st.form_submit_button(
            "Book the interview" if booked is None else "Save the new time",
            on_click=_save,
            args=(application, prefix, once.drawn(prefix), booked),
        )


def _booking(application: Application, booked: ScheduledInterview, moment: datetime) -> None:
    """One booking: when and where, with moving, cancelling and recording it as held."""
    prefix = f"booking:{booked.id}"
    with st.expander(f"{booked.kind.label} interview, {when(booked)}"):
        if booked.place:
            st.markdown(f"Where: {md(booked.place)}")
        if booked.panel:
            st.markdown("Panel: " + ", ".join(md(name) for name in booked.panel))
        buttons = st.container(horizontal=True)
        started = booked.starts_at <= moment
        buttons.button(
            "It happened: record the round",
            key=f"{prefix}:held",
            disabled=not started,
            help=None if started else "Its outcome can be recorded once it has started.",
            on_click=_held,
            args=(booked, application.version),
        )
        if confirm.ask(f"{prefix}:confirm", "Cancel this interview…", f"{prefix}:ask", buttons):
            st.warning(f"Cancel the {booked.kind.label.lower()} interview of {when(booked)}?")
            left, right = st.columns(2)
            left.button(
                "Yes, cancel it",
                key=f"{prefix}:yes",
                type="primary",
                on_click=_cancel,
                args=(booked, prefix),
            )
            confirm.keep(f"{prefix}:confirm", "Keep it", f"{prefix}:no", right)
        st.markdown("**Move it**")
        _form(application, f"{prefix}:edit", booked)


def for_application(application: Application, key: Key) -> None:
    """The interviews booked for one application, and a form to book the next."""
    st.markdown("**Interviews booked ahead**")
    booked = store_of(key).booked_interviews(application.id)
    moment = now()
    if presenting():
        for item in booked:
            st.caption(f"{item.kind.label} interview, {when(item)}")
        st.caption(PAUSED)
        return
    if not booked:
        st.caption("None yet. Book one below, and it shows on Today and in your calendar.")
    for item in booked:
        _booking(application, item, moment)
    if application.stage in OPEN:
        with st.expander("Book an interview"):
            _form(application, f"booking:new:{application.id}", None)


def next_interview(key: Key) -> None:
    """Today's line for the soonest interview booked, with the calendar file to add it."""
    data = frames(key)
    moment = now()
    ahead = upcoming_interviews(data, moment)
    if not ahead:
        return
    first = ahead[0]
    line = next_interview_line(first, rounds_before(data, first), moment, visitor_zone())
    st.info(md(line), icon=":material/event:")
    if len(ahead) > 1:
        st.caption(f"{len(ahead) - 1} more booked after it.")
    calendar(key, "home:calendar")


def calendar(key: Key, button_key: str) -> None:
    """The calendar file: follow-ups still to do and every interview booked ahead."""
    downloads.button(
        "Your calendar: follow-ups and interviews (.ics)",
        lambda: exports.calendar_ics(
            applications(key), upcoming_interviews(frames(key), now()), now()
        ),
        what="the calendar file",
        key=button_key,
        file_name="bounceback-calendar.ics",
        mime="text/calendar",
        width="stretch",
        help="Follow-ups not yet done as all-day events, and booked interviews at their "
        "time with a reminder the day before.",
    )
