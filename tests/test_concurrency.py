"""Ten sessions writing at once, on SQLite and PostgreSQL: no raw errors, nothing lost."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Protocol

import pytest
import sqlalchemy as sa

from bounceback.domain import (
    ChangedElsewhere,
    Event,
    FollowUp,
    FollowUpKind,
    InterviewKind,
    InvalidInput,
    Stage,
)
from bounceback.lessons import MAX_PINNED
from bounceback.reflections import LessonDraft, LessonKind, Prompt, Reflection
from bounceback.storage import (
    OWNER_LOCK,
    SCHEMA_VERSION,
    Busy,
    Store,
    applications,
    events,
    follow_ups,
    lessons,
    make_engine,
    metadata,
    schema_version,
    upgrade,
)
from tests.conftest import TODAY, _postgres_url, draft

WORKERS = 10
ROUNDS = 50
# Every worker edits these applications, so their saves keep colliding.
HOT = 3
# Shared lesson wording: each must stay one lesson, however many reflections mention it.
LESSONS = ("Prepare two stories about conflict", "Ask what success looks like in a year")
# More lessons than may be pinned, so the workers' pins keep running into the limit.
PIN_CANDIDATES = tuple(f"Pin candidate {n}" for n in range(2 * MAX_PINNED))


class Waiter(Protocol):
    """A barrier from threading or multiprocessing: everyone starts writing together."""

    def wait(self, timeout: float | None = None) -> int: ...


@dataclass(frozen=True)
class Plan:
    """What the workers share: the hot applications and one reflection they all edit."""

    url: str
    hot: tuple[int, ...]
    reflection: int
    pins: tuple[int, ...]


@dataclass
class Outcome:
    """What one worker was told: every save that returned, every refusal, every error."""

    added: dict[int, str] = field(default_factory=dict)
    # (application id, version it was read at, notes written or None for a stage move)
    claims: list[tuple[int, int, str | None]] = field(default_factory=list)
    conflicts: list[tuple[int, int]] = field(default_factory=list)
    follow_ups: list[int] = field(default_factory=list)
    reflections: list[int] = field(default_factory=list)
    # (version the shared reflection was read at, what went well was set to)
    reflection_claims: list[tuple[int, str]] = field(default_factory=list)
    reflection_conflicts: list[int] = field(default_factory=list)
    # Pins and unpins that were saved (a pin past the limit is refused, and not counted).
    pin_changes: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def saves(self) -> int:
        """How many writes this worker was told succeeded."""
        return (
            len(self.added)
            + len(self.claims)
            + len(self.follow_ups)
            + len(self.reflections)
            + len(self.reflection_claims)
            + self.pin_changes
        )


def _edit_application(store: Store, application_id: int, tag: str, out: Outcome) -> None:
    """Read an application, then save new notes naming the version read, as a form does."""
    current = store.get(application_id)
    try:
        store.update(application_id, replace(current.draft, notes=tag), current.version, TODAY)
    except ChangedElsewhere:
        out.conflicts.append((application_id, current.version))
    else:
        out.claims.append((application_id, current.version, tag))


def _move_on(store: Store, application_id: int, out: Outcome) -> None:
    """Record one more interview round on an application read just before."""
    current = store.get(application_id)
    event = Event(Stage.INTERVIEW, current.events[-1].on, InterviewKind.VIDEO)
    try:
        store.record(application_id, event, current.version, TODAY)
    except ChangedElsewhere:
        out.conflicts.append((application_id, current.version))
    else:
        out.claims.append((application_id, current.version, None))


def _reflect(store: Store, plan: Plan, worker: int, turn: int, out: Outcome) -> None:
    """Write a new reflection, or edit the shared one from the version read."""
    lesson = LessonDraft(LessonKind.DO, LESSONS[turn % len(LESSONS)])
    if turn % 2:
        # Feedback asked for and not heard: each save makes sure one chase is waiting.
        note = Reflection(
            plan.hot[turn % HOT],
            Prompt.INTERVIEW,
            TODAY,
            lessons=(lesson,),
            feedback_asked_on=TODAY,
        )
        out.reflections.append(store.save_reflection(note, TODAY))
        return
    shared = next(r for r in store.reflections() if r.id == plan.reflection)
    tag = f"worker {worker} turn {turn}"
    try:
        store.save_reflection(replace(shared, went_well=tag, lessons=(lesson,)), TODAY)
    except ChangedElsewhere:
        out.reflection_conflicts.append(shared.version)
    else:
        out.reflection_claims.append((shared.version, tag))


def _pin(store: Store, plan: Plan, worker: int, turn: int, out: Outcome) -> None:
    """Pin a lesson (most workers) or unpin one (the rest), as the Lessons page does."""
    lesson_id = plan.pins[(worker + turn) % len(plan.pins)]
    try:
        store.update_lesson(lesson_id, pinned=worker % 3 != 0)
    except InvalidInput:
        return  # five are pinned already
    else:
        out.pin_changes += 1


def work(store: Store, plan: Plan, worker: int, start: Waiter) -> Outcome:
    """One session's burst of adds and edits; anything but 'changed elsewhere' is an error."""
    out = Outcome()
    start.wait(timeout=120)
    for turn in range(ROUNDS):
        tag = f"worker {worker} turn {turn}"
        hot = plan.hot[(worker * 7 + turn) % HOT]
        own = next(reversed(out.added), hot)
        try:
            match (worker + turn) % 7:
                case 0:
                    company = f"Worker {worker} Ltd {turn}"
                    out.added[store.add_application(draft(company=company), today=TODAY)] = company
                case 1:
                    _edit_application(store, hot, tag, out)
                case 2:
                    _move_on(store, hot, out)
                case 3:
                    due = TODAY + timedelta(days=turn)
                    item = FollowUp(FollowUpKind.THANK_YOU, due, note=tag)
                    out.follow_ups.append(store.add_follow_up(hot, item, TODAY))
                case 4:
                    _reflect(store, plan, worker, turn, out)
                case 5:
                    _pin(store, plan, worker, turn, out)
                case _:
                    _edit_application(store, own, tag, out)
        except Exception as error:  # every other failure is what this test looks for
            out.errors.append(f"worker {worker} turn {turn}: {type(error).__name__}: {error}")
    return out


def _run_in_process(plan: Plan, worker: int, start: Waiter, results: multiprocessing.Queue) -> None:
    """A command-line run: its own process, its own engine."""
    results.put(work(Store.open(plan.url), plan, worker, start))


def sessions_sharing_one_store(plan: Plan) -> list[Outcome]:
    """Streamlit sessions: threads of one server, sharing its one cached store."""
    store = Store.open(plan.url)
    start = threading.Barrier(WORKERS)
    with ThreadPoolExecutor(WORKERS) as pool:
        running = [pool.submit(work, store, plan, n, start) for n in range(WORKERS)]
        return [outcome.result() for outcome in running]


def threads_with_their_own_stores(plan: Plan) -> list[Outcome]:
    """Threads that each opened the database themselves: separate connection pools."""
    start = threading.Barrier(WORKERS)
    with ThreadPoolExecutor(WORKERS) as pool:
        running = [
            pool.submit(lambda n: work(Store.open(plan.url), plan, n, start), n)
            for n in range(WORKERS)
        ]
        return [outcome.result() for outcome in running]


def separate_processes(plan: Plan) -> list[Outcome]:
    """Command-line runs beside the server: separate processes on the same file."""
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(WORKERS)
    results = context.Queue()
    workers = [
        context.Process(target=_run_in_process, args=(plan, n, start, results))
        for n in range(WORKERS)
    ]
    for process in workers:
        process.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for process in workers:
        process.join(timeout=60)
    return outcomes


def _prepare(url: str) -> tuple[Store, Plan]:
    """A database with the hot applications, the shared reflection and lessons to pin."""
    store = Store.open(url)
    hot = tuple(
        store.add_application(draft(company=f"Hot Company {n}"), today=TODAY) for n in range(HOT)
    )
    note = Reflection(hot[0], Prompt.INTERVIEW, TODAY, went_well="first draft")
    shared = store.save_reflection(note, TODAY)
    drawn = tuple(LessonDraft(LessonKind.DO, text) for text in PIN_CANDIDATES)
    store.save_reflection(Reflection(hot[1], Prompt.INTERVIEW, TODAY, lessons=drawn), TODAY)
    with store.engine.connect() as connection:
        pins = connection.execute(
            sa.select(lessons.c.id).where(lessons.c.text.in_(PIN_CANDIDATES))
        ).scalars()
        return store, Plan(url, hot, shared, tuple(pins))


def _assert_a_chain(claims: list[int], final_version: int, what: str) -> None:
    """Saves moved the version on one by one: two from one version would be a lost update."""
    assert sorted(claims) == list(range(1, final_version)), f"{what}: versions {sorted(claims)}"


@pytest.mark.parametrize(
    "run", [sessions_sharing_one_store, threads_with_their_own_stores, separate_processes]
)
def test_simultaneous_saves_are_all_kept_or_refused_as_changed_elsewhere(
    blank_url: str, run: Callable[[Plan], list[Outcome]]
) -> None:
    store, plan = _prepare(blank_url)
    revision_before = store.revision()

    outcomes = run(plan)

    errors = [error for outcome in outcomes for error in outcome.errors]
    assert not errors, f"{len(errors)} saves failed, first ones:\n" + "\n".join(errors[:5])
    conflicts = sum(len(o.conflicts) + len(o.reflection_conflicts) for o in outcomes)
    assert conflicts, "the workers never collided, so this run proved nothing"

    with store.engine.connect() as connection:
        rows = {row.id: row for row in connection.execute(sa.select(applications))}
        rounds = Counter(
            connection.execute(
                sa.select(events.c.application_id).where(events.c.stage == Stage.INTERVIEW.value)
            ).scalars()
        )
        lesson_texts = Counter(connection.execute(sa.select(lessons.c.text)).scalars())
        pinned = connection.execute(
            sa.select(sa.func.count()).where(lessons.c.pinned == sa.true())
        ).scalar_one()
        chases = Counter(
            connection.execute(
                sa.select(follow_ups.c.application_id).where(
                    follow_ups.c.kind == FollowUpKind.ASK_FEEDBACK.value,
                    follow_ups.c.done_on.is_(None),
                )
            ).scalars()
        )
    for outcome in outcomes:
        for application_id, company in outcome.added.items():
            assert rows[application_id].company == company

    claims = [claim for outcome in outcomes for claim in outcome.claims]
    for application_id, row in rows.items():
        mine = [claim for claim in claims if claim[0] == application_id]
        _assert_a_chain([version for _, version, _ in mine], row.version, row.company)
        moves = [claim for claim in mine if claim[2] is None]
        assert rounds[application_id] == len(moves), f"{row.company}: interview rounds lost"
        edits = [claim for claim in mine if claim[2] is not None]
        if edits:
            assert row.notes == max(edits)[2], f"{row.company}: the last saved notes were lost"
    refused = [conflict for outcome in outcomes for conflict in outcome.conflicts]
    for application_id, version in refused:
        assert version < rows[application_id].version, "a save was refused for no reason"

    to_do = {item.id for hot in plan.hot for item in store.get(hot).follow_ups}
    assert {n for o in outcomes for n in o.follow_ups} <= to_do
    notes = {note.id: note for note in store.reflections()}
    assert {n for o in outcomes for n in o.reflections} <= notes.keys()
    edits = [claim for outcome in outcomes for claim in outcome.reflection_claims]
    shared = notes[plan.reflection]
    _assert_a_chain([version for version, _ in edits], shared.version, "the shared reflection")
    assert shared.went_well == (max(edits)[1] if edits else "first draft")
    refused = [version for outcome in outcomes for version in outcome.reflection_conflicts]
    assert all(version < shared.version for version in refused), "refused for no reason"
    assert all(count == 1 for count in lesson_texts.values()), f"duplicated: {lesson_texts}"
    assert pinned <= MAX_PINNED, f"{pinned} lessons pinned"
    chased = {plan.hot[turn % HOT] for turn in range(1, ROUNDS, 2)}
    assert chases == dict.fromkeys(chased, 1), f"'ask for feedback' follow-ups: {chases}"

    assert store.revision() == revision_before + sum(o.saves for o in outcomes)
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").all() == [("ok",)]


def test_a_new_owners_first_saves_at_once_are_all_kept(blank_url: str) -> None:
    Store.open(blank_url)
    start = threading.Barrier(WORKERS)

    def first_save(worker: int) -> int:
        store = Store.open(blank_url, owner="newcomer")
        start.wait(timeout=120)
        return store.add_application(draft(company=f"First {worker}"), today=TODAY)

    with ThreadPoolExecutor(WORKERS) as pool:
        saved = list(pool.map(first_save, range(WORKERS)))

    newcomer = Store.open(blank_url, owner="newcomer")
    assert sorted(a.id for a in newcomer.all()) == sorted(saved)
    assert newcomer.revision() == WORKERS


def test_ten_sessions_opening_a_new_database_at_once_all_find_it_ready(blank_url: str) -> None:
    url = blank_url
    start = threading.Barrier(WORKERS)

    def open_together(worker: int) -> Store:
        start.wait(timeout=120)
        return Store.open(url)

    with ThreadPoolExecutor(WORKERS) as pool:
        stores = list(pool.map(open_together, range(WORKERS)))

    assert all(store.is_empty() for store in stores)
    with stores[0].engine.connect() as connection:
        assert schema_version(connection) == SCHEMA_VERSION


def _impatient_store(url: str) -> Store:
    """A store that waits only 50 ms for the write lock, so a refusal is quick to show."""
    engine = make_engine(url)
    sa.event.listen(
        engine, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA busy_timeout=50")
    )
    upgrade(engine)
    return Store(engine)


def test_a_save_kept_waiting_too_long_says_busy_and_saves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bounceback.db"
    store = _impatient_store(f"sqlite:///{path}")
    with closing(sqlite3.connect(path, isolation_level=None)) as other_writer:
        other_writer.execute("BEGIN IMMEDIATE")
        with pytest.raises(Busy, match=r"Nothing was saved; please try again\.$"):
            store.add_application(draft(company="Held Up Ltd"), today=TODAY)
        other_writer.execute("ROLLBACK")
    assert store.is_empty()
    assert store.revision() == 0

    store.add_application(draft(company="Held Up Ltd"), today=TODAY)
    assert [application.draft.company for application in store.all()] == ["Held Up Ltd"]


def _everyone_at_once(url: str, owner: str, rounds: int) -> tuple[list[int], list[int]]:
    """Ten sessions save the same new lesson and pin one lesson each, all at the same moment."""
    store = Store.open(url, owner=owner)
    application = store.add_application(draft(company="Burst Ltd"), today=TODAY)
    drawn = tuple(LessonDraft(LessonKind.DO, text) for text in PIN_CANDIDATES)
    store.save_reflection(Reflection(application, Prompt.INTERVIEW, TODAY, lessons=drawn), TODAY)
    with store.engine.connect() as connection:
        candidates = connection.execute(
            sa.select(lessons.c.id)
            .where(lessons.c.owner_id == owner, lessons.c.text.in_(PIN_CANDIDATES))
            .order_by(lessons.c.id)
        ).scalars()
        pins = list(candidates)
    start = threading.Barrier(WORKERS)
    asked = Reflection(application, Prompt.REJECTION, TODAY, feedback_asked_on=TODAY)

    def burst(worker: int) -> tuple[int, int]:
        mine = Store.open(url, owner=owner)
        refused = 0
        for turn in range(rounds):
            lesson = LessonDraft(LessonKind.DONT, f"Mistake number {turn}")
            start.wait(timeout=120)
            mine.save_reflection(replace(asked, lessons=(lesson,)), TODAY)
            start.wait(timeout=120)
            try:
                mine.update_lesson(pins[worker], pinned=turn % 2 == 0)
            except InvalidInput:
                refused += 1
        return worker, refused

    with ThreadPoolExecutor(WORKERS) as pool:
        refusals = [refused for _, refused in pool.map(burst, range(WORKERS))]
    return pins, refusals


def test_rules_hold_when_ten_sessions_save_at_the_same_moment(blank_url: str) -> None:
    rounds = 4
    _pins, refusals = _everyone_at_once(blank_url, "bursty", rounds)

    store = Store.open(blank_url, owner="bursty")
    with store.engine.connect() as connection:
        texts = Counter(
            connection.execute(
                sa.select(lessons.c.text).where(lessons.c.owner_id == "bursty")
            ).scalars()
        )
        pinned = connection.execute(
            sa.select(sa.func.count()).where(
                lessons.c.owner_id == "bursty", lessons.c.pinned == sa.true()
            )
        ).scalar_one()
    assert {text: n for text, n in texts.items() if n > 1} == {}, "a lesson was duplicated"
    assert {f"Mistake number {turn}" for turn in range(rounds)} <= texts.keys()
    # Even rounds pin one lesson each: five are kept, five refused; odd rounds unpin them all.
    assert sum(refusals) == (WORKERS - MAX_PINNED) * ((rounds + 1) // 2)
    assert pinned == 0
    chases = [
        item
        for item in store.all()[0].follow_ups
        if item.kind is FollowUpKind.ASK_FEEDBACK and item.done_on is None
    ]
    assert len(chases) == 1, f"{len(chases)} 'ask for feedback' follow-ups"


def test_a_save_kept_waiting_too_long_on_postgresql_says_busy_and_saves_nothing() -> None:
    url = _postgres_url()
    engine = make_engine(url)
    metadata.drop_all(engine)
    store = Store.open(url)
    store.lock_wait_ms = 50
    with engine.connect() as other_writer:
        # Another session in the middle of this owner's save; it lets go after a while anyway.
        held = other_writer.begin()
        other_writer.execute(
            sa.text("SELECT pg_advisory_xact_lock(:space, hashtext(:owner))"),
            {"space": OWNER_LOCK, "owner": store.owner},
        )
        give_up = threading.Timer(5, held.rollback)
        give_up.start()
        try:
            with pytest.raises(Busy, match=r"Nothing was saved; please try again\.$"):
                store.add_application(draft(company="Held Up Ltd"), today=TODAY)
        finally:
            give_up.cancel()
            give_up.join()
            if held.is_active:
                held.rollback()
    assert store.is_empty()
    assert store.revision() == 0

    store.add_application(draft(company="Held Up Ltd"), today=TODAY)
    assert [application.draft.company for application in store.all()] == ["Held Up Ltd"]
    engine.dispose()
    store.engine.dispose()
