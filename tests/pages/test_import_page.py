"""Import page: upload, check the preview, import; bad files and bad rows write nothing."""

from pathlib import Path

import pytest

from bounceback.domain import Stage
from bounceback.storage import Store
from tests.conftest import draft
from tests.pages.conftest import texts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
PAGE = "pages/import.py"


def _upload(app, name: str, content: bytes | None = None):
    data = (FIXTURES / name).read_bytes() if content is None else content
    app.file_uploader[0].set_value((name, data, "text/csv"))
    return app.run()


def _import_button(app):
    matches = [b for b in app.button if b.label.startswith("Import ")]
    assert matches, f"no import button; buttons: {[b.label for b in app.button]}"
    return matches[0]


def test_the_empty_page_says_which_files_it_takes(open_app) -> None:
    app = open_app(PAGE)
    assert not app.exception
    shown = texts(app)
    assert "Import" in shown
    for name in ("your own spreadsheet", "LinkedIn", "Simplify", "Huntr", "Teal", "10 MB"):
        assert name in shown


@pytest.mark.parametrize(
    ("name", "kind", "rows"),
    [
        ("huntr.csv", "a Huntr export", 5),
        ("linkedin_job_applications.csv", "a LinkedIn export", 3),
        ("spreadsheet_uk.csv", "a spreadsheet of your own", 5),
    ],
)
def test_an_uploaded_file_shows_how_it_was_read_and_a_preview(
    open_app, db_url: str, name: str, kind: str, rows: int
) -> None:
    app = _upload(open_app(PAGE), name)
    assert not app.exception
    shown = texts(app)
    assert f"read from {kind}" in shown
    assert "Dates are read as" in shown
    assert len(app.dataframe[0].value) == rows
    assert _import_button(app).label == f"Import {rows} applications"
    assert Store.open(db_url).is_empty(), "nothing is written before the button"


def test_the_import_button_writes_and_the_pipeline_shows_the_rows(open_app, db_url: str) -> None:
    app = _upload(open_app(PAGE), "teal.csv")
    _import_button(app).click().run()
    assert not app.exception
    assert "Imported 8 applications." in texts(app)
    stored = Store.open(db_url).all()
    assert len(stored) == 8
    assert {item.stage for item in stored} >= {Stage.SAVED, Stage.ACCEPTED, Stage.GHOSTED}
    assert app.file_uploader[0].value is None, "the page is ready for the next file"
    app.switch_page("pages/pipeline.py").run()
    app.segmented_control(key="pipeline:view").set_value("Table").run()
    assert "Amberline Travel" in app.dataframe[0].value["company"].tolist()


def test_problem_rows_are_listed_and_nothing_is_written_until_left_out(
    open_app, db_url: str
) -> None:
    app = _upload(open_app(PAGE), "junk.csv")
    problems = app.dataframe[1].value
    assert problems["Row"].tolist() == [10, 11]
    assert problems["Column"].tolist() == ["Role", "Date applied"]
    assert _import_button(app).disabled
    assert Store.open(db_url).is_empty()
    app.checkbox[0].check().run()
    _import_button(app).click().run()
    assert "Left out 2 rows with problems." in texts(app)
    assert len(Store.open(db_url).all()) == 2


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"PK\x03\x04" + bytes(100), "Excel workbook"),
        (b"", "The file is empty"),
        (b"one lonely line\n", "no header row"),
    ],
)
def test_a_file_that_is_not_csv_is_refused_plainly(
    open_app, db_url: str, content: bytes, says: str
) -> None:
    app = _upload(open_app(PAGE), "upload.csv", content)
    assert not app.exception
    assert says in texts(app)
    assert not [b for b in app.button if b.label.startswith("Import ")]
    assert Store.open(db_url).is_empty()


def test_unguessable_columns_are_picked_by_hand_before_importing(open_app, db_url: str) -> None:
    content = b"Firm,Title,Sent\nCobalt Fintech,Analyst,2026-10-01\n"
    app = _upload(open_app(PAGE), "mine.csv", content)
    assert "Pick the column for: date applied" in texts(app)
    assert not [b for b in app.button if b.label.startswith("Import ")]
    app.selectbox(key="import:0:map:generic:applied_on").select("Sent").run()
    _import_button(app).click().run()
    assert Store.open(db_url).all()[0].draft.company == "Cobalt Fintech"


def test_a_status_can_be_given_another_stage(open_app, db_url: str) -> None:
    content = b"Company,Role,Date applied,Status\nCobalt Fintech,Analyst,2026-10-01,Purple\n"
    app = _upload(open_app(PAGE), "mine.csv", content)
    assert "Purple (1 row, guessed)" in [box.label for box in app.selectbox]
    app.selectbox(key="import:0:stage:generic:purple").select("ghosted").run()
    _import_button(app).click().run()
    assert Store.open(db_url).all()[0].stage is Stage.GHOSTED


def test_duplicates_are_skipped_unless_the_user_says_otherwise(open_app, db_url: str) -> None:
    Store.open(db_url).add_application(draft(company="Lumen Analytics", role="Data Analyst"))
    app = _upload(open_app(PAGE), "linkedin_job_applications.csv")
    assert app.radio[0].value == "skip"
    assert app.radio[0].label.startswith("1 row matches an application already in bounceback")
    assert _import_button(app).label == "Import 2 applications"
    app.radio[0].set_value("import").run()
    _import_button(app).click().run()
    assert len(Store.open(db_url).all()) == 4


def test_a_long_file_is_read_checked_and_imported(open_app, db_url: str) -> None:
    rows = "".join(f"Company {n},Analyst,2026-10-01,Applied\n" for n in range(3_000))
    content = f"Company,Role,Date applied,Status\n{rows}".encode()
    app = _upload(open_app(PAGE), "long.csv", content)
    assert not app.exception
    _import_button(app).click().run()
    assert "Imported 3,000 applications." in texts(app)
    assert len(Store.open(db_url).all()) == 3_000


def test_importing_is_off_in_presenter_mode(open_app) -> None:
    app = open_app(PAGE, query={"presenter": "1"})
    assert not app.exception
    assert "Importing is off while presenter mode is on" in texts(app)
    assert not app.file_uploader
