"""The numbers behind the insights page: draws against the baseline, flow, conversion, weeks.

Everything here is plain pandas on `store.frames()` and `pipeline.application_table`, and
every count comes from history (the events), not from where an application stands today.

What counts as a draw. A draw is one interview process that has closed, so it can be set
against the baseline odds of 1 in k (k candidates interviewed, 6 unless the user knows better):

- An offer is a draw that ended in an offer. That holds when it was accepted, when the user
  later declined it (withdrew after the offer), and when no interview was recorded before it.
  It is dated by its first offer.
- A rejection after at least one interview is a draw without an offer.
- Silence (ghosted) after an interview is a draw without an offer: in practice it is a no.
- Withdrawing after an interview but before any offer is not a draw: the user stepped out
  before the employer decided, so it is neither a yes nor a no.
- A process that reached an interview and is still open is not a draw yet: it is "in play".

Rejections and silence are dated by the event that closed the application.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from bounceback.baseline import (
    OfferOdds,
    Patience,
    interviews_needed,
    offer_odds,
    patience,
    standing_sentence,
    track_band,
)
from bounceback.domain import CLOSING, PROGRESS, Stage
from bounceback.pipeline import filter_table

DRAW_RULES: str = (
    "Each interview process counts as one draw once it has closed:\n"
    "- **An offer** is a draw that ended in an offer, even if you later turned it down, "
    "and even if no interview was recorded before it.\n"
    "- **A no after an interview** is a draw without an offer.\n"
    "- **Silence after an interview** counts as a draw without an offer too: in practice, "
    "it is a no.\n"
    "- **Stepping out** after an interview, before any offer, is not a draw: you left "
    "before the employer decided, so it is neither a yes nor a no.\n"
    "- **Still interviewing?** Then it is not a draw yet: it is in play."
)
# The chances of at least one offer the page shows "interviews needed" for.
NEEDED_TARGETS: tuple[float, ...] = (0.5, 0.8, 0.9)

FLOW_LEVELS: tuple[str, ...] = (
    "Applied",
    "Heard back",
    "Interview 1",
    "Interview 2",
    "Interview 3+",
    "Offer",
)
# Where an application leaves the way forward, by how it stands now.
DROP_OUTS: dict[str, str] = {
    Stage.REJECTED.value: "Rejected",
    Stage.GHOSTED.value: "Ghosted",
    Stage.WITHDRAWN.value: "Withdrawn",
}
STILL_WAITING = "Still waiting"
FLOW_NODES: tuple[str, ...] = (*FLOW_LEVELS, *DROP_OUTS.values(), STILL_WAITING)

CONVERSION_STEPS: tuple[str, ...] = (
    "Applied → heard back",
    "Heard back → interview",
    "Interview 1 → 2",
    "Interview 2 → 3",
    "Interview → offer",
)

_RANK = {stage.value: rank for rank, stage in enumerate(PROGRESS)}
_OFFER_STAGES = [Stage.OFFER.value, Stage.ACCEPTED.value]
_SENT_STAGES = [stage.value for stage in PROGRESS[1:]]
_CLOSED_STAGES = [Stage.ACCEPTED.value, *(stage.value for stage in CLOSING)]
# A no, said or implied by silence; withdrawing is the user's choice, not an answer.
_NO_STAGES = [Stage.REJECTED.value, Stage.GHOSTED.value]

_DRAW_COLUMNS = {
    "application_id": "int64",
    "closed_on": "object",
    "pool_size": "int64",
    "offer": "bool",
}
_WEEKLY_COLUMNS = {"week": "object", "sent": "int64", "live": "int64", "thin": "bool"}
_OUTCOME_COUNTS = ["applications", "heard_back", "interviews", "offers"]


@dataclass(frozen=True)
class Headline:
    """The top of the page: interviews and offers set against the baseline, in numbers and words."""

    interviews: int
    offers: int
    expected: float
    p_at_least_one: float
    standing: str
    odds: OfferOdds
    needed: dict[float, int]


def _empty(columns: dict[str, str]) -> pd.DataFrame:
    """An empty frame with typed columns, so callers never special-case 'no data'."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns.items()})


def _progress(table: pd.DataFrame) -> pd.DataFrame:
    """How far each application got, from its history: the flags every view is built from."""
    rank = table["reached"].map(_RANK).fillna(0).astype(int)
    rounds = pd.to_numeric(table["interviews"]).fillna(0).astype(int)
    return pd.DataFrame(
        {
            "sent": rank >= _RANK[Stage.APPLIED.value],
            # Any answer counts as hearing back, a no included; silence does not.
            "heard": (rank >= _RANK[Stage.SCREENING.value])
            | (table["stage"] == Stage.REJECTED.value),
            "interviewed": rank >= _RANK[Stage.INTERVIEW.value],
            "rounds": rounds,
            "offer": rank >= _RANK[Stage.OFFER.value],
            "said_no": table["stage"].isin(_NO_STAGES),
            "closed": table["stage"].isin(_CLOSED_STAGES),
        },
        index=table.index,
    )


def _earliest(events: pd.DataFrame) -> pd.Series:
    """Each application's earliest event date; as datetimes, pandas does it in C, not Python."""
    stamps = pd.to_datetime(events["occurred_on"])
    return stamps.groupby(events["application_id"]).min().dt.date


def draws(frames: dict[str, pd.DataFrame], table: pd.DataFrame, baseline_pool: int) -> pd.DataFrame:
    """Closed interview processes in closing order, each one draw against the baseline odds."""
    progress = _progress(table)
    counted = progress["offer"] | (progress["interviewed"] & progress["said_no"])
    rows = table[counted]
    if rows.empty:
        return _empty(_DRAW_COLUMNS)
    offer = progress.loc[rows.index, "offer"]
    events = frames["events"]
    offered = events[
        events["stage"].isin(_OFFER_STAGES) & events["application_id"].isin(rows["id"])
    ]
    first_offer = _earliest(offered)
    result = pd.DataFrame(
        {
            "application_id": rows["id"].astype("int64"),
            "closed_on": rows["last_event_on"].where(~offer, rows["id"].map(first_offer)),
            "pool_size": pd.to_numeric(rows["pool_size"]).fillna(baseline_pool).astype("int64"),
            "offer": offer.astype(bool),
        }
    )
    return result.sort_values(["closed_on", "application_id"], kind="stable").reset_index(drop=True)


def in_play(table: pd.DataFrame) -> int:
    """Interview processes still open: not draws yet, but a reason to keep hoping."""
    progress = _progress(table)
    return int((progress["interviewed"] & ~progress["offer"] & ~progress["closed"]).sum())


def patience_of(
    frames: dict[str, pd.DataFrame], table: pd.DataFrame, baseline_pool: int, today: date
) -> Patience:
    """The user's pace from the interviews this page counts as decided, projected forward.

    Pass the whole application table, not a filtered one: the pace is the user's own.
    """
    decided = draws(frames, table, baseline_pool)
    return patience(decided["closed_on"].tolist(), today, baseline_pool)


def headline(draws_df: pd.DataFrame, baseline_pool: int) -> Headline:
    """The user's offers among everyone with the same draws, so a no reads as the usual outcome."""
    odds = offer_odds([int(k) for k in draws_df["pool_size"]], int(draws_df["offer"].sum()))
    return Headline(
        interviews=odds.processes,
        offers=odds.offers,
        expected=odds.expected,
        p_at_least_one=odds.p_at_least_one,
        standing=standing_sentence(odds),
        odds=odds,
        needed={target: interviews_needed(target, baseline_pool) for target in NEEDED_TARGETS},
    )


def track(draws_df: pd.DataFrame, max_points: int = 300) -> pd.DataFrame:
    """The user's offers draw by draw beside where most candidates would be, for "on track?".

    A long record is thinned for drawing: every row where the offers or the band change is
    kept (so the step lines stay exact), plus evenly spaced rows for the expected line.
    """
    path = track_band([int(k) for k in draws_df["pool_size"]])
    offers = np.cumsum(draws_df["offer"].to_numpy(dtype=np.int64))
    path.insert(1, "offers", np.concatenate(([0], offers)).astype(np.int64))
    path["closed_on"] = [None, *draws_df["closed_on"]]
    if len(path) <= max_points:
        return path
    steps = path[["offers", "low", "high"]].diff().fillna(1).ne(0).any(axis=1)
    even = path.index % -(-len(path) // max_points) == 0
    return path[steps | even | (path.index == path.index[-1])].reset_index(drop=True)


def flow(table: pd.DataFrame) -> pd.DataFrame:
    """Sankey links from applying to an offer, so the user sees where applications stop."""
    sent = table[_progress(table)["sent"]]
    if sent.empty:
        return _empty({"source": "object", "target": "object", "value": "int64"})
    progress = _progress(sent)
    levels = pd.DataFrame(
        {
            "Applied": True,
            "Heard back": progress["heard"],
            "Interview 1": progress["rounds"] >= 1,
            "Interview 2": progress["rounds"] >= 2,
            "Interview 3+": progress["rounds"] >= 3,
            "Offer": progress["offer"],
        },
        index=sent.index,
    )
    steps = levels.stack()
    steps = steps[steps].index.to_frame(index=False, name=["row", "source"])
    steps["target"] = steps.groupby("row")["source"].shift(-1)
    # From the last level reached, each application leaves once, by how it stands now.
    last = steps["target"].isna()
    steps.loc[last, "target"] = (
        sent.loc[steps.loc[last, "row"], "stage"].map(DROP_OUTS).fillna(STILL_WAITING).to_numpy()
    )
    steps = steps[steps["source"] != "Offer"]
    links = steps.groupby(["source", "target"]).size().rename("value").reset_index()
    order = {node: position for position, node in enumerate(FLOW_NODES)}
    links = links.sort_values(
        ["source", "target"], key=lambda column: column.map(order), kind="stable"
    )
    return links.astype({"value": "int64"}).reset_index(drop=True)


def node_counts(links_df: pd.DataFrame) -> dict[str, int]:
    """Applications through each node: what came in, or for the first node what went out."""
    into = links_df.groupby("target")["value"].sum()
    out = links_df.groupby("source")["value"].sum()
    return {node: int(max(into.get(node, 0), out.get(node, 0))) for node in FLOW_NODES}


# How the flow's sentence names each node: how far applications got, then where the rest are.
_REACHED = (
    ("Heard back", "heard back"),
    ("Interview 1", "reached a first interview"),
    ("Interview 2", "a second"),
    ("Interview 3+", "a third or later"),
)
_ENDED = (
    ("Rejected", "ended in a no"),
    ("Ghosted", "went quiet"),
    ("Withdrawn", "were withdrawn"),
    (STILL_WAITING, "are still waiting"),
)


def flow_reading(links_df: pd.DataFrame) -> str:
    """The flow chart in one sentence: its numbers stay readable where its labels crowd (a phone).

    Plain text: how far the applications got, then how those not going further stand now.
    """
    counts = node_counts(links_df)
    if not counts["Applied"]:
        return ""
    reached = [f"{counts[node]} {words}" for node, words in _REACHED if counts[node]]
    ended = [f"{counts[node]} {words}" for node, words in _ENDED if counts[node]]
    sentence = f"Of {counts['Applied']} applications, "
    sentence += ", ".join(reached) if reached else "none has an answer yet"
    offers = counts["Offer"]
    sentence += f"; {offers} became {'an offer' if offers == 1 else 'offers'}." if offers else "."
    # All still waiting is what "none has an answer yet" said already.
    if ended and (reached or counts[STILL_WAITING] < counts["Applied"]):
        sentence += " " + (", ".join(ended[:-1]) + " and " if len(ended) > 1 else "") + ended[-1]
        sentence += "."
    return sentence


def conversion(table: pd.DataFrame, min_n: int = 5) -> pd.DataFrame:
    """How often each step led further, among those it resolved; no rate on too few to tell.

    Moving on means getting further: an offer straight after a round counts as moving past it.
    Applications still waiting at a step, and ones the user withdrew, are left out of its n.
    """
    progress = _progress(table)
    further = progress["offer"]
    steps = (
        (progress["sent"], progress["heard"]),
        (progress["heard"], progress["interviewed"]),
        (progress["rounds"] >= 1, (progress["rounds"] >= 2) | further),
        (progress["rounds"] >= 2, (progress["rounds"] >= 3) | further),
        (progress["interviewed"], further),
    )
    n = [int((cohort & (moved | progress["said_no"])).sum()) for cohort, moved in steps]
    moved_on = [int((cohort & moved).sum()) for cohort, moved in steps]
    result = pd.DataFrame(
        {
            "step": list(CONVERSION_STEPS),
            "n": pd.Series(n, dtype="int64"),
            "moved_on": pd.Series(moved_on, dtype="int64"),
        }
    )
    result["enough"] = result["n"] >= min_n
    result["rate"] = (result["moved_on"] / result["n"].where(result["enough"])).astype(float)
    return result[["step", "n", "moved_on", "rate", "enough"]]


def _monday(days: pd.Series) -> pd.Series:
    """The Monday starting each day's week, as dates."""
    stamps = pd.to_datetime(days)
    return (stamps - pd.to_timedelta(stamps.dt.day_of_week, unit="D")).dt.date


def weekly(
    table: pd.DataFrame, frames: dict[str, pd.DataFrame], today: date, thin_at: int = 5
) -> pd.DataFrame:
    """Applications sent each week and how many were live at its end, to spot a thin pipeline."""
    if table.empty:
        return _empty(_WEEKLY_COLUMNS)
    events = frames["events"]
    sent_events = events[
        events["stage"].isin(_SENT_STAGES) & events["application_id"].isin(table["id"])
    ]
    # Sent the day it left "saved": for most applications, their first event.
    sent_on = _earliest(sent_events)
    closed = table[table["stage"].isin(_CLOSED_STAGES) & table["id"].isin(sent_on.index)]
    start = table["applied_on"].min()
    first = start - timedelta(days=start.weekday())
    last = today - timedelta(days=today.weekday())
    weeks = [first + timedelta(weeks=k) for k in range(max(0, (last - first).days // 7 + 1))]
    opened = _monday(sent_on.reset_index(drop=True)).value_counts()
    shut = _monday(closed["last_event_on"].reset_index(drop=True)).value_counts()
    sent = opened.reindex(weeks, fill_value=0).to_numpy(dtype=np.int64)
    live = sent.cumsum() - shut.reindex(weeks, fill_value=0).to_numpy(dtype=np.int64).cumsum()
    return pd.DataFrame(
        {
            "week": pd.Series(weeks, dtype="object"),
            "sent": sent,
            "live": live,
            "thin": live < thin_at,
        }
    )


def outcomes_by(table: pd.DataFrame, column: str = "source") -> pd.DataFrame:
    """How far applications got per group (source, fit), to show which kinds tend to work."""
    progress = _progress(table)
    sent = progress["sent"]
    counts = pd.DataFrame(
        {
            "group": table.loc[sent, column],
            "applications": 1,
            "heard_back": progress.loc[sent, "heard"].astype("int64"),
            "interviews": progress.loc[sent, "interviewed"].astype("int64"),
            "offers": progress.loc[sent, "offer"].astype("int64"),
        }
    )
    result = counts.groupby("group", sort=False)[_OUTCOME_COUNTS].sum().reset_index()
    result = result.astype(dict.fromkeys(_OUTCOME_COUNTS, "int64"))
    for count, rate in (
        ("heard_back", "heard_back_rate"),
        ("interviews", "interview_rate"),
        ("offers", "offer_rate"),
    ):
        result[rate] = (result[count] / result["applications"]).astype(float)
    result = result.sort_values(["applications", "group"], ascending=[False, True])
    return result.reset_index(drop=True)


def filter_by(
    table: pd.DataFrame, since: date | None, until: date | None, sources: list[str] | None
) -> pd.DataFrame:
    """The applications inside the page's date range and sources; no sources chosen means all."""
    return filter_table(table, sources=sources, since=since, until=until)


def fit_of(frames: dict[str, pd.DataFrame]) -> pd.Series:
    """Each application's fit score (1 to 5) from its latest reflection that rated it."""
    notes = frames.get("reflections")
    if notes is None or notes.empty:
        return pd.Series(dtype="float64")
    rated = notes[notes["fit"].notna()].sort_values(["written_on", "id"], kind="stable")
    return rated.groupby("application_id")["fit"].last()


def _by_fit(frames: dict[str, pd.DataFrame], table: pd.DataFrame) -> pd.DataFrame:
    """Outcomes grouped by how well the job fitted what the user values, lowest fit first."""
    fits = table["id"].map(fit_of(frames))
    rated = table[fits.notna()].assign(fit=fits[fits.notna()].astype(int))
    if rated.empty:
        return outcomes_by(rated.assign(fit=pd.Series(dtype="int64")), "fit")
    return outcomes_by(rated, "fit").sort_values("group", kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class Report:
    """Every aggregate the insights page shows, small enough to cache per revision and filter."""

    applications: int
    headline: Headline
    in_play: int
    track: pd.DataFrame
    flow: pd.DataFrame
    conversion: pd.DataFrame
    weekly: pd.DataFrame
    by_source: pd.DataFrame
    by_fit: pd.DataFrame


def report(
    frames: dict[str, pd.DataFrame],
    table: pd.DataFrame,
    baseline_pool: int,
    today: date,
    since: date | None = None,
    until: date | None = None,
    sources: list[str] | None = None,
    thin_at: int = 5,
) -> Report:
    """The whole insights page for one filter choice, computed in one place."""
    chosen = filter_by(table, since, until, sources)
    drawn = draws(frames, chosen, baseline_pool)
    return Report(
        applications=len(chosen),
        headline=headline(drawn, baseline_pool),
        in_play=in_play(chosen),
        track=track(drawn),
        flow=flow(chosen),
        conversion=conversion(chosen),
        weekly=weekly(chosen, frames, today, thin_at),
        by_source=outcomes_by(chosen, "source"),
        by_fit=_by_fit(frames, chosen),
    )
