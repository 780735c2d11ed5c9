"""The command line: demo, export and import, each with --db."""

from pathlib import Path

from bounceback.__main__ import main
from bounceback.storage import Store


def test_demo_writes_the_requested_number_of_applications(db_url: str) -> None:
    assert main(["demo", "--applications", "25", "--db", db_url]) == 0
    assert len(Store.open(db_url).all()) == 25


def test_export_then_import_restores_everything(db_url: str, tmp_path: Path) -> None:
    main(["demo", "--db", db_url])
    path = tmp_path / "backup.json"
    assert main(["export", str(path), "--db", db_url]) == 0
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert main(["import", str(path), "--db", other]) == 0
    again = tmp_path / "again.json"
    main(["export", str(again), "--db", other])
    assert again.read_text() == path.read_text()


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
