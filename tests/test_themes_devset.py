"""Score the classifier on labelled feedback: the spec's two dev sets and our own batches.

The dev sets live beside the repo (../shared/spec/themes-dev.yaml and themes-dev-2.yaml), as
they do in CI; a missing file is an error, not a skip, so the check cannot silently disappear.
Our batches in tests/fixtures (themes-heldout, themes-fresh, themes-unseen-2, the probe
sentences of issue #17 in themes-probe, and themes-unseen-3 to -10, each written by someone
who had seen neither the classifier nor its tests) were each scored first, before any change
made for them. They are build sets now, since their scores were seen while tuning, and with
themes-train-a to -d the word model's training data: only feedback nobody has read measures the
unseen (UNSEEN). bench/bench_themes.py prints the same scores for the README.

Floors sit a little under what was measured (see the README's feedback section), so a lexicon
change may move them slightly but a regression fails.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from bounceback.themes import classify

SPEC = Path(__file__).resolve().parents[1].parent / "shared" / "spec"
DEV_SET = SPEC / "themes-dev.yaml"
SETS = {
    "themes-dev": DEV_SET,
    "themes-dev-2": SPEC / "themes-dev-2.yaml",
    "held-out": Path(__file__).resolve().parent / "fixtures" / "themes-heldout.yaml",
    "fresh": Path(__file__).resolve().parent / "fixtures" / "themes-fresh.yaml",
    "unseen-2": Path(__file__).resolve().parent / "fixtures" / "themes-unseen-2.yaml",
    "probe": Path(__file__).resolve().parent / "fixtures" / "themes-probe.yaml",
    "unseen-3": Path(__file__).resolve().parent / "fixtures" / "themes-unseen-3.yaml",
    "unseen-4": Path(__file__).resolve().parent / "fixtures" / "themes-unseen-4.yaml",
    "unseen-5": Path(__file__).resolve().parent / "fixtures" / "themes-unseen-5.yaml",
    "unseen-6": Path(__file__).resolve().parent / "fixtures" / "themes-unseen-6.yaml",
    "train-a": Path(__file__).resolve().parent / "fixtures" / "themes-train-a.yaml",
    "train-b": Path(__file__).resolve().parent / "fixtures" / "themes-train-b.yaml",
    "train-c": Path(__file__).resolve().parent / "fixtures" / "themes-train-c.yaml",
    "train-d": Path(__file__).resolve().parent / "fixtures" / "themes-train-d.yaml",
    "unseen-7": Path(__file__).resolve().parent / "fixtures" / "themes-unseen-7.yaml",
    "unseen-8": Path(__file__).resolve().parent / "fixtures" / "themes-unseen-8.yaml",
    "unseen-9": Path(__file__).resolve().parent / "fixtures" / "themes-unseen-9.yaml",
    "unseen-10": Path(__file__).resolve().parent / "fixtures" / "themes-unseen-10.yaml",
}
# Sets kept unseen: never trained on (tools/train_themes.py) nor tuned on, so they measure.
UNSEEN = frozenset({"unseen-7", "unseen-8", "unseen-9", "unseen-10"})
EXACT_FLOOR = 0.95
MICRO_F1_FLOOR = 0.95
BIAS = "possible_bias"
NO_DETAIL = "no_detail"


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
    labelled: frozenset[str] = frozenset()
    # Texts that give a reason (a theme, or one no theme fits), and those called no_detail.
    with_reason: int = 0
    called_no_detail: int = 0

    @property
    def micro(self) -> Counts:
        """All themes' counts pooled."""
        return sum(self.per_theme.values(), Counts())

    @property
    def macro_f1(self) -> float:
        """The mean F1 of the themes the set labels: rare themes count as much as common ones."""
        themes = self.labelled or frozenset(self.per_theme)
        return sum(self.per_theme.get(t, Counts()).f1 for t in themes) / len(themes)

    @property
    def bias_recall(self) -> float:
        """Share of the texts that imply possible bias in which it was found."""
        return self.per_theme.get(BIAS, Counts()).recall

    @property
    def no_detail_rate(self) -> float:
        """Share of texts that give a reason but were told "no specific reason"."""
        return self.called_no_detail / self.with_reason if self.with_reason else 0.0

    def line(self) -> str:
        """The headline numbers on one line."""
        return (
            f"micro-F1 {self.micro.f1:.3f}, macro-F1 {self.macro_f1:.3f}, possible-bias recall "
            f"{self.bias_recall:.3f}, reasons called no_detail {self.called_no_detail}/"
            f"{self.with_reason} ({self.no_detail_rate:.1%}), exact {self.exact:.3f}"
        )

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
        lines.append(self.line())
        return "\n".join(lines)


def score(examples: list[tuple[str, set[str]]]) -> Score:
    """Classify every text and compare the sets of themes with the labels."""
    return scored(examples, [set(classify(text)) for text, _ in examples])


def scored(examples: list[tuple[str, set[str]]], predictions: Sequence[set[str]]) -> Score:
    """Compare given predictions with the labels (tools/themes_loso.py scores a model's)."""
    per_theme: dict[str, Counts] = {}
    exact = with_reason = called_no_detail = 0
    for (text, expected), found in zip(examples, predictions, strict=True):
        exact += found == expected
        if text.strip() and NO_DETAIL not in expected:
            with_reason += 1
            called_no_detail += NO_DETAIL in found
        for theme in found | expected:
            hit = Counts(
                tp=int(theme in found and theme in expected),
                fp=int(theme in found and theme not in expected),
                fn=int(theme in expected and theme not in found),
            )
            per_theme[theme] = per_theme.get(theme, Counts()) + hit
    labelled = frozenset(theme for _, themes in examples for theme in themes)
    return Score(exact / len(examples), per_theme, labelled, with_reason, called_no_detail)


def examples(path: Path) -> list[tuple[str, set[str]]]:
    """A labelled set, as (text, themes) pairs."""
    assert path.is_file(), f"a labelled set is missing: {path} (shared/ should sit beside the repo)"
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(item["text"] or "", set(item["themes"])) for item in items]


def dev_examples() -> list[tuple[str, set[str]]]:
    """The labelled dev set, as (text, themes) pairs."""
    return examples(DEV_SET)


def test_the_dev_set_is_classified_above_the_floor() -> None:
    result = score(dev_examples())
    print(result.report())
    assert result.exact >= EXACT_FLOOR, result.report()
    assert result.micro.f1 >= MICRO_F1_FLOOR, result.report()


def test_the_dev_set_covers_every_theme() -> None:
    labelled = {theme for _, themes in dev_examples() for theme in themes}
    assert len(labelled) == 13


# Measured on 2026-12-04, with the word model beside the rules (bounceback/theme_model.py); each
# floor sits a little under. Every set here but the UNSEEN ones is now also the model's training
# data, so these floors guard what was learnt and say nothing about unseen feedback. Each set's
# honest first score is in its file's header and the README; the held-out batch was scored
# before any tuning (micro-F1 0.682, macro-F1 0.725, possible-bias recall 0.588, 38 of 131
# reasons called no_detail), unseen-2 to unseen-6 each once unseen (0.752, 0.770, 0.629, 0.573,
# 0.785 micro-F1), and tools/themes_loso.py measures the model on each set it was not trained on.
FLOORS = {
    # set: (micro-F1, macro-F1, possible-bias recall, most reasons called no_detail)
    "themes-dev": (0.99, 0.99, 0.95, 0.02),
    "themes-dev-2": (0.97, 0.97, 0.95, 0.02),
    "held-out": (0.97, 0.97, 0.95, 0.02),
    "fresh": (0.97, 0.97, 0.95, 0.02),
    "unseen-2": (0.97, 0.97, 0.95, 0.02),
    "probe": (0.97, 0.97, 0.95, 0.02),
    "unseen-3": (0.97, 0.97, 0.95, 0.02),
    "unseen-4": (0.97, 0.97, 0.95, 0.02),
    "unseen-5": (0.94, 0.94, 0.95, 0.02),
    # Never tuned on by hand; scored once before and once after the rules' last day (0.785 then
    # 0.791 micro-F1, its header), then trained on by the word model.
    "unseen-6": (0.96, 0.96, 0.95, 0.02),
    # Written for the word model to learn from (their headers); scored only as training data.
    "train-a": (0.95, 0.94, 0.95, 0.02),
    "train-b": (0.95, 0.94, 0.95, 0.02),
    "train-c": (0.96, 0.96, 0.95, 0.02),
    "train-d": (0.96, 0.95, 0.95, 0.02),
    # Never read, trained or tuned on (UNSEEN): the honest measures. unseen-7 was scored before
    # the word model, with its first version and with the finished one (0.768, 0.820, 0.852
    # micro-F1), unseen-8 with the first version and the finished one (0.807, 0.831), unseen-9
    # and unseen-10 once each, with the finished one (0.845, 0.855); every choice between
    # versions was made on the build sets.
    "unseen-7": (0.83, 0.83, 0.90, 0.02),
    "unseen-8": (0.81, 0.81, 0.80, 0.02),
    "unseen-9": (0.82, 0.82, 0.95, 0.02),
    "unseen-10": (0.83, 0.83, 0.90, 0.02),
}


@pytest.mark.parametrize("name", list(FLOORS))
def test_each_labelled_set_scores_above_its_floor(name: str) -> None:
    result = score(examples(SETS[name]))
    micro, macro, bias, no_detail = FLOORS[name]
    print(name, result.line())
    assert result.micro.f1 >= micro, result.report()
    assert result.macro_f1 >= macro, result.report()
    assert result.bias_recall >= bias, result.report()
    assert result.no_detail_rate <= no_detail, result.report()


def test_the_held_out_batch_is_big_and_covers_every_theme_and_unsorted_text() -> None:
    held_out = examples(SETS["held-out"])
    assert len(held_out) >= 120
    assert len({theme for _, themes in held_out for theme in themes}) == 13
    assert any(text.strip() and not themes for text, themes in held_out)
