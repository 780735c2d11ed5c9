"""Median times of the baseline maths for a heavy user's record.

Run from the repo root: .venv/bin/python -m bench.bench_baseline
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from bounceback.baseline import offer_odds, track_band

SIZES = (2_000, 10_000)
REPEATS = 15


def median_ms(function: Callable[..., object], *args: object) -> float:
    """The median over repeats, so one slow run from a busy machine does not mislead."""
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        function(*args)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1_000


def main() -> None:
    """Print one line per size with mixed pool sizes, as a real record would have."""
    for size in SIZES:
        pools = [(6, 6, 4, 10, 8)[i % 5] for i in range(size)]
        odds_ms = median_ms(offer_odds, pools, size // 6)
        band_ms = median_ms(track_band, pools)
        print(f"{size:>6} processes: offer_odds {odds_ms:7.1f} ms, track_band {band_ms:7.1f} ms")


if __name__ == "__main__":
    main()
