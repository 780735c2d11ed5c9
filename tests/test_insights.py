"""The insights numbers: draws by the rules, counts from history, honest flows and rates."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, timedelta

import pandas as pd
import pytest

from bounceback.baseline import track_band
from bounceback.domain import Event, InterviewKind, Source, Stage
from bounceback.insights import (
    CONVERSION_STEPS,
    DRAW_RULES,
    FLOW_LEVELS,
    conversion,
    draws,
    filter_by,
    fit_of,
    flow,
    flow_reading,
    headline,
    in_play,
    outcomes_by,
    report,
    track,
    weekly,
)
from bounceback.pipeline import TABLE_COLUMNS, application_table
from bounceback.reflections import Prompt, Reflection
from bounceback.sample import generate
from bounceback.storage import Store
from tests.conftest import TODAY, draft

APPLIED = date(2026, 10, 1)
ROUND, SCREEN, OFFER = Stage.INTERVIEW, Stage.SCREENING, Stage.OFFER
Step = Stage | tuple[Stage, date]


def add(
    store: Store,
    steps: Sequence[Step] = (),
    applied_on: date = APPLIED,
    start: Stage = Stage.APPLIED,
    **changes: object,
) -> int:
    """One application with the given history; bare stages fall two days apart."""
    new_id = store.add_application(draft(applied_on=applied_on, **changes), start, today=TODAY)
    on = applied_on
    for version, step in enumerate(steps, start=1):
        stage, on = step if isinstance(step, tuple) else (step, on + timedelta(days=2))
        kind = InterviewKind.VIDEO if stage is Stage.INTERVIEW else None
        store.record(new_id, Event(stage, on, kind), version, today=TODAY)
    return new_id


def tables(store: Store) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """The frames and the application table, as the page reads them."""
    frames = store.frames()
    return frames, application_table(frames)


def links(table: pd.DataFrame) -> dict[tuple[str, str], int]:
    """The flow as a dict, for readable comparisons."""
    return {(row.source, row.target): row.value for row in flow(table).itertuples()}


# --- draws -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("history", "offer"),
    [
        pytest.param(
            [ROUND, ROUND, OFFER], True, id="an offer after interviews is a draw with an offer"
        ),
        pytest.param([ROUND, OFFER, Stage.ACCEPTED], True, id="an accepted offer is one draw"),
        pytest.param([ROUND, OFFER, Stage.WITHDRAWN], True, id="a declined offer still counts"),
        pytest.param([ROUND, OFFER, Stage.REJECTED], True, id="an offer taken back still counts"),
        pytest.param([SCREEN, OFFER], True, id="an offer without a recorded interview counts"),
        pytest.param([ROUND, Stage.REJECTED], False, id="a no after one interview is a draw"),
        pytest.param(
            [ROUND, ROUND, Stage.REJECTED], False, id="a no after two interviews is one draw"
        ),
        pytest.param([ROUND, Stage.GHOSTED], False, id="silence after an interview is a no"),
        pytest.param([ROUND, Stage.WITHDRAWN], None, id="stepping out before an offer is no draw"),
        pytest.param([ROUND], None, id="still interviewing is in play not a draw"),
        pytest.param([ROUND, Stage.GHOSTED, ROUND], None, id="a revived process is in play again"),
        pytest.param([SCREEN, Stage.REJECTED], None, id="a no before any interview is no draw"),
        pytest.param([Stage.GHOSTED], None, id="silence after applying is no draw"),
        pytest.param([], None, id="an application still waiting is no draw"),
    ],
)
def test_each_history_counts_as_a_draw_only_by_the_rules(
    fresh_db: Store, history: list[Stage], offer: bool | None
) -> None:
    add(fresh_db, history)
    frames, table = tables(fresh_db)
    result = draws(frames, table, baseline_pool=6)
    if offer is None:
        assert result.empty
    else:
        assert result["offer"].tolist() == [offer]


def test_the_draw_rules_are_spelled_out_for_the_page() -> None:
    for words in ("offer", "turned it down", "Silence", "neither a yes nor a no", "in play"):
        assert words in DRAW_RULES


def test_draws_are_dated_by_the_first_offer_or_the_closing_event(fresh_db: Store) -> None:
    offered = add(fresh_db, [(ROUND, date(2026, 10, 3)), (OFFER, date(2026, 10, 9))])
    fresh_db.record(offered, Event(Stage.ACCEPTED, date(2026, 10, 20)), 3, today=TODAY)
    said_no = add(
        fresh_db, [(ROUND, date(2026, 10, 4)), (Stage.REJECTED, date(2026, 10, 6))], company="B"
    )
    result = draws(*tables(fresh_db), baseline_pool=6)
    assert result["application_id"].tolist() == [said_no, offered]
    assert result["closed_on"].tolist() == [date(2026, 10, 6), date(2026, 10, 9)]


def test_a_known_pool_size_overrides_the_baseline(fresh_db: Store) -> None:
    add(fresh_db, [ROUND, Stage.REJECTED], pool_size=3)
    add(fresh_db, [ROUND, Stage.REJECTED])
    result = draws(*tables(fresh_db), baseline_pool=8)
    assert sorted(result["pool_size"].tolist()) == [3, 8]


def test_in_play_counts_open_interview_processes_only(fresh_db: Store) -> None:
    add(fresh_db, [ROUND])
    add(fresh_db, [ROUND, ROUND])
    add(fresh_db, [ROUND, OFFER])
    add(fresh_db, [ROUND, Stage.REJECTED])
    add(fresh_db, [ROUND, Stage.WITHDRAWN])
    add(fresh_db, [SCREEN])
    assert in_play(tables(fresh_db)[1]) == 2


def test_every_process_that_reached_an_interview_is_a_draw_in_play_or_withdrawn(
    fresh_db: Store,
) -> None:
    fresh_db.load(generate(120, seed=5, today=date.today()))
    frames, table = tables(fresh_db)
    reached = table["reached"].isin(["interview", "offer", "accepted"])
    withdrawn = (table["reached"] == "interview") & (table["stage"] == "withdrawn")
    assert len(draws(frames, table, 6)) + in_play(table) + withdrawn.sum() == reached.sum()


# --- headline and track ------------------------------------------------------------------


def closed(offers: Sequence[bool], pool_size: int = 6) -> pd.DataFrame:
    """Draws as `draws` returns them, one a day."""
    return pd.DataFrame(
        {
            "application_id": range(1, len(offers) + 1),
            "closed_on": [APPLIED + timedelta(days=day) for day in range(len(offers))],
            "pool_size": [pool_size] * len(offers),
            "offer": list(offers),
        }
    )


def test_no_offer_after_five_interviews_reads_as_four_in_ten() -> None:
    top = headline(closed([False] * 5), baseline_pool=6)
    assert (top.interviews, top.offers) == (5, 0)
    assert top.expected == pytest.approx(5 / 6)
    assert top.p_at_least_one == pytest.approx(1 - (5 / 6) ** 5)
    assert top.odds.p_at_most_observed == pytest.approx(0.40, abs=0.005)
    assert top.standing.startswith("4 in 10 candidates")


@pytest.mark.parametrize(
    ("pool", "needed"), [(6, {0.5: 4, 0.8: 9, 0.9: 13}), (1, dict.fromkeys((0.5, 0.8, 0.9), 1))]
)
def test_the_interviews_needed_follow_the_baseline_pool(pool: int, needed: dict) -> None:
    assert headline(closed([]), baseline_pool=pool).needed == needed


def test_the_track_follows_the_users_offers_inside_the_band() -> None:
    offers = [False, True, False, True]
    path = track(closed(offers, pool_size=4))
    band = track_band([4] * 4)
    assert list(path.columns) == ["draws", "offers", "expected", "low", "high", "closed_on"]
    assert path["offers"].tolist() == [0, 0, 1, 1, 2]
    assert path[["low", "high"]].equals(band[["low", "high"]])
    assert path["expected"].tolist() == pytest.approx(band["expected"].tolist())
    assert path["closed_on"].iloc[0] is None
    assert path["closed_on"].iloc[-1] == APPLIED + timedelta(days=3)


# --- flow ----------------------------------------------------------------------------------


def test_the_flow_counts_rounds_from_history_not_the_current_stage(fresh_db: Store) -> None:
    add(fresh_db, [SCREEN, ROUND, ROUND, Stage.REJECTED])
    assert links(tables(fresh_db)[1]) == {
        ("Applied", "Heard back"): 1,
        ("Heard back", "Interview 1"): 1,
        ("Interview 1", "Interview 2"): 1,
        ("Interview 2", "Rejected"): 1,
    }


def test_the_flow_skips_levels_that_were_never_reached(fresh_db: Store) -> None:
    add(fresh_db, [OFFER])
    add(fresh_db, [ROUND, ROUND, ROUND, ROUND, OFFER])
    assert links(tables(fresh_db)[1]) == {
        ("Applied", "Heard back"): 2,
        ("Heard back", "Offer"): 1,
        ("Heard back", "Interview 1"): 1,
        ("Interview 1", "Interview 2"): 1,
        ("Interview 2", "Interview 3+"): 1,
        ("Interview 3+", "Offer"): 1,
    }


def test_each_application_leaves_by_how_it_stands(fresh_db: Store) -> None:
    add(fresh_db, [Stage.GHOSTED])
    add(fresh_db, [Stage.WITHDRAWN])
    add(fresh_db, [])
    add(fresh_db, [Stage.REJECTED])
    add(fresh_db, [SCREEN, Stage.GHOSTED])
    add(fresh_db, [], start=Stage.SAVED)
    assert links(tables(fresh_db)[1]) == {
        ("Applied", "Heard back"): 2,
        ("Applied", "Ghosted"): 1,
        ("Applied", "Withdrawn"): 1,
        ("Applied", "Still waiting"): 1,
        ("Heard back", "Rejected"): 1,
        ("Heard back", "Ghosted"): 1,
    }


@pytest.mark.parametrize(("n", "seed"), [(1, 1), (12, 2), (60, 7), (400, 11)])
def test_the_flow_conserves_applications_at_every_node(fresh_db: Store, n: int, seed: int) -> None:
    fresh_db.load(generate(n, seed=seed, today=date.today()))
    table = tables(fresh_db)[1]
    result = flow(table)
    inflow = result.groupby("target")["value"].sum()
    outflow = result.groupby("source")["value"].sum()
    for node in FLOW_LEVELS[1:-1]:
        assert inflow.get(node, 0) == outflow.get(node, 0), node
    sent = int((table["reached"] != "saved").sum())
    assert outflow.get("Applied", 0) == sent
    assert inflow.sum() - outflow.drop("Applied", errors="ignore").sum() == sent
    assert (result["value"] > 0).all()
    assert not set(result["source"]) & {"Offer", "Rejected", "Ghosted", "Withdrawn"}


# --- conversion ----------------------------------------------------------------------------


def step(table: pd.DataFrame, name: str, min_n: int = 5) -> pd.Series:
    """One step's row of the conversion table."""
    result = conversion(table, min_n)
    return result.set_index("step").loc[name]


def test_a_rate_needs_enough_resolved_applications(fresh_db: Store) -> None:
    for _ in range(3):
        add(fresh_db, [ROUND, Stage.REJECTED])
    add(fresh_db, [ROUND, OFFER])
    table = tables(fresh_db)[1]
    few = step(table, "Interview → offer", min_n=5)
    assert (few["n"], few["moved_on"], bool(few["enough"])) == (4, 1, False)
    assert math.isnan(few["rate"])
    enough = step(table, "Interview → offer", min_n=4)
    assert bool(enough["enough"])
    assert enough["rate"] == pytest.approx(0.25)


def test_applications_still_open_or_withdrawn_at_a_step_are_left_out(fresh_db: Store) -> None:
    add(fresh_db, [])
    add(fresh_db, [Stage.WITHDRAWN])
    add(fresh_db, [Stage.GHOSTED])
    add(fresh_db, [SCREEN])
    add(fresh_db, [Stage.REJECTED])
    first = step(tables(fresh_db)[1], "Applied → heard back")
    assert (first["n"], first["moved_on"]) == (3, 2)


def test_a_second_round_counts_from_history(fresh_db: Store) -> None:
    add(fresh_db, [ROUND, ROUND, Stage.REJECTED])
    add(fresh_db, [ROUND, Stage.REJECTED])
    add(fresh_db, [ROUND, OFFER])
    add(fresh_db, [ROUND])
    rounds = step(tables(fresh_db)[1], "Interview 1 → 2", min_n=1)
    assert (rounds["n"], rounds["moved_on"]) == (3, 2)


# --- weekly --------------------------------------------------------------------------------


def test_live_applications_are_counted_at_each_weeks_end(fresh_db: Store) -> None:
    # Weeks start on Mondays 2, 9 and 16 November; TODAY is Sunday 22 November.
    add(fresh_db, [(Stage.REJECTED, date(2026, 11, 5))], applied_on=date(2026, 11, 3))
    add(fresh_db, [], applied_on=date(2026, 11, 4))
    add(fresh_db, [(Stage.GHOSTED, date(2026, 11, 17))], applied_on=date(2026, 11, 10))
    add(fresh_db, [], applied_on=date(2026, 11, 10), start=Stage.SAVED)
    # Saved in the first week, sent in the second: it counts from the day it was sent.
    add(
        fresh_db,
        [(Stage.APPLIED, date(2026, 11, 11))],
        applied_on=date(2026, 11, 3),
        start=Stage.SAVED,
    )
    # Closed on the last day of a week: no longer live at its end.
    add(fresh_db, [(Stage.REJECTED, TODAY)], applied_on=date(2026, 11, 16))
    frames, table = tables(fresh_db)
    result = weekly(table, frames, TODAY, thin_at=3)
    assert result["week"].tolist() == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]
    assert result["sent"].tolist() == [2, 2, 1]
    assert result["live"].tolist() == [1, 3, 2]
    assert result["thin"].tolist() == [True, False, True]


def test_quiet_weeks_are_shown_as_weeks_with_nothing_sent(fresh_db: Store) -> None:
    add(fresh_db, [], applied_on=date(2026, 10, 28))
    frames, table = tables(fresh_db)
    result = weekly(table, frames, TODAY)
    assert result["sent"].tolist() == [1, 0, 0, 0]
    assert result["live"].tolist() == [1] * 4
    assert result["thin"].all()


# --- groups and filters --------------------------------------------------------------------


def test_outcomes_are_compared_by_source_largest_group_first(fresh_db: Store) -> None:
    add(fresh_db, [ROUND, OFFER], source=Source.REFERRAL)
    add(fresh_db, [Stage.REJECTED], source=Source.JOB_BOARD)
    add(fresh_db, [], source=Source.JOB_BOARD)
    add(fresh_db, [], source=Source.REFERRAL, start=Stage.SAVED)
    add(fresh_db, [SCREEN, ROUND], source=Source.JOB_BOARD)
    result = outcomes_by(tables(fresh_db)[1]).set_index("group")
    assert result.index.tolist() == ["job_board", "referral"]
    counts = ["applications", "heard_back", "interviews", "offers"]
    assert result.loc["job_board", counts].tolist() == [3, 2, 1, 0]
    assert result.loc["job_board", "interview_rate"] == pytest.approx(1 / 3)
    assert result.loc["referral", ["applications", "offers", "offer_rate"]].tolist() == [1, 1, 1.0]


def test_outcomes_can_be_grouped_by_a_numeric_column(fresh_db: Store) -> None:
    for history in ([ROUND, OFFER], [Stage.REJECTED], [ROUND, Stage.REJECTED]):
        add(fresh_db, history)
    table = tables(fresh_db)[1]
    table["fit"] = [4, 2, 4]
    result = outcomes_by(table, "fit")
    assert result["group"].tolist() == [4, 2]
    assert result["offers"].tolist() == [1, 0]


def test_filters_pick_dates_and_sources_and_draws_follow(fresh_db: Store) -> None:
    kept = add(fresh_db, [ROUND, Stage.REJECTED], source=Source.REFERRAL)
    add(fresh_db, [ROUND, OFFER], source=Source.JOB_BOARD)
    add(fresh_db, [ROUND, Stage.REJECTED], applied_on=date(2026, 9, 1), source=Source.REFERRAL)
    frames, table = tables(fresh_db)
    chosen = filter_by(table, since=date(2026, 9, 15), until=None, sources=["referral"])
    assert chosen["id"].tolist() == [kept]
    assert draws(frames, chosen, 6)["application_id"].tolist() == [kept]
    assert len(filter_by(table, None, date(2026, 9, 1), None)) == 1
    assert len(filter_by(table, None, None, None)) == 3


# --- empty and tiny ------------------------------------------------------------------------

EMPTY_CASES: list[tuple[str, Callable[[dict, pd.DataFrame], pd.DataFrame], list[str]]] = [
    ("draws", lambda f, t: draws(f, t, 6), ["application_id", "closed_on", "pool_size", "offer"]),
    ("flow", lambda f, t: flow(t), ["source", "target", "value"]),
    ("weekly", lambda f, t: weekly(t, f, TODAY), ["week", "sent", "live", "thin"]),
    (
        "outcomes",
        lambda f, t: outcomes_by(t),
        [
            "group",
            "applications",
            "heard_back",
            "interviews",
            "offers",
            "heard_back_rate",
            "interview_rate",
            "offer_rate",
        ],
    ),
    ("filter", lambda f, t: filter_by(t, date(2026, 1, 1), TODAY, ["referral"]), TABLE_COLUMNS),
]


@pytest.mark.parametrize(("name", "build", "columns"), EMPTY_CASES, ids=[c[0] for c in EMPTY_CASES])
def test_an_empty_hunt_gives_empty_frames_with_their_columns(
    fresh_db: Store, name: str, build: Callable, columns: list[str]
) -> None:
    result = build(*tables(fresh_db))
    assert result.empty
    assert list(result.columns) == columns


def test_an_empty_hunt_gives_zeros_not_errors(fresh_db: Store) -> None:
    frames, table = tables(fresh_db)
    closed_draws = draws(frames, table, 6)
    top = headline(closed_draws, 6)
    assert (top.interviews, top.offers, top.expected) == (0, 0, 0.0)
    assert "nothing to compare" in top.standing
    assert in_play(table) == 0
    assert track(closed_draws)[["draws", "offers", "low", "high"]].values.tolist() == [[0] * 4]
    rates = conversion(table)
    assert rates["step"].tolist() == list(CONVERSION_STEPS)
    assert rates["n"].sum() == 0
    assert not rates["enough"].any()
    assert rates["rate"].isna().all()


def test_one_interview_is_enough_to_draw_everything(fresh_db: Store) -> None:
    add(fresh_db, [ROUND, Stage.REJECTED])
    frames, table = tables(fresh_db)
    closed_draws = draws(frames, table, 6)
    top = headline(closed_draws, 6)
    assert (top.interviews, top.offers) == (1, 0)
    assert len(track(closed_draws)) == 2
    assert links(table)[("Interview 1", "Rejected")] == 1
    assert conversion(table)["rate"].isna().all()
    assert weekly(table, frames, TODAY)["sent"].sum() == 1
    assert outcomes_by(table)["interviews"].tolist() == [1]


def test_fit_comes_from_the_latest_reflection_that_rated_it(fresh_db) -> None:
    new_id = fresh_db.add_application(draft(), today=TODAY)
    fresh_db.record(
        new_id, Event(Stage.INTERVIEW, date(2026, 10, 5), InterviewKind.VIDEO), 1, TODAY
    )
    for day, fit in ((6, 2), (7, 4), (8, None)):
        note = Reflection(new_id, Prompt.INTERVIEW, date(2026, 10, day), fit=fit)
        fresh_db.save_reflection(note, today=TODAY)
    frames = fresh_db.frames()
    assert fit_of(frames).to_dict() == {new_id: 4}
    found = report(frames, application_table(frames), 6, TODAY)
    assert found.by_fit[["group", "applications", "interviews"]].values.tolist() == [[4, 1, 1]]


def test_no_fit_scores_gives_an_empty_fit_table(fresh_db) -> None:
    fresh_db.add_application(draft(), today=TODAY)
    frames = fresh_db.frames()
    assert report(frames, application_table(frames), 6, TODAY).by_fit.empty


def test_a_long_record_is_thinned_without_changing_its_steps() -> None:
    offers = [index % 7 == 0 for index in range(2_000)]
    full = track(closed(offers), max_points=10_000)
    thin = track(closed(offers), max_points=300)
    assert len(thin) < len(full) / 2
    assert thin["draws"].iloc[-1] == full["draws"].iloc[-1]
    # A step line is exact if every row where a step happens is kept.
    for column in ("offers", "low", "high"):
        changes = full[full[column].diff().fillna(1).ne(0)]
        assert set(changes["draws"]) <= set(thin["draws"])
    kept = full.set_index("draws").loc[thin["draws"]]
    assert (kept["offers"].to_numpy() == thin["offers"].to_numpy()).all()


def _links(*rows: tuple[str, str, int]) -> pd.DataFrame:
    """A flow as `insights.flow` gives it: source, target and how many went that way."""
    return pd.DataFrame(rows, columns=["source", "target", "value"])


@pytest.mark.parametrize(
    ("rows", "sentence"),
    [
        (
            [
                ("Applied", "Heard back", 5),
                ("Applied", "Still waiting", 3),
                ("Heard back", "Interview 1", 2),
                ("Heard back", "Rejected", 3),
                ("Interview 1", "Offer", 1),
                ("Interview 1", "Ghosted", 1),
            ],
            "Of 8 applications, 5 heard back, 2 reached a first interview; 1 became an offer. "
            "3 ended in a no, 1 went quiet and 3 are still waiting.",
        ),
        (
            [("Applied", "Still waiting", 4)],
            "Of 4 applications, none has an answer yet.",
        ),
        (
            [("Applied", "Ghosted", 1), ("Applied", "Still waiting", 2)],
            "Of 3 applications, none has an answer yet. 1 went quiet and 2 are still waiting.",
        ),
        ([], ""),
    ],
)
def test_the_flow_reads_as_one_sentence(rows: list[tuple[str, str, int]], sentence: str) -> None:
    assert flow_reading(_links(*rows)) == sentence
