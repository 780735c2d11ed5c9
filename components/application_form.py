"""The add/edit application form; it owns its widget keys and shows errors beside fields."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from bounceback.domain import ApplicationDraft, Contact, InvalidInput, Source, Stage
from bounceback.strengths import MAX_DESCRIPTION_CHARS
from components import field_errors
from components.state import today

CONTACT_ROWS = 2
_FIELDS = (
    "company",
    "role",
    "location",
    "source",
    "link",
    "applied_on",
    "salary_min",
    "salary_max",
    "currency",
    "pool_size",
    "notes",
    "job_description",
)
_CONTACT_FIELDS = ("name", "role", "email", "phone")


def _key(prefix: str, name: str) -> str:
    """A widget key private to one form."""
    return f"{prefix}:{name}"


def load(prefix: str, draft: ApplicationDraft) -> None:
    """Fill the form's widgets from a saved application (for editing)."""
    state = st.session_state
    for name in _FIELDS:
        value = getattr(draft, name)
        state[_key(prefix, name)] = value.value if name == "source" else value
    rows = max(CONTACT_ROWS, len(draft.contacts) + 1)
    for index in range(rows):
        contact = draft.contacts[index] if index < len(draft.contacts) else Contact()
        for name in _CONTACT_FIELDS:
            state[_key(prefix, f"contact{index}_{name}")] = getattr(contact, name)
    state[_key(prefix, "contact_rows")] = rows


def clear(prefix: str) -> None:
    """Forget what was typed, so an edit form reloads the saved values when next opened."""
    for key in [key for key in st.session_state if str(key).startswith(f"{prefix}:")]:
        del st.session_state[key]


def empty(prefix: str) -> None:
    """Blank the add form after a save, ready for the next application.

    Forgetting the keys is not enough: the browser keeps showing the old text unless a value
    is set. Texts become empty, amounts blank, the date today; choices stay as they were.
    """
    state = st.session_state
    for name in ("company", "role", "location", "link", "notes", "job_description"):
        state[_key(prefix, name)] = ""
    for name in ("salary_min", "salary_max", "pool_size"):
        state[_key(prefix, name)] = None
    state[_key(prefix, "applied_on")] = today()
    for index in range(state.get(_key(prefix, "contact_rows"), CONTACT_ROWS)):
        for name in _CONTACT_FIELDS:
            state[_key(prefix, f"contact{index}_{name}")] = ""


def read(prefix: str) -> ApplicationDraft:
    """The draft as typed in the form's widgets."""
    state = st.session_state

    def value(name: str, default: object = "") -> object:
        return state.get(_key(prefix, name), default)

    rows = state.get(_key(prefix, "contact_rows"), CONTACT_ROWS)
    people = tuple(
        Contact(*(str(value(f"contact{index}_{name}")) for name in _CONTACT_FIELDS))
        for index in range(rows)
    )
    return ApplicationDraft(
        company=str(value("company")),
        role=str(value("role")),
        applied_on=value("applied_on") or today(),
        location=str(value("location")),
        source=Source(value("source", Source.JOB_BOARD.value)),
        link=str(value("link")),
        salary_min=_whole(value("salary_min", None)),
        salary_max=_whole(value("salary_max", None)),
        currency=str(value("currency", "GBP")).strip().upper(),
        pool_size=_whole(value("pool_size", None)),
        notes=str(value("notes")),
        contacts=people,
        job_description=str(value("job_description")),
    )


_LABELS = {
    "company": "Company",
    "role": "Role",
    "location": "Location",
    "source": "Where you found it",
    "link": "Link to the advert",
    "applied_on": "Date applied",
    "salary_min": "Salary from",
    "salary_max": "Salary to",
    "currency": "Currency",
    "pool_size": "Candidates interviewed",
    "notes": "Notes",
    "contacts": "Contacts",
    "job_description": "Job description",
}


def differences(prefix: str, saved: ApplicationDraft) -> list[str]:
    """The fields whose saved value is not what the form shows, by their labels."""
    shown = read(prefix)
    people = lambda draft: tuple(c for c in draft.contacts if any(vars(c).values()))  # noqa: E731
    changed = [name for name in _FIELDS if getattr(shown, name) != getattr(saved, name)]
    if people(shown) != people(saved):
        changed.append("contacts")
    return [_LABELS[name] for name in changed]


def _whole(number: object) -> int | None:
    """A number input's value as a whole number, or None when left empty."""
    return None if number is None else int(number)  # type: ignore[call-overload]


def submit(prefix: str, save: Callable[[ApplicationDraft], str | None]) -> bool:
    """Run a save; keep the field errors for the next run if the input was refused."""
    try:
        save(read(prefix))
    except InvalidInput as error:
        field_errors.remember(prefix, error.errors)
        return False
    field_errors.remember(prefix, {})
    return True


def render(prefix: str, currency: str, new: bool) -> None:
    """Draw the fields (inside a st.form the caller opened)."""
    key = lambda name: _key(prefix, name)  # noqa: E731
    field_errors.summary(prefix)
    left, middle, right = st.columns(3)
    with left:
        st.text_input("Company *", key=key("company"))
        field_errors.show(prefix, "company")
    with middle:
        st.text_input("Role *", key=key("role"))
        field_errors.show(prefix, "role")
    with right:
        st.text_input("Location", key=key("location"), placeholder="City, remote, hybrid…")
        field_errors.show(prefix, "location")
    left, middle, right = st.columns(3)
    with left:
        st.selectbox(
            "Where you found it",
            [source.value for source in Source],
            format_func=lambda value: Source(value).label,
            key=key("source"),
        )
    with middle:
        st.text_input("Link to the advert", key=key("link"), placeholder="https://…")
        field_errors.show(prefix, "link")
    with right:
        st.date_input(
            "Date applied (or saved)",
            key=key("applied_on"),
            value=today() if key("applied_on") not in st.session_state else None,
            max_value=today(),
            format="DD/MM/YYYY",
        )
        field_errors.show(prefix, "applied_on")
    left, middle, right, last = st.columns(4)
    with left:
        st.number_input("Salary from", key=key("salary_min"), value=None, min_value=0, step=1000)
        field_errors.show(prefix, "salary_min")
    with middle:
        st.number_input("Salary to", key=key("salary_max"), value=None, min_value=0, step=1000)
        field_errors.show(prefix, "salary_max")
    with right:
        if key("currency") not in st.session_state:
            st.session_state[key("currency")] = currency
        st.text_input("Currency", key=key("currency"), max_chars=3)
        field_errors.show(prefix, "currency")
    with last:
        st.number_input(
            "Candidates interviewed, if known",
            key=key("pool_size"),
            value=None,
            min_value=1,
            step=1,
            help="If the employer told you how many people they interviewed. "
            "Left empty, your baseline setting is used.",
        )
        field_errors.show(prefix, "pool_size")
    if new:
        st.radio(
            "Where it stands",
            [Stage.APPLIED.value, Stage.SAVED.value],
            format_func=lambda value: {
                "applied": "Applied",
                "saved": "Saved, not applied yet",
            }[value],
            key=key("stage"),
            horizontal=True,
        )
    st.text_area("Notes", key=key("notes"), height=80)
    field_errors.show(prefix, "notes")
    st.text_area(
        "Job description",
        key=key("job_description"),
        height=80,
        max_chars=MAX_DESCRIPTION_CHARS,
        placeholder="Paste the advert: Lessons can match your strengths against it.",
    )
    field_errors.show(prefix, "job_description")
    st.markdown("**Contacts** (all optional)")
    rows = st.session_state.get(key("contact_rows"), CONTACT_ROWS)
    for index in range(rows):
        columns = st.columns(4)
        for column, name, label in zip(
            columns, _CONTACT_FIELDS, ("Name", "Their role", "Email", "Phone"), strict=True
        ):
            with column:
                st.text_input(f"{label} ({index + 1})", key=key(f"contact{index}_{name}"))
                field_errors.show(prefix, f"contacts.{index}.{name}")


def stage(prefix: str) -> Stage:
    """The starting stage chosen on the add form."""
    return Stage(st.session_state.get(_key(prefix, "stage"), Stage.APPLIED.value))
