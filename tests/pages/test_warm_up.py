"""The first run of the app warms the shared caches, so the next page opened need not read."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from importlib import import_module

import pytest
import streamlit as st
from streamlit.runtime.caching import cache_data_api, cache_resource_api
from streamlit.testing.v1 import AppTest

from bounceback.storage import Store
from components.warm import THREAD_NAME
from tests.pages.conftest import APP


def _cached() -> set[str]:
    """The cached functions holding something (as data or as a resource), by qualified name."""
    providers = (
        cache_data_api.get_data_cache_stats_provider(),
        cache_resource_api.get_resource_cache_stats_provider(),
    )
    return {
        stat.cache_name
        for provider in providers
        for stats in provider.get_stats().values()
        for stat in stats
        if stat.byte_length
    }


def _warm_up_done() -> None:
    """Wait until no warm-up thread is running (the one started by the first run finishes)."""
    deadline = time.monotonic() + 60
    while any(thread.name == THREAD_NAME for thread in threading.enumerate()):
        assert time.monotonic() < deadline, "the warm-up never finished"
        time.sleep(0.05)


def _land_on_settings(db_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """A new server's first run, on Settings: it reads only the settings itself."""
    monkeypatch.setenv("BOUNCEBACK_DB_URL", db_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(APP, default_timeout=30)
    return app.switch_page("app_pages/settings.py").run()


def test_landing_on_settings_warms_the_data_other_pages_read(
    db_url: str, sample_db: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _land_on_settings(db_url, monkeypatch)
    assert not app.exception
    _warm_up_done()
    # The rows and the summary were read by the warm-up, not by the page.
    assert {"components.state._raw", "components.state._overview"} <= _cached()
    app.switch_page("app_pages/insights.py").run()
    assert not app.exception


# The sums behind each analysis page, as components.analysis calls them.
SUMS = (
    ("components.analysis.report", "insights"),
    ("components.analysis.patience_of", "insights"),
    ("components.analysis.plus_points", "lessons"),
    ("bounceback.feedback.summarised", "feedback"),
)


def test_the_warm_up_works_out_the_analysis_pages_sums_the_pages_then_reuse(
    db_url: str, sample_db: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: Counter[str] = Counter()

    def counted(name: str, real: Callable) -> Callable:
        def call(*args: object, **kwargs: object) -> object:
            calls[name] += 1
            return real(*args, **kwargs)

        return call

    for name, _ in SUMS:
        module, attribute = name.rsplit(".", 1)
        monkeypatch.setattr(
            f"{module}.{attribute}", counted(name, getattr(import_module(module), attribute))
        )
    app = _land_on_settings(db_url, monkeypatch)
    _warm_up_done()
    assert calls == dict.fromkeys((name for name, _ in SUMS), 1)
    for _, page in SUMS:
        app.switch_page(f"app_pages/{page}.py").run()
        assert not app.exception
    # Each page found what the warm-up worked out under the page's own arguments.
    assert calls == dict.fromkeys((name for name, _ in SUMS), 1)


def test_warm_up_on_an_empty_database_is_harmless(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(db_url)
    app = _land_on_settings(db_url, monkeypatch)
    assert not app.exception
    _warm_up_done()
    app.switch_page("app_pages/home.py").run()
    assert not app.exception


def test_the_first_run_of_a_session_loads_the_chart_library_out_of_sight(
    open_app: Callable[..., AppTest], sample_db: Store
) -> None:
    """The blank chart at the sidebar's foot is drawn on a session's first run only."""
    app = open_app()
    assert not app.exception
    assert len(app.sidebar.get("plotly_chart")) == 1
    app.switch_page("app_pages/settings.py").run()
    assert not app.exception
    assert app.sidebar.get("plotly_chart") == []
