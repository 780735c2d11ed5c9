"""A structured look back after an interview or a rejection, and the checks it must pass."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bounceback.domain import InvalidInput
from bounceback.validation import EARLIEST, LONG_TEXT, SHORT_TEXT, lesson_problem, text_problem


class Prompt(StrEnum):
    """What the reflection looks back on."""

    INTERVIEW = "interview"
    REJECTION = "rejection"


class TripUp(StrEnum):
    """The usual ways an interview goes sideways, as quick picks."""

    CAUGHT_OFF_GUARD = "caught_off_guard"
    NERVES = "nerves"
    LATE = "late"
    DRESS_CODE = "dress_code"
    LITTLE_RESEARCH = "little_research"
    VAGUE_ANSWERS = "vague_answers"
    UNDERSOLD = "undersold"
    NO_QUESTIONS = "no_questions"
    TECH_PROBLEMS = "tech_problems"

    @property
    def label(self) -> str:
        """The pick as the user reads it."""
        return {
            "caught_off_guard": "A question caught me off guard",
            "nerves": "Nerves got the better of me",
            "late": "I was late",
            "dress_code": "I misjudged the dress code",
            "little_research": "Too little research on the company or role",
            "vague_answers": "Vague answers, or no examples",
            "undersold": "I didn't sell myself",
            "no_questions": "I had no questions for them",
            "tech_problems": "Video or tech problems",
        }[self.value]


class Preparation(StrEnum):
    """What was done to get ready."""

    COMPANY_RESEARCH = "company_research"
    JOB_DESCRIPTION = "job_description"
    PRACTISED_ANSWERS = "practised_answers"
    PREPARED_QUESTIONS = "prepared_questions"
    MOCK_INTERVIEW = "mock_interview"

    @property
    def label(self) -> str:
        """The step as the user reads it."""
        return {
            "company_research": "Researched the company",
            "job_description": "Studied the job description",
            "practised_answers": "Practised answers to common questions",
            "prepared_questions": "Prepared questions to ask",
            "mock_interview": "Did a mock interview",
        }[self.value]


class Fairness(StrEnum):
    """Whether the stated reason seemed fair to the user."""

    FAIR = "fair"
    NOT_SURE = "not_sure"
    UNFAIR = "unfair"

    @property
    def label(self) -> str:
        """The answer as the user reads it."""
        return {"fair": "Fair", "not_sure": "Not sure", "unfair": "Unfair"}[self.value]


class Characteristic(StrEnum):
    """Personal characteristics that equality law commonly protects."""

    AGE = "age"
    SEX = "sex"
    RACE = "race"
    DISABILITY = "disability"
    PREGNANCY = "pregnancy"
    RELIGION = "religion"
    SEXUAL_ORIENTATION = "sexual_orientation"
    GENDER_REASSIGNMENT = "gender_reassignment"
    MARRIAGE = "marriage"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The characteristic as the user reads it."""
        return {
            "age": "Age",
            "sex": "Sex or gender",
            "race": "Race, ethnicity, nationality or accent",
            "disability": "Disability or health",
            "pregnancy": "Pregnancy, children or family plans",
            "religion": "Religion or belief",
            "sexual_orientation": "Sexual orientation",
            "gender_reassignment": "Gender identity",
            "marriage": "Marriage or civil partnership",
            "other": "Something else personal",
        }[self.value]


class LessonKind(StrEnum):
    """A lesson is something to keep doing or something to avoid."""

    DO = "do"
    DONT = "dont"

    @property
    def label(self) -> str:
        """'Do' or 'Don't'."""
        return "Do" if self is LessonKind.DO else "Don't"


@dataclass(frozen=True)
class LessonDraft:
    """One do or don't, as written in a reflection."""

    kind: LessonKind
    text: str


@dataclass(frozen=True)
class Reflection:
    """What the user wrote after an interview or a rejection."""

    application_id: int
    prompt: Prompt
    written_on: date
    interview_round: int | None = None
    overall: int | None = None
    confidence_before: int | None = None
    confidence_after: int | None = None
    went_well: str = ""
    went_wrong: str = ""
    trip_ups: tuple[TripUp, ...] = ()
    tricky_question: str = ""
    prep_hours: float | None = None
    prep_done: tuple[Preparation, ...] = ()
    feedback_asked_on: date | None = None
    feedback_received_on: date | None = None
    feedback: str = ""
    fairness: Fairness | None = None
    characteristics: tuple[Characteristic, ...] = ()
    lessons: tuple[LessonDraft, ...] = ()
    fit: int | None = None
    id: int | None = None
    version: int = 1
    # When it went to "Recently deleted" (naive UTC), or None while it is live.
    deleted_at: datetime | None = None

    @property
    def feedback_pending(self) -> bool:
        """Asked for feedback and heard nothing yet: worth a follow-up to chase it."""
        return self.feedback_asked_on is not None and self.feedback_received_on is None


def _in_range(value: int | float | None, low: float, high: float) -> bool:
    """Empty is fine; otherwise the value must sit in [low, high]."""
    return value is None or low <= value <= high


def reflection_problems(reflection: Reflection, today: date, rounds: int) -> dict[str, str]:
    """Every problem at once, keyed by field, so the form can show each beside its field."""
    problems = _score_problems(reflection)
    problems.update(_date_problems(reflection, today))
    if reflection.interview_round is not None and not 1 <= reflection.interview_round <= rounds:
        problems["interview_round"] = "Pick one of this application's interview rounds."
    problems.update(_text_problems(reflection))
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


def _date_problems(reflection: Reflection, today: date) -> dict[str, str]:
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


def _text_problems(reflection: Reflection) -> dict[str, str]:
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
