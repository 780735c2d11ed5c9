"""Train the word model that sits beside the theme rules and write data/theme_model.json.

One-vs-rest logistic regression (L2 penalty, Nesterov-accelerated gradient descent from zero for
a fixed number of steps, so the same data gives the same weights) on what
bounceback.themes.model_features reads of each text. Trained on every labelled set in
tests/test_themes_devset.SETS but those kept unseen (UNSEEN there, so they still measure
feedback the classifier has never met) and on the labelled sentences of tests/test_themes.py.
Plain numpy, already installed with pandas: no scikit-learn, nothing trained at run time.

Run from the repo root after changing a labelled set or the rules:
    .venv/bin/python tools/train_themes.py
tests/test_theme_model.py fails when the shipped file is not what this would write.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from bounceback.files import write_atomic  # noqa: E402
from bounceback.theme_model import MODEL_FILE  # noqa: E402
from bounceback.themes import model_features  # noqa: E402
from tests.test_themes import LABELLED  # noqa: E402
from tests.test_themes_devset import SETS, UNSEEN, examples  # noqa: E402

THEMES = (
    "skills_gap",
    "experience",
    "preparation",
    "answer_quality",
    "confidence",
    "selling_yourself",
    "motivation_fit",
    "first_impression",
    "strong_field",
    "circumstances",
    "logistics",
    "possible_bias",
)
MIN_TEXTS = 2  # a feature seen in one text only is that text's, not the theme's
PENALTY = 1e-4  # L2 strength per text: the best of 3e-5..3e-3 left out (tools/themes_loso.py)
STEPS = 400
KEEP = 0.1  # smaller weights are dropped: measured to change no score by more than 0.003
DIGITS = 3
# Thresholds picked by leave-one-set-out on the build sets (tools/themes_loso.py).
ADD_AT = 0.7
PLACE_AT = 0.5
DROP_AT = 0.05  # of 0.02, 0.05 and 0.1 the best on every set left out
POSSIBLE_BIAS_AT = 0.4  # bias recall 0.89 -> 0.92 left out, for 0.002 micro-F1

Example = tuple[str, set[str]]


@dataclass(frozen=True)
class Fitted:
    """Weights as arrays: features, biases, feature-by-theme matrix."""

    features: tuple[str, ...]
    bias: np.ndarray
    weights: np.ndarray


def training_examples() -> list[Example]:
    """Every labelled text but the unseen sets', each text once: the batches, then the
    sentences of tests/test_themes.py. A text an unseen set also holds stays out, so the
    unseen sets stay unseen even where two writers wrote the same words."""
    unseen = {text for name in UNSEEN for text, _ in examples(SETS[name])}
    seen: dict[str, set[str]] = {}
    for name, path in SETS.items():
        if name not in UNSEEN:
            for text, themes in examples(path):
                seen.setdefault(text, themes)
    for text, themes in LABELLED:
        if text.strip():
            seen.setdefault(text, themes)
    return [(text, themes) for text, themes in seen.items() if text not in unseen]


@dataclass(frozen=True)
class Counts:
    """A texts-by-features count matrix held as its non-zero cells: a text has a few dozen of
    the thousands of features, and the dense matrix would take most of a gigabyte."""

    rows: np.ndarray
    columns: np.ndarray
    values: np.ndarray
    shape: tuple[int, int]

    def times(self, right: np.ndarray) -> np.ndarray:
        """This matrix times a features-by-k one."""
        cells = self.values[:, None] * right[self.columns]
        return self._summed(self.rows, cells, self.shape[0])

    def transposed_times(self, left: np.ndarray) -> np.ndarray:
        """This matrix transposed times a texts-by-k one."""
        cells = self.values[:, None] * left[self.rows]
        return self._summed(self.columns, cells, self.shape[1])

    @staticmethod
    def _summed(index: np.ndarray, cells: np.ndarray, size: int) -> np.ndarray:
        """Cells added up by row (or column) index."""
        return np.column_stack(
            [np.bincount(index, weights=cells[:, k], minlength=size) for k in range(cells.shape[1])]
        )


def fit(examples: Sequence[Example], penalty: float = PENALTY, steps: int = STEPS) -> Fitted:
    """Fit one logistic regression per theme on (text, themes) pairs."""
    featured = [model_features(text) for text, _ in examples]
    seen: dict[str, int] = {}
    for features in featured:
        for feature in set(features):
            seen[feature] = seen.get(feature, 0) + 1
    vocabulary = tuple(sorted(feature for feature, n in seen.items() if n >= MIN_TEXTS))
    column = {feature: index for index, feature in enumerate(vocabulary)}
    cells: dict[tuple[int, int], float] = {}
    for row, features in enumerate(featured):
        for feature in features:
            if feature in column:
                cells[row, column[feature]] = cells.get((row, column[feature]), 0.0) + 1.0
        cells[row, len(vocabulary)] = 1.0  # a last column of ones carries the bias
    rows, columns = np.array(list(cells)).T
    x = Counts(rows, columns, np.array(list(cells.values())), (len(examples), len(vocabulary) + 1))
    y = np.array([[theme in themes for theme in THEMES] for _, themes in examples], dtype=float)
    weights = _gradient_descent(x, y, penalty, steps)
    return Fitted(vocabulary, weights[-1], weights[:-1])


def _gradient_descent(x: Counts, y: np.ndarray, penalty: float, steps: int) -> np.ndarray:
    """Minimise mean log-loss plus penalty/2 * |W|^2 from zero; the bias row is not penalised."""
    n, width = x.shape
    # Step size from the loss's curvature bound: a quarter of the top singular value squared.
    vector = np.ones((width, 1)) / np.sqrt(width)
    for _ in range(50):
        vector = x.transposed_times(x.times(vector))
        vector /= np.linalg.norm(vector)
    top = float(np.linalg.norm(x.times(vector))) ** 2
    step = 1.0 / (0.25 * top / n + penalty)
    mask = np.ones((width, 1))
    mask[-1] = 0.0
    weights = np.zeros((width, y.shape[1]))
    previous = weights
    for number in range(1, steps + 1):
        ahead = weights + (number - 1) / (number + 2) * (weights - previous)
        predicted = 1.0 / (1.0 + np.exp(-x.times(ahead)))
        gradient = x.transposed_times(predicted - y) / n + penalty * mask * ahead
        previous, weights = weights, ahead - step * gradient
    return weights


def as_file(
    fitted: Fitted,
    add_at: float = ADD_AT,
    place_at: float = PLACE_AT,
    drop_at: float = DROP_AT,
    possible_bias_at: float = POSSIBLE_BIAS_AT,
) -> dict:
    """The model as data/theme_model.json holds it: sparse, rounded weights."""
    weights: dict[str, list[list[float]]] = {}
    for feature, row in zip(fitted.features, fitted.weights, strict=True):
        kept = [[index, round(float(w), DIGITS)] for index, w in enumerate(row) if abs(w) >= KEEP]
        if kept:
            weights[feature] = kept
    return {
        "about": "Written by tools/train_themes.py; do not edit by hand.",
        "themes": list(THEMES),
        "bias": [round(float(b), DIGITS) for b in fitted.bias],
        "add_at": add_at,
        "place_at": place_at,
        "drop_at": drop_at,
        "possible_bias_at": possible_bias_at,
        "weights": weights,
    }


def main() -> None:
    """Train on the build sets and write the model file atomically."""
    training = training_examples()
    model = as_file(fit(training))
    text = json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    write_atomic(MODEL_FILE, text.encode("utf-8") + b"\n")
    print(f"{MODEL_FILE}: {len(training)} texts, {len(model['weights'])} features")


if __name__ == "__main__":
    main()
