"""Bad input is refused with a message naming the field; good input is tidied."""

from datetime import date

import pytest

from bounceback.domain import (
    ApplicationDraft,
    Contact,
    Event,
    InterviewKind,
    InvalidInput,
    Settings,
    Stage,
)
from bounceback.validation import check_draft, check_event, check_settings, draft_problems
from tests.conftest import TODAY, draft


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"company": "  "}, "company", "required"),
        ({"role": ""}, "role", "required"),
        ({"applied_on": date(2026, 12, 1)}, "applied_on", "future"),
        ({"applied_on": date(1900, 1, 1)}, "applied_on", "year"),
        ({"salary_min": 40000, "salary_max": 30000}, "salary_max", "at least"),
        ({"salary_min": -1}, "salary_min", "negative"),
        ({"pool_size": 0}, "pool_size", "1 or more"),
        ({"currency": "pounds"}, "currency", "three-letter"),
        ({"link": "javascript:alert(1)"}, "link", "http"),
        ({"company": "x" * 201}, "company", "too long"),
        ({"contacts": (Contact(email="not-an-email"),)}, "contacts.0.email", "email"),
        ({"contacts": (Contact(phone="call me"),)}, "contacts.0.phone", "digits"),
        ({"job_description": "x" * 30_001}, "job_description", "too long"),
    ],
)
def test_each_bad_field_gets_its_own_message(changes: dict, field: str, words: str) -> None:
    problems = draft_problems(draft(**changes), TODAY)
    assert field in problems
    assert words in problems[field]


def test_every_problem_is_reported_at_once() -> None:
    problems = draft_problems(draft(company="", role="", pool_size=0), TODAY)
    assert {"company", "role", "pool_size"} <= set(problems)


def test_a_valid_draft_is_trimmed_and_empty_contacts_dropped() -> None:
    checked = check_draft(
        draft(company="  Acme ", contacts=(Contact(), Contact(name=" Ann "))), TODAY
    )
    assert checked.company == "Acme"
    assert checked.contacts == (Contact(name="Ann"),)


def test_a_past_application_date_is_fine() -> None:
    assert check_draft(draft(applied_on=date(2024, 1, 5)), TODAY).applied_on == date(2024, 1, 5)


def test_check_draft_raises_with_the_field_errors() -> None:
    with pytest.raises(InvalidInput) as error:
        check_draft(draft(company=""), TODAY)
    assert set(error.value.errors) == {"company"}


@pytest.mark.parametrize(
    ("event", "field", "words"),
    [
        (Event(Stage.SCREENING, date(2026, 9, 1)), "on", "before the application"),
        (Event(Stage.SCREENING, date(2026, 10, 3)), "on", "before the last change"),
        (Event(Stage.SCREENING, date(2026, 12, 25)), "on", "future"),
        (Event(Stage.INTERVIEW, date(2026, 10, 10)), "kind", "kind of interview"),
        (Event(Stage.ACCEPTED, date(2026, 10, 10)), "stage", "can't move to accepted"),
    ],
)
def test_a_stage_change_must_fit_the_history(event: Event, field: str, words: str) -> None:
    with pytest.raises(InvalidInput) as error:
        check_event(Stage.APPLIED, date(2026, 10, 1), date(2026, 10, 5), event, TODAY)
    assert words in error.value.errors[field]


def test_a_kind_is_kept_only_for_interviews() -> None:
    event = Event(Stage.REJECTED, date(2026, 10, 9), InterviewKind.PHONE, " no thanks ")
    checked = check_event(Stage.APPLIED, date(2026, 10, 1), None, event, TODAY)
    assert checked.kind is None
    assert checked.note == "no thanks"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"baseline_pool": 0}, "baseline_pool"),
        ({"ghost_after_days": -5}, "ghost_after_days"),
        ({"currency": "pounds"}, "currency"),
        ({"values": {"salary": 9}}, "values"),
        ({"strengths": ("x" * 201,)}, "strengths"),
    ],
)
def test_settings_out_of_range_are_refused_by_name(changes, field):
    with pytest.raises(InvalidInput) as refused:
        check_settings(Settings(**changes))
    assert list(refused.value.errors) == [field]


def test_a_contact_email_longer_than_its_column_is_refused():
    long_email = "a" * 300 + "@example.com"
    found = draft_problems(
        ApplicationDraft("Co", "Role", date(2026, 10, 1), contacts=(Contact(email=long_email),)),
        date(2026, 11, 22),
    )
    assert "too long" in found["contacts.0.email"]


def test_a_salary_too_large_to_store_is_refused():
    found = draft_problems(
        ApplicationDraft("Co", "Role", date(2026, 10, 1), salary_max=5_000_000_000),
        date(2026, 11, 22),
    )
    assert "too large" in found["salary_max"]


def test_a_done_date_may_be_today_or_earlier_but_never_in_the_future() -> None:
    from bounceback.validation import check_done_on

    check_done_on(None, TODAY)
    check_done_on(TODAY, TODAY)
    with pytest.raises(InvalidInput) as refused:
        check_done_on(date(2026, 12, 1), date(2026, 11, 30))
    assert refused.value.errors == {"done_on": "The done date can't be in the future."}


def test_the_tables_store_exactly_the_lengths_the_rules_allow() -> None:
    from bounceback.storage.schema import lessons, theme_corrections
    from bounceback.validation import (
        LESSON_TEXT,
        SNIPPET_KEY_TEXT,
        THEME_NAME_TEXT,
        correction_problem,
        lesson_problem,
    )

    assert lessons.c.text.type.length == LESSON_TEXT == 400
    assert theme_corrections.c.snippet_key.type.length == SNIPPET_KEY_TEXT == 100
    assert theme_corrections.c.theme.type.length == THEME_NAME_TEXT == 60
    assert lesson_problem("x" * LESSON_TEXT) is None
    assert lesson_problem("x" * (LESSON_TEXT + 1))
    assert correction_problem("k" * SNIPPET_KEY_TEXT, ["t" * THEME_NAME_TEXT]) is None
    assert correction_problem("k" * (SNIPPET_KEY_TEXT + 1), ["t"])
    assert correction_problem("k", ["t" * (THEME_NAME_TEXT + 1)])


def test_a_new_follow_up_is_due_two_days_out_wherever_it_is_added() -> None:
    from pathlib import Path

    from bounceback.domain import FOLLOW_UP_DUE_DAYS

    assert FOLLOW_UP_DUE_DAYS == 2
    root = Path(__file__).parents[1]
    for place in ("app_pages/feedback.py", "components/follow_ups.py"):
        text = (root / place).read_text(encoding="utf-8")
        assert "timedelta(days=FOLLOW_UP_DUE_DAYS)" in text, place
        assert "timedelta(days=2)" not in text, place


def test_a_new_application_starts_as_saved_or_applied() -> None:
    from bounceback.domain import BouncebackError
    from bounceback.validation import check_first_stage

    check_first_stage(Stage.SAVED)
    check_first_stage(Stage.APPLIED)
    with pytest.raises(BouncebackError, match="starts as saved or applied"):
        check_first_stage(Stage.INTERVIEW)


def test_the_date_applied_never_moves_past_the_next_change_of_stage() -> None:
    from bounceback.validation import check_applied_on

    check_applied_on(date(2026, 10, 9), None)
    check_applied_on(date(2026, 10, 9), date(2026, 10, 9))
    with pytest.raises(InvalidInput) as refused:
        check_applied_on(date(2026, 10, 10), date(2026, 10, 9))
    assert refused.value.errors == {
        "applied_on": "The date applied can't be after the next change of stage (09 Oct 2026)."
    }


def test_a_reopened_closing_keeps_its_note_in_the_notes_within_the_limit() -> None:
    from bounceback.validation import LONG_TEXT, reopened_notes

    closing = Event(Stage.REJECTED, date(2026, 10, 9), note="Went with someone senior.")
    kept = "Rejected on 09 Oct 2026: Went with someone senior."
    assert reopened_notes("", closing) == kept
    assert reopened_notes("Mine.", closing) == f"Mine.\n\n{kept}"
    with pytest.raises(InvalidInput) as refused:
        reopened_notes("x" * LONG_TEXT, closing)
    assert refused.value.errors["notes"].endswith("Shorten the notes, then reopen.")
