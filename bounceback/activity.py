"""The job-search activity log: the record a benefits office asks claimants to keep.

One line per thing done (applied, an interview round, a follow-up sent, feedback chased),
read from history, so nothing is entered twice. How it was done comes from what is known:
the application's source, the interview's format; where nothing says, it stays blank
rather than guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from html import escape

import pandas as pd

from bounceback.domain import FollowUpKind, InterviewKind, Source, Stage
from bounceback.exports import table_csv

APPLIED = "Applied"
INTERVIEW = "Interview"
FOLLOW_UP = "Follow-up sent"
FEEDBACK_CHASED = "Feedback chased"
LOG_COLUMNS = ["date", "activity", "employer", "position", "how", "contact", "outcome"]
LOG_HEADERS = {
    "date": "Date",
    "activity": "Activity",
    "employer": "Employer",
    "position": "Position",
    "how": "How",
    "contact": "Contact",
    "outcome": "Outcome",
}
ONLINE = "Online"
# Where the job was found says how the application went, only where it can't be otherwise.
_APPLIED_HOW: dict[str, str] = {
    Source.JOB_BOARD.value: ONLINE,
    Source.COMPANY_SITE.value: ONLINE,
    Source.LINKEDIN.value: ONLINE,
}
_INTERVIEW_HOW: dict[str, str] = {
    InterviewKind.PHONE.value: "Phone",
    InterviewKind.VIDEO.value: "Online (video)",
    InterviewKind.ONSITE.value: "In person",
}
# What the outcome column says for an application's current stage.
_OUTCOME: dict[str, str] = {
    Stage.SAVED.value: "Not sent yet",
    Stage.APPLIED.value: "Waiting to hear",
    Stage.SCREENING.value: "Screening",
    Stage.INTERVIEW.value: "Interviewing",
    Stage.OFFER.value: "Offer",
    Stage.ACCEPTED.value: "Offer accepted",
    Stage.REJECTED.value: "Not successful",
    Stage.WITHDRAWN.value: "Withdrew",
    Stage.GHOSTED.value: "No reply",
}


def _days(values: pd.Series) -> pd.Series:
    """A column of dates as plain dates, whichever way the database returned them."""
    return pd.to_datetime(values).dt.date


def activity_log(frames: Mapping[str, pd.DataFrame], start: date, end: date) -> pd.DataFrame:
    """Every activity from `start` to `end` (both included), oldest first."""
    apps = frames["applications"]
    if apps.empty:
        return pd.DataFrame(columns=LOG_COLUMNS)
    events = frames["events"].sort_values(["occurred_on", "id"], kind="stable")
    stage = events.groupby("application_id")["stage"].last()
    contacts = frames["contacts"].sort_values("id")
    first_contact = contacts[contacts["name"].str.strip() != ""].groupby("application_id")["name"]
    about = pd.DataFrame(
        {
            "application_id": apps["id"],
            "employer": apps["company"],
            "position": apps["role"],
        }
    ).set_index("application_id")
    about["outcome"] = stage.reindex(about.index).fillna(Stage.SAVED.value).map(_OUTCOME)
    about["contact"] = first_contact.first().reindex(about.index).fillna("")
    rows = pd.concat(
        [_applied(events, apps), _interviews(events), _follow_ups(frames["follow_ups"])],
        ignore_index=True,
    )
    rows = rows[(rows["date"] >= start) & (rows["date"] <= end)]
    log = rows.join(about, on="application_id")
    log = log.sort_values(["date", "order"], kind="stable")
    return log[LOG_COLUMNS].reset_index(drop=True)


def _applied(events: pd.DataFrame, apps: pd.DataFrame) -> pd.DataFrame:
    """One line per application sent: its 'applied' event, else its date applied if it went on."""
    sent = events[events["stage"] == Stage.APPLIED.value].groupby("application_id")["occurred_on"]
    moved_on = events[events["stage"] != Stage.SAVED.value]["application_id"].unique()
    applied_on = apps.set_index("id")["applied_on"]
    when = sent.first().reindex(applied_on.index)
    when = when.where(when.notna(), applied_on.where(applied_on.index.isin(moved_on)))
    when = when.dropna()
    how = apps.set_index("id")["source"].reindex(when.index).map(_APPLIED_HOW).fillna("")
    return pd.DataFrame(
        {
            "application_id": when.index,
            "date": _days(when).to_numpy(),
            "activity": APPLIED,
            "how": how.to_numpy(),
            "order": 0,
        }
    )


def _interviews(events: pd.DataFrame) -> pd.DataFrame:
    """One line per interview round, its format saying how when it can."""
    rounds = events[events["stage"] == Stage.INTERVIEW.value]
    return pd.DataFrame(
        {
            "application_id": rounds["application_id"].to_numpy(),
            "date": _days(rounds["occurred_on"]).to_numpy(),
            "activity": INTERVIEW,
            "how": rounds["kind"].map(_INTERVIEW_HOW).fillna("").to_numpy(),
            "order": 1,
        }
    )


def _follow_ups(follow_ups: pd.DataFrame) -> pd.DataFrame:
    """One line per follow-up ticked off: asking for feedback is chasing it."""
    done = follow_ups[follow_ups["done_on"].notna()]
    chased = done["kind"] == FollowUpKind.ASK_FEEDBACK.value
    return pd.DataFrame(
        {
            "application_id": done["application_id"].to_numpy(),
            "date": _days(done["done_on"]).to_numpy(),
            "activity": chased.map({True: FEEDBACK_CHASED, False: FOLLOW_UP}).to_numpy(),
            "how": "",
            "order": 2,
        }
    )


def week_start(day: date) -> date:
    """The Monday of the week a day falls in."""
    return day - timedelta(days=day.weekday())


# The ranges a log is usually asked for, as a benefits office counts them.
PERIODS = ("This week", "Last week", "This month", "Last month")


def period(name: str, today: date) -> tuple[date, date]:
    """The first and last day of a named range around today (weeks start on Monday)."""
    monday = week_start(today)
    first = today.replace(day=1)
    ranges = {
        "This week": (monday, monday + timedelta(days=6)),
        "Last week": (monday - timedelta(days=7), monday - timedelta(days=1)),
        "This month": (first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)),
        "Last month": ((first - timedelta(days=1)).replace(day=1), first - timedelta(days=1)),
    }
    return ranges[name]


def weekly_counts(log: pd.DataFrame, start: date, end: date, target: int) -> pd.DataFrame:
    """Activities per week (Monday first) over the range, each week against the target."""
    weeks = []
    monday = week_start(start)
    while monday <= end:
        weeks.append(monday)
        monday += timedelta(days=7)
    counted = log["date"].map(week_start).value_counts() if len(log) else pd.Series(dtype=int)
    table = pd.DataFrame({"week": weeks})
    table["activities"] = [int(counted.get(week, 0)) for week in weeks]
    table["target"] = target
    table["met"] = table["activities"] >= target if target else pd.NA
    return table


def weekly_table(weeks: pd.DataFrame) -> pd.DataFrame:
    """The weekly counts in words, as the page and its readers see them: Week, Activities,
    and, with a target, how far each week is from it."""
    shown = pd.DataFrame(
        {
            "Week": [f"Week from {week:%d %b %Y}" for week in weeks["week"]],
            "Activities": weeks["activities"].astype(int).tolist(),
        }
    )
    target = int(weeks["target"].iloc[0]) if len(weeks) else 0
    if target:
        shown["Against the target"] = [
            "Target met" if met else f"{target - count} to go"
            for count, met in zip(shown["Activities"], weeks["met"], strict=True)
        ]
    return shown


def log_csv(log: pd.DataFrame) -> str:
    """The log as CSV: every field quoted, no cell a spreadsheet would run as a formula."""
    shown = log.assign(date=[day.isoformat() for day in log["date"]])
    return table_csv(shown, LOG_HEADERS)


_PAGE_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #1f2328; margin: 1.5rem auto; max-width: 980px; padding: 0 1rem; }
h1 { font-size: 1.4rem; margin: 0 0 0.2rem; }
p { margin: 0.2rem 0 0.8rem; color: #57606a; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; padding: 0.2rem 0.5rem 0.2rem 0;
  border-bottom: 1px solid #d0d7de; }
@media print { @page { size: A4 landscape; margin: 10mm; } body { margin: 0; max-width: none; } }
"""


def printable_html(log: pd.DataFrame, start: date, end: date, weeks: pd.DataFrame) -> str:
    """The log as one self-contained page to print or keep, every piece of text escaped."""
    head = "".join(f"<th>{escape(LOG_HEADERS[column])}</th>" for column in LOG_COLUMNS)
    body = "".join(
        "<tr>"
        + "".join(f"<td>{escape(_cell(row[column]))}</td>" for column in LOG_COLUMNS)
        + "</tr>"
        for _, row in log.iterrows()
    )
    week_rows = "".join(
        f"<tr><td>{escape(_cell(row.week))}</td><td>{row.activities}</td>"
        f"<td>{row.target or ''}</td></tr>"
        for row in weeks.itertuples()
    )
    span = f"{_cell(start)} to {_cell(end)}"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Job-search activity, {escape(span)}</title>\n<style>{_PAGE_STYLE}</style>\n"
        "</head>\n<body>\n<h1>Job-search activity</h1>\n"
        f"<p>{escape(span)}: {len(log)} activities.</p>\n"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>\n"
        "<h2>Week by week</h2>\n<table><thead><tr><th>Week from</th><th>Activities</th>"
        f"<th>Target</th></tr></thead><tbody>{week_rows}</tbody></table>\n"
        "</body>\n</html>\n"
    )


def _cell(value: object) -> str:
    """One value as the page shows it: dates as ISO, nothing for missing."""
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
