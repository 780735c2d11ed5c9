"""Applications from CSV files: other trackers' exports and the user's own spreadsheets.

Reading is in `csv_text`, dates in `sheet_dates`, the known formats in data/trackers.yaml.
A file becomes an ImportPlan first (what would be imported, every problem by row and
column); nothing is written until `commit`, which writes every row in one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from bounceback import tracker_hooks
from bounceback.config import CURRENCIES, DATA_DIR
from bounceback.csv_text import FileSet, Progress, Row, Table
from bounceback.domain import (
    Application,
    ApplicationDraft,
    BouncebackError,
    Contact,
    Event,
    InterviewKind,
    InvalidInput,
    Source,
    Stage,
)
from bounceback.pipeline import company_key
from bounceback.sheet_dates import DateOrder, decide_order, numeric_parts, parse_date
from bounceback.stages import allowed_next
from bounceback.storage import Store
from bounceback.validation import MAX_SALARY, check_history

# What a column can hold, with the name the user sees.
FIELDS: dict[str, str] = {
    "company": "Company",
    "role": "Role",
    "applied_on": "Date applied",
    "saved_on": "Date saved",
    "status": "Status",
    "status_date": "Status date",
    "location": "Location",
    "link": "Link",
    "notes": "Notes",
    "salary_min": "Salary from",
    "salary_max": "Salary to",
    "salary": "Salary",
    "currency": "Currency",
    "source": "Source",
    "contact_name": "Contact name",
    "contact_email": "Contact email",
    "contact_phone": "Contact phone",
    "archived": "Archived",
    "archived_on": "Date archived",
}
# The date columns, in order: a row's first step is dated by the first of them it has.
_DATE_FIELDS = ("applied_on", "saved_on", "status_date")
# How rows a tracker closed without a reason (archived, expired) may be closed here; None
# is the default: ghosted when it was applied for, withdrawn (not pursued) when only saved.
CLOSE_AS: dict[str | None, str] = {
    None: "Ghosted if applied for, else not pursued",
    "ghosted": "Ghosted",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
    "open": "Keep them open",
}
# An archived cell that means "not archived".
_NOT_ARCHIVED = frozenset({"no", "false", "0", "f", "n"})
# Where people write months before days; everywhere else, the day comes first.
MONTH_FIRST_COUNTRIES = frozenset({"US"})
# Words that mean "nothing here" in trackers' exports.
_EMPTY = frozenset({"", "n/a", "na", "none", "null", "-", "--", "tbc", "tbd", "unknown"})
# A cell a spreadsheet would run as a formula; plain numbers and phone numbers are fine.
_FORMULA = re.compile(r"[=+\-@]")
_NUMBER_LIKE = re.compile(r"[+-]?[\d\s().,/-]+")
_BARE_LINK = re.compile(r"(www\.)?[\w-]+(\.[\w-]+)*\.[a-z]{2,}(/\S*)?", re.IGNORECASE)
_AMOUNT = re.compile(r"\d[\d,.]*(?:\s\d{3})*\s*([kK])?")
_NOT_YEARLY = re.compile(
    r"(/|\bper\b|\ban?\b)\s*(h|hr|hour|day|d|wk|week|mo|month)\b|hourly|daily|weekly|monthly",
    re.IGNORECASE,
)
_CURRENCY_CODE = re.compile(rf"\b({'|'.join(CURRENCIES)})\b", re.IGNORECASE)
# The currencies a bare $ may be.
DOLLARS = frozenset({"USD", "CAD", "AUD", "NZD", "SGD", "HKD"})
# Less than this is no yearly salary: Huntr writes "10", others a day rate.
_MIN_SALARY = 1_000
# Digits in one amount: more than any salary has, and few enough that no number overflows.
_MAX_DIGITS = 12
# The order in which a status's words are tried: "rejected after interview" is a rejection.
_STAGE_PRIORITY = (
    Stage.ACCEPTED,
    Stage.REJECTED,
    Stage.WITHDRAWN,
    Stage.GHOSTED,
    Stage.OFFER,
    Stage.INTERVIEW,
    Stage.SCREENING,
    Stage.APPLIED,
    Stage.SAVED,
)
_SOURCE_WORDS = (
    (Source.LINKEDIN, ("linkedin",)),
    (Source.REFERRAL, ("referral", "referred", "friend")),
    # Job boards named after recruiting first, so ZipRecruiter is not a recruiter.
    (Source.JOB_BOARD, ("ziprecruiter", "job street", "jobstreet", "google")),
    (Source.RECRUITER, ("recruiter", "agency", "headhunter")),
    (Source.COMPANY_SITE, ("company", "website", "careers", "site")),
    (Source.JOB_BOARD, ("board", "indeed", "glassdoor", "reed", "totaljobs", "monster")),
)


class RowsHaveProblems(BouncebackError):
    """Some rows can't be imported and the user has not chosen to leave them out."""


class MissingColumns(BouncebackError):
    """The file has no column for something every application needs."""


class _NumberTooLong(ValueError):
    """A cell's number has more digits than any salary, so it is not read as one."""


class _TooLarge(ValueError):
    """A cell's amount is past the largest salary the rules keep (validation.MAX_SALARY)."""


@dataclass(frozen=True)
class TrackerFormat:
    """One kind of file the importer knows: its columns, statuses and date order."""

    key: str
    label: str
    headers: str
    detect: tuple[frozenset[str], ...]
    columns: Mapping[str, tuple[str, ...]]
    statuses: Mapping[str, Stage]
    day_first: bool | None
    source: Source
    # Columns with the job seeker's own details; never a contact.
    owner: tuple[str, ...] = ()
    # The status words that mean closed without a reason.
    closing: frozenset[str] = frozenset()
    # The named code the layout needs first (tracker_hooks.HOOKS), if any.
    hook: str | None = None
    # True when the format has no dates at all: its rows are dated the day of the import.
    undated: bool = False

    @property
    def name(self) -> str:
        """The format's name mid-sentence: 'as Huntr writes them', 'in your own spreadsheet'."""
        return self.label[0].lower() + self.label[1:] if self.key == "generic" else self.label

    @property
    def kind(self) -> str:
        """The kind of file in words: 'a Huntr export', 'a spreadsheet of your own'."""
        return "a spreadsheet of your own" if self.key == "generic" else f"a {self.label} export"


@dataclass(frozen=True, slots=True)
class Finding:
    """Something about one cell: a problem that blocks its row, or a note worth knowing."""

    row: int
    column: str
    message: str


@dataclass(frozen=True)
class StatusChoice:
    """One status the file uses, how often, and the stage it becomes."""

    text: str
    key: str
    count: int
    stage: Stage
    # False when the stage was guessed from the status's words, not known for the format.
    known: bool


@dataclass(frozen=True, slots=True)
class PlannedRow:
    """A row that can be imported, as the application it becomes."""

    row: int
    application: Application
    status: str
    # Why it looks like a duplicate ("already in bounceback", "same as row 4"), or "".
    duplicate: str = ""


@dataclass(frozen=True)
class Choices:
    """What the user decided; anything left as None is detected or guessed."""

    format: str | None = None
    mapping: Mapping[str, str | None] | None = None
    stages: Mapping[str, Stage] = field(default_factory=dict)
    day_first: bool | None = None
    # How to close rows the tracker closed without a reason: a CLOSE_AS key.
    close_as: str | None = None


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do, for the user to check before anything is written."""

    table: Table
    tracker: TrackerFormat
    mapping: Mapping[str, str | None]
    statuses: tuple[StatusChoice, ...]
    order: DateOrder
    rows: tuple[PlannedRow, ...]
    problems: tuple[Finding, ...]
    notices: tuple[Finding, ...]
    # Row numbers of blank rows and rows that hold no application: a title, a total, a
    # repeated header, rows above the header.
    skipped: tuple[int, ...]
    # Fields every application needs that no column was found for.
    missing: tuple[str, ...]
    # Columns nothing reads.
    ignored: tuple[str, ...]
    # Rows the tracker closed without saying why, and how they are closed (a CLOSE_AS key).
    closed: tuple[int, ...] = ()
    close_as: str | None = None
    # The format the file's own headers name, whatever the user chose instead.
    recognised: str = ""

    @property
    def problem_rows(self) -> int:
        """How many rows have at least one problem."""
        return len({finding.row for finding in self.problems})

    @property
    def duplicates(self) -> int:
        """How many importable rows look like an application already there or earlier."""
        return sum(1 for planned in self.rows if planned.duplicate)

    def applications(self, include_duplicates: bool = False) -> list[Application]:
        """The applications to write, duplicates left out unless asked for."""
        return [
            planned.application
            for planned in self.rows
            if include_duplicates or not planned.duplicate
        ]


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote and what it left out."""

    imported: int
    duplicates_skipped: int
    problem_rows: int
    skipped_rows: int


@cache
def formats(path: Path = DATA_DIR / "trackers.yaml") -> dict[str, TrackerFormat]:
    """The known formats, read once; the generic spreadsheet is last."""
    with path.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    return {
        key: TrackerFormat(
            key=key,
            label=item["label"],
            headers=item["headers"],
            detect=tuple(frozenset(map(words, names)) for names in item["detect"]),
            columns={name: tuple(headers) for name, headers in item["columns"].items()},
            statuses={
                words(text): Stage(stage)
                for text, stage in item["statuses"].items()
                if stage != "closed"
            },
            day_first=item.get("day_first"),
            source=Source(item["source"]),
            owner=tuple(item.get("owner", ())),
            closing=frozenset(
                words(text) for text, stage in item["statuses"].items() if stage == "closed"
            ),
            hook=item.get("hook"),
            undated=bool(item.get("undated")),
        )
        for key, item in document.items()
    }


def words(text: str) -> str:
    """Text compared loosely: 'Date Applied', 'date_applied' and 'dateApplied' are the same."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)
    return " ".join(re.sub(r"[\W_]+", " ", spaced.casefold()).split())


def detect(headers: Iterable[str], table: Table | None = None) -> TrackerFormat:
    """The known format whose headers the file has (or whose cells, for the Huntr board
    exporter's cards), else the generic spreadsheet."""
    known = formats()
    if table is not None and tracker_hooks.is_huntr_board(table):
        return known["huntr_board"]
    present = {words(header) for header in headers}
    for tracker in known.values():
        if any(signature <= present for signature in tracker.detect):
            return tracker
    return known["generic"]


def guess_mapping(tracker: TrackerFormat, headers: Iterable[str]) -> dict[str, str | None]:
    """Which column holds each field: exact names first, then headers containing a name."""
    names = list(headers)
    mapping = _exact_mapping(tracker, names)
    return _with_contained(tracker, names, mapping) if tracker.key == "generic" else mapping


def _exact_mapping(tracker: TrackerFormat, names: list[str]) -> dict[str, str | None]:
    """Each field's column whose header is one of the format's names for it, each used once."""
    by_words: dict[str, str] = {}
    for header in names:
        by_words.setdefault(words(header), header)
    used: set[str] = set()
    mapping: dict[str, str | None] = dict.fromkeys(FIELDS)
    for name in FIELDS:
        for candidate in map(words, tracker.columns.get(name, ())):
            header = by_words.get(candidate)
            if header and header not in used:
                mapping[name] = header
                used.add(header)
                break
    return mapping


def _with_contained(
    tracker: TrackerFormat, names: list[str], exact: Mapping[str, str | None]
) -> dict[str, str | None]:
    """The mapping with the fields still without a column given unused headers that contain
    one of their names ("Date of application" holds "application")."""
    mapping = dict(exact)
    used = {header for header in mapping.values() if header}
    for name in FIELDS:
        if mapping[name]:
            continue
        for candidate in map(words, tracker.columns.get(name, ())):
            if " " not in candidate and len(candidate) < 5:
                continue  # "date", "job": too common a word to find inside other headers
            header = next(
                (h for h in names if h not in used and f" {candidate} " in f" {words(h)} "),
                None,
            )
            if header:
                mapping[name] = header
                used.add(header)
                break
    return mapping


def rows_text(count: int) -> str:
    """'1 row', '3 rows': plain words for messages."""
    return f"{count:,} row{'' if count == 1 else 's'}"


def usual_day_first(country: str) -> bool:
    """Whether people in the user's country write the day before the month."""
    return country not in MONTH_FIRST_COUNTRIES


def existing_keys(applications: Iterable[tuple[str, str, date]]) -> frozenset[tuple]:
    """Duplicate keys of what is already stored, from (company, role, applied_on) triples."""
    return frozenset(_key(company, role, applied_on) for company, role, applied_on in applications)


def keys_of(applications: pd.DataFrame) -> frozenset[tuple]:
    """Duplicate keys of an applications frame (as Store.frames() gives it)."""
    return existing_keys(
        zip(applications["company"], applications["role"], applications["applied_on"], strict=True)
    )


def stored_keys(store: Store) -> frozenset[tuple]:
    """Duplicate keys of everything the store holds for its owner."""
    return keys_of(store.frames()["applications"])


def _key(company: str, role: str, applied_on: date) -> tuple[str, str, date]:
    """One application whatever the spelling ('ACME Ltd.' is 'Acme'): company, role, date."""
    return (company_key(company), " ".join(role.casefold().split()), applied_on)


def guess_stage(tracker: TrackerFormat, key: str) -> tuple[Stage, bool]:
    """The stage for a status and whether it is known for the format (else guessed)."""
    if key in tracker.statuses:
        return tracker.statuses[key], True
    if key in tracker.closing:
        return Stage.APPLIED, True  # closed later, as the user chooses
    common = formats()["generic"].statuses
    if key in common:
        return common[key], True
    padded = f" {key} "
    for stage in _STAGE_PRIORITY:
        if any(f" {text} " in padded for text, found in common.items() if found is stage):
            return stage, False
    return Stage.APPLIED, False


def _cell(row: Row, index: Mapping[str, int], name: str) -> str:
    """A field's text in a row, "" when unmapped or one of the words for empty."""
    position = index.get(name)
    if position is None:
        return ""
    text = tracker_hooks.unguarded(row.cells[position].strip())
    return "" if text.casefold() in _EMPTY else text


def _values(row: Row, index: Mapping[str, int]) -> dict[str, str]:
    """Every field's text in a row."""
    return {name: _cell(row, index, name) for name in FIELDS}


def _status_choices(
    rows: Iterable[Row], tracker: TrackerFormat, column: int | None, chosen: Mapping[str, Stage]
) -> tuple[StatusChoice, ...]:
    """Every status the rows use, in order of first use, with its stage."""
    if column is None:
        return ()
    seen: dict[str, list] = {}
    for row in rows:
        for text in (step[0] for step in row.steps) if row.steps else (row.cells[column],):
            text = text.strip()
            key = words(text)
            if text.casefold() not in _EMPTY and key:
                seen.setdefault(key, [text, 0])[1] += 1
    choices = []
    for key, (text, count) in seen.items():
        stage, known = guess_stage(tracker, key)
        if key in chosen:
            stage, known = chosen[key], True
        choices.append(StatusChoice(text, key, count, stage, known))
    return tuple(choices)


def _salary(text: str, currency: str) -> tuple[int, int, str] | None:
    """Yearly salary from and to, and its currency ("" when the text names none), from text
    like '£40k - £45k'; else None. A bare $ is the dollar of `currency` when it is one."""
    if _NOT_YEARLY.search(text):
        return None
    amounts = []
    for match in _AMOUNT.finditer(text):
        digits = re.sub(r"[,\s]|[kK]$", "", match[0])
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", digits):
            digits = digits.replace(".", "")  # 40.000: a thousands point
        if len(digits.replace(".", "")) > _MAX_DIGITS:
            raise _NumberTooLong(digits)
        try:
            value = round(float(digits) * (1000 if match[1] else 1))
        except ValueError:
            return None
        amounts.append(value)
    if not amounts or len(amounts) > 2:
        return None
    if any(value > MAX_SALARY for value in amounts):
        raise _TooLarge(text)
    if not all(value >= _MIN_SALARY for value in amounts):
        return None
    named = _CURRENCY_CODE.search(text)
    symbols = {"£": "GBP", "€": "EUR", "$": currency if currency in DOLLARS else "USD"}
    code = named[1] if named else next((c for s, c in symbols.items() if s in text), "")
    return min(amounts), max(amounts), code.upper()


def _read_salary(text: str, unread: str) -> tuple[tuple[int, int, str] | None, str]:
    """A salary cell read (None when it can't be, or is empty), and what to tell the user
    when it can't: `unread`, a number too long, or an amount past the limit."""
    try:
        return (_salary(text, "") if text else None), f"{unread}; kept in notes."
    except _TooLarge:
        return None, f"More than the largest salary kept ({MAX_SALARY:,}); kept in notes."
    except _NumberTooLong:
        return None, f"A number too long to be a salary (over {_MAX_DIGITS} digits); kept in notes."


def _source(text: str, default: Source) -> Source:
    """Where a job was found, from words like 'LinkedIn' or 'Referral'."""
    key = text.casefold()
    if not key.strip():
        return default
    for source, hints in _SOURCE_WORDS:
        if any(hint in key for hint in hints):
            return source
    return Source.OTHER


def _interview(on: date, note: str, kind: InterviewKind | None = None) -> Event:
    """An interview step; a file that doesn't say which kind gets video, and says so."""
    if kind is not None:
        return Event(Stage.INTERVIEW, on, kind, note)
    said = "The file didn't say what kind of interview; marked as video."
    return Event(Stage.INTERVIEW, on, InterviewKind.VIDEO, f"{note} {said}".strip())


def _history(
    stage: Stage,
    start: date,
    later: date,
    tracker: TrackerFormat,
    status: str,
    saved_first: bool = False,
) -> list[Event]:
    """A believable history that ends at the stage: applied, then where it got to.

    A job saved on one date and applied for on a later one (a Huntr card moved to Applied)
    keeps both dates.
    """
    if stage is Stage.SAVED:
        return [Event(stage, start)]
    if stage is Stage.APPLIED:
        if saved_first and later > start:
            return [Event(Stage.SAVED, start), Event(Stage.APPLIED, later)]
        return [Event(stage, start)]
    steps = (Stage.OFFER, Stage.ACCEPTED) if stage is Stage.ACCEPTED else (stage,)
    # Where the row came from sits on the first step: a later step's note is what happened
    # there, and a rejection's note is read as the employer's own words (feedback themes).
    note = f"Imported from {tracker.name} (status: {status})."
    events = [Event(Stage.APPLIED, start, note=note)]
    for step in steps:
        events.append(_interview(later, "") if step is Stage.INTERVIEW else Event(step, later))
    return events


def _closing(events: list[Event], close_as: str | None, on: date, label: str) -> Event | None:
    """The step that closes a job the tracker closed without a reason, or None to keep it."""
    last = events[-1].stage
    if close_as == "open" or last in (Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN):
        return None
    note = f"Closed in {label} without a reason given."
    if last is Stage.SAVED:
        return Event(Stage.WITHDRAWN, on, note=f"{note} Saved, never applied for: not pursued.")
    stage = Stage(close_as or "ghosted")
    if stage is Stage.REJECTED:  # its note would read as what the employer said
        note = ""
    return None if stage is last else Event(stage, on, note=note)


_KINDS = {
    **{kind.value: kind for kind in InterviewKind},
    **{kind.label.casefold(): kind for kind in InterviewKind},
}


def _validation_column(key: str, mapping: Mapping[str, str | None], start_field: str) -> str:
    """The file's column a validation error is about, so the user knows where to look."""
    parts = key.split(".")
    name = parts[0]
    if name == "applied_on":
        name = start_field
    elif name in ("salary_min", "salary_max", "currency"):
        name = next(
            (field for field in (name, "salary", "salary_min") if mapping.get(field)), "salary"
        )
    elif name == "contacts":
        name = f"contact_{parts[-1]}"
    elif name == "events":
        name = "status_date" if parts[-1] == "on" and mapping.get("status_date") else "status"
    return mapping.get(name) or FIELDS.get(name, name)


def _text_notes(row: Row, values: Mapping[str, str]) -> list[tuple[str, str]]:
    """Notes on the row's text: cells a spreadsheet would run as formulas, text past the end."""
    notes = [
        (name, f"Starts with '{value[0]}': kept as plain text, never run as a formula.")
        for name, value in values.items()
        if value and _FORMULA.match(value) and not _NUMBER_LIKE.fullmatch(value)
    ]
    if row.extra:
        notes.append(("", "Text beyond the last named column was ignored."))
    return notes


def _link(link: str) -> tuple[str, list[tuple[str, str]]]:
    """The link, with https:// added when the file left it out, and a note saying so."""
    if link and not re.match(r"https?://", link, re.IGNORECASE) and _BARE_LINK.fullmatch(link):
        return f"https://{link}", [("link", "No http:// at the start; https:// was added.")]
    return link, []


@dataclass
class _RowPlanner:
    """Turns rows into applications, collecting findings; one per plan."""

    tracker: TrackerFormat
    mapping: Mapping[str, str | None]
    stages: Mapping[str, Stage]
    order: DateOrder
    currency: str
    today: date
    # The job seeker's own e-mail addresses and phone numbers, never stored as a contact.
    own: frozenset[str] = frozenset()
    close_as: str | None = None
    problems: list[Finding] = field(default_factory=list)
    notices: list[Finding] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)

    def column(self, name: str) -> str:
        """The header of the column mapped to a field (or the field's own name)."""
        return self.mapping.get(name) or FIELDS[name]

    def stage_of(self, status: str) -> Stage:
        """The stage a status becomes: the user's choice, else the format's, else a guess."""
        key = words(status)
        return self.stages.get(key) or guess_stage(self.tracker, key)[0]

    def plan(self, row: Row, values: Mapping[str, str]) -> tuple[Application, str] | None:
        """The row as an application and its status text; None when it has problems."""
        notes = _text_notes(row, values)
        dates, found, date_notes = self._dates(values)
        start_field = next((name for name in _DATE_FIELDS if name in dates), "applied_on")
        start = self.today if self.tracker.undated else dates.get(start_field)
        if start is None and not any(name in found for name in _DATE_FIELDS):
            found["applied_on"] = "No date: a date applied (or saved) is needed."
        stage, closing, archived_on = self._stage(values, dates)
        if archived_on is not None:
            dates.setdefault("archived_on", archived_on)
        later, later_notes = self._later(start, dates.get("status_date", start))
        link, link_notes = _link(values["link"])
        draft, pay_notes = self._draft(values, start or self.today, link, row.contacts)
        draft, history, problems, step_notes = self._row_history(
            row, values["status"], stage, draft, later, start_field == "saved_on"
        )
        notes += date_notes + later_notes + link_notes + pay_notes + step_notes
        found.update(problems)
        if closing:
            on = max(dates.get("archived_on") or later or draft.applied_on, history[-1].on)
            step = _closing(history, self.close_as, min(on, self.today), self.tracker.name)
            self.closed.append(row.number)
            if step is not None:
                history.append(step)
        checked, refused = self._check(draft, history, start_field in found)
        found.update(refused)
        self._record(row, found, notes, start_field)
        if checked is None or found:
            return None
        return Application(id=0, version=1, draft=checked[0], events=checked[1]), values["status"]

    def _dates(
        self, values: Mapping[str, str]
    ) -> tuple[dict[str, date], dict[str, str], list[tuple[str, str]]]:
        """The row's dates that can be read, a problem for each one that can't, and a note on
        each read in the other order because only that order makes a date (04/13 in a file
        of 13/04: a hand-typed sheet mixes them)."""
        dates: dict[str, date] = {}
        found: dict[str, str] = {}
        notes: list[tuple[str, str]] = []
        for name in (*_DATE_FIELDS, "archived_on"):
            if not values[name]:
                continue
            parsed = parse_date(values[name], self.order.day_first)
            if parsed is None and numeric_parts(values[name]) is not None:
                parsed = parse_date(values[name], not self.order.day_first)
                if parsed is not None:
                    notes.append(
                        (
                            name,
                            f"Read as {parsed:%d %b %Y}: the only date '{values[name]}' can "
                            f"be, though the file's other dates are {self.order.label}.",
                        )
                    )
            if parsed is None:
                found[name] = (
                    f"'{values[name]}' isn't a date that can be read "
                    f"(dates in this file are read as {self.order.label})."
                )
            else:
                dates[name] = parsed
        return dates, found, notes

    def _stage(
        self, values: Mapping[str, str], dates: Mapping[str, date]
    ) -> tuple[Stage, bool, date | None]:
        """The stage the status names, whether the tracker closed the row without a reason,
        and the date its archived cell gives (None when it gives none)."""
        status = values["status"]
        closing = words(status) in self.tracker.closing
        if status and not closing:
            stage = self.stage_of(status)
        else:
            stage = Stage.APPLIED if "applied_on" in dates else Stage.SAVED
        archived = values["archived"]
        if not archived or archived.casefold() in _NOT_ARCHIVED:
            return stage, closing, None
        return stage, True, parse_date(archived, self.order.day_first)

    def _later(
        self, start: date | None, later: date | None
    ) -> tuple[date | None, list[tuple[str, str]]]:
        """The date of the row's last step, kept between its first date and today."""
        notes: list[tuple[str, str]] = []
        if start and later and later < start:
            notes.append(("status_date", "Before the first date; the step is dated that day."))
            later = start
        if later and later > self.today:
            notes.append(("status_date", "In the future; the step is dated today instead."))
            later = self.today
        return later, notes

    def _draft(
        self,
        values: Mapping[str, str],
        applied_on: date,
        link: str,
        named: tuple[Contact, ...] = (),
    ) -> tuple[ApplicationDraft, list[tuple[str, str]]]:
        """The row's application before its history, and the notes on its pay."""
        salary_min, salary_max, currency, text_notes, notes = self._pay(values)
        people = named or (
            Contact(values["contact_name"], "", values["contact_email"], values["contact_phone"]),
        )
        contacts = tuple(
            replace(
                person,
                email="" if person.email.casefold() in self.own else person.email,
                phone="" if _phone_key(person.phone) in self.own else person.phone,
            )
            for person in people
        )
        draft = ApplicationDraft(
            company=values["company"],
            role=values["role"],
            applied_on=applied_on,
            location=values["location"],
            source=_source(values["source"], self.tracker.source),
            link=link,
            salary_min=salary_min,
            salary_max=salary_max,
            currency=currency,
            notes=text_notes,
            contacts=contacts,
        )
        return draft, notes

    def _row_history(
        self,
        row: Row,
        status: str,
        stage: Stage,
        draft: ApplicationDraft,
        later: date | None,
        saved_first: bool,
    ) -> tuple[ApplicationDraft, list[Event], dict[str, str], list[tuple[str, str]]]:
        """The row's steps (its own dated ones, else a believable history ending at the
        stage), the draft dated by the first, and the problems and notes on them."""
        if not row.steps:
            later = later or draft.applied_on
            history = _history(
                stage, draft.applied_on, later, self.tracker, status, saved_first=saved_first
            )
            return draft, history, {}, []
        history, notes = self._steps(row)
        if not history:
            problem = "No step of this application has a date that can be read."
            return draft, [Event(Stage.APPLIED, draft.applied_on)], {"status": problem}, notes
        return replace(draft, applied_on=history[0].on), history, {}, notes

    def _check(
        self, draft: ApplicationDraft, history: list[Event], start_unread: bool
    ) -> tuple[tuple[ApplicationDraft, tuple[Event, ...]] | None, dict[str, str]]:
        """The draft and steps as the rules accept them (None when they refuse), and the
        problems they name; a first date already named unreadable is not named twice."""
        try:
            return check_history(draft, tuple(history), (), self.today), {}
        except InvalidInput as error:
            return None, {
                f"check:{key}": message
                for key, message in error.errors.items()
                if not (start_unread and key.split(".")[0] == "applied_on")
            }

    def _pay(
        self, values: Mapping[str, str]
    ) -> tuple[int | None, int | None, str, str, list[tuple[str, str]]]:
        """Salary from, to and currency, from a text column or bare-number columns; the
        notes text (with any salary that can't be read kept in it) and the notes on them."""
        text_notes = values["notes"]
        notes: list[tuple[str, str]] = []
        named = values["currency"].upper()
        currency = named if re.fullmatch(r"[A-Z]{3}", named) else ""
        low = high = None
        if values["salary_min"] or values["salary_max"]:
            ends, unread_ends = [], []
            for name in ("salary_min", "salary_max"):
                end, why = _read_salary(values[name], "Not an amount that can be read")
                ends.append(end)
                if values[name] and end is None:
                    unread_ends.append((name, why))
            low = ends[0][0] if ends[0] else None
            high = ends[1][1] if ends[1] else None
            currency = currency or next((end[2] for end in ends if end and end[2]), "")
            if low is None and high is None:
                text = " - ".join(filter(None, (values["salary_min"], values["salary_max"])))
                text_notes = "\n".join(filter(None, (text_notes, f"Salary: {text}")))
                notes.append(("salary_min", unread_ends[0][1]))
            else:
                # One end read, the other not (past the limit, say): the other is kept in notes.
                for name, why in unread_ends:
                    kept = f"{FIELDS[name]}: {values[name]}"
                    text_notes = "\n".join(filter(None, (text_notes, kept)))
                    notes.append((name, why))
                low, high = low or high, high or low
                low, high = min(low, high), max(low, high)  # type: ignore[type-var]
        elif values["salary"]:
            salary, unread = _read_salary(values["salary"], "Not a yearly amount that can be read")
            if salary is None:
                text_notes = "\n".join(filter(None, (text_notes, f"Salary: {values['salary']}")))
                notes.append(("salary", unread))
            else:
                low, high, written = salary
                currency = currency or written
        if low is not None and not currency:
            column = "salary_min" if values["salary_min"] or values["salary_max"] else "salary"
            notes.append(
                (column, f"No currency in the file for this salary; {self.currency} assumed.")
            )
            currency = self.currency
        return low, high, currency or self.currency, text_notes, notes

    def _steps(self, row: Row) -> tuple[list[Event], list[tuple[str, str]]]:
        """The dated steps of a row that stands for several (e-mails, bounceback's own CSV),
        and a note for each step left out."""
        notes: list[tuple[str, str]] = []
        dated = []
        for status, when, kind, note in row.steps:
            on = parse_date(when, self.order.day_first)
            if on is None:
                notes.append(("status", f"A step dated '{when}' can't be read; left out."))
                continue
            dated.append((min(on, self.today), self.stage_of(status), kind, note))
        dated.sort(key=lambda step: step[0])
        events: list[Event] = []
        for on, stage, kind, note in dated:
            if not events and stage not in (Stage.SAVED, Stage.APPLIED):
                events.append(Event(Stage.APPLIED, on))
            if events and stage not in allowed_next(events[-1].stage):
                continue  # a second confirmation, or a step the history is already past
            if stage is Stage.INTERVIEW:
                events.append(_interview(on, note, _KINDS.get(kind.casefold())))
            else:
                events.append(Event(stage, on, note=note))
        return events, notes

    def _record(
        self, row: Row, found: dict[str, str], notes: list[tuple[str, str]], start_field: str
    ) -> None:
        """Keep a row's problems and notes, each naming its column."""
        for name, message in found.items():
            if name.startswith("check:"):
                column = _validation_column(name[6:], self.mapping, start_field)
            else:
                column = self.column(name)
            self.problems.append(Finding(row.number, column, message))
        for name, message in notes:
            self.notices.append(Finding(row.number, self.column(name) if name else "", message))


def _phone_key(text: str) -> str:
    """A phone number compared by its digits: " +447700900123" is +44 7700 900123."""
    return re.sub(r"\D", "", text)


# A lone cell that is a total or a count, not a company: "Total", "Sum: 12", "35".
_TOTAL = re.compile(r"^(?:(?:sub)?totals?|sum|count|grand total)\b|^[\d\s.,:%]+$", re.I)


def _is_junk(row: Row, values: Mapping[str, str], headers: tuple[str, ...]) -> bool:
    """Not an application: no company and no role, a lone total, or the header again. A lone
    company or role is real content: it is planned, so the missing half is named."""
    if not (values["company"] or values["role"]):
        return True
    if sum(1 for cell in row.cells if cell.strip()) == 1:
        return bool(_TOTAL.search(values["company"] or values["role"]))
    return [cell.strip() for cell in row.cells] == list(headers)


def plan_import(
    table: Table,
    choices: Choices | None = None,
    existing: Collection[tuple] = frozenset(),
    currency: str = "GBP",
    day_first_usually: bool = True,
    today: date | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """What importing the table would do; reads nothing from and writes nothing to storage."""
    today = today or date.today()
    choices = choices or Choices()
    recognised = detect(table.headers, table)
    tracker = formats().get(choices.format or "") or recognised
    if tracker.hook:
        table = tracker_hooks.HOOKS[tracker.hook](table)
    mapping = _mapping(tracker, table, choices.mapping)
    index = {name: table.headers.index(header) for name, header in mapping.items() if header}
    data, skipped = _content_rows(table, index)
    statuses = _status_choices(data, tracker, index.get("status"), choices.stages)
    order = _order(tracker, data, index, choices.day_first, day_first_usually)
    missing = _missing(tracker, index)
    used = set(index.values())
    ignored = tuple(header for position, header in enumerate(table.headers) if position not in used)
    if missing:
        return ImportPlan(
            table,
            tracker,
            mapping,
            statuses,
            order,
            (),
            (),
            (),
            (),
            missing,
            ignored,
            recognised=recognised.label,
        )
    own, own_notices = _own_details(table, tracker, data, index)
    planner = _RowPlanner(
        tracker,
        mapping,
        {choice.key: choice.stage for choice in statuses},
        order,
        currency,
        today,
        own,
        choices.close_as,
    )
    planner.notices.extend(own_notices)
    if tracker.undated and data:
        planner.notices.append(
            Finding(
                data[0].number,
                "",
                f"{tracker.label} files carry no dates: every row is dated today.",
            )
        )
    planned = _planned_rows(planner, data, index, existing, progress)
    return ImportPlan(
        table,
        tracker,
        mapping,
        statuses,
        order,
        planned,
        tuple(planner.problems),
        tuple(planner.notices),
        skipped,
        (),
        ignored,
        tuple(planner.closed),
        choices.close_as,
        recognised.label,
    )


def _mapping(
    tracker: TrackerFormat, table: Table, chosen: Mapping[str, str | None] | None
) -> dict[str, str | None]:
    """The column of each field: the guess, overridden by the user's choices where they made
    them (a chosen header the file lacks is no column)."""
    mapping = dict(guess_mapping(tracker, table.headers))
    if chosen is not None:
        mapping.update(
            {
                name: (header if header in table.headers else None)
                for name, header in chosen.items()
                if name in FIELDS
            }
        )
    return mapping


def _content_rows(table: Table, index: Mapping[str, int]) -> tuple[list[Row], tuple[int, ...]]:
    """The rows that may hold an application, and the numbers of the others (rows above the
    header, blank rows, titles, totals, repeated headers)."""
    # Rows only: each row's values are read again when it is planned, so a long file never
    # holds a dictionary per row all at once.
    data: list[Row] = []
    skipped = list(range(1, table.header_row))
    for row in table.rows:
        if row.blank or _is_junk(row, _values(row, index), table.headers):
            skipped.append(row.number)
        else:
            data.append(row)
    return data, tuple(skipped)


def _order(
    tracker: TrackerFormat,
    data: list[Row],
    index: Mapping[str, int],
    chosen: bool | None,
    day_first_usually: bool,
) -> DateOrder:
    """How the file's dates are read: the user's choice, else what the dates show, else the
    format's order, else the usual one in the user's country."""
    if tracker.day_first is None:
        usual, why = day_first_usually, "the usual order in your country (see Settings)"
    else:
        usual, why = tracker.day_first, f"as {tracker.name} writes them"
    return decide_order(
        (row.cells[index[name]] for row in data for name in _DATE_FIELDS if name in index),
        chosen,
        usual,
        why,
    )


def _missing(tracker: TrackerFormat, index: Mapping[str, int]) -> tuple[str, ...]:
    """The fields every application needs that no column was found for."""
    missing = tuple(name for name in ("company", "role") if name not in index)
    if not tracker.undated and not any(name in index for name in _DATE_FIELDS):
        missing += ("applied_on",)
    return missing


def _planned_rows(
    planner: _RowPlanner,
    data: list[Row],
    index: Mapping[str, int],
    existing: Collection[tuple],
    progress: Progress | None,
) -> tuple[PlannedRow, ...]:
    """Every row that can be imported, each marked when it looks like a duplicate."""
    planned: list[PlannedRow] = []
    # Earlier rows by key, with their links: a job reposted under a new link (LinkedIn gives
    # each posting its own) is another application, not a duplicate.
    seen: dict[tuple, list[tuple[str, int]]] = {}
    for position, row in enumerate(data, start=1):
        if progress and position % 500 == 0:
            progress(position / len(data))
        result = planner.plan(row, _values(row, index))
        if result is None:
            continue
        application, status = result
        draft = application.draft
        key = _key(draft.company, draft.role, draft.applied_on)
        duplicate = _duplicate(key, draft.link, existing, seen.get(key, ()))
        seen.setdefault(key, []).append((draft.link, row.number))
        planned.append(PlannedRow(row.number, application, status, duplicate))
    if progress:
        progress(1.0)
    return tuple(planned)


def _duplicate(
    key: tuple, link: str, existing: Collection[tuple], earlier: Iterable[tuple[str, int]]
) -> str:
    """Why a row looks like a duplicate ("Already in bounceback", "Same as row 4"), or ""."""
    if key in existing:
        return "Already in bounceback"
    same = next(
        (number for other, number in earlier if not (other and link) or other == link),
        None,
    )
    return f"Same as row {same}" if same else ""


def _own_details(
    table: Table, tracker: TrackerFormat, rows: list[Row], index: Mapping[str, int]
) -> tuple[frozenset[str], list[Finding]]:
    """The job seeker's own e-mails and phones: the export's owner columns, and a contact
    e-mail or phone that is the same on every row (it is theirs, not each employer's)."""
    own: set[str] = set()
    for header in tracker.owner:
        if header in table.headers:
            position = table.headers.index(header)
            for row in rows:
                value = row.cells[position].strip()
                own.update(filter(None, (value.casefold(), _phone_key(value))))
    notices = []
    for name in ("contact_email", "contact_phone"):
        if name not in index or len(rows) < 2:
            continue
        values = {row.cells[index[name]].strip() for row in rows}
        if len(values) == 1 and (value := values.pop()):
            own.update(filter(None, (value.casefold(), _phone_key(value))))
            notices.append(
                Finding(
                    rows[0].number,
                    table.headers[index[name]],
                    "The same on every row, so it is taken as your own: not stored as a contact.",
                )
            )
    return frozenset(own), notices


def plan_files(
    files: FileSet,
    choices: Choices | None = None,
    existing: Collection[tuple] = frozenset(),
    currency: str = "GBP",
    day_first_usually: bool = True,
    today: date | None = None,
) -> list[ImportPlan]:
    """A plan per table of an upload, each file's choices the same."""
    return link_duplicates(
        [
            plan_import(table, choices, existing, currency, day_first_usually, today)
            for table in files.tables
        ],
        existing,
    )


def link_duplicates(plans: Sequence[ImportPlan], existing: Collection[tuple]) -> list[ImportPlan]:
    """Mark a row matching one of an earlier file of the same upload as its duplicate."""
    if len(plans) < 2:
        return list(plans)
    linked: list[ImportPlan] = []
    earlier: dict[tuple, str] = {}
    for plan in plans:
        rows = []
        for item in plan.rows:
            key = _draft_key(item.application)
            if not item.duplicate and key in earlier and key not in existing:
                item = replace(item, duplicate=f"Same as a row of {earlier[key]}")
            rows.append(item)
        for item in plan.rows:
            earlier.setdefault(_draft_key(item.application), plan.table.name or "an earlier file")
        linked.append(replace(plan, rows=tuple(rows)))
    return linked


def _draft_key(application: Application) -> tuple:
    """The duplicate key of an application about to be written."""
    draft = application.draft
    return _key(draft.company, draft.role, draft.applied_on)


def commit(
    store: Store,
    plan: ImportPlan | Sequence[ImportPlan],
    include_duplicates: bool = False,
    skip_bad_rows: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Write the plans' applications (several files of one upload) in one transaction: all
    of them, or nothing at all."""
    plans = [plan] if isinstance(plan, ImportPlan) else list(plan)
    for each in plans:
        if each.missing:
            names = ", ".join(FIELDS[name].lower() for name in each.missing)
            where = f" in {each.table.name}" if each.table.name else ""
            raise MissingColumns(f"No column was found{where} for: {names}. Nothing was imported.")
    problem_rows = sum(each.problem_rows for each in plans)
    if problem_rows and not skip_bad_rows:
        raise RowsHaveProblems(
            f"{rows_text(problem_rows)} with problems, so nothing was imported. Fix them "
            "in the file, or choose to leave them out and import the rest."
        )
    records = [record for each in plans for record in each.applications(include_duplicates)]
    imported = store.add_many(records, progress) if records else 0
    return ImportResult(
        imported=imported,
        duplicates_skipped=0 if include_duplicates else sum(each.duplicates for each in plans),
        problem_rows=problem_rows,
        skipped_rows=sum(len(each.skipped) for each in plans),
    )
