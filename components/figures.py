"""Charts built once for the data they show: plotly checks every property a builder sets,
which cost the Feedback page about 50 ms a rerun for three figures whose data stood still.

A built figure is a resource, shared and never changed: st.plotly_chart only reads it
(it serialises a copy). Each builder in bounceback.charts is pure, so its arguments are all
that decide the figure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import streamlit as st


def built(builder: Callable[..., go.Figure], *args: Any, **kwargs: Any) -> go.Figure:
    """The figure `builder(*args, **kwargs)` makes, built once for the same arguments."""
    return _built(f"{builder.__module__}.{builder.__qualname__}", builder, *args, **kwargs)


@st.cache_resource(show_spinner=False, max_entries=64)
def _built(name: str, _builder: Callable[..., go.Figure], *args: Any, **kwargs: Any) -> go.Figure:
    """Keyed by the builder's name (a function is not hashed) and its arguments."""
    return _builder(*args, **kwargs)
