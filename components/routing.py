"""Deep links work on a fresh server too.

Streamlit decides per process whether to treat `pages/` as old-style file pages, and only
stops once some session has called st.navigation. So the very first visit to a bookmarked
page after a restart runs that page's file directly, without app.py. Each page starts with
`through_router(__file__)`: in that case it hands over to app.py, which comes straight back.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

ROUTED = "routing:routed"
_DEEP_LINK = "routing:deep_link"
_QUERY = "routing:query"


def mark_routed() -> None:
    """Called by app.py: this session's pages run through the router from now on."""
    st.session_state[ROUTED] = True


def through_router(page_file: str) -> None:
    """If this page ran without app.py, go through app.py and come back to it."""
    if not st.session_state.get(ROUTED):
        st.session_state[_DEEP_LINK] = f"pages/{Path(page_file).name}"
        # The query (?presenter=1) goes along both ways, so a bookmark keeps its meaning.
        query = st.query_params.to_dict()
        st.session_state[_QUERY] = query
        st.switch_page("app.py", query_params=query)


def resume() -> None:
    """Called by app.py after st.navigation: finish a deep link that had to go the long way."""
    target = st.session_state.pop(_DEEP_LINK, None)
    if target:
        st.switch_page(target, query_params=st.session_state.pop(_QUERY, None))
