"""Lessons, follow-ups and settings carry a version: a save from a stale page is refused."""

from datetime import date, timedelta

import pytest

from bounceback.domain import ChangedElsewhere, FollowUp, FollowUpKind, NotFound, Settings
from bounceback.lessons import lesson_table
from bounceback.reflections import LessonDraft, LessonKind, Prompt, Reflection
from bounceback.storage import Store
from tests.conftest import TODAY, draft


def _follow_up(store: Store) -> int:
    application_id = store.add_application(draft(), today=TODAY)
    item = FollowUp(FollowUpKind.THANK_YOU, TODAY + timedelta(days=2))
    return store.add_follow_up(application_id, item, TODAY)


def _lessons(store: Store, *texts: str) -> dict[str, tuple[int, int]]:
    """Lessons from one reflection: wording -> (id, version)."""
    application_id = store.add_application(draft(), today=TODAY)
    drafts = tuple(LessonDraft(LessonKind.DO, text) for text in texts)
    store.save_reflection(Reflection(application_id, Prompt.INTERVIEW, TODAY, lessons=drafts))
    frames = store.frames()["lessons"]
    return {row.text: (int(row.id), int(row.version)) for row in frames.itertuples()}


def test_a_follow_up_ticked_from_a_stale_page_is_refused(fresh_db: Store) -> None:
    item_id = _follow_up(fresh_db)
    (item,) = fresh_db.all()[0].follow_ups
    assert item.version == 1
    assert fresh_db.mark_follow_up(item_id, date(2026, 11, 20), expected_version=1) == 2
    with pytest.raises(ChangedElsewhere):
        fresh_db.mark_follow_up(item_id, None, expected_version=1)
    assert fresh_db.all()[0].follow_ups[0].done_on == date(2026, 11, 20)
    assert fresh_db.mark_follow_up(item_id, None, expected_version=2) == 3
    assert fresh_db.all()[0].follow_ups[0].done_on is None


def test_a_lesson_changed_elsewhere_is_not_pinned_renamed_or_merged(fresh_db: Store) -> None:
    found = _lessons(fresh_db, "Smile", "Breathe")
    smile, version = found["Smile"]
    breathe, other = found["Breathe"]
    fresh_db.update_lesson(smile, text="Smile more", expected_version=version)
    for change in ({"pinned": True}, {"text": "Smile a lot"}, {"archived": True}):
        with pytest.raises(ChangedElsewhere):
            fresh_db.update_lesson(smile, expected_version=version, **change)
    with pytest.raises(ChangedElsewhere):
        fresh_db.merge_lessons(breathe, [smile, breathe], {smile: version, breathe: other})
    table = lesson_table(fresh_db.frames())
    assert sorted(table["text"]) == ["Breathe", "Smile more"]
    assert not table["pinned"].any()
    fresh_db.merge_lessons(breathe, [smile, breathe], {smile: version + 1, breathe: other})
    assert lesson_table(fresh_db.frames())["text"].tolist() == ["Breathe"]


def test_settings_saved_from_a_stale_form_are_refused(fresh_db: Store) -> None:
    assert fresh_db.settings_version() == 0
    assert fresh_db.save_settings(Settings(baseline_pool=4), expected_version=0) == 1
    with pytest.raises(ChangedElsewhere):
        fresh_db.save_settings(Settings(baseline_pool=9), expected_version=0)
    assert fresh_db.settings().baseline_pool == 4
    assert fresh_db.save_settings(Settings(baseline_pool=9), expected_version=1) == 2


def test_a_restore_moves_the_settings_on_so_an_open_form_cant_overwrite_it(
    fresh_db: Store,
) -> None:
    fresh_db.save_settings(Settings(baseline_pool=4))
    opened_at = fresh_db.settings_version()
    fresh_db.load([], Settings(baseline_pool=7), replace_existing=True)
    with pytest.raises(ChangedElsewhere):
        fresh_db.save_settings(Settings(baseline_pool=9), expected_version=opened_at)
    assert fresh_db.settings().baseline_pool == 7


def test_versions_are_each_owners_own(fresh_db: Store) -> None:
    item_id = _follow_up(fresh_db)
    smile, version = _lessons(fresh_db, "Smile")["Smile"]
    fresh_db.save_settings(Settings(baseline_pool=4))
    bob = Store(fresh_db.engine, "bob")
    assert bob.settings_version() == 0
    bob.save_settings(Settings(baseline_pool=8), expected_version=0)
    assert fresh_db.settings().baseline_pool == 4
    with pytest.raises(NotFound):
        bob.mark_follow_up(item_id, TODAY, expected_version=1)
    with pytest.raises(NotFound):
        bob.update_lesson(smile, pinned=True, expected_version=version)
    assert fresh_db.all()[0].follow_ups[0].done_on is None
    assert not lesson_table(fresh_db.frames())["pinned"].any()
