"""Recently deleted: a deleted application or reflection waits 30 days, restorable, then goes."""

from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bounceback import backup
from bounceback.domain import Event, InterviewKind, NotFound, Stage
from bounceback.reflections import LessonDraft, LessonKind, Prompt, Reflection
from bounceback.storage import Store, applications, reflections
from tests.conftest import TODAY, draft


def _interviewed(store: Store, company: str = "Harbour & Finch") -> tuple[int, int]:
    """An application with an interview and a reflection holding one lesson."""
    app_id = store.add_application(
        draft(company=company, applied_on=date(2026, 10, 1)), today=TODAY
    )
    store.record(app_id, Event(Stage.INTERVIEW, date(2026, 10, 8), InterviewKind.PANEL), 1, TODAY)
    note = Reflection(
        app_id,
        Prompt.INTERVIEW,
        date(2026, 10, 9),
        went_wrong="Rushed",
        lessons=(LessonDraft(LessonKind.DO, f"Breathe before answering at {company}"),),
    )
    return app_id, store.save_reflection(note, TODAY)


def test_a_deleted_application_leaves_every_view_and_comes_back_as_it_was(
    fresh_db: Store,
) -> None:
    app_id, _note = _interviewed(fresh_db)
    before = fresh_db.get(app_id)
    revision = fresh_db.revision()
    fresh_db.delete(app_id)
    assert fresh_db.revision() == revision + 1
    assert fresh_db.is_empty() and fresh_db.all() == [] and fresh_db.reflections() == []
    frames = fresh_db.frames()
    assert all(frames[name].empty for name in ("applications", "events", "reflections", "lessons"))
    with pytest.raises(NotFound):
        fresh_db.get(app_id)
    with pytest.raises(NotFound):
        fresh_db.record(app_id, Event(Stage.REJECTED, TODAY), before.version, TODAY)
    (waiting,) = fresh_db.recently_deleted()
    assert (waiting.kind, waiting.id, waiting.what) == (
        "application",
        app_id,
        "Harbour & Finch · HR Coordinator",
    )
    assert waiting.until - waiting.deleted_at == timedelta(days=30)
    fresh_db.restore_deleted("application", app_id)
    assert fresh_db.get(app_id) == before
    assert fresh_db.recently_deleted() == []
    assert len(fresh_db.frames()["lessons"]) == 1


def test_a_deleted_reflection_stops_counting_and_comes_back_with_its_lessons(
    fresh_db: Store,
) -> None:
    app_id, note_id = _interviewed(fresh_db)
    (kept,) = fresh_db.reflections(app_id)
    fresh_db.delete_reflection(note_id)
    assert fresh_db.reflections() == [] and fresh_db.get(app_id).reflections == ()
    assert fresh_db.frames()["lessons"].empty and fresh_db.frames()["lesson_sources"].empty
    assert [item.kind for item in fresh_db.recently_deleted()] == ["reflection"]
    with pytest.raises(NotFound):
        fresh_db.delete_reflection(note_id)
    fresh_db.restore_deleted("reflection", note_id)
    assert fresh_db.reflections(app_id) == [kept]


def test_emptying_deletes_for_good_and_drops_lessons_nothing_else_mentions(
    fresh_db: Store,
) -> None:
    gone, _ = _interviewed(fresh_db, "Lumen Analytics")
    kept, note = _interviewed(fresh_db, "Quayside Lettings")
    fresh_db.delete(gone)
    fresh_db.delete_reflection(note)
    assert fresh_db.empty_deleted() == 2
    assert fresh_db.recently_deleted() == []
    assert [item.id for item in fresh_db.all(include_deleted=True)] == [kept]
    with fresh_db.engine.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM lessons")).scalar() == 0
        assert connection.execute(sa.text("SELECT count(*) FROM events")).scalar() == 2
    with pytest.raises(NotFound):
        fresh_db.restore_deleted("application", gone)


def test_after_thirty_days_a_deleted_item_goes_for_good(fresh_db: Store) -> None:
    old, _ = _interviewed(fresh_db, "Lumen Analytics")
    recent, _ = _interviewed(fresh_db, "Quayside Lettings")
    fresh_db.delete(old)
    with fresh_db.engine.begin() as connection:
        connection.execute(
            sa.update(applications)
            .where(applications.c.id == old)
            .values(deleted_at=applications.c.deleted_at - timedelta(days=31))
        )
    assert fresh_db.recently_deleted() == []
    with pytest.raises(NotFound):
        fresh_db.restore_deleted("application", old)
    fresh_db.delete(recent)
    assert [item.id for item in fresh_db.recently_deleted()] == [recent]
    assert [item.id for item in fresh_db.all(include_deleted=True)] == [recent]


def test_a_backup_carries_what_waits_in_recently_deleted(fresh_db: Store, tmp_path: Path) -> None:
    gone, _ = _interviewed(fresh_db, "Lumen Analytics")
    _kept, note = _interviewed(fresh_db, "Quayside Lettings")
    fresh_db.delete(gone)
    fresh_db.delete_reflection(note)
    text = backup.export_text(fresh_db)
    other = Store.open(f"sqlite:///{tmp_path / 'restored.db'}")
    backup.restore(other, text)
    assert [a.draft.company for a in other.all()] == ["Quayside Lettings"]
    assert other.reflections() == []
    assert sorted(item.kind for item in other.recently_deleted()) == ["application", "reflection"]
    assert backup.export_text(other) == text


def test_another_owner_can_neither_delete_nor_restore(fresh_db: Store) -> None:
    app_id, note_id = _interviewed(fresh_db)
    stranger = Store(fresh_db.engine, owner="someone-else")
    with pytest.raises(NotFound):
        stranger.delete(app_id)
    with pytest.raises(NotFound):
        stranger.delete_reflection(note_id)
    fresh_db.delete(app_id)
    assert stranger.recently_deleted() == []
    with pytest.raises(NotFound):
        stranger.restore_deleted("application", app_id)
    assert stranger.empty_deleted() == 0
    assert [item.id for item in fresh_db.recently_deleted()] == [app_id]
    with fresh_db.engine.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(reflections)).scalar() == 1
