"""Chart builders for the insights page: a DataFrame in, a Plotly figure out, one shared style.

Colours are the Okabe-Ito palette, safe for colour-blind readers and legible on Streamlit's
light and dark themes; backgrounds are transparent and text colour is left to the theme.
Fonts are large enough to read on a shared screen.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from bounceback.insights import FLOW_LEVELS, FLOW_NODES, STILL_WAITING, node_counts


def _inert(text: object) -> str:
    """User or advisor text for a chart: plotly reads <b>, <a> and <br> in labels as markup."""
    return html.escape(str(text), quote=False)


PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "grey": "#999999",
}
# Each meaning keeps its colour on every chart, so a reader learns it once.
MEANING: dict[str, str] = {
    "you": PALETTE["blue"],
    "baseline": PALETTE["orange"],
    "band": PALETTE["sky"],
    "offer": PALETTE["green"],
    "rejected": PALETTE["vermillion"],
    "ghosted": PALETTE["grey"],
    "withdrawn": PALETTE["purple"],
    "waiting": PALETTE["yellow"],
}
FONT_SIZE: dict[str, int] = {"base": 16, "title": 20, "tick": 14}
# Streamlit's own body text in each theme: labels drawn over pale fills need full contrast,
# not the theme's faded chart grey.
INK: dict[str, str] = {"light": "#31333F", "dark": "#FAFAFA"}
TOO_FEW = "too few to tell"

_NODE_COLOURS: dict[str, str] = {
    **dict.fromkeys(FLOW_LEVELS, MEANING["you"]),
    "Offer": MEANING["offer"],
    "Rejected": MEANING["rejected"],
    "Ghosted": MEANING["ghosted"],
    "Withdrawn": MEANING["withdrawn"],
    STILL_WAITING: MEANING["waiting"],
}
# Points a line sends at most: about one per pixel column of a chart as wide as a screen.
LINE_CAP = 400
# Interviews up to which the user's track marks each one with a dot.
DOT_LIMIT = 100
# Bars or points the other builders send at most; past these they keep the latest or largest.
WEEK_CAP = 520
MONTH_CAP = 60
GROUP_CAP = 12
THEME_CAP = 30
CONFIDENCE_CAP = 60
# A page's headline chart: short enough that the numbers above it and the sentence under it
# share one 1280x720 screen with it.
HEADLINE_HEIGHT = 300
# The Sankey's right margin, in pixels: room for the next-to-last column's label.
SANKEY_RIGHT = 80
# A short bar for steps without a rate, long enough to carry its label.
_STUB = 0.03
# How far a group's rates get: (column, count, legend name, colour).
_RATES = (
    ("heard_back_rate", "heard_back", "Heard back", PALETTE["sky"]),
    ("interview_rate", "interviews", "Reached an interview", MEANING["you"]),
    ("offer_rate", "offers", "Offer", MEANING["offer"]),
)


def translucent(colour: str, alpha: float) -> str:
    """A palette colour see-through, for fills that must not hide the lines behind them."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def blank(height: int = 10) -> go.Figure:
    """A chart with nothing in it, drawn out of sight so a browser loads the chart library
    before the first real chart needs it. No traces, no axes, no margins; plotly draws
    nothing shorter than 10 px."""
    fig = go.Figure()
    fig.update_layout(
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="rgba(0, 0, 0, 0)",
        plot_bgcolor="rgba(0, 0, 0, 0)",
        xaxis={"visible": False},
        yaxis={"visible": False},
        showlegend=False,
    )
    return fig


def _styled(fig: go.Figure, title: str, x_title: str = "", y_title: str = "") -> go.Figure:
    """Apply the one house style: big type, transparent ground, legend clear of the plot."""
    fig.update_layout(
        title={"text": title, "font": {"size": FONT_SIZE["title"]}},
        font={"size": FONT_SIZE["base"]},
        paper_bgcolor="rgba(0, 0, 0, 0)",
        plot_bgcolor="rgba(0, 0, 0, 0)",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"font": {"size": FONT_SIZE["base"]}},
        margin={"l": 20, "r": 20, "t": 90 if title else 40, "b": 20},
    )
    for axis, text in ((fig.update_xaxes, x_title), (fig.update_yaxes, y_title)):
        axis(
            title={"text": text, "font": {"size": FONT_SIZE["base"]}},
            tickfont={"size": FONT_SIZE["tick"]},
        )
    return fig


def step_rows(x: np.ndarray, y: np.ndarray, cap: int = LINE_CAP) -> np.ndarray:
    """The rows a step line (shape "hv") needs: its first, each change and its last.

    Up to `cap` changes that draws exactly the same line. Beyond it, x is cut into `cap`
    equal slices and each keeps its last change, so the line is never off by more than what
    it rises within one slice: about a pixel on a chart as wide as a screen.
    """
    if len(y) <= 2:
        return np.arange(len(y))
    changed = np.flatnonzero(np.diff(y) != 0) + 1
    rows = np.unique(np.concatenate(([0], changed, [len(y) - 1])))
    return _capped(x, rows, cap)


def line_rows(x: np.ndarray, y: np.ndarray, cap: int = LINE_CAP) -> np.ndarray:
    """The rows a straight-segment line needs: its ends and each bend, at most `cap` + 1.

    A row where the slope does not change lies on the line between its neighbours, so
    leaving it out draws the same line; past `cap` bends, each slice of x keeps its last.
    """
    if len(y) <= 2:
        return np.arange(len(y))
    slopes = np.diff(y) / np.where(np.diff(x) == 0, 1, np.diff(x))
    bends = np.flatnonzero(~np.isclose(np.diff(slopes), 0.0, rtol=1e-9, atol=1e-12)) + 1
    rows = np.unique(np.concatenate(([0], bends, [len(y) - 1])))
    return _capped(x, rows, cap)


def _capped(x: np.ndarray, rows: np.ndarray, cap: int) -> np.ndarray:
    """At most `cap` + 1 of `rows`: the first, then the last of each of `cap` slices of x."""
    if len(rows) <= cap + 1:
        return rows
    span = float(x[rows[-1]] - x[rows[0]]) or 1.0
    slices = np.floor((x[rows] - x[rows[0]]) * (cap - 1) / span).astype(np.int64)
    last_of_slice = np.append(slices[1:] != slices[:-1], True)
    return np.unique(np.concatenate(([rows[0]], rows[last_of_slice])))


def on_track(track_df: pd.DataFrame, title: str = "") -> go.Figure:
    """The user's offers after each interview beside where most candidates would be.

    Sends at most LINE_CAP + 1 points a line: the band's edges and the user's steps only
    where they change, the expected line only where it bends (see step_rows, line_rows).
    Up to DOT_LIMIT interviews the user's line marks every one; past it the dots would
    merge into a smear, and the line alone carries the record. Each axis has about ten ticks.
    """
    x = track_df["draws"].to_numpy()
    low, high = track_df["low"].to_numpy(), track_df["high"].to_numpy()
    expected, offers = track_df["expected"].to_numpy(), track_df["offers"].to_numpy()
    low_rows, high_rows = step_rows(x, low), step_rows(x, high)
    expected_rows = line_rows(x, expected)
    dotted = len(x) <= DOT_LIMIT
    you_rows = np.arange(len(x)) if dotted else step_rows(x, offers)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=x[low_rows],
            y=low[low_rows],
            mode="lines",
            line={"width": 0, "shape": "hv", "color": MEANING["band"]},
            hoverinfo="skip",
            showlegend=False,
            name="Fewest offers most candidates have",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x[high_rows],
            y=high[high_rows],
            mode="lines",
            fill="tonexty",
            fillcolor=translucent(MEANING["band"], 0.3),
            line={"width": 0, "shape": "hv", "color": MEANING["band"]},
            customdata=low[high_rows],
            hovertemplate="After %{x} interviews, most candidates have "
            "%{customdata} to %{y} offers<extra></extra>",
            name="Where most candidates are (8 in 10)",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x[expected_rows],
            y=expected[expected_rows],
            mode="lines",
            line={"color": MEANING["baseline"], "dash": "dash", "width": 3},
            hovertemplate="After %{x} interviews, %{y:.1f} offers expected<extra></extra>",
            name="Expected at the baseline",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x[you_rows],
            y=offers[you_rows],
            mode="lines+markers" if dotted else "lines",
            line={"color": MEANING["you"], "shape": "hv", "width": 4},
            marker={"color": MEANING["you"], "size": 9},
            hovertemplate="After %{x} interviews, you had %{y} offers<extra></extra>",
            name="You",
        )
    )
    fig = _styled(fig, title, "Interviews that have closed", "Offers")
    fig.update_layout(height=HEADLINE_HEIGHT)
    fig.update_xaxes(rangemode="tozero", dtick=max(1, int(track_df["draws"].max()) // 10))
    # Whole offers, about ten ticks: one a tick would draw a thousand gridlines on a long record.
    top = int(max(track_df["high"].max(), track_df["offers"].max()))
    fig.update_yaxes(rangemode="tozero", dtick=max(1, -(-top // 10)))
    return fig


def flow_sankey(links_df: pd.DataFrame, title: str = "", dark: bool = False) -> go.Figure:
    """Where applications went, from applying to an offer, with drop-outs in their colours.

    Each label carries its count ("Interview 1 · 11"), so the chart reads without a hover
    and can be drawn static; labels are the theme's full-contrast ink, not its faded grey.
    Capped by its nodes: at most one link for each pair of the FLOW_NODES.
    """
    used = set(links_df["source"]) | set(links_df["target"])
    nodes = [node for node in FLOW_NODES if node in used]
    counts = node_counts(links_df)
    position = {node: index for index, node in enumerate(nodes)}
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={
                "label": [f"{node} · {counts[node]}" for node in nodes],
                "color": [_NODE_COLOURS[node] for node in nodes],
                "pad": 18,
                "thickness": 22,
                "line": {"width": 0},
                "hovertemplate": "%{label}<extra></extra>",
            },
            link={
                "source": links_df["source"].map(position).tolist(),
                "target": links_df["target"].map(position).tolist(),
                "value": links_df["value"].tolist(),
                "color": [translucent(_NODE_COLOURS[t], 0.35) for t in links_df["target"]],
                "hovertemplate": "%{source.label} → %{target.label}: "
                "%{value} applications<extra></extra>",
            },
            textfont={"size": FONT_SIZE["base"], "color": INK["dark" if dark else "light"]},
        )
    )
    # Taller than the default so the drop-out labels on the right have room apart.
    fig = _styled(fig, title)
    # Labels of all but the last column run right of their node: on a 390 px phone the one
    # next to last ("Interview 3+ · 12") needs this much room before the chart's edge.
    fig.update_layout(height=540, margin={"r": SANKEY_RIGHT})
    return fig


def flow_funnel(links_df: pd.DataFrame, title: str = "") -> go.Figure:
    """How far applications got, one row a step: the flow for a phone, where a Sankey's
    labels crowd one another. Where the rest went is the sentence under it.

    Capped by its steps: one bar for each of the FLOW_LEVELS reached.
    """
    counts = node_counts(links_df)
    levels = [level for level in FLOW_LEVELS if counts[level]]
    fig = go.Figure(
        go.Funnel(
            y=levels,
            x=[counts[level] for level in levels],
            textinfo="value",
            marker={"color": [_NODE_COLOURS[level] for level in levels]},
            connector={"fillcolor": translucent(MEANING["you"], 0.2), "line": {"width": 0}},
            hovertemplate="%{y}: %{x} applications<extra></extra>",
        )
    )
    fig = _styled(fig, title)
    fig.update_layout(height=max(240, 48 * len(levels) + 80), showlegend=False)
    return fig


def conversion_bars(conv_df: pd.DataFrame, title: str = "") -> go.Figure:
    """How often each step led further, with a grey stub where the numbers are too few.

    Capped by its steps: one bar for each of the CONVERSION_STEPS.
    """
    known = conv_df[conv_df["enough"]]
    unknown = conv_df[~conv_df["enough"]]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=known["rate"],
            y=known["step"],
            orientation="h",
            marker={"color": MEANING["you"]},
            text=[
                f"{rate:.0%} (n = {n})" for rate, n in zip(known["rate"], known["n"], strict=True)
            ],
            # Inside a bar past half way, after a shorter one: on a phone a long bar leaves no
            # room for its label after it.
            textposition=["inside" if rate >= 0.5 else "outside" for rate in known["rate"]],
            insidetextanchor="end",
            customdata=known[["moved_on", "n"]],
            hovertemplate="%{y}: %{customdata[0]} of %{customdata[1]} moved on<extra></extra>",
            name="Moved on",
        )
    )
    fig.add_trace(
        go.Bar(
            x=[_STUB] * len(unknown),
            y=unknown["step"],
            orientation="h",
            marker={"color": PALETTE["grey"]},
            text=[f"{TOO_FEW} (n = {n})" for n in unknown["n"]],
            textposition="outside",
            hovertemplate="%{y}: %{text}<extra></extra>",
            name=TOO_FEW.capitalize(),
        )
    )
    fig = _styled(fig, title, "Share that moved on", "")
    fig.update_layout(barmode="overlay", showlegend=False)
    fig.update_xaxes(range=[0, 1.3], tickformat=".0%", tickvals=[0, 0.25, 0.5, 0.75, 1])
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=list(conv_df["step"]),
        autorange="reversed",
        ticklabelstandoff=10,
    )
    return fig


def pipeline_over_time(weekly_df: pd.DataFrame, thin_at: int, title: str = "") -> go.Figure:
    """Applications sent each week and how many were live, with the thin zone gently shaded.

    Sends one bar and one point a week, the latest WEEK_CAP weeks (ten years) at most.
    """
    weekly_df = weekly_df.tail(WEEK_CAP)
    fig = go.Figure()
    fig.add_hrect(
        y0=0,
        y1=thin_at,
        fillcolor=translucent(MEANING["waiting"], 0.2),
        line={"width": 0},
        layer="below",
        annotation={
            "text": f"Fewer than {thin_at} live",
            "font": {"size": FONT_SIZE["tick"]},
        },
        annotation_position="top left",
    )
    fig.add_trace(
        go.Bar(
            x=weekly_df["week"],
            y=weekly_df["sent"],
            marker={"color": MEANING["band"]},
            hovertemplate="Week of %{x|%d %b}: %{y} sent<extra></extra>",
            name="Sent that week",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=weekly_df["week"],
            y=weekly_df["live"],
            mode="lines+markers",
            line={"color": MEANING["you"], "width": 3},
            marker={"color": MEANING["you"], "size": 8},
            hovertemplate="End of the week of %{x|%d %b}: %{y} live<extra></extra>",
            name="Live at the week's end",
        )
    )
    fig = _styled(fig, title, "Week starting", "Applications")
    fig.update_yaxes(rangemode="tozero")
    return fig


def outcomes_by_group(outcomes_df: pd.DataFrame, title: str = "") -> go.Figure:
    """How far applications got in each group, side by side, with the counts in the hover.

    Sends three bars a group for the GROUP_CAP groups with the most applications at most.
    """
    if len(outcomes_df) > GROUP_CAP:
        outcomes_df = outcomes_df.sort_values("applications", ascending=False, kind="stable")
        outcomes_df = outcomes_df.head(GROUP_CAP).sort_index()
    groups = outcomes_df["group"].astype(str)
    fig = go.Figure()
    for rate, count, name, colour in _RATES:
        fig.add_trace(
            go.Bar(
                x=groups,
                y=outcomes_df[rate],
                marker={"color": colour},
                customdata=outcomes_df[[count, "applications"]],
                hovertemplate=f"%{{x}}: %{{customdata[0]}} of %{{customdata[1]}} "
                f"({name.lower()}, %{{y:.0%}})<extra></extra>",
                name=name,
            )
        )
    fig = _styled(fig, title, "", "Share of applications")
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    return fig


def _outcome_colour(stage: str) -> str:
    """The colour of how an application ended; still open reads as waiting."""
    if stage in ("offer", "accepted"):
        return MEANING["offer"]
    return MEANING.get(stage, MEANING["waiting"])


def confidence_over_time(confidence_df: pd.DataFrame, title: str = "") -> go.Figure:
    """Confidence before and after each interview, each marked with how it turned out.

    Sends two points an interview for the latest CONFIDENCE_CAP interviews at most.
    """
    confidence_df = confidence_df.tail(CONFIDENCE_CAP)
    fig = go.Figure()
    for column, name, colour, dash in (
        ("before", "Before", MEANING["band"], "dot"),
        ("after", "After", MEANING["you"], "solid"),
    ):
        fig.add_trace(
            go.Scatter(
                x=confidence_df["written_on"],
                y=confidence_df[column],
                name=f"Confidence {name.lower()}",
                mode="lines+markers",
                line={"color": colour, "dash": dash, "width": 3},
                marker={
                    "size": 12,
                    "color": [_outcome_colour(stage) for stage in confidence_df["outcome"]],
                    "line": {"color": colour, "width": 2},
                },
                customdata=confidence_df[["company", "outcome"]].map(_inert).to_numpy(),
                hovertemplate=f"{name}: %{{y}}/10<br>%{{customdata[0]}}, "
                "%{customdata[1]}<extra></extra>",
            )
        )
    for outcome, label in _OUTCOME_LEGEND.items():
        if confidence_df["outcome"].map(_outcome_label).eq(outcome).any():
            # A legend entry only: it says what each marker's colour means.
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    name=label,
                    marker={"size": 12, "color": _outcome_colour(outcome)},
                    legendgroup="outcome",
                    hoverinfo="skip",
                )
            )
    fig = _styled(fig, title, "", "Confidence (1 to 10)")
    fig.update_yaxes(range=[0.5, 10.5], dtick=1)
    # Dates, never clock times: a few days (or one reflection) get a week either side.
    fig.update_xaxes(type="date", tickformat="%d %b %Y")
    days = pd.to_datetime(confidence_df["written_on"])
    if not days.empty and days.max() - days.min() < pd.Timedelta(days=14):
        fig.update_xaxes(
            range=[days.min() - pd.Timedelta(days=7), days.max() + pd.Timedelta(days=7)]
        )
    return fig


_OUTCOME_LEGEND = {
    "offer": "Ended in an offer",
    "rejected": "Ended in a no",
    "ghosted": "No reply",
    "withdrawn": "You stepped out",
    "waiting": "Still open",
}


def _outcome_label(stage: str) -> str:
    """Which legend entry a stage's marker colour belongs to."""
    if stage in ("offer", "accepted"):
        return "offer"
    return stage if stage in _OUTCOME_LEGEND else "waiting"


SOURCE_COLOURS = {"employer": MEANING["you"], "own": MEANING["baseline"]}
_SERIES = [PALETTE[name] for name in ("blue", "orange", "green", "vermillion", "purple", "sky")]
_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star")
_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")


def _whole_ticks(top: float) -> dict[str, object]:
    """Axis settings for counts: whole-number ticks (never 0.5), about eight at most."""
    return {"rangemode": "tozero", "tick0": 0, "dtick": max(1, -(-int(top or 0) // 8))}


def theme_counts(
    counts_df: pd.DataFrame,
    labels: dict[str, str],
    sources: dict[str, str],
    title: str = "",
    shown: int = THEME_CAP,
) -> go.Figure:
    """How often each theme came up, most common on top, split by who said it.

    Sends a bar a theme and source for the `shown` (at most THEME_CAP) most common themes.
    """
    # Ties keep the order they come in, as the page's sentence reads them; bottom-up for plotly.
    order = (
        counts_df.groupby("theme", sort=False)["count"]
        .sum()
        .sort_values(ascending=False, kind="stable")
        .index[: min(shown, THEME_CAP)][::-1]
    )
    fig = go.Figure()
    for source, name in sources.items():
        part = counts_df[counts_df["source"] == source].set_index("theme").reindex(order)
        fig.add_trace(
            go.Bar(
                y=[_inert(labels.get(theme, theme)) for theme in order],
                x=part["count"].fillna(0).astype(int),
                name=name,
                orientation="h",
                marker={"color": SOURCE_COLOURS[source]},
                hovertemplate="%{y}: %{x}<extra>" + name + "</extra>",
            )
        )
    fig.update_layout(barmode="stack", height=max(240, 32 * len(order) + 90))
    totals = counts_df.groupby("theme")["count"].sum()
    fig = _styled(fig, title, "Times it came up", "")
    fig.update_xaxes(**_whole_ticks(totals.max() if len(totals) else 0))
    return fig


def theme_trend(trend_df: pd.DataFrame, labels: dict[str, str], title: str = "") -> go.Figure:
    """Each top theme month by month: is it fading or growing?

    Sends a line for each of the first six themes, a point a month for the latest MONTH_CAP
    months (five years) at most.
    """
    if len(trend_df):
        months = pd.Series(trend_df["month"].unique()).sort_values()
        trend_df = trend_df[trend_df["month"].isin(months.tail(MONTH_CAP))]
    fig = go.Figure()
    themes = trend_df.groupby("theme", sort=False)
    for index, (colour, (theme, rows)) in enumerate(zip(_SERIES, themes, strict=False)):
        name = _inert(labels.get(theme, theme))
        # Lines that share a count would hide one another: each sits a few days to the side
        # of its month, with its own marker and dash, so all of them stay in view.
        side = pd.Timedelta(days=(index - (min(len(themes), len(_SERIES)) - 1) / 2) * 2.5)
        fig.add_trace(
            go.Scatter(
                x=pd.to_datetime(rows["month"]) + side,
                y=rows["count"],
                name=name,
                mode="lines+markers",
                line={"color": colour, "width": 3, "dash": _DASHES[index]},
                marker={"symbol": _SYMBOLS[index], "size": 10, "color": colour},
                customdata=pd.to_datetime(rows["month"]).dt.strftime("%b %Y"),
                hovertemplate="%{customdata}: %{y}<extra>" + name + "</extra>",
            )
        )
    fig = _styled(fig, title, "Month", "Times it came up")
    fig.update_xaxes(dtick="M1", tickformat="%b %Y")
    fig.update_yaxes(**_whole_ticks(trend_df["count"].max() if len(trend_df) else 0))
    return fig


def themes_by_stage(
    stage_df: pd.DataFrame, labels: dict[str, str], groups: tuple[str, ...], title: str = ""
) -> go.Figure:
    """Themes of early noes against late ones, side by side.

    Sends a bar a theme and group for the THEME_CAP most common themes at most.
    """
    if stage_df["theme"].nunique() > THEME_CAP:
        top = stage_df.groupby("theme")["count"].sum().nlargest(THEME_CAP).index
        stage_df = stage_df[stage_df["theme"].isin(top)]
    fig = go.Figure()
    for colour, group in zip(_SERIES, groups, strict=False):
        rows = stage_df[stage_df["stage_group"] == group]
        fig.add_trace(
            go.Bar(
                x=[_inert(labels.get(theme, theme)) for theme in rows["theme"]],
                y=rows["count"],
                name=group,
                marker={"color": colour},
                hovertemplate="%{x}: %{y}<extra>" + group + "</extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig = _styled(fig, title, "", "Times it came up")
    fig.update_yaxes(**_whole_ticks(stage_df["count"].max() if len(stage_df) else 0))
    return fig
