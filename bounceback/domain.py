"""The job hunt in its own words: applications, their stages, events, follow-ups, reflections."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum


class Stage(StrEnum):
    """Where an application stands, or how it closed."""

    SAVED = "saved"
    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEW = "interview"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    GHOSTED = "ghosted"

    @property
    def label(self) -> str:
        """A capitalised name for screens."""
        return self.value.capitalize()


# The forward path an application takes; each stage may be skipped.
PROGRESS: tuple[Stage, ...] = (
    Stage.SAVED,
    Stage.APPLIED,
    Stage.SCREENING,
    Stage.INTERVIEW,
    Stage.OFFER,
    Stage.ACCEPTED,
)
CLOSING: tuple[Stage, ...] = (Stage.REJECTED, Stage.WITHDRAWN, Stage.GHOSTED)
# Stages in which an application is still live: something may yet happen.
OPEN: tuple[Stage, ...] = (
    Stage.SAVED,
    Stage.APPLIED,
    Stage.SCREENING,
    Stage.INTERVIEW,
    Stage.OFFER,
)


class Source(StrEnum):
    """Where the user found the job."""

    JOB_BOARD = "job_board"
    COMPANY_SITE = "company_site"
    REFERRAL = "referral"
    RECRUITER = "recruiter"
    LINKEDIN = "linkedin"
    OTHER = "other"

    @property
    def label(self) -> str:
        """A readable name for screens."""
        return {
            "job_board": "Job board",
            "company_site": "Company site",
            "referral": "Referral",
            "recruiter": "Recruiter",
            "linkedin": "LinkedIn",
            "other": "Other",
        }[self.value]


class InterviewKind(StrEnum):
    """The format of one interview round."""

    PHONE = "phone"
    VIDEO = "video"
    ONSITE = "onsite"
    ASSESSMENT = "assessment"
    TECHNICAL = "technical"
    PANEL = "panel"
    FINAL = "final"

    @property
    def label(self) -> str:
        """A readable name for screens."""
        return "On-site" if self is InterviewKind.ONSITE else self.value.capitalize()


class FollowUpKind(StrEnum):
    """The ways of not burning a bridge that the advice recommends."""

    THANK_YOU = "thank_you"
    ASK_FEEDBACK = "ask_feedback"
    CONNECT = "connect"
    FUTURE_ROLES = "future_roles"
    RECONNECT = "reconnect"

    @property
    def label(self) -> str:
        """A readable name for screens."""
        return {
            "thank_you": "Send a thank-you",
            "ask_feedback": "Ask for feedback",
            "connect": "Connect with the hiring manager",
            "future_roles": "Ask to be considered for future roles",
            "reconnect": "Reconnect later",
        }[self.value]


@dataclass(frozen=True)
class Contact:
    """Someone the user spoke to about an application."""

    name: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Event:
    """A dated change of stage; interview events are rounds and carry their kind."""

    stage: Stage
    on: date
    kind: InterviewKind | None = None
    note: str = ""
    # The stored row, so one event can be corrected; not part of what the event says.
    id: int | None = field(default=None, compare=False)


# A follow-up added by hand (or to ask for feedback) is due this many days from today.
FOLLOW_UP_DUE_DAYS = 2


@dataclass(frozen=True)
class FollowUp:
    """One thing to do for an application, by a date."""

    kind: FollowUpKind
    due: date
    done_on: date | None = None
    note: str = ""
    id: int | None = None
    version: int = 1


@dataclass(frozen=True)
class ScheduledInterview:
    """An interview round booked ahead, with its own timezone, so calendars show the right hour."""

    application_id: int
    company: str
    role: str
    # Aware: the visitor's own timezone, so the hour means the same to every calendar.
    starts_at: datetime
    kind: InterviewKind
    # An address or a video link.
    place: str = ""
    panel: tuple[str, ...] = ()
    duration: timedelta | None = None
    # The stored row, so its calendar entry keeps one identity when it moves.
    id: int | None = None
    # Optimistic locking: an edit or a cancel names the version it started from.
    version: int = field(default=1, compare=False)

    def __post_init__(self) -> None:
        """A time with no timezone, or one past the calendar's end, cannot be put in a calendar."""
        if self.starts_at.utcoffset() is None:
            raise InvalidInput({"starts_at": "An interview's start needs its timezone."})
        if self.duration is not None and self.duration <= timedelta(0):
            raise InvalidInput({"duration": "An interview lasts some time: more than 0 minutes."})
        try:
            self.starts_at.astimezone(UTC)
            if self.duration is not None:
                (self.starts_at + self.duration).astimezone(UTC)
        except OverflowError:
            raise InvalidInput(
                {"starts_at": "That time is past the last date a calendar can hold."}
            ) from None

    @property
    def ends_at(self) -> datetime | None:
        """When it ends, if its length is known."""
        return None if self.duration is None else self.starts_at + self.duration


@dataclass(frozen=True)
class ApplicationDraft:
    """What the user typed about an application, before it is checked and saved."""

    company: str
    role: str
    applied_on: date
    location: str = ""
    source: Source = Source.JOB_BOARD
    link: str = ""
    salary_min: int | None = None
    salary_max: int | None = None
    currency: str = "GBP"
    pool_size: int | None = None
    notes: str = ""
    contacts: tuple[Contact, ...] = ()
    # The advert as pasted, kept so the strengths match can read it again (schema 6).
    job_description: str = ""


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


@dataclass(frozen=True)
class PrivateWriting:
    """What the user wrote for themselves after the news: kept, backed up, never shown to others.

    Never classified into themes, never in presenter mode, the session summary or a CSV.
    """

    feeling: str = ""
    compassion: str = ""
    version: int = 1


@dataclass(frozen=True)
class Application:
    """A saved application with its whole dated history."""

    id: int
    version: int
    draft: ApplicationDraft
    events: tuple[Event, ...] = ()
    follow_ups: tuple[FollowUp, ...] = field(default=())
    reflections: tuple[Reflection, ...] = ()
    # When it went to "Recently deleted" (naive UTC), or None while it is live.
    deleted_at: datetime | None = None
    # The prep sheet's ticked checklist items, and the private writing: kept by the backup.
    prep_ticked: frozenset[str] = frozenset()
    private_writing: PrivateWriting | None = None

    @property
    def stage(self) -> Stage:
        """The stage of the latest event: history decides, nothing is stored twice."""
        return self.events[-1].stage if self.events else Stage.SAVED

    @property
    def interview_rounds(self) -> int:
        """How many interview rounds it had, whatever happened after."""
        return sum(1 for event in self.events if event.stage is Stage.INTERVIEW)


# What a job can offer that people weigh differently (the advice's own examples first).
VALUES: tuple[str, ...] = ("salary", "purpose", "balance", "growth", "location")
VALUE_LABELS: dict[str, str] = {
    "salary": "salary",
    "purpose": "purpose",
    "balance": "work-life balance",
    "growth": "growth",
    "location": "location",
}


@dataclass(frozen=True)
class Settings:
    """The user's own settings, with the defaults the advice suggests."""

    baseline_pool: int = 6
    ghost_after_days: int = 21
    currency: str = "GBP"
    country: str = "GB"
    onboarded: bool = False
    strengths: tuple[str, ...] = ()
    # How much each thing matters to the user in a job, 1 (little) to 5 (a lot).
    values: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VALUES, 3))
    # Job-search activities a week the user aims for (a benefit scheme's ask), 0 for none.
    weekly_target: int = 0

    @classmethod
    def from_dict(cls, stored: dict[str, object]) -> Settings:
        """Settings from stored JSON values, ignoring keys this version does not know."""
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in stored.items() if key in known}
        if "strengths" in values:
            values["strengths"] = tuple(values["strengths"])  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Workspace:
    """One client's job search within an advisor's account, kept apart from every other."""

    id: int
    name: str
    archived: bool
    created_at: datetime


class BouncebackError(Exception):
    """Base of every error this package raises on purpose."""


class InvalidInput(BouncebackError):
    """Some fields were not acceptable; `errors` maps each field to a plain message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))


class ChangedElsewhere(BouncebackError):
    """The record was saved by someone else (another tab) since it was loaded."""


class NotFound(BouncebackError):
    """No such record for this owner."""
