"""Figures built once for the data they show, rebuilt when the data changes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from bounceback import charts
from components import figures


def _trend(count: int) -> pd.DataFrame:
    return pd.DataFrame(
        {"month": ["2026-10", "2026-11"], "theme": ["skills"] * 2, "count": [1, count]}
    )


def test_the_same_data_gets_the_same_figure_and_new_data_a_new_one() -> None:
    st.cache_resource.clear()
    labels = {"skills": "Skills gap"}
    first = figures.built(charts.theme_trend, _trend(2), labels)
    # Equal data in a new frame (every rerun makes one) finds the figure already built.
    assert figures.built(charts.theme_trend, _trend(2), labels) is first
    changed = figures.built(charts.theme_trend, _trend(3), labels)
    assert changed is not first
    assert changed.to_json() == charts.theme_trend(_trend(3), labels).to_json()


def test_two_builders_given_the_same_arguments_are_never_confused() -> None:
    st.cache_resource.clear()
    assert figures.built(charts.blank, 10).to_json() == charts.blank(10).to_json()
    assert figures.built(charts.blank, 20) is not figures.built(charts.blank, 10)
