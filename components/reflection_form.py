"""The reflection form: sections in the order a person thinks, errors beside their fields."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import fields, replace
from datetime import date
from functools import partial
from typing import TypedDict

import streamlit as st

from bounceback import advice
from bounceback.domain import VALUE_LABELS, Application, InvalidInput, Stage
from bounceback.prep import prefill
from bounceback.reflections import (
    Characteristic,
    Fairness,
    LessonDraft,
    LessonKind,
    Preparation,
    Prompt,
    Reflection,
    TripUp,
    recorded_feedback,
    rejection_of,
)
from components import drafts, field_errors, once, opened, reflecting
from components.state import flash, guarded, presenting, store, today
from components.text import md, plural

FIELDS = (
    "prompt",
    "written_on",
    "interview_round",
    "overall",
    "confidence_before",
    "confidence_after",
    "went_well",
    "went_wrong",
    "trip_ups",
    "tricky_question",
    "prep_hours",
    "prep_done",
    "feedback_asked_on",
    "feedback_received_on",
    "feedback",
    "fairness",
    "characteristics",
    "dos",
    "donts",
    "fit",
)


def prefix_for(application_id: int, reflection_id: int | None) -> str:
    """The widget-key prefix of one application's new or edited reflection."""
    return f"reflect:{application_id}:{reflection_id or 'new'}"


def _key(prefix: str, name: str) -> str:
    """A widget key private to one reflection form."""
    return f"{prefix}:{name}"


def load(prefix: str, note: Reflection, application: Application) -> None:
    """Fill the widgets from a saved reflection, for editing (feedback from its one home)."""
    state = st.session_state
    values = {
        "prompt": note.prompt.value,
        "written_on": note.written_on,
        "interview_round": note.interview_round or WHOLE_APPLICATION,
        # st.feedback("stars") counts from 0.
        "overall": note.overall - 1 if note.overall else None,
        "confidence_before": note.confidence_before,
        "confidence_after": note.confidence_after,
        "went_well": note.went_well,
        "went_wrong": note.went_wrong,
        "trip_ups": [item.value for item in note.trip_ups],
        "tricky_question": note.tricky_question,
        "prep_hours": note.prep_hours,
        "prep_done": [item.value for item in note.prep_done],
        "feedback_asked_on": note.feedback_asked_on,
        "feedback_received_on": note.feedback_received_on,
        "feedback": recorded_feedback(application, note),
        "fairness": note.fairness.value if note.fairness else None,
        "characteristics": [item.value for item in note.characteristics],
        "dos": "\n".join(item.text for item in note.lessons if item.kind is LessonKind.DO),
        "donts": "\n".join(item.text for item in note.lessons if item.kind is LessonKind.DONT),
        "fit": note.fit - 1 if note.fit else None,
    }
    for name, value in values.items():
        state[_key(prefix, name)] = value


def _lines(text: str | None, kind: LessonKind) -> tuple[LessonDraft, ...]:
    """One lesson per line; bullets and blank lines are ignored."""
    return tuple(
        LessonDraft(kind, line.strip().lstrip("-*• ").strip())
        for line in (text or "").splitlines()
        if line.strip().lstrip("-*• ").strip()
    )


def _value(prefix: str, name: str) -> object:
    """What a form widget holds, None when it holds nothing yet."""
    return st.session_state.get(_key(prefix, name))


def _text(prefix: str, name: str) -> str:
    """A text widget's value; "" when empty."""
    return str(_value(prefix, name) or "")


def _date(prefix: str, name: str) -> date | None:
    """A date widget's value, None when no date is picked."""
    value = _value(prefix, name)
    return value if isinstance(value, date) else None


def _number(prefix: str, name: str) -> float | None:
    """A number widget's value (stars, pills, a round, hours), None when none is picked."""
    value = _value(prefix, name)
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _whole(prefix: str, name: str) -> int | None:
    """A whole-number widget's value (a round, a confidence), None when none is picked."""
    value = _number(prefix, name)
    return value if isinstance(value, int) else None


def _picked(prefix: str, name: str) -> list[str]:
    """The values picked in a multiple-choice widget."""
    value = _value(prefix, name)
    return [str(item) for item in value] if isinstance(value, list | tuple) else []


def read(prefix: str, application_id: int, editing: Reflection | None) -> Reflection:
    """The reflection as typed in the form's widgets."""
    stars = _number(prefix, "overall")
    fit = _number(prefix, "fit")
    fairness = _value(prefix, "fairness")
    return Reflection(
        id=editing.id if editing else None,
        version=editing.version if editing else 1,
        application_id=application_id,
        prompt=Prompt(str(st.session_state.get(_key(prefix, "prompt"), Prompt.INTERVIEW.value))),
        written_on=_date(prefix, "written_on") or today(),
        interview_round=_whole(prefix, "interview_round") or None,
        overall=None if stars is None else int(stars) + 1,
        confidence_before=_whole(prefix, "confidence_before"),
        confidence_after=_whole(prefix, "confidence_after"),
        went_well=_text(prefix, "went_well"),
        went_wrong=_text(prefix, "went_wrong"),
        trip_ups=tuple(TripUp(item) for item in _picked(prefix, "trip_ups")),
        tricky_question=_text(prefix, "tricky_question"),
        prep_hours=_number(prefix, "prep_hours"),
        prep_done=tuple(Preparation(item) for item in _picked(prefix, "prep_done")),
        feedback_asked_on=_date(prefix, "feedback_asked_on"),
        feedback_received_on=_date(prefix, "feedback_received_on"),
        feedback=_text(prefix, "feedback"),
        fairness=Fairness(str(fairness)) if fairness else None,
        characteristics=tuple(
            Characteristic(item)
            for item in _picked(prefix, "characteristics")
            if fairness == Fairness.UNFAIR.value
        ),
        lessons=_lines(_text(prefix, "dos"), LessonKind.DO)
        + _lines(_text(prefix, "donts"), LessonKind.DONT),
        fit=None if fit is None else int(fit) + 1,
    )


@guarded
def save(prefix: str, application_id: int, editing: Reflection | None, drawn: int = 0) -> None:
    """Validate and save in one transaction; keep the draft and show errors if refused.

    A second click on a Save drawn before the first one landed finds its turn spent (see
    components/once.py), so it writes nothing. Once saved, the form becomes that
    reflection: saving again updates it.
    """
    with once.turn(prefix, drawn) as turn:
        if turn is None:
            return
        note = read(prefix, application_id, editing)

        def write(version: int | None) -> int:
            saved = note if version is None else replace(note, version=version)
            reflection_id = store().save_reflection(saved, today())
            turn.done(reset=lambda: _became(prefix, reflection_id), show=lambda: _said(note))
            return reflection_id

        try:
            if editing:
                opened.save(prefix, write)
            else:
                write(None)
        except InvalidInput as error:
            field_errors.remember(prefix, error.errors)


def _became(prefix: str, reflection_id: int) -> None:
    """The form after a save: its draft gone, and it edits the reflection just saved."""
    drafts.discard(prefix)
    reflecting.edit(reflection_id)


def _said(note: Reflection) -> None:
    """Say it was saved, with the lessons it added and any feedback still to chase."""
    count = len(note.lessons)
    added = f" {plural(count, 'lesson')} went to your list." if count else ""
    chase = (
        " You asked for feedback and haven't heard yet, so a follow-up to chase it is on your list."
        if note.feedback_pending
        else ""
    )
    flash(f"Reflection saved.{added}{chase}")


def _record(reflection_id: int | None) -> str:
    """The name a reflection's edit form gives its version."""
    return f"reflection:{reflection_id}"


def _differences(prefix: str, saved: Reflection, application: Application) -> list[str]:
    """The fields whose saved value is not what the form shows."""
    shown = read(prefix, saved.application_id, saved)
    saved = replace(saved, feedback=recorded_feedback(application, saved))
    names = [
        item.name for item in fields(Reflection) if item.name in FIELDS or item.name == "lessons"
    ]
    return [
        name.replace("_", " ").capitalize()
        for name in names
        if getattr(shown, name) != getattr(saved, name)
    ]


@guarded
def _reload(prefix: str, application_id: int, reflection_id: int | None) -> None:
    """Refill the form from the saved reflection, at its saved version; the draft goes."""
    application = store().get(application_id)
    fresh = next(note for note in application.reflections if note.id == reflection_id)
    drafts.discard(prefix)
    field_errors.remember(prefix, {})
    load(prefix, fresh, application)
    opened.mark(prefix, _record(reflection_id), fresh.version)


def _fit_prompt(weights: dict[str, int]) -> str:
    """The fit question, naming what matters most only if the user said so."""
    if len(set(weights.values())) <= 1:
        return (
            "How well did this job match what matters to you? Say in Settings which things "
            "matter most (salary, purpose, work-life balance…) and they are named here."
        )
    top = max(weights.values())
    important = [name for name in weights if weights[name] == top][:3]
    return (
        "How well did this job match what matters to you? You said "
        + ", ".join(VALUE_LABELS.get(name, name) for name in important)
        + (" matters" if len(important) == 1 else " matter")
        + " most (change that in Settings)."
    )


def _pick_many(label: str, choices: type[TripUp] | type[Preparation], key: str) -> None:
    """Quick picks from a list of named choices, any number of them."""
    st.pills(
        label,
        [item.value for item in choices],
        format_func=lambda value: choices(value).label,
        selection_mode="multi",
        key=key,
    )


# The round picker's value for the application as a whole: a None value would read as no
# choice at all ("Choose an option") once a saved reflection fills the form; rounds start at 1.
WHOLE_APPLICATION = 0


def _round_label(application: Application, number: int) -> str:
    """'Round 2: panel, 12 Oct' for the round picker."""
    if number == WHOLE_APPLICATION:
        return "The application as a whole"
    rounds = [event for event in application.events if event.stage is Stage.INTERVIEW]
    event = rounds[number - 1]
    kind = event.kind.label if event.kind else "interview"
    return f"Round {number}: {kind}, {event.on:%d %b %Y}"


def _advice(country: str) -> None:
    """Neutral places to get advice, clearly not legal advice."""
    with st.container(border=True):
        st.markdown("**If the reason seems tied to who you are**")
        st.caption(advice.NOT_LEGAL_ADVICE)
        for source in advice.for_country(country):
            st.markdown(f"- [{md(source.name)}]({source.url}): {md(source.what)}")


TYPING_PAUSED = (
    "Writing pauses in presenter mode, so nothing typed before shows on screen. What you "
    "typed is kept: switch presenter mode off in the sidebar to go on."
)


def _words(field: Callable[..., object], label: str, key: str, **options: object) -> None:
    """A free-text field; while presenting, a blank disabled stand-in, and the draft kept."""
    if presenting():
        field(label, value="", key=f"{key}:presenting", disabled=True, **options)
    else:
        field(label, key=key, **options)


class _Typed(TypedDict):
    """What a typed-in field passes so it keeps itself in the draft as it is sent."""

    on_change: Callable[[str, list[str]], None]
    args: tuple[str, list[str]]


def _side_by_side(prefix: str, labels: dict[str, str], draw: Callable[[str, str], object]) -> None:
    """Fields in columns side by side, each drawn by `draw(label, key)` with its error."""
    for column, (name, label) in zip(st.columns(len(labels)), labels.items(), strict=True):
        with column:
            draw(label, _key(prefix, name))
            field_errors.show(prefix, name)


def _written(
    prefix: str,
    field: Callable[..., object],
    label: str,
    name: str,
    typed: _Typed,
    placeholder: str | None = None,
) -> None:
    """A free-text field of the form (see `_words`) with its error beneath it."""
    _words(field, label, _key(prefix, name), **typed, placeholder=placeholder)
    field_errors.show(prefix, name)


def render(
    application: Application,
    editing: Reflection | None,
    country: str,
    weights: dict[str, int],
    ticked: Collection[str] = (),
) -> None:
    """Draw the whole form for one application; a new one starts from the prep sheet's ticks."""
    prefix = prefix_for(application.id, editing.id if editing else None)
    key = partial(_key, prefix)
    if presenting():
        st.info(TYPING_PAUSED, icon=":material/visibility_off:")
    # Typing is only sent when the field loses focus, often by a click on another page:
    # that run draws another page, so the field keeps itself in the draft as it is sent.
    typed: _Typed = {"on_change": drafts.keep, "args": (prefix, [key(name) for name in FIELDS])}
    _open(prefix, application, editing)
    state = st.session_state
    state.setdefault(
        key("prompt"),
        Prompt.REJECTION.value if application.stage is Stage.REJECTED else Prompt.INTERVIEW.value,
    )
    state.setdefault(key("written_on"), today())
    rejection = rejection_of(application)
    if editing is None and rejection is not None:
        # What the employer said when they turned the user down: shown here, kept there.
        state.setdefault(key("feedback"), rejection.note)
    if editing is None:
        state.setdefault(key("prep_done"), [item.value for item in prefill(ticked)])
    field_errors.summary(prefix)
    _looking_back(prefix, application)
    _how_it_went(prefix)
    _what_happened(prefix, typed)
    _preparation(prefix, typed)
    _feedback(prefix, typed, country, rejection is not None)
    _lessons(prefix, typed)

    st.subheader("Fit")
    st.caption(_fit_prompt(weights))
    st.feedback("stars", key=key("fit"))

    drafts.keep(prefix, [key(name) for name in FIELDS])
    st.button(
        "Save reflection",
        type="primary",
        on_click=save,
        args=(prefix, application.id, editing, once.drawn(prefix)),
        key=key("save"),
        disabled=presenting(),
        help=TYPING_PAUSED if presenting() else None,
    )


def _open(prefix: str, application: Application, editing: Reflection | None) -> None:
    """Fill the form: a reflection being edited the first time it is drawn, then any draft;
    an edit whose reflection changed elsewhere offers to reload it."""
    if editing and _key(prefix, "prompt") not in st.session_state and not drafts.has(prefix):
        load(prefix, editing, application)
        opened.mark(prefix, _record(editing.id), editing.version)
    drafts.restore(prefix)
    if editing:
        opened.keep(prefix, _record(editing.id), editing.version)
        opened.refusal(
            prefix,
            "This reflection",
            _differences(prefix, editing, application),
            lambda: _reload(prefix, application.id, editing.id),
        )


def _looking_back(prefix: str, application: Application) -> None:
    """What the reflection looks back on, when it was written and which interview."""
    key = partial(_key, prefix)
    left, middle, right = st.columns(3)
    left.radio(
        "Looking back on",
        [Prompt.INTERVIEW.value, Prompt.REJECTION.value],
        format_func=lambda value: "An interview" if value == "interview" else "A rejection",
        key=key("prompt"),
        horizontal=True,
    )
    with middle:
        st.date_input("Written on", key=key("written_on"), max_value=today(), format="DD/MM/YYYY")
        field_errors.show(prefix, "written_on")
    with right:
        st.selectbox(
            "Which interview",
            [WHOLE_APPLICATION, *range(1, application.interview_rounds + 1)],
            format_func=lambda number: _round_label(application, number),
            key=key("interview_round"),
        )
        field_errors.show(prefix, "interview_round")


def _how_it_went(prefix: str) -> None:
    """Stars overall and confidence before and after."""
    key = partial(_key, prefix)
    st.subheader("How it went")
    st.caption("Overall, 1 to 5 stars")
    st.feedback("stars", key=key("overall"))
    _side_by_side(
        prefix,
        {"confidence_before": "Confidence before", "confidence_after": "Confidence after"},
        # Wrapped, not scrolled: on a phone the column is a chip too narrow for all ten.
        lambda label, key: st.pills(f"{label} (1 to 10)", list(range(1, 11)), key=key, wrap=True),
    )


def _what_happened(prefix: str, typed: _Typed) -> None:
    """What went well, and what went wrong: the usual trip-ups and the person's own words."""
    key = partial(_key, prefix)
    st.subheader("What went well")
    _written(
        prefix,
        st.text_area,
        "The plus points to keep",
        "went_well",
        typed,
        "One per line: good rapport, a clear example about the budget project…",
    )

    st.subheader("What went wrong, specifically")
    _pick_many("The usual trip-ups", TripUp, key("trip_ups"))
    if TripUp.CAUGHT_OFF_GUARD.value in _picked(prefix, "trip_ups"):
        question = "Which question caught you off guard?"
        _written(prefix, st.text_input, question, "tricky_question", typed)
    _written(
        prefix,
        st.text_area,
        "In your own words",
        "went_wrong",
        typed,
        "Be specific and kind to yourself: what would you do differently?",
    )


def _preparation(prefix: str, typed: _Typed) -> None:
    """What the person did to prepare, and for how long."""
    key = partial(_key, prefix)
    st.subheader("Preparation")
    _pick_many("What you did", Preparation, key("prep_done"))
    left, _ = st.columns([1, 3])
    with left:
        st.number_input(
            "Hours spent",
            key=key("prep_hours"),
            value=None,
            min_value=0.0,
            max_value=500.0,
            step=0.5,
            **typed,
        )
        field_errors.show(prefix, "prep_hours")


def _feedback(prefix: str, typed: _Typed, country: str, rejected: bool) -> None:
    """Feedback asked for and received, what it said, and whether it seemed fair (with
    places to get advice when it did not). On a rejection, what they said is the note
    recorded with it: edited here, it is edited there, and counted once."""
    key = partial(_key, prefix)
    st.subheader("Feedback")
    _side_by_side(
        prefix,
        {"feedback_asked_on": "Asked for feedback on", "feedback_received_on": "Feedback came on"},
        lambda label, key: st.date_input(label, key=key, value=None, format="DD/MM/YYYY"),
    )
    _written(prefix, st.text_area, "What they said, in their words", "feedback", typed)
    if rejected and _value(prefix, "prompt") == Prompt.REJECTION.value:
        st.caption(
            "These are the words recorded with the rejection (you'll see them in History too). "
            "Change them here and that one note changes, so Feedback themes counts them once."
        )
    st.radio(
        "Does the reason seem fair?",
        [item.value for item in Fairness],
        format_func=lambda value: Fairness(value).label,
        key=key("fairness"),
        index=None,
        horizontal=True,
    )
    if _value(prefix, "fairness") == Fairness.UNFAIR.value:
        st.multiselect(
            "Did it relate to something personal about you?",
            [item.value for item in Characteristic],
            format_func=lambda value: Characteristic(value).label,
            key=key("characteristics"),
            placeholder="Choose any that apply, or none",
        )
        _advice(country)


def _lessons(prefix: str, typed: _Typed) -> None:
    """The do's and don'ts the reflection adds to the list, with their errors."""
    key = partial(_key, prefix)
    st.subheader("Lessons")
    st.caption("One per line. Each becomes an item on your do's-and-don'ts list.")
    left, right = st.columns(2)
    _words(
        left.text_area,
        "Do",
        key("dos"),
        placeholder="Prepare two stories about conflict",
        **typed,
    )
    _words(right.text_area, "Don't", key("donts"), placeholder="Rush the first answer", **typed)
    for name, message in field_errors.of(prefix).items():
        if name.startswith("lessons."):
            st.error(message, icon=":material/error:")
