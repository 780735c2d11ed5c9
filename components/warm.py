"""A first visit need not wait for the first read: the server warms its caches in the background.

The first run of the app (whatever page it lands on) starts one thread per database and
owner. It imports the chart library, reads and shapes the database into the shared caches,
works out the analysis pages' sums (`components.analysis`) and compiles the feedback
themes, while the visitor reads the page they landed on; the page they open next finds it
done, or waits only for what is left (Streamlit lets one caller compute a cached value
while others wait for it).
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import logging
import threading

import streamlit as st

from bounceback import charts, themes
from bounceback.storage import DATABASE_ERRORS
from components import analysis, lexicon
from components.state import Key, demo, revision_key, settings, store_of, summary, today

# Imported ahead of need: plotly alone takes about a second to import on a busy machine.
MODULES = ("plotly.graph_objects", "bounceback.charts", "bounceback.insights")
THREAD_NAME = "bounceback-warm-up"
STARTED = "warm:started"
CHARTS = "warm:charts"


def _warm(source: str, owner: str) -> None:
    """Import the heavy modules, then fill the caches the pages read, in the order they are
    likeliest to be wanted; the feedback summary last, once the themes have loaded."""
    compiling = themes.warm_up()  # on its own thread, beside the reads below
    for module in MODULES:
        importlib.import_module(module)
    try:
        key = Key(source, owner, store_of(Key(source, owner, 0, False)).revision(), False)
        summary(key)
        on, pool = today(), settings(key).baseline_pool
        analysis.interviews_report(key, pool, on, None, None, ())
        analysis.patience(key, pool, on)
        analysis.lesson_lists(key)
        compiling.join()
        analysis.feedback_summary(key, lexicon.lexicon_key(), None)
    except DATABASE_ERRORS as error:
        # Only a slower first visit: the page that needs the data reads it and says what failed.
        logging.getLogger(__name__).warning("Warming the caches failed", exc_info=error)
    compiling.join()
    lexicon.current()
    give_back()


def preload_charts() -> None:
    """Once a session, an empty chart out of sight at the foot of the sidebar: the browser
    loads the chart library (1.1 to 1.6 s here) while the visitor reads the page they landed
    on, instead of when they open the first page with a chart."""
    if st.session_state.get(CHARTS):
        return
    st.session_state[CHARTS] = True
    with st.sidebar:
        st.plotly_chart(
            charts.blank(),
            key="warm:blank_chart",
            config={"staticPlot": True, "displayModeBar": False},
            height=10,
        )


def give_back() -> None:
    """Return what a thread's work freed to the system: glibc keeps each thread's memory
    arena otherwise (every script run has a thread), which at 10,000 applications left the
    server over 300 MB. Trimming takes a few milliseconds."""
    with contextlib.suppress(AttributeError, OSError):
        ctypes.CDLL(None).malloc_trim(0)


@st.cache_resource(show_spinner=False)
def _started(source: str, owner: str) -> threading.Thread:
    """Once per server, database and owner: the warm-up thread, already running."""
    thread = threading.Thread(target=_warm, args=(source, owner), name=THREAD_NAME, daemon=True)
    thread.start()
    return thread


def start() -> None:
    """Warm this session's caches once per server; a public demo's sandboxes are small and new."""
    if demo() or st.session_state.get(STARTED):
        return
    source, owner, *_ = revision_key()
    _started(source, owner)
    st.session_state[STARTED] = True
