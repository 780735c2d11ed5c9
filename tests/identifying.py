"""One application full of identifying details, for checks that presenter mode hides them."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date, timedelta

from bounceback.domain import (
    Application,
    ApplicationDraft,
    Contact,
    Event,
    FollowUp,
    FollowUpKind,
    InterviewKind,
    Source,
    Stage,
)
from bounceback.reflections import LessonDraft, LessonKind, Prompt, Reflection
from bounceback.storage import Store

COMPANY = "Zebulon Quartzworks"
CONTACT = "Philippa Drummond"
EMAIL = "philippa.drummond@zebulon.example"
PHONE = "+44 7700 900123"
SALARY = 98765
LINK = "https://jobs.zebulon.example/advert/4471"
NOTE = "Parking behind the glasshouse"
REJECTION_NOTE = "Philippa Drummond said the glasshouse team wanted more Kubernetes"
FOLLOW_UP_NOTE = "Ring the glasshouse reception"
WENT_WRONG = "Froze on the glasshouse migration question"
TRICKY = "Tell us about the glasshouse incident"
FEEDBACK = "Lacked Kubernetes depth for the glasshouse platform"
ADVERT = "Join the orangery crew: Platform Engineer, Leeds"
LESSON = f"Read up on {COMPANY} before a panel"

# What must never show in presenter mode: on screen, in chart data, or in a download.
SECRETS = (
    COMPANY,
    CONTACT,
    EMAIL,
    PHONE,
    f"{SALARY}",
    f"{SALARY:,}",
    LINK,
    NOTE,
    REJECTION_NOTE,
    FOLLOW_UP_NOTE,
    WENT_WRONG,
    TRICKY,
    FEEDBACK,
    ADVERT,
    "glasshouse",
)


def seed_identifying(store: Store, today: date) -> None:
    """Add one rejected application carrying every kind of identifying detail."""
    applied = today - timedelta(days=30)
    record = Application(
        id=0,
        version=1,
        draft=ApplicationDraft(
            company=COMPANY,
            role="Platform Engineer",
            applied_on=applied,
            location="Leeds",
            source=Source.REFERRAL,
            link=LINK,
            salary_min=SALARY,
            salary_max=SALARY + 1000,
            notes=NOTE,
            job_description=ADVERT,
            contacts=(Contact(CONTACT, "Hiring manager", EMAIL, PHONE),),
        ),
        events=(
            Event(Stage.APPLIED, applied),
            Event(Stage.INTERVIEW, applied + timedelta(days=10), InterviewKind.VIDEO),
            Event(Stage.REJECTED, applied + timedelta(days=20), note=REJECTION_NOTE),
        ),
        follow_ups=(
            FollowUp(FollowUpKind.ASK_FEEDBACK, today + timedelta(days=2), note=FOLLOW_UP_NOTE),
        ),
        reflections=(
            Reflection(
                application_id=0,
                prompt=Prompt.REJECTION,
                written_on=applied + timedelta(days=21),
                interview_round=1,
                overall=3,
                went_well="Clear answers on incident reviews",
                went_wrong=WENT_WRONG,
                tricky_question=TRICKY,
                feedback_asked_on=applied + timedelta(days=20),
                feedback_received_on=applied + timedelta(days=21),
                feedback=FEEDBACK,
                lessons=(LessonDraft(LessonKind.DO, LESSON),),
            ),
        ),
    )
    store.load([record])


# Names as people really write them: another spelling, case or accent, a trailing zero-width
# space, a legal suffix left off, or only part of the name (issue 12). None may show.
SPELLINGS = (
    "Zentrix",
    "Siobhan",
    "Kearney",
    "Quillfeather",
    "Priya",
    "Shah",
    "Weißbach",
    "WEISSBACH",
    "İnci Yazılım",  # noqa: RUF001 (the Turkish letters are the point)
    "INCI YAZILIM",
)
SPELLING_STRENGTHS = ("Reporting for Quillfeather", "Stakeholder work with Zentrix")


def fold(text: str) -> str:
    """Text as a reader compares it: no accents, no invisible characters, any case."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(
        character
        for character in decomposed
        if not unicodedata.combining(character) and unicodedata.category(character) != "Cf"
    ).casefold()


def leaked(shown: str, secrets: tuple[str, ...]) -> list[str]:
    """Which secrets some shown text holds, however it is spelt."""
    folded = fold(shown)
    return [secret for secret in secrets if fold(secret) in folded]


def _rejected(
    today: date,
    days_ago: int,
    company: str,
    role: str,
    contact: Contact,
    went_well: str,
    lesson: LessonDraft,
    location: str = "",
) -> Application:
    """A rejected application after one interview, with one reflection and one lesson."""
    applied = today - timedelta(days=days_ago)
    return Application(
        id=0,
        version=1,
        draft=ApplicationDraft(
            company=company,
            role=role,
            applied_on=applied,
            location=location,
            source=Source.JOB_BOARD,
            contacts=(contact,),
        ),
        events=(
            Event(Stage.APPLIED, applied),
            Event(Stage.INTERVIEW, applied + timedelta(days=7), InterviewKind.VIDEO),
            Event(Stage.REJECTED, applied + timedelta(days=12)),
        ),
        reflections=(
            Reflection(
                application_id=0,
                prompt=Prompt.REJECTION,
                written_on=applied + timedelta(days=13),
                interview_round=1,
                overall=3,
                went_well=went_well,
                lessons=(lesson,),
            ),
        ),
    )


def seed_spellings(store: Store, today: date) -> None:
    """Add applications whose names are mentioned in other spellings, and strengths too."""
    store.load(
        [
            _rejected(
                today,
                26,
                "Zentrix Ltd\u200b",
                "Analyst",
                Contact("Siobhán Kearney", "Recruiter"),
                "Siobhan at Zentrix was kind",
                LessonDraft(LessonKind.DO, "Ask Kearney about the roadmap"),
            ),
            _rejected(
                today,
                24,
                "Quillfeather Analytics",
                "Data Analyst, Quillfeather",
                Contact("Priya Shah", "Hiring manager"),
                "Priya liked my SQL answers",
                LessonDraft(LessonKind.DONT, "Keep Shah waiting for the portfolio"),
                location="Quillfeather House",
            ),
            _rejected(
                today,
                22,
                "Weißbach GmbH",
                "Backend Engineer at WEISSBACH",
                Contact("", "Panel"),
                "Good questions about weissbach tooling",
                LessonDraft(LessonKind.DO, "Read up on WEISSBACH before a panel"),
            ),
            _rejected(
                today,
                20,
                "İnci Yazılım",  # noqa: RUF001
                "Developer",
                Contact("", "Panel"),
                "INCI YAZILIM liked the demo",
                LessonDraft(LessonKind.DO, "Call INCI YAZILIM back"),
            ),
        ]
    )
    store.save_settings(replace(store.settings(), strengths=SPELLING_STRENGTHS))
