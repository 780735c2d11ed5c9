"""Be patient, with numbers: the user's pace projected to an even and an 80 % chance of an offer."""

from __future__ import annotations

import itertools
import math
from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from bounceback.baseline import (
    DAYS_PER_MONTH,
    PACE_WEEKS,
    Patience,
    decided_by,
    patience,
    patience_sentence,
    poisson_binomial,
)
from bounceback.domain import Event, Stage
from bounceback.insights import patience_of
from bounceback.storage import Store
from tests.conftest import TODAY as RECORDED_ON
from tests.test_insights import add, tables

TODAY = date(2026, 12, 2)


def recent(count: int, today: date = TODAY) -> list[date]:
    """Interviews decided inside the pace window, one a day back from today."""
    return [today - timedelta(days=k % (PACE_WEEKS * 7)) for k in range(count)]


def brute_chance(interviews: int, pool_size: int) -> float:
    """P(at least one offer) by summing every one of the 2^n outcomes of the coming interviews."""
    p = 1.0 / pool_size
    return math.fsum(
        math.prod(p if hit else 1.0 - p for hit in outcome)
        for outcome in itertools.product((False, True), repeat=interviews)
        if any(outcome)
    )


def decided_until(day: date, per_month: float, today: date = TODAY) -> int:
    """How many interviews from today are decided by a day at a steady pace."""
    count = 0
    while decided_by(today, count + 1, per_month) <= day:
        count += 1
    return count


# --- the maths, exact -------------------------------------------------------------------


@pytest.mark.parametrize("pool_size", [1, 2, 3, 4, 6, 8])
@pytest.mark.parametrize("decided", [2, 3, 5, 8, 13])
@pytest.mark.parametrize("target", [0.5, 0.8])
def test_each_date_is_the_first_day_the_chance_reaches_its_target(
    pool_size: int, decided: int, target: float
) -> None:
    projection = patience(recent(decided), TODAY, pool_size)
    for pace, day in (
        (projection.per_month, projection.even_by if target == 0.5 else projection.eighty_by),
        (
            projection.per_month + 1,
            projection.even_by_faster if target == 0.5 else projection.eighty_by_faster,
        ),
    ):
        by_then = decided_until(day, pace)
        before = decided_until(day - timedelta(days=1), pace)
        assert brute_chance(by_then, pool_size) >= target
        assert brute_chance(before, pool_size) < target


@pytest.mark.parametrize("pool_size", [1, 2, 3, 5, 6, 10])
def test_the_interviews_counted_match_brute_force_and_the_poisson_binomial(
    pool_size: int,
) -> None:
    projection = patience(recent(4), TODAY, pool_size)
    for target, needed in (
        (0.5, projection.interviews_for_even),
        (0.8, projection.interviews_for_eighty),
    ):
        chances = [brute_chance(n, pool_size) for n in (needed - 1, needed)]
        exact = [1.0 - poisson_binomial([1.0 / pool_size] * n)[0] for n in (needed - 1, needed)]
        assert exact == pytest.approx(chances, abs=1e-12)
        assert chances[1] >= target
        assert needed == 1 or chances[0] < target


def test_at_one_in_six_four_interviews_give_an_even_chance_and_nine_give_eighty() -> None:
    projection = patience(recent(6), TODAY, 6)
    assert (projection.interviews_for_even, projection.interviews_for_eighty) == (4, 9)
    assert projection.per_month == pytest.approx(6 * DAYS_PER_MONTH / 56)
    # Six in eight weeks is about 3.26 a month: the 4th in 37.3 days, the 9th in 84.0.
    assert projection.even_by == TODAY + timedelta(days=38)
    assert projection.eighty_by == TODAY + timedelta(days=84)
    assert projection.even_by_faster == TODAY + timedelta(days=29)
    assert projection.eighty_by_faster == TODAY + timedelta(days=65)


# --- zero, one, too few -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("decided", "words"),
    [
        (0, "No interviews have been decided in the last 8 weeks"),
        (1, "Only 1 interview has been decided in the last 8 weeks"),
    ],
)
def test_too_few_decided_interviews_say_so_instead_of_a_date(decided: int, words: str) -> None:
    projection = patience(recent(decided), TODAY)
    assert not projection.enough
    assert projection.reason is not None and projection.reason.startswith(words)
    dates = (
        projection.even_by,
        projection.eighty_by,
        projection.even_by_faster,
        projection.eighty_by_faster,
    )
    assert dates == (None, None, None, None)
    assert patience_sentence(projection) == projection.reason
    assert "fresh chance" in projection.reason


def test_a_higher_bar_for_enough_counts_the_decided_ones_in_its_reason() -> None:
    projection = patience(recent(3), TODAY, min_decided=4)
    assert projection.reason is not None
    assert projection.reason.startswith("Only 3 interviews have been decided")


def test_a_pool_of_one_is_an_offer_at_the_next_interview() -> None:
    projection = patience(recent(2), TODAY, pool_size=1)
    assert projection.interviews_for_even == projection.interviews_for_eighty == 1
    first = decided_by(TODAY, 1, projection.per_month)
    assert projection.even_by == projection.eighty_by == first


def test_zero_coming_interviews_give_no_chance_and_one_gives_one_in_k() -> None:
    assert brute_chance(0, 6) == 0.0
    assert brute_chance(1, 6) == pytest.approx(1 / 6)
    assert decided_by(TODAY, 0, 3.0) == TODAY


# --- monotone in pace -------------------------------------------------------------------


@pytest.mark.parametrize("pool_size", [1, 2, 6, 20, 100])
def test_a_faster_pace_never_pushes_a_date_later(pool_size: int) -> None:
    projections = [patience(recent(n), TODAY, pool_size) for n in range(2, 60)]
    for attribute in ("even_by", "eighty_by", "even_by_faster", "eighty_by_faster"):
        days = [getattr(p, attribute) for p in projections]
        assert days == sorted(days, reverse=True), attribute
    for p in projections:
        assert p.even_by_faster <= p.even_by <= p.eighty_by
        assert p.even_by_faster <= p.eighty_by_faster <= p.eighty_by
        assert p.even_by_faster > TODAY


@pytest.mark.parametrize("interviews", [1, 4, 9, 161])
def test_the_nth_interview_comes_no_sooner_as_the_pace_slows(interviews: int) -> None:
    paces = [0.5, 1.0, 1.087, 2.0, 3.26, 10.0, 50.0]
    days = [decided_by(TODAY, interviews, pace) for pace in paces]
    assert days == sorted(days, reverse=True)


# --- the pace window --------------------------------------------------------------------


def test_only_the_last_eight_weeks_up_to_today_set_the_pace() -> None:
    decided = [
        TODAY,
        TODAY - timedelta(days=55),
        TODAY - timedelta(days=56),  # eight weeks ago to the day: outside
        TODAY - timedelta(days=300),
        TODAY + timedelta(days=1),  # dated ahead: not decided yet
    ]
    assert patience(decided, TODAY).decided == 2


def test_gaps_and_timestamps_in_the_dates_are_handled() -> None:
    decided = [None, pd.NaT, pd.Timestamp(TODAY), datetime(2026, 11, 30, 9, 0), TODAY]
    projection = patience(decided, TODAY)
    assert projection.decided == 3
    assert projection.enough


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"pool_size": 0}, "pool_size must be at least 1"),
        ({"pool_size": 2.5}, "pool_size must be a whole number"),
        ({"min_decided": 0}, "min_decided must be a whole number from 1"),
        ({"min_decided": True}, "min_decided must be a whole number from 1"),
    ],
)
def test_patience_names_the_problem_with_invalid_input(changes: dict, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        patience(recent(4), TODAY, **changes)


def test_a_pace_must_be_above_zero_to_have_a_date() -> None:
    with pytest.raises(ValueError, match="per_month must be above 0"):
        decided_by(TODAY, 3, 0.0)


def test_a_date_past_the_calendars_end_is_none_and_said_gently() -> None:
    last_year = date(9999, 6, 1)
    projection = patience(recent(2, last_year), last_year, pool_size=6)
    assert projection.even_by == date(9999, 9, 21)
    assert projection.eighty_by is None
    assert "80 % only after many years" in patience_sentence(projection)


# --- the sentence -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decided", "pool_size", "today", "sentence"),
    [
        pytest.param(
            5,
            6,
            date(2026, 12, 2),
            "At about 3 interviews a month, an even chance of an offer by mid-January and "
            "80 % by mid-March. With one more interview a month: an even chance by early "
            "January and 80 % by mid-February.",
            id="three a month",
        ),
        pytest.param(
            2,
            6,
            date(2026, 12, 2),
            "At about 1 interview a month, an even chance of an offer by late March and "
            "80 % by mid-August. With one more interview a month: an even chance by late "
            "January and 80 % by mid-April.",
            id="one a month",
        ),
        pytest.param(
            30,
            6,
            date(2026, 12, 2),
            "At about 16 interviews a month, an even chance of an offer by early December and "
            "80 % by mid-December. One more interview a month would change little at this pace.",
            id="a busy month changes little",
        ),
        pytest.param(
            2,
            20,
            date(2026, 12, 2),
            "At about 1 interview a month, an even chance of an offer by late December 2027 and "
            "80 % by mid-May 2029. With one more interview a month: an even chance by late "
            "June and 80 % by mid-March 2028.",
            id="a year shown once the month could be this one",
        ),
    ],
)
def test_the_sentence_for_worked_examples(
    decided: int, pool_size: int, today: date, sentence: str
) -> None:
    said = patience_sentence(patience(recent(decided, today), today, pool_size))
    assert said == sentence + " These are chances, not a schedule: each interview is a fresh draw."


def test_even_one_decided_interview_reads_as_about_one_a_month() -> None:
    projection = patience(recent(1), TODAY, min_decided=1)
    assert patience_sentence(projection).startswith("At about 1 interview a month, ")


@pytest.mark.parametrize("decided", [0, 1, 2, 4, 9, 40])
def test_the_sentence_never_promises(decided: int) -> None:
    said = patience_sentence(patience(recent(decided), TODAY)).lower()
    for word in ("will ", "guarantee", "certain", "promise", "you'll"):
        assert word not in said


# --- from the stored record -------------------------------------------------------------


def test_the_pace_counts_the_interviews_the_page_counts_as_decided(fresh_db: Store) -> None:
    start = RECORDED_ON - timedelta(days=40)
    add(fresh_db, [(Stage.INTERVIEW, start), (Stage.REJECTED, RECORDED_ON - timedelta(days=30))])
    add(fresh_db, [(Stage.INTERVIEW, start), (Stage.OFFER, RECORDED_ON - timedelta(days=10))])
    add(fresh_db, [(Stage.INTERVIEW, start), (Stage.GHOSTED, RECORDED_ON - timedelta(days=5))])
    # Not decided: stepping out, still interviewing, a no before any interview.
    add(fresh_db, [(Stage.INTERVIEW, start), (Stage.WITHDRAWN, RECORDED_ON - timedelta(days=3))])
    add(fresh_db, [(Stage.INTERVIEW, RECORDED_ON - timedelta(days=2))])
    add(fresh_db, [(Stage.SCREENING, start), (Stage.REJECTED, RECORDED_ON - timedelta(days=4))])
    # Decided, but before the window.
    old = RECORDED_ON - timedelta(days=90)
    add(
        fresh_db,
        [(Stage.INTERVIEW, old), (Stage.REJECTED, old + timedelta(days=3))],
        applied_on=old - timedelta(days=7),
    )
    frames, table = tables(fresh_db)
    projection = patience_of(frames, table, 6, RECORDED_ON)
    assert isinstance(projection, Patience)
    assert projection.decided == 3
    assert projection.pool_size == 6
    assert projection.even_by == decided_by(RECORDED_ON, 4, 3 * DAYS_PER_MONTH / 56)


def test_an_empty_record_has_no_pace(fresh_db: Store) -> None:
    projection = patience_of(*tables(fresh_db), 6, RECORDED_ON)
    assert projection.decided == 0
    assert not projection.enough


def test_an_accepted_offer_counts_once_on_the_day_it_was_offered(fresh_db: Store) -> None:
    offered = add(
        fresh_db,
        applied_on=RECORDED_ON - timedelta(days=90),
        steps=[
            (Stage.INTERVIEW, RECORDED_ON - timedelta(days=80)),
            (Stage.OFFER, RECORDED_ON - timedelta(days=60)),
        ],
    )
    fresh_db.record(
        offered, Event(Stage.ACCEPTED, RECORDED_ON - timedelta(days=1)), 3, today=RECORDED_ON
    )
    assert patience_of(*tables(fresh_db), 6, RECORDED_ON).decided == 0
