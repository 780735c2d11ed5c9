"""Median time to read and check a 10,000-row CSV, and to write it, the size of a long search.

Run from the repo root: .venv/bin/python bench/bench_import.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bounceback.csv_text import read_table
from bounceback.importers import commit, plan_import
from bounceback.storage import Store

ROWS = 10_000
REPEATS = 5
STATUSES = ("Applied", "Rejected", "Interview", "Offer", "Wishlist", "Ghosted")


def sample_csv() -> bytes:
    """A spreadsheet of invented applications with every column the importer reads."""
    lines = ["Employer,Position,Date Applied,Status,Salary,Link,Notes"]
    lines += [
        f"Company {n},Analyst {n % 37},{n % 28 + 1:02d}/{n % 9 + 1:02d}/2026,"
        f'{STATUSES[n % 6]},"£{30 + n % 20}k",https://jobs.example/{n},note {n}'
        for n in range(ROWS)
    ]
    return ("\n".join(lines) + "\n").encode()


def main() -> None:
    """Print the medians, then one write of the whole file."""
    data = sample_csv()
    reads, plans = [], []
    for _ in range(REPEATS):
        started = time.perf_counter()
        table = read_table(data)
        read = time.perf_counter()
        plan = plan_import(table)
        reads.append(read - started)
        plans.append(time.perf_counter() - read)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"sqlite:///{Path(folder) / 'bench.db'}")
        started = time.perf_counter()
        written = commit(store, plan).imported
        write = time.perf_counter() - started
    print(
        f"{ROWS:,} rows ({len(data) / 1_048_576:.1f} MB): read {statistics.median(reads):.2f} s, "
        f"checked {statistics.median(plans):.2f} s (median of {REPEATS}); "
        f"{written:,} written in one transaction in {write:.1f} s"
    )


if __name__ == "__main__":
    main()
