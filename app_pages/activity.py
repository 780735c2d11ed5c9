"""Activity log: what you did to find work, line by line, the record benefit schemes ask for."""

from dataclasses import replace

import streamlit as st

from bounceback.activity import (
    LOG_HEADERS,
    PERIODS,
    log_csv,
    period,
    printable_html,
    weekly_counts,
    weekly_table,
)
from bounceback.validation import MAX_WEEKLY_TARGET
from components import downloads
from components.analysis import activities
from components.state import (
    flash,
    guarded,
    revision_key,
    settings,
    show_flash,
    store,
    today,
)
from components.text import plural

CUSTOM = "Choose dates"
# Up to a quarter of weeks is a small static table; a longer range scrolls in a grid.
STATIC_WEEKS = 13


@guarded
def save_target() -> None:
    """Keep the weekly target the user set."""
    current = store()
    target = int(st.session_state["activity:target"])
    current.save_settings(replace(current.settings(), weekly_target=target))
    flash(
        f"Weekly target set to {plural(target, 'activity', 'activities')}."
        if target
        else "No weekly target."
    )


key = revision_key()
show_flash()
on = today()
current = settings(key)

st.title("Activity log")
st.caption(
    "Every application sent, interview, follow-up and feedback request, one line each, read "
    "from your pipeline: the record a work-search or benefits office may ask you to keep."
)

left, right = st.columns([3, 2])
chosen = (
    left.segmented_control("Period", [*PERIODS, CUSTOM], default="This week", key="activity:period")
    or "This week"
)
if chosen == CUSTOM:
    picked = left.date_input(
        "From and to", value=period("This month", on), key="activity:range", format="DD/MM/YYYY"
    )
    start, end = (picked[0], picked[-1]) if picked else period("This week", on)
else:
    start, end = period(chosen, on)
with right:
    st.number_input(
        "Weekly target (activities)",
        min_value=0,
        max_value=MAX_WEEKLY_TARGET,
        value=current.weekly_target,
        step=1,
        key="activity:target",
    )
    st.caption("How many a week you aim for, or are asked for; 0 for no target.")
    st.button("Save the target", key="activity:target:save", on_click=save_target)

log = activities(key, start, end)
weeks = weekly_counts(log, start, end, current.weekly_target)

st.subheader(f"{start:%d %b %Y} to {end:%d %b %Y}: {plural(len(log), 'activity', 'activities')}")
per_week = weekly_table(weeks)
if len(per_week) <= STATIC_WEEKS:
    st.table(per_week, hide_index=True, border="horizontal")  # plain HTML: quick to draw
else:
    st.dataframe(per_week, hide_index=True)  # a long range scrolls in its own box

if log.empty:
    st.info(
        "Nothing logged in this period yet. Applications, interviews and follow-ups you "
        "record in the pipeline show here by themselves."
    )
    st.stop()

st.dataframe(log, hide_index=True, column_config=dict(LOG_HEADERS.items()))
name = f"bounceback-activity-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}"
first, second = st.columns(2)
with first:
    downloads.button(
        "Download as CSV",
        lambda: log_csv(log),
        what="the activity log",
        key="activity:csv",
        file_name=f"{name}.csv",
        mime="text/csv",
        icon=":material/download:",
    )
with second:
    downloads.button(
        "Printable page (HTML)",
        lambda: printable_html(log, start, end, weeks),
        what="the printable activity log",
        key="activity:html",
        file_name=f"{name}.html",
        mime="text/html",
        icon=":material/print:",
    )
