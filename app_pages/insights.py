"""Interviews versus offers: your record against the odds every candidate faces."""

import streamlit as st

from bounceback import charts
from bounceback.domain import Source
from bounceback.insights import DRAW_RULES, flow_reading
from bounceback.pipeline import source_label
from components.analysis import THIN_AT, interviews_report, patience
from components.state import (
    on_a_phone,
    revision_key,
    settings,
    summary,
    today,
)
from components.text import plural


def _percent(value: float) -> str:
    """A probability as a rounded percentage."""
    return f"{value:.0%}"


key = revision_key()
current = settings(key)
overview = summary(key)
heading, filters = st.columns([3, 1], vertical_alignment="bottom")
heading.title("Interviews and offers")
st.caption(
    f"About 1 interview in {current.baseline_pool} ends in an offer, for everyone. Am I on "
    "track? Here is your record next to those odds."
)

if overview.total == 0:
    st.info(
        "Nothing to compare yet. Once you add applications on the Pipeline page, this page "
        "shows how your interviews and offers sit against the usual odds."
    )
    st.stop()

# A popover beside the title, not an expander above the numbers: the story keeps its screen.
filtered = bool(st.session_state.get("insights:dates") or st.session_state.get("insights:sources"))
with filters.popover(
    "Filtered" if filtered else "Filter", icon=":material/filter_list:", width="stretch"
):
    period = st.date_input("Applied between", value=(), key="insights:dates", format="DD/MM/YYYY")
    chosen = st.multiselect(
        "Sources",
        [source.value for source in Source],
        format_func=source_label,
        key="insights:sources",
        placeholder="All sources",
    )
since, until = (*period, None, None)[:2] if isinstance(period, tuple) else (period, None)

data = interviews_report(key, current.baseline_pool, today(), since, until, tuple(chosen))
top = data.headline

# The story on one shared screen: the numbers, the chart that tells it, the sentence reading it.
with st.container(key="story"):
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
    if top.interviews == 0:
        st.info(top.standing)
        st.caption(
            "The chart of where you stand fills in once an interview has been decided (an "
            "offer, a no, or silence after an interview)."
        )
    else:
        st.plotly_chart(charts.on_track(data.track))
        st.markdown(
            f"**{top.standing}** The shaded band is where 8 in 10 candidates with the same "
            "interviews would be; the dashed line is the average."
        )

needed = top.needed
st.markdown(
    f"At 1 in {current.baseline_pool}, about **{needed[0.5]} interviews** give an even chance "
    f"of at least one offer, **{needed[0.8]}** give 80 %, and **{needed[0.9]}** give 90 %. "
    "Each interview is a fresh draw: a no doesn't make the next one less likely."
)
st.markdown("**Be patient, with numbers.** " + patience(key, current.baseline_pool, today()))
st.caption("Your pace is the interviews decided in the last 8 weeks, across all your applications.")
live_now = overview.live
if live_now < THIN_AT:
    st.markdown(
        f"You have {plural(live_now, 'application')} in play. Adding a few more keeps the "
        "odds working for you while you wait to hear back."
    )
with st.expander("What counts as an interview here"):
    st.markdown(DRAW_RULES)

# The rest, one view at a time: only the open tab runs and draws.
flow_tab, stops_tab, basket_tab, sources_tab, fit_tab = st.tabs(
    [
        "Where applications go",
        "Where they stop",
        "Enough in the basket?",
        "Which sources work",
        "Do fitting jobs go better?",
    ],
    key="insights:tab",
    on_change="rerun",
)

if flow_tab.open:
    if data.flow.empty:
        flow_tab.caption("This fills in once you have applied somewhere.")
    else:
        if on_a_phone():
            # A Sankey's labels crowd one another on a narrow screen: one row a step instead.
            flow_tab.plotly_chart(charts.flow_funnel(data.flow))
        else:
            dark = st.context.theme.type == "dark"
            # Static: the labels carry the counts, and plotly's 500 ms redraw animation goes.
            flow_tab.plotly_chart(
                charts.flow_sankey(data.flow, dark=dark), config={"staticPlot": True}
            )
        flow_tab.markdown(flow_reading(data.flow))
        flow_tab.caption(
            "Counted from each application's history, so every step it reached counts."
        )

if stops_tab.open:
    stops_tab.plotly_chart(charts.conversion_bars(data.conversion))
    stops_tab.caption(
        "Each bar counts only applications that have been decided at that step. With fewer "
        "than 5, a rate would say more about chance than about you, so none is shown."
    )

if basket_tab.open:
    if data.weekly.empty:
        basket_tab.caption("This fills in once you have applied somewhere.")
    else:
        basket_tab.plotly_chart(charts.pipeline_over_time(data.weekly, THIN_AT))
        basket_tab.caption(
            f"Bars are applications sent each week; the line is how many were live. Below "
            f"{THIN_AT} live, each answer weighs more, so it's a good moment to send a few more."
        )

if sources_tab.open:
    if data.by_source.empty:
        sources_tab.caption("This fills in once you have applied somewhere.")
    else:
        counts = data.by_source["applications"].map(lambda n: f" ({plural(n, 'application')})")
        by_source = data.by_source.assign(group=data.by_source["group"].map(source_label) + counts)
        sources_tab.plotly_chart(charts.outcomes_by_group(by_source))
        sources_tab.caption(
            "Shares of each source's applications. A source with only a few applications can "
            "swing a long way on one answer, so read small ones lightly."
        )

if fit_tab.open:
    if data.by_fit.empty:
        fit_tab.caption(
            "Rate how well a job fitted what matters to you when you write a reflection, and "
            "this compares how those applications went."
        )
    else:
        counts = data.by_fit["applications"].map(lambda n: f" ({plural(n, 'application')})")
        by_fit = data.by_fit.assign(group="Fit " + data.by_fit["group"].astype(str) + "/5" + counts)
        fit_tab.plotly_chart(charts.outcomes_by_group(by_fit))
        fit_tab.caption(
            "Only applications you reflected on have a fit score, so read this with the "
            "counts in mind."
        )
