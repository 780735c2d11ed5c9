"""The word model beside the theme rules: shipped as trained, read as the rules leave the text,
and every theme it adds explained by a word of the text."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bounceback.theme_model import MODEL_FILE, WordModel, load_model, unit_features
from bounceback.themes import NO_DETAIL, Lexicon, classify, explain, load_lexicon
from tests.test_themes_devset import SETS, UNSEEN, examples
from tools import train_themes

LEXICON = """\
themes:
  - id: confidence
    label: Nerves
    phrases:
      - nervous
  - id: motivation_fit
    label: Motivation
    phrases:
      - not (keen|motivated)
  - id: first_impression
    label: Manner
    phrases:
      - late
  - id: possible_bias
    label: Possible bias
    flags:
      - your age
  - id: no_detail
    label: No specific reason
    phrases:
      - decided to go with other candidates
"""


def tiny_model(folder: Path, weights: dict[str, list[list[float]]]) -> Path:
    """A model file in the trainer's format: three themes, each 8 % likely before any word."""
    path = folder / "model.json"
    model = {
        "themes": ["confidence", "motivation_fit", "possible_bias"],
        "bias": [-2.5, -2.5, -2.5],
        "add_at": 0.7,
        "place_at": 0.5,
        "drop_at": 0.05,
        "possible_bias_at": 0.4,
        "weights": weights,
    }
    path.write_text(json.dumps(model), encoding="utf-8")
    return path


@pytest.fixture
def lexicon(tmp_path: Path) -> Lexicon:
    """Three themes and a stock decline, with a model that links "shaky" and "jittery" to
    nerves and "bored" to motivation."""
    rules = tmp_path / "themes.yaml"
    rules.write_text(LEXICON, encoding="utf-8")
    weights = {
        "shaky": [[0, 5.0]],
        "jitte~": [[0, 5.0]],
        "bored": [[1, 6.0]],
        "late": [[0, 9.0]],  # a bad weight, to show ruled-out words cannot reach the model
        "kidding": [[0, -5.0], [2, -5.0]],  # words that make nerves and bias unlikely
    }
    return replace(load_lexicon(rules), model_file=tiny_model(tmp_path, weights))


def test_the_model_places_a_text_the_rules_could_not(lexicon: Lexicon) -> None:
    (match,) = explain("Honestly you seemed shaky all the way through.", lexicon)
    assert (match.theme, match.phrase) == ("confidence", "shaky")


def test_a_word_opening_carries_to_a_new_ending_and_points_at_the_word(lexicon: Lexicon) -> None:
    text = "They thought I was Jittery."
    (match,) = explain(text, lexicon)
    assert match.theme == "confidence"
    assert text[match.start : match.end] == match.phrase == "Jittery"


def test_the_model_adds_beside_the_rules_only_what_they_missed(lexicon: Lexicon) -> None:
    assert classify("You were nervous and shaky.", lexicon) == ["confidence"]
    found = classify("You were nervous, and you looked bored.", lexicon)
    assert found == ["confidence", "motivation_fit"]


def test_words_the_rules_ruled_out_never_reach_the_model(lexicon: Lexicon) -> None:
    # "late" weighs 9 for nerves in this model, but "not late at all" is ruled out.
    assert classify("You were late; the parking was awkward.", lexicon) == [
        "first_impression",
        "confidence",
    ]
    assert classify("You were not late at all; the parking was awkward.", lexicon) == []


def test_nothing_is_added_beside_no_specific_reason(lexicon: Lexicon) -> None:
    assert classify("We decided to go with other candidates. Bored.", lexicon) == [NO_DETAIL]
    assert classify("We decided to go with other candidates. Bored, bored.", lexicon) == [
        "motivation_fit"
    ]


def test_a_theme_the_whole_sentence_makes_very_unlikely_is_dropped(lexicon: Lexicon) -> None:
    assert classify("You were nervous, only kidding.", lexicon) == []
    assert classify("You were nervous.", lexicon) == ["confidence"]


def test_possible_bias_is_never_dropped_on_the_models_doubt(lexicon: Lexicon) -> None:
    assert classify("They asked about your age, only kidding.", lexicon) == ["possible_bias"]


def test_a_theme_an_advisor_extends_is_never_dropped(tmp_path: Path) -> None:
    rules = tmp_path / "themes.yaml"
    rules.write_text(LEXICON, encoding="utf-8")
    mine = tmp_path / "mine.yaml"
    mine.write_text("themes:\n  - id: confidence\n    phrases:\n      - wobbly\n", encoding="utf-8")
    model = tiny_model(tmp_path, {"kidding": [[0, -5.0]]})
    lexicon = replace(load_lexicon(rules, override=mine), model_file=model)
    assert classify("You were wobbly, only kidding.", lexicon) == ["confidence"]
    assert classify("You were nervous, only kidding.", lexicon) == ["confidence"]


def test_a_lexicon_without_a_model_is_the_rules_alone(lexicon: Lexicon) -> None:
    assert classify("you seemed shaky", replace(lexicon, model_file=None)) == []


def test_an_advisors_theme_is_never_the_models(tmp_path: Path) -> None:
    rules = tmp_path / "themes.yaml"
    rules.write_text(LEXICON.replace("motivation_fit", "portfolio"), encoding="utf-8")
    model = tiny_model(tmp_path, {"bored": [[1, 6.0]]})
    assert classify("you seemed bored", replace(load_lexicon(rules), model_file=model)) == []


@pytest.mark.parametrize(
    "unit",
    [
        "you didnt seem keen on the travel, and your answers ran long",
        "we want someone who'll be here for the long haul",
        "nervous nervous nervous",
        "",
    ],
)
def test_a_sentences_totals_are_its_features_weights_summed(unit: str) -> None:
    model = load_model(MODEL_FILE)
    expected = [0.0] * len(model.themes)
    for feature in unit_features(unit):
        for index, weight in enumerate(model.weights.get(feature, ())):
            expected[index] += weight
    assert model.unit_totals(unit) == pytest.approx(expected)


def test_the_shipped_model_knows_the_work_themes_but_not_no_specific_reason() -> None:
    model: WordModel = load_model(MODEL_FILE)
    assert NO_DETAIL not in model.themes
    assert set(model.themes) <= set(load_lexicon().ids)
    assert 0 < model.drop_at < model.possible_bias_at <= model.place_at <= model.add_at < 1


def test_the_shipped_model_is_what_training_on_the_labelled_sets_writes() -> None:
    shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    trained = train_themes.as_file(train_themes.fit(train_themes.training_examples()))
    settings = ("themes", "add_at", "place_at", "drop_at", "possible_bias_at")
    assert [shipped[key] for key in settings] == [trained[key] for key in settings]
    assert shipped["bias"] == pytest.approx(trained["bias"], abs=2e-3)
    # Rounding and the small-weight cut may fall either side on another machine's arithmetic.
    near = train_themes.KEEP + 2e-3
    for feature in set(shipped["weights"]) | set(trained["weights"]):
        mine = dict(map(tuple, shipped["weights"].get(feature, [])))
        theirs = dict(map(tuple, trained["weights"].get(feature, [])))
        for index in set(mine) | set(theirs):
            assert mine.get(index, 0.0) == pytest.approx(theirs.get(index, 0.0), abs=near), (
                f"{feature!r}: data/theme_model.json is stale; run tools/train_themes.py"
            )


def test_no_text_kept_unseen_is_trained_on() -> None:
    unseen = {text for name in UNSEEN for text, _ in examples(SETS[name])}
    assert unseen, "an unseen set is named but holds no text"
    assert not unseen & {text for text, _ in train_themes.training_examples()}
