"""Hostile text for every free-text field: markup, scripts, links, long, right-to-left, emoji."""

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
    Settings,
    Source,
    Stage,
)
from bounceback.reflections import LessonDraft, LessonKind, Prompt, Reflection
from bounceback.storage import Store

# Each would set window.__pwned, load an image or become a link if it were ever HTML.
PAYLOADS = (
    "<script>window.__pwned = 1</script>",
    '<img src="x" onerror="window.__pwned = 1">',
    '<a href="javascript:window.__pwned = 1">click</a>',
    "[click me](javascript:window.__pwned=1)",
    "![tracker](https://tracker.invalid/pixel.png)",
    "<b>bold?</b> <i>italic?</i> <h1>heading?</h1>",
    '<svg onload="window.__pwned = 1"></svg>',
    '=HYPERLINK("https://evil.invalid")',
    "مرحبا بالعالم شركة الأمل",
    "Emoji 🎉🙂🔥 team",
    # Markdown structure and links made from plain text (issue 12).
    "Data Engineer\r\n==========",
    "First line\r\r    code block?",
    "www.evil.example/login",
    "see https://evil.example/x",
    # Formulas a spreadsheet would run, whatever separator it splits on.
    "=cmd|' /C calc'!A0",
    "Engineer;=cmd|' /C calc'!A0;",
    "Analyst\t+SUM(1,2)|@A1",
    # Shortcodes Streamlit draws as an icon, an emoji or colour, escaped colons or not.
    "Icons? :material/rocket_launch: :pizza: :red[red?]",
)
LONG = "W" * 200  # a 200-character name with nowhere to wrap
_FIRST = 10  # the payloads before issue 12


def _text(index: int) -> str:
    """The payload for the index-th field, cycling through them all."""
    return PAYLOADS[index % len(PAYLOADS)]


def hostile_applications(today: date) -> list[Application]:
    """One application per payload, each payload in every free-text field it can reach."""
    found = []
    # The newer payloads are the oldest applications, so the board's most recent closed cards
    # still show the first ten.
    ordered = (*PAYLOADS[_FIRST:], *PAYLOADS[:_FIRST], LONG)
    for index, payload in enumerate(ordered):
        applied = today - timedelta(days=40 - index)
        found.append(
            Application(
                id=0,
                version=1,
                draft=ApplicationDraft(
                    company=payload[:200],
                    role=_text(index + 1)[:200],
                    applied_on=applied,
                    location=_text(index + 2)[:200],
                    source=Source.JOB_BOARD,
                    notes=_text(index + 3),
                    contacts=(Contact(_text(index + 4)[:200], _text(index + 5)[:200], "", ""),),
                ),
                events=(
                    Event(Stage.APPLIED, applied),
                    Event(Stage.INTERVIEW, applied + timedelta(days=5), InterviewKind.VIDEO),
                    Event(Stage.REJECTED, applied + timedelta(days=9), note=_text(index + 6)),
                ),
                follow_ups=(
                    FollowUp(
                        FollowUpKind.ASK_FEEDBACK,
                        today + timedelta(days=index % 5),
                        note=_text(index + 7),
                    ),
                ),
                reflections=(
                    Reflection(
                        application_id=0,
                        prompt=Prompt.REJECTION,
                        written_on=applied + timedelta(days=10),
                        interview_round=1,
                        overall=3,
                        confidence_before=5,
                        confidence_after=6,
                        went_well=_text(index + 8),
                        went_wrong=_text(index + 9),
                        tricky_question=_text(index),
                        feedback=_text(index + 1) + " and more skills in SQL",
                        lessons=(
                            LessonDraft(LessonKind.DO, _text(index + 2)[:300]),
                            LessonDraft(LessonKind.DONT, _text(index + 3)[:300]),
                        ),
                    ),
                ),
            )
        )
    return found


def seed_hostile(store: Store, today: date) -> None:
    """Write the hostile applications, and hostile strengths, into an empty store."""
    store.load(
        hostile_applications(today),
        Settings(onboarded=True, strengths=tuple(text[:100] for text in PAYLOADS)),
    )
