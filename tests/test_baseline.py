"""The 1-in-6 baseline maths: exact values, properties and the sentence shown on the page."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounceback.baseline import (
    OfferOdds,
    interviews_needed,
    offer_odds,
    poisson_binomial,
    standing_sentence,
    track_band,
)

pool_sizes = st.lists(st.integers(min_value=1, max_value=30), max_size=60)
small_pool_sizes = st.lists(st.integers(min_value=1, max_value=30), max_size=8)
small_probabilities = st.lists(st.floats(min_value=0.0, max_value=1.0), max_size=8)


def brute_force(probabilities: list[float]) -> list[float]:
    """P(X = j) by summing over every one of the 2^n outcomes."""
    distribution = [0.0] * (len(probabilities) + 1)
    for outcome in itertools.product((False, True), repeat=len(probabilities)):
        weight = math.prod(
            p if hit else 1.0 - p for p, hit in zip(probabilities, outcome, strict=True)
        )
        distribution[sum(outcome)] += weight
    return distribution


@st.composite
def records(draw: st.DrawFn) -> tuple[list[int], int]:
    """Pool sizes with a possible offer count among them."""
    pools = draw(pool_sizes)
    return pools, draw(st.integers(min_value=0, max_value=len(pools)))


# Exact values


def test_six_interviews_at_one_in_six_give_a_two_in_three_chance_of_an_offer() -> None:
    odds = offer_odds([6] * 6, offers=0)
    assert round(odds.p_at_least_one, 4) == 0.6651
    assert odds.p_at_least_one == pytest.approx(1 - (5 / 6) ** 6, abs=1e-12)


def test_no_offer_after_five_interviews_is_where_five_sixths_to_the_fifth_stand() -> None:
    odds = offer_odds([6] * 5, offers=0)
    assert round(odds.p_at_most_observed, 4) == 0.4019
    assert odds.p_at_most_observed == pytest.approx((5 / 6) ** 5, abs=1e-12)
    assert odds.p_at_least_observed == pytest.approx(1.0, abs=1e-12)


def test_mixed_pool_sizes_match_the_hand_computation() -> None:
    # p = 1/2, 1/4, 1/10: P(0) = .5*.75*.9, P(3) = .5*.25*.1, the rest by hand.
    odds = offer_odds([2, 4, 10], offers=1)
    assert odds.distribution == pytest.approx((0.3375, 0.4875, 0.1625, 0.0125), abs=1e-12)
    assert odds.expected == pytest.approx(0.85, abs=1e-12)
    assert odds.p_at_least_one == pytest.approx(0.6625, abs=1e-12)
    assert odds.p_at_most_observed == pytest.approx(0.825, abs=1e-12)
    assert odds.p_at_least_observed == pytest.approx(0.6625, abs=1e-12)


@pytest.mark.parametrize(
    "pools",
    [[6], [6, 6, 6], [2, 4, 10], [1, 3, 7, 100], [6] * 50],
)
def test_expected_offers_are_the_sum_of_one_over_each_pool_size(pools: list[int]) -> None:
    assert offer_odds(pools, offers=0).expected == pytest.approx(sum(1 / k for k in pools))


def test_a_pool_of_one_is_a_certain_offer() -> None:
    odds = offer_odds([1, 1], offers=2)
    assert odds.distribution == pytest.approx((0.0, 0.0, 1.0))
    assert odds.p_at_least_one == 1.0


def test_no_closed_interviews_means_certainly_no_offers_yet() -> None:
    odds = offer_odds([], offers=0)
    assert odds == OfferOdds(
        processes=0,
        offers=0,
        expected=0.0,
        p_at_least_one=0.0,
        p_at_most_observed=1.0,
        p_at_least_observed=1.0,
        distribution=(1.0,),
    )


def test_thousands_of_interviews_still_give_a_distribution_that_sums_to_one() -> None:
    odds = offer_odds([6, 2, 40, 9] * 2_500, offers=1_000)
    assert len(odds.distribution) == 10_001
    assert math.fsum(odds.distribution) == pytest.approx(1.0, abs=1e-9)
    assert min(odds.distribution) >= 0.0


# Properties


@given(pool_sizes)
def test_the_distribution_sums_to_one_and_has_no_negatives(pools: list[int]) -> None:
    distribution = offer_odds(pools, offers=0).distribution
    assert len(distribution) == len(pools) + 1
    assert math.fsum(distribution) == pytest.approx(1.0, abs=1e-9)
    assert min(distribution) >= 0.0


@given(small_pool_sizes)
def test_offer_odds_match_brute_force_enumeration(pools: list[int]) -> None:
    expected = brute_force([1 / k for k in pools])
    assert offer_odds(pools, offers=0).distribution == pytest.approx(expected, abs=1e-12)


@given(small_probabilities)
def test_poisson_binomial_matches_brute_force_for_any_probabilities(
    probabilities: list[float],
) -> None:
    expected = brute_force(probabilities)
    assert poisson_binomial(probabilities) == pytest.approx(np.array(expected), abs=1e-12)


@given(records())
def test_at_most_plus_at_least_counts_the_observed_outcome_once(
    record: tuple[list[int], int],
) -> None:
    pools, offers = record
    odds = offer_odds(pools, offers)
    total = odds.p_at_most_observed + odds.p_at_least_observed - odds.distribution[offers]
    assert total == pytest.approx(1.0, abs=1e-9)


@given(pool_sizes)
def test_at_least_one_offer_is_one_minus_the_chance_of_none(pools: list[int]) -> None:
    odds = offer_odds(pools, offers=0)
    assert odds.p_at_least_one == pytest.approx(1.0 - odds.distribution[0], abs=1e-9)


@given(pool_sizes)
def test_the_band_has_low_at_most_high_and_both_never_fall(pools: list[int]) -> None:
    band = track_band(pools)
    assert list(band.columns) == ["draws", "expected", "low", "high"]
    assert list(band["draws"]) == list(range(len(pools) + 1))
    assert (band["low"] <= band["high"]).all()
    assert band["low"].is_monotonic_increasing
    assert band["high"].is_monotonic_increasing
    assert (band["high"] <= band["draws"]).all()


@given(pool_sizes)
def test_the_band_expected_column_accumulates_the_offer_chances(pools: list[int]) -> None:
    band = track_band(pools)
    cumulative = [0.0, *itertools.accumulate(1 / k for k in pools)]
    assert list(band["expected"]) == pytest.approx(cumulative)


@given(records())
def test_the_band_quantiles_agree_with_the_full_distribution(
    record: tuple[list[int], int],
) -> None:
    pools, _ = record
    last = track_band(pools, low=0.25, high=0.75).iloc[-1]
    cdf = np.cumsum(offer_odds(pools, offers=0).distribution)
    assert last["low"] == int(np.searchsorted(cdf, 0.25 - 1e-12))
    assert last["high"] == min(int(np.searchsorted(cdf, 0.75 - 1e-12)), len(pools))


def test_the_band_for_six_interviews_at_one_in_six() -> None:
    band = track_band([6] * 6)
    # After n draws, P(0 offers) = (5/6)^n: above 0.1 throughout, above 0.9 only for n = 0.
    assert list(band["low"]) == [0] * 7
    assert list(band["high"]) == [0, 1, 1, 1, 2, 2, 2]


# How many interviews


@pytest.mark.parametrize(
    ("target", "pool_size", "needed"),
    [
        (0.5, 6, 4),
        (0.8, 6, 9),
        (0.9, 6, 13),
        (0.5, 2, 1),
        (0.75, 2, 2),
        (0.99, 1, 1),
        (0.1, 6, 1),
    ],
)
def test_interviews_needed_for_a_target_chance_of_an_offer(
    target: float, pool_size: int, needed: int
) -> None:
    assert interviews_needed(target, pool_size) == needed


def test_interviews_needed_defaults_to_one_in_six() -> None:
    assert interviews_needed(0.5) == 4


@given(
    st.floats(min_value=1e-6, max_value=1 - 1e-6),
    st.integers(min_value=2, max_value=1_000),
)
def test_interviews_needed_is_the_fewest_that_reach_the_target(
    target: float, pool_size: int
) -> None:
    needed = interviews_needed(target, pool_size)

    def chance(n: int) -> float:
        return -math.expm1(n * math.log1p(-1 / pool_size))

    assert chance(needed) >= target
    assert needed == 1 or chance(needed - 1) < target


# Invalid input


@pytest.mark.parametrize(
    ("pools", "offers", "message"),
    [
        ([6, 0, 6], 0, "pool size at position 2 must be at least 1"),
        ([-3], 0, "pool size at position 1 must be at least 1"),
        ([6, 2.5], 0, "pool size at position 2 must be a whole number"),
        (["6"], 0, "pool size at position 1 must be a whole number"),
        ([True], 0, "pool size at position 1 must be a whole number"),
        ([6, 6], -1, "offers cannot be negative"),
        ([6, 6], 3, r"offers \(3\) cannot exceed the closed interview processes \(2\)"),
        ([], 1, r"offers \(1\) cannot exceed"),
        ([6, 6], 1.0, "offers must be a whole number"),
    ],
)
def test_offer_odds_names_the_problem_with_invalid_input(
    pools: list[object], offers: object, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        offer_odds(pools, offers)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("target", "pool_size", "message"),
    [
        (0.0, 6, "target must be a probability strictly between 0 and 1"),
        (1.0, 6, "target must be a probability strictly between 0 and 1"),
        (-0.2, 6, "target must be a probability strictly between 0 and 1"),
        (1.5, 6, "target must be a probability strictly between 0 and 1"),
        (math.nan, 6, "target must be a probability strictly between 0 and 1"),
        (0.5, 0, "pool_size must be at least 1"),
        (0.5, 6.0, "pool_size must be a whole number"),
    ],
)
def test_interviews_needed_names_the_problem_with_invalid_input(
    target: float, pool_size: object, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        interviews_needed(target, pool_size)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("probabilities", "message"),
    [
        ([0.5, 1.5], "probability at position 2 must be between 0 and 1"),
        ([-0.1], "probability at position 1 must be between 0 and 1"),
        ([math.nan], "probability at position 1 must be between 0 and 1"),
        ([[0.5, 0.5]], "probabilities must be a flat sequence"),
    ],
)
def test_poisson_binomial_names_the_problem_with_invalid_probabilities(
    probabilities: list[object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        poisson_binomial(probabilities)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("pools", "low", "high", "message"),
    [
        ([6, 0], 0.1, 0.9, "pool size at position 2 must be at least 1"),
        ([6], 0.9, 0.1, "band quantiles need 0 < low <= high < 1"),
        ([6], 0.0, 0.9, "band quantiles need 0 < low <= high < 1"),
        ([6], 0.1, 1.0, "band quantiles need 0 < low <= high < 1"),
    ],
)
def test_track_band_names_the_problem_with_invalid_input(
    pools: list[int], low: float, high: float, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        track_band(pools, low, high)


# The sentence on the page


@pytest.mark.parametrize(
    ("pools", "offers", "sentence"),
    [
        (
            [6] * 5,
            0,
            "4 in 10 candidates with 5 interviews at these odds also have no offer yet.",
        ),
        (
            [6],
            0,
            "8 in 10 candidates with 1 interview at these odds also have no offer yet.",
        ),
        (
            [6] * 30,
            0,
            "Fewer than 1 in 10 candidates with 30 interviews at these odds"
            " also have no offer yet.",
        ),
        (
            [40],
            0,
            "Almost all candidates with 1 interview at these odds also have no offer yet.",
        ),
        (
            [6] * 9,
            2,
            "You have 2 offers from 9 interviews; at these odds about 1.5 were expected.",
        ),
        (
            [6, 6, 6],
            1,
            "You have 1 offer from 3 interviews; at these odds about 0.5 were expected.",
        ),
        (
            [],
            0,
            "No interviews have closed yet, so there is nothing to compare with the odds.",
        ),
    ],
)
def test_standing_sentence_for_worked_examples(
    pools: list[int], offers: int, sentence: str
) -> None:
    assert standing_sentence(offer_odds(pools, offers)) == sentence
