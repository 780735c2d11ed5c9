"""`make bench`: pages in Chromium and in AppTest by database size, memory, the core's sums."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

from bench import browser, memory, pages

HERE = Path(__file__).resolve().parent


def machine() -> str:
    """What the figures were measured on."""
    cores = os.cpu_count()
    info = Path("/proc/cpuinfo")
    models = [
        line.split(":", 1)[1].strip()
        for line in (info.read_text().splitlines() if info.exists() else [])
        if line.startswith("model name")
    ]
    model = f" ({models[0]})" if models else ""
    return f"{platform.machine()}{model}, {cores} cores, Python {platform.python_version()}"


def load() -> str:
    """How busy the machine was when the run started: others' work slows every figure."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def main() -> int:
    """Run every benchmark and print a Markdown report."""
    print(f"Machine: {machine()}, load average {load()}\n")
    print(
        "In headless Chromium: from a click on the sidebar link until the script is idle and "
        "every chart has drawn\n(warm: median of 5 visits, the better of two passes, sizes "
        "forwards then backwards; first visit: the first click on a page after a server start; "
        "in brackets: the ratio to the floor page):\n"
    )
    sys.stdout.flush()
    print(browser.report(browser.measure()))
    print("\nMedian page rerun (AppTest, warm cache, median of 15 reruns; best of two passes):\n")
    print(pages.table(pages.measure()))
    print("\nServer memory (VmRSS of `streamlit run`), one visitor opening every page:\n")
    print(memory.table(memory.measure()))
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n{script.stem}:")
        sys.stdout.flush()
        subprocess.run([sys.executable, "-m", f"bench.{script.stem}"], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
