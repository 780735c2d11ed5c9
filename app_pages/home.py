"""Today: a first-visit welcome, then what is due and where things stand."""

import streamlit as st

from bounceback.domain import Settings
from bounceback.prep import preparing
from components import (
    follow_ups,
    interviews_ahead,
    prep_sheet,
    quick_add,
    sample_data,
    session_summary,
    sessions,
)
from components.state import (
    flash,
    guarded,
    revision_key,
    settings,
    show_flash,
    store,
    summary,
    table,
    today,
)
from components.text import md, plural

# Enough to see at a glance; the Prep sheet page lists them all.
PREP_SHOWN = 5


@guarded
def start_fresh() -> None:
    """Remember the choice so the welcome does not come back."""
    current = store()
    version = current.settings_version()
    current.save_settings(
        Settings(**{**vars(current.settings()), "onboarded": True}), expected_version=version
    )
    flash("All set. Add your first application just below: company and role are enough.")


key = revision_key()
data = summary(key)
current = settings(key)
show_flash()

if data.total == 0 and not current.onboarded:
    st.title("Welcome to bounceback")
    st.markdown(
        "Job hunting means hearing *no* far more often than *yes*: most interviews end "
        "without an offer, for everyone. bounceback keeps track of every application, "
        "shows how your results compare with the usual odds, and helps you learn from "
        "each interview."
    )
    st.markdown("How would you like to start?")
    left, right = st.columns(2)
    with left, st.container(border=True):
        st.markdown("**Explore with sample data**")
        st.caption("A made-up job hunt of five months, to see what the app can show.")
        sample_data.offer("welcome")
    with right, st.container(border=True):
        st.markdown("**Start fresh**")
        st.caption("An empty tracker for your own applications, kept private to you.")
        st.button("Start fresh", on_click=start_fresh, width="stretch")
    st.stop()

st.title("Today")
quick_add.render(current)
columns = st.columns(3)
columns[0].metric("Live applications", data.live)
columns[1].metric(
    "Interview rounds so far",
    data.interview_rounds,
    help="Every round you have had, counted one by one. Interviews and offers counts each "
    "application once, and only when the employer has decided.",
)
columns[2].metric("Offers", data.offers)

if data.total == 0:
    st.info(
        "No applications yet. Add your first one on the Pipeline page, or load the sample "
        "data in Settings to look around first."
    )
    st.page_link("app_pages/pipeline.py", label="Go to the pipeline", icon=":material/view_kanban:")
    sessions.open_on_today(key)  # a client's first actions come before their first application
    st.stop()

session_summary.download(key)
interviews_ahead.next_interview(key)

if data.live < 5:
    st.info(
        f"{plural(data.live, 'application')} in play. A few more in the pipeline takes "
        "the weight off any single one."
    )

st.subheader("Up next")
follow_ups.up_next(data.due, data.due_total, today())
sessions.open_on_today(key)

preparing_for = preparing(table(key))
if not preparing_for.empty:
    st.subheader("Getting ready")
    st.caption("Interviews under way: your lessons and a checklist, one click each.")
    for row in preparing_for.head(PREP_SHOWN).itertuples():
        line = st.container(horizontal=True, vertical_alignment="center")
        line.markdown(f"{md(row.company)} · {md(row.role)}")
        prep_sheet.link(int(row.id), f"today:prep:{row.id}", line)

if data.quiet_total:
    st.subheader("No news for a while")
    st.caption(
        f"No news for {current.ghost_after_days} days or more from "
        f"{plural(data.quiet_total, 'application')}. You can mark them as ghosted on the "
        "Pipeline page."
    )
    st.page_link("app_pages/pipeline.py", label="Review them", icon=":material/view_kanban:")
