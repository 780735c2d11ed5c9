"""The session summary: the same numbers as the pages, escaped, offline, and presenter-safe."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import escape

import pandas as pd
import pytest
from plotly.offline import get_plotlyjs

from bounceback import feedback
from bounceback.domain import (
    ApplicationDraft,
    Event,
    FollowUp,
    FollowUpKind,
    InterviewKind,
    Settings,
    Stage,
)
from bounceback.insights import report
from bounceback.lessons import lesson_table
from bounceback.pipeline import application_table, up_next
from bounceback.presenter import Aliases
from bounceback.reflections import LessonDraft, LessonKind, Prompt, Reflection
from bounceback.sample import generate
from bounceback.session_summary import LESSONS_SHOWN, render
from bounceback.storage import Store
from bounceback.themes import Lexicon, load_lexicon_safely
from tests.identifying import COMPANY, LESSON, SECRETS, seed_identifying

TODAY = date.today()
SECTIONS = (
    "Your pipeline against the odds",
    "What the feedback says",
    "Do's and don'ts",
    "Follow-ups due",
)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    """The shipped themes, compiled once for the module."""
    return load_lexicon_safely(None)[0]


@pytest.fixture
def sample_store(db_url: str) -> Store:
    """The 60-application sample story in this test's database."""
    store = Store.open(db_url)
    store.load(generate(60), Settings(onboarded=True))
    return store


def summary_of(store: Store, lexicon: Lexicon, presenter: Aliases | None = None) -> str:
    """The summary exactly as the Today page's download builds it."""
    return render(
        store.frames(),
        store.settings(),
        TODAY,
        lexicon,
        corrections=store.theme_corrections(),
        presenter=presenter,
    )


def figure(document: str, name: str) -> str:
    """The value shown in one of the pipeline's numbered boxes."""
    found = re.search(rf'id="figure-{name}"><strong>([^<]*)</strong>', document)
    assert found, f"no figure {name!r} in the summary"
    return found.group(1)


def theme_headings(document: str) -> list[str]:
    """The theme names listed under "What the feedback says"."""
    return re.findall(r'<div class="theme"><h3>([^<]*)</h3>', document)


def test_sample_data_fills_all_four_sections_and_a_chart(sample_store: Store, lexicon) -> None:
    document = summary_of(sample_store, lexicon)
    assert document.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in document
    assert f'<p class="muted">{TODAY.day} {TODAY:%B %Y}</p>' in document
    for heading in SECTIONS:
        assert f"<h2>{heading}</h2>" in document
    assert 'class="plotly-graph-div"' in document


def test_the_pipeline_numbers_are_the_insights_page_numbers(sample_store: Store, lexicon) -> None:
    frames = sample_store.frames()
    baseline = sample_store.settings().baseline_pool
    expected = report(frames, application_table(frames), baseline, TODAY)
    top = expected.headline
    document = summary_of(sample_store, lexicon)
    assert top.interviews > 0 and top.offers > 0, "the sample story has decided interviews"
    assert figure(document, "applications") == str(expected.applications)
    assert figure(document, "interviews") == str(top.interviews)
    assert figure(document, "offers") == str(top.offers)
    assert figure(document, "expected") == f"{top.expected:.1f}"
    assert figure(document, "chance") == f"{top.p_at_least_one:.0%}"
    assert figure(document, "in-play") == str(expected.in_play)
    assert escape(top.standing) in document
    assert f"about {baseline} people for each job" in document


def test_the_baseline_setting_changes_the_odds_shown(sample_store: Store, lexicon) -> None:
    usual = summary_of(sample_store, lexicon)
    sample_store.save_settings(Settings(baseline_pool=3, onboarded=True))
    kinder = summary_of(sample_store, lexicon)
    assert float(figure(kinder, "expected")) > float(figure(usual, "expected"))
    assert "1 interview in 3 ends in an offer" in kinder


def test_the_top_three_themes_come_with_their_next_steps(sample_store: Store, lexicon) -> None:
    frames = sample_store.frames()
    table = application_table(frames)
    themed = feedback.classified(feedback.snippets(frames, table), lexicon)
    top = feedback.summary(themed, frames, table).top
    document = summary_of(sample_store, lexicon)
    assert len(top) == 3
    assert theme_headings(document) == [escape(lexicon.theme(theme).label) for theme in top]
    for theme in top:
        assert escape(lexicon.theme(theme).next_steps[0]) in document


def test_a_corrected_theme_counts_as_the_feedback_page_counts_it(
    sample_store: Store, lexicon
) -> None:
    frames = sample_store.frames()
    themed = feedback.classified(feedback.snippets(frames, application_table(frames)), lexicon)
    for _, row in themed.iterrows():
        sample_store.correct_themes(row["key"], row["automatic"], ["logistics"])
    assert theme_headings(summary_of(sample_store, lexicon)) == [
        escape(lexicon.theme("logistics").label)
    ]


def test_pinned_lessons_come_first_then_the_most_frequent(sample_store: Store, lexicon) -> None:
    lessons = lesson_table(sample_store.frames())
    rarest = lessons[lessons["kind"] == "dont"].iloc[-1]
    sample_store.update_lesson(int(rarest["id"]), pinned=True)
    document = summary_of(sample_store, lexicon)
    donts = document.split("<h3>Don't</h3>")[1].split("</ul>")[0]
    first = re.search(r"<li>(.*?)</li>", donts)
    assert first and first.group(1).startswith(escape(rarest["text"]))
    assert '<span class="tag">top five</span>' in first.group(1)


def test_at_most_ten_lessons_are_listed(sample_store: Store, lexicon) -> None:
    frames = sample_store.frames()
    extra = pd.DataFrame(
        {
            "id": range(1000, 1010),
            "owner_id": "local",
            "kind": "do",
            "text": [f"Extra lesson number {n}" for n in range(10)],
            "pinned": False,
            "archived": False,
        }
    )
    frames["lessons"] = pd.concat([frames["lessons"], extra], ignore_index=True)
    document = render(frames, Settings(), TODAY, lexicon)
    listed = document.split("Do's and don'ts")[1].split("</section>")[0]
    assert len(frames["lessons"]) > LESSONS_SHOWN
    assert listed.count("<li>") == LESSONS_SHOWN


def test_follow_ups_due_show_employer_kind_and_date(sample_store: Store, lexicon) -> None:
    frames = sample_store.frames()
    due = up_next(frames, application_table(frames), TODAY)
    document = summary_of(sample_store, lexicon)
    assert len(due) > 0, "the sample story has follow-ups due"
    rows = re.findall(r"<tr><td[^>]*>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", document)
    assert [(what, company) for _, what, company in rows] == [
        (escape(item["what"]), escape(item["company"])) for _, item in due.head(12).iterrows()
    ]
    for (when, _, _), (_, item) in zip(rows, due.head(12).iterrows(), strict=True):
        assert (
            when == "due today" if item["due"] == TODAY else when.endswith(f"{item['due']:%d %b}")
        )


def test_an_empty_database_gets_a_friendly_page(db_url: str, lexicon) -> None:
    document = summary_of(Store.open(db_url), lexicon)
    assert '<meta charset="utf-8">' in document
    assert "Nothing here yet" in document
    assert "<script" not in document


def test_a_first_application_gets_kind_words_in_each_section_and_no_chart(
    db_url: str, lexicon
) -> None:
    store = Store.open(db_url)
    store.add_application(
        ApplicationDraft(company="Acme", role="Analyst", applied_on=TODAY), today=TODAY
    )
    document = summary_of(store, lexicon)
    assert figure(document, "applications") == "1"
    assert "appears once an interview has been decided" in document
    assert "No feedback recorded yet" in document
    assert "Your list fills in from the lessons you write" in document
    assert "Nothing due in the next two weeks" in document
    assert "<script" not in document


def test_every_piece_of_user_text_is_escaped(sample_store: Store, lexicon) -> None:
    company = "<script>alert('company')</script>"
    lesson = "<img src=x onerror=alert('lesson')>"
    application_id = sample_store.add_application(
        ApplicationDraft(company=company, role="Analyst", applied_on=TODAY - timedelta(days=5)),
        today=TODAY,
    )
    sample_store.add_follow_up(
        application_id, FollowUp(FollowUpKind.THANK_YOU, TODAY + timedelta(days=1)), TODAY
    )
    sample_store.save_reflection(
        Reflection(
            application_id=application_id,
            prompt=Prompt.REJECTION,
            written_on=TODAY,
            lessons=(LessonDraft(LessonKind.DONT, lesson),),
        ),
        TODAY,
    )
    sample_store.update_lesson(int(lesson_table(sample_store.frames())["id"].max()), pinned=True)
    document = summary_of(sample_store, lexicon)
    assert company not in document
    assert escape(company) in document
    assert "<img" not in document
    assert escape(lesson) in document


def test_nothing_is_loaded_from_anywhere_else(sample_store: Store, lexicon) -> None:
    for presenter in (None, Aliases.of(sample_store.frames())):
        document = summary_of(sample_store, lexicon, presenter)
        tags = re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", document, re.I)
        assert tags, "the chart's scripts are there to check"
        assert not [tag for tag in tags if re.search(r"\b(?:src|href)\s*=", tag, re.I)]
        assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", document, re.I)
        assert "cdn.plot.ly/plotly" not in document
        assert "MathJax.js" not in document


def test_plotly_js_is_embedded_once_with_one_chart(sample_store: Store, lexicon) -> None:
    document = summary_of(sample_store, lexicon)
    assert document.count("* plotly.js v") == 1
    assert document.count("Plotly.newPlot(") == 1
    assert '"displayModeBar": false' in document


def test_presenter_mode_shows_no_names_contacts_notes_or_feedback(
    sample_store: Store, lexicon
) -> None:
    seed_identifying(sample_store, TODAY)
    frames = sample_store.frames()
    presenter = Aliases.of(frames)
    document = summary_of(sample_store, lexicon, presenter)
    # The chart library's own code is not user data (it happens to contain "98765").
    assert document.count(get_plotlyjs()) == 1
    document = document.replace(get_plotlyjs(), "")
    contacts = frames["contacts"]
    reflections = frames["reflections"]
    private = {
        *SECRETS,
        *frames["applications"]["company"],
        *frames["applications"]["notes"],
        *contacts["name"],
        *contacts["email"],
        *contacts["phone"],
        *frames["events"]["note"],
        *frames["follow_ups"]["note"],
        *(
            text
            for column in ("went_well", "went_wrong", "feedback")
            for text in reflections[column]
        ),
    }
    private = {text.strip() for text in private if text.strip()}
    shown = [text for text in private if text in document or escape(text) in document]
    assert shown == []
    assert escape(presenter.scrub(LESSON)) in document
    assert f"<td>{escape(presenter.company(COMPANY))}</td>" in document
    assert re.search(r"<td>Company [A-Z]+</td>", document)
    assert "presenter mode" in document


def test_presenter_mode_finds_the_same_themes_in_the_real_words(
    sample_store: Store, lexicon
) -> None:
    seed_identifying(sample_store, TODAY)
    presenter = Aliases.of(sample_store.frames())
    shown = summary_of(sample_store, lexicon)
    hidden = summary_of(sample_store, lexicon, presenter)
    assert theme_headings(hidden) == theme_headings(shown) != []
    assert 'class="quote"' in shown
    assert 'class="quote"' not in hidden


UNPLACED = "They said the union rep objected to the panel, so the whole round was void."


def test_feedback_no_theme_fits_is_asked_about_never_called_no_reason(db_url: str, lexicon) -> None:
    store = Store.open(db_url)
    draft = ApplicationDraft(company="Acme", role="Analyst", applied_on=TODAY - timedelta(days=30))
    new_id = store.add_application(draft, today=TODAY)
    interview = Event(Stage.INTERVIEW, TODAY - timedelta(days=20), InterviewKind.VIDEO)
    store.record(new_id, interview, 1, TODAY)
    store.record(new_id, Event(Stage.REJECTED, TODAY - timedelta(days=10), note=UNPLACED), 2, TODAY)
    document = summary_of(store, lexicon)
    assert "We couldn't place this; which theme fits?" in document
    assert escape(UNPLACED) in document
    assert "didn't say why" not in document
    assert "no usable reason" not in document
    hidden = summary_of(store, lexicon, Aliases.of(store.frames()))
    assert "We couldn't place this; which theme fits?" in hidden
    assert escape(UNPLACED) not in hidden


def test_the_summary_renders_for_a_rejection_with_no_employer_words(
    db_url: str, lexicon: Lexicon
) -> None:
    store = Store.open(db_url)
    new_id = store.add_application(
        ApplicationDraft(company="Quiet Ltd", role="Analyst", applied_on=TODAY - timedelta(20)),
        today=TODAY,
    )
    store.record(
        new_id, Event(Stage.INTERVIEW, TODAY - timedelta(10), InterviewKind.VIDEO), 1, TODAY
    )
    store.record(new_id, Event(Stage.REJECTED, TODAY - timedelta(5)), 2, TODAY)
    store.save_reflection(
        Reflection(
            application_id=new_id,
            prompt=Prompt.REJECTION,
            written_on=TODAY - timedelta(4),
            went_wrong="I froze on the case study.",
        ),
        today=TODAY,
    )
    page = summary_of(store, lexicon)
    assert "1 no after an interview came with no usable reason" in page
