"""What the caches hold: every row of the database is kept once, whichever pages are open."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.runtime.caching import cache_data_api
from streamlit.testing.v1 import AppTest

from bounceback.storage import Store

STATE = "components.state."


def _cached_bytes() -> dict[str, int]:
    """Bytes held per cached function of components.state, by function name."""
    held: dict[str, int] = {}
    for stats in cache_data_api.get_data_cache_stats_provider().get_stats().values():
        for stat in stats:
            if stat.cache_name.startswith(STATE):
                name = stat.cache_name.removeprefix(STATE)
                held[name] = held.get(name, 0) + stat.byte_length
    return held


def test_every_row_is_cached_once_when_names_show(
    open_app: Callable[..., AppTest], sample_db: Store
) -> None:
    app = open_app("app_pages/insights.py")
    for page in ("app_pages/lessons.py", "app_pages/feedback.py"):
        app.switch_page(page).run()
        assert not app.exception
    held = _cached_bytes()
    assert held["_raw"] > 0
    # The rows as shown are the raw cache's own: no second copy of the whole database.
    assert not {"_frames", "_masked"} & held.keys()


def test_presenter_mode_caches_its_masked_copy(
    open_app: Callable[..., AppTest], sample_db: Store
) -> None:
    app = open_app("app_pages/insights.py", query={"presenter": "1"})
    assert not app.exception
    held = _cached_bytes()
    assert held["_raw"] > 0
    assert held["_masked"] > 0
