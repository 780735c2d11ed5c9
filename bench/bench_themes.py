"""Median time to classify 10,000 varied feedback texts, the size of a busy coach's archive.

Run from the repo root: .venv/bin/python bench/bench_themes.py
"""

from __future__ import annotations

import statistics
import sys
import time
from itertools import count, product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bounceback.themes import classify

TEXTS = 10_000
REPEATS = 5

OPENINGS = (
    "Thank you for coming in last week.",
    "Thanks for your time on Tuesday,",
    "After careful consideration,",
    "I think",
    "Feedback from the panel:",
    "",
    "unfortunately",
    "We really enjoyed meeting you.",
    "Notes to self:",
    "Hi Alex,",
)
ASIDES = ("", "honestly ", "overall ", "to be fair ", "in short ")
REASONS = (
    "your Excel skills were not at the level we need and the role uses pivot tables daily",
    "we went with someone who has more experience in the retail sector",
    "you hadnt looked at our website or recent news",
    "your answers were vague and lacked specific examples",
    "you came across as quite nervous at the start",
    "you undersold your achievements and kept saying we",
    "we werent convinced about why you wanted the role",
    "you arrived ten minutes late and were dressed too casually",
    "it was a very close decision with a strong shortlist",
    "the role has been put on hold due to a restructure",
    "your salary expectations were above our budget",
    "the team is very young and we wanted someone who would fit in",
    "we have decided to move forward with other candidates",
    "i rambled and my mind went blank on the conflict question",
    "your technical skills were excellent but we need someone who has managed a team",
    "you did not seem nervous at all, although your answers were too long",
    "the budget was withdrawn and the position was filled internally",
    "your notice period of three months was too long",
)
JOINERS = (". ", "; also ", ", and ")
CLOSINGS = (
    "",
    "We wish you the best of luck.",
    "Please do apply again.",
    "but your enthusiasm was great.",
    "That said, we were impressed by your portfolio.",
    "Best wishes, Sam",
    "Kind regards, the recruitment team.",
)


def varied_texts(size: int) -> list[str]:
    """Distinct texts built deterministically from fragments, so every run times the same mix:
    three in five give one reason, the rest two, with or without a greeting and a sign-off."""
    singles = [
        f"{opening} {aside}{reason}. {closing}".strip()
        for opening, aside, reason, closing in product(OPENINGS, ASIDES, REASONS, CLOSINGS)
    ]
    pairs = [
        f"{opening} {first}{joiner}{second}. {closing}".strip()
        for opening, first, second, joiner, closing in product(
            OPENINGS, REASONS, REASONS, JOINERS, CLOSINGS
        )
        if first != second
    ]
    pools = {True: (singles, count(0)), False: (pairs, count(0))}
    texts = []
    for index in range(size):
        pool, taken = pools[index % 5 < 3]
        texts.append(pool[(next(taken) * 7919) % len(pool)])
    return texts


def main() -> None:
    """Print the median of several runs; the shipped lexicon is compiled before the clock starts."""
    classify("warm-up")
    texts = varied_texts(TEXTS)
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        for text in texts:
            classify(text)
        timings.append(time.perf_counter() - start)
    median = statistics.median(timings)
    print(f"themes: classify {len(texts):,} texts: {median:.2f} s (median of {REPEATS})")


if __name__ == "__main__":
    main()
