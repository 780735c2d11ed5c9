"""CSV import: a 10,000-row file read, checked and written, then the largest file the importer
takes (MAX_ROWS rows, close to MAX_BYTES), end to end, with the peak memory of its process.

Run from the repo root: .venv/bin/python -m bench.bench_import
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bounceback.csv_text import MAX_BYTES, MAX_ROWS, read_table
from bounceback.importers import commit, plan_import
from bounceback.storage import Store

ROWS = 10_000
REPEATS = 5
WRITES = 3
STATUSES = ("Applied", "Rejected", "Interview", "Offer", "Wishlist", "Ghosted")


def sample_csv(rows: int = ROWS, note_width: int = 0) -> bytes:
    """A spreadsheet of invented applications with every column the importer reads."""
    lines = ["Employer,Position,Date Applied,Status,Salary,Link,Notes"]
    lines += [
        f"Company {n},Analyst {n % 37},{n % 28 + 1:02d}/{n % 9 + 1:02d}/2026,"
        f'{STATUSES[n % 6]},"£{30 + n % 20}k",https://jobs.example/{n},'
        f"note {n}{' spoke to the hiring manager' * note_width}"
        for n in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


def largest_csv() -> bytes:
    """MAX_ROWS rows with notes long enough to come close to MAX_BYTES."""
    base = len(sample_csv(MAX_ROWS))
    width = max(0, (MAX_BYTES - base) // (MAX_ROWS * len(" spoke to the hiring manager")))
    return sample_csv(MAX_ROWS, width)


def _peak_mb() -> float:
    """This process's peak resident memory so far (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def ten_thousand() -> str:
    """Medians for a 10,000-row file: read, checked, and written in bulk with progress."""
    data = sample_csv()
    reads, checks = [], []
    for _ in range(REPEATS):
        started = time.perf_counter()
        table = read_table(data)
        read = time.perf_counter()
        plan = plan_import(table)
        reads.append(read - started)
        checks.append(time.perf_counter() - read)
    writes, steps = [], []
    with tempfile.TemporaryDirectory() as folder:
        for attempt in range(WRITES):
            store = Store.open(f"sqlite:///{Path(folder) / f'bench{attempt}.db'}")
            steps.clear()
            started = time.perf_counter()
            written = commit(store, plan, progress=steps.append).imported
            writes.append(time.perf_counter() - started)
            store.engine.dispose()
    return (
        f"{ROWS:,} rows ({len(data) / 1_048_576:.1f} MB): read {statistics.median(reads):.2f} s, "
        f"checked {statistics.median(checks):.2f} s (median of {REPEATS}); {written:,} written "
        f"in one transaction in {statistics.median(writes):.2f} s (SQLite, median of {WRITES}), "
        f"the progress bar moving {len(steps)} times"
    )


def largest() -> str:
    """The largest file taken, end to end in this process; run in a fresh one for its peak."""
    data = largest_csv()
    before = _peak_mb()
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"sqlite:///{Path(folder) / 'largest.db'}")
        started = time.perf_counter()
        table = read_table(data)
        read = time.perf_counter()
        plan = plan_import(table)
        checked = time.perf_counter()
        written = commit(store, plan).imported
        done = time.perf_counter()
    return (
        f"largest file taken, {len(table.rows):,} rows ({len(data) / 1_048_576:.1f} MB): "
        f"{done - started:.1f} s in all (read {read - started:.1f} s, checked "
        f"{checked - read:.1f} s, {written:,} written in {done - checked:.1f} s); peak memory "
        f"{_peak_mb():.0f} MB, {_peak_mb() - before:.0f} MB over the {before:.0f} MB before "
        "reading (the file's bytes and the code already loaded)"
    )


def main() -> None:
    """Print the 10,000-row medians, then the largest file measured in a process of its own."""
    if sys.argv[1:] == ["--largest"]:
        print(largest())
        return
    print(ten_thousand())
    sys.stdout.flush()
    subprocess.run([sys.executable, "-m", "bench.bench_import", "--largest"], check=True)


if __name__ == "__main__":
    main()
