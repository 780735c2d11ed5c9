"""A structured look back after an interview or a rejection: its record, checks and chase.

The record and its enums live in `domain`, its checks in `validation`; they are named here
too, where most callers look for them.
"""

from __future__ import annotations

from datetime import date, timedelta

from bounceback.domain import (
    Characteristic,
    Fairness,
    FollowUp,
    FollowUpKind,
    LessonDraft,
    LessonKind,
    Preparation,
    Prompt,
    Reflection,
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
    "reflection_problems",
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
