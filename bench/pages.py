"""Median rerun time of each page at several database sizes, measured with AppTest."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bounceback.domain import Settings
from bounceback.sample import generate
from bounceback.storage import Store
from tools.server import PAGE_FILES

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = PAGE_FILES
# A busier search than the sample story, so 10,000 applications carry about 39,000 events
# and 4,500 reflections: more history per application than most people will ever have.
BUSY_SEARCH = {
    "saved": 0.02,
    "waiting": 0.04,
    "quiet": 0.02,
    "screening_open": 0.01,
    "interview_open": 0.10,
    "ghosted": 0.05,
    "rejected_cv": 0.05,
    "rejected_screen": 0.10,
    "rejected_interview": 0.45,
    "withdrawn": 0.01,
    "offer": 0.15,
}


def seeded(folder: Path, size: int) -> str:
    """A database file holding `size` applications of a busy search."""
    url = f"sqlite:///{folder / f'bench-{size}.db'}"
    Store.open(url).load(generate(size, shares=BUSY_SEARCH), Settings(onboarded=True))
    return url


def contents(url: str) -> str:
    """How much history a database holds, for the report."""
    frames = Store.open(url).frames()
    return ", ".join(
        f"{len(frames[name]):,} {name.replace('_', '-')}"
        for name in ("applications", "events", "reflections", "follow_ups")
    )


def rerun_seconds(url: str, page: str, runs: int = 15) -> float:
    """Median time of a rerun once the page is warm: what a user waits after each click."""
    os.environ["BOUNCEBACK_DB_URL"] = url
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(APP, default_timeout=120).run()
    app.switch_page(page).run()
    if app.exception:
        raise RuntimeError(f"{page} raised: {app.exception[0].value}")
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        app.run()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def measure(sizes: tuple[int, ...] = (100, 1_000, 10_000)) -> dict[str, dict[int, float]]:
    """Rerun medians per page and size, the better of two passes in opposite orders.

    A long-lived process slows as it accumulates memory, whatever the data size; measuring
    the sizes forwards and then backwards keeps that drift from reading as a size effect.
    """
    results: dict[str, dict[int, float]] = {page: {} for page in PAGES}
    with tempfile.TemporaryDirectory() as folder:
        urls = {size: seeded(Path(folder), size) for size in sizes}
        for url in urls.values():
            print(f"- {contents(url)}", flush=True)
        for page in PAGES:
            for size in [*sizes, *reversed(sizes)]:
                seconds = rerun_seconds(urls[size], page)
                results[page][size] = min(results[page].get(size, seconds), seconds)
    return results


def table(results: dict[str, dict[int, float]]) -> str:
    """A Markdown table with the ratio of the largest size to the smallest."""
    sizes = sorted(next(iter(results.values())))
    head = "| page | " + " | ".join(f"{size:,} apps" for size in sizes) + " | ratio |"
    rule = "|---" * (len(sizes) + 2) + "|"
    rows = [
        f"| {Path(page).stem} | "
        + " | ".join(f"{timings[size] * 1000:.0f} ms" for size in sizes)
        + f" | {timings[sizes[-1]] / timings[sizes[0]]:.2f}x |"
        for page, timings in results.items()
    ]
    return "\n".join([head, rule, *rows])
