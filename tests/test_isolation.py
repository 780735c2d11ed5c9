"""Two users on one database: every read and write is scoped to its owner, on both backends."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bounceback import backup
from bounceback.domain import (
    Event,
    FollowUp,
    FollowUpKind,
    InvalidInput,
    NotFound,
    PrivateWriting,
    Settings,
    Stage,
)
from bounceback.reflections import Prompt, Reflection
from bounceback.sample import generate
from bounceback.storage import Store, claim_owner
from tests.conftest import TODAY, draft
from tests.identifying import COMPANY, SECRETS, seed_identifying

ALICE = "user:alice@example.com"
BOB = "user:bob@example.com"


@pytest.fixture
def alice(fresh_db: Store) -> Store:
    """Alice, with the sample story, an identifying application and her own settings."""
    store = Store(fresh_db.engine, ALICE)
    store.load(generate(20), Settings(onboarded=True, baseline_pool=9, strengths=("Python",)))
    seed_identifying(store, TODAY)
    store.correct_themes("a" * 64, ["skills_gap"], ["nerves"])
    return store


@pytest.fixture
def bob(alice: Store) -> Store:
    """Bob, on the same database as Alice, with nothing of his own yet."""
    return Store(alice.engine, BOB)


def _leaks(text: str) -> list[str]:
    """The identifying strings found in some text."""
    return [secret for secret in SECRETS if secret.casefold() in text.casefold()]


def test_a_new_user_starts_with_nothing_of_anyone_elses(alice, bob):
    assert bob.is_empty()
    assert bob.all() == []
    assert bob.reflections() == []
    assert bob.lesson_states() == []
    assert bob.theme_corrections() == {}
    assert bob.settings() == Settings()
    assert bob.revision() == 0
    assert all(frame.empty for frame in bob.frames().values())


def test_a_backup_holds_only_its_owners_data(alice, bob):
    assert _leaks(backup.export_text(alice))
    assert _leaks(backup.export_text(bob)) == []


def test_one_user_cannot_open_anothers_application(alice, bob):
    for application in alice.all():
        with pytest.raises(NotFound):
            bob.get(application.id)


def test_one_user_cannot_change_or_delete_anothers_application(alice, bob):
    target = next(item for item in alice.all() if item.draft.company == COMPANY)
    first = next(item for item in alice.all() if item.stage is Stage.APPLIED)
    attempts = [
        lambda: bob.update(target.id, replace(target.draft, company="Bob's"), target.version),
        lambda: bob.record(first.id, Event(Stage.REJECTED, TODAY), first.version, TODAY),
        lambda: bob.delete(target.id),
        lambda: bob.add_follow_up(
            target.id, FollowUp(FollowUpKind.THANK_YOU, TODAY + timedelta(days=1)), TODAY
        ),
        lambda: bob.mark_follow_up(target.follow_ups[0].id, TODAY),
        lambda: bob.save_reflection(
            Reflection(target.id, Prompt.REJECTION, TODAY, interview_round=1), TODAY
        ),
        lambda: bob.edit_event(
            target.id, target.events[-1].id, target.events[-1], target.version, TODAY
        ),
        lambda: bob.delete_event(target.id, target.events[-1].id, target.version, TODAY),
        lambda: bob.reopen(target.id, target.version),
        lambda: bob.record_many({first.id: first.version}, Event(Stage.GHOSTED, TODAY), TODAY),
        lambda: bob.delete_many([target.id]),
        lambda: bob.delete_reflection(alice.reflections()[0].id),
    ]
    before = backup.export_text(alice)
    for attempt in attempts:
        with pytest.raises(NotFound):
            attempt()
    assert bob.empty_deleted() == 0
    assert backup.export_text(alice) == before


def test_one_user_cannot_restore_what_another_deleted(alice, bob):
    target = next(item for item in alice.all() if item.draft.company == COMPANY)
    alice.delete(target.id)
    assert bob.recently_deleted() == []
    with pytest.raises(NotFound):
        bob.restore_deleted("application", target.id)
    bob.empty_deleted()
    assert [item.id for item in alice.recently_deleted()] == [target.id]


def test_one_user_cannot_change_anothers_lessons(alice, bob):
    lesson_ids = alice.frames()["lessons"]["id"].astype(int).tolist()
    before = alice.lesson_states()
    with pytest.raises(NotFound):
        bob.update_lesson(lesson_ids[0], pinned=True)
    with pytest.raises(NotFound):
        bob.merge_lessons(lesson_ids[0], lesson_ids[:2])
    assert alice.lesson_states() == before


def test_writes_by_one_user_never_touch_anothers_revision_or_rows(alice, bob):
    revision = alice.revision()
    bob.add_application(draft(company="Bob's Bakery"), today=TODAY)
    bob.load(generate(5), Settings(onboarded=True), replace_existing=True)
    assert alice.revision() == revision
    assert COMPANY in {item.draft.company for item in alice.all()}
    assert "Bob's Bakery" not in {item.draft.company for item in alice.all()}


def test_replacing_ones_own_data_leaves_the_other_users_data_alone(alice, bob):
    count = len(alice.all())
    bob.load(generate(3), replace_existing=True)
    assert len(alice.all()) == count
    assert len(bob.all()) == 3


def test_a_backup_with_impossible_settings_is_refused_whole(bob):
    with pytest.raises(InvalidInput) as refused:
        bob.load(generate(3), Settings(baseline_pool=0))
    assert "settings.baseline_pool" in refused.value.errors
    assert bob.is_empty()


NEW_ALICE = "oidc:https://accounts.google.com|sub:1076915"


def test_a_verified_sign_in_claims_the_legacy_owner_with_every_row(alice):
    before = backup.export_text(alice)
    revision, corrections = alice.revision(), alice.theme_corrections()
    assert claim_owner(alice.engine, ALICE, NEW_ALICE)
    claimed = Store(alice.engine, NEW_ALICE)
    assert backup.export_text(claimed) == before
    assert claimed.revision() == revision
    assert claimed.theme_corrections() == corrections != {}
    assert Store(alice.engine, ALICE).is_empty()
    assert _leaks(backup.export_text(Store(alice.engine, ALICE))) == []


def test_a_legacy_owner_is_claimed_once_only(alice):
    assert claim_owner(alice.engine, ALICE, NEW_ALICE)
    elsewhere = "oidc:https://login.other.example|sub:1076915"
    assert not claim_owner(alice.engine, ALICE, elsewhere)
    assert Store(alice.engine, elsewhere).is_empty()
    assert not claim_owner(alice.engine, ALICE, NEW_ALICE)
    assert COMPANY in {item.draft.company for item in Store(alice.engine, NEW_ALICE).all()}


def test_an_owner_who_already_has_data_claims_nothing(alice, bob):
    bob.add_application(draft(company="Bob's Bakery"), today=TODAY)
    before = backup.export_text(alice)
    assert not claim_owner(alice.engine, ALICE, BOB)
    assert backup.export_text(alice) == before
    assert [item.draft.company for item in bob.all()] == ["Bob's Bakery"]


def test_claiming_an_owner_with_no_rows_moves_nothing(fresh_db):
    assert not claim_owner(fresh_db.engine, "user:nobody@example.com", NEW_ALICE)
    assert Store(fresh_db.engine, NEW_ALICE).revision() == 0


def test_one_user_cannot_read_or_write_anothers_prep_or_private_writing(alice, bob):
    theirs = alice.all()[0].id
    alice.tick_prep(theirs, "research", True)
    saved = alice.save_private_writing(theirs, PrivateWriting("Alice's own words", ""), None)
    with pytest.raises(NotFound):
        bob.tick_prep(theirs, "examples", True)
    with pytest.raises(NotFound):
        bob.save_private_writing(theirs, PrivateWriting("Bob was here", ""), None)
    assert bob.prep_ticks(theirs) == frozenset()
    assert bob.private_writing(theirs) is None
    assert "Alice's own words" not in backup.export_text(bob)
    bob.load(generate(3), replace_existing=True)
    assert alice.prep_ticks(theirs) == {"research"}
    assert alice.private_writing(theirs) == saved
