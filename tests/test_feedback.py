"""Feedback themes across rejections: sources, corrections, counts, patterns, gaps."""

from datetime import date

import pandas as pd
import pytest

from bounceback import feedback
from bounceback.domain import Event, FollowUp, FollowUpKind, InterviewKind, Stage
from bounceback.pipeline import application_table
from bounceback.presenter import HIDDEN, Aliases
from bounceback.reflections import Prompt, Reflection, TripUp
from bounceback.storage import Store
from bounceback.themes import load_lexicon
from tests.conftest import TODAY, draft

NERVES = "You came across as very nervous throughout."
VAGUE = "We have decided not to progress your application."


def _rejected(store: Store, note: str = "", rounds: int = 1, company: str = "Acme") -> int:
    new_id = store.add_application(draft(company=company, applied_on=date(2026, 9, 1)), today=TODAY)
    version = 1
    for day in range(rounds):
        event = Event(Stage.INTERVIEW, date(2026, 9, 5 + day), InterviewKind.VIDEO)
        store.record(new_id, event, version, TODAY)
        version += 1
    store.record(new_id, Event(Stage.REJECTED, date(2026, 9, 20), note=note), version, TODAY)
    return new_id


def _themed(store: Store) -> object:
    frames = store.frames()
    table = application_table(frames)
    return feedback.classified(feedback.snippets(frames, table), None, store.theme_corrections())


def test_no_feedback_anywhere_gives_no_snippets(fresh_db: Store) -> None:
    _rejected(fresh_db)
    frames = fresh_db.frames()
    assert feedback.snippets(frames, application_table(frames)).empty


def test_employer_words_and_own_notes_are_kept_apart(fresh_db: Store) -> None:
    new_id = _rejected(fresh_db, note=NERVES)
    fresh_db.save_reflection(
        Reflection(
            application_id=new_id,
            prompt=Prompt.REJECTION,
            written_on=date(2026, 9, 21),
            feedback=NERVES,
            went_wrong="I rambled and never got to the point.",
            trip_ups=(TripUp.NO_QUESTIONS,),
        ),
        today=TODAY,
    )
    themed = _themed(fresh_db)
    assert themed["source"].tolist().count(feedback.EMPLOYER) == 1, "the same words count once"
    own = themed[themed["source"] == feedback.OWN].iloc[0]
    assert "preparation" in own["themes"], "a quick pick names its theme directly"
    employer = themed[themed["source"] == feedback.EMPLOYER].iloc[0]
    assert employer["themes"] == ["confidence"]
    assert employer["stage_group"] == "After one interview"


def test_quick_picks_alone_make_an_own_note(fresh_db: Store) -> None:
    new_id = _rejected(fresh_db)
    fresh_db.save_reflection(
        Reflection(
            application_id=new_id,
            prompt=Prompt.REJECTION,
            written_on=date(2026, 9, 21),
            trip_ups=(TripUp.LATE, TripUp.NERVES),
        ),
        today=TODAY,
    )
    (row,) = _themed(fresh_db).itertuples()
    assert row.text == "I was late; Nerves got the better of me"
    assert row.themes[:2] == ["first_impression", "confidence"]


def test_corrections_win_over_the_classifier(fresh_db: Store) -> None:
    _rejected(fresh_db, note=NERVES)
    key = feedback.snippet_key(feedback.EMPLOYER, NERVES)
    fresh_db.correct_themes(key, ["confidence"], ["strong_field"])
    (row,) = _themed(fresh_db).itertuples()
    assert row.themes == ["strong_field"]
    assert row.corrected


def test_a_correction_to_a_theme_the_lexicon_no_longer_has_is_left_out(fresh_db: Store) -> None:
    _rejected(fresh_db, note=NERVES)
    key = feedback.snippet_key(feedback.EMPLOYER, NERVES)
    fresh_db.correct_themes(key, ["confidence"], ["confidence", "advisors_old_theme"])
    frames = fresh_db.frames()
    found = feedback.snippets(frames, application_table(frames))
    themed = feedback.classified(found, load_lexicon(), fresh_db.theme_corrections())
    assert themed["themes"].tolist() == [["confidence"]]


def test_adding_a_theme_to_a_vague_text_drops_no_detail(fresh_db: Store) -> None:
    _rejected(fresh_db, note=VAGUE)
    key = feedback.snippet_key(feedback.EMPLOYER, VAGUE)
    assert _themed(fresh_db)["themes"].tolist() == [["no_detail"]]
    fresh_db.correct_themes(key, ["no_detail"], ["no_detail", "circumstances"])
    assert _themed(fresh_db)["themes"].tolist() == [["circumstances"]]


@pytest.mark.parametrize(
    ("source", "text"),
    [("employer", "Too  NERVOUS."), ("employer", "too nervous.")],
)
def test_snippet_keys_ignore_case_and_spacing(source: str, text: str) -> None:
    assert feedback.snippet_key(source, text) == feedback.snippet_key("employer", "too nervous.")


def test_counts_trend_and_stage_groups(fresh_db: Store) -> None:
    _rejected(fresh_db, note=NERVES, rounds=1, company="A")
    _rejected(fresh_db, note=NERVES, rounds=2, company="B")
    _rejected(fresh_db, note=VAGUE, rounds=0, company="C")
    themed = _themed(fresh_db)
    tally = feedback.counts(themed)
    assert tally.iloc[0].to_dict() == {"theme": "confidence", "source": "employer", "count": 2}
    assert feedback.top_themes(tally, skip=("no_detail",)) == ["confidence"]
    stages = feedback.by_stage(themed, ["confidence"])
    assert sorted(stages["stage_group"]) == ["After one interview", "After two or more"]
    months = feedback.trend(themed, ["confidence"])
    assert months["count"].tolist() == [2]


def test_noes_without_a_usable_reason_are_found_and_chases_noticed(fresh_db: Store) -> None:
    with_reason = _rejected(fresh_db, note=NERVES, company="Told")
    vague = _rejected(fresh_db, note=VAGUE, company="Vague")
    silent = _rejected(fresh_db, company="Silent")
    _rejected(fresh_db, rounds=0, company="Early")  # no interview: not counted
    fresh_db.add_follow_up(silent, FollowUp(FollowUpKind.ASK_FEEDBACK, TODAY))
    frames = fresh_db.frames()
    table = application_table(frames)
    missing = feedback.without_reason(frames, table, _themed(fresh_db))
    assert sorted(missing["application_id"]) == sorted([vague, silent])
    assert with_reason not in missing["application_id"].tolist()
    assert dict(zip(missing["application_id"], missing["chased"], strict=True)) == {
        vague: False,
        silent: True,
    }


def test_the_summary_for_one_source_keeps_totals_for_both(fresh_db: Store) -> None:
    new_id = _rejected(fresh_db, note=NERVES)
    fresh_db.save_reflection(
        Reflection(
            application_id=new_id,
            prompt=Prompt.REJECTION,
            written_on=date(2026, 9, 21),
            went_wrong="I rambled and never got to the point.",
        ),
        today=TODAY,
    )
    frames = fresh_db.frames()
    table = application_table(frames)
    themed = _themed(fresh_db)
    mine = feedback.summary(themed, frames, table, feedback.OWN)
    assert (mine.employer_total, mine.own_total) == (1, 1)
    assert mine.top == ["answer_quality"]
    assert mine.examples["answer_quality"]["source"].tolist() == [feedback.OWN]
    everything = feedback.summary(themed, frames, table)
    assert set(everything.top) == {"confidence", "answer_quality"}


def test_a_month_with_none_of_the_themes_shows_as_zero_in_the_trend() -> None:
    themed = pd.DataFrame(
        {
            "themes": [["confidence"], ["confidence"]],
            "on": [date(2026, 7, 3), date(2026, 9, 9)],
        }
    )
    found = feedback.trend(themed, ["confidence"])
    assert found["count"].tolist() == [1, 0, 1]
    assert [month.month for month in found["month"]] == [7, 8, 9]


UNPLACED = "They said the union rep objected to the panel, so the whole round was void."


def test_words_no_theme_fits_are_unsorted_not_a_no_without_reason(fresh_db: Store) -> None:
    unplaced = _rejected(fresh_db, note=UNPLACED, company="Vetting")
    vague = _rejected(fresh_db, note=VAGUE, company="Vague")
    frames = fresh_db.frames()
    table = application_table(frames)
    themed = _themed(fresh_db)
    said = feedback.summary(themed, frames, table)
    assert said.unsorted["text"].tolist() == [UNPLACED]
    assert said.without_reason["application_id"].tolist() == [vague]
    assert feedback.counts(themed)["count"].sum() == 1  # only the vague no is counted
    assert unplaced not in said.without_reason["application_id"].tolist()


def test_placing_an_unsorted_snippet_makes_the_choice_a_correction(fresh_db: Store) -> None:
    _rejected(fresh_db, note=UNPLACED)
    key = feedback.snippet_key(feedback.EMPLOYER, UNPLACED)
    fresh_db.correct_themes(key, [], ["circumstances"])
    themed = _themed(fresh_db)
    assert themed["themes"].tolist() == [["circumstances"]]
    assert feedback.unsorted(themed).empty


def test_an_empty_selection_has_nothing_unsorted() -> None:
    assert feedback.unsorted(pd.DataFrame()).empty


@pytest.mark.parametrize("went_wrong", ["", "I rambled and never got to the point."])
def test_a_rejection_with_no_employer_words_is_listed_without_reason(
    fresh_db: Store, went_wrong: str
) -> None:
    # The most common rejection there is: interviewed, then a no with nothing said.
    new_id = _rejected(fresh_db)
    if went_wrong:
        fresh_db.save_reflection(
            Reflection(
                application_id=new_id,
                prompt=Prompt.REJECTION,
                written_on=date(2026, 9, 21),
                went_wrong=went_wrong,
            ),
            today=TODAY,
        )
    frames = fresh_db.frames()
    table = application_table(frames)
    result = feedback.summary(_themed(fresh_db), frames, table)
    assert result.without_reason["application_id"].tolist() == [new_id]
    assert result.own_total == (1 if went_wrong else 0)


def test_one_employer_statement_typed_twice_counts_once_dated_when_it_came(
    fresh_db: Store,
) -> None:
    new_id = _rejected(fresh_db, note=NERVES)
    fresh_db.save_reflection(
        Reflection(new_id, Prompt.REJECTION, date(2026, 10, 2), feedback=NERVES), TODAY
    )
    other = _rejected(fresh_db, company="Bolt")
    fresh_db.save_reflection(
        Reflection(
            other,
            Prompt.REJECTION,
            date(2026, 10, 30),
            feedback_asked_on=date(2026, 9, 21),
            feedback_received_on=date(2026, 9, 25),
            feedback=VAGUE,
        ),
        TODAY,
    )
    frames = fresh_db.frames()
    found = feedback.snippets(frames, application_table(frames))
    employer = found[found["source"] == feedback.EMPLOYER].set_index("application_id")["on"]
    assert employer.to_dict() == {new_id: date(2026, 9, 20), other: date(2026, 9, 25)}


def test_summarised_runs_classify_then_summary_in_one_call(fresh_db: Store) -> None:
    _rejected(fresh_db, note=NERVES, company="Acme")
    _rejected(fresh_db, note=VAGUE, company="Bolt")
    frames = fresh_db.frames()
    table = application_table(frames)
    found = feedback.summarised(frames, table, None, fresh_db.theme_corrections())
    by_hand = feedback.summary(_themed(fresh_db), frames, table)
    assert found.top == by_hand.top == ["confidence"]
    assert found.counts.equals(by_hand.counts)
    assert (found.employer_total, found.own_total) == (2, 0)


def test_a_masked_summary_keeps_the_themes_and_quotes_the_words_scrubbed(
    fresh_db: Store,
) -> None:
    note = "Acme felt you were very nervous; Oskar Lindqvist (oskar@lind.example) agreed."
    _rejected(fresh_db, note=note, company="Acme")
    frames = fresh_db.frames()
    lexicon = load_lexicon()
    found = feedback.summarised(frames, application_table(frames), lexicon)
    hidden = feedback.masked(found, Aliases.of(frames), lexicon)
    assert hidden.top == found.top
    shown = hidden.examples["confidence"]
    assert shown["text"].tolist() == [
        "Company A felt you were very nervous; [name hidden] ([contact details]) agreed."
    ]
    assert shown["company"].tolist() == ["Company A"]
    # The trigger words are found again in the scrubbed words, so the highlight is right.
    (text,) = shown["text"]
    assert [text[m.start : m.end] for m in shown["triggers"].iloc[0]] == ["nervous"]
    assert HIDDEN not in text


def test_the_latest_few_of_every_theme_are_kept_not_only_the_top_ones(fresh_db: Store) -> None:
    for day in range(7):
        _rejected(fresh_db, note=f"{NERVES} ({day})", company=f"Nervy {day}")
    _rejected(fresh_db, note="Your salary expectations were above our budget.", company="Pay")
    frames = fresh_db.frames()
    found = feedback.summarised(frames, application_table(frames))
    assert set(found.examples) == set(found.counts["theme"])
    assert found.examples["confidence"]["text"].tolist() == [
        f"{NERVES} ({day})" for day in (6, 5, 4, 3, 2)
    ]
    assert found.examples["logistics"]["company"].tolist() == ["Pay"]


def test_latest_by_theme_of_nothing_is_nothing() -> None:
    assert feedback.latest_by_theme(pd.DataFrame(columns=["themes"]), 5) == {}


def _tally(*rows: tuple[str, str, int]) -> pd.DataFrame:
    """A theme count as `feedback.counts` gives it: theme, source and count."""
    return pd.DataFrame(rows, columns=["theme", "source", "count"])


@pytest.mark.parametrize(
    ("rows", "sentence"),
    [
        (
            [("nerves", "employer", 4), ("nerves", "own", 2), ("gap", "employer", 3)],
            "What came up most: Nerves, 6 times (4 from employers, 2 in your own notes). "
            "Then Skills gap (3).",
        ),
        (
            [("gap", "employer", 2), ("nerves", "employer", 3), ("salary", "own", 1)],
            "What came up most: Nerves, 3 times, all from employers. "
            "Then Skills gap (2) and salary (1).",
        ),
        ([("gap", "own", 1)], "What came up most: Skills gap, once, in your own notes."),
        # "No specific reason" has nothing to act on: never the headline, never "then".
        (
            [("no_detail", "employer", 9), ("gap", "employer", 1)],
            "What came up most: Skills gap, once, from employers.",
        ),
        ([("no_detail", "employer", 9)], ""),
    ],
)
def test_the_reading_names_the_most_common_theme_and_who_raised_it(
    rows: list[tuple[str, str, int]], sentence: str
) -> None:
    labels = {"nerves": "Nerves", "gap": "Skills gap"}
    assert feedback.reading(_tally(*rows), labels) == sentence
