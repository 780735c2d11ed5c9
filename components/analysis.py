"""The sums the analysis pages show, cached once per revision here, where the warm-up reaches them.

Each reads the cached frames of a `Key` (never the session), so the warm-up thread can fill
the same cache entries a visitor's first page view then finds. No argument has a default:
Streamlit keys a cached value by the arguments as passed, so a call that leaves one out
would miss the entry of a call that spells it.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from bounceback import feedback
from bounceback.activity import activity_log
from bounceback.baseline import patience_sentence
from bounceback.insights import Report, patience_of, report
from bounceback.lessons import confidence, lesson_table, plus_points, wins
from bounceback.presenter import hide_names_in, scrub_quote
from components import lexicon
from components.state import Key, aliases, frames, store_of, table, unmasked

# Below this many live applications, or decided at a step, the numbers say more about chance.
THIN_AT = 5


@st.cache_data(show_spinner=False, max_entries=8)
def activities(key: Key, start: date, end: date) -> pd.DataFrame:
    """The Activity log's lines for one revision and period: 0.1 s a rerun at 10,000."""
    return activity_log(frames(key), start, end)


@st.cache_data(show_spinner=False, max_entries=16)
def interviews_report(
    key: Key,
    baseline_pool: int,
    on: date,
    since: date | None,
    until: date | None,
    sources: tuple[str, ...],
) -> Report:
    """The Interviews page's aggregates for one revision and filter choice."""
    return report(frames(key), table(key), baseline_pool, on, since, until, list(sources), THIN_AT)


@st.cache_data(show_spinner=False, max_entries=4)
def patience(key: Key, baseline_pool: int, on: date) -> str:
    """How long the odds would take at the user's own pace, whatever the filter shows."""
    return patience_sentence(patience_of(frames(key), table(key), baseline_pool, on))


@st.cache_data(show_spinner=False, max_entries=8)
def feedback_summary(
    key: Key, lexicon_version: tuple[str | None, float | None], source: str | None
) -> feedback.Summary:
    """Everything the Feedback page shows for one view, once per revision and lexicon."""
    compiled, _ = lexicon.current()
    # Themes come from the real words; presenter mode then hides the words themselves.
    real = unmasked(key)
    found = feedback.summarised(
        frames(real), table(real), compiled, store_of(real).theme_corrections(), source
    )
    names = aliases(key)
    return found if names is None else feedback.masked(found, names, compiled)


@st.cache_data(show_spinner=False, max_entries=4)
def lesson_lists(key: Key) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Live lessons, archived lessons and plus points, once per revision; in presenter mode
    with every word that may be a name hidden, as feedback quotes are."""
    everything = frames(key)
    live, archived, plus = (
        lesson_table(everything),
        lesson_table(everything, archived=True),
        plus_points(everything),
    )
    names = aliases(key)
    if names is None:
        return live, archived, plus
    words = feedback.quote_vocabulary(lexicon.current()[0])
    return (
        hide_names_in(live, "text", names, words),
        hide_names_in(archived, "text", names, words),
        hide_names_in(plus, "point", names, words),
    )


@st.cache_data(show_spinner=False, max_entries=4)
def lesson_record(key: Key) -> tuple[pd.DataFrame, list[tuple[date, str]]]:
    """Confidence over time and the wins list, once per revision."""
    everything, shaped = frames(key), table(key)
    names = aliases(key)
    if names is None:
        return confidence(everything, shaped), wins(everything, shaped)
    words = feedback.quote_vocabulary(lexicon.current()[0])

    def shown(text: str) -> str:
        return scrub_quote(text, names, words)

    return confidence(everything, shaped), wins(everything, shaped, shown=shown)
