"""Sample data: deterministic, believable, valid at any size."""

from datetime import date

import pytest

from bounceback.domain import Stage
from bounceback.sample import OUTCOME_SHARES, generate, outcome_counts
from bounceback.storage import Store
from tests.conftest import TODAY


def test_the_same_inputs_give_the_same_story() -> None:
    assert generate(60, seed=3, today=TODAY) == generate(60, seed=3, today=TODAY)


def test_a_different_seed_gives_a_different_story() -> None:
    assert generate(60, seed=3, today=TODAY) != generate(60, seed=4, today=TODAY)


def test_the_default_story_is_believable() -> None:
    records = generate(60, today=TODAY)
    final = [record.stage for record in records]
    interviewed = [record for record in records if record.interview_rounds]
    offers = [r for r in records if any(e.stage is Stage.OFFER for e in r.events)]
    rejected = [r for r in records if r.stage is Stage.REJECTED]
    assert len(records) == 60
    assert len(interviewed) >= 12
    assert 1 <= len(offers) <= 2
    assert final.count(Stage.GHOSTED) >= 3
    assert any(r.events[-1].note for r in rejected)
    assert any(not r.events[-1].note for r in rejected)
    notes = [note for record in records for note in record.reflections]
    assert len(notes) >= 5
    assert any(note.feedback for note in notes) and any(note.feedback_pending for note in notes)
    assert all(note.lessons for note in notes)
    span = (TODAY - min(r.draft.applied_on for r in records)).days
    assert 120 <= span <= 160


@pytest.mark.parametrize("n", [0, 1, 7, 60, 333])
def test_outcome_counts_add_up_exactly(n: int) -> None:
    assert sum(outcome_counts(n).values()) == n


@pytest.mark.parametrize("n", [1, 10, 250])
def test_every_size_passes_the_same_checks_as_user_input(tmp_path, n: int) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'sample.db'}")
    assert store.load(generate(n, today=date.today())) == n


def test_no_date_lies_ahead() -> None:
    records = generate(200, today=TODAY)
    assert max(event.on for record in records for event in record.events) <= TODAY


def test_a_small_story_never_applies_twice_for_the_same_job() -> None:
    jobs = [(r.draft.company, r.draft.role) for r in generate(60, today=TODAY)]
    assert len(set(jobs)) == len(jobs)


def test_a_busier_mix_of_outcomes_gives_more_history_per_application() -> None:
    busy = {name: 0.0 for name in OUTCOME_SHARES} | {"rejected_interview": 0.5, "offer": 0.5}
    usual, busier = generate(200, today=TODAY), generate(200, today=TODAY, shares=busy)
    expected = dict.fromkeys(OUTCOME_SHARES, 0) | {"rejected_interview": 100, "offer": 100}
    assert outcome_counts(200, busy) == expected
    assert sum(len(item.events) for item in busier) > sum(len(item.events) for item in usual)
