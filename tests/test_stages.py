"""Stage rules: what may follow what."""

import pytest

from bounceback.domain import OPEN, Stage
from bounceback.stages import allowed_next, next_step


@pytest.mark.parametrize("closed", [Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN])
def test_a_closed_application_cannot_move(closed: Stage) -> None:
    assert allowed_next(closed) == ()


def test_an_interview_can_be_followed_by_another_round() -> None:
    assert Stage.INTERVIEW in allowed_next(Stage.INTERVIEW)


@pytest.mark.parametrize(
    ("current", "earlier"),
    [
        (Stage.INTERVIEW, Stage.SCREENING),
        (Stage.SCREENING, Stage.APPLIED),
        (Stage.OFFER, Stage.INTERVIEW),
    ],
)
def test_an_application_never_moves_backwards(current: Stage, earlier: Stage) -> None:
    assert earlier not in allowed_next(current)


def test_only_an_offer_can_be_accepted() -> None:
    holders = [stage for stage in Stage if Stage.ACCEPTED in allowed_next(stage)]
    assert holders == [Stage.OFFER]


def test_stages_may_be_skipped_forward() -> None:
    assert Stage.INTERVIEW in allowed_next(Stage.APPLIED)


def test_a_saved_application_can_only_close_by_withdrawing() -> None:
    closing = {Stage.REJECTED, Stage.WITHDRAWN, Stage.GHOSTED} & set(allowed_next(Stage.SAVED))
    assert closing == {Stage.WITHDRAWN}


def test_a_ghosted_application_can_come_back_to_life() -> None:
    assert Stage.INTERVIEW in allowed_next(Stage.GHOSTED)
    assert Stage.APPLIED not in allowed_next(Stage.GHOSTED)


@pytest.mark.parametrize(
    ("stage", "expected"),
    [(Stage.APPLIED, True), (Stage.OFFER, True), (Stage.ACCEPTED, False), (Stage.GHOSTED, False)],
)
def test_open_means_something_may_still_happen(stage: Stage, expected: bool) -> None:
    assert (stage in OPEN) is expected


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (Stage.SAVED, Stage.APPLIED),
        (Stage.APPLIED, Stage.SCREENING),
        (Stage.SCREENING, Stage.INTERVIEW),
        (Stage.INTERVIEW, Stage.OFFER),
        (Stage.OFFER, None),
        (Stage.REJECTED, None),
        (Stage.GHOSTED, None),
    ],
)
def test_a_card_offers_the_next_column_and_only_a_step_the_rules_allow(
    current: Stage, expected: Stage | None
) -> None:
    assert next_step(current) == expected
    assert expected is None or expected in allowed_next(current)
