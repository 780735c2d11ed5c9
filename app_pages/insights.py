"""Interviews versus offers: your record against the odds every candidate faces."""

from datetime import date

import streamlit as st

from bounceback import charts
from bounceback.baseline import patience_sentence
from bounceback.domain import Source
from bounceback.insights import DRAW_RULES, Report, patience_of, report
from bounceback.pipeline import source_label
from components.state import Key, frames, revision_key, settings, summary, table, today
from components.text import plural

THIN_AT = 5


@st.cache_data(show_spinner=False, max_entries=16)
def _report(
    key: Key,
    baseline_pool: int,
    on: date,
    since: date | None,
    until: date | None,
    sources: tuple[str, ...],
) -> Report:
    """The aggregates for one revision and filter choice; reruns reuse them."""
    return report(frames(key), table(key), baseline_pool, on, since, until, list(sources), THIN_AT)


@st.cache_data(show_spinner=False, max_entries=4)
def _patience(key: Key, baseline_pool: int, on: date) -> str:
    """How long the odds would take at the user's own pace, whatever the filter shows."""
    return patience_sentence(patience_of(frames(key), table(key), baseline_pool, on))


def _percent(value: float) -> str:
    """A probability as a rounded percentage."""
    return f"{value:.0%}"


key = revision_key()
current = settings(key)
overview = summary(key)
st.title("Interviews and offers")
st.caption(
    f"Hiring managers interview about {current.baseline_pool} people for each job, so about "
    f"1 interview in {current.baseline_pool} ends in an offer, for everyone. "
    "This page puts your record next to those odds."
)

if overview.total == 0:
    st.info(
        "Nothing to compare yet. Once you add applications on the Pipeline page, this page "
        "shows how your interviews and offers sit against the usual odds."
    )
    st.stop()

with st.expander("Filter by date and source"):
    left, right = st.columns(2)
    period = left.date_input("Applied between", value=(), key="insights:dates", format="DD/MM/YYYY")
    chosen = right.multiselect(
        "Sources",
        [source.value for source in Source],
        format_func=source_label,
        key="insights:sources",
        placeholder="All sources",
    )
since, until = (*period, None, None)[:2] if isinstance(period, tuple) else (period, None)

data = _report(key, current.baseline_pool, today(), since, until, tuple(chosen))
top = data.headline

columns = st.columns(5)
columns[0].metric("Interviews decided", top.interviews, help=DRAW_RULES)
columns[1].metric("Offers", top.offers)
columns[2].metric(
    "Expected offers",
    f"{top.expected:.1f}",
    help="The average number of offers anyone would have after the same interviews.",
)
columns[3].metric("Chance of at least one by now", _percent(top.p_at_least_one))
columns[4].metric("Interviews in play", data.in_play)

st.info(top.standing)
needed = top.needed
st.markdown(
    f"At 1 in {current.baseline_pool}, about **{needed[0.5]} interviews** give an even chance "
    f"of at least one offer, **{needed[0.8]}** give 80 %, and **{needed[0.9]}** give 90 %. "
    "Each interview is a fresh draw: a no doesn't make the next one less likely."
)
st.markdown("**Be patient, with numbers.** " + _patience(key, current.baseline_pool, today()))
st.caption("Your pace is the interviews decided in the last 8 weeks, across all your applications.")
live_now = overview.live
if live_now < THIN_AT:
    st.markdown(
        f"You have {plural(live_now, 'application')} in play. Adding a few more keeps the "
        "odds working for you while you wait to hear back."
    )
with st.expander("What counts as an interview here"):
    st.markdown(DRAW_RULES)

st.subheader("Am I on track?")
if top.interviews == 0:
    st.caption(
        "This chart fills in once an interview has been decided (an offer, a no, or silence "
        "after an interview)."
    )
else:
    st.plotly_chart(charts.on_track(data.track))
    st.caption(
        "The shaded band is where 8 in 10 candidates with the same interviews would be; "
        "the dashed line is the average. " + top.standing
    )

st.subheader("Where do my applications go?")
if data.flow.empty:
    st.caption("This fills in once you have applied somewhere.")
else:
    st.plotly_chart(charts.flow_sankey(data.flow))
    st.caption("Counted from each application's history, so every step it reached counts.")

st.subheader("Where do applications stop?")
st.plotly_chart(charts.conversion_bars(data.conversion))
st.caption(
    "Each bar counts only applications that have been decided at that step. With fewer than "
    "5, a rate would say more about chance than about you, so none is shown."
)


st.subheader("Enough eggs in the basket?")
if data.weekly.empty:
    st.caption("This fills in once you have applied somewhere.")
else:
    st.plotly_chart(charts.pipeline_over_time(data.weekly, THIN_AT))
    st.caption(
        f"Bars are applications sent each week; the line is how many were live. Below "
        f"{THIN_AT} live, each answer weighs more, so it's a good moment to send a few more."
    )

st.subheader("Which sources work for me?")
if data.by_source.empty:
    st.caption("This fills in once you have applied somewhere.")
else:
    counts = data.by_source["applications"].map(lambda n: f" ({plural(n, 'application')})")
    by_source = data.by_source.assign(group=data.by_source["group"].map(source_label) + counts)
    st.plotly_chart(charts.outcomes_by_group(by_source))
    st.caption(
        "Shares of each source's applications. A source with only a few applications can "
        "swing a long way on one answer, so read small ones lightly."
    )

st.subheader("Do jobs that fit me go better?")
if data.by_fit.empty:
    st.caption(
        "Rate how well a job fitted what matters to you when you write a reflection, and "
        "this compares how those applications went."
    )
else:
    counts = data.by_fit["applications"].map(lambda n: f" ({plural(n, 'application')})")
    by_fit = data.by_fit.assign(group="Fit " + data.by_fit["group"].astype(str) + "/5" + counts)
    st.plotly_chart(charts.outcomes_by_group(by_fit))
    st.caption(
        "Only applications you reflected on have a fit score, so read this with the counts in mind."
    )
