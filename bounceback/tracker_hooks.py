"""The code a few trackers' layouts need before their rows can be read like any other.

Each hook turns a file's table into a table of one row per application, with headers named
in data/trackers.yaml. Everything else about a format stays data there.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable
from dataclasses import replace

from bounceback.csv_text import Row, Table
from bounceback.exports import read_contacts, unneutralise

Hook = Callable[[Table], Table]

# A card cell of the Huntr board exporter: the Python repr of a dict.
_CARD = re.compile(r"^\s*\{\s*'title'\s*:")
_CARD_KEYS = ("company", "title", "location", "post_url", "description")
# An address in a From: header or a cell: the part after @ names the employer.
_ADDRESS = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
# Subdomains that say how the mail was sent, not who sent it.
_MAIL_HOSTS = frozenset({"mail", "email", "e", "jobs", "careers", "hr", "talent", "no-reply"})
_PLACEHOLDERS = frozenset({"", "unknown", "n/a", "-"})
_NO_ROLE = "Role not named in the e-mails"
# Applicant tracking systems send for many employers: their domain names none of them.
_TRACKING_SYSTEMS = (
    "greenhouse.io",
    "lever.co",
    "myworkday.com",
    "myworkdayjobs.com",
    "workday.com",
    "smartrecruiters.com",
    "ashbyhq.com",
    "icims.com",
    "taleo.net",
    "jobvite.com",
    "bamboohr.com",
    "workablemail.com",
    "workable.com",
    "recruitee.com",
    "teamtailor.com",
    "successfactors.com",
    "successfactors.eu",
)
_TEAM_WORDS = frozenset(
    {
        "recruiting",
        "recruitment",
        "talent",
        "acquisition",
        "team",
        "careers",
        "hiring",
        "hr",
        "jobs",
        "people",
    }
)
_ABOUT_APPLYING = re.compile(r"appl|interview|invitation|offer|received|thank", re.I)
_FOR_ROLE = re.compile(r"\bfor (?:the |our )?(?P<role>[A-Z][\w&/+ -]{1,60}?)(?: role| position)?$")
_EVENT_HEADERS = ("company", "role", "applied_on", "status", "status_date", "notes")


def is_huntr_board(table: Table) -> bool:
    """The exporter's layout: every filled cell is a card, and there is at least one."""
    cells = [cell for row in table.rows[:50] for cell in row.cells if cell.strip()]
    return bool(cells) and all(_CARD.match(cell) for cell in cells)


def huntr_board(table: Table) -> Table:
    """One row per card, its list (the column it sat in) as the status."""
    rows = []
    for row in table.rows:
        for header, cell in zip(table.headers, row.cells, strict=True):
            if not cell.strip():
                continue
            card = _card(cell)
            rows.append(Row(row.number, (*(card.get(key, "") for key in _CARD_KEYS), header)))
    return replace(table, headers=(*_CARD_KEYS, "list"), rows=tuple(rows))


def _card(cell: str) -> dict[str, str]:
    """A card's fields; a cell that is not a dict's repr gives its text as the title."""
    try:
        value = ast.literal_eval(cell)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return {"title": cell.strip()}
    if not isinstance(value, dict):
        return {"title": cell.strip()}
    return {key: str(value.get(key) or "").strip() for key in _CARD_KEYS}


def teal_status(table: Table) -> Table:
    """Fill an empty statusName from the JSON of the status column, as Teal's reader does,
    adding the column when a file has only the JSON, so no status is ever shown as JSON."""
    if "status" not in table.headers:
        return table
    raw = table.headers.index("status")
    if "statusName" in table.headers:
        name, headers = table.headers.index("statusName"), table.headers
    else:
        name, headers = len(table.headers), (*table.headers, "statusName")
    rows = []
    for row in table.rows:
        cells = list(row.cells) + [""] * (len(headers) - len(row.cells))
        if not cells[name].strip() and cells[raw].strip():
            cells[name] = _json_name(cells[raw])
        rows.append(replace(row, cells=tuple(cells)))
    return replace(table, headers=headers, rows=tuple(rows))


def _json_name(text: str) -> str:
    """The "name" of a JSON object, or "" when the text is not one."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return ""
    return str(value.get("name") or "") if isinstance(value, dict) else ""


def emails(table: Table) -> Table:
    """JustAJobApp's e-mails grouped into applications, each label a dated step.

    The current layout has no company: the sender's domain stands for it, and the subject
    for the role. The 2025 layout names both. Placeholders ("unknown") name nothing.
    """
    column = {header: index for index, header in enumerate(table.headers)}

    def cell(row: Row, *names: str) -> str:
        for name in names:
            if name in column and row.cells[column[name]].strip().casefold() not in _PLACEHOLDERS:
                return unguarded(row.cells[column[name]].strip())
        return ""

    groups: dict[tuple[str, str], list[tuple[str, str, Row]]] = {}
    for row in table.rows:
        label = cell(row, "Status Label", "Application Status")
        when = cell(row, "Date Received", "Received At")
        if not label or not when:
            continue  # not about an application, or undated: nothing to import
        company = cell(row, "Company Name") or _employer(
            cell(row, "Sender Email", "Sender"), cell(row, "Sender Name")
        )
        role = cell(row, "Job Title")
        key = (company.casefold(), role.casefold())
        groups.setdefault(key, []).append((when, label, row))
    rows = []
    for found in groups.values():
        found.sort(key=lambda item: item[0])  # ISO dates sort as text
        first, last = found[0], found[-1]
        company = cell(first[2], "Company Name") or _employer(
            cell(first[2], "Sender Email", "Sender"), cell(first[2], "Sender Name")
        )
        role = cell(first[2], "Job Title") or next(
            (named for _, _, row in found if (named := _role(cell(row, "Subject")))),
            _NO_ROLE,
        )
        subjects = "; ".join(dict.fromkeys(cell(item[2], "Subject") for item in found))
        rows.append(
            Row(
                first[2].number,
                (company, role, first[0], last[1], last[0], f"E-mails: {subjects}"),
                steps=tuple((label, when, "", "") for when, label, _ in found),
            )
        )
    rows.sort(key=lambda row: row.number)
    return replace(table, headers=_EVENT_HEADERS, rows=tuple(rows))


def unguarded(text: str) -> str:
    """A cell without the ' a formula guard put before = + - @ (JustAJobApp adds one)."""
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@", "\t", "\r") else text


def _employer(sender: str, name: str = "") -> str:
    """The employer an e-mail stands for: "careers@greenbay-logistics.example" is Greenbay
    Logistics; from an applicant tracking system's address, the sender's name says it."""
    match = _ADDRESS.search(sender)
    if not match:
        return _without_team_words(name)
    domain = match[1].casefold()
    if any(domain == ats or domain.endswith(f".{ats}") for ats in _TRACKING_SYSTEMS):
        return _without_team_words(name) or domain.split(".")[-2].capitalize()
    parts = [part for part in domain.split(".")[:-1] if part not in _MAIL_HOSTS]
    host = parts[-1] if parts else domain.split(".")[0]
    return " ".join(word.capitalize() for word in re.split(r"[-_]", host) if word)


def _without_team_words(name: str) -> str:
    """A sender's name less the words for the team: "Acme Robotics Recruiting" is Acme
    Robotics, "Hiring at Ostrava" is Ostrava."""
    name = re.sub(r"^\s*(?:hiring|careers|jobs|recruiting)\s+at\s+", "", name, flags=re.I)
    words = name.split()
    while words and words[-1].casefold() in _TEAM_WORDS:
        words.pop()
    return " ".join(words)


def _role(subject: str) -> str:
    """The role a subject names: after a colon ("Interview invitation: Operations Analyst")
    when what comes before is about the application, or after "for" ("next steps for Data
    Analyst"); else ""."""
    before, colon, after = subject.partition(":")
    if colon and after.strip() and _ABOUT_APPLYING.search(before):
        return after.strip()
    match = _FOR_ROLE.search(subject)
    return match["role"].strip() if match else ""


def history_rows(table: Table) -> Table:
    """bounceback's own job-search CSV: its rows per change of stage, back into applications."""
    column = {header: index for index, header in enumerate(table.headers)}
    wanted = ("company", "role", "location", "source", "link", "applied_on")

    def cell(row: Row, name: str) -> str:
        # Every guard the export put in comes out: the text is back as it was typed.
        return unneutralise(row.cells[column[name]]).strip() if name in column else ""

    groups: dict[tuple[str, ...], list[Row]] = {}
    for row in table.rows:
        groups.setdefault(tuple(cell(row, name) for name in wanted), []).append(row)
    rows = []
    for key, found in groups.items():
        last = found[-1]
        rows.append(
            Row(
                found[0].number,
                (
                    *key,
                    cell(last, "stage"),
                    cell(last, "event_date"),
                    cell(last, "application_notes"),
                ),
                steps=tuple(
                    (
                        cell(row, "stage"),
                        cell(row, "event_date"),
                        cell(row, "interview_kind"),
                        cell(row, "note"),
                    )
                    for row in found
                ),
                contacts=read_contacts(cell(last, "contacts")),
            )
        )
    return replace(table, headers=(*wanted, "stage", "event_date", "notes"), rows=tuple(rows))


HOOKS: dict[str, Hook] = {
    "huntr_board": huntr_board,
    "teal_status": teal_status,
    "emails": emails,
    "history_rows": history_rows,
}
