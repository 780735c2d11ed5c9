"""The command line: demo, export and import, each with --db."""

import json
import resource
import signal
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bounceback import backup
from bounceback.__main__ import main
from bounceback.domain import InterviewKind, ScheduledInterview, Settings, Stage
from bounceback.lessons import LessonState
from bounceback.reflections import LessonKind
from bounceback.sessions import Action, ActionOwner
from bounceback.storage import Store
from tests.conftest import read_only_file


def test_demo_writes_the_requested_number_of_applications(db_url: str) -> None:
    assert main(["demo", "--applications", "25", "--db", db_url]) == 0
    assert len(Store.open(db_url).all()) == 25


def test_export_then_import_restores_everything(db_url: str, tmp_path: Path) -> None:
    main(["demo", "--db", db_url])
    store = Store.open(db_url)
    interviewing = next(item for item in store.all() if item.stage is Stage.INTERVIEW)
    now = datetime.now(UTC).replace(microsecond=0)
    store.schedule_interview(
        ScheduledInterview(interviewing.id, "", "", now + timedelta(days=3), InterviewKind.VIDEO),
        now,
    )
    session = store.add_session(date.today(), "Went through the CV", date.today())
    store.add_action(
        session, Action("Ask for feedback", ActionOwner.CLIENT, date.today()), date.today()
    )
    path = tmp_path / "backup.json"
    assert main(["export", str(path), "--db", db_url]) == 0
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert main(["import", str(path), "--db", other]) == 0
    again = tmp_path / "again.json"
    main(["export", str(again), "--db", other])
    assert again.read_text() == path.read_text()
    restored = Store.open(other)
    assert len(restored.booked_interviews()) == 1
    assert [item.notes for item in restored.sessions()] == ["Went through the CV"]


def test_import_refuses_to_mix_into_existing_data(db_url: str, tmp_path: Path, capsys) -> None:
    main(["demo", "--applications", "5", "--db", db_url])
    path = tmp_path / "backup.json"
    main(["export", str(path), "--db", db_url])
    assert main(["import", str(path), "--db", db_url]) == 1
    assert "Nothing was changed" in capsys.readouterr().err
    assert len(Store.open(db_url).all()) == 5


def test_replace_keeps_a_safety_copy_first(db_url: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("bounceback.__main__.SAFETY_DIR", tmp_path / "safety")
    main(["demo", "--applications", "5", "--db", db_url])
    assert main(["demo", "--applications", "8", "--replace", "--db", db_url]) == 0
    copies = list((tmp_path / "safety").glob("*.json"))
    assert len(copies) == 1
    assert copies[0].read_text().count('"company"') == 5
    assert len(Store.open(db_url).all()) == 8


def test_a_bad_backup_file_is_reported_plainly(db_url: str, tmp_path: Path, capsys) -> None:
    path = tmp_path / "junk.json"
    path.write_text("hello")
    assert main(["import", str(path), "--db", db_url]) == 1
    assert "Not valid JSON" in capsys.readouterr().err


FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def test_import_of_a_csv_adds_its_rows_and_says_how_it_read_them(db_url: str, capsys) -> None:
    assert main(["import", str(FIXTURES / "huntr.csv"), "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "Read 5 rows from a Huntr export (UTF-8, comma-separated)." in out
    assert "read as month/day/year" in out
    assert "Wishlist → saved" in out
    assert "Imported 5 applications." in out
    assert len(Store.open(db_url).all()) == 5


def test_a_csv_is_added_to_what_is_there_and_duplicates_are_skipped(db_url: str, capsys) -> None:
    main(["demo", "--applications", "5", "--db", db_url])
    assert main(["import", str(FIXTURES / "teal.csv"), "--db", db_url]) == 0
    assert main(["import", str(FIXTURES / "teal.csv"), "--db", db_url]) == 0
    assert "Skipped 8 rows matching applications" in capsys.readouterr().out
    assert len(Store.open(db_url).all()) == 13
    flags = ["--include-duplicates", "--db", db_url]
    assert main(["import", str(FIXTURES / "teal.csv"), *flags]) == 0
    assert len(Store.open(db_url).all()) == 21


def test_rows_with_problems_stop_the_import_unless_left_out(db_url: str, capsys) -> None:
    assert main(["import", str(FIXTURES / "junk.csv"), "--db", db_url]) == 1
    err = capsys.readouterr().err
    assert "Problem, row 10, Role: Role is required." in err
    assert "Problem, row 11, Date applied: 'not sure' isn't a date" in err
    assert "Nothing was changed: 2 rows with problems" in err
    assert Store.open(db_url).is_empty()
    assert main(["import", str(FIXTURES / "junk.csv"), "--skip-bad-rows", "--db", db_url]) == 0
    assert "Left out 2 rows with problems." in capsys.readouterr().out
    assert len(Store.open(db_url).all()) == 2


def test_a_spreadsheet_without_the_needed_columns_is_refused(
    db_url: str, tmp_path: Path, capsys
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("Name,Phone\nJo Whitlow,01632 960000\n")
    assert main(["import", str(path), "--db", db_url]) == 1
    err = capsys.readouterr().err
    assert "No column was found for: company, role, date applied." in err
    assert "The file's columns are: Name, Phone." in err
    assert Store.open(db_url).is_empty()


@pytest.mark.parametrize(
    ("flag", "applied_on"), [("--day-first", date(2026, 4, 3)), ("--month-first", date(2026, 3, 4))]
)
def test_the_date_order_can_be_given(
    flag: str, applied_on: date, db_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("Company,Role,Date applied\nLumen Analytics,Analyst,03/04/2026\n")
    assert main(["import", str(path), flag, "--db", db_url]) == 0
    assert Store.open(db_url).all()[0].draft.applied_on == applied_on


def test_a_file_over_the_size_limit_is_refused_without_reading_it(
    db_url: str, tmp_path: Path, capsys
) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to disk
    # All zero bytes: read, it would be refused as not text, so this message shows the size
    # was checked first.
    assert main(["import", str(path), "--db", db_url]) == 1
    assert "50.0 MB; the importer takes files up to 10 MB" in capsys.readouterr().err


def test_replace_is_refused_for_a_csv(db_url: str, capsys) -> None:
    assert main(["import", str(FIXTURES / "teal.csv"), "--replace", "--db", db_url]) == 1
    assert "--replace is for backups only" in capsys.readouterr().err
    assert Store.open(db_url).is_empty()


@pytest.mark.parametrize(
    ("name", "content", "csv_import"),
    [
        ("export", "Company,Role,Date applied\nLumen,Analyst,2026-10-01\n", True),
        ("export.dat", '{"format": "not-a-backup"}', False),
    ],
)
def test_a_file_without_a_known_suffix_is_judged_by_its_content(
    name: str, content: str, csv_import: bool, db_url: str, tmp_path: Path, capsys
) -> None:
    path = tmp_path / name
    path.write_text(content)
    main(["import", str(path), "--db", db_url])
    output = capsys.readouterr()
    assert ("Imported 1 application." in output.out) is csv_import
    assert ("not a bounceback backup" in output.err) is not csv_import


def _hold_everything_but_applications(store: Store) -> None:
    """What a user may have before their first application: strengths, pins, corrections."""
    store.load(
        [],
        Settings(onboarded=True, baseline_pool=9, strengths=("Calm under pressure",)),
        lesson_marks=[LessonState(LessonKind.DO, "Ask for the interview format first", True)],
        corrections={"employer:0123456789abcdef": {"confidence": True}},
    )


@pytest.mark.parametrize("command", ["import", "demo"])
def test_data_without_applications_is_guarded_too(
    db_url: str, tmp_path: Path, capsys, command: str
) -> None:
    backup_file = tmp_path / "backup.json"
    main(["demo", "--applications", "3", "--db", f"sqlite:///{tmp_path / 'other.db'}"])
    main(["export", str(backup_file), "--db", f"sqlite:///{tmp_path / 'other.db'}"])
    store = Store.open(db_url)
    _hold_everything_but_applications(store)
    before = backup.export_text(store)
    args = ["import", str(backup_file)] if command == "import" else ["demo"]
    assert main([*args, "--db", db_url]) == 1
    err = capsys.readouterr().err
    assert "1 lesson" in err and "your settings" in err and "Nothing was changed" in err
    assert backup.export_text(store) == before

    assert main([*args, "--replace", "--db", db_url]) == 0
    (copy,) = (tmp_path / "backups").glob("before-replace-*.json")
    assert copy.read_text(encoding="utf-8") == before, "the safety copy holds what was replaced"


def test_export_on_a_full_disk_keeps_the_earlier_backup_whole(db_url: str, tmp_path: Path) -> None:
    main(["demo", "--applications", "3", "--db", db_url])
    target = tmp_path / "my-backup.json"
    assert main(["export", str(target), "--db", db_url]) == 0
    earlier = target.read_bytes()
    main(["demo", "--applications", "60", "--replace", "--db", db_url])
    # A real failed write: the kernel refuses to let the process grow any file past the limit.
    limit = len(earlier) + 100

    def no_room() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(
        [sys.executable, "-m", "bounceback", "export", str(target), "--db", db_url],
        cwd=Path(__file__).parent.parent,
        capture_output=True,
        text=True,
        preexec_fn=no_room,
        check=False,
    )
    assert done.returncode == 1
    assert "the disk is full" in done.stderr
    assert "my-backup.json, is unchanged" in done.stderr
    assert target.read_bytes() == earlier
    json.loads(earlier)
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".my-backup")] == []


def test_a_read_only_database_is_refused_plainly_once(db_url: str, tmp_path: Path, capsys) -> None:
    main(["demo", "--applications", "3", "--db", db_url])
    with read_only_file(tmp_path / "bounceback.db"):
        assert main(["demo", "--replace", "--db", db_url]) == 1
    err = capsys.readouterr().err
    assert err.endswith("Couldn't save: the database is read-only. Nothing was changed.\n")
    assert err.count("Nothing was changed") == 1
    assert len(Store.open(db_url).all()) == 3
