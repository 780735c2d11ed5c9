"""The prep sheet: what the user has learned, gathered for the next interview at one employer.

Built from the frames every page reads, so it says what the Lessons and Feedback pages say.
The checklist ticks are kept per application and pre-fill the reflection's Preparation.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from html import escape

import pandas as pd

from bounceback import feedback
from bounceback.domain import Preparation, ScheduledInterview, Stage
from bounceback.lessons import lesson_key, lesson_table, plus_points
from bounceback.pipeline import application_table
from bounceback.presenter import Aliases, scrub_quote
from bounceback.schedule import upcoming_interviews, when
from bounceback.strengths import JobMatch, match_job
from bounceback.themes import Lexicon

# Enough to act on before one interview; the Lessons and Feedback pages keep the rest.
THEMES_SHOWN = 3
STEPS_SHOWN = 2
QUESTIONS_SHOWN = 8
PLUS_SHOWN = 6
# Open applications a prep sheet is for: at interview stage (scheduled rounds join later).
PREP_STAGES = frozenset({Stage.INTERVIEW.value})


@dataclass(frozen=True)
class CheckItem:
    """One thing to get ready, and the Preparation it becomes in the reflection afterwards.

    Logistics has no Preparation of its own (the reflection asks about lateness instead).
    """

    key: str
    label: str
    preparation: Preparation | None


CHECKLIST: tuple[CheckItem, ...] = (
    CheckItem("research", "Research the company", Preparation.COMPANY_RESEARCH),
    CheckItem("description", "Re-read the job description", Preparation.JOB_DESCRIPTION),
    CheckItem("examples", "Prepare examples for common questions", Preparation.PRACTISED_ANSWERS),
    CheckItem("questions", "Prepare questions to ask them", Preparation.PREPARED_QUESTIONS),
    CheckItem("logistics", "Sort the logistics: time, place or link, what to bring", None),
)
CHECK_KEYS = frozenset(item.key for item in CHECKLIST)


@dataclass(frozen=True)
class ThemeToWork:
    """One of the user's top feedback themes, with what to do about it."""

    label: str
    times: int
    next_steps: tuple[str, ...]


@dataclass(frozen=True)
class PrepSheet:
    """Everything the sheet shows for one application, in the user's own words."""

    company: str
    role: str
    dos: tuple[str, ...]
    donts: tuple[str, ...]
    themes: tuple[ThemeToWork, ...]
    questions: tuple[str, ...]
    match: JobMatch | None
    plus_points: tuple[str, ...]
    ticked: frozenset[str]
    # The next interview booked for this application, if one is: when, how, where, with whom.
    booked: ScheduledInterview | None = None


def preparing(table: pd.DataFrame) -> pd.DataFrame:
    """The open applications a prep sheet is for, most recently moved first.

    Takes the application table (`pipeline.application_table`), which pages already cache.
    """
    chosen = table[table["stage"].isin(PREP_STAGES)]
    return chosen.sort_values("last_event_on", ascending=False, kind="stable")


def prefill(ticked: Collection[str]) -> tuple[Preparation, ...]:
    """The reflection's Preparation picks that the ticked checklist items stand for."""
    return tuple(item.preparation for item in CHECKLIST if item.key in ticked and item.preparation)


def check_ticks(ticked: Collection[str]) -> frozenset[str]:
    """Only the checklist's own items can be ticked; anything else is refused by name."""
    unknown = sorted(set(ticked) - CHECK_KEYS)
    if unknown:
        raise ValueError(f"not a checklist item: {', '.join(unknown)}")
    return frozenset(ticked)


def quoted_sheet(sheet: PrepSheet, aliases: Aliases, lexicon: Lexicon) -> PrepSheet:
    """The sheet as presenter mode shows it: its lessons and plus points with every word that
    may be a name hidden, as feedback quotes are (presenter.scrub_quote)."""
    words = feedback.quote_vocabulary(lexicon)

    def hidden(items: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(scrub_quote(item, aliases, words) for item in items)

    return replace(
        sheet,
        dos=hidden(sheet.dos),
        donts=hidden(sheet.donts),
        plus_points=hidden(sheet.plus_points),
    )


def prep_sheet(
    frames: dict[str, pd.DataFrame],
    application_id: int,
    lexicon: Lexicon,
    *,
    strengths: Sequence[str] = (),
    job_description: str = "",
    ticked: Collection[str] = (),
    corrections: feedback.Corrections | None = None,
    theme_frames: dict[str, pd.DataFrame] | None = None,
    now: datetime | None = None,
) -> PrepSheet:
    """The sheet for one application; KeyError if the owner has no such live application.

    `theme_frames` are the real words to classify when `frames` are presenter mode's masked
    ones, so the themes stay right while no note shows.
    """
    apps = frames["applications"].set_index("id")
    row = apps.loc[application_id]
    lessons = lesson_table(frames)
    pinned = lessons[lessons["pinned"].astype(bool)]
    themed = frames if theme_frames is None else theme_frames
    said = feedback.summarised(themed, application_table(themed), lexicon, corrections)
    match = match_job(strengths, job_description) if strengths and job_description.strip() else None
    ahead = upcoming_interviews(frames, now or datetime.now(UTC))
    booked = next((item for item in ahead if item.application_id == application_id), None)
    return PrepSheet(
        company=row["company"],
        role=row["role"],
        dos=tuple(pinned[pinned["kind"] == "do"]["text"]),
        donts=tuple(pinned[pinned["kind"] == "dont"]["text"]),
        themes=_themes(said, lexicon),
        questions=_questions(frames["reflections"]),
        match=match,
        plus_points=tuple(plus_points(frames, PLUS_SHOWN)["point"]),
        ticked=check_ticks(ticked),
        booked=booked,
    )


def _themes(said: feedback.Summary, lexicon: Lexicon) -> tuple[ThemeToWork, ...]:
    """The top themes the lexicon knows, with how often they came up and their first steps."""
    counted = said.counts.groupby("theme")["count"].sum()
    found = []
    for theme_id in said.top:
        if theme_id not in lexicon.ids:
            continue
        theme = lexicon.theme(theme_id)
        found.append(
            ThemeToWork(
                theme.label, int(counted.get(theme_id, 0)), tuple(theme.next_steps[:STEPS_SHOWN])
            )
        )
    return tuple(found[:THEMES_SHOWN])


def _questions(notes: pd.DataFrame) -> tuple[str, ...]:
    """The questions that caught the user off guard, newest first, each wording once."""
    if notes.empty:
        return ()
    ordered = notes.sort_values(["written_on", "id"], ascending=False, kind="stable")
    seen: dict[str, str] = {}
    for text in ordered["tricky_question"]:
        question = " ".join(str(text).split())
        if question:
            seen.setdefault(lesson_key(question), question)
    return tuple(seen.values())[:QUESTIONS_SHOWN]


_STYLE = """
:root { color-scheme: light; }
body { margin: 0 auto; padding: 1.2rem 1.6rem; max-width: 820px; color: #1f2328;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  line-height: 1.4; background: #ffffff; }
h1 { font-size: 1.5rem; margin: 0; }
h2 { font-size: 1.1rem; margin: 0.8rem 0 0.3rem; color: #0b4f7c; }
ul { margin: 0.2rem 0; padding-left: 1.2rem; }
.muted { color: #57606a; font-size: 0.9rem; }
.checks { list-style: none; padding-left: 0; }
@media print { @page { size: A4; margin: 12mm; } html { font-size: 11px; }
  body { padding: 0; max-width: none; } h2 { break-after: avoid; } }
"""


def _list(items: Sequence[str], empty: str) -> str:
    """A list of escaped user text, or a gentle line when there is nothing yet."""
    if not items:
        return f'<p class="muted">{escape(empty)}</p>'
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _match_html(match: JobMatch | None) -> str:
    """Strengths against the job's description, or why there is no match to show."""
    if match is None:
        return (
            '<p class="muted">Keep the job description and your strengths (Lessons page) to '
            "see how they line up.</p>"
        )
    asks = f"<p>Your strengths cover {match.score:.0%} of what this job asks for.</p>"
    matched = "<h3>It asks for</h3>" + _list(match.matched, "None of your strengths, in words.")
    missing = "<h3>Think of an example for</h3>" + _list(match.missing, "Nothing else it names.")
    return asks + matched + missing


def booking_line(interview: ScheduledInterview) -> str:
    """'Booked: Thursday 3 Dec 2026 14:00 (Europe/London), video, meet.example/x, with Ann Lee'."""
    parts = [f"Booked: {when(interview)}", interview.kind.label.lower()]
    if interview.place:
        parts.append(interview.place)
    if interview.panel:
        parts.append("with " + ", ".join(interview.panel))
    return ", ".join(parts)


def to_html(sheet: PrepSheet, today: date) -> str:
    """The sheet as one printable page, every piece of user text escaped."""
    checks = "".join(
        f"<li>{'☑' if item.key in sheet.ticked else '☐'} {escape(item.label)}</li>"
        for item in CHECKLIST
    )
    themes = "".join(
        f"<li><strong>{escape(theme.label)}</strong> (came up {_times(theme.times)})"
        + _list(theme.next_steps, "")
        + "</li>"
        for theme in sheet.themes
    )
    title = f"Prep sheet: {sheet.company} ({sheet.role})"
    body = (
        f'<h1>{escape(title)}</h1><p class="muted">{today.day} {today:%B %Y}</p>'
        + (f"<p><strong>{escape(booking_line(sheet.booked))}</strong></p>" if sheet.booked else "")
        + "<h2>Do</h2>"
        + _list(sheet.dos, "Pin the do's that matter most on the Lessons page.")
        + "<h2>Don't</h2>"
        + _list(sheet.donts, "No pinned don'ts yet.")
        + "<h2>What feedback keeps saying</h2>"
        + (f"<ul>{themes}</ul>" if themes else '<p class="muted">No feedback themes yet.</p>')
        + "<h2>Questions to practise</h2>"
        + _list(sheet.questions, "No question has caught you off guard yet.")
        + "<h2>Your strengths and this job</h2>"
        + _match_html(sheet.match)
        + "<h2>What went well before</h2>"
        + _list(sheet.plus_points, "Your plus points come from your reflections.")
        + f'<h2>Checklist</h2><ul class="checks">{checks}</ul>'
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )


def _times(count: int) -> str:
    """'once', 'twice' or 'N times'."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")
