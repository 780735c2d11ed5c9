"""The reflection form's reads: widget values become a typed Reflection, whatever is empty."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from bounceback import reflections


def _read_form() -> None:
    """Put the given widget values in place and read the form as the Save button would."""
    import streamlit as st

    from components import reflection_form

    prefix = reflection_form.prefix_for(1, None)
    for name, value in st.session_state.get("given", {}).items():
        st.session_state[f"{prefix}:{name}"] = value
    st.session_state["read"] = reflection_form.read(prefix, 1, None)


def _read(given: dict[str, object]) -> reflections.Reflection:
    app = AppTest.from_function(_read_form)
    app.session_state["given"] = given
    app.run()
    assert not app.exception
    return app.session_state["read"]


def test_every_widget_value_becomes_its_field() -> None:
    note = _read(
        {
            "prompt": "rejection",
            "written_on": date(2026, 3, 1),
            "interview_round": 2,
            "overall": 3,
            "confidence_before": 4,
            "confidence_after": 7,
            "went_well": "Rapport",
            "went_wrong": "Rushed",
            "trip_ups": ["caught_off_guard", "nerves"],
            "tricky_question": "Why us?",
            "prep_hours": 2.5,
            "prep_done": ["company_research"],
            "feedback_asked_on": date(2026, 3, 2),
            "feedback_received_on": date(2026, 3, 4),
            "feedback": "Strong, but another candidate had more years.",
            "fairness": "unfair",
            "characteristics": ["age"],
            "dos": "- Prepare two stories\n\n* Ask about the team",
            "donts": "Rush the first answer",
            "fit": 0,
        }
    )
    assert note == reflections.Reflection(
        application_id=1,
        prompt=reflections.Prompt.REJECTION,
        written_on=date(2026, 3, 1),
        interview_round=2,
        overall=4,  # st.feedback counts stars from 0
        confidence_before=4,
        confidence_after=7,
        went_well="Rapport",
        went_wrong="Rushed",
        trip_ups=(reflections.TripUp.CAUGHT_OFF_GUARD, reflections.TripUp.NERVES),
        tricky_question="Why us?",
        prep_hours=2.5,
        prep_done=(reflections.Preparation.COMPANY_RESEARCH,),
        feedback_asked_on=date(2026, 3, 2),
        feedback_received_on=date(2026, 3, 4),
        feedback="Strong, but another candidate had more years.",
        fairness=reflections.Fairness.UNFAIR,
        characteristics=(reflections.Characteristic.AGE,),
        lessons=(
            reflections.LessonDraft(reflections.LessonKind.DO, "Prepare two stories"),
            reflections.LessonDraft(reflections.LessonKind.DO, "Ask about the team"),
            reflections.LessonDraft(reflections.LessonKind.DONT, "Rush the first answer"),
        ),
        fit=1,
    )


def test_an_untouched_form_reads_as_empty_fields() -> None:
    note = _read({})
    assert note == reflections.Reflection(
        application_id=1, prompt=reflections.Prompt.INTERVIEW, written_on=date.today()
    )


def test_cleared_widgets_read_as_empty_fields() -> None:
    cleared: dict[str, object] = dict.fromkeys(
        ("written_on", "interview_round", "overall", "prep_hours", "fairness", "fit")
    )
    cleared |= {"went_well": "", "trip_ups": [], "dos": None, "characteristics": ["age"]}
    note = _read({"prompt": "interview", **cleared})
    # Characteristics count only when the reason seemed unfair.
    assert note == reflections.Reflection(
        application_id=1, prompt=reflections.Prompt.INTERVIEW, written_on=date.today()
    )
