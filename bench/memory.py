"""The server's memory once a visitor has opened every page, by database size."""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.pages import seeded
from tools.server import CHROMIUM_ARGS, CHROMIUM_PATH, PAGES, StreamlitServer, goto


def resident_mb(pid: int) -> float:
    """A process's resident memory (VmRSS), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def measure(sizes: tuple[int, ...] = (100, 10_000)) -> dict[int, tuple[float, float]]:
    """Memory just after start and after one visitor opened every page, per size."""
    results = {}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)
        for size in sizes:
            with StreamlitServer(seeded(Path(folder), size)) as server:
                started = resident_mb(server.pid)
                page = browser.new_page()
                for path in PAGES.values():
                    goto(page, server.url + path, timeout_ms=120_000)
                results[size] = (started, resident_mb(server.pid))
                page.close()
        browser.close()
    return results


def table(results: dict[int, tuple[float, float]]) -> str:
    """A Markdown table of the figures."""
    rows = [
        f"| {size:,} apps | {started:.0f} MB | {visited:.0f} MB |"
        for size, (started, visited) in results.items()
    ]
    head = "| database | server at start | after visiting every page |\n|---|---|---|"
    return "\n".join([head, *rows])


if __name__ == "__main__":
    print(table(measure()))
