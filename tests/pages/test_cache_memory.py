"""What the caches hold: every row of the database is kept once, whichever pages are open.

The whole-database frames are resources (one object, handed out as copy-on-write views),
never data (a pickled copy unpickled again on every rerun)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.runtime.caching import cache_data_api, cache_resource_api
from streamlit.testing.v1 import AppTest

from bounceback.storage import Store
from components import state

STATE = "components.state."
WHOLE = {"_raw", "_masked", "_frames", "_table", "_by_latest_news"}


def _holding(provider: object) -> set[str]:
    """The components.state functions with something in this cache."""
    return {
        stat.cache_name.removeprefix(STATE)
        for stats in provider.get_stats().values()  # type: ignore[attr-defined]
        for stat in stats
        if stat.cache_name.startswith(STATE) and stat.byte_length
    }


def _data() -> set[str]:
    return _holding(cache_data_api.get_data_cache_stats_provider())


def _resources() -> set[str]:
    return _holding(cache_resource_api.get_resource_cache_stats_provider())


def test_every_row_is_cached_once_when_names_show(
    open_app: Callable[..., AppTest], sample_db: Store
) -> None:
    app = open_app("app_pages/insights.py")
    for page in ("app_pages/lessons.py", "app_pages/feedback.py", "app_pages/pipeline.py"):
        app.switch_page(page).run()
        assert not app.exception
    assert {"_raw", "_table", "_by_latest_news"} <= _resources()
    # The rows as shown are the raw cache's own: no second copy of the whole database.
    assert "_masked" not in _resources()
    assert not WHOLE & _data()


def test_presenter_mode_caches_its_masked_copy(
    open_app: Callable[..., AppTest], sample_db: Store
) -> None:
    app = open_app("app_pages/insights.py", query={"presenter": "1"})
    assert not app.exception
    assert {"_raw", "_masked"} <= _resources()
    assert not WHOLE & _data()


def test_a_reader_that_writes_to_its_rows_leaves_the_cached_ones_as_they_were(
    db_url: str, sample_db: Store
) -> None:
    """Copy-on-write is what makes sharing safe: a write lands in the writer's copy only."""
    st.cache_resource.clear()
    args = (db_url, sample_db.owner, sample_db.revision(), False)
    first = state._frames(*args)["applications"]
    before = first["company"].tolist()
    first.loc[first.index[0], "company"] = "Written over"
    first["role"] = "Written over"
    table = state._table(*args).copy(deep=False)
    table.loc[table.index[0], "company"] = "Written over"
    again = state._frames(*args)["applications"]
    assert again["company"].tolist() == before
    assert "Written over" not in set(again["role"])
    assert "Written over" not in set(state._table(*args)["company"])
