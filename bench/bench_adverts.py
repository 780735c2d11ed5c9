"""Median times to read a pasted advert of 30,000 characters (the job description's limit).

Run from the repo root: .venv/bin/python -m bench.bench_adverts
"""

from __future__ import annotations

import statistics
import time
from datetime import date

from bounceback.adverts import read_advert
from bounceback.strengths import MAX_DESCRIPTION_CHARS

REPEATS = 15
ADVERT = """\
Data Analyst
Northern Rail Analytics Ltd · Leeds, England, United Kingdom (Hybrid)
2 weeks ago · Over 100 applicants
About the job
Salary: £32,000 - £38,000 per annum
Closing date: 14th January 2027
You'll turn timetable data into decisions, working with planners across the network, and
present what you find to people who run the trains. Python, SQL and a calm manner help.
"""
# Each a worst case for some pattern or loop, at the full length.
PASTES = {
    "advert repeated": ADVERT,
    "digits and commas": "1,000",
    "money on every line": "£1-\n",
    "closing, no date": "closing date ",
    "capitalised words": "A ",
    "dot lines": "a · ",
    "labels alone": "Location:\n",
    "web page code": "<p>x</p>",
}


def median_ms(text: str) -> float:
    """The median CPU time over repeats, so one slow run from a busy machine does not mislead."""
    timings = []
    for _ in range(REPEATS):
        start = time.process_time()
        read_advert(text, today=date(2026, 12, 2))
        timings.append(time.process_time() - start)
    return statistics.median(timings) * 1_000


def main() -> None:
    """Print one line per kind of paste, and one for a 1 MB paste (cut before reading)."""
    for name, unit in PASTES.items():
        text = (unit * (MAX_DESCRIPTION_CHARS // len(unit) + 1))[:MAX_DESCRIPTION_CHARS]
        print(f"{name:>20}: {median_ms(text):6.1f} ms")
    print(f"{'1 MB advert':>20}: {median_ms(ADVERT * (1_000_000 // len(ADVERT))):6.1f} ms")


if __name__ == "__main__":
    main()
