"""Schema versions: an older database opens in this version without losing a row."""

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from bounceback.reflections import LessonDraft, LessonKind, Prompt, Reflection
from bounceback.storage import MIGRATIONS, SCHEMA_VERSION, NewerSchema, Store, make_engine, upgrade
from tests.conftest import TODAY, draft

FIXTURES = Path(__file__).parent / "fixtures"


def _database_from(script: Path, path: Path) -> str:
    """A database file built by a frozen SQL script, as an older release wrote it."""
    with sqlite3.connect(path) as connection:
        connection.executescript(script.read_text(encoding="utf-8"))
    return f"sqlite:///{path}"


def test_a_first_release_database_opens_with_every_row(tmp_path: Path) -> None:
    url = _database_from(FIXTURES / "schema_v1.sql", tmp_path / "v1.db")
    store = Store.open(url)
    applications = store.all()
    assert [a.draft.company for a in applications] == ["Saltmarsh Foods", "Kestrel Insurance"]
    assert applications[0].interview_rounds == 2
    assert applications[0].draft.contacts[0].name == "Grace Okafor"
    assert applications[1].follow_ups[0].done_on is None
    assert store.settings().baseline_pool == 5
    assert store.reflections() == []
    with store.engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA integrity_check")).scalar() == "ok"
        version = connection.execute(sa.text("SELECT value FROM schema_info")).scalar()
    assert int(version) == SCHEMA_VERSION


def test_an_upgrade_runs_each_step_and_keeps_rows(tmp_path: Path) -> None:
    url = _database_from(FIXTURES / "schema_v1.sql", tmp_path / "v1.db")
    engine = make_engine(url)

    def add_column(connection: sa.Connection) -> None:
        connection.execute(sa.text("ALTER TABLE applications ADD COLUMN fit INTEGER"))

    version = upgrade(engine, {**MIGRATIONS, SCHEMA_VERSION: add_column})
    assert version == SCHEMA_VERSION + 1
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT company, fit FROM applications")).all()
    assert [row.company for row in rows] == ["Saltmarsh Foods", "Kestrel Insurance"]


def test_a_failed_upgrade_changes_nothing_not_even_the_steps_before(tmp_path: Path) -> None:
    url = _database_from(FIXTURES / "schema_v1.sql", tmp_path / "v1.db")
    engine = make_engine(url)

    def broken(connection: sa.Connection) -> None:
        connection.execute(sa.text("DELETE FROM events"))
        raise RuntimeError("step failed half-way")

    with pytest.raises(RuntimeError):
        upgrade(engine, {**MIGRATIONS, SCHEMA_VERSION: broken})
    with engine.connect() as connection:
        rounds = connection.execute(
            sa.text("SELECT count(*) FROM events WHERE stage = 'interview'")
        ).scalar()
        assert rounds == 2
        version = connection.execute(sa.text("SELECT value FROM schema_info")).scalar()
        assert not sa.inspect(connection).has_table("reflections")
    assert int(version) == 1


def test_a_database_from_a_newer_release_is_not_touched(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    Store.open(url)
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE schema_info SET value = '99'"))
    with pytest.raises(NewerSchema, match="Update bounceback"):
        Store.open(url)


def _lessons_of(store: Store) -> dict[tuple[str, str], tuple[bool, bool, int]]:
    """(owner, kind, wording) -> pinned, archived, mentions: what a user sees per lesson."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT l.owner_id, l.kind, l.text, l.pinned, l.archived, count(s.id) AS mentions"
                " FROM lessons l LEFT JOIN lesson_sources s ON s.lesson_id = l.id"
                " GROUP BY l.id, l.owner_id, l.kind, l.text, l.pinned, l.archived"
            )
        ).all()
    return {
        (r.owner_id, r.kind, r.text): (bool(r.pinned), bool(r.archived), r.mentions) for r in rows
    }


def test_copies_of_one_lesson_fold_into_one_keeping_every_mention(tmp_path: Path) -> None:
    url = _database_from(FIXTURES / "schema_v3.sql", tmp_path / "v3.db")
    store = Store.open(url)

    assert _lessons_of(store) == {
        # Three copies, one pinned and one archived: one lesson, pinned, live, every mention.
        ("local", "do", "Research the company."): (True, False, 3),
        ("local", "dont", "Talk over the panel"): (False, False, 1),
        ("local", "do", "Bring questions"): (False, False, 1),
        ("local", "dont", "Research the company"): (True, False, 0),
        ("someone-else", "do", "Research the company"): (False, False, 0),
    }
    with store.engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA integrity_check")).scalar() == "ok"
        version = connection.execute(sa.text("SELECT value FROM schema_info")).scalar()
    assert int(version) == SCHEMA_VERSION


def test_a_keyed_database_refuses_a_second_copy_of_a_lesson(blank_url: str) -> None:
    store = Store.open(blank_url)
    with store.engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO lessons (owner_id, kind, text, text_key, pinned, archived)"
                " VALUES ('local', 'do', 'Ask questions', 'same key', false, false)"
            )
        )
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO lessons (owner_id, kind, text, text_key, pinned, archived)"
                " VALUES ('local', 'do', 'ask questions!', 'same key', false, false)"
            )
        )


def test_the_lesson_upgrade_folds_copies_on_both_backends(blank_url: str) -> None:
    store = Store.open(blank_url)
    with store.engine.begin() as connection:
        # Back to schema 3's lessons table, holding copies as simultaneous saves left them.
        connection.execute(sa.text("DROP INDEX lessons_one_per_wording"))
        connection.execute(sa.text("ALTER TABLE lessons DROP COLUMN text_key"))
        connection.execute(sa.text("UPDATE schema_info SET value = '3'"))
        for text, pinned in (("Smile", False), ("smile!", True), ("SMILE", False)):
            connection.execute(
                sa.text(
                    "INSERT INTO lessons (owner_id, kind, text, pinned, archived)"
                    " VALUES ('local', 'do', :text, :pinned, false)"
                ),
                {"text": text, "pinned": pinned},
            )
    store.engine.dispose()

    assert upgrade(store.engine) == SCHEMA_VERSION
    assert _lessons_of(store) == {("local", "do", "Smile"): (True, False, 0)}
    application = store.add_application(draft(), today=TODAY)
    note = Reflection(
        application, Prompt.INTERVIEW, TODAY, lessons=(LessonDraft(LessonKind.DO, "smile"),)
    )
    store.save_reflection(note, TODAY)
    assert _lessons_of(store) == {("local", "do", "Smile"): (True, False, 1)}


@pytest.mark.parametrize("fixture", ["schema_v1.sql", "schema_v3.sql"])
def test_every_earlier_schema_gains_the_deleted_mark_with_every_row_live(
    tmp_path: Path, fixture: str
) -> None:
    url = _database_from(FIXTURES / fixture, tmp_path / "old.db")
    store = Store.open(url)
    before = store.all()
    assert before and all(item.deleted_at is None for item in before)
    store.delete(before[0].id)
    assert [item.id for item in store.recently_deleted()] == [before[0].id]
    assert [item.id for item in store.all()] == [item.id for item in before[1:]]
    store.restore_deleted("application", before[0].id)
    assert store.all() == before


def test_the_deleted_mark_upgrade_runs_on_both_backends(blank_url: str) -> None:
    store = Store.open(blank_url)
    kept = store.add_application(draft(), today=TODAY)
    with store.engine.begin() as connection:
        # Back to schema 4: no deleted mark anywhere.
        for table in ("applications", "reflections"):
            connection.execute(sa.text(f"ALTER TABLE {table} DROP COLUMN deleted_at"))
        connection.execute(sa.text("UPDATE schema_info SET value = '4'"))
    store.engine.dispose()

    assert upgrade(store.engine) == SCHEMA_VERSION
    assert [item.id for item in store.all()] == [kept]
    store.delete(kept)
    assert store.is_empty()
    assert [item.kind for item in store.recently_deleted()] == ["application"]


@pytest.mark.parametrize("fixture", ["schema_v1.sql", "schema_v3.sql"])
def test_every_earlier_schema_becomes_the_default_workspace_losing_nothing(
    tmp_path: Path, fixture: str
) -> None:
    url = _database_from(FIXTURES / fixture, tmp_path / "old.db")
    store = Store.open(url)
    before = store.all()
    assert before
    assert store.workspaces(include_archived=True) == []
    client = store.workspace(store.create_workspace("Ada Quill").id)
    assert client.is_empty()
    assert store.all() == before


def test_the_workspaces_upgrade_runs_on_both_backends(blank_url: str) -> None:
    store = Store.open(blank_url)
    kept = store.add_application(draft(), today=TODAY)
    with store.engine.begin() as connection:
        # Back to schema 5: no workspaces table.
        connection.execute(sa.text("DROP TABLE workspaces"))
        connection.execute(sa.text("UPDATE schema_info SET value = '5'"))
    store.engine.dispose()

    assert upgrade(store.engine) == SCHEMA_VERSION
    assert [item.id for item in store.all()] == [kept]
    made = store.create_workspace("Ada Quill")
    assert [item.name for item in store.workspaces()] == ["Ada Quill"]
    assert store.workspace(made.id).is_empty()


def test_the_prep_upgrade_adds_its_two_tables_on_both_backends(blank_url: str) -> None:
    store = Store.open(blank_url)
    kept = store.add_application(draft(), today=TODAY)
    with store.engine.begin() as connection:
        # Back to schema 5: no prep checklist, no private writing.
        for table in ("prep_checks", "private_writing"):
            connection.execute(sa.text(f"DROP TABLE {table}"))
        connection.execute(sa.text("UPDATE schema_info SET value = '5'"))
    store.engine.dispose()

    assert upgrade(store.engine) == SCHEMA_VERSION
    assert [item.id for item in store.all()] == [kept]
    store.tick_prep(kept, "research", True)
    store.tick_prep(kept, "research", True)
    assert store.prep_ticks(kept) == {"research"}


@pytest.mark.parametrize("fixture", ["schema_v1.sql", "schema_v3.sql"])
def test_every_earlier_schema_gains_the_prep_tables(tmp_path: Path, fixture: str) -> None:
    url = _database_from(FIXTURES / fixture, tmp_path / "old.db")
    store = Store.open(url)
    first = store.all()[0].id
    store.tick_prep(first, "logistics", True)
    assert store.prep_ticks(first) == {"logistics"}
    assert store.private_writing(first) is None


@pytest.mark.parametrize("fixture", ["schema_v1.sql", "schema_v3.sql"])
def test_every_earlier_schema_gains_an_empty_job_description(tmp_path: Path, fixture: str) -> None:
    store = Store.open(_database_from(FIXTURES / fixture, tmp_path / "old.db"))
    before = store.all()
    assert before and all(item.draft.job_description == "" for item in before)
    kept = store.add_application(draft(job_description="We are hiring."), today=TODAY)
    assert store.get(kept).draft.job_description == "We are hiring."


def test_the_job_description_upgrade_runs_on_both_backends(blank_url: str) -> None:
    store = Store.open(blank_url)
    kept = store.add_application(draft(), today=TODAY)
    with store.engine.begin() as connection:
        # Back to schema 5: no job description anywhere.
        connection.execute(sa.text("ALTER TABLE applications DROP COLUMN job_description"))
        connection.execute(sa.text("UPDATE schema_info SET value = '5'"))
    store.engine.dispose()

    assert upgrade(store.engine) == SCHEMA_VERSION
    assert store.get(kept).draft.job_description == ""
    added = store.add_application(draft(job_description="Plain advert."), today=TODAY)
    assert store.get(added).draft.job_description == "Plain advert."
