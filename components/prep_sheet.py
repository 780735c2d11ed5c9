"""The prep sheet for one application: opened from its card or Today, ticked, downloaded."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from bounceback.prep import (
    CHECKLIST,
    PrepSheet,
    booking_line,
    prep_sheet,
    quoted_sheet,
    to_html,
)
from components import downloads
from components.lexicon import current as current_lexicon
from components.lexicon import lexicon_key
from components.state import (
    PAUSED,
    Key,
    aliases,
    frames,
    guarded,
    presenting,
    settings,
    store,
    store_of,
    today,
    typed,
    unmasked,
)
from components.text import md, plural

KEY = "prep:application"
PAGE = "app_pages/prep.py"


def open(application_id: int) -> None:
    """Point the prep sheet page at one application (called as prep_sheet.open)."""
    st.session_state[KEY] = application_id


def selected() -> int | None:
    """The application the prep sheet page shows, or None."""
    return typed(KEY, int)


def link(application_id: int, key: str, where: st.delta_generator.DeltaGenerator) -> None:
    """The one click from a card or Today to this application's prep sheet."""
    if where.button("Prep sheet", key=key, icon=":material/fact_check:"):
        open(application_id)
        st.switch_page(PAGE)


@guarded
def _tick(application_id: int, item: str, widget: str) -> None:
    """Save one tick as it is clicked, so it is there after the interview."""
    store().tick_prep(application_id, item, bool(st.session_state[widget]))


def sheet_for(application_id: int, key: Key) -> PrepSheet:
    """The sheet, masked in presenter mode, its themes classified on the real words."""
    # To the minute: the interview booked next moves on only when one has passed.
    minute = datetime.now(UTC).replace(second=0, microsecond=0)
    return _sheet(application_id, key, lexicon_key(), minute)


@st.cache_data(show_spinner=False, max_entries=8)
def _sheet(
    application_id: int,
    key: Key,
    lexicon_version: tuple[str | None, float | None],
    minute: datetime,
) -> PrepSheet:
    """Once per revision (a tick or a correction moves it on), lexicon and minute: building
    it classifies every piece of feedback, about a second at 10,000 applications."""
    lexicon, _ = current_lexicon()
    source = store_of(key)
    real = frames(unmasked(key))
    rows = real["applications"]
    kept = rows.loc[rows["id"] == application_id, "job_description"]
    sheet = prep_sheet(
        frames(key),
        application_id,
        lexicon,
        strengths=settings(key).strengths,
        # Matched on the real advert: what it shows is the user's own strengths list.
        job_description=str(kept.iloc[0]) if len(kept) else "",
        ticked=source.prep_ticks(application_id),
        corrections=source.theme_corrections(),
        theme_frames=real,
        now=minute,
    )
    names = aliases(key)
    return sheet if names is None else quoted_sheet(sheet, names, lexicon)


def _items(items: tuple[str, ...], empty: str) -> None:
    """User text as a list of literal lines, or a gentle caption when there is none."""
    if not items:
        st.caption(empty)
    for item in items:
        st.markdown(f"- {md(item)}")


def render(application_id: int, key: Key) -> None:
    """The sheet on screen, its checklist to tick, and the printable download."""
    sheet = sheet_for(application_id, key)
    on = today()
    st.subheader(f"{md(sheet.company)} · {md(sheet.role)}")
    if sheet.booked:
        st.markdown(f"**{md(booking_line(sheet.booked))}**")
    left, right = st.columns(2)
    with left:
        st.markdown("**Do**")
        _items(sheet.dos, "Pin the do's that matter most on the Lessons page.")
        st.markdown("**Don't**")
        _items(sheet.donts, "No pinned don'ts yet.")
        st.markdown("**What feedback keeps saying**")
        if not sheet.themes:
            st.caption("No feedback themes yet: they come from feedback and your own notes.")
        for theme in sheet.themes:
            # One block, so the next steps nest under their theme.
            steps = "".join(f"\n    - {md(step)}" for step in theme.next_steps)
            st.markdown(f"- **{md(theme.label)}** (came up {plural(theme.times, 'time')}){steps}")
        st.markdown("**Questions to practise**")
        _items(sheet.questions, "No question has caught you off guard yet.")
    with right:
        st.markdown("**Your strengths and this job**")
        if sheet.match is None:
            st.caption(
                "Keep the job description and your strengths (Lessons page) to see how they "
                "line up."
            )
        else:
            st.markdown(f"Your strengths cover {sheet.match.score:.0%} of what it asks for.")
            _items(sheet.match.matched, "None of your strengths, in its words.")
        st.markdown("**What went well before**")
        _items(sheet.plus_points, "Your plus points come from your reflections.")
        st.markdown("**Checklist**")
        st.caption("What you tick fills in the Preparation part of your reflection afterwards.")
        for item in CHECKLIST:
            widget = f"prep:{application_id}:{item.key}"
            st.session_state[widget] = item.key in sheet.ticked
            st.checkbox(
                item.label,
                key=widget,
                on_change=_tick,
                args=(application_id, item.key, widget),
                disabled=presenting(),
                help=PAUSED if presenting() else None,
            )
    downloads.button(
        "Download the prep sheet (printable page)",
        lambda: to_html(sheet, on),
        what="the prep sheet",
        key=f"prep:download:{application_id}",
        file_name=f"bounceback-prep-{on:%Y-%m-%d}.html",
        mime="text/html",
        icon=":material/print:",
        help="One page to print or keep on your phone; it opens without the internet.",
    )
