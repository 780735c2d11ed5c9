"""The pipeline as tables: one row per application, derived from its dated history."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from bounceback.domain import CLOSING, OPEN, PROGRESS, FollowUpKind, Source, Stage

# Board columns: one per stage on the way; closed applications are listed apart.
BOARD_COLUMNS: tuple[tuple[str, tuple[Stage, ...]], ...] = (
    ("Saved", (Stage.SAVED,)),
    ("Applied", (Stage.APPLIED,)),
    ("Screening", (Stage.SCREENING,)),
    ("Interview", (Stage.INTERVIEW,)),
    ("Offer", (Stage.OFFER, Stage.ACCEPTED)),
)
# Waiting on the employer: the stages where silence can mean being ghosted.
WAITING = (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW)
_RANK = {stage.value: rank for rank, stage in enumerate(PROGRESS)}
_LEGAL_SUFFIXES = re.compile(
    r"\b(the|ltd|limited|inc|incorporated|llc|plc|gmbh|co|corp|corporation|company|group)\b"
)

TABLE_COLUMNS = [
    "id",
    "version",
    "company",
    "role",
    "location",
    "source",
    "link",
    "salary_min",
    "salary_max",
    "currency",
    "pool_size",
    "notes",
    "applied_on",
    "stage",
    "last_event_on",
    "interviews",
    "reached",
]


def company_key(name: str) -> str:
    """A company's name folded so 'ACME Ltd.' and 'Acme' are recognised as one employer."""
    folded = re.sub(r"[^\w\s]", " ", name.casefold())
    folded = _LEGAL_SUFFIXES.sub(" ", folded)
    return " ".join(folded.split())


def application_table(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per application with its current stage and history counts, from events."""
    apps = frames["applications"]
    if apps.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    history = frames["events"].sort_values(["occurred_on", "id"])
    grouped = history.groupby("application_id", sort=False)
    latest = grouped.tail(1).set_index("application_id")
    rank = history["stage"].map(_RANK)
    summary = pd.DataFrame(
        {
            "stage": latest["stage"],
            "last_event_on": latest["occurred_on"],
            "interviews": (history["stage"] == Stage.INTERVIEW.value)
            .groupby(history["application_id"])
            .sum(),
            "reached_rank": rank.groupby(history["application_id"]).max(),
        }
    )
    table = apps.merge(summary, left_on="id", right_index=True, how="left")
    table["stage"] = table["stage"].fillna(Stage.SAVED.value)
    table["last_event_on"] = table["last_event_on"].fillna(table["applied_on"])
    table["interviews"] = table["interviews"].fillna(0).astype(int)
    table["reached"] = table["reached_rank"].fillna(0).astype(int).map(lambda r: PROGRESS[r].value)
    return table[TABLE_COLUMNS].sort_values("applied_on", ascending=False, kind="stable")


def filter_table(
    table: pd.DataFrame,
    search: str = "",
    stages: list[str] | None = None,
    sources: list[str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> pd.DataFrame:
    """The rows matching a free-text search and the chosen stages, sources and dates."""
    words = search.casefold().split()
    if not (words or stages or sources or since or until):
        return table  # nothing asked: no copy of every row on each rerun
    mask = pd.Series(True, index=table.index)
    if words:
        haystack = (
            table["company"] + " " + table["role"] + " " + table["location"] + " " + table["notes"]
        ).str.casefold()
        for word in words:
            mask &= haystack.str.contains(word, regex=False)
    if stages:
        mask &= table["stage"].isin(stages)
    if sources:
        mask &= table["source"].isin(sources)
    if since is not None:
        mask &= table["applied_on"] >= since
    if until is not None:
        mask &= table["applied_on"] <= until
    return table[mask]


def most_recent_first(table: pd.DataFrame) -> pd.DataFrame:
    """Applications by latest news, newest first; ties keep the table's order.

    A table already in that order comes back as it is, so the board can be handed one sorted
    once per revision rather than sorting (and copying) every row on each rerun."""
    if table["last_event_on"].is_monotonic_decreasing:
        return table
    return table.sort_values("last_event_on", ascending=False, kind="stable")


def _latest(
    ordered: pd.DataFrame, stages: tuple[Stage, ...], count: int
) -> tuple[pd.DataFrame, int]:
    """The most recently active applications in these stages (of a table already most recent
    first, sorted once for every column), and how many more there are."""
    # Positions first, then only the rows drawn: a closed pile of thousands is never copied.
    found = np.flatnonzero(ordered["stage"].isin([stage.value for stage in stages]).to_numpy())
    return ordered.iloc[found[:count]], max(0, len(found) - count)


def board(table: pd.DataFrame, per_column: int = 12) -> list[tuple[str, pd.DataFrame, int]]:
    """Each board column's most recent cards and how many more it holds."""
    ordered = most_recent_first(table)
    return [(title, *_latest(ordered, stages, per_column)) for title, stages in BOARD_COLUMNS]


def board_columns(
    table: pd.DataFrame, shown: Mapping[str, int], default: int
) -> list[tuple[str, pd.DataFrame, int]]:
    """Every board column: its first cards (as many as asked for it), and how many it holds.

    Cards come most recent news first; a column draws only what was asked for, so a board of
    thousands stays quick, and "show more" asks for more.
    """
    columns = []
    ordered = most_recent_first(table)
    for title, stages in BOARD_COLUMNS:
        rows, more = _latest(ordered, stages, shown.get(title, default))
        columns.append((title, rows, len(rows) + more))
    return columns


def closed_cards(table: pd.DataFrame, count: int) -> tuple[pd.DataFrame, int]:
    """The most recently closed applications, and how many are closed in all."""
    rows, more = _latest(most_recent_first(table), CLOSING, count)
    return rows, len(rows) + more


def ghost_candidates(table: pd.DataFrame, after_days: int, today: date) -> pd.DataFrame:
    """Applications waiting on the employer with no news for at least `after_days` days."""
    if table.empty:
        return table
    waiting = table["stage"].isin([stage.value for stage in WAITING])
    quiet = table["last_event_on"] <= today - timedelta(days=after_days)
    return table[waiting & quiet].sort_values("last_event_on", kind="stable")


def previous_setbacks(
    table: pd.DataFrame, company: str, exclude_id: int | None = None
) -> pd.DataFrame:
    """Earlier applications to the same employer that ended in a rejection or silence."""
    if table.empty or not company_key(company):
        return table.head(0)
    same = table["company"].map(company_key) == company_key(company)
    closed = table["stage"].isin([Stage.REJECTED.value, Stage.GHOSTED.value])
    rows = table[same & closed]
    if exclude_id is not None:
        rows = rows[rows["id"] != exclude_id]
    return rows.sort_values("applied_on", kind="stable")


def setback_message(rows: pd.DataFrame) -> str | None:
    """A gentle note about an earlier try at the same employer, or None."""
    if rows.empty:
        return None
    last = rows.iloc[-1]
    outcome = "didn't hear back" if last["stage"] == Stage.GHOSTED.value else "got a no"
    earlier = {1: "", 2: " (and once before that)"}.get(
        len(rows), f" (and {len(rows) - 1} times before that)"
    )
    return (
        f"You applied to {last['company']} before, for {last['role']} in "
        f"{last['applied_on']:%B %Y}, and {outcome}{earlier}. That's no reason not to try "
        "again: a new role is a new draw. It may help to mention what has changed since."
    )


def due_label(due: date, overdue: bool, today: date) -> str:
    """When a follow-up is due, in the words the Today list and the summary both use."""
    if overdue:
        return f"was due {due:%a %d %b}"
    if due == today:
        return "due today"
    return f"due {due:%a %d %b}"


def up_next(
    frames: dict[str, pd.DataFrame],
    table: pd.DataFrame,
    today: date,
    horizon_days: int = 14,
    overdue_days: int = 14,
) -> pd.DataFrame:
    """Follow-ups not done and due within a window around today, overdue first.

    Older overdue ones are left to each application's own list, so today stays about today.
    """
    items = frames["follow_ups"]
    columns = [
        "id",
        "version",
        "application_id",
        "company",
        "role",
        "what",
        "due",
        "overdue",
        "note",
    ]
    if items.empty:
        return pd.DataFrame(columns=columns)
    window = items["due"].between(
        today - timedelta(days=overdue_days), today + timedelta(days=horizon_days)
    )
    pending = items[items["done_on"].isna() & window]
    merged = pending.merge(
        table[["id", "company", "role"]].rename(columns={"id": "application_id"}),
        on="application_id",
    )
    merged["what"] = merged["kind"].map(lambda kind: FollowUpKind(kind).label)
    merged["overdue"] = merged["due"] < today
    return merged.sort_values(["due", "id"], kind="stable")[columns]


def source_label(value: str) -> str:
    """A source's readable name for tables and filters."""
    return Source(value).label


@dataclass(frozen=True)
class Overview:
    """What the Today and Pipeline pages show, small enough to cache and copy cheaply."""

    total: int
    live: int
    interview_rounds: int
    offers: int
    board: list[tuple[str, pd.DataFrame, int]]
    closed: pd.DataFrame
    closed_total: int
    quiet: pd.DataFrame
    quiet_total: int
    due: pd.DataFrame
    due_total: int


def overview(
    frames: dict[str, pd.DataFrame],
    table: pd.DataFrame,
    ghost_after_days: int,
    today: date,
    shown: int = 6,
) -> Overview:
    """Counts and the first few of each list; the full lists stay in the table view."""
    quiet = ghost_candidates(table, ghost_after_days, today)
    due = up_next(frames, table, today)
    closed, more_closed = _latest(most_recent_first(table), CLOSING, shown)
    live = table["stage"].isin([stage.value for stage in OPEN]).sum() if len(table) else 0
    return Overview(
        total=len(table),
        live=int(live),
        interview_rounds=int(table["interviews"].sum()) if len(table) else 0,
        offers=int(table["reached"].isin([Stage.OFFER.value, Stage.ACCEPTED.value]).sum()),
        board=board(table, shown),
        closed=closed,
        closed_total=len(closed) + more_closed,
        quiet=quiet.head(shown),
        quiet_total=len(quiet),
        due=due.head(shown * 2),
        due_total=len(due),
    )


def reflectable(table: pd.DataFrame, limit: int = 50) -> dict[int, str]:
    """The most recent applications worth a reflection (an interview, or a no), labelled."""
    worth = table[(table["interviews"] > 0) | (table["stage"] == Stage.REJECTED.value)]
    recent = worth.sort_values("last_event_on", ascending=False, kind="stable").head(limit)
    labels = (
        recent["company"]
        + " · "
        + recent["role"]
        + " ("
        + recent["stage"].map(lambda value: Stage(value).label.lower())
        + ")"
    )
    return dict(zip(recent["id"].astype(int), labels, strict=True))
