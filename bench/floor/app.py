"""The benchmark's floor: a bare Streamlit page drawing 6 cached plotly figures, nothing else.

No database, no session set-up, no sidebar of our own: what any Streamlit page with six
small charts costs in the same browser, so the app's pages can be read as a ratio to it.
"""

import plotly.graph_objects as go
import streamlit as st

FIGURES = 6
POINTS = 30


@st.cache_resource
def figures() -> list[go.Figure]:
    """Six small figures, built once per process: the floor measures drawing, not building."""
    built = []
    for number in range(FIGURES):
        x = list(range(POINTS))
        y = [(value * (number + 3)) % 17 for value in x]
        trace = go.Bar(x=x, y=y) if number % 2 else go.Scatter(x=x, y=y, mode="lines+markers")
        built.append(go.Figure(trace, layout={"title": {"text": f"Figure {number + 1}"}}))
    return built


def start() -> None:
    """Where every visit starts: nothing to draw."""
    st.title("Start")


def floor() -> None:
    """The six figures, one after another as a dashboard page would show them."""
    st.title("Floor")
    for figure in figures():
        st.plotly_chart(figure)


st.navigation(
    [st.Page(start, title="Start", default=True), st.Page(floor, title="Floor", url_path="floor")]
).run()
