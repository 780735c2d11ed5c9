"""`make bench`: page reruns by database size, theme classification and baseline maths."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

from bench import memory, pages

HERE = Path(__file__).resolve().parent


def machine() -> str:
    """What the figures were measured on."""
    cores = os.cpu_count()
    return f"{platform.machine()}, {cores} cores, Python {platform.python_version()}"


def main() -> int:
    """Run every benchmark and print a Markdown report."""
    print(f"Machine: {machine()}\n")
    print("Median page rerun (AppTest, warm cache, median of 15 reruns; best of two passes):\n")
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
