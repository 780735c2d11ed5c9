"""Import page: upload, check the preview, import; bad files and bad rows write nothing."""

import zipfile
from pathlib import Path

import pytest

from bounceback.domain import Stage
from bounceback.exports import history_csv
from bounceback.importers import FIELDS
from bounceback.storage import Store
from components.text import md
from tests.conftest import draft
from tests.pages.conftest import texts
from tests.test_importers import _damaged_zip

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
PAGE = "app_pages/import.py"


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
    assert not app.file_uploader[0].value, "the page is ready for the next file"
    app.switch_page("app_pages/pipeline.py").run()
    app.segmented_control(key="pipeline:view").set_value("Table").run()
    assert "Amberline Travel" in app.dataframe[0].value["company"].tolist()


def test_problem_rows_are_listed_and_nothing_is_written_until_left_out(
    open_app, db_url: str
) -> None:
    app = _upload(open_app(PAGE), "junk.csv")
    problems = next(frame for frame in app.dataframe if "Problem" in frame.value).value
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


def _stage_table(app):
    editors = [frame for frame in app.dataframe if frame.editing_mode != "read_only"]
    assert len(editors) == 1, "every status is in one table"
    return editors[0]


def test_a_status_can_be_given_another_stage(open_app, db_url: str) -> None:
    content = b"Company,Role,Date applied,Status\nCobalt Fintech,Analyst,2026-10-01,Purple\n"
    app = _upload(open_app(PAGE), "mine.csv", content)
    table = _stage_table(app)
    assert table.value.to_dict("records") == [
        {"Status": "Purple", "Rows": 1, "Stage": "Applied", "How": "guessed from its words"}
    ]
    app.session_state[table.key] = {
        "edited_rows": {0: {"Stage": "Ghosted"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    assert _import_button(app).label == "Import 1 application"
    _import_button(app).click().run()
    assert Store.open(db_url).all()[0].stage is Stage.GHOSTED


def test_thousands_of_statuses_draw_one_table_of_the_most_used(open_app, db_url: str) -> None:
    rows = "".join(f"Company {n},Analyst,2026-10-01,Odd status {n}\n" for n in range(5_000))
    rows += "Cobalt,Analyst,2026-10-01,Rejected\n" * 3
    content = f"Company,Role,Date applied,Status\n{rows}".encode()
    app = _upload(open_app(PAGE), "many.csv", content)
    assert not app.exception
    assert len(app.selectbox) == len(FIELDS) + 2, "a box per field, the kind and dates: no more"
    table = _stage_table(app).value
    assert len(table) == 100
    assert table.iloc[0].to_dict() == {
        "Status": "Rejected",
        "Rows": 3,
        "Stage": "Rejected",
        "How": "as your own spreadsheet means it",
    }
    assert "Not listed: 4,901 rarer statuses, used by 4,901 rows." in texts(app)


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


def test_jobs_closed_without_a_reason_are_grouped_and_closed_as_chosen(
    open_app, db_url: str
) -> None:
    app = _upload(open_app(PAGE), "jobsync_2026-10-21.csv")
    assert not app.exception
    assert "read from a JobSync export" in texts(app)
    choice = app.radio(key="import:0:close_as")
    assert "3 rows closed in JobSync without a reason" in choice.label
    assert choice.value is None, "the default: ghosted if applied for, else not pursued"
    statuses = _stage_table(app).value["Status"].tolist()
    assert "Expired" not in statuses and "Archived" not in statuses, "asked about once, below"
    choice.set_value("rejected").run()
    _import_button(app).click().run()
    stages = {item.draft.company: item.stage for item in Store.open(db_url).all()}
    assert stages["Quarry Lane Ltd"] is Stage.REJECTED
    assert stages["Saltmarsh Media"] is Stage.WITHDRAWN, "only saved: not pursued"


def test_an_empty_linkedin_row_is_left_out_and_counted(open_app, db_url: str) -> None:
    app = _upload(open_app(PAGE), "linkedin_applications_2026.csv")
    assert "Left out 1 row holding no application" in texts(app)
    assert not app.checkbox, "nothing blocks the file"
    _import_button(app).click().run()
    assert "Imported 3 applications." in texts(app)
    assert "Left out 1 row holding no application." in texts(app)
    assert all(item.draft.contacts == () for item in Store.open(db_url).all())


def test_several_files_are_checked_one_by_one_and_imported_together(open_app, db_url: str) -> None:
    names = ("teal_job_tracker.csv", "linkedin_saved_jobs.csv")
    app = open_app(PAGE)
    app.file_uploader[0].set_value(
        [(name, (FIXTURES / name).read_bytes(), "text/csv") for name in names]
    ).run()
    assert not app.exception
    assert [header.value for header in app.subheader] == [
        *(md(name) for name in sorted(names)),
        "Import them all",
    ]
    shown = texts(app)
    assert "read from a Teal export" in shown
    assert "read from a LinkedIn saved jobs export" in shown
    assert app.selectbox(key="import:0:1:format").value is None, "each file its own choices"
    _import_button(app).click().run()
    assert "Imported 10 applications." in texts(app)
    assert len(Store.open(db_url).all()) == 10


def test_a_linkedin_archive_is_imported_as_it_comes(open_app, db_url: str) -> None:
    from tests.test_importers import _linkedin_archive

    app = _upload(open_app(PAGE), "Basic_LinkedInDataExport.zip", _linkedin_archive())
    assert not app.exception
    assert "Passed over (no applications in them): Connections.csv, Profile.csv" in texts(app)
    assert _import_button(app).label == "Import 5 applications"
    _import_button(app).click().run()
    assert len(Store.open(db_url).all()) == 5


@pytest.mark.parametrize("compression", [zipfile.ZIP_DEFLATED, zipfile.ZIP_LZMA])
def test_a_damaged_zip_names_its_member_and_writes_nothing(
    open_app, db_url: str, compression: int
) -> None:
    app = _upload(open_app(PAGE), "damaged.zip", _damaged_zip(compression, "flip"))
    assert not app.exception
    assert "a.csv can't be read" in texts(app).replace("\\", "")
    assert not [b for b in app.button if b.label.startswith("Import ")]
    assert Store.open(db_url).is_empty()


def test_an_unclosed_quote_is_named_and_writes_nothing(open_app, db_url: str) -> None:
    content = b'Company,Role,Date applied\n"unterminated,Eng,2026-01-01\nB,Eng,2026-01-02\n'
    app = _upload(open_app(PAGE), "quote.csv", content)
    assert not app.exception
    assert "Row 2 opens a quote" in texts(app)
    assert Store.open(db_url).is_empty()


def test_bounceback_s_own_csv_is_recognised_as_it_is_read(open_app, sample_db) -> None:
    """The file box said 'Recognised: Your own spreadsheet' for bounceback's own export."""
    written = history_csv(sample_db.all()).encode()
    app = _upload(open_app(PAGE), "bounceback-job-search.csv", written)
    assert not app.exception
    assert "read from a bounceback export" in texts(app)
    assert app.selectbox(key="import:0:format").options[0] == "Recognised: bounceback"
