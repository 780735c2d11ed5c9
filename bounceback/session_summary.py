"""The session summary: one printable HTML page an advisor can hand to the client.

It says what the pages say, computed by the same functions: the pipeline against the
baseline odds (insights), the top feedback themes with next steps (feedback, themes), the
do's and don'ts (lessons) and the follow-ups due (pipeline). The file opens offline: CSS
is inline and plotly.js is embedded once, so nothing is fetched from anywhere.

Every piece of user text is HTML-escaped. With presenter mode's aliases, employers show as
"Company A", lessons have known names scrubbed, and no notes or feedback words appear;
the feedback is still classified on the real words, so the themes stay right.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

import pandas as pd
import plotly.graph_objects as go

from bounceback import charts, feedback
from bounceback.domain import Settings
from bounceback.insights import Report, report
from bounceback.lessons import lesson_table
from bounceback.pipeline import application_table, due_label, up_next
from bounceback.presenter import Aliases, mask_frames, scrub_quote
from bounceback.sessions import (
    SINCE_LABELS,
    AdvisorSession,
    last_session_before,
    open_actions,
    since_last_time,
)
from bounceback.themes import Lexicon

# Enough to act on, few enough to fit one printed page.
NEXT_STEPS_SHOWN = 2
UNSORTED_QUOTED = 3
LESSONS_SHOWN = 10
FOLLOW_UPS_SHOWN = 12
ACTIONS_SHOWN = 12
CHART_WIDTH, CHART_HEIGHT = 680, 260

# Sizes in rem, so print shrinks everything at once to fit an A4 page; plain, light colours.
_STYLE = """
:root { color-scheme: light; }
html { font-size: 15px; }
* { box-sizing: border-box; }
body {
  margin: 0 auto; padding: 1.5rem 1.8rem; max-width: 880px; background: #ffffff;
  color: #1f2328; line-height: 1.4;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
}
h1 { font-size: 1.6rem; margin: 0; }
h2 { font-size: 1.2rem; margin: 0 0 0.4rem; color: #0b4f7c; }
h3 { font-size: 1rem; margin: 0.5rem 0 0.1rem; }
p { margin: 0.25rem 0; }
ul { margin: 0.2rem 0; padding-left: 1.2rem; }
li { margin: 0.1rem 0; }
section { padding: 0.7rem 0; border-top: 1px solid #d0d7de; break-inside: avoid; }
.muted { color: #57606a; font-size: 0.87rem; }
.note { background: #f0f6fb; border-left: 4px solid #0072B2; padding: 0.3rem 0.6rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(105px, 1fr));
  gap: 0.5rem; margin: 0.4rem 0; }
.figure { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.3rem 0.5rem; }
.figure strong { display: block; font-size: 1.3rem; }
.figure span { color: #57606a; font-size: 0.8rem; }
.themes { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
  gap: 0 1.2rem; }
.pair { display: grid; grid-template-columns: 1fr 1.3fr; gap: 0 1.5rem; }
.tag { font-size: 0.75rem; color: #0b4f7c; border: 1px solid #0b4f7c; border-radius: 4px;
  padding: 0 0.25rem; margin-left: 0.25rem; white-space: nowrap; }
.quote { font-style: italic; color: #3d444d; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.15rem 0.4rem 0.15rem 0;
  border-bottom: 1px solid #eaeef2; font-size: 0.93rem; }
.overdue { color: #a33d00; }
.chart { overflow-x: auto; }
@media (max-width: 640px) { .pair { grid-template-columns: 1fr; } }
@media print {
  @page { size: A4; margin: 10mm; }
  html { font-size: 11px; }
  body { padding: 0; max-width: none; }
  .note { background: none; }
  .chart { zoom: 0.8; }
}
"""


def render(
    frames: dict[str, pd.DataFrame],
    settings: Settings,
    today: date,
    lexicon: Lexicon,
    *,
    corrections: feedback.Corrections | None = None,
    presenter: Aliases | None = None,
    sessions: Sequence[AdvisorSession] = (),
) -> str:
    """The whole summary as one self-contained HTML document, so it opens anywhere, offline.

    Sessions bring what changed since the last one and the open action plan; their notes
    are the advisor's own and never appear here.
    """
    table = application_table(frames)
    plan = _plan(frames, sessions, today, presenter)
    if table.empty:
        return _document(today, presenter, [_nothing_yet(), *plan])
    shown_frames = mask_frames(frames, presenter) if presenter else frames
    shown_table = application_table(shown_frames) if presenter else table
    sections = [
        _pipeline(report(frames, table, settings.baseline_pool, today), settings.baseline_pool),
        _feedback(
            feedback.summarised(frames, table, lexicon, corrections),
            lexicon,
            quote=presenter is None,
        ),
        '<div class="pair">'
        + _lessons(lesson_table(shown_frames).head(LESSONS_SHOWN))
        + _follow_ups(up_next(shown_frames, shown_table, today), today)
        + "</div>",
        *plan,
    ]
    return _document(today, presenter, sections)


def _plan(
    frames: dict[str, pd.DataFrame],
    sessions: Sequence[AdvisorSession],
    today: date,
    presenter: Aliases | None,
) -> list[str]:
    """'Since last time' and the open action plan, when there have been sessions."""
    if not sessions:
        return []
    found = []
    last = last_session_before(sessions, today)
    if last is not None:
        counts = since_last_time(frames, sessions, last, today)
        figures = "".join(
            _figure(f"since-{name}", str(counts[name]), label)
            for name, label in SINCE_LABELS.items()
        )
        found.append(
            f'<section><h2>Since last time</h2><p class="muted">Since the session on '
            f'{last.day} {last:%B %Y}.</p><div class="figures">{figures}</div></section>'
        )
    actions = open_actions(sessions)
    heading = "<section><h2>Action plan</h2>"
    if not actions:
        agreed = any(session.actions for session in sessions)
        said = "Every agreed action is done." if agreed else "No actions agreed yet."
        return [*found, f"{heading}<p>{said}</p></section>"]
    rows = []
    for action in actions[:ACTIONS_SHOWN]:
        # An action often names whom to ask and how to reach them: scrubbed as a quote is.
        text = scrub_quote(action.text, presenter) if presenter else action.text
        overdue = ' class="overdue"' if action.due < today else ""
        rows.append(
            f"<tr><td{overdue}>{action.due.day} {action.due:%b %Y}</td><td>{escape(text)}</td>"
            f"<td>{escape(action.who.label)}</td></tr>"
        )
    more = len(actions) - ACTIONS_SHOWN
    extra = f'<p class="muted">…and {more} more in the app.</p>' if more > 0 else ""
    table = (
        "<table><thead><tr><th>By</th><th>What</th><th>Who</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{extra}"
    )
    return [*found, f"{heading}{table}</section>"]


def _document(today: date, presenter: Aliases | None, sections: list[str]) -> str:
    """The page around the sections: heading, date and inline style, nothing fetched."""
    when = f"{today.day} {today:%B %Y}"
    hidden = (
        '<p class="muted">Shown in presenter mode: employers and contacts have stand-in '
        "names, and notes are left out.</p>"
        if presenter
        else ""
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Session summary, {escape(when)}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n<header><h1>Your job search: session summary</h1>\n"
        f'<p class="muted">{escape(when)}</p>{hidden}</header>\n'
        + "\n".join(sections)
        + "\n</body>\n</html>\n"
    )


def _nothing_yet() -> str:
    """The empty database's page: a kind word about where to start, never a blank sheet."""
    return (
        "<section><h2>Nothing here yet</h2>"
        "<p>There are no applications recorded yet, so there is nothing to sum up. Once a few "
        "are in, this page shows how they compare with the usual odds, what the feedback "
        "says, your do's and don'ts, and the follow-ups coming up.</p></section>"
    )


def _figure(name: str, value: str, label: str) -> str:
    """One number with its label, marked so a reader (or a test) can find it."""
    return (
        f'<div class="figure" id="figure-{name}"><strong>{escape(value)}</strong>'
        f"<span>{escape(label)}</span></div>"
    )


def _pipeline(data: Report, baseline_pool: int) -> str:
    """The record against the odds: the same numbers and chart as the insights page."""
    top = data.headline
    figures = "".join(
        (
            _figure("applications", f"{data.applications:,}", "Applications"),
            _figure("interviews", f"{top.interviews:,}", "Interviews decided"),
            _figure("offers", f"{top.offers:,}", "Offers"),
            _figure("expected", f"{top.expected:.1f}", "Offers expected at these odds"),
            _figure("chance", f"{top.p_at_least_one:.0%}", "Chance of at least one by now"),
            _figure("in-play", f"{data.in_play:,}", "Interviews still in play"),
        )
    )
    needed = top.needed
    if top.interviews:
        chart = (
            f'<div class="chart">{_chart_html(charts.on_track(data.track))}</div>'
            '<p class="muted">The shaded band is where 8 in 10 candidates with the same '
            "interviews would be; the dashed line is the average.</p>"
        )
    else:
        chart = (
            '<p class="muted">The "on track?" chart appears once an interview has been '
            "decided (an offer, a no, or silence after an interview).</p>"
        )
    return (
        "<section><h2>Your pipeline against the odds</h2>"
        f"<p>Hiring managers interview about {baseline_pool} people for each job, so about "
        f"1 interview in {baseline_pool} ends in an offer, for everyone.</p>"
        f'<div class="figures">{figures}</div>'
        f'<p class="note">{escape(top.standing)}</p>'
        f"<p>At 1 in {baseline_pool}, about {needed[0.5]} interviews give an even chance of at "
        f"least one offer, {needed[0.8]} give 80 %, and {needed[0.9]} give 90 %. Each interview "
        "is a fresh draw: a no doesn't make the next one less likely.</p>"
        f"{chart}</section>"
    )


def _chart_html(fig: go.Figure) -> str:
    """The figure as a div with plotly.js inline (the page's only chart), never a CDN link.

    A fixed width fits the printed page, which a responsive chart sized to the screen may not.
    """
    fig.update_layout(template="plotly_white", width=CHART_WIDTH, height=CHART_HEIGHT)
    return fig.to_html(
        full_html=False,
        include_plotlyjs=True,
        include_mathjax=False,
        config={"displayModeBar": False, "responsive": False},
        default_width=f"{CHART_WIDTH}px",
        default_height=f"{CHART_HEIGHT}px",
    )


def _times(count: int) -> str:
    """'once', 'twice', '3 times': plain words for how often something came up."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _feedback(said: feedback.Summary, lexicon: Lexicon, *, quote: bool) -> str:
    """The top themes with counts and next steps; the words themselves only when allowed."""
    heading = "<section><h2>What the feedback says</h2>"
    if said.employer_total + said.own_total == 0:
        return (
            f"{heading}<p>No feedback recorded yet. Themes appear once you note what an "
            "employer said, or what went wrong in your own words.</p></section>"
        )
    intro = (
        f"<p>From {said.employer_total} piece{'' if said.employer_total == 1 else 's'} of "
        f"employer feedback and {said.own_total} note{'' if said.own_total == 1 else 's'} of "
        "your own, these themes came up most.</p>"
    )
    if not said.top and said.unsorted.empty:
        intro += (
            "<p>None of it gave a specific reason yet. That says nothing about you, only that "
            "the employer didn't say why.</p>"
        )
    by_source = said.counts.groupby(["theme", "source"])["count"].sum()
    themes = "".join(
        _theme(theme_id, by_source, said, lexicon, quote=quote) for theme_id in said.top
    )
    missing = len(said.without_reason)
    chase = (
        f"<p>{missing} no{'' if missing == 1 else 'es'} after an interview came with no usable "
        "reason. Asking is always worth it: even a line or two can show what to work on.</p>"
        if missing
        else ""
    )
    listed = f'<div class="themes">{themes}</div>' if themes else ""
    return f"{heading}{intro}{listed}{_unsorted(said.unsorted, quote=quote)}{chase}</section>"


def _unsorted(rows: pd.DataFrame, *, quote: bool) -> str:
    """The feedback no theme fits yet: never "no reason", to be placed on the Feedback page."""
    if rows.empty:
        return ""
    count = len(rows)
    words = "".join(
        f'<p class="quote">\u201c{escape(text)}\u201d</p>'
        for text in rows.head(UNSORTED_QUOTED)["text"].tolist()
        if quote
    )
    return (
        f"<h3>We couldn't place {'this' if count == 1 else f'these {count}'}; which theme "
        f"fits?</h3><p>{'It gives' if count == 1 else 'They give'} a reason, but not in words "
        "the app knows yet, so it is not counted as 'no specific reason'. Pick a theme for "
        f"each on the Feedback themes page.</p>{words}"
    )


def _theme(
    theme_id: str, by_source: pd.Series, said: feedback.Summary, lexicon: Lexicon, *, quote: bool
) -> str:
    """One theme: how often each side raised it, its first next steps, maybe its latest words."""
    known = theme_id in lexicon.ids
    label = lexicon.theme(theme_id).label if known else theme_id.replace("_", " ").capitalize()
    steps = lexicon.theme(theme_id).next_steps[:NEXT_STEPS_SHOWN] if known else ()
    employer = int(by_source.get((theme_id, feedback.EMPLOYER), 0))
    own = int(by_source.get((theme_id, feedback.OWN), 0))
    parts = [f"employers raised it {_times(employer)}"] if employer else []
    parts += [f"you noted it {_times(own)}"] if own else []
    listed = "".join(f"<li>{escape(step)}</li>" for step in steps)
    latest = said.examples[theme_id].head(1)["text"].tolist() if quote else []
    words = "".join(f'<p class="quote">\u201c{escape(text)}\u201d</p>' for text in latest)
    return (
        f'<div class="theme"><h3>{escape(label)}</h3>'
        f'<p class="muted">{escape(" and ".join(parts).capitalize())}.</p>{words}'
        + (f"<p>Next steps:</p><ul>{listed}</ul>" if listed else "")
        + "</div>"
    )


def _lessons(lessons: pd.DataFrame) -> str:
    """The do's and don'ts, pinned first, then the ones that came up most."""
    heading = "<section><h2>Do's and don'ts</h2>"
    if lessons.empty:
        return (
            f"{heading}<p>Your list fills in from the lessons you write in each reflection. "
            "Write one after your next interview or no.</p></section>"
        )
    lists = []
    for kind, title in (("do", "Do"), ("dont", "Don't")):
        chosen = lessons[lessons["kind"] == kind]
        items = "".join(_lesson(row) for _, row in chosen.iterrows())
        lists.append(
            f"<h3>{title}</h3>"
            + (f"<ul>{items}</ul>" if items else '<p class="muted">Nothing here yet.</p>')
        )
    return f"{heading}{''.join(lists)}</section>"


def _lesson(row: pd.Series) -> str:
    """One lesson in the user's words (names scrubbed in presenter mode), pinned or counted."""
    text = row["text"]
    pinned = '<span class="tag">top five</span>' if row["pinned"] else ""
    count = int(row["count"])
    came_up = f' <span class="muted">(came up {_times(count)})</span>' if count > 1 else ""
    return f"<li>{escape(text)}{pinned}{came_up}</li>"


def _follow_ups(due: pd.DataFrame, today: date) -> str:
    """What to send or ask in the next two weeks, overdue first; never a note's words."""
    heading = (
        "<section><h2>Follow-ups due</h2>"
        '<p class="muted">Due in the next two weeks, and any from the last two not yet done.</p>'
    )
    if due.empty:
        return f"{heading}<p>Nothing due in the next two weeks.</p></section>"
    rows = []
    for _, item in due.head(FOLLOW_UPS_SHOWN).iterrows():
        label = due_label(item["due"], item["overdue"], today)
        marked = ' class="overdue"' if item["overdue"] else ""
        rows.append(
            f"<tr><td{marked}>{escape(label)}</td><td>{escape(item['what'])}</td>"
            f"<td>{escape(item['company'])}</td></tr>"
        )
    more = len(due) - FOLLOW_UPS_SHOWN
    extra = f'<p class="muted">…and {more} more in the app.</p>' if more > 0 else ""
    return (
        f"{heading}<table><thead><tr><th>When</th><th>What</th><th>Employer</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{extra}</section>"
    )
