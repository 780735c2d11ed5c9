"""A small word model beside the theme rules: it finds themes in wording no rule has a phrase for.

The rules are precise but only know the phrases someone wrote down; feedback from a new writer
keeps finding new ways to say the same thing. The model is one logistic regression per theme on
a sentence's words, word pairs and long-word openings, trained offline on our labelled feedback
(tools/train_themes.py writes data/theme_model.json; nothing is downloaded or trained at run
time). themes.explain asks it only for themes the rules missed, reads only the words the rules
did not rule out ("not nervous at all", "great SQL"), and never beside "no specific reason".
Each theme it adds is explained by the word in the text that weighed most for it. A theme the
rules found that the whole sentence makes very unlikely (under 5 %: a phrase read out of its
sense, "a strong field" of study) is dropped, but never possible bias, which is added from 40 %.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from pathlib import Path

from bounceback.config import DATA_DIR

MODEL_FILE = DATA_DIR / "theme_model.json"
STEM = 5  # letters kept of a longer word: its stem, roughly, and robust to a late typo
# Words that say nothing on their own; they still count inside word pairs ("not clear").
PAIR_ONLY = frozenset(
    (
        *("a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "as"),
        *("by", "is", "was", "were", "be", "been", "it", "its", "this", "that", "i", "you"),
        *("we", "they", "he", "she", "our", "your", "my", "their"),
    )
)
_TOKEN = re.compile(r"[a-z0-9][a-z0-9']*")
BIAS = "possible_bias"
# Never dropped on the model's doubt: a hint of bias is worth a false alarm the user can judge.
ALWAYS_KEPT = frozenset({BIAS})
_KEPT = 20_000  # sentences and words whose weights are remembered (stock lines recur)


@dataclass(frozen=True)
class WordModel:
    """Per-theme biases and weights, and the probabilities at which a theme is added."""

    themes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per theme
    add_at: float  # beside themes the rules found
    place_at: float  # for a text the rules could not place (unsorted)
    drop_at: float  # below this a theme the rules found is dropped
    # Possible bias is added from this (beside rule themes or not): a missed hint costs the
    # user more than a false alarm they can weigh for themselves.
    possible_bias_at: float
    _units: dict[str, tuple[float, ...]] = field(default_factory=dict, compare=False, repr=False)
    _words: dict[str, tuple[float, ...] | None] = field(
        default_factory=dict, compare=False, repr=False
    )

    @cached_property
    def _limits(self) -> tuple[float, float, float, float]:
        """The thresholds as log-odds, to compare with totals without an exp per theme."""
        return (
            _logit(self.add_at),
            _logit(self.place_at),
            _logit(self.drop_at),
            _logit(self.possible_bias_at),
        )

    def judged(self, units: Sequence[str], found: Sequence[str]) -> tuple[list[str], set[str]]:
        """Themes to add to what the rules found, most probable first, and the rules' themes
        the words make very unlikely (a phrase read out of its sense), to drop."""
        add_limit, place_limit, drop_limit, bias_limit = self._limits
        limit = add_limit if found else place_limit
        rows = [self.unit_totals(unit) for unit in units]
        chosen: list[tuple[float, str]] = []
        doubted: set[str] = set()
        totals = map(sum, zip(self.bias, *rows, strict=True))
        for theme, total in zip(self.themes, totals, strict=True):
            if theme in found:
                if total < drop_limit and theme not in ALWAYS_KEPT:
                    doubted.add(theme)
            elif total >= (bias_limit if theme == BIAS else limit):
                chosen.append((-total, theme))
        return [theme for _, theme in sorted(chosen)], doubted

    def strongest(self, theme: str, spans: dict[str, tuple[int, int]]) -> tuple[int, int] | None:
        """Where the feature that weighed most for this theme sits, to explain the choice."""
        index = self.themes.index(theme)
        best, where = 0.0, None
        for feature, span in spans.items():
            row = self.weights.get(feature)
            if row is not None and row[index] > best:
                best, where = row[index], span
        return where

    def unit_totals(self, unit: str) -> tuple[float, ...]:
        """One sentence's weights by theme: the sum over unit_features(unit), worked out once
        per distinct sentence, a word's own and its opening's weights once per distinct word."""
        known = self._units.get(unit)
        if known is None:
            words = _TOKEN.findall(unit.replace("'", "") if "'" in unit else unit)
            rows = [row for row in map(self._word_row, words) if row is not None]
            pairs = self.weights
            rows += [row for a, b in pairwise(words) if (row := pairs.get(f"{a} {b}"))]
            known = tuple(map(sum, zip(*rows, strict=True))) if rows else (0.0,) * len(self.themes)
            if len(self._units) >= _KEPT:
                self._units.clear()
            self._units[unit] = known
        return known

    def _word_row(self, word: str) -> tuple[float, ...] | None:
        """A word's weights plus its opening's ("nervo~"), remembered per word."""
        if word in self._words:
            return self._words[word]
        weights = self.weights
        own = None if word in PAIR_ONLY else weights.get(word)
        opening = weights.get(word[:STEM] + "~") if len(word) > STEM else None
        row = tuple(map(sum, zip(own, opening, strict=True))) if own and opening else own or opening
        if len(self._words) >= _KEPT:
            self._words.clear()
        self._words[word] = row
        return row


def unit_features(unit: str) -> list[str]:
    """A sentence's features, as often as they occur (what training counts)."""
    return [feature for feature, _ in feature_spans(unit)]


def feature_spans(unit: str, offset: int = 0) -> Iterator[tuple[str, tuple[int, int]]]:
    """Each feature of a sentence with the span it covers (offset into the whole text): its
    words (apostrophes dropped, so "didnt" is "didn't"), the openings of its long words
    ("nervo~" for "nervous"), and word pairs but two little words ("not clear", not "it was").
    WordModel.unit_totals sums the same features' weights without listing them."""
    tokens = [
        (m.group().replace("'", ""), m.start() + offset, m.end() + offset)
        for m in _TOKEN.finditer(unit)
    ]
    for word, start, end in tokens:
        if word not in PAIR_ONLY:
            yield word, (start, end)
        if len(word) > STEM:
            yield word[:STEM] + "~", (start, end)
    for (first, start, _), (second, _, end) in pairwise(tokens):
        if first not in PAIR_ONLY or second not in PAIR_ONLY:
            yield f"{first} {second}", (start, end)


@functools.cache
def load_model(path: Path) -> WordModel:
    """A model file as tools/train_themes.py writes it (sparse), with a full row per feature."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    themes = tuple(raw["themes"])
    weights = {}
    for feature, pairs in raw["weights"].items():
        row = [0.0] * len(themes)
        for index, weight in pairs:
            row[index] = float(weight)
        weights[feature] = tuple(row)
    return WordModel(
        themes=themes,
        bias=tuple(float(value) for value in raw["bias"]),
        weights=weights,
        add_at=float(raw["add_at"]),
        place_at=float(raw["place_at"]),
        drop_at=float(raw["drop_at"]),
        possible_bias_at=float(raw["possible_bias_at"]),
    )


def _logit(probability: float) -> float:
    """The log-odds of a probability: thresholds compared with totals, no exp per theme."""
    return math.log(probability / (1.0 - probability))
