"""The 1-in-6 baseline: how a job seeker's offers compare with the odds every candidate faces."""

from __future__ import annotations

import calendar
import math
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from numbers import Integral

import numpy as np
import pandas as pd

# Hiring managers interview about six candidates per vacancy (the seeds' survey).
DEFAULT_POOL_SIZE = 6
# Float drift allowed when a cumulative probability should exactly reach a quantile.
_QUANTILE_SLACK = 1e-12
# The user's pace is read from the interviews decided in this many recent weeks.
PACE_WEEKS = 8
# Fewer decided interviews than this in those weeks is too few to call a pace.
MIN_DECIDED = 2
# An average month, so a pace per month and a date agree over the years.
DAYS_PER_MONTH = 365.2425 / 12


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


@dataclass(frozen=True)
class Patience:
    """How long an even and an 80 % chance of an offer would take at the user's own pace.

    The chances are for the interviews still to come: past ones are decided, an offer or not,
    and do not move the odds of the next, so each future interview is a fresh 1-in-k draw.
    A date is when the interview that reaches the chance would be decided at that pace; it is
    None when there is no pace (see `reason`) or the date would lie past the calendar's end.
    """

    as_of: date
    decided: int
    per_month: float
    pool_size: int
    interviews_for_even: int
    interviews_for_eighty: int
    even_by: date | None
    eighty_by: date | None
    even_by_faster: date | None
    eighty_by_faster: date | None
    reason: str | None = None

    @property
    def enough(self) -> bool:
        """Whether there was a pace to project from."""
        return self.reason is None


def patience(
    decided_on: Iterable[date | None],
    today: date,
    pool_size: int = DEFAULT_POOL_SIZE,
    min_decided: int = MIN_DECIDED,
) -> Patience:
    """Project the user's recent pace of decided interviews, so waiting has a likely end.

    `decided_on` holds the day each interview process was decided (the Interviews page's
    draws); only those in the last `PACE_WEEKS` weeks up to today set the pace. The chances
    count only interviews still to come (see `Patience`), at 1 in `pool_size` each.
    """
    _check_pool_size(pool_size, "pool_size")
    if isinstance(min_decided, bool) or not isinstance(min_decided, int) or min_decided < 1:
        raise ValueError(f"min_decided must be a whole number from 1, got {min_decided!r}")
    since = today - timedelta(weeks=PACE_WEEKS)
    decided = sum(1 for day in _days(decided_on) if since < day <= today)
    per_month = decided * DAYS_PER_MONTH / (PACE_WEEKS * 7)
    even, eighty = interviews_needed(0.5, pool_size), interviews_needed(0.8, pool_size)
    enough = decided >= min_decided

    def when(interviews: int, pace: float) -> date | None:
        return decided_by(today, interviews, pace) if enough else None

    return Patience(
        as_of=today,
        decided=decided,
        per_month=per_month,
        pool_size=pool_size,
        interviews_for_even=even,
        interviews_for_eighty=eighty,
        even_by=when(even, per_month),
        eighty_by=when(eighty, per_month),
        even_by_faster=when(even, per_month + 1),
        eighty_by_faster=when(eighty, per_month + 1),
        reason=None if enough else _too_few(decided),
    )


def decided_by(today: date, interviews: int, per_month: float) -> date | None:
    """The day the n-th interview from now is decided at a steady pace, rounded up honestly."""
    if per_month <= 0:
        raise ValueError(f"per_month must be above 0, got {per_month!r}")
    days = math.ceil(interviews * DAYS_PER_MONTH / per_month)
    try:
        return today + timedelta(days=days)
    except OverflowError:
        return None


def patience_sentence(projection: Patience) -> str:
    """The projection in plain words: a chance with a rough date, never a promise or a schedule."""
    if projection.reason is not None:
        return projection.reason
    today = projection.as_of
    even, eighty = _by(projection.even_by, today), _by(projection.eighty_by, today)
    sooner = _by(projection.even_by_faster, today), _by(projection.eighty_by_faster, today)
    faster = (
        "One more interview a month would change little at this pace."
        if sooner == (even, eighty)
        else f"With one more interview a month: an even chance {sooner[0]} and 80 % {sooner[1]}."
    )
    return (
        f"At {_pace_words(projection.per_month)}, an even chance of an offer {even} "
        f"and 80 % {eighty}. {faster} "
        "These are chances, not a schedule: each interview is a fresh draw."
    )


def _days(values: Iterable[date | None]) -> Iterator[date]:
    """The dates among the values, as plain dates; gaps (None, NaT) are skipped."""
    for value in values:
        if value is None or pd.isna(value):
            continue
        yield value.date() if isinstance(value, datetime) else value


def _too_few(decided: int) -> str:
    """Why there is no projection yet, said gently."""
    if decided == 0:
        start = f"No interviews have been decided in the last {PACE_WEEKS} weeks"
    else:
        start = (
            f"Only {decided} interview{' has' if decided == 1 else 's have'} been decided "
            f"in the last {PACE_WEEKS} weeks"
        )
    return (
        f"{start}, so there isn't a pace to project from yet. "
        "Each new interview is still a fresh chance."
    )


def _pace_words(per_month: float) -> str:
    """A pace rounded to whole interviews, since a decimal would claim more than it knows."""
    # One decided interview in the window is already over half a month's worth: never 0.
    whole = math.floor(per_month + 0.5)
    return f"about {whole} interview{'' if whole == 1 else 's'} a month"


def _by(day: date | None, today: date) -> str:
    """'by mid-February', with the year once the month could be mistaken for this one."""
    if day is None:
        return "only after many years"
    part = "early " if day.day <= 10 else "mid-" if day.day <= 20 else "late "
    months_ahead = (day.year - today.year) * 12 + day.month - today.month
    year = f" {day.year}" if months_ahead >= 12 else ""
    return f"by {part}{calendar.month_name[day.month]}{year}"


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
