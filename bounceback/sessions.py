"""An advisor's sessions with a client: private notes, the action plan, and what changed since."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import pandas as pd

from bounceback.domain import InvalidInput, Stage
from bounceback.validation import (
    LONG_TEXT,
    SHORT_TEXT,
    date_problem,
    deadline_problems,
    text_problem,
)

ACTION_TEXT = 2 * SHORT_TEXT


class ActionOwner(StrEnum):
    """Who agreed to do an action: the client or the advisor."""

    CLIENT = "client"
    ADVISOR = "advisor"

    @property
    def label(self) -> str:
        """A capitalised name for screens."""
        return self.value.capitalize()


@dataclass(frozen=True)
class Action:
    """One agreed step of the plan: what, whose, by when, and whether it is done."""

    text: str
    who: ActionOwner
    due: date
    done_on: date | None = None
    # The stored row and its version, so a stale tick is refused; not part of what it says.
    id: int | None = None
    version: int = 1


@dataclass(frozen=True)
class AdvisorSession:
    """One dated session: the advisor's private notes and the actions agreed in it."""

    held_on: date
    notes: str = ""
    actions: tuple[Action, ...] = ()
    id: int | None = None
    version: int = 1


def check_session(held_on: date, notes: str, today: date) -> None:
    """A session happened on a real date, today or before; its notes are storable text."""
    problems: dict[str, str] = {}
    problem = date_problem(held_on, today, "The session date")
    if problem:
        problems["held_on"] = problem
    problem = text_problem(notes, LONG_TEXT, "Notes")
    if problem:
        problems["notes"] = problem
    if problems:
        raise InvalidInput(problems)


def check_action(action: Action, today: date) -> Action:
    """An action says what is to be done, by a sensible date; its done date is not ahead."""
    problems: dict[str, str] = {}
    problem = text_problem(action.text, ACTION_TEXT, "The action", required=True)
    if problem:
        problems["text"] = problem
    problems.update(deadline_problems(action.due, action.done_on, today, "The deadline"))
    if problems:
        raise InvalidInput(problems)
    return action


def open_actions(sessions: Sequence[AdvisorSession]) -> list[Action]:
    """Every action not done yet, soonest deadline first."""
    found = [action for session in sessions for action in session.actions if not action.done_on]
    return sorted(found, key=lambda action: (action.due, action.id or 0))


def last_session_before(sessions: Sequence[AdvisorSession], today: date) -> date | None:
    """The date of the latest session held before today: where 'since last time' starts."""
    earlier = [session.held_on for session in sessions if session.held_on < today]
    return max(earlier, default=None)


# What 'since last time' counts, in the order a session goes through them.
SINCE_LABELS: dict[str, str] = {
    "applications": "New applications",
    "interviews": "Interview rounds",
    "offers": "Offers",
    "rejections": "Rejections",
    "reflections": "Reflections written",
    "lessons": "Lessons added",
    "actions_done": "Actions done",
}


def since_last_time(
    frames: Mapping[str, pd.DataFrame],
    sessions: Sequence[AdvisorSession],
    last: date,
    today: date,
) -> dict[str, int]:
    """What happened after `last` up to today, counted from history, never stored twice."""
    events = frames["events"]

    def after(values: pd.Series) -> pd.Series:
        days = pd.to_datetime(values).dt.date
        return (days > last) & (days <= today)

    def stage_count(stage: Stage) -> int:
        return int((after(events["occurred_on"]) & (events["stage"] == stage.value)).sum())

    notes = frames["reflections"]
    new_notes = notes[after(notes["written_on"])] if len(notes) else notes
    return {
        "applications": int(after(frames["applications"]["applied_on"]).sum()),
        "interviews": stage_count(Stage.INTERVIEW),
        "offers": stage_count(Stage.OFFER),
        "rejections": stage_count(Stage.REJECTED),
        "reflections": len(new_notes),
        "lessons": _lessons_added(frames, notes, last, today),
        "actions_done": sum(
            1
            for session in sessions
            for action in session.actions
            if action.done_on is not None and last < action.done_on <= today
        ),
    }


def _lessons_added(
    frames: Mapping[str, pd.DataFrame], notes: pd.DataFrame, last: date, today: date
) -> int:
    """Lessons first written down in a reflection after `last`: new ones, not repeats."""
    sources = frames["lesson_sources"]
    if sources.empty or notes.empty:
        return 0
    written = sources.merge(
        notes[["id", "written_on"]].rename(columns={"id": "reflection_id"}), on="reflection_id"
    )
    first = pd.to_datetime(written.groupby("lesson_id")["written_on"].min()).dt.date
    return int(((first > last) & (first <= today)).sum())
