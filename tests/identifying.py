"""One application full of identifying details, for checks that presenter mode hides them."""

from __future__ import annotations

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
