"""Chart builders: the right traces, the input's numbers, one palette, type big enough to share."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from bounceback.charts import (
    CONFIDENCE_CAP,
    DOT_LIMIT,
    FONT_SIZE,
    GROUP_CAP,
    INK,
    LINE_CAP,
    MEANING,
    MONTH_CAP,
    PALETTE,
    THEME_CAP,
    TOO_FEW,
    WEEK_CAP,
    blank,
    confidence_over_time,
    conversion_bars,
    flow_funnel,
    flow_sankey,
    on_track,
    outcomes_by_group,
    pipeline_over_time,
    theme_counts,
    theme_trend,
    themes_by_stage,
    translucent,
)
from bounceback.insights import track

WEEK = date(2026, 11, 2)

TRACK = pd.DataFrame(
    {
        "draws": [0, 1, 2, 3],
        "offers": [0, 0, 1, 1],
        "expected": [0.0, 1 / 6, 2 / 6, 3 / 6],
        "low": [0, 0, 0, 0],
        "high": [0, 1, 1, 2],
        "closed_on": [None, WEEK, WEEK, WEEK],
    }
)
LINKS = pd.DataFrame(
    {
        "source": ["Applied", "Applied", "Heard back", "Heard back", "Interview 1"],
        "target": ["Heard back", "Ghosted", "Interview 1", "Rejected", "Offer"],
        "value": [5, 2, 3, 2, 3],
    }
)
CONVERSION = pd.DataFrame(
    {
        "step": ["Applied → heard back", "Interview → offer"],
        "n": [12, 3],
        "moved_on": [6, 1],
        "rate": [0.5, float("nan")],
        "enough": [True, False],
    }
)
WEEKLY = pd.DataFrame(
    {
        "week": [WEEK + timedelta(weeks=k) for k in range(3)],
        "sent": [4, 0, 2],
        "live": [4, 3, 5],
        "thin": [True, True, False],
    }
)
OUTCOMES = pd.DataFrame(
    {
        "group": ["job_board", "referral"],
        "applications": [10, 4],
        "heard_back": [5, 3],
        "interviews": [2, 2],
        "offers": [0, 1],
        "heard_back_rate": [0.5, 0.75],
        "interview_rate": [0.2, 0.5],
        "offer_rate": [0.0, 0.25],
    }
)

BUILDERS: dict[str, Callable[[], go.Figure]] = {
    "on track": lambda: on_track(TRACK),
    "flow": lambda: flow_sankey(LINKS),
    "flow on a phone": lambda: flow_funnel(LINKS),
    "conversion": lambda: conversion_bars(CONVERSION),
    "over time": lambda: pipeline_over_time(WEEKLY, thin_at=5),
    "by group": lambda: outcomes_by_group(OUTCOMES, "By source"),
}
_COLOUR = re.compile(r"^(#[0-9A-Fa-f]{6}|rgba?\(.*\))$")


def colours(node: object) -> Iterator[str]:
    """Every colour string anywhere in a figure's JSON."""
    if isinstance(node, dict):
        for value in node.values():
            yield from colours(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from colours(value)
    elif isinstance(node, str) and _COLOUR.match(node):
        yield node


def fonts(node: object) -> Iterator[dict]:
    """Every font setting anywhere in a figure's JSON."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("font") and isinstance(value, dict):
                yield value
            yield from fonts(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from fonts(value)


def own_style(figure: go.Figure) -> dict:
    """The figure without its template: the template is the theme's, which Streamlit swaps."""
    spec = figure.to_plotly_json()
    spec["layout"].pop("template", None)
    return spec


def as_hex(colour: str) -> str | None:
    """A colour as upper-case hex, or None when it is fully transparent."""
    if colour.startswith("#"):
        return colour.upper()
    parts = [float(part) for part in colour[colour.index("(") + 1 : -1].split(",")]
    if len(parts) == 4 and parts[3] == 0:
        return None
    return "#" + "".join(f"{int(part):02X}" for part in parts[:3])


@pytest.mark.parametrize("name", BUILDERS)
def test_every_colour_comes_from_the_palette(name: str) -> None:
    used = {as_hex(colour) for colour in colours(own_style(BUILDERS[name]()))}
    allowed = {colour.upper() for colour in (*PALETTE.values(), *INK.values())}
    assert used - {None} <= allowed


@pytest.mark.parametrize("name", BUILDERS)
def test_charts_read_well_on_a_shared_screen_in_either_theme(name: str) -> None:
    figure = BUILDERS[name]()
    layout = figure.layout
    assert layout.font.size == FONT_SIZE["base"]
    assert layout.title.font.size == FONT_SIZE["title"]
    assert layout.paper_bgcolor == layout.plot_bgcolor == "rgba(0, 0, 0, 0)"
    # Text takes the theme's colour; only the Sankey's labels, over pale fills, take its ink.
    inked = [font["color"] for font in fonts(own_style(figure)) if "color" in font]
    assert inked == ([INK["light"]] if name == "flow" else [])


def test_the_palette_maps_eight_meanings_to_eight_colours() -> None:
    assert len(PALETTE) == len(set(MEANING.values())) == 8
    assert translucent(PALETTE["blue"], 0.5) == "rgba(0, 114, 178, 0.5)"


def test_the_track_shows_the_band_the_baseline_and_the_users_path() -> None:
    figure = on_track(TRACK)
    low, high, expected, you = figure.data
    assert [trace.type for trace in figure.data] == ["scatter"] * 4
    draws = TRACK["draws"].to_numpy()
    assert drawn_step(low, draws).tolist() == TRACK["low"].tolist()
    assert drawn_step(high, draws).tolist() == TRACK["high"].tolist()
    assert high.fill == "tonexty"
    assert drawn_line(expected, draws) == pytest.approx(TRACK["expected"].tolist())
    assert list(you.y) == TRACK["offers"].tolist()
    assert you.line.shape == "hv"
    assert you.line.color == MEANING["you"]
    assert expected.line.color == MEANING["baseline"]
    assert figure.layout.xaxis.title.text
    assert figure.layout.yaxis.title.text == "Offers"
    assert figure.layout.xaxis.tickfont.size == FONT_SIZE["tick"]


def drawn_step(trace: go.Scatter, at: np.ndarray) -> np.ndarray:
    """Where a step line (shape "hv") stands at each x: the y of the last point at or before it."""
    x, y = np.asarray(trace.x), np.asarray(trace.y)
    return y[np.searchsorted(x, at, side="right") - 1]


def drawn_line(trace: go.Scatter, at: np.ndarray) -> np.ndarray:
    """Where a straight-segment line stands at each x."""
    return np.interp(at, np.asarray(trace.x), np.asarray(trace.y, dtype=float))


def long_track(interviews: int, offer_every: int) -> pd.DataFrame:
    """A record of many interviews with pools of 4 to 8, through the real track maths."""
    return track(
        pd.DataFrame(
            {
                "application_id": range(1, interviews + 1),
                "closed_on": [WEEK] * interviews,
                "pool_size": [4 + index % 5 for index in range(interviews)],
                "offer": [index % offer_every == 0 for index in range(interviews)],
            }
        ),
        max_points=interviews + 1,
    )


def test_the_track_sends_only_its_changes_and_draws_the_same_shape() -> None:
    path = long_track(350, offer_every=9)
    figure = on_track(path)
    draws = path["draws"].to_numpy()
    low, high, expected, you = figure.data
    # Under the cap every step and bend is kept, so the lines stand where they did everywhere.
    for trace, column in ((low, "low"), (high, "high"), (you, "offers")):
        assert len(trace.x) < len(path)
        assert trace.x[-1] == draws[-1]
        assert drawn_step(trace, draws).tolist() == path[column].tolist()
    assert drawn_line(expected, draws) == pytest.approx(path["expected"].to_numpy())
    # The hover of the band still gives the true lower edge where it is sent.
    lows = path.set_index("draws")["low"]
    assert list(high.customdata) == lows.loc[list(high.x)].tolist()
    # Past DOT_LIMIT interviews the user's track is a line, without one dot per interview.
    assert you.mode == "lines"


def test_a_very_long_track_is_capped_and_off_by_at_most_one_slice() -> None:
    path = long_track(6_000, offer_every=3)
    figure = on_track(path)
    draws = path["draws"].to_numpy()
    width = draws[-1] / (LINE_CAP - 1)
    for trace, column in zip(figure.data, ("low", "high", "expected", "offers"), strict=True):
        assert len(trace.x) <= LINE_CAP + 1
        assert (trace.x[0], trace.x[-1]) == (draws[0], draws[-1])
        full = path[column].to_numpy(dtype=float)
        draw = drawn_line if column == "expected" else drawn_step
        error = np.abs(draw(trace, draws) - full)
        # Never further off than the line rises within one slice of the x axis.
        rise = full - np.interp(draws - width, draws, full)
        assert (error <= rise + 1e-9).all()
        assert draw(trace, draws[-1:])[0] == pytest.approx(full[-1])
    # About ten whole-offer ticks on each axis, however long the record.
    top = path[["high", "offers"]].max().max()
    assert top / figure.layout.yaxis.dtick <= 10
    assert draws[-1] / figure.layout.xaxis.dtick <= 11


def test_a_short_track_marks_every_interview() -> None:
    path = long_track(DOT_LIMIT - 1, offer_every=4)
    you = on_track(path).data[3]
    assert you.mode == "lines+markers"
    assert list(you.x) == path["draws"].tolist()


def test_the_track_draws_with_a_single_point() -> None:
    figure = on_track(TRACK.head(1))
    assert [len(trace.x) for trace in figure.data] == [1] * 4


def test_the_flow_keeps_the_link_values_and_colours_nodes_by_meaning() -> None:
    (sankey,) = flow_sankey(LINKS).data
    assert sankey.type == "sankey"
    labels = [label.split(" · ")[0] for label in sankey.node.label]
    assert labels == ["Applied", "Heard back", "Interview 1", "Offer", "Rejected", "Ghosted"]
    assert list(sankey.link.value) == LINKS["value"].tolist()
    pairs = [
        (labels[s], labels[t]) for s, t in zip(sankey.link.source, sankey.link.target, strict=True)
    ]
    assert pairs == list(zip(LINKS["source"], LINKS["target"], strict=True))
    colour = dict(zip(labels, sankey.node.color, strict=True))
    assert colour["Applied"] == colour["Interview 1"] == MEANING["you"]
    assert colour["Offer"] == MEANING["offer"]
    assert colour["Rejected"] == MEANING["rejected"]
    assert colour["Ghosted"] == MEANING["ghosted"]


def test_the_flow_labels_carry_their_counts_so_no_hover_is_needed() -> None:
    (sankey,) = flow_sankey(LINKS).data
    assert list(sankey.node.label) == [
        "Applied · 7",
        "Heard back · 5",
        "Interview 1 · 3",
        "Offer · 3",
        "Rejected · 2",
        "Ghosted · 2",
    ]


def test_the_flow_on_a_phone_has_a_row_for_each_step_reached_with_its_count() -> None:
    (funnel,) = flow_funnel(LINKS).data
    assert funnel.type == "funnel"
    assert list(funnel.y) == ["Applied", "Heard back", "Interview 1", "Offer"]
    assert list(funnel.x) == [7, 5, 3, 3]
    assert funnel.marker.color[-1] == MEANING["offer"]


def test_the_flow_labels_are_dark_on_light_and_light_on_dark() -> None:
    light = flow_sankey(LINKS).data[0].textfont.color
    dark = flow_sankey(LINKS, dark=True).data[0].textfont.color
    assert (light, dark) == (INK["light"], INK["dark"])
    # Streamlit's chart grey is rgb(128, 132, 149); body ink is far darker, or far lighter.
    assert sum(int(light[i : i + 2], 16) for i in (1, 3, 5)) < 3 * 80
    assert sum(int(dark[i : i + 2], 16) for i in (1, 3, 5)) > 3 * 230


def test_a_step_with_too_few_gets_a_grey_stub_not_a_rate() -> None:
    rates, stubs = conversion_bars(CONVERSION).data
    assert rates.orientation == stubs.orientation == "h"
    assert list(rates.y) == ["Applied → heard back"]
    assert list(rates.x) == [0.5]
    assert "n = 12" in rates.text[0]
    assert list(stubs.y) == ["Interview → offer"]
    assert stubs.marker.color == PALETTE["grey"]
    assert list(stubs.text) == [f"{TOO_FEW} (n = 3)"]
    assert stubs.x[0] < 0.1


def test_a_long_stop_rate_bar_holds_its_label_inside_so_a_phone_never_cuts_it() -> None:
    steps = CONVERSION.assign(rate=[0.96, 0.2], enough=[True, True])
    (rates, _stubs) = conversion_bars(steps).data
    assert list(rates.textposition) == ["inside", "outside"]


def test_the_pipeline_shows_weekly_sends_live_counts_and_the_thin_zone() -> None:
    figure = pipeline_over_time(WEEKLY, thin_at=5)
    sent, live = figure.data
    assert (sent.type, live.type) == ("bar", "scatter")
    assert list(sent.y) == WEEKLY["sent"].tolist()
    assert list(live.y) == WEEKLY["live"].tolist()
    (zone,) = figure.layout.shapes
    assert (zone.y0, zone.y1) == (0, 5)
    assert "Fewer than 5 live" in figure.layout.annotations[0].text


def test_outcomes_by_group_shows_three_rates_per_group_with_counts() -> None:
    figure = outcomes_by_group(OUTCOMES, "By source")
    assert [trace.type for trace in figure.data] == ["bar"] * 3
    assert figure.layout.barmode == "group"
    assert figure.layout.title.text == "By source"
    heard, interview, offer = figure.data
    assert list(heard.y) == [0.5, 0.75]
    assert list(offer.y) == [0.0, 0.25]
    assert offer.marker.color == MEANING["offer"]
    assert [list(row) for row in interview.customdata] == [[2, 10], [2, 4]]


@pytest.mark.parametrize(
    "build",
    [
        lambda: conversion_bars(CONVERSION.head(1)),
        lambda: conversion_bars(CONVERSION.tail(1)),
        lambda: flow_sankey(LINKS.head(1)),
        lambda: pipeline_over_time(WEEKLY.head(1), thin_at=5),
        lambda: outcomes_by_group(OUTCOMES.head(1), "By fit"),
    ],
    ids=["only rates", "only too few", "one link", "one week", "one group"],
)
def test_one_row_is_enough_to_draw(build: Callable[[], go.Figure]) -> None:
    assert build().data


def test_confidence_over_time_draws_before_and_after_with_outcome_markers() -> None:
    data = pd.DataFrame(
        {
            "written_on": [date(2026, 9, 1), date(2026, 10, 1)],
            "before": [3, 5],
            "after": [6, 7],
            "outcome": ["rejected", "offer"],
            "company": ["A", "B"],
        }
    )
    figure = confidence_over_time(data)
    assert [trace.name for trace in figure.data] == [
        "Confidence before",
        "Confidence after",
        "Ended in an offer",
        "Ended in a no",
    ]
    assert list(figure.data[1].y) == [6, 7]
    assert list(figure.data[1].marker.color) == [MEANING["rejected"], MEANING["offer"]]
    # The legend says what the marker colours mean.
    assert [trace.marker.color for trace in figure.data[2:]] == [
        MEANING["offer"],
        MEANING["rejected"],
    ]
    assert figure.layout.yaxis.range == (0.5, 10.5)


def test_confidence_over_time_with_one_reflection_shows_dates_not_clock_times() -> None:
    data = pd.DataFrame(
        {
            "written_on": [date(2026, 9, 1)],
            "before": [3],
            "after": [6],
            "outcome": ["interview"],
            "company": ["A"],
        }
    )
    axis = confidence_over_time(data).layout.xaxis
    assert axis.type == "date" and axis.tickformat == "%d %b %Y"
    low, high = (pd.Timestamp(end) for end in axis.range)
    assert (low, high) == (pd.Timestamp(2026, 8, 25), pd.Timestamp(2026, 9, 8))


LABELS = {"confidence": "Nerves and confidence", "skills_gap": "Skills gap"}
SOURCES = {"employer": "What employers said", "own": "Your own notes"}


def test_theme_counts_stack_the_two_sources_most_common_on_top() -> None:
    counts = pd.DataFrame(
        {
            "theme": ["confidence", "confidence", "skills_gap"],
            "source": ["employer", "own", "own"],
            "count": [3, 2, 1],
        }
    )
    figure = theme_counts(counts, LABELS, SOURCES)
    assert [trace.name for trace in figure.data] == list(SOURCES.values())
    assert figure.layout.barmode == "stack"
    employer, own = figure.data
    # Plotly draws horizontal bars bottom-up: the most common theme comes last.
    assert list(employer.y) == ["Skills gap", "Nerves and confidence"]
    assert list(employer.x) == [0, 3]
    assert list(own.x) == [1, 2]
    assert employer.marker.color != own.marker.color


def test_theme_counts_can_show_only_the_most_common() -> None:
    counts = pd.DataFrame(
        {
            "theme": ["confidence", "skills_gap", "salary"],
            "source": ["employer", "own", "own"],
            "count": [3, 2, 1],
        }
    )
    employer, own = theme_counts(counts, LABELS, SOURCES, shown=2).data
    assert list(employer.y) == ["Skills gap", "Nerves and confidence"]
    assert list(own.x) == [2, 0]


def test_theme_counts_keep_tied_themes_in_the_order_given() -> None:
    # As `feedback.counts` sorts them and the page's sentence names them: first on top.
    counts = pd.DataFrame(
        {"theme": ["skills_gap", "confidence"], "source": ["own", "own"], "count": [2, 2]}
    )
    _employer, own = theme_counts(counts, LABELS, SOURCES).data
    assert list(own.y) == ["Nerves and confidence", "Skills gap"]


def test_theme_trend_draws_one_line_per_theme_by_month() -> None:
    months = [pd.Timestamp(2026, 9, 1), pd.Timestamp(2026, 10, 1)]
    trend = pd.DataFrame(
        {
            "month": months * 2,
            "theme": ["confidence", "confidence", "skills_gap", "skills_gap"],
            "count": [3, 1, 0, 2],
        }
    )
    figure = theme_trend(trend, LABELS)
    assert [trace.name for trace in figure.data] == ["Nerves and confidence", "Skills gap"]
    assert list(figure.data[0].y) == [3, 1]
    assert all(trace.line.color in PALETTE.values() for trace in figure.data)
    assert [list(trace.customdata) for trace in figure.data] == [["Sep 2026", "Oct 2026"]] * 2


def test_theme_lines_that_coincide_stay_visible() -> None:
    months = [pd.Timestamp(2026, 9, 1), pd.Timestamp(2026, 10, 1)]
    trend = pd.DataFrame(
        {"month": months * 3, "theme": ["a"] * 2 + ["b"] * 2 + ["c"] * 2, "count": 1}
    )
    lines = theme_trend(trend, {}).data
    # Each line a day or two to the side of its month, with its own marker and dash.
    firsts = [pd.Timestamp(trace.x[0]) for trace in lines]
    assert len(set(firsts)) == 3 and all(abs(day - months[0]).days <= 6 for day in firsts)
    assert len({trace.marker.symbol for trace in lines}) == 3
    assert len({trace.line.dash for trace in lines}) == 3


def test_themes_by_stage_groups_bars_by_how_far_it_got() -> None:
    groups = ("Before an interview", "After one interview", "After two or more")
    stages = pd.DataFrame(
        {
            "stage_group": ["Before an interview", "After two or more"],
            "theme": ["skills_gap", "confidence"],
            "count": [4, 1],
        }
    )
    figure = themes_by_stage(stages, LABELS, groups)
    assert figure.layout.barmode == "group"
    assert [trace.name for trace in figure.data] == list(groups)
    assert list(figure.data[0].x) == ["Skills gap"] and list(figure.data[0].y) == [4]
    assert list(figure.data[1].y) == []


MARKUP = '<b>Bold</b> <a href="javascript:alert(1)">x</a>'


def test_a_company_name_in_the_confidence_hover_is_text_not_markup() -> None:
    data = pd.DataFrame(
        {
            "written_on": [date(2026, 9, 1)],
            "before": [3],
            "after": [6],
            "outcome": ["rejected"],
            "company": [MARKUP],
        }
    )
    shown = confidence_over_time(data).data[0].customdata[0][0]
    assert "<" not in shown
    assert html.unescape(shown) == MARKUP


def test_an_advisors_theme_label_is_text_not_markup_in_every_theme_chart() -> None:
    labels = {"confidence": MARKUP}
    counts = pd.DataFrame({"theme": ["confidence"], "source": ["employer"], "count": [1]})
    trend = pd.DataFrame(
        {"month": [pd.Timestamp(2026, 9, 1)], "theme": ["confidence"], "count": [1]}
    )
    stages = pd.DataFrame(
        {"stage_group": ["Before an interview"], "theme": ["confidence"], "count": [1]}
    )
    shown = [
        *theme_counts(counts, labels, SOURCES).data[0].y,
        theme_trend(trend, labels).data[0].name,
        theme_trend(trend, labels).data[0].hovertemplate,
        *themes_by_stage(stages, labels, ("Before an interview",)).data[0].x,
    ]
    assert all("<b>" not in text and "<a " not in text for text in shown)


def test_every_other_builder_caps_what_it_sends_keeping_the_latest_or_largest() -> None:
    weeks = pd.DataFrame(
        {
            "week": [WEEK + timedelta(weeks=k) for k in range(WEEK_CAP + 50)],
            "sent": 1,
            "live": 5,
            "thin": False,
        }
    )
    bars, line = pipeline_over_time(weeks, 5).data
    assert len(bars.x) == len(line.x) == WEEK_CAP
    assert line.x[-1] == weeks["week"].iloc[-1]

    groups = pd.concat([OUTCOMES] * 10, ignore_index=True)
    groups = groups.assign(group=[f"group {n}" for n in range(20)], applications=range(20))
    drawn = outcomes_by_group(groups).data
    assert all(len(trace.x) == GROUP_CAP for trace in drawn)
    assert "group 19" in drawn[0].x and "group 0" not in drawn[0].x

    notes = pd.DataFrame(
        {
            "written_on": [WEEK + timedelta(days=k) for k in range(CONFIDENCE_CAP * 3)],
            "before": 4,
            "after": 6,
            "outcome": "rejected",
            "company": "A",
        }
    )
    before, after, *_legend = confidence_over_time(notes).data
    assert len(before.x) == len(after.x) == CONFIDENCE_CAP

    many = [f"theme {n}" for n in range(THEME_CAP + 10)]
    labels = {theme: theme for theme in many}
    counts = pd.DataFrame({"theme": many, "source": "own", "count": range(len(many))})
    _employer, own = theme_counts(counts, labels, SOURCES).data
    assert len(own.y) == THEME_CAP and own.y[-1] == many[-1] and many[0] not in own.y
    stages = pd.DataFrame({"stage_group": "Early", "theme": many, "count": range(len(many))})
    (early,) = themes_by_stage(stages, labels, ("Early",)).data
    assert len(early.x) == THEME_CAP and many[0] not in early.x

    months = pd.date_range("2016-01-01", periods=MONTH_CAP + 24, freq="MS")
    trend = pd.DataFrame({"month": months, "theme": "confidence", "count": 1})
    (line,) = theme_trend(trend, LABELS).data
    assert len(line.x) == MONTH_CAP and line.customdata[-1] == f"{months[-1]:%b %Y}"


@pytest.mark.parametrize("top", [1, 3, 40])
def test_theme_charts_count_in_whole_numbers(top: int) -> None:
    counts = pd.DataFrame({"theme": ["confidence"], "source": ["employer"], "count": [top]})
    trend = pd.DataFrame(
        {"month": [pd.Timestamp(2026, 9, 1)], "theme": ["confidence"], "count": [top]}
    )
    stages = pd.DataFrame(
        {"stage_group": ["Before an interview"], "theme": ["confidence"], "count": [top]}
    )
    axes = [
        theme_counts(counts, LABELS, SOURCES).layout.xaxis,
        theme_trend(trend, LABELS).layout.yaxis,
        themes_by_stage(stages, LABELS, ("Before an interview",)).layout.yaxis,
    ]
    for axis in axes:
        assert isinstance(axis.dtick, int) and axis.dtick >= 1 and axis.tick0 == 0
        assert top / axis.dtick <= 8


def test_the_blank_chart_draws_nothing_a_reader_could_see() -> None:
    fig = blank()
    assert fig.data == ()
    assert fig.layout.height == 10 and not fig.layout.xaxis.visible and not fig.layout.yaxis.visible
