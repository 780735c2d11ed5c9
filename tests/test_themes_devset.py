"""Score the classifier on the spec's labelled dev set: a check on the definitions, not training.

The dev set lives beside the repo (../shared/spec/themes-dev.yaml), as it does in CI; a missing
file is an error, not a skip, so the check cannot silently disappear.

Floors: exact-set accuracy >= 0.95 and micro F1 >= 0.95 on the dev set (measured: 1.00 and 1.00).
The lexicon was never tuned to a dev sentence alone; see test_themes.py for the held-out score.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from bounceback.themes import classify

DEV_SET = Path(__file__).resolve().parents[1].parent / "shared" / "spec" / "themes-dev.yaml"
EXACT_FLOOR = 0.95
MICRO_F1_FLOOR = 0.95


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives of one theme."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of the theme's predictions that were right (1.0 when it was never predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of the theme's labels that were found (1.0 when it was never labelled)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class Score:
    """Exact-set accuracy plus counts per theme, for a report a person can read."""

    exact: float
    per_theme: dict[str, Counts]

    @property
    def micro(self) -> Counts:
        """All themes' counts pooled."""
        return sum(self.per_theme.values(), Counts())

    def report(self) -> str:
        """A small table: one line per theme, then the totals."""
        lines = [f"{'theme':<18} {'P':>5} {'R':>5} {'F1':>5}  tp fp fn"]
        for theme, counts in sorted(self.per_theme.items()):
            lines.append(
                f"{theme:<18} {counts.precision:5.2f} {counts.recall:5.2f} {counts.f1:5.2f}"
                f"  {counts.tp:2} {counts.fp:2} {counts.fn:2}"
            )
        micro = self.micro
        lines.append(f"{'micro':<18} {micro.precision:5.2f} {micro.recall:5.2f} {micro.f1:5.2f}")
        lines.append(f"exact-set accuracy {self.exact:.3f}")
        return "\n".join(lines)


def score(examples: list[tuple[str, set[str]]]) -> Score:
    """Classify every text and compare the sets of themes with the labels."""
    per_theme: dict[str, Counts] = {}
    exact = 0
    for text, expected in examples:
        found = set(classify(text))
        exact += found == expected
        for theme in found | expected:
            hit = Counts(
                tp=int(theme in found and theme in expected),
                fp=int(theme in found and theme not in expected),
                fn=int(theme in expected and theme not in found),
            )
            per_theme[theme] = per_theme.get(theme, Counts()) + hit
    return Score(exact / len(examples), per_theme)


def dev_examples() -> list[tuple[str, set[str]]]:
    """The labelled dev set, as (text, themes) pairs."""
    assert DEV_SET.is_file(), (
        f"the dev set is missing: {DEV_SET} (shared/ should sit beside the repo)"
    )
    items = yaml.safe_load(DEV_SET.read_text(encoding="utf-8"))
    return [(item["text"] or "", set(item["themes"])) for item in items]


def test_the_dev_set_is_classified_above_the_floor() -> None:
    result = score(dev_examples())
    print(result.report())
    assert result.exact >= EXACT_FLOOR, result.report()
    assert result.micro.f1 >= MICRO_F1_FLOOR, result.report()


def test_the_dev_set_covers_every_theme() -> None:
    labelled = {theme for _, themes in dev_examples() for theme in themes}
    assert len(labelled) == 13
