"""The session summary download: the one-page HTML report, built only when it is clicked."""

from __future__ import annotations

from datetime import date

from bounceback.session_summary import render
from components import downloads, sessions
from components.lexicon import current as current_lexicon
from components.state import Key, aliases, frames, settings, store_of, today, unmasked


def html(key: Key, on: date) -> str:
    """The report for this revision: themes from the real words, aliases if presenting.

    It runs on the click, outside the script run, so everything it reads comes from the key,
    never from the session.
    """
    lexicon, _ = current_lexicon()
    return render(
        frames(unmasked(key)),
        settings(key),
        on,
        lexicon,
        corrections=store_of(key).theme_corrections(),
        presenter=aliases(key),
        sessions=sessions.read(key),
    )


def download(key: Key) -> None:
    """The button that hands the client the summary; nothing is built until it is clicked."""
    on = today()
    downloads.button(
        "Session summary (HTML)",
        lambda: html(key, on),
        what="the session summary",
        key="today:summary",
        file_name=f"bounceback-summary-{on:%Y-%m-%d}.html",
        mime="text/html",
        icon=":material/summarize:",
        help="One page to keep or print: your odds, the feedback themes with next steps, "
        "your do's and don'ts and the follow-ups due. It opens without the internet.",
    )
