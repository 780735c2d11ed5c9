"""The activity log: one line per thing done, from history, counted by week, safe to export."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pandas as pd
import pytest

from bounceback.activity import (
    APPLIED,
    FEEDBACK_CHASED,
    FOLLOW_UP,
    INTERVIEW,
    LOG_COLUMNS,
    activity_log,
    log_csv,
    period,
    printable_html,
    week_start,
    weekly_counts,
    weekly_table,
)
from bounceback.domain import (
    Application,
    Contact,
    Event,
    FollowUp,
    FollowUpKind,
    InterviewKind,
    InvalidInput,
    Settings,
    Source,
    Stage,
)
from bounceback.sample import generate
from bounceback.storage import Store
from tests.conftest import TODAY, draft

START = date(2026, 11, 2)  # a Monday


def _store_with_one_story(store: Store) -> Store:
    """One application sent online, a phone interview, a thank-you and a feedback chase."""
    sent = draft(
        company='=HYPERLINK("http://evil")',
        role="+Analyst",
        source=Source.COMPANY_SITE,
        applied_on=START,
        contacts=(Contact(name="@Grace"),),
    )
    story = Application(
        0,
        1,
        sent,
        (
            Event(Stage.APPLIED, START),
            Event(Stage.INTERVIEW, START + timedelta(2), InterviewKind.PHONE),
        ),
        (
            FollowUp(FollowUpKind.THANK_YOU, START + timedelta(3), START + timedelta(3)),
            FollowUp(FollowUpKind.ASK_FEEDBACK, START + timedelta(9), START + timedelta(10)),
            FollowUp(FollowUpKind.RECONNECT, START + timedelta(30)),
        ),
    )
    saved = Application(
        0, 1, draft(company="Saved only", applied_on=START), (Event(Stage.SAVED, START),)
    )
    store.load([story, saved])
    return store


def test_each_activity_is_one_line_with_how_and_contact(fresh_db: Store):
    frames = _store_with_one_story(fresh_db).frames()
    log = activity_log(frames, START, TODAY)
    assert list(log.columns) == LOG_COLUMNS
    assert list(log["activity"]) == [APPLIED, INTERVIEW, FOLLOW_UP, FEEDBACK_CHASED]
    assert list(log["date"]) == [
        START,
        START + timedelta(2),
        START + timedelta(3),
        START + timedelta(10),
    ]
    assert list(log["how"]) == ["Online", "Phone", "", ""]
    assert set(log["contact"]) == {"@Grace"}
    assert set(log["outcome"]) == {"Interviewing"}
    # The range is inclusive at both ends and leaves the rest out.
    assert list(activity_log(frames, START + timedelta(2), START + timedelta(3))["activity"]) == [
        INTERVIEW,
        FOLLOW_UP,
    ]


def test_the_sample_job_hunt_logs_every_application_and_round(fresh_db: Store):
    fresh_db.load(generate(60, today=TODAY))
    frames = fresh_db.frames()
    log = activity_log(frames, date(2000, 1, 1), TODAY)
    events = frames["events"]
    sent = events[events["stage"] != Stage.SAVED]["application_id"].nunique()
    assert (log["activity"] == APPLIED).sum() == sent
    assert (log["activity"] == INTERVIEW).sum() == (events["stage"] == Stage.INTERVIEW).sum()
    done = frames["follow_ups"]["done_on"].notna().sum()
    assert log["activity"].isin([FOLLOW_UP, FEEDBACK_CHASED]).sum() == done
    assert list(log["date"]) == sorted(log["date"])
    weeks = weekly_counts(log, date(2026, 9, 1), TODAY, 5)
    inside = log[log["date"] >= week_start(date(2026, 9, 1))]
    assert weeks["activities"].sum() == len(inside)
    assert list(weeks["met"]) == [count >= 5 for count in weeks["activities"]]


@pytest.mark.parametrize(
    ("target", "against"),
    [
        (0, None),
        (2, ["Target met", "2 to go", "Target met"]),
        (3, ["1 to go", "3 to go", "Target met"]),
    ],
)
def test_the_weekly_table_says_how_far_each_week_is_from_the_target(
    target: int, against: list[str] | None
) -> None:
    days = [
        date(2026, 9, 7),
        date(2026, 9, 8),
        date(2026, 9, 21),
        date(2026, 9, 22),
        date(2026, 9, 23),
    ]
    log = pd.DataFrame({"date": days})
    shown = weekly_table(weekly_counts(log, date(2026, 9, 7), date(2026, 9, 27), target))
    assert list(shown["Week"]) == [
        "Week from 07 Sep 2026",
        "Week from 14 Sep 2026",
        "Week from 21 Sep 2026",
    ]
    assert list(shown["Activities"]) == [2, 0, 3]
    if against is None:
        assert "Against the target" not in shown.columns
    else:
        assert list(shown["Against the target"]) == against


def test_an_empty_search_has_an_empty_log(fresh_db: Store):
    log = activity_log(fresh_db.frames(), START, TODAY)
    assert log.empty and list(log.columns) == LOG_COLUMNS
    weeks = weekly_counts(log, START, TODAY, 0)
    assert list(weeks["activities"]) == [0] * len(weeks) and len(weeks) == 3
    assert "0 activities" in printable_html(log, START, TODAY, weeks)


def test_the_csv_is_formula_safe_and_the_page_escaped(fresh_db: Store):
    frames = _store_with_one_story(fresh_db).frames()
    log = activity_log(frames, START, TODAY)
    rows = list(csv.reader(io.StringIO(log_csv(log))))
    assert rows[0] == ["Date", "Activity", "Employer", "Position", "How", "Contact", "Outcome"]
    assert rows[1][:2] == [START.isoformat(), APPLIED]
    for row in rows[1:]:
        assert all(not cell.startswith(("=", "+", "-", "@")) for cell in row), row
    assert rows[1][2].startswith("'=")
    page = printable_html(log, START, TODAY, weekly_counts(log, START, TODAY, 3))
    assert "&quot;http://evil&quot;" in page and '"http://evil"' not in page


def test_the_weekly_target_is_a_setting_with_its_own_limit(fresh_db: Store):
    fresh_db.save_settings(Settings(weekly_target=10))
    assert fresh_db.settings().weekly_target == 10
    with pytest.raises(InvalidInput) as error:
        fresh_db.save_settings(Settings(weekly_target=-1))
    assert list(error.value.errors) == ["weekly_target"]
    assert fresh_db.settings().weekly_target == 10


def test_named_periods_are_whole_weeks_and_months():
    wednesday = date(2026, 1, 7)
    assert period("This week", wednesday) == (date(2026, 1, 5), date(2026, 1, 11))
    assert period("Last week", wednesday) == (date(2025, 12, 29), date(2026, 1, 4))
    assert period("This month", wednesday) == (date(2026, 1, 1), date(2026, 1, 31))
    assert period("Last month", wednesday) == (date(2025, 12, 1), date(2025, 12, 31))
    assert period("This month", date(2028, 2, 29)) == (date(2028, 2, 1), date(2028, 2, 29))
