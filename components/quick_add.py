"""Quick add: company, role and a link or a pasted advert, in one line on Pipeline and Today.

It owns its widget keys (`quick:*`, or `quick-presenting:*` while presenting, so nothing typed
before shows on a shared screen) and the advert reading waiting to be confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import streamlit as st

from bounceback.adverts import AdvertReading, SalaryPeriod, read_advert
from bounceback.domain import ApplicationDraft, InvalidInput, Settings, Stage
from bounceback.pipeline import previous_setbacks, setback_message
from bounceback.strengths import MAX_DESCRIPTION_CHARS
from components import application_form, field_errors, once
from components.state import (
    application,
    flash,
    guarded,
    presenting,
    revision_key,
    store,
    table,
    today,
    unmasked,
)
from components.text import md

QUICK = "quick"
QUICK_PRESENTING = "quick-presenting"
_FOUND = {
    "company": "Company",
    "role": "Role",
    "location": "Location",
    "salary": "Salary",
    "closing_on": "Closing date",
}


@dataclass(frozen=True)
class _Waiting:
    """An advert read and loaded into the confirm form, with what to tell the user about it."""

    found_from: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]


def _prefix() -> str:
    """This screen's quick form: a fresh one while presenting."""
    return QUICK_PRESENTING if presenting() else QUICK


def _confirm(prefix: str) -> str:
    """The confirm form's prefix (the full form's fields, pre-filled from the advert)."""
    return f"{prefix}-confirm"


def _waiting_key(prefix: str) -> str:
    """Where the reading waiting for confirmation lives."""
    return f"{prefix}:waiting"


def _whole(amount: Decimal | None) -> int | None:
    """A yearly salary bound as the form's whole number."""
    return None if amount is None else int(amount)


def _draft_from(reading: AdvertReading, typed: ApplicationDraft) -> tuple[ApplicationDraft, str]:
    """The draft the advert suggests (what the user typed wins), and a word on its salary."""
    yearly = reading.salary_period is SalaryPeriod.YEAR
    said = ""
    if reading.salary_min is not None and not yearly:
        per = reading.salary_period.value if reading.salary_period else "period not stated"
        said = (
            f"The advert's pay ({reading.found_from.get('salary', '')}, per {per}) was not "
            "copied: the salary fields are yearly."
        )
    closing = (
        f"Closing date: {reading.closing_on:%d %b %Y}" if reading.closing_on is not None else ""
    )
    draft = ApplicationDraft(
        company=typed.company.strip() or reading.company,
        role=typed.role.strip() or reading.role,
        applied_on=today(),
        location=reading.location,
        link=typed.link,
        salary_min=_whole(reading.salary_min) if yearly else None,
        salary_max=_whole(reading.salary_max) if yearly else None,
        currency=(reading.currency or typed.currency) if yearly else typed.currency,
        notes=closing,
        job_description=reading.description,
    )
    return draft, said


def _typed(prefix: str, currency: str) -> ApplicationDraft:
    """The quick line as a draft: today's date, the user's currency."""
    state = st.session_state
    return ApplicationDraft(
        company=str(state.get(f"{prefix}:company", "")),
        role=str(state.get(f"{prefix}:role", "")),
        applied_on=today(),
        link=str(state.get(f"{prefix}:link", "")).strip(),
        currency=currency,
    )


def _blank(prefix: str) -> None:
    """Empty the quick line after a save (the browser keeps old text unless told)."""
    field_errors.remember(prefix, {})
    for name in ("company", "role", "link", "advert"):
        st.session_state[f"{prefix}:{name}"] = ""


def say_added(new_id: int, draft: ApplicationDraft) -> None:
    """Say it was added (by the names this screen may show) and mention earlier tries."""
    key = revision_key()
    shown = application(new_id, key).draft
    flash(f"Added {shown.company} ({shown.role}).")
    earlier = previous_setbacks(table(unmasked(key)), draft.company, exclude_id=new_id)
    note = setback_message(table(key).set_index("id").loc[earlier["id"]].reset_index())
    if note:
        flash(note, "info")


@guarded
def _submit(prefix: str, current: Settings, drawn: int = 0) -> None:
    """Save the quick line, or read its advert and hold it for the user to confirm."""
    with once.turn(prefix, drawn) as turn:
        if turn is not None:  # else the second press of a double press: the first one acted
            _read_or_save(prefix, current, turn)


def _read_or_save(prefix: str, current: Settings, turn: once.Turn) -> None:
    """Hold a pasted advert's reading for confirming, or save the quick line as typed."""
    typed = _typed(prefix, current.currency)
    pasted = str(st.session_state.get(f"{prefix}:advert", ""))
    if pasted.strip():
        reading = read_advert(
            pasted, today=today(), currency=current.currency, country=current.country
        )
        draft, said = _draft_from(reading, typed)
        confirm = _confirm(prefix)
        application_form.clear(confirm)
        application_form.load(confirm, draft)
        field_errors.remember(prefix, {})
        st.session_state[_waiting_key(prefix)] = _Waiting(
            tuple(reading.found_from.items()), (*reading.notes, *([said] if said else []))
        )
        turn.done()
        return
    try:
        new_id = store().add_application(typed, Stage.APPLIED, today())
    except InvalidInput as error:
        field_errors.remember(prefix, error.errors)
        return
    turn.done(reset=lambda: _blank(prefix), show=lambda: say_added(new_id, typed))


@guarded
def _save_confirmed(prefix: str, drawn: int = 0) -> None:
    """Save the confirmed application, advert kept as its job description."""
    confirm = _confirm(prefix)
    with once.turn(confirm, drawn) as turn:
        if turn is None:
            return

        def save(draft: ApplicationDraft) -> None:
            new_id = store().add_application(draft, application_form.stage(confirm), today())
            turn.done(reset=lambda: _put_away(prefix), show=lambda: say_added(new_id, draft))

        application_form.submit(confirm, save)


def _put_away(prefix: str) -> None:
    """After the confirmed save: the advert's reading put away, the quick line blank."""
    _cancel(prefix)
    _blank(prefix)


def _cancel(prefix: str) -> None:
    """Put the advert's reading away; nothing was saved."""
    st.session_state.pop(_waiting_key(prefix), None)
    application_form.clear(_confirm(prefix))


def _line(prefix: str, current: Settings, more: str) -> None:
    """The one line: company, role, link, Add; the advert box just under it."""
    with st.form(prefix, border=False, enter_to_submit=True):
        field_errors.summary(prefix)
        company, role, link, add = st.columns([3, 3, 3, 1], vertical_alignment="bottom")
        company.text_input("Company", key=f"{prefix}:company")
        role.text_input("Role", key=f"{prefix}:role")
        link.text_input("Link (optional)", key=f"{prefix}:link", placeholder="https://…")
        add.form_submit_button(
            "Add",
            type="primary",
            width="stretch",
            on_click=_submit,
            args=(prefix, current, once.drawn(prefix)),
        )
        for name in ("company", "role", "link"):
            field_errors.show(prefix, name)
        with st.expander("Or paste the job advert: we'll read it for you"):
            st.text_area(
                "Job advert (plain text)",
                key=f"{prefix}:advert",
                height=120,
                max_chars=10 * MAX_DESCRIPTION_CHARS,
                help="Read here, on this computer: company, role, location, salary and "
                "closing date are filled in for you to check before anything is saved.",
            )
        st.caption(f"Dated today and marked applied. {more}")


def _confirming(prefix: str, current: Settings, waiting: _Waiting) -> None:
    """What the advert said, in the full form, for the user to check before saving."""
    confirm = _confirm(prefix)
    with st.container(border=True):
        st.markdown("**Check what we read from the advert, then save**")
        for name, words in waiting.found_from:
            st.caption(md(f"{_FOUND.get(name, name)}, from: “{words}”"))
        for note in waiting.notes:
            st.caption(md(note))
        with st.form(confirm, border=False):
            application_form.render(confirm, current.currency, new=True)
            save, back = st.columns(2)
            save.form_submit_button(
                "Save application",
                type="primary",
                on_click=_save_confirmed,
                args=(prefix, once.drawn(confirm)),
            )
            back.form_submit_button("Cancel", on_click=_cancel, args=(prefix,))


# Where the form with every field is, from the page quick add sits on.
ELSEWHERE = "The Pipeline page has a form with every field."
BELOW = "For every field, open the form below."


def render(current: Settings, more: str = ELSEWHERE) -> None:
    """Draw quick add: the line, or the advert's reading waiting to be confirmed."""
    prefix = _prefix()
    waiting = st.session_state.get(_waiting_key(prefix))
    if isinstance(waiting, _Waiting):
        _confirming(prefix, current, waiting)
    else:
        _line(prefix, current, more)
