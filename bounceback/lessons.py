"""The do's-and-don'ts list, plus points, wins and confidence, built from reflections."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from bounceback.domain import InvalidInput, LessonKind, Stage
from bounceback.markdown_text import inert_line
from bounceback.validation import check_lesson_text

MAX_PINNED = 5
# Saying a lesson twice: one row per wording, so the two are merged, never kept side by side.
DUPLICATE_LESSON = "That lesson is already on your list: merge the two instead."
# Where a lesson came from: the most recent few are enough to jog the memory.
SHOWN_SOURCES = 5
LESSON_COLUMNS = [
    "id",
    "version",
    "kind",
    "text",
    "pinned",
    "archived",
    "count",
    "sources",
    "last_on",
]
_ITEM_SPLIT = re.compile(r"[\n;•]+|(?<=[.!?])\s+")
_BULLET = re.compile(r"^[\s\-*\d.)]+")


@dataclass(frozen=True)
class LessonState:
    """A lesson as the list keeps it: the wording, and whether it is pinned or archived."""

    kind: LessonKind
    text: str
    pinned: bool = False
    archived: bool = False


def lesson_key(text: str) -> str:
    """A lesson folded so 'Research the company.' and 'research the company' are one."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def check_pin(pinned_elsewhere: int) -> None:
    """One more pin is refused when MAX_PINNED other lessons are pinned already."""
    if pinned_elsewhere >= MAX_PINNED:
        raise InvalidInput({"pinned": f"You can pin {MAX_PINNED} lessons; unpin one first."})


def check_marks(marks: Sequence[LessonState]) -> list[LessonState]:
    """Restored lessons obey the list's own rules: short, not empty, five pinned at most."""
    checked = []
    for index, mark in enumerate(marks):
        try:
            checked.append(replace(mark, text=check_lesson_text(mark.text)))
        except InvalidInput as error:
            raise InvalidInput({f"lessons.{index}.text": error.errors["text"]}) from error
    pinned = sum(1 for mark in checked if mark.pinned)
    if pinned > MAX_PINNED:
        raise InvalidInput(
            {"lessons": f"You can pin {MAX_PINNED} lessons; this backup pins {pinned}."}
        )
    return checked


def _where(applications: pd.DataFrame) -> pd.Series:
    """'Company (Role)' per application id, for showing where a lesson came from."""
    return (applications["company"] + " (" + applications["role"] + ")").set_axis(
        applications["id"]
    )


def lesson_table(frames: dict[str, pd.DataFrame], archived: bool = False) -> pd.DataFrame:
    """Every lesson with how often it came up and where; pinned first, then most frequent."""
    found = frames["lessons"]
    if found.empty:
        return pd.DataFrame(columns=LESSON_COLUMNS)
    found = found[found["archived"] == archived]
    links = frames["lesson_sources"].merge(
        frames["reflections"][["id", "application_id", "written_on"]].rename(
            columns={"id": "reflection_id"}
        ),
        on="reflection_id",
    )
    links["where"] = links["application_id"].map(_where(frames["applications"]))
    grouped = links.groupby("lesson_id")
    summary = pd.DataFrame(
        {
            "count": grouped["reflection_id"].nunique(),
            "sources": links.sort_values("written_on", ascending=False)
            .groupby("lesson_id")["where"]
            .agg(lambda names: list(dict.fromkeys(names))[:SHOWN_SOURCES]),
            "last_on": grouped["written_on"].max(),
        }
    )
    table = found.merge(summary, left_on="id", right_index=True, how="left")
    table["count"] = table["count"].fillna(0).astype(int)
    table["sources"] = table["sources"].map(lambda value: value if isinstance(value, list) else [])
    table = table.sort_values(["pinned", "count", "last_on"], ascending=False, kind="stable")
    return table[LESSON_COLUMNS].reset_index(drop=True)


def _items(text: str) -> list[str]:
    """Split 'what went well' into separate points: lines, bullets, sentences."""
    points = (_BULLET.sub("", part).strip(" .!") for part in _ITEM_SPLIT.split(text))
    return [point for point in points if len(point) > 2]


def plus_points(frames: dict[str, pd.DataFrame], top: int = 8) -> pd.DataFrame:
    """The things that went well most often, in the user's own first wording of each."""
    texts = frames["reflections"]["went_well"] if len(frames["reflections"]) else []
    counts: Counter[str] = Counter()
    wording: dict[str, str] = {}
    for text in texts:
        for point in dict.fromkeys(_items(text)):
            key = lesson_key(point)
            counts[key] += 1
            wording.setdefault(key, point[0].upper() + point[1:])
    rows = [{"point": wording[key], "count": count} for key, count in counts.most_common(top)]
    return pd.DataFrame(rows, columns=["point", "count"])


def to_markdown(lessons: pd.DataFrame, plus: pd.DataFrame, today: date) -> str:
    """A one-page list to read before the next interview."""
    lines = [f"# Before the next interview ({today:%d %B %Y})", ""]
    for kind, heading in (("do", "Do"), ("dont", "Don't")):
        chosen = lessons[lessons["kind"] == kind]
        if chosen.empty:
            continue
        lines += [f"## {heading}", ""]
        for _, row in chosen.iterrows():
            star = " (pinned)" if row["pinned"] else ""
            times = f" — came up {row['count']} times" if row["count"] > 1 else ""
            lines.append(f"- {inert_line(row['text']).strip()}{star}{times}")
        lines.append("")
    if not plus.empty:
        lines += ["## Your plus points", ""]
        lines += [f"- {inert_line(point).strip()}" for point in plus["point"]]
        lines.append("")
    if len(lines) == 2:
        lines += ["No lessons yet: they come from the reflections you write.", ""]
    return "\n".join(lines)


def confidence(
    frames: dict[str, pd.DataFrame], table: pd.DataFrame, last: int = 60
) -> pd.DataFrame:
    """Confidence before and after the most recent reflected interviews, with outcomes."""
    notes = frames["reflections"]
    columns = ["written_on", "before", "after", "outcome", "company"]
    if notes.empty:
        return pd.DataFrame(columns=columns)
    rated = notes[notes["confidence_before"].notna() | notes["confidence_after"].notna()]
    merged = rated.merge(table[["id", "company", "stage"]], left_on="application_id", right_on="id")
    return (
        merged.rename(
            columns={"confidence_before": "before", "confidence_after": "after", "stage": "outcome"}
        )[columns]
        .sort_values("written_on", kind="stable")
        .tail(last)
        .reset_index(drop=True)
    )


def wins(
    frames: dict[str, pd.DataFrame],
    table: pd.DataFrame,
    limit: int = 30,
    shown: Callable[[str], str] = str,
) -> list[tuple[date, str]]:
    """Good news worth remembering: offers, what went well, personal bests. Newest first.

    `shown` is how the user's own words may show (presenter mode hides names in them)."""
    found: list[tuple[date, str]] = []
    names = _where(frames["applications"]) if len(table) else pd.Series(dtype=str)
    history = frames["events"]
    # Columns zipped, not iterrows: a busy search has thousands of offers, notes and rounds.
    offers = history[history["stage"] == Stage.OFFER.value]
    for occurred_on, application_id in zip(
        offers["occurred_on"], offers["application_id"], strict=True
    ):
        found.append((occurred_on, f"An offer from {names[application_id]}."))
    notes = frames["reflections"].sort_values(["written_on", "id"], kind="stable")
    best_overall = 0
    for written_on, application_id, overall, went_well in zip(
        notes["written_on"],
        notes["application_id"],
        notes["overall"],
        notes["went_well"],
        strict=True,
    ):
        where = names.get(application_id, "an interview")
        if pd.notna(overall) and overall >= 4 and overall > best_overall:
            found.append((written_on, f"Your best interview yet, by your own rating: {where}."))
        if pd.notna(overall):
            best_overall = max(best_overall, int(overall))
        # One plus point per line: kept apart, so two never read as one sentence.
        points = [line.strip() for line in went_well.splitlines() if line.strip()]
        if points:
            found.append((written_on, f"Went well at {where}: {shown('; '.join(points))}"))
    # Dated by the latest round itself, not by whatever happened after it.
    interviews = history[history["stage"] == Stage.INTERVIEW.value]
    reached_on = interviews.groupby("application_id")["occurred_on"].max()
    rounds = table[table["interviews"] > 1]
    for application_id, count, company in zip(
        rounds["id"], rounds["interviews"], rounds["company"], strict=True
    ):
        found.append((reached_on[application_id], f"Reached round {count} at {company}."))
    return sorted(found, key=lambda item: item[0], reverse=True)[:limit]
