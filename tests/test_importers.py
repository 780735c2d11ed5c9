"""CSV import: every known format, dates, encodings, bad files, duplicates, one transaction."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bounceback import sample
from bounceback.__main__ import main
from bounceback.csv_text import (
    MAX_BYTES,
    MAX_ROWS,
    UnreadableFile,
    check_size,
    read_files,
    read_table,
)
from bounceback.domain import BouncebackError, Contact, InterviewKind, Source, Stage
from bounceback.feedback import snippets
from bounceback.importers import (
    Choices,
    ImportPlan,
    MissingColumns,
    PlannedRow,
    RowsHaveProblems,
    commit,
    existing_keys,
    plan_files,
    plan_import,
    stored_keys,
)
from bounceback.pipeline import application_table
from bounceback.sheet_dates import decide_order, parse_date
from bounceback.storage import Store
from tests.conftest import TODAY, draft

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def _plan(data: bytes, **options: object) -> ImportPlan:
    """A plan for the bytes, as of the tests' today."""
    return plan_import(read_table(data), today=TODAY, **options)  # type: ignore[arg-type]


def _fixture(name: str, **options: object) -> ImportPlan:
    return _plan((FIXTURES / name).read_bytes(), **options)


def _stages(plan: ImportPlan, row: int) -> list[Stage]:
    found = next(item for item in plan.rows if item.row == row)
    return [event.stage for event in found.application.events]


@pytest.mark.parametrize(
    ("name", "kind", "rows", "order"),
    [
        ("linkedin_job_applications.csv", "linkedin", 3, "month/day/year"),
        ("simplify.csv", "simplify", 5, "month/day/year"),
        ("huntr.csv", "huntr", 5, "month/day/year"),
        ("teal.csv", "teal", 8, "month/day/year"),
        ("spreadsheet_uk.csv", "generic", 5, "day/month/year"),
    ],
)
def test_each_format_is_recognised_and_every_row_is_ready(
    name: str, kind: str, rows: int, order: str
) -> None:
    plan = _fixture(name)
    assert plan.tracker.key == kind
    assert plan.order.label == order
    assert len(plan.rows) == rows
    assert plan.problems == ()


@pytest.mark.parametrize(
    ("name", "row", "company", "applied_on", "stages"),
    [
        (
            "linkedin_job_applications.csv",
            3,
            "Copperleaf Energy",
            date(2026, 10, 14),
            [Stage.APPLIED],
        ),
        ("simplify.csv", 3, "Pebble & Pine", date(2026, 11, 10), [Stage.SAVED]),
        (
            "simplify.csv",
            4,
            "Bramble Health",
            date(2026, 9, 15),
            [Stage.APPLIED, Stage.INTERVIEW],
        ),
        ("huntr.csv", 2, "Silverbirch Software", date(2026, 11, 12), [Stage.SAVED]),
        ("huntr.csv", 6, "Larkspur Media", date(2026, 8, 26), [Stage.APPLIED, Stage.REJECTED]),
        (
            "teal.csv",
            6,
            "Amberline Travel",
            date(2026, 8, 2),
            [Stage.APPLIED, Stage.OFFER, Stage.ACCEPTED],
        ),
        ("teal.csv", 8, "Greystone Legal", date(2026, 7, 21), [Stage.APPLIED, Stage.GHOSTED]),
        ("teal.csv", 9, "Stonegate Property", date(2026, 7, 2), [Stage.APPLIED, Stage.WITHDRAWN]),
        (
            "spreadsheet_uk.csv",
            3,
            "Meadowbank College",
            date(2026, 9, 14),
            [Stage.APPLIED, Stage.SCREENING],
        ),
    ],
)
def test_a_row_becomes_the_application_and_history_its_status_implies(
    name: str, row: int, company: str, applied_on: date, stages: list[Stage]
) -> None:
    plan = _fixture(name)
    found = next(item for item in plan.rows if item.row == row)
    assert found.application.draft.company == company
    assert found.application.draft.applied_on == applied_on
    assert _stages(plan, row) == stages


@pytest.mark.parametrize(
    ("headers", "kind"),
    [
        ("companyName,title,listName,location,htmlDescription", "huntr"),
        ("Company,Job Title,List,Notes", "huntr"),
        ("Job Position,Company,Status,Date Saved,Date Applied", "teal"),
        ("Company Name,Job Title,Applied Date,Status", "generic"),
        ("Company Name,Job Title,Job URL,Applied Date,Status,Status Date", "simplify"),
    ],
)
def test_the_format_is_recognised_from_its_headers_alone(headers: str, kind: str) -> None:
    assert _plan(f"{headers}\n".encode()).tracker.key == kind


def test_a_status_date_dates_the_latest_step() -> None:
    plan = _fixture("simplify.csv")
    rejected = next(item for item in plan.rows if item.row == 5).application
    assert [event.on for event in rejected.events] == [date(2026, 8, 20), date(2026, 9, 1)]


def test_an_imported_interview_says_its_kind_was_not_in_the_file() -> None:
    plan = _fixture("huntr.csv")
    interview = next(item for item in plan.rows if item.row == 4).application.events[-1]
    assert interview.kind is InterviewKind.VIDEO
    assert "didn't say what kind of interview" in interview.note


def test_linkedin_rows_keep_their_source_but_not_the_job_seeker_s_own_details() -> None:
    plan = _fixture("linkedin_job_applications.csv")
    application = next(item for item in plan.rows if item.row == 3).application
    assert application.draft.source is Source.LINKEDIN
    assert application.draft.contacts == (), "LinkedIn's contact columns are the user's own"
    assert "Question And Answers" in plan.ignored


@pytest.mark.parametrize(
    "name", [path.name for path in sorted(FIXTURES.glob("*.csv")) if path.name != "junk.csv"]
)
def test_every_format_fixture_commits_and_reads_back(name: str, fresh_db: Store) -> None:
    plan = _fixture(name)
    result = commit(fresh_db, plan)
    assert result.imported == len(plan.rows) == len(fresh_db.all())
    assert {item.draft.company for item in fresh_db.all()} == {
        planned.application.draft.company for planned in plan.rows
    }


@pytest.mark.parametrize(
    "name", [path.name for path in sorted(FIXTURES.glob("*.csv")) if path.name != "junk.csv"]
)
def test_no_imported_step_puts_words_in_an_employer_s_mouth(name: str, fresh_db: Store) -> None:
    """A rejection's note is read as what the employer said: an import writes none of its own.

    "Imported from ... (status: Rejected)" there was counted as feedback, and filed under
    a skills gap for the word 'spreadsheet'."""
    commit(fresh_db, _fixture(name))
    said = snippets(fresh_db.frames(), application_table(fresh_db.frames()))
    made_up = said[said["text"].str.contains("Imported from|without a reason given", regex=True)]
    assert made_up.empty, made_up["text"].tolist()
    for application in fresh_db.all():
        assert all("Imported from" not in event.note for event in application.events[1:])


def test_where_a_row_came_from_is_said_on_its_first_step() -> None:
    plan = _fixture("spreadsheet_uk.csv")
    events = next(item for item in plan.rows if item.row == 4).application.events
    assert (
        events[0].note == "Imported from your own spreadsheet (status: Rejected after interview)."
    )
    assert events[-1].stage is Stage.REJECTED and events[-1].note == ""


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ("Company,Job Title,Date Applied", ("Company", "Job Title", "Date Applied")),
        ("Employer,Position,Applied On", ("Employer", "Position", "Applied On")),
        ("Organisation,Role,Date", ("Organisation", "Role", "Date")),
        (
            "organization_name,job_position,application_date",
            ("organization_name", "job_position", "application_date"),
        ),
        (
            "Company (legal name),Position title,Date applied (dd/mm)",
            ("Company (legal name)", "Position title", "Date applied (dd/mm)"),
        ),
        ("Notes,Salary", (None, None, None)),
    ],
)
def test_a_spreadsheet_s_columns_are_guessed_from_their_names(
    headers: str, expected: tuple[str | None, ...]
) -> None:
    plan = _plan(f"{headers}\n".encode())
    assert (plan.mapping["company"], plan.mapping["role"], plan.mapping["applied_on"]) == expected


def test_the_user_s_column_choice_overrides_the_guess() -> None:
    data = b"Firm,Title,Sent,Comments\nCobalt Fintech,Analyst,2026-10-01,Great team\n"
    guessed = _plan(data)
    assert guessed.missing == ("applied_on",)
    chosen = _plan(data, choices=Choices(mapping={"applied_on": "Sent", "notes": None}))
    assert chosen.missing == ()
    assert chosen.rows[0].application.draft.applied_on == date(2026, 10, 1)
    assert chosen.rows[0].application.draft.notes == ""
    assert "Comments" in chosen.ignored


def test_missing_columns_block_the_import_and_write_nothing(fresh_db: Store) -> None:
    plan = _plan(b"Notes,Salary\nhello,30000\nagain,31000\n")
    assert set(plan.missing) == {"company", "role", "applied_on"}
    with pytest.raises(MissingColumns, match="company, role, date applied"):
        commit(fresh_db, plan, skip_bad_rows=True)
    assert fresh_db.is_empty()


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("2026-10-01", True, date(2026, 10, 1)),
        ("2026-10-01T09:15:00Z", False, date(2026, 10, 1)),
        ("2026/10/01 14:30", True, date(2026, 10, 1)),
        ("10/1/26", False, date(2026, 10, 1)),
        ("10/01/2026", False, date(2026, 10, 1)),
        ("01/10/2026", True, date(2026, 10, 1)),
        ("1.10.2026", True, date(2026, 10, 1)),
        ("Oct 1, 2026", True, date(2026, 10, 1)),
        ("October 1 2026", False, date(2026, 10, 1)),
        ("Thu, Oct 1, 2026", False, date(2026, 10, 1)),
        ("1 Oct 2026", False, date(2026, 10, 1)),
        ("1st October 2026", True, date(2026, 10, 1)),
        ("01-Oct-26", True, date(2026, 10, 1)),
        ("10/1/26, 9:15 AM", False, date(2026, 10, 1)),
        ("31/02/2026", True, None),
        ("13/13/2026", False, None),
        ("soon", True, None),
        ("Smarch 1, 2026", True, None),
        ("2026-10-01 and a bit", True, None),
    ],
)
def test_dates_are_read_in_the_styles_trackers_write(
    text: str, day_first: bool, expected: date | None
) -> None:
    assert parse_date(text, day_first) == expected


@pytest.mark.parametrize(
    ("values", "chosen", "usual", "day_first", "says"),
    [
        (["03/04/2026", "23/04/2026"], None, False, True, "23/04/2026 can only be read that way"),
        (["03/04/2026", "04/23/2026"], None, True, False, "04/23/2026 can only be read that way"),
        (["03/04/2026", "05/06/2026"], None, True, True, "could be read either way"),
        (["03/04/2026", "05/06/2026"], None, False, False, "could be read either way"),
        (["23/04/2026", "24/04/2026", "04/25/2026"], None, False, True, "mixes both orders"),
        (["23/04/2026"], False, True, False, "as you chose"),
        (["2026-04-23", "Apr 3, 2026"], None, True, True, "no doubt"),
    ],
)
def test_a_file_s_date_order_is_decided_once_and_explained(
    values: list[str], chosen: bool | None, usual: bool, day_first: bool, says: str
) -> None:
    order = decide_order(values, chosen, usual, "as usual")
    assert order.day_first is day_first
    assert says in order.reason


def test_a_date_only_the_other_order_can_read_is_read_so_and_said() -> None:
    """A hand-typed sheet mixes orders: 04/13/2026 among day-first dates is 13 April."""
    data = (
        b"Company,Role,Date applied\nLumen,Analyst,03/04/2026\nBrightwell,Clerk,13/04/2026\n"
        b"Corran,Planner,04/13/2026\n"
    )
    plan = _plan(data)
    assert [row.application.draft.applied_on for row in plan.rows] == [
        date(2026, 4, 3),
        date(2026, 4, 13),
        date(2026, 4, 13),
    ]
    (said,) = [note for note in plan.notices if note.row == 4]
    assert said.column == "Date applied" and "Read as 13 Apr 2026" in said.message
    assert not plan.problems


def test_the_user_can_overrule_the_date_order_for_a_file() -> None:
    data = b"Company,Role,Date applied\nLumen Analytics,Analyst,03/04/2026\n"
    assert _plan(data).rows[0].application.draft.applied_on == date(2026, 4, 3)
    chosen = _plan(data, choices=Choices(day_first=False))
    assert chosen.rows[0].application.draft.applied_on == date(2026, 3, 4)
    assert _plan(data, day_first_usually=False).rows[0].application.draft.applied_on == date(
        2026, 3, 4
    )


SPREADSHEET = "Company,Role,Date applied\nZoë Brontë Café,Barista,2026-10-01\n"


@pytest.mark.parametrize(
    ("data", "encoding", "noted"),
    [
        (SPREADSHEET.encode("utf-8"), "UTF-8", False),
        (SPREADSHEET.encode("utf-8-sig"), "UTF-8 (with BOM)", False),
        (SPREADSHEET.encode("utf-16"), "UTF-16", False),
        (SPREADSHEET.encode("cp1252"), "Windows-1252", True),
    ],
)
def test_accented_names_survive_every_common_encoding(
    data: bytes, encoding: str, noted: bool
) -> None:
    table = read_table(data)
    assert table.encoding == encoding
    assert table.headers == ("Company", "Role", "Date applied")
    assert bool(table.note) is noted
    assert _plan(data).rows[0].application.draft.company == "Zoë Brontë Café"


@pytest.mark.parametrize(
    ("data", "delimiter"),
    [
        (b"Company;Role;Date applied;Notes\nCobalt;Analyst;2026-10-01;a, b and c\n", ";"),
        (b"Company\tRole\tDate applied\tNotes\nCobalt\tAnalyst\t2026-10-01\ta; b\n", "\t"),
        (b'Company,Role,Date applied,Notes\nCobalt,Analyst,2026-10-01,"a; b"\n', ","),
    ],
)
def test_semicolons_and_tabs_are_recognised_as_delimiters(data: bytes, delimiter: str) -> None:
    plan = _plan(data)
    assert plan.table.delimiter == delimiter
    assert plan.rows[0].application.draft.role == "Analyst"


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "Excel workbook"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(50), "image"),
        (b"Company,Role\x00\x00\x01\x02binary", "not a CSV text file"),
        (bytes(range(1, 32)) * 20, "not a CSV text file"),
        (b"just one line of prose with no columns\n", "no header row"),
        (b"\xef\xbb\xbfCompany,R\xf4le\n", "says it is UTF-8"),
    ],
)
def test_files_that_are_not_csv_are_refused_plainly(data: bytes, says: str) -> None:
    with pytest.raises(UnreadableFile, match=says):
        read_table(data)


def test_a_50_mb_file_is_refused_for_its_size_before_it_is_read() -> None:
    data = b"a" * (50 * 1024 * 1024)
    with pytest.raises(UnreadableFile, match=r"50\.0 MB.*up to 10 MB"):
        read_table(data)


@pytest.mark.parametrize(("rows", "refused"), [(MAX_ROWS, False), (MAX_ROWS + 1, True)])
def test_a_file_longer_than_the_row_limit_is_refused_as_it_is_read(
    rows: int, refused: bool
) -> None:
    data = ("Company,Role\n" + "Cobalt,Analyst\n" * rows).encode()
    if refused:
        with pytest.raises(UnreadableFile, match=r"more than 50,000 rows"):
            read_table(data)
    else:
        assert len(read_table(data).rows) == MAX_ROWS


@pytest.mark.parametrize(("size", "refused"), [(MAX_BYTES, False), (MAX_BYTES + 1, True)])
def test_the_size_limit_is_exact_to_the_byte(size: int, refused: bool) -> None:
    if refused:
        with pytest.raises(UnreadableFile):
            check_size(size)
    else:
        check_size(size)


def test_junk_rows_are_passed_over_and_problems_keep_the_file_s_row_numbers() -> None:
    plan = _fixture("junk.csv")
    assert plan.table.header_row == 3
    assert [item.row for item in plan.rows] == [4, 6]
    assert plan.skipped == (1, 2, 5, 7, 8, 9)
    assert [(finding.row, finding.column) for finding in plan.problems] == [
        (10, "Role"),
        (11, "Date applied"),
    ]
    assert [choice.text for choice in plan.statuses] == ["Applied", "Rejected"]


@pytest.mark.parametrize(
    ("row", "column", "says"),
    [
        (",Analyst,2026-10-01,https://x.example", "Employer", "Company is required."),
        ("Cobalt,Analyst,,https://x.example", "Applied On", "No date"),
        ("Cobalt,Analyst,2026-13-01,https://x.example", "Applied On", "isn't a date"),
        ("Cobalt,Analyst,2027-01-01,https://x.example", "Applied On", "can't be in the future"),
        ("Cobalt,Analyst,2026-10-01,ftp://x.example", "Advert", "http:// or https://"),
        (f"{'C' * 201},Analyst,2026-10-01,", "Employer", "too long"),
    ],
)
def test_each_problem_names_its_row_and_column(row: str, column: str, says: str) -> None:
    plan = _plan(f"Employer,Position,Applied On,Advert\n{row}\n".encode())
    assert plan.rows == ()
    assert [(finding.row, finding.column) for finding in plan.problems] == [(2, column)]
    assert says in plan.problems[0].message


def test_text_beyond_the_last_named_column_is_noted_not_lost_silently() -> None:
    plan = _plan(b"Company,Role,Date applied\nCobalt,Analyst,2026-10-01,stray words\n")
    assert plan.rows[0].application.draft.role == "Analyst"
    assert [(n.row, n.message) for n in plan.notices] == [
        (2, "Text beyond the last named column was ignored.")
    ]


def test_a_web_address_without_http_gets_https_and_a_note() -> None:
    plan = _plan(
        b"Company,Role,Date applied,Link\nCobalt,Analyst,2026-10-01,www.cobalt.example/j\n"
    )
    assert plan.rows[0].application.draft.link == "https://www.cobalt.example/j"
    assert "https:// was added" in plan.notices[0].message


@pytest.mark.parametrize(
    ("cell", "flagged"),
    [
        ('"=HYPERLINK(""http://evil.example"",""click"")"', True),
        ("@SUM(A1:A9)", True),
        ("\"+cmd|' /C calc'!A0\"", True),
        ("-rude", True),
        ("+44 20 7946 0000", False),
        ("-42", False),
        ("Great team", False),
    ],
)
def test_formula_cells_are_kept_as_plain_text_and_noted(cell: str, flagged: bool) -> None:
    plan = _plan(f"Company,Role,Date applied,Notes\nCobalt,Analyst,2026-10-01,{cell}\n".encode())
    notes = plan.rows[0].application.draft.notes
    assert notes == cell.strip('"').replace('""', '"')
    assert any("never run as a formula" in n.message for n in plan.notices) is flagged


@pytest.mark.parametrize(
    ("salary", "expected", "in_notes"),
    [
        ("£32,000 - £36,000", (32_000, 36_000, "GBP"), False),
        ("$120k-$160k", (120_000, 160_000, "USD"), False),
        ("EUR 45.000", (45_000, 45_000, "EUR"), False),
        ("£30k", (30_000, 30_000, "GBP"), False),
        ("competitive", (None, None, "GBP"), True),
        ("£15/hr", (None, None, "GBP"), True),
        ("99999999999999999999999", (None, None, "GBP"), True),
    ],
)
def test_salaries_are_read_or_kept_in_the_notes(
    salary: str, expected: tuple, in_notes: bool
) -> None:
    plan = _plan(
        f'Company,Role,Date applied,Salary\nCobalt,Analyst,2026-10-01,"{salary}"\n'.encode()
    )
    found = plan.rows[0].application.draft
    assert (found.salary_min, found.salary_max, found.currency) == expected
    assert (salary in found.notes) is in_notes


@pytest.mark.parametrize(
    ("status_date", "expected", "says"),
    [
        ("2026-09-01", date(2026, 10, 1), "Before the first date"),
        ("2026-12-25", TODAY, "In the future"),
        ("2026-10-20", date(2026, 10, 20), None),
    ],
)
def test_a_status_date_is_kept_sane(status_date: str, expected: date, says: str | None) -> None:
    header = "Company,Role,Date applied,Status,Status date\n"
    plan = _plan(f"{header}Cobalt,Analyst,2026-10-01,Rejected,{status_date}\n".encode())
    assert plan.rows[0].application.events[-1].on == expected
    assert [n.message.split(";")[0] for n in plan.notices] == ([says] if says else [])


@pytest.mark.parametrize(
    ("status", "stage", "known"),
    [
        ("Rejected after 2nd interview", Stage.REJECTED, False),
        ("Phone screen", Stage.SCREENING, True),
        ("Waiting to hear", Stage.APPLIED, False),
        ("Purple", Stage.APPLIED, False),
        ("", Stage.APPLIED, None),
    ],
)
def test_unknown_statuses_are_guessed_from_their_words_and_marked(
    status: str, stage: Stage, known: bool | None
) -> None:
    plan = _plan(f"Company,Role,Date applied,Status\nCobalt,Analyst,2026-10-01,{status}\n".encode())
    assert plan.rows[0].application.stage is stage
    assert [choice.known for choice in plan.statuses] == ([] if known is None else [known])


def test_the_user_s_stage_for_a_status_wins() -> None:
    data = b"Company,Role,Date applied,Status\nCobalt,Analyst,2026-10-01,Purple\n"
    plan = _plan(data, choices=Choices(stages={"purple": Stage.GHOSTED}))
    assert plan.rows[0].application.stage is Stage.GHOSTED
    assert plan.statuses[0].known


def test_duplicates_of_stored_and_earlier_rows_are_flagged(fresh_db: Store) -> None:
    fresh_db.add_application(draft(company="Harbour & Finch", role="HR Coordinator"))
    data = (
        b"Company,Role,Date applied\n"
        b"  harbour &  FINCH ,hr coordinator,2026-10-01\n"
        b"Lumen Analytics,Data Analyst,2026-10-02\n"
        b"LUMEN ANALYTICS,Data  Analyst,2026-10-02\n"
        b"Lumen Analytics,Data Analyst,2026-10-03\n"
    )
    plan = _plan(data, existing=stored_keys(fresh_db))
    assert [item.duplicate for item in plan.rows] == [
        "Already in bounceback",
        "",
        "Same as row 3",
        "",
    ]
    result = commit(fresh_db, plan)
    assert (result.imported, result.duplicates_skipped) == (2, 2)
    assert len(fresh_db.all()) == 3


def test_duplicates_can_be_imported_anyway(fresh_db: Store) -> None:
    data = b"Company,Role,Date applied\nLumen,Analyst,2026-10-02\nLumen,Analyst,2026-10-02\n"
    result = commit(fresh_db, _plan(data), include_duplicates=True)
    assert (result.imported, result.duplicates_skipped) == (2, 0)
    assert len(fresh_db.all()) == 2


@pytest.mark.parametrize(
    ("stored", "duplicates"),
    [
        (("Harbour  & Finch", " HR Coordinator", date(2026, 10, 1)), 1),
        (("Harbour & Finch", "HR Coordinator", date(2026, 10, 2)), 0),
        (("Harbour & Finch", "HR Assistant", date(2026, 10, 1)), 0),
    ],
)
def test_a_duplicate_is_the_same_company_role_and_date_whatever_the_case_and_spacing(
    stored: tuple[str, str, date], duplicates: int
) -> None:
    data = b"Company,Role,Date applied\nharbour & finch,hr coordinator,2026-10-01\n"
    assert _plan(data, existing=existing_keys([stored])).duplicates == duplicates


def test_rows_with_problems_block_the_import_unless_left_out(fresh_db: Store) -> None:
    plan = _fixture("junk.csv")
    with pytest.raises(RowsHaveProblems, match="2 rows with problems"):
        commit(fresh_db, plan)
    assert fresh_db.is_empty()
    result = commit(fresh_db, plan, skip_bad_rows=True)
    assert (result.imported, result.problem_rows, result.skipped_rows) == (2, 2, 6)


def test_a_failure_while_writing_leaves_the_database_as_it_was(
    fresh_db: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh_db.add_application(draft())
    before = (len(fresh_db.all()), fresh_db.revision())
    plan = _fixture("teal.csv")
    calls = {"count": 0}

    def failing(self: Store, *args: object) -> None:
        calls["count"] += 1
        raise RuntimeError("disk full")  # after every row is inserted, before the commit

    monkeypatch.setattr(Store, "_bump", failing)
    with pytest.raises(RuntimeError):
        commit(fresh_db, plan)
    assert calls["count"] == 1
    monkeypatch.undo()
    assert (len(fresh_db.all()), fresh_db.revision()) == before


def test_an_import_is_written_in_bulk_with_progress(fresh_db: Store) -> None:
    statuses = ("Applied", "Rejected", "Interview")
    rows = "".join(f"Company {n},Analyst,2026-10-01,{statuses[n % 3]}\n" for n in range(2_500))
    plan = _plan(f"Company,Role,Date applied,Status\n{rows}".encode())
    statements: list[str] = []
    sqlalchemy.event.listen(
        fresh_db.engine,
        "before_cursor_execute",
        lambda _c, _cur, statement, *_: statements.append(statement),
    )
    seen: list[float] = []
    assert commit(fresh_db, plan, progress=seen.append).imported == 2_500
    inserts = [statement for statement in statements if statement.startswith("INSERT")]
    assert len(inserts) <= 3 * 2 + 1, f"{len(inserts)} INSERTs for 2,500 applications"
    assert seen == [0.4, 0.8, 1.0]
    stored = fresh_db.all()
    assert len(stored) == 2_500
    stages = (Stage.APPLIED, Stage.REJECTED, Stage.INTERVIEW)
    for item in stored:  # each history is on its own application
        assert item.stage is stages[int(item.draft.company.split()[1]) % 3], item.draft.company


def test_progress_is_reported_while_a_long_file_is_read_and_checked() -> None:
    rows = "".join(f"Company {n},Analyst,2026-10-01\n" for n in range(3_000))
    seen: list[float] = []
    table = read_table(f"Company,Role,Date applied\n{rows}".encode(), seen.append)
    plan_import(table, today=TODAY, progress=seen.append)
    assert len(seen) >= 6
    assert seen[-1] == 1.0
    assert all(0 < fraction <= 1 for fraction in seen)


HEADER = "Company,Role,Date applied,Status,Status date,Link,Salary,Notes\n"
_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r\x0b"),
    max_size=30,
)
# Each column mixes good values, near misses and anything at all.
COLUMNS = [
    st.sampled_from(["Cobalt Fintech", "", " lumen ", "=cmd", "C" * 250]) | _TEXT,
    st.sampled_from(["Analyst", "", "@role"]) | _TEXT,
    st.sampled_from(["2026-10-01", "31/12/2026", "10/1/26, 9:15 AM", "N/A", "2030-01-01"]) | _TEXT,
    st.sampled_from(["Rejected", "Interview", "Offer", "Accepted", "", "Wishlist"]) | _TEXT,
    st.sampled_from(["2026-10-20", "", "1999-01-01", "2026-12-31"]) | _TEXT,
    st.sampled_from(["https://x.example", "www.x.example", "ftp://x", ""]) | _TEXT,
    st.sampled_from(["£30k", "$90/hr", "1e400", "99999999999999999999", ""]) | _TEXT,
    _TEXT,
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_random_bytes_only_ever_raise_the_importer_s_own_errors(
    data: bytes, fresh_db: Store
) -> None:
    before = len(fresh_db.all())
    try:
        plan = plan_import(read_table(data), today=TODAY)
        result = commit(fresh_db, plan, skip_bad_rows=True)
    except BouncebackError:
        assert len(fresh_db.all()) == before
    else:
        assert len(fresh_db.all()) == before + result.imported


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.tuples(*COLUMNS), max_size=8), skip=st.booleans())
def test_random_rows_are_imported_whole_or_not_at_all(
    rows: list[tuple[str, ...]], skip: bool, fresh_db: Store
) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    before = len(fresh_db.all())
    try:
        plan = plan_import(read_table((HEADER + buffer.getvalue()).encode()), today=TODAY)
        result = commit(fresh_db, plan, skip_bad_rows=skip)
    except BouncebackError:
        assert len(fresh_db.all()) == before
    else:
        assert result.imported == len(plan.applications())
        assert len(fresh_db.all()) == before + result.imported


def test_a_title_row_above_the_header_does_not_decide_the_delimiter() -> None:
    data = b"My job search 2026\nCompany;Role;Date applied\nLumen, Inc;Analyst;2026-10-03\n"
    table = read_table(data)
    assert table.headers == ("Company", "Role", "Date applied")
    assert table.rows[0].cells[0] == "Lumen, Inc"


def test_an_application_already_there_is_a_duplicate_however_its_company_is_spelt() -> None:
    existing = existing_keys([("Acme Ltd", "Analyst", date(2026, 10, 3))])
    table = read_table(b"Company,Role,Date applied\nACME,Analyst,2026-10-03\n")
    assert plan_import(table, existing=existing).duplicates == 1


@pytest.mark.parametrize("salary", ["9" * 310, "£" + "1" * 400 + "k", "1" * 30 + ".5 - 2"])
def test_a_number_too_long_to_be_a_salary_is_named_by_row_and_column(salary: str) -> None:
    plan = _plan(f'Company,Role,Date applied,Pay\nCobalt,Analyst,2026-10-01,"{salary}"\n'.encode())
    found = plan.rows[0].application.draft
    assert (found.salary_min, found.salary_max) == (None, None)
    assert [(note.row, note.column) for note in plan.notices] == [(2, "Pay")]
    assert "too long to be a salary" in plan.notices[0].message


def test_a_310_digit_salary_imports_from_the_command_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(f"Company,Role,Date applied,Salary\nCobalt,Analyst,2026-10-01,{'9' * 310}\n")
    assert main(["import", str(path), "--db", f"sqlite:///{tmp_path / 'cli.db'}"]) == 0
    assert "row 2, Salary: A number too long to be a salary" in capsys.readouterr().out


# --- Every layout in shared/spec/tracker-formats.md, from a fixture written from the spec ------


def _by_company(plan: ImportPlan) -> dict[str, PlannedRow]:
    return {item.application.draft.company: item for item in plan.rows}


def _steps(item: PlannedRow) -> list[tuple[Stage, date]]:
    return [(event.stage, event.on) for event in item.application.events]


@pytest.mark.parametrize(
    ("name", "kind", "rows", "skipped"),
    [
        ("linkedin_applications_2026.csv", "linkedin", 3, 1),
        ("linkedin_saved_jobs.csv", "linkedin_saved", 2, 1),
        ("huntr_full_download.csv", "huntr", 4, 0),
        ("huntr_exporter_14-03-2021_18-22-05_out.csv", "huntr_board", 6, 0),
        ("teal_job_tracker.csv", "teal", 8, 0),
        ("jobsync_2026-10-21.csv", "jobsync", 8, 0),
        ("simplify_export.csv", "simplify", 6, 0),
        ("justajobapp_emails.csv", "justajobapp", 5, 0),
        ("justajobapp_emails_2025.csv", "justajobapp_2025", 3, 0),
    ],
)
def test_each_tracker_s_real_layout_is_recognised_and_imports_without_a_flag(
    name: str, kind: str, rows: int, skipped: int
) -> None:
    plan = _fixture(name)
    assert plan.tracker.key == kind
    assert (len(plan.rows), len(plan.skipped), plan.problems) == (rows, skipped, ())
    by_hand = _fixture(name, choices=Choices(format=kind))
    assert [item.application for item in by_hand.rows] == [
        item.application for item in plan.rows
    ], "choosing the kind by hand is never worse than the guess"


def test_linkedin_applications_keep_dates_source_and_no_contact_of_the_job_seeker() -> None:
    plan = _fixture("linkedin_applications_2026.csv")
    rows = _by_company(plan)
    assert set(rows) == {"Harbourlight Analytics", "Quillstone Publishing", "Fernhollow Foods"}
    assert _steps(rows["Quillstone Publishing"]) == [(Stage.APPLIED, date(2025, 11, 2))]
    for item in plan.rows:
        draft = item.application.draft
        assert draft.source is Source.LINKEDIN
        assert draft.contacts == ()
        assert draft.link.startswith("http://www.linkedin.com/jobs/view/")
    assert plan.skipped == (4,), "the row with no company and no title is left out, counted"


def test_linkedin_saved_jobs_are_saved_and_from_linkedin() -> None:
    plan = _fixture("linkedin_saved_jobs.csv")
    rows = _by_company(plan)
    assert _steps(rows["Tidewater Ports"]) == [(Stage.SAVED, date(2025, 12, 30))]
    assert {item.application.draft.source for item in plan.rows} == {Source.LINKEDIN}


def test_huntr_dates_each_stage_change_by_last_moved_at() -> None:
    rows = _by_company(_fixture("huntr_full_download.csv"))
    assert _steps(rows["Cobalt Fintech"]) == [
        (Stage.SAVED, date(2026, 1, 10)),
        (Stage.APPLIED, date(2026, 1, 12)),
    ]
    assert _steps(rows["Thistle Telecom"]) == [
        (Stage.APPLIED, date(2026, 1, 5)),
        (Stage.REJECTED, date(2026, 2, 20)),
    ]
    assert rows["Silverbirch Software"].application.draft.role == "Junior Developer"
    assert rows["Thistle Telecom"].application.draft.link == "", "'-' is no link"
    assert "Salary: 10" in rows["Thistle Telecom"].application.draft.notes
    assert rows["Thistle Telecom"].application.draft.salary_min is None


def test_the_huntr_board_exporter_s_columns_are_its_lists() -> None:
    plan = _fixture("huntr_exporter_14-03-2021_18-22-05_out.csv")
    rows = _by_company(plan)
    stages = {company: item.application.stage for company, item in rows.items()}
    assert stages == {
        "Ashgrove Labs": Stage.SAVED,
        "Birchfield & Co": Stage.APPLIED,
        "Foxglove Retail": Stage.APPLIED,
        "Cedarline": Stage.INTERVIEW,
        "Dunmore Trust": Stage.OFFER,
        "Elmstead": Stage.REJECTED,
    }
    assert rows["Ashgrove Labs"].application.draft.notes == "Build pipelines.\nPython, SQL"
    assert rows["Birchfield & Co"].application.draft.location == "York"
    assert {item.application.draft.applied_on for item in plan.rows} == {TODAY}
    assert "carry no dates" in plan.notices[0].message


def test_teal_reads_status_name_applied_at_currency_and_both_ends_of_the_salary() -> None:
    plan = _fixture("teal_job_tracker.csv", currency="GBP")
    rows = _by_company(plan)
    juniper = rows["Juniper Charity Trust"].application
    assert (juniper.draft.salary_min, juniper.draft.salary_max, juniper.draft.currency) == (
        52_000,
        61_000,
        "USD",
    )
    assert juniper.draft.applied_on == date(2026, 8, 22), "applied_at, not added_at"
    riverside = rows["Riverside Council Services"].application
    assert riverside.draft.currency == "CAD"
    assert _steps(rows["Riverside Council Services"]) == [
        (Stage.APPLIED, date(2026, 8, 3)),
        (Stage.INTERVIEW, date(2026, 8, 25)),
    ], "an empty statusName falls back to the status JSON"
    assert rows["Wrenfield Studio"].application.stage is Stage.SAVED, "applying is not applied"
    assert rows["Amberline Travel"].application.stage is Stage.ACCEPTED
    assert rows["Larchmont Health"].application.stage is Stage.OFFER
    assert [choice.text for choice in plan.statuses if "{" in choice.text] == []


@pytest.mark.parametrize(
    ("close_as", "applied", "saved"),
    [
        (None, Stage.GHOSTED, Stage.WITHDRAWN),
        ("rejected", Stage.REJECTED, Stage.WITHDRAWN),
        ("withdrawn", Stage.WITHDRAWN, Stage.WITHDRAWN),
        ("open", Stage.APPLIED, Stage.SAVED),
    ],
)
def test_jobs_a_tracker_closed_without_a_reason_close_as_the_user_chooses(
    close_as: str | None, applied: Stage, saved: Stage
) -> None:
    teal = _by_company(_fixture("teal_job_tracker.csv", choices=Choices(close_as=close_as)))
    assert teal["Greystone Legal"].application.stage is applied
    assert teal["Stonegate Property"].application.stage is saved
    if close_as != "open":
        assert teal["Greystone Legal"].application.events[-1].on == date(2026, 9, 5)
    simplify = _by_company(_fixture("simplify_export.csv", choices=Choices(close_as=close_as)))
    assert simplify["Hollybush Capital"].application.stage is applied
    jobsync = _fixture("jobsync_2026-10-21.csv", choices=Choices(close_as=close_as))
    rows = _by_company(jobsync)
    assert rows["Moorland Water"].application.stage is applied, "expired after applying"
    assert rows["Quarry Lane Ltd"].application.stage is applied, "archived"
    assert rows["Saltmarsh Media"].application.stage is saved, "expired, never applied"
    assert sorted(jobsync.closed) == [6, 7, 8]
    assert jobsync.close_as == close_as


def test_jobsync_drafts_are_saved_and_sources_are_kept() -> None:
    rows = _by_company(_fixture("jobsync_2026-10-21.csv"))
    assert _steps(rows["Kestrel Robotics"]) == [(Stage.SAVED, date(2026, 10, 20))]
    assert rows["Harrowgate Bank"].application.draft.role == "Data Analyst"
    assert rows["Harrowgate Bank"].application.draft.source is Source.LINKEDIN
    assert rows["Orchard Systems"].application.draft.source is Source.COMPANY_SITE
    assert rows["Ridgeway Foods"].application.draft.source is Source.JOB_BOARD, "ZipRecruiter"
    assert rows["Pinecrest Energy"].application.stage is Stage.REJECTED


def test_simplify_keeps_status_dates() -> None:
    rows = _by_company(_fixture("simplify_export.csv"))
    assert _steps(rows["Bramble Health"]) == [
        (Stage.APPLIED, date(2026, 9, 15)),
        (Stage.INTERVIEW, date(2026, 10, 3)),
    ]
    assert rows["Bramble Health"].application.draft.notes == "Panel with HR lead, then CEO"
    assert rows["Pebble & Pine"].application.stage is Stage.SAVED


def test_justajobapp_e_mails_become_applications_each_label_a_dated_step() -> None:
    plan = _fixture("justajobapp_emails.csv")
    rows = _by_company(plan)
    assert set(rows) == {
        "Greenbay Logistics",
        "Lumenworks",
        "Ostrava Design",
        "Acme Robotics",
        "Birchway",
    }, "an applicant tracking system's mail is the sender's employer, not Greenhouse"
    greenbay = rows["Greenbay Logistics"]
    assert greenbay.application.draft.role == "Operations Analyst"
    assert _steps(greenbay) == [
        (Stage.APPLIED, date(2026, 10, 12)),
        (Stage.INTERVIEW, date(2026, 10, 18)),
    ]
    assert rows["Lumenworks"].application.draft.role == "Junior Analyst", "the ' guard is gone"
    assert _steps(rows["Ostrava Design"])[-1] == (Stage.REJECTED, date(2026, 10, 10))
    assert rows["Birchway"].application.draft.role == "Data Analyst"
    assert _steps(rows["Birchway"]) == [
        (Stage.APPLIED, date(2026, 10, 3)),
        (Stage.INTERVIEW, date(2026, 10, 8)),
    ]


def test_justajobapp_2025_groups_by_company_and_title() -> None:
    rows = _by_company(_fixture("justajobapp_emails_2025.csv"))
    assert _steps(rows["Zürich Insurance"]) == [
        (Stage.APPLIED, date(2025, 6, 2)),
        (Stage.INTERVIEW, date(2025, 6, 20)),
    ]
    assert rows["Halden Tools"].application.stage is Stage.OFFER
    assert rows["Mystery"].application.draft.role == "Role not named in the e-mails"


def test_a_contact_the_same_on_every_row_is_the_job_seeker_not_a_contact() -> None:
    plan = _plan(
        b"Company,Role,Date applied,Email,Phone\n"
        b"Cobalt,Analyst,2026-10-01,me@home.example,07700 900123\n"
        b"Lumen,Analyst,2026-10-02,me@home.example,07700 900456\n"
    )
    assert [item.application.draft.contacts for item in plan.rows] == [
        (Contact("", "", "", "07700 900123"),),
        (Contact("", "", "", "07700 900456"),),
    ]
    assert "taken as your own" in plan.notices[0].message


def test_a_row_without_company_or_role_is_left_out_and_counted_not_blocking() -> None:
    plan = _plan(
        b"Company,Role,Date applied,Link\n"
        b"Cobalt,Analyst,2026-10-01,\n"
        b",,2026-10-02,https://jobs.example/1\n"
    )
    assert (len(plan.rows), plan.skipped, plan.problems) == (1, (3,), ())


def test_the_app_s_own_job_search_csv_brings_back_every_stage_and_date(tmp_path: Path) -> None:
    first, second = f"sqlite:///{tmp_path / 'first.db'}", f"sqlite:///{tmp_path / 'second.db'}"
    records = [replace(item, reflections=()) for item in sample.generate(40, seed=11)]
    Store.open(first).load(records)
    path = tmp_path / "record.csv"
    assert main(["export", str(path), "--db", first]) == 0
    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert header[:4] == ["company", "role", "location", "source"]
    assert main(["import", str(path), "--db", second]) == 0

    def histories(url: str) -> set[tuple]:
        return {
            (
                item.draft.company,
                item.draft.role,
                item.draft.applied_on,
                item.draft.source,
                item.draft.link,
                tuple((event.stage, event.on, event.kind, event.note) for event in item.events),
            )
            for item in Store.open(url).all()
        }

    assert histories(second) == histories(first)
    assert {item.stage for item in Store.open(second).all()} - {Stage.APPLIED}, "not all applied"


def test_the_command_line_closes_jobs_closed_without_a_reason_as_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    fixture = str(FIXTURES / "jobsync_2026-10-21.csv")
    assert main(["import", fixture, "--close-as", "rejected", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "3 rows closed in JobSync without a reason: rejected" in out
    assert "Expired → closed without a reason (2)" in out, "never a stage it won't get"
    stages = {item.draft.company: item.stage for item in Store.open(url).all()}
    assert (stages["Quarry Lane Ltd"], stages["Saltmarsh Media"]) == (
        Stage.REJECTED,
        Stage.WITHDRAWN,
    )


def _linkedin_archive() -> bytes:
    """A LinkedIn data archive: the job files split in two parts, among files of no interest."""
    applications = (FIXTURES / "linkedin_applications_2026.csv").read_bytes().splitlines(True)
    header, rows = applications[0], applications[1:]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Jobs/Job Applications_2.csv", header + b"".join(rows[2:]))
        archive.writestr("Jobs/Job Applications_1.csv", header + b"".join(rows[:2]))
        archive.writestr("Jobs/Saved Jobs.csv", (FIXTURES / "linkedin_saved_jobs.csv").read_bytes())
        archive.writestr("Connections.csv", b"First Name,Last Name,URL\nAna,Lee,https://x\n")
        archive.writestr("Profile.csv", b"First Name,Last Name\nRowan,Ellery\n")
        archive.writestr("Rich_Media/photo.jpg", b"\xff\xd8\xff")
    return buffer.getvalue()


def test_a_linkedin_archive_is_read_for_its_job_files_parts_joined() -> None:
    files = read_files([("Basic_LinkedInDataExport.zip", _linkedin_archive())])
    assert [table.name for table in files.tables] == [
        "Jobs/Job Applications_1.csv + Jobs/Job Applications_2.csv",
        "Jobs/Saved Jobs.csv",
    ]
    assert files.ignored == ("Connections.csv", "Profile.csv", "Rich_Media/photo.jpg")
    applications, saved = plan_files(files, today=TODAY)
    assert (applications.tracker.key, saved.tracker.key) == ("linkedin", "linkedin_saved")
    assert [item.row for item in applications.rows] == [2, 3, 5], "rows numbered on"
    assert applications.skipped == (4,)
    assert len(saved.rows) == 2


def test_several_files_import_in_one_transaction(fresh_db: Store) -> None:
    files = read_files(
        [
            (name, (FIXTURES / name).read_bytes())
            for name in ("teal_job_tracker.csv", "jobsync_2026-10-21.csv")
        ]
    )
    plans = plan_files(files, today=TODAY)
    assert [plan.tracker.key for plan in plans] == ["jobsync", "teal"]
    assert commit(fresh_db, plans).imported == 16
    assert len(fresh_db.all()) == 16


def test_a_row_in_a_later_file_matching_an_earlier_one_is_a_duplicate() -> None:
    first_file = b"Company,Role,Date applied\nCobalt,Analyst,2026-10-01\nLumen,Analyst,2026-10-02\n"
    second_file = b"Employer,Position,Date applied,Notes\nCobalt,Analyst,2026-10-01,again\n"
    files = read_files([("a.csv", first_file), ("b.csv", second_file)])
    first, second = plan_files(files, today=TODAY)
    assert (first.duplicates, second.duplicates) == (0, 1)
    assert second.rows[0].duplicate == "Same as a row of a.csv"


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("empty.zip", b"PK\x05\x06" + bytes(18), "no CSV file in that zip"),
        ("broken.zip", b"PK\x03\x04 not really", "can't be opened as a zip"),
        ("book.xlsx", None, "Excel workbook"),
    ],
)
def test_a_zip_without_a_csv_is_refused_plainly(name: str, data: bytes | None, says: str) -> None:
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("xl/workbook.xml", b"<workbook/>")
        data = buffer.getvalue()
    with pytest.raises(UnreadableFile, match=says):
        read_files([(name, data)])


def test_a_member_bigger_than_the_limit_is_refused_before_it_is_read() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("huge.csv", b"Company,Role\n" + b"a,b\n" * (MAX_BYTES // 4 + 10))
    with pytest.raises(UnreadableFile, match="up to 10 MB"):
        read_files([("bomb.zip", buffer.getvalue())])


def test_the_command_line_imports_a_linkedin_archive(tmp_path: Path, capsys) -> None:
    path = tmp_path / "Basic_LinkedInDataExport.zip"
    path.write_bytes(_linkedin_archive())
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["import", str(path), "--db", url]) == 0
    out = capsys.readouterr().out
    assert "Passed over (no applications in them): Connections.csv, Profile.csv" in out
    assert "Imported 5 applications." in out
    stored = Store.open(url).all()
    assert {item.stage for item in stored} == {Stage.APPLIED, Stage.SAVED}
    assert {item.draft.source for item in stored} == {Source.LINKEDIN}


def test_reactive_resume_s_headings_are_read_by_the_spreadsheet_path() -> None:
    plan = _plan(
        b"\xef\xbb\xbfCompany,Title,Stage,Applied Date,Stage Entered At,Job Posting,Compensation,"
        b"Tags\nCobalt,Analyst,interview,2026-10-01,2026-10-09,https://cobalt.example/1,"
        b'"$90,000",remote;python\n'
    )
    assert plan.tracker.key == "generic"
    assert plan.missing == ()
    item = plan.rows[0].application
    assert [(event.stage, event.on) for event in item.events] == [
        (Stage.APPLIED, date(2026, 10, 1)),
        (Stage.INTERVIEW, date(2026, 10, 9)),
    ]
    assert (item.draft.link, item.draft.salary_min, item.draft.currency) == (
        "https://cobalt.example/1",
        90_000,
        "USD",
    )
    assert item.draft.notes == "remote;python"


HOOKED_HEADERS = {
    "huntr_board": "Wishlist,Applied,Rejected",
    "justajobapp": "Date Received,Sender Name,Sender Email,Subject,Status Label",
    "justajobapp_2025": "Company Name,Application Status,Received At,Job Title,Subject,Sender",
    "bounceback": "company,role,location,source,link,applied_on,event_date,stage,interview_kind,"
    "note,contacts",
    "teal": "company_name,role,applied_at,status,statusName,archived_at",
}
_CELL = (
    st.sampled_from(
        [
            "{'title': 'Analyst', 'company': 'Cobalt'}",
            "{'title': [1, 2]}",
            "{'title': ",
            '{"name":"applied"}',
            "[1]",
            "2026-10-01",
            "Rejection",
            "Interview",
            "jobs@x.example",
            "'=1+1",
            "",
        ]
    )
    | _TEXT
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(sorted(HOOKED_HEADERS)),
    rows=st.lists(st.lists(_CELL, min_size=1, max_size=11), max_size=6),
)
def test_layouts_read_by_code_only_ever_raise_the_importer_s_own_errors(
    kind: str, rows: list[list[str]], fresh_db: Store
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HOOKED_HEADERS[kind].split(","))
    writer.writerows(rows)
    before = len(fresh_db.all())
    try:
        plan = plan_import(
            read_table(buffer.getvalue().encode()), Choices(format=kind), today=TODAY
        )
        result = commit(fresh_db, plan, skip_bad_rows=True)
    except BouncebackError:
        assert len(fresh_db.all()) == before
    else:
        assert len(fresh_db.all()) == before + result.imported


def test_huntr_s_zipped_download_is_read_as_it_comes() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "USER_JOBS_USER_FULL_DATA_DOWNLOAD.csv",
            (FIXTURES / "huntr_full_download.csv").read_bytes(),
        )
    files = read_files([("USER_JOBS_USER_FULL_DATA_DOWNLOAD.zip", buffer.getvalue())])
    (plan,) = plan_files(files, today=TODAY)
    assert (plan.tracker.key, len(plan.rows), files.ignored) == ("huntr", 4, ())


def test_a_teal_file_with_only_the_json_status_shows_status_words() -> None:
    plan = _plan(
        b"company_name,role,applied_at,status\n"
        b'Cobalt,Analyst,2026-10-01T09:00:00Z,"{""name"":""interviewing"",""id"":""x""}"\n'
    )
    assert plan.tracker.key == "teal"
    assert [choice.text for choice in plan.statuses] == ["interviewing"]
    assert plan.rows[0].application.stage is Stage.INTERVIEW


def test_a_long_jobsync_file_mixing_crlf_and_lf_reads_every_row() -> None:
    """JobSync joins its 200-row chunks with a bare LF; within a chunk rows end in CRLF."""
    header = (
        "index,createdAt,applied,appliedDate,Company,JobTitle,jobType,Location,JobSource,Status"
    )
    rows = [
        f"{n},2026-10-01,Yes,2026-10-02,Company {n},Analyst,Full Time,N/A,Indeed,Applied"
        for n in range(1, 451)
    ]
    chunks = ["\r\n".join(rows[start : start + 200]) for start in range(0, len(rows), 200)]
    plan = _plan(f"{header}\r\n{chr(10).join(chunks)}".encode())
    assert plan.tracker.key == "jobsync"
    assert (len(plan.rows), plan.problems) == (450, ())
    assert plan.rows[-1].application.draft.company == "Company 450"


def test_a_job_reposted_under_a_new_link_is_another_application_not_a_duplicate() -> None:
    header = "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url"
    plan = _plan(
        f"{header},Resume Name,Question And Answers\n"
        '"3/14/26, 9:42 AM",,,Cobalt,Analyst,http://www.linkedin.com/jobs/view/1,,\n'
        '"3/14/26, 4:10 PM",,,Cobalt,Analyst,http://www.linkedin.com/jobs/view/2,,\n'
        '"3/14/26, 5:00 PM",,,Cobalt,Analyst,http://www.linkedin.com/jobs/view/1,,\n'.encode()
    )
    assert [item.duplicate for item in plan.rows] == ["", "", "Same as row 2"]


def _damaged_zip(compression: int, damage: str) -> bytes:
    """A valid zip of one CSV, then damaged: stream bytes flipped, or its method unknown."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("a.csv", b"Company,Role,Date applied\nAcme,Engineer,2026-01-05\n" * 50)
    data = bytearray(buffer.getvalue())
    if damage == "flip":
        for index in range(45, 60):
            data[index] ^= 0xFF
    else:  # a compression method zipfile doesn't know, in both headers
        central = data.index(b"PK\x01\x02")
        data[8:10] = data[central + 10 : central + 12] = (97).to_bytes(2, "little")
    return bytes(data)


@pytest.mark.parametrize(
    ("compression", "damage"),
    [
        (zipfile.ZIP_DEFLATED, "flip"),  # zlib.error
        (zipfile.ZIP_LZMA, "flip"),  # lzma.LZMAError
        (zipfile.ZIP_BZIP2, "flip"),  # OSError
        (zipfile.ZIP_STORED, "flip"),  # BadZipFile: Bad CRC-32
        (zipfile.ZIP_STORED, "method"),  # NotImplementedError
    ],
)
def test_a_damaged_member_is_named_plainly(compression: int, damage: str) -> None:
    with pytest.raises(UnreadableFile, match=r"^damaged\.zip: a\.csv can't be read"):
        read_files([("damaged.zip", _damaged_zip(compression, damage))])


def test_the_command_line_names_a_damaged_member(tmp_path: Path, capsys) -> None:
    path = tmp_path / "damaged.zip"
    path.write_bytes(_damaged_zip(zipfile.ZIP_DEFLATED, "flip"))
    database = f"sqlite:///{tmp_path / 'bb.db'}"
    assert main(["import", "--db", database, str(path)]) != 0
    out = capsys.readouterr()
    assert "a.csv can't be read" in out.out + out.err
    assert "Traceback" not in out.out + out.err
    assert "Nothing was changed" in out.out + out.err


@pytest.mark.parametrize(
    ("data", "row"),
    [
        (b'Company,Role,Date applied\n"unterminated,Eng,2026-01-01\nB,Eng,2026-01-02\n', 2),
        (b'Company,Role,Date applied\nA,Eng,2026-01-01\nB,"Eng,2026-01-02\nC,Eng,2026-01-03', 3),
    ],
)
def test_a_quote_that_never_closes_is_refused_at_the_row_that_opened_it(
    data: bytes, row: int
) -> None:
    with pytest.raises(UnreadableFile, match=rf"^Row {row} opens a quote .* never closed"):
        read_table(data)


def test_a_quote_left_open_in_a_long_file_is_named_at_its_row() -> None:
    data = b'Company,Role,Date applied\nA,Eng,2026-01-01\n"B,Eng,2026-01-02\n'
    with pytest.raises(UnreadableFile, match=r"^Row 3 .* quote .* never closed"):
        read_table(data + b"C,Eng,2026-01-03\n" * 20_000)


def test_a_closed_quote_across_lines_is_still_one_cell() -> None:
    table = read_table(b'Company,Role,Notes\nA,Eng,"first line\nsecond line"\n')
    assert table.rows[-1].cells == ("A", "Eng", "first line\nsecond line")


def test_a_row_with_only_a_company_is_a_problem_named_by_row_and_column() -> None:
    plan = _plan(b"Company,Role,Date applied\nAcme,,\nB,Eng,2026-01-02\nTotal,,\n")
    assert plan.skipped == (4,), "a lone total is still passed over"
    assert (2, "Role") in [(finding.row, finding.column) for finding in plan.problems]


def test_a_salary_past_the_limit_is_kept_in_notes_and_named_as_too_large() -> None:
    plan = _plan(
        b'Company,Role,Date applied,Salary\nCobalt,Analyst,2026-10-01,"\xc2\xa3250,000,000"\n'
    )
    found = plan.rows[0].application.draft
    assert (found.salary_min, found.salary_max) == (None, None)
    assert "Salary: £250,000,000" in found.notes
    assert [(note.column, note.message) for note in plan.notices] == [
        ("Salary", "More than the largest salary kept (100,000,000); kept in notes.")
    ]


def test_one_end_of_a_salary_past_the_limit_is_kept_in_notes_beside_the_other() -> None:
    plan = _plan(
        b"Company,Role,Date applied,Salary from,Salary to,Currency\n"
        b"Cobalt,Analyst,2026-10-01,250000000,50000,GBP\n"
    )
    found = plan.rows[0].application.draft
    assert (found.salary_min, found.salary_max) == (50_000, 50_000)
    assert "Salary from: 250000000" in found.notes
    assert [note.column for note in plan.notices] == ["Salary from"]
    assert "largest salary" in plan.notices[0].message
