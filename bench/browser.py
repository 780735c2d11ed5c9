"""What a user waits for in a real browser: each page until its script is idle and its charts drawn.

Headless Chromium (Playwright) against `streamlit run` on a free loopback port. A visit starts
at a click on the page's sidebar link and ends once the
script has run and gone idle and the page has stopped changing: every `.js-plotly-plot` has
drawn and settled, as has everything else. The end is the time of the last change to the page,
found by a MutationObserver, so the quiet window used to detect it is not part of the figure.

A floor page (bench/floor/app.py: a bare Streamlit page drawing 6 cached plotly figures) is
measured in the same run, so every figure can also be read as a ratio to it.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench.memory import resident_mb
from bench.pages import seeded
from tools.server import CHROMIUM_PATH, IDLE, PAGES, StreamlitServer

# The flags; the test server's extras (no /dev/shm, no QUIC) change nothing here.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FLOOR_SCRIPT = "bench/floor/app.py"
FLOOR = "floor"
# No change to the page for this long after the script went idle means it has finished drawing.
QUIET_MS = 600
TIMEOUT_MS = 120_000
# Records every change to the page and every change of the script's state, with its time.
OBSERVER = """
window.__bench = {states: [], last: 0, clicked: null};
document.addEventListener("click", () => { window.__bench.clicked = performance.now(); }, true);
new MutationObserver((records) => {
  const now = performance.now();
  window.__bench.last = now;
  for (const record of records) {
    if (record.attributeName === "data-test-script-state") {
      window.__bench.states.push([now, record.target.getAttribute("data-test-script-state")]);
    }
  }
}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""
# A run began after `started`, seen as the script's state, or by the page's title changing: a
# quick run can go to running and back within one render, and the state never shows it.
TITLE = "document.querySelector('[data-testid=stMain] h1')?.textContent ?? null"
RAN = f"""
(started, title) =>
  window.__bench.states.some(([at, state]) => at > started && state !== "notRunning")
  || ({TITLE}) !== title
"""
# True once the script ran after `started`, is idle again and the page has been still a while.
SETTLED = f"""
([started, title]) => {{
  const bench = window.__bench;
  if (!({RAN})(started, title) || !document.querySelector("{IDLE}")) return false;
  const plots = [...document.querySelectorAll(".js-plotly-plot")];
  if (plots.some((plot) => !plot.querySelector(".main-svg"))) return false;
  return performance.now() - bench.last > {QUIET_MS};
}}
"""


STARTED = f"([started, title]) => ({RAN})(started, title)"
# Now and then a click on a sidebar link starts no run at all (Streamlit, under load); after
# this long the click is repeated and timed from the repeat. The report says how often.
UNANSWERED_MS = 10_000
RETRIED: list[str] = []


def _link(path: str) -> str:
    """The sidebar link to a page, by the end of its address."""
    return f'[data-testid=stSidebarNav] a[href$="{path}"]'


def _finished(page: Page, started: float, title: str | None = None) -> float:
    """Seconds from `started` (page time, ms) until the page last changed, once it has settled
    (a run seen, or a page title other than `title`; the default never is one)."""
    try:
        page.wait_for_function(SETTLED, arg=[started, title], polling=50, timeout=TIMEOUT_MS)
    except PlaywrightTimeout as error:
        seen = page.evaluate("[window.__bench.states, performance.now() - window.__bench.last]")
        raise RuntimeError(f"{page.url} never settled after {started:.0f} ms: {seen}") from error
    if page.locator("[data-testid=stException]").count():
        raise RuntimeError(f"{page.url} shows an exception")
    last = page.evaluate("window.__bench.last")
    return (last - started) / 1000


def _tab(browser: Browser) -> Page:
    """A fresh context and tab at a desktop size, with the observer installed."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.add_init_script(OBSERVER)
    return tab


def open_page(page: Page, url: str) -> float:
    """Navigate to a page's address: seconds from navigation start until it has drawn."""
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    return _finished(page, 0.0)


def click_page(page: Page, path: str) -> float:
    """Click a page's sidebar link: seconds until its script is idle and its charts drawn."""
    title = page.evaluate(TITLE)
    for _attempt in range(3):
        page.evaluate("window.__bench.clicked = null")
        page.locator(_link(path)).click()
        started = page.evaluate("window.__bench.clicked")
        try:
            page.wait_for_function(STARTED, arg=[started, title], polling=50, timeout=UNANSWERED_MS)
            break
        except PlaywrightTimeout:
            RETRIED.append(path)
    return _finished(page, started, title)


@dataclass
class Results:
    """Browser seconds by page and size (the floor under FLOOR), warm and on first visit."""

    warm: dict[str, dict[int, float]] = field(default_factory=dict)
    first: dict[str, dict[int, float]] = field(default_factory=dict)
    memory_mb: dict[int, float] = field(default_factory=dict)

    def keep(self, kind: dict[str, dict[int, float]], page: str, size: int, seconds: float) -> None:
        """Keep the better of two passes, as the AppTest table does."""
        row = kind.setdefault(page, {})
        row[size] = min(row.get(size, seconds), seconds)


def warm_visits(
    browser: Browser, server: StreamlitServer, paths: dict[str, str], visits: int
) -> dict[str, float]:
    """Median seconds per page over `visits` rounds of clicking through every page in order.

    The first round only warms the caches (it is what the first-visit table measures).
    """
    tab = _tab(browser)
    # Start on the last page, so the first click goes elsewhere (a page's own link does nothing).
    open_page(tab, server.url + list(paths.values())[-1])
    timings: dict[str, list[float]] = {name: [] for name in paths}
    for round_number in range(visits + 1):
        for name, path in paths.items():
            seconds = click_page(tab, path)
            if round_number:
                timings[name].append(seconds)
    tab.context.close()
    return {name: statistics.median(values) for name, values in timings.items()}


def first_visit(browser: Browser, server: StreamlitServer, path: str, landing: str) -> float:
    """Seconds for a page's first click on a server that has just started.

    The visitor lands on another page first (untimed, it loads the app into the tab), as
    they would; the landing page is a light one, so the clicked page does its own first work.
    """
    tab = _tab(browser)
    open_page(tab, server.url + landing)
    seconds = click_page(tab, path)
    tab.context.close()
    return seconds


def _floor(browser: Browser, results: Results, visits: int, folder: Path) -> None:
    """The floor page, warm (clicked from a blank page) and on its first visit after start."""
    url = f"sqlite:///{folder / 'floor-unused.db'}"
    with StreamlitServer(url, script=FLOOR_SCRIPT) as server:
        results.keep(results.first, FLOOR, 0, first_visit(browser, server, "/floor", "/"))
    with StreamlitServer(url, script=FLOOR_SCRIPT) as server:
        warm = warm_visits(browser, server, {"start": "/", FLOOR: "/floor"}, visits)
        results.keep(results.warm, FLOOR, 0, warm[FLOOR])


def measure(
    sizes: tuple[int, ...] = (100, 1_000, 10_000),
    visits: int = 5,
    first_sizes: Iterable[int] = (100, 10_000),
) -> Results:
    """Warm and first-visit browser times, sizes forwards then backwards, the floor around them."""
    results = Results()
    first_sizes = tuple(first_sizes)
    with tempfile.TemporaryDirectory() as name, sync_playwright() as driver:
        folder = Path(name)
        urls = {size: seeded(folder, size) for size in sizes}
        browser = driver.chromium.launch(executable_path=str(CHROMIUM_PATH), args=FLAGS)
        _floor(browser, results, visits, folder)
        for size in [*sizes, *reversed(sizes)]:
            with StreamlitServer(urls[size]) as server:
                for page, seconds in warm_visits(browser, server, PAGES, visits).items():
                    results.keep(results.warm, page, size, seconds)
                if size == max(sizes):
                    # One visitor has now opened every page, several times over.
                    results.memory_mb[size] = max(
                        results.memory_mb.get(size, 0.0), resident_mb(server.pid)
                    )
            done = ", ".join(
                f"{page} {row[size]:.2f}" for page, row in results.warm.items() if size in row
            )
            print(f"- warm at {size:,} (best so far, s): {done}", flush=True)
        for size in first_sizes:
            for page, path in PAGES.items():
                landing = PAGES["import" if page == "settings" else "settings"]
                with StreamlitServer(urls[size]) as server:
                    seconds = first_visit(browser, server, path, landing)
                results.keep(results.first, page, size, seconds)
            print(f"- first visits at {size:,} done", flush=True)
        try:
            _floor(browser, results, visits, folder)
        except RuntimeError as error:
            # The floor was measured at the start too: a stuck click here loses only this pass.
            print(f"- the second floor pass failed, the first one stands: {error}", flush=True)
        browser.close()
    return results


def _cell(seconds: float, floor: float) -> str:
    """A time with its ratio to the floor."""
    return f"{seconds:.2f} s ({seconds / floor:.1f}x)"


def table(kind: dict[str, dict[int, float]], label: str) -> str:
    """A Markdown table: each page by size, each cell also as a ratio to the floor page."""
    floor = kind[FLOOR][0]
    sizes = sorted(next(value for name, value in kind.items() if name != FLOOR))
    head = f"| page ({label}) | " + " | ".join(f"{size:,} apps" for size in sizes)
    head += f" | {sizes[-1]:,} / {sizes[0]:,} |"
    rule = "|---" * (len(sizes) + 2) + "|"
    rows = [
        f"| {name} | "
        + " | ".join(_cell(timings[size], floor) for size in sizes)
        + f" | {timings[sizes[-1]] / timings[sizes[0]]:.2f}x |"
        for name, timings in kind.items()
        if name != FLOOR
    ]
    rows.append(f"| floor page (6 plotly figures) | {floor:.2f} s (1.0x) |" + " |" * len(sizes))
    return "\n".join([head, rule, *rows])


def report(results: Results) -> str:
    """Both browser tables and the server's memory, as Markdown."""
    memory = ", ".join(
        f"{mb:.0f} MB at {size:,} applications" for size, mb in results.memory_mb.items()
    )
    tables = [
        table(kind, label)
        for kind, label in ((results.warm, "warm, median"), (results.first, "first visit"))
        if len(kind) > 1
    ]
    return "\n\n".join(
        [
            *tables,
            f"Server memory (VmRSS) after one visitor opened every page: {memory}.",
            f"Clicks that started no run and were repeated: {len(RETRIED)} "
            f"({', '.join(sorted(set(RETRIED))) or 'none'}).",
        ]
    )


def main() -> None:
    """`python -m bench.browser [--sizes 100 10000] [--visits 5] [--first 100 10000]`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--visits", type=int, default=5)
    parser.add_argument("--first", type=int, nargs="*", default=[100, 10_000])
    options = parser.parse_args()
    print(report(measure(tuple(options.sizes), options.visits, options.first)))


if __name__ == "__main__":
    main()
