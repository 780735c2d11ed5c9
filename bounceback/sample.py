"""A believable job hunt, made up deterministically, for demos, tests and benchmarks."""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import yaml

from bounceback.config import DATA_DIR
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
from bounceback.reflections import (
    Fairness,
    LessonDraft,
    LessonKind,
    Preparation,
    Prompt,
    Reflection,
    TripUp,
)

SPAN_DAYS = 150
# The share of applications that end each way: most hear nothing or an early no,
# a few reach interviews, one or two reach an offer.
OUTCOME_SHARES: dict[str, float] = {
    "saved": 0.04,
    "waiting": 0.10,
    "quiet": 0.04,
    "screening_open": 0.03,
    "interview_open": 0.04,
    "ghosted": 0.12,
    "rejected_cv": 0.33,
    "rejected_screen": 0.09,
    "rejected_interview": 0.15,
    "withdrawn": 0.03,
    "offer": 0.03,
}
_SOURCES = [Source.JOB_BOARD] * 4 + [
    Source.COMPANY_SITE,
    Source.COMPANY_SITE,
    Source.LINKEDIN,
    Source.LINKEDIN,
    Source.RECRUITER,
    Source.REFERRAL,
    Source.OTHER,
]


@dataclass(frozen=True)
class _Vocabulary:
    """The names and words the story is told with."""

    companies: list[str]
    roles: list[dict]
    locations: list[str]
    people: list[list[str]]
    feedback_after_interview: list[str]
    feedback_without_detail: list[str]
    notes: list[str]
    went_well: list[str]
    went_wrong: list[dict]
    lessons_do: list[str]
    lessons_dont: list[str]


@cache
def _vocabulary(path: Path = DATA_DIR / "sample.yaml") -> _Vocabulary:
    """Read the shipped vocabulary once."""
    with path.open(encoding="utf-8") as handle:
        return _Vocabulary(**yaml.safe_load(handle))


def outcome_counts(n: int, shares: Mapping[str, float] = OUTCOME_SHARES) -> dict[str, int]:
    """How many applications end each way, summing exactly to n (largest remainder)."""
    raw = {name: share * n for name, share in shares.items()}
    counts = {name: int(value) for name, value in raw.items()}
    by_remainder = sorted(raw, key=lambda name: raw[name] - counts[name], reverse=True)
    for name in by_remainder[: n - sum(counts.values())]:
        counts[name] += 1
    if n >= 10 and counts["offer"] == 0:
        counts["offer"], counts["rejected_cv"] = 1, counts["rejected_cv"] - 1
    return counts


class _Story:
    """Builds one application's history backwards from today, so no date lies ahead."""

    def __init__(self, rng: random.Random, vocabulary: _Vocabulary, today: date) -> None:
        self.rng = rng
        self.words = vocabulary
        self.today = today
        self.used: set[tuple[str, str]] = set()

    def gap(self, low: int, high: int) -> int:
        """Days between two steps."""
        return self.rng.randint(low, high)

    def interview_rounds(self, count: int) -> list[tuple[Stage, int, InterviewKind | None, str]]:
        """Interview steps: first a call, then in person, the last one a final."""
        kinds = [self.rng.choice([InterviewKind.PHONE, InterviewKind.VIDEO])]
        middle = [InterviewKind.ONSITE, InterviewKind.PANEL, InterviewKind.TECHNICAL]
        middle.append(InterviewKind.ASSESSMENT)
        kinds += [self.rng.choice(middle) for _ in range(count - 2)]
        if count > 1:
            kinds.append(InterviewKind.FINAL)
        return [(Stage.INTERVIEW, self.gap(4, 12), kind, "") for kind in kinds]

    def steps(self, outcome: str) -> tuple[list[tuple[Stage, int, InterviewKind | None, str]], int]:
        """The steps after applying, as (stage, days after the previous step, kind, note),
        and how many days ago at most it was applied for."""
        screen = [(Stage.SCREENING, self.gap(3, 12), None, "")]
        match outcome:
            case "saved" | "waiting" | "quiet":
                return [], {"saved": 8, "waiting": 16, "quiet": 45}[outcome]
            case "screening_open":
                return screen, 18
            case "interview_open":
                return screen + self.interview_rounds(1), 20
            case "offer":
                rounds = self.interview_rounds(self.rng.choice([2, 3]))
                return [*screen, *rounds, (Stage.OFFER, self.gap(2, 7), None, "")], 60
            case "ghosted":
                early = screen if self.rng.random() < 0.3 else []
                return [*early, (Stage.GHOSTED, self.gap(24, 40), None, "")], SPAN_DAYS
            case "withdrawn":
                note = "Took myself out: the hours didn't fit."
                return [*screen, (Stage.WITHDRAWN, self.gap(3, 10), None, note)], SPAN_DAYS
        return self.rejection(outcome, screen), SPAN_DAYS

    def rejection(
        self, outcome: str, screen: Sequence[tuple[Stage, int, InterviewKind | None, str]]
    ) -> list[tuple[Stage, int, InterviewKind | None, str]]:
        """The steps of a rejection after the CV, the screening call or interviews."""
        words = self.words
        match outcome:
            case "rejected_cv":
                note = self.rng.choice(words.feedback_without_detail)
                note = note if self.rng.random() < 0.6 else ""
                return [(Stage.REJECTED, self.gap(4, 20), None, note)]
            case "rejected_screen":
                note = self.rng.choice(words.feedback_without_detail)
                return [*screen, (Stage.REJECTED, self.gap(4, 14), None, note)]
            case "rejected_interview":
                note = self.interview_feedback()
                rounds = self.interview_rounds(self.rng.choice([1, 1, 2, 2, 3]))
                return [*screen, *rounds, (Stage.REJECTED, self.gap(3, 10), None, note)]
        raise ValueError(f"Unknown outcome {outcome!r}")

    def interview_feedback(self) -> str:
        """What a rejection after interviews says: mostly something, sometimes nothing."""
        roll = self.rng.random()
        if roll < 0.7:
            return self.rng.choice(self.words.feedback_after_interview)
        if roll < 0.85:
            return self.rng.choice(self.words.feedback_without_detail)
        return ""

    def application(self, outcome: str) -> Application:
        """One application ending the given way."""
        steps, max_age = self.steps(outcome)
        length = sum(step[1] for step in steps)
        low = {"quiet": 26, "interview_open": length + 1}.get(outcome, length + 1)
        age = self.rng.randint(low, max(low, max_age))
        applied_on = self.today - timedelta(days=age)
        first = Stage.SAVED if outcome == "saved" else Stage.APPLIED
        history = [Event(first, applied_on)]
        on = applied_on
        for stage, days, kind, note in steps:
            on += timedelta(days=days)
            history.append(Event(stage, min(on, self.today), kind, note))
        return Application(
            id=0,
            version=1,
            draft=self.draft(applied_on, outcome),
            events=tuple(history),
            follow_ups=tuple(self.follow_ups(history)),
            reflections=tuple(self.reflections(history)),
        )

    def draft(self, applied_on: date, outcome: str) -> ApplicationDraft:
        """The facts of the job itself."""
        words, rng = self.words, self.rng
        company, role = self.job()
        low, high = role["salary"]
        interviewed = outcome in ("interview_open", "rejected_interview", "offer")
        person = rng.choice(words.people) if interviewed else None
        return ApplicationDraft(
            company=company,
            role=role["title"],
            applied_on=applied_on,
            location=rng.choice(words.locations),
            source=rng.choice(_SOURCES),
            salary_min=low if rng.random() < 0.7 else None,
            salary_max=high if rng.random() < 0.7 else None,
            currency="GBP",
            pool_size=rng.randint(3, 8) if interviewed and rng.random() < 0.3 else None,
            notes=rng.choice(words.notes) if rng.random() < 0.25 else "",
            contacts=(Contact(name=person[0], role=person[1]),) if person else (),
        )

    def job(self) -> tuple[str, dict]:
        """A company and role not used yet, where the vocabulary still allows it."""
        for _ in range(20):
            company, role = self.rng.choice(self.words.companies), self.rng.choice(self.words.roles)
            if (company, role["title"]) not in self.used:
                break
        self.used.add((company, role["title"]))
        return company, role

    def follow_ups(self, history: list[Event]) -> Iterator[FollowUp]:
        """The bridges worth keeping: thanks after interviews, a feedback request after a no."""
        for event in history:
            if event.stage is Stage.INTERVIEW:
                due = event.on + timedelta(days=1)
                done = due if due <= self.today else None
                yield FollowUp(FollowUpKind.THANK_YOU, due, done)
        last = history[-1]
        if last.stage is Stage.REJECTED and any(e.stage is Stage.INTERVIEW for e in history):
            due = last.on + timedelta(days=3)
            asked = bool(last.note) and due <= self.today
            yield FollowUp(FollowUpKind.ASK_FEEDBACK, due, due if asked else None)
            due = last.on + timedelta(days=7)
            done = (
                due if due <= self.today - timedelta(days=14) and self.rng.random() < 0.8 else None
            )
            yield FollowUp(FollowUpKind.FUTURE_ROLES, due, done)
            yield FollowUp(FollowUpKind.RECONNECT, last.on + timedelta(days=90))

    def reflections(self, history: list[Event]) -> Iterator[Reflection]:
        """Most closed interview processes get a look back, the way the advice suggests."""
        rounds = sum(1 for event in history if event.stage is Stage.INTERVIEW)
        last = history[-1]
        if not rounds or last.stage not in (Stage.REJECTED, Stage.OFFER):
            return
        if self.rng.random() > 0.75:
            return
        words, rng = self.words, self.rng
        rejected = last.stage is Stage.REJECTED
        asked = last.on + timedelta(days=1) if rejected and rng.random() < 0.8 else None
        heard = asked is not None and bool(last.note)
        wrong = rng.choice(words.went_wrong) if rejected else {"text": "", "trip_ups": []}
        yield Reflection(
            application_id=0,
            prompt=Prompt.REJECTION if rejected else Prompt.INTERVIEW,
            written_on=min(last.on + timedelta(days=2), self.today),
            interview_round=rounds,
            overall=rng.randint(2, 5),
            confidence_before=rng.randint(3, 8),
            confidence_after=rng.randint(3, 9),
            went_well=rng.choice(words.went_well),
            went_wrong=wrong["text"],
            trip_ups=tuple(TripUp(pick) for pick in wrong["trip_ups"]),
            prep_hours=float(rng.randint(1, 8)),
            prep_done=tuple(rng.sample(list(Preparation), rng.randint(1, 4))),
            feedback_asked_on=asked,
            feedback_received_on=min(asked + timedelta(days=2), self.today) if heard else None,
            feedback=last.note if heard else "",
            fairness=Fairness.FAIR if heard else None,
            lessons=(
                LessonDraft(LessonKind.DO, rng.choice(words.lessons_do)),
                LessonDraft(LessonKind.DONT, rng.choice(words.lessons_dont)),
            ),
            fit=rng.randint(2, 5),
        )


def generate(
    n: int = 60,
    seed: int = 7,
    today: date | None = None,
    shares: Mapping[str, float] = OUTCOME_SHARES,
) -> list[Application]:
    """n applications over the last five months; the same n, seed and day give the same story."""
    if n < 0:
        raise ValueError("The number of applications can't be negative.")
    today = today or date.today()
    rng = random.Random(seed)
    story = _Story(rng, _vocabulary(), today)
    outcomes = [name for name, count in outcome_counts(n, shares).items() for _ in range(count)]
    rng.shuffle(outcomes)
    records = [story.application(outcome) for outcome in outcomes]
    return sorted(records, key=lambda record: record.draft.applied_on)
