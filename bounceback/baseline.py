"""The 1-in-6 baseline: how a job seeker's offers compare with the odds every candidate faces."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from numbers import Integral

import numpy as np
import pandas as pd

# Hiring managers interview about six candidates per vacancy (the seeds' survey).
DEFAULT_POOL_SIZE = 6
# Float drift allowed when a cumulative probability should exactly reach a quantile.
_QUANTILE_SLACK = 1e-12


@dataclass(frozen=True)
class OfferOdds:
    """Where one record of offers sits among all candidates who had the same interviews."""

    processes: int
    offers: int
    expected: float
    p_at_least_one: float
    p_at_most_observed: float
    p_at_least_observed: float
    distribution: tuple[float, ...]


def offer_odds(pool_sizes: Sequence[int], offers: int) -> OfferOdds:
    """Place the user's offers in the baseline distribution, so a rejection reads as one draw."""
    probabilities = _probabilities_from_pools(pool_sizes)
    _check_offers(offers, probabilities.size)
    distribution = poisson_binomial(probabilities)
    return OfferOdds(
        processes=probabilities.size,
        offers=int(offers),
        expected=math.fsum(probabilities.tolist()),
        p_at_least_one=float(1.0 - np.prod(1.0 - probabilities)),
        p_at_most_observed=min(1.0, float(distribution[: offers + 1].sum())),
        p_at_least_observed=min(1.0, float(distribution[offers:].sum())),
        distribution=tuple(distribution.tolist()),
    )


def poisson_binomial(probabilities: Sequence[float]) -> np.ndarray:
    """Exact P(X = j) for independent draws, so rare outcomes are not lost to simulation noise."""
    checked = _checked_probabilities(probabilities)
    final = deque(_running_distributions(checked), maxlen=1)[0]
    tidy = np.clip(final, 0.0, None)
    return tidy / tidy.sum()


def interviews_needed(target: float, pool_size: int = DEFAULT_POOL_SIZE) -> int:
    """The interviews that give a target chance of at least one offer, so effort has an end."""
    if not 0.0 < target < 1.0:
        raise ValueError(f"target must be a probability strictly between 0 and 1, got {target!r}")
    _check_pool_size(pool_size, "pool_size")
    if pool_size == 1:
        return 1
    log_miss = math.log1p(-1.0 / pool_size)
    needed = max(1, math.ceil(math.log1p(-target) / log_miss))
    while not _reaches(needed, log_miss, target):
        needed += 1
    while needed > 1 and _reaches(needed - 1, log_miss, target):
        needed -= 1
    return needed


def track_band(pool_sizes: Sequence[int], low: float = 0.1, high: float = 0.9) -> pd.DataFrame:
    """Where most candidates' offers fall after each interview, to answer "am I on track?"."""
    if not 0.0 < low <= high < 1.0:
        raise ValueError(f"band quantiles need 0 < low <= high < 1, got low={low!r}, high={high!r}")
    probabilities = _probabilities_from_pools(pool_sizes)
    bounds = _band_bounds(probabilities, np.array([low, high]) - _QUANTILE_SLACK)
    return pd.DataFrame(
        {
            "draws": np.arange(probabilities.size + 1, dtype=np.int64),
            "expected": np.concatenate(([0.0], np.cumsum(probabilities))),
            "low": bounds[:, 0],
            "high": bounds[:, 1],
        }
    )


def standing_sentence(odds: OfferOdds) -> str:
    """One warm, honest line on where the user stands, so a dry run reads as odds, not a verdict."""
    if odds.processes == 0:
        return "No interviews have closed yet, so there is nothing to compare with the odds."
    interviews = f"{odds.processes} interview{'' if odds.processes == 1 else 's'}"
    if odds.offers == 0:
        tenths = _nearest_tenth(odds.p_at_most_observed)
        share = {0: "Fewer than 1 in 10", 10: "Almost all"}.get(tenths, f"{tenths} in 10")
        return f"{share} candidates with {interviews} at these odds also have no offer yet."
    offers = f"{odds.offers} offer{'' if odds.offers == 1 else 's'}"
    return (
        f"You have {offers} from {interviews}; "
        f"at these odds about {odds.expected:.1f} were expected."
    )


def _running_distributions(probabilities: np.ndarray) -> Iterator[np.ndarray]:
    """Yield P(X = j) after each draw in turn; one shared buffer keeps the whole run O(n²)."""
    buffer = np.zeros(probabilities.size + 1)
    buffer[0] = 1.0
    scratch = np.empty(probabilities.size)
    yield buffer[:1]
    for drawn, p in enumerate(probabilities.tolist(), start=1):
        # P(j after) = P(j before) * (1 - p) + P(j - 1 before) * p, in place without allocating.
        offered = np.multiply(buffer[:drawn], p, out=scratch[:drawn])
        counts = buffer[1 : drawn + 1]
        counts *= 1.0 - p
        counts += offered
        buffer[0] *= 1.0 - p
        yield buffer[: drawn + 1]


def _band_bounds(probabilities: np.ndarray, quantiles: np.ndarray) -> np.ndarray:
    """Smallest offer counts whose cumulative probability reaches each quantile, draw by draw."""
    bounds = np.zeros((probabilities.size + 1, quantiles.size), dtype=np.int64)
    for drawn, distribution in enumerate(_running_distributions(probabilities)):
        # One more draw lifts a quantile by at most one, so the cdf is needed only up to one
        # past the previous top quantile (quantiles are sorted, so that is the last column).
        reach = int(bounds[drawn - 1, -1]) + 1 if drawn else 0
        cdf = np.cumsum(distribution[: reach + 1])
        bounds[drawn] = np.minimum(np.searchsorted(cdf, quantiles), reach)
    return bounds


def _reaches(interviews: int, log_miss: float, target: float) -> bool:
    """Whether 1 - (1 - 1/k)^n meets the target, computed without losing tiny 1/k."""
    return -math.expm1(interviews * log_miss) >= target


def _nearest_tenth(probability: float) -> int:
    """Round half up to 'N in 10', since banker's rounding would surprise a reader."""
    return math.floor(probability * 10 + 0.5)


def _probabilities_from_pools(pool_sizes: Sequence[int]) -> np.ndarray:
    """Turn pool sizes into baseline offer chances 1/k, rejecting impossible pools."""
    for position, pool_size in enumerate(pool_sizes, start=1):
        _check_pool_size(pool_size, f"pool size at position {position}")
    return 1.0 / np.array([int(k) for k in pool_sizes], dtype=float)


def _check_pool_size(pool_size: object, name: str) -> None:
    """A pool is a whole number of interviewed candidates, the user included."""
    if isinstance(pool_size, bool) or not isinstance(pool_size, int | Integral):
        raise ValueError(f"{name} must be a whole number of candidates, got {pool_size!r}")
    if pool_size < 1:
        raise ValueError(f"{name} must be at least 1 candidate, got {pool_size!r}")


def _check_offers(offers: object, processes: int) -> None:
    """Offers are counted among closed interview processes, so they cannot exceed them."""
    if isinstance(offers, bool) or not isinstance(offers, int | Integral):
        raise ValueError(f"offers must be a whole number, got {offers!r}")
    if offers < 0:
        raise ValueError(f"offers cannot be negative, got {offers!r}")
    if offers > processes:
        raise ValueError(
            f"offers ({offers}) cannot exceed the closed interview processes ({processes})"
        )


def _checked_probabilities(probabilities: Sequence[float]) -> np.ndarray:
    """Each draw's chance must be a real probability, or the distribution means nothing."""
    checked = np.asarray(probabilities, dtype=float)
    if checked.ndim != 1:
        raise ValueError(f"probabilities must be a flat sequence, got shape {checked.shape}")
    invalid = ~((checked >= 0.0) & (checked <= 1.0))
    if invalid.any():
        position = int(np.argmax(invalid))
        raise ValueError(
            f"probability at position {position + 1} must be between 0 and 1, "
            f"got {float(checked[position])!r}"
        )
    return checked
