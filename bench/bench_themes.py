"""The theme classifier: how right it is on labelled feedback, and how fast in a fresh process.

Scores: the spec's two dev sets and our own labelled batches (tests/test_themes_devset.SETS).
Speed: 10,000 varied texts, the size of a busy coach's archive, classified in a new Python
process with the lexicon load included: once with an empty compiled-lexicon cache (what the
very first start pays), then the median of several with the cache in place (every later one).

Run from the repo root: .venv/bin/python bench/bench_themes.py
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from itertools import count, product
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TEXTS = 10_000
REPEATS = 5
# What a fresh process does, timed from before the classifier is imported.
CHILD = """
import json, sys, time
from bench.bench_themes import varied_texts
texts = varied_texts(int(sys.argv[1]))
start, cpu = time.perf_counter(), time.process_time()
from bounceback.themes import _shipped_lexicon, classify, explain
_shipped_lexicon()
loaded = time.perf_counter()
for text in texts:
    classify(text)
done, cpu_done = time.perf_counter(), time.process_time()
for text in texts:
    explain(text)
again = time.perf_counter()
print(json.dumps({"load": loaded - start, "classify": done - loaded, "total": done - start,
                  "cpu": cpu_done - cpu, "reused": again - done}))
"""

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


def fresh_process(cache: Path, size: int = TEXTS) -> dict[str, float]:
    """Times from a new interpreter with this compiled-lexicon cache folder."""
    env = {**os.environ, "BOUNCEBACK_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(size)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)


def speed() -> None:
    """The first start with no cache, then the median of later starts."""
    with tempfile.TemporaryDirectory() as folder:
        cold = fresh_process(Path(folder))
        warm = [fresh_process(Path(folder)) for _ in range(REPEATS)]
    median = {key: statistics.median(run[key] for run in warm) for key in warm[0]}
    print(
        f"themes: first start (compiles, writes the cache): load {cold['load']:.2f} s, "
        f"classify {TEXTS:,} texts {cold['classify']:.2f} s"
    )
    print(
        f"themes: fresh process, cache in place (median of {REPEATS}): load "
        f"{median['load']:.3f} s + classify {TEXTS:,} texts {median['classify']:.3f} s = "
        f"{median['total']:.3f} s ({median['cpu']:.3f} s of CPU); "
        f"{median['classify'] / TEXTS * 1e6:.0f} us per text; the same texts again (reused) "
        f"{median['reused'] * 1e3:.0f} ms"
    )


def scores() -> None:
    """Micro- and macro-F1, possible-bias recall and the no_detail rate on each labelled set."""
    from tests.test_themes_devset import SETS, examples, score

    for name, path in SETS.items():
        print(f"themes: {name} ({len(examples(path))} texts): {score(examples(path)).line()}")


def main() -> None:
    """Print the machine, the scores and the speed."""
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}"
    )
    scores()
    speed()


if __name__ == "__main__":
    main()
