"""A structured look back after an interview or a rejection: its record, checks and chase.

The record and its enums live in `domain`, its checks in `validation`; they are named here
too, where most callers look for them.
"""

from __future__ import annotations

from datetime import date, timedelta

from bounceback.domain import (
    Application,
    Characteristic,
    Event,
    Fairness,
    FollowUp,
    FollowUpKind,
    LessonDraft,
    LessonKind,
    Preparation,
    Prompt,
    Reflection,
    Stage,
    TripUp,
)
from bounceback.validation import check_reflection, reflection_problems

__all__ = [
    "Characteristic",
    "Fairness",
    "LessonDraft",
    "LessonKind",
    "Preparation",
    "Prompt",
    "Reflection",
    "TripUp",
    "check_reflection",
    "feedback_chase",
    "fold_feedback",
    "recorded_feedback",
    "reflection_problems",
    "rejection_of",
]

# Feedback asked for and not yet received is chased this many days after the reflection.
FEEDBACK_CHASE_DAYS = 7


def feedback_chase(today: date) -> FollowUp:
    """The follow-up a pending feedback request gets: ask again a week on."""
    return FollowUp(
        FollowUpKind.ASK_FEEDBACK,
        today + timedelta(days=FEEDBACK_CHASE_DAYS),
        note="Chase the feedback.",
    )


def rejection_of(application: Application) -> Event | None:
    """The rejection in the application's history (the latest), or None if it has none."""
    closings = [event for event in application.events if event.stage is Stage.REJECTED]
    return closings[-1] if closings else None


def fold_feedback(recorded: str, own: str) -> str:
    """Two texts of the employer's words as one, the same words never twice."""
    parts = [part.strip() for part in (recorded, own) if part.strip()]
    if (
        len(parts) == 2
        and " ".join(parts[0].split()).casefold() == " ".join(parts[1].split()).casefold()
    ):
        parts = parts[:1]
    return "\n\n".join(parts)


def recorded_feedback(application: Application, note: Reflection) -> str:
    """What the employer said, from its one home.

    A reflection on a rejection reads the note recorded with that rejection (History keeps
    it); anything the reflection itself still holds follows it, so nothing is hidden.
    """
    rejection = rejection_of(application)
    if note.prompt is not Prompt.REJECTION or rejection is None:
        return note.feedback
    return fold_feedback(rejection.note, note.feedback)
