"""The pipeline table: counts from history, ghosting, follow-ups, earlier setbacks."""

from datetime import date, timedelta

import pytest

from bounceback import domain
from bounceback.domain import Event, FollowUp, FollowUpKind, InterviewKind, Stage
from bounceback.pipeline import (
    BOARD_COLUMNS,
    application_table,
    board,
    board_columns,
    closed_cards,
    company_key,
    due_label,
    filter_table,
    ghost_candidates,
    most_recent_first,
    overview,
    previous_setbacks,
    reflectable,
    setback_message,
    up_next,
)
from bounceback.sample import generate
from bounceback.storage import Store
from tests.conftest import TODAY, draft


def _rejected_after_two_interviews(store: Store) -> int:
    new_id = store.add_application(draft(), today=TODAY)
    store.record(new_id, Event(Stage.INTERVIEW, date(2026, 10, 5), InterviewKind.PHONE), 1, TODAY)
    store.record(new_id, Event(Stage.INTERVIEW, date(2026, 10, 9), InterviewKind.FINAL), 2, TODAY)
    store.record(new_id, Event(Stage.REJECTED, date(2026, 10, 12)), 3, TODAY)
    return new_id


def test_an_empty_database_gives_an_empty_table_with_columns(fresh_db: Store) -> None:
    table = application_table(fresh_db.frames())
    assert table.empty
    assert {"stage", "interviews", "reached"} <= set(table.columns)


def test_counts_come_from_history_not_the_current_stage(fresh_db: Store) -> None:
    _rejected_after_two_interviews(fresh_db)
    row = application_table(fresh_db.frames()).iloc[0]
    assert row["stage"] == "rejected"
    assert row["interviews"] == 2
    assert row["reached"] == "interview"
    assert row["last_event_on"] == date(2026, 10, 12)


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("Acme Ltd.", "ACME"),
        ("The Foxglove Group", "foxglove"),
        ("Harbour & Finch", "harbour finch"),
    ],
)
def test_company_names_match_despite_case_and_legal_suffixes(name: str, other: str) -> None:
    assert company_key(name) == company_key(other)


def test_different_companies_do_not_match() -> None:
    assert company_key("Northwind Logistics") != company_key("Northwind Foods")


def test_an_earlier_rejection_at_the_same_company_is_found_gently(fresh_db: Store) -> None:
    _rejected_after_two_interviews(fresh_db)
    again = fresh_db.add_application(draft(company="harbour & finch ltd"), today=TODAY)
    table = application_table(fresh_db.frames())
    rows = previous_setbacks(table, "Harbour & Finch Ltd", exclude_id=again)
    assert len(rows) == 1
    message = setback_message(rows)
    assert message is not None
    assert "applied to Harbour & Finch before" in message
    assert "new draw" in message


def test_no_setback_message_for_a_new_employer(fresh_db: Store) -> None:
    _rejected_after_two_interviews(fresh_db)
    table = application_table(fresh_db.frames())
    assert setback_message(previous_setbacks(table, "Brand New Ltd")) is None


def test_silent_applications_are_suggested_as_ghosted(fresh_db: Store) -> None:
    quiet = fresh_db.add_application(draft(applied_on=TODAY - timedelta(days=30)), today=TODAY)
    fresh_db.add_application(draft(applied_on=TODAY - timedelta(days=5)), today=TODAY)
    fresh_db.add_application(draft(applied_on=TODAY - timedelta(days=60)), Stage.SAVED, today=TODAY)
    suggested = ghost_candidates(application_table(fresh_db.frames()), 21, TODAY)
    assert suggested["id"].tolist() == [quiet]


def test_up_next_lists_pending_follow_ups_overdue_first(fresh_db: Store) -> None:
    new_id = fresh_db.add_application(draft(), today=TODAY)
    fresh_db.add_follow_up(new_id, FollowUp(FollowUpKind.CONNECT, TODAY + timedelta(days=3)))
    fresh_db.add_follow_up(new_id, FollowUp(FollowUpKind.THANK_YOU, TODAY - timedelta(days=2)))
    fresh_db.add_follow_up(new_id, FollowUp(FollowUpKind.RECONNECT, TODAY + timedelta(days=90)))
    done = FollowUp(FollowUpKind.ASK_FEEDBACK, TODAY, done_on=TODAY)
    fresh_db.add_follow_up(new_id, done, today=TODAY)
    frames = fresh_db.frames()
    items = up_next(frames, application_table(frames), TODAY)
    assert items["what"].tolist() == ["Send a thank-you", "Connect with the hiring manager"]
    assert items["overdue"].tolist() == [True, False]


def test_filters_combine_search_stage_source_and_dates(fresh_db: Store) -> None:
    fresh_db.add_application(draft(company="Lumen Analytics", notes="great team"), today=TODAY)
    fresh_db.add_application(draft(company="Other", applied_on=date(2026, 1, 5)), today=TODAY)
    table = application_table(fresh_db.frames())
    assert filter_table(table, "GREAT")["company"].tolist() == ["Lumen Analytics"]
    assert len(filter_table(table, stages=["applied"])) == 2
    assert filter_table(table, since=date(2026, 6, 1))["company"].tolist() == ["Lumen Analytics"]
    assert filter_table(table, sources=["referral"]).empty


def test_the_board_caps_each_column_and_counts_the_rest(fresh_db: Store) -> None:
    for day in range(5):
        fresh_db.add_application(draft(applied_on=date(2026, 10, 1 + day)), today=TODAY)
    columns = {
        title: (rows, more) for title, rows, more in board(application_table(fresh_db.frames()), 3)
    }
    rows, more = columns["Applied"]
    assert len(rows) == 3
    assert more == 2
    assert rows["applied_on"].tolist()[0] == date(2026, 10, 5)


def test_up_next_leaves_long_overdue_follow_ups_to_their_application(fresh_db: Store) -> None:
    new_id = fresh_db.add_application(draft(), today=TODAY)
    fresh_db.add_follow_up(new_id, FollowUp(FollowUpKind.THANK_YOU, TODAY - timedelta(days=40)))
    frames = fresh_db.frames()
    assert up_next(frames, application_table(frames), TODAY).empty


def test_the_overview_keeps_closed_applications_off_the_board(fresh_db: Store) -> None:
    _rejected_after_two_interviews(fresh_db)
    fresh_db.add_application(draft(company="Still Open"), today=TODAY)
    frames = fresh_db.frames()
    summary = overview(frames, application_table(frames), 21, TODAY)
    on_board = [company for _, rows, _ in summary.board for company in rows["company"]]
    assert on_board == ["Still Open"]
    assert summary.closed["company"].tolist() == ["Harbour & Finch"]
    assert (summary.total, summary.live, summary.interview_rounds) == (2, 1, 2)


def test_reflectable_lists_recent_interviews_and_rejections_only(fresh_db: Store) -> None:
    _rejected_after_two_interviews(fresh_db)
    fresh_db.add_application(draft(company="Nothing Yet"), today=TODAY)
    assert reflectable(application_table(fresh_db.frames())) == {
        1: "Harbour & Finch · HR Coordinator (rejected)"
    }


@pytest.mark.parametrize(
    ("due", "overdue", "expected"),
    [
        (date(2026, 11, 20), True, "was due Fri 20 Nov"),
        (date(2026, 11, 22), False, "due today"),
        (date(2026, 11, 24), False, "due Tue 24 Nov"),
    ],
)
def test_a_follow_up_says_when_it_is_due_in_plain_words(due, overdue, expected):
    assert due_label(due, overdue, date(2026, 11, 22)) == expected


def test_every_board_column_is_its_stages_newest_news_first_ties_in_table_order(
    fresh_db: Store,
) -> None:
    """Sorting once for all columns must give what sorting each column's own rows gives."""
    fresh_db.load(generate(300, today=TODAY), domain.Settings(onboarded=True))
    table = application_table(fresh_db.frames())
    for title, rows, total in board_columns(table, {}, 8):
        stages = dict(BOARD_COLUMNS)[title]
        own = table[table["stage"].isin([stage.value for stage in stages])]
        own = own.sort_values("last_event_on", ascending=False, kind="stable")
        assert rows.index.tolist() == own.head(8).index.tolist(), title
        assert total == len(own)
    closed, total = closed_cards(table, 8)
    own = table[table["stage"].isin([stage.value for stage in domain.CLOSING])]
    own = own.sort_values("last_event_on", ascending=False, kind="stable")
    assert closed.index.tolist() == own.head(8).index.tolist() and total == len(own)


def test_a_board_handed_a_table_already_in_order_draws_the_same_cards(fresh_db: Store) -> None:
    """The UI sorts once per revision; the columns must not change, and nothing re-sorts."""
    fresh_db.load(generate(300, today=TODAY), domain.Settings(onboarded=True))
    table = application_table(fresh_db.frames())
    ordered = most_recent_first(table)
    assert most_recent_first(ordered) is ordered
    assert filter_table(ordered) is ordered
    for (title, rows, total), (_, again, again_total) in zip(
        board_columns(table, {}, 8), board_columns(ordered, {}, 8), strict=True
    ):
        assert rows.index.tolist() == again.index.tolist() and total == again_total, title
    assert closed_cards(table, 8)[0].index.tolist() == closed_cards(ordered, 8)[0].index.tolist()
