"""Checks on what the user typed, so nothing half-right is ever saved."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from bounceback.domain import (
    ApplicationDraft,
    BouncebackError,
    Contact,
    Event,
    Fairness,
    FollowUp,
    InvalidInput,
    LessonDraft,
    Reflection,
    Settings,
    Stage,
)
from bounceback.stages import allowed_next
from bounceback.strengths import MAX_DESCRIPTION_CHARS

SHORT_TEXT = 200
# A database integer holds up to about 2.1 billion; no salary comes near this.
MAX_SALARY = 100_000_000
LONG_TEXT = 20_000
LESSON_TEXT = 2 * SHORT_TEXT
# A theme correction names its snippet by a key, and its themes by name.
SNIPPET_KEY_TEXT = 100
THEME_NAME_TEXT = 60
# A client workspace's name: a person's name, or a short label for them.
WORKSPACE_NAME = 80
# Half of a UTF-16 pair on its own: Python strings allow it, no database encoding does.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
EARLIEST = date(1970, 1, 1)
# Activities a week: a benefit scheme asks for a few dozen at most.
MAX_WEEKLY_TARGET = 200
# A follow-up is due within this many years, as the form's calendar allows.
FOLLOW_UP_YEARS = 10
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+()\-.\s]{5,40}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def date_problem(value: date, today: date, what: str) -> str | None:
    """A plain reason why a date cannot be right, or None."""
    if value > today:
        return f"{what} can't be in the future."
    if value < EARLIEST:
        return f"{what} looks too far in the past; please check the year."
    return None


def text_problem(value: str, limit: int, what: str, required: bool = False) -> str | None:
    """Why a text can't be saved, or None: one rule for forms, imports and restores alike.

    Checked here, before any database sees it, so SQLite and PostgreSQL refuse the same
    things the same way (PostgreSQL can't store NUL, and its column limits are strict).
    """
    if "\x00" in value:
        return f"{what} contains a hidden NUL character, often left by a damaged file; remove it."
    if _LONE_SURROGATE.search(value):
        return f"{what} contains a broken character that can't be stored; retype that part."
    if required and not value.strip():
        return f"{what} is required."
    if len(value) > limit:
        return f"{what} is too long ({len(value):,} characters; the limit is {limit:,})."
    return None


def lesson_problem(text: str) -> str | None:
    """Why a lesson's wording can't be kept (too long, unstorable), or None."""
    if len(" ".join(text.split())) > LESSON_TEXT:
        return f"Keep a lesson short: {LESSON_TEXT} characters at most."
    return text_problem(text, LONG_TEXT, "A lesson")


def check_lesson_text(text: str) -> str:
    """A lesson's wording with its spaces tidied, or InvalidInput saying why it can't be kept."""
    tidied = " ".join(text.split())
    problem = "A lesson can't be empty." if not tidied else lesson_problem(tidied)
    if problem:
        raise InvalidInput({"text": problem})
    return tidied


def check_workspace_name(name: str) -> str:
    """A workspace's name on one line with its spaces tidied, or InvalidInput saying why not."""
    tidied = " ".join(name.split())
    problem = text_problem(tidied, WORKSPACE_NAME, "The client's name", required=True)
    if problem:
        raise InvalidInput({"name": problem})
    return tidied


def _contact_problems(index: int, contact: Contact) -> dict[str, str]:
    """Problems with one contact, keyed so the form can show them beside the row."""
    problems: dict[str, str] = {}
    prefix = f"contacts.{index}"
    for name in ("name", "role", "email"):
        problem = text_problem(getattr(contact, name), SHORT_TEXT, f"Contact {index + 1} {name}")
        if problem:
            problems[f"{prefix}.{name}"] = problem
    if (
        contact.email
        and f"{prefix}.email" not in problems
        and not _EMAIL.match(contact.email.strip())
    ):
        problems[f"{prefix}.email"] = (
            f"Contact {index + 1} email doesn't look like an email address (name@example.com)."
        )
    if contact.phone and not _PHONE.match(contact.phone.strip()):
        problems[f"{prefix}.phone"] = (
            f"Contact {index + 1} phone should hold digits, spaces and + ( ) - only."
        )
    return problems


def draft_problems(draft: ApplicationDraft, today: date) -> dict[str, str]:
    """Every problem with a draft at once, so the user can fix them in one go."""
    problems = _draft_text_problems(draft)
    problem = date_problem(draft.applied_on, today, "The date applied")
    if problem:
        problems["applied_on"] = problem
    problems.update(_salary_problems(draft))
    if not _CURRENCY.match(draft.currency):
        problems["currency"] = "Currency should be a three-letter code such as GBP, EUR or USD."
    if draft.pool_size is not None and not 1 <= draft.pool_size <= 10_000:
        problems["pool_size"] = "Pool size is the number of candidates interviewed: 1 or more."
    for index, contact in enumerate(draft.contacts):
        problems.update(_contact_problems(index, contact))
    return problems


def _draft_text_problems(draft: ApplicationDraft) -> dict[str, str]:
    """The problems with a draft's text: too long, missing, or a link that is no address."""
    problems: dict[str, str] = {}
    for name, label, limit, required in (
        ("company", "Company", SHORT_TEXT, True),
        ("role", "Role", SHORT_TEXT, True),
        ("location", "Location", SHORT_TEXT, False),
        ("link", "Link", 2_000, False),
        ("notes", "Notes", LONG_TEXT, False),
        ("job_description", "Job description", MAX_DESCRIPTION_CHARS, False),
    ):
        problem = text_problem(getattr(draft, name), limit, label, required)
        if problem:
            problems[name] = problem
    link = draft.link.strip()
    if link and "link" not in problems and not re.match(r"^https?://\S+$", link, re.IGNORECASE):
        problems["link"] = "Link should be a web address starting with http:// or https://."
    return problems


def _salary_problems(draft: ApplicationDraft) -> dict[str, str]:
    """The problems with a draft's salary: below nothing, past the limit, or upside down."""
    problems: dict[str, str] = {}
    for name, label in (("salary_min", "Salary from"), ("salary_max", "Salary to")):
        value = getattr(draft, name)
        if value is not None and value < 0:
            problems[name] = f"{label} can't be negative."
        elif value is not None and value > MAX_SALARY:
            problems[name] = f"{label} looks too large; the limit is {MAX_SALARY:,}."
    if (
        draft.salary_min is not None
        and draft.salary_max is not None
        and draft.salary_min > draft.salary_max
        and "salary_min" not in problems
    ):
        problems["salary_max"] = "Salary to should be at least Salary from."
    return problems


def check_draft(draft: ApplicationDraft, today: date) -> ApplicationDraft:
    """The draft with its text trimmed, or InvalidInput naming every bad field."""
    problems = draft_problems(draft, today)
    if problems:
        raise InvalidInput(problems)
    return tidy(draft)


def tidy(draft: ApplicationDraft) -> ApplicationDraft:
    """Trim stray spaces and drop empty contacts, which the user did not mean to save."""
    contacts = tuple(
        Contact(*(getattr(contact, name).strip() for name in ("name", "role", "email", "phone")))
        for contact in draft.contacts
    )
    return ApplicationDraft(
        company=draft.company.strip(),
        role=draft.role.strip(),
        applied_on=draft.applied_on,
        location=draft.location.strip(),
        source=draft.source,
        link=draft.link.strip(),
        salary_min=draft.salary_min,
        salary_max=draft.salary_max,
        currency=draft.currency,
        pool_size=draft.pool_size,
        notes=draft.notes.strip(),
        contacts=tuple(contact for contact in contacts if any(vars(contact).values())),
        job_description=draft.job_description.strip(),
    )


def check_event(
    current: Stage, applied_on: date, last_on: date | None, event: Event, today: date
) -> Event:
    """The event if it can follow the history so far, or InvalidInput saying why not."""
    problems: dict[str, str] = {}
    if event.stage not in allowed_next(current):
        choices = ", ".join(stage.label.lower() for stage in allowed_next(current))
        problems["stage"] = (
            f"From {current.label.lower()}, an application can't move to "
            f"{event.stage.label.lower()}."
            + (f" It can move to: {choices}." if choices else " It is closed.")
        )
    problem = date_problem(event.on, today, "The date")
    if problem:
        problems["on"] = problem
    elif event.on < applied_on:
        problems["on"] = f"The date can't be before the application ({applied_on:%d %b %Y})."
    elif last_on is not None and event.on < last_on:
        problems["on"] = f"The date can't be before the last change ({last_on:%d %b %Y})."
    if event.stage is Stage.INTERVIEW and event.kind is None:
        problems["kind"] = "Pick the kind of interview (phone, video, on-site, ...)."
    note_problem = text_problem(event.note, LONG_TEXT, "Note")
    if note_problem:
        problems["note"] = note_problem
    if problems:
        raise InvalidInput(problems)
    kind = event.kind if event.stage is Stage.INTERVIEW else None
    return Event(stage=event.stage, on=event.on, kind=kind, note=event.note.strip(), id=event.id)


def deadline_problems(due: date, done_on: date | None, today: date, what: str) -> dict[str, str]:
    """A deadline may be any day of the next FOLLOW_UP_YEARS; its done date a real past one.

    Shared by follow-ups and an advisor's agreed actions, keyed "due" and "done_on".
    """
    problems: dict[str, str] = {}
    if due < EARLIEST:
        problems["due"] = f"{what} looks too far in the past; please check the year."
    elif due.year > today.year + FOLLOW_UP_YEARS:
        problems["due"] = (
            f"{what} is more than {FOLLOW_UP_YEARS} years away; please check the year."
        )
    if done_on is not None:
        problem = date_problem(done_on, today, "The done date")
        if problem:
            problems["done_on"] = problem
    return problems


def check_follow_up(follow_up: FollowUp, today: date) -> FollowUp:
    """A follow-up may be due any time, but its done date is a real past date."""
    problems = deadline_problems(follow_up.due, follow_up.done_on, today, "The due date")
    note_problem = text_problem(follow_up.note, LONG_TEXT, "Note")
    if note_problem:
        problems["note"] = note_problem
    if problems:
        raise InvalidInput(problems)
    return follow_up


def check_done_on(done_on: date | None, today: date) -> None:
    """A follow-up is ticked off today or earlier, never in the future; None unticks it."""
    if done_on is not None and done_on > today:
        raise InvalidInput({"done_on": "The done date can't be in the future."})


def check_first_stage(stage: Stage) -> None:
    """A new application starts as saved or applied, never further along."""
    if stage not in (Stage.SAVED, Stage.APPLIED):
        raise BouncebackError("A new application starts as saved or applied.")


def check_applied_on(applied_on: date, next_change: date | None) -> None:
    """The date applied moves with the first event, but never past the next change of stage."""
    if next_change is not None and applied_on > next_change:
        raise InvalidInput(
            {
                "applied_on": "The date applied can't be after the next change of "
                f"stage ({next_change:%d %b %Y})."
            }
        )


def reopened_notes(notes: str, closing: Event) -> str:
    """The notes with a taken-back closing's note kept at their end, or InvalidInput if too long."""
    kept = f"{closing.stage.label} on {closing.on:%d %b %Y}: {closing.note}"
    merged = f"{notes}\n\n{kept}" if notes else kept
    problem = text_problem(merged, LONG_TEXT, "Notes")
    if problem:
        raise InvalidInput({"notes": f"{problem} Shorten the notes, then reopen."})
    return merged


def check_chain(applied_on: date, history: tuple[Event, ...], today: date) -> tuple[Event, ...]:
    """A whole history, event by event: the one rule for recording, editing and restoring.

    Problems are keyed "events" (how it starts) or "events.N.field" (event N).
    """
    if not history or history[0].stage not in (Stage.SAVED, Stage.APPLIED):
        raise InvalidInput({"events": "The history must start with 'saved' or 'applied'."})
    if history[0].on != applied_on:
        raise InvalidInput({"events": "The first event must be dated the day it was applied."})
    checked = [history[0]]
    for index, event in enumerate(history[1:], start=1):
        previous = checked[-1]
        try:
            checked.append(check_event(previous.stage, applied_on, previous.on, event, today))
        except InvalidInput as error:
            raise InvalidInput(
                {f"events.{index}.{name}": message for name, message in error.errors.items()}
            ) from error
    return tuple(checked)


def _first_problem(error: InvalidInput) -> tuple[int, str, str]:
    """The event number, field and message of a chain's first problem."""
    name, message = next(iter(error.errors.items()))
    parts = name.split(".")
    if len(parts) < 3:
        return 0, "on", message
    return int(parts[1]), parts[2], message


def check_edit(
    history: tuple[Event, ...], index: int, edited: Event, applied_on: date, today: date
) -> tuple[Event, ...]:
    """The history with event `index` corrected, or InvalidInput keyed by the edited field.

    The stage stays what it was; the first event's date is the application's date.
    """
    old = history[index]
    edited = replace(edited, stage=old.stage, id=old.id)
    problem = date_problem(edited.on, today, "The date")
    if problem:
        raise InvalidInput({"on": problem})
    if index == 0:
        applied_on = edited.on
        note_problem = text_problem(edited.note, LONG_TEXT, "Note")
        if note_problem:
            raise InvalidInput({"note": note_problem})
        edited = replace(edited, kind=None, note=edited.note.strip())
    proposed = (*history[:index], edited, *history[index + 1 :])
    try:
        return check_chain(applied_on, proposed, today)
    except InvalidInput as error:
        at, name, message = _first_problem(error)
        if at == index:
            raise InvalidInput({name: message}) from error
        if at == index + 1 and name == "on":
            after = history[index + 1].on
            raise InvalidInput(
                {"on": f"The date can't be after the next change ({after:%d %b %Y})."}
            ) from error
        raise InvalidInput(
            {"on": f"This change would leave an impossible history: {message}"}
        ) from error


def check_removal(
    history: tuple[Event, ...], index: int, applied_on: date, today: date
) -> tuple[Event, ...]:
    """The history without event `index`, or InvalidInput({"event": why it can't go})."""
    if index == 0:
        raise InvalidInput(
            {
                "event": "The first event is the day the application started, so it stays; "
                "change its date here, or delete the whole application instead."
            }
        )
    gone = history[index]
    try:
        return check_chain(applied_on, (*history[:index], *history[index + 1 :]), today)
    except InvalidInput as error:
        _at, _name, message = _first_problem(error)
        raise InvalidInput(
            {
                "event": f"Deleting the {gone.stage.label.lower()} of {gone.on:%d %b %Y} would "
                f"leave a history that can't happen: {message}"
            }
        ) from error


def check_history(
    draft: ApplicationDraft, history: tuple[Event, ...], to_do: tuple[FollowUp, ...], today: date
) -> tuple[ApplicationDraft, tuple[Event, ...]]:
    """A whole application as restored from a file: every rule a user's edits obey."""
    draft = check_draft(draft, today)
    checked = check_chain(draft.applied_on, history, today)
    for index, item in enumerate(to_do):
        try:
            check_follow_up(item, today)
        except InvalidInput as error:
            raise InvalidInput(
                {f"follow_ups.{index}.{name}": message for name, message in error.errors.items()}
            ) from error
    return draft, checked


def correction_problem(snippet_key: str, themes: list[str] | tuple[str, ...]) -> str | None:
    """Why a theme correction can't be kept, or None: the same rule for the page and restores."""
    if not snippet_key.strip() or len(snippet_key) > SNIPPET_KEY_TEXT:
        return "That snippet's name is empty or too long."
    if any(not theme.strip() or len(theme) > THEME_NAME_TEXT for theme in themes):
        return "That theme name is empty or too long."
    problems = [text_problem(snippet_key, SNIPPET_KEY_TEXT, "The corrected snippet's key")]
    problems += [text_problem(theme, THEME_NAME_TEXT, "A theme name") for theme in themes]
    return next(filter(None, problems), None)


def settings_problems(settings: Settings) -> dict[str, str]:
    """Every problem with the settings, so a bad backup can't break the odds or the ghosting."""
    problems: dict[str, str] = {}
    if not 1 <= settings.baseline_pool <= 100:
        problems["baseline_pool"] = "Candidates interviewed per role should be from 1 to 100."
    if not 1 <= settings.ghost_after_days <= 365:
        problems["ghost_after_days"] = "Days before suggesting 'ghosted' should be from 1 to 365."
    if not _CURRENCY.match(settings.currency):
        problems["currency"] = "Currency should be a three-letter code such as GBP, EUR or USD."
    if any(not 1 <= settings.values.get(name, 3) <= 5 for name in settings.values):
        problems["values"] = "How much each thing matters should be from 1 to 5."
    if any(len(strength) > SHORT_TEXT for strength in settings.strengths):
        problems["strengths"] = f"Each strength should be at most {SHORT_TEXT} characters."
    if not 0 <= settings.weekly_target <= MAX_WEEKLY_TARGET:
        problems["weekly_target"] = (
            f"The weekly target should be from 0 (none) to {MAX_WEEKLY_TARGET} activities."
        )
    return problems


def check_settings(settings: Settings) -> Settings:
    """The settings if they can be saved, else InvalidInput naming each problem."""
    problems = settings_problems(settings)
    if problems:
        raise InvalidInput(problems)
    return settings


def _in_range(value: int | float | None, low: float, high: float) -> bool:
    """Empty is fine; otherwise the value must sit in [low, high]."""
    return value is None or low <= value <= high


def reflection_problems(reflection: Reflection, today: date, rounds: int) -> dict[str, str]:
    """Every problem at once, keyed by field, so the form can show each beside its field."""
    problems = _score_problems(reflection)
    problems.update(_reflection_date_problems(reflection, today))
    if reflection.interview_round is not None and not 1 <= reflection.interview_round <= rounds:
        problems["interview_round"] = "Pick one of this application's interview rounds."
    problems.update(_reflection_text_problems(reflection))
    if reflection.characteristics and reflection.fairness is not Fairness.UNFAIR:
        problems["characteristics"] = "Only answer this when the reason seemed unfair."
    return problems


def _score_problems(reflection: Reflection) -> dict[str, str]:
    """The problems with the reflection's scores and hours: each outside its scale."""
    problems: dict[str, str] = {}
    for name, label, low, high in (
        ("overall", "How it went", 1, 5),
        ("confidence_before", "Confidence before", 1, 10),
        ("confidence_after", "Confidence after", 1, 10),
        ("fit", "Fit", 1, 5),
    ):
        if not _in_range(getattr(reflection, name), low, high):
            problems[name] = f"{label} should be from {low} to {high}."
    if not _in_range(reflection.prep_hours, 0, 500):
        problems["prep_hours"] = "Hours of preparation should be between 0 and 500."
    return problems


def _reflection_date_problems(reflection: Reflection, today: date) -> dict[str, str]:
    """The problems with the reflection's dates: ahead of today, too old, or out of order."""
    problems: dict[str, str] = {}
    for name, label in (
        ("written_on", "The date"),
        ("feedback_asked_on", "The date you asked"),
        ("feedback_received_on", "The date it came"),
    ):
        value = getattr(reflection, name)
        if value is not None and value > today:
            problems[name] = f"{label} can't be in the future."
        elif value is not None and value < EARLIEST:
            problems[name] = f"{label} looks too far in the past; please check the year."
    asked, received = reflection.feedback_asked_on, reflection.feedback_received_on
    if asked and received and received < asked and "feedback_received_on" not in problems:
        problems["feedback_received_on"] = "Feedback can't arrive before you asked for it."
    return problems


def _reflection_text_problems(reflection: Reflection) -> dict[str, str]:
    """The problems with the reflection's text and its lessons: too long, or not a lesson."""
    problems: dict[str, str] = {}
    for name, label, limit in (
        ("went_well", "What went well", LONG_TEXT),
        ("went_wrong", "What went wrong", LONG_TEXT),
        ("feedback", "Their feedback", LONG_TEXT),
        ("tricky_question", "The question", SHORT_TEXT * 5),
    ):
        problem = text_problem(getattr(reflection, name), limit, label)
        if problem:
            problems[name] = problem
    for index, lesson in enumerate(reflection.lessons):
        problem = lesson_problem(lesson.text) if lesson.text.strip() else None
        if problem:
            problems[f"lessons.{index}"] = problem
    return problems


def check_reflection(reflection: Reflection, today: date, rounds: int) -> Reflection:
    """The reflection with text trimmed and empty lessons dropped, or InvalidInput."""
    problems = reflection_problems(reflection, today, rounds)
    if problems:
        raise InvalidInput(problems)
    lessons = tuple(
        LessonDraft(lesson.kind, " ".join(lesson.text.split()))
        for lesson in reflection.lessons
        if lesson.text.strip()
    )
    return Reflection(
        **{
            **vars(reflection),
            "went_well": reflection.went_well.strip(),
            "went_wrong": reflection.went_wrong.strip(),
            "tricky_question": reflection.tricky_question.strip(),
            "feedback": reflection.feedback.strip(),
            "lessons": lessons,
        }
    )
