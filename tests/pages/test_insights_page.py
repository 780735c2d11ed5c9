"""Insights page: the record against the baseline, honest on empty and tiny data."""

from datetime import date, timedelta

from bounceback.baseline import patience, patience_sentence
from bounceback.domain import Event, InterviewKind, Stage
from bounceback.storage import Store
from tests.conftest import draft
from tests.pages.conftest import texts

PAGE = "app_pages/insights.py"


def _metric(app, label: str) -> str:
    return next(metric.value for metric in app.metric if metric.label == label)


def test_an_empty_database_gets_a_helpful_message_not_empty_axes(open_app) -> None:
    app = open_app(PAGE)
    assert not app.exception
    assert "Nothing to compare yet" in texts(app)
    assert not app.get("plotly_chart")


def test_one_open_interview_is_in_play_not_a_draw(open_app, db_url) -> None:
    store = Store.open(db_url)
    store.add_application(draft(applied_on=date(2026, 10, 1)))
    store.record(1, Event(Stage.INTERVIEW, date(2026, 10, 8), InterviewKind.VIDEO), 1)
    app = open_app(PAGE)
    assert not app.exception
    assert _metric(app, "Interviews decided") == "0"
    assert _metric(app, "Interviews in play") == "1"
    assert "No interviews have closed yet" in texts(app)
    assert "fills in once an interview has been decided" in texts(app)


def test_one_rejection_after_an_interview_is_set_against_the_odds(open_app, db_url) -> None:
    store = Store.open(db_url)
    store.add_application(draft(applied_on=date(2026, 10, 1)))
    store.record(1, Event(Stage.INTERVIEW, date(2026, 10, 8), InterviewKind.VIDEO), 1)
    store.record(1, Event(Stage.REJECTED, date(2026, 10, 12)), 2)
    app = open_app(PAGE)
    assert not app.exception
    assert _metric(app, "Interviews decided") == "1"
    assert _metric(app, "Chance of at least one by now") == "17%"
    assert "8 in 10 candidates with 1 interview at these odds also have no offer yet" in texts(app)
    assert len(app.get("plotly_chart")) == 2, "the headline chart and the open tab's"


# Each tab and the kind of trace its chart draws.
TABS = {
    "Where applications go": '"sankey"',
    "Where they stop": '"bar"',
    "Enough in the basket?": '"scatter"',
    "Which sources work": "Job board (",
    "Do fitting jobs go better?": "Fit ",
}


def test_sample_data_shows_every_chart_and_the_headline(open_app, sample_db) -> None:
    app = open_app(PAGE)
    assert not app.exception
    assert int(_metric(app, "Interviews decided")) >= 10
    assert "4 interviews" in texts(app), "interviews needed for an even chance at 1 in 6"
    # The headline chart first, then one tab at a time: only the open one runs and draws.
    for tab, drawn in TABS.items():
        app.session_state["insights:tab"] = tab
        app.run()
        assert not app.exception
        headline, shown = app.get("plotly_chart")
        assert '"Offers"' in headline.proto.spec, "the track comes first"
        assert drawn in shown.proto.spec, tab
        if tab == "Where applications go":
            # Its labels carry the counts, so it is drawn static: no 500 ms redraw animation.
            assert '"staticPlot": true' in shown.proto.config


def test_the_baseline_setting_changes_the_odds(open_app, db_url, sample_db) -> None:
    before = _metric(open_app(PAGE), "Expected offers")
    sample_db.save_settings(type(sample_db.settings())(baseline_pool=3, onboarded=True))
    after = _metric(open_app(PAGE), "Expected offers")
    assert float(after) > float(before)


def test_filtering_by_source_narrows_the_numbers(open_app, sample_db) -> None:
    app = open_app(PAGE)
    everything = int(_metric(app, "Interviews decided"))
    app.multiselect(key="insights:sources").select("referral").run()
    assert not app.exception
    assert int(_metric(app, "Interviews decided")) < everything


def _decided(store: Store, days_ago: list[int]) -> None:
    """One application per day given: an interview, then a no that many days ago."""
    for number, ago in enumerate(days_ago, start=1):
        closed = date.today() - timedelta(days=ago)
        store.add_application(
            draft(company=f"Firm {number}", applied_on=closed - timedelta(days=9))
        )
        store.record(
            number, Event(Stage.INTERVIEW, closed - timedelta(days=2), InterviewKind.VIDEO), 1
        )
        store.record(number, Event(Stage.REJECTED, closed), 2)


def test_the_page_says_how_patient_to_be_at_the_users_own_pace(open_app, db_url) -> None:
    store = Store.open(db_url)
    # Four decided in the last 8 weeks, one long before: the pace counts the four.
    _decided(store, [3, 10, 20, 40, 120])
    app = open_app(PAGE)
    assert not app.exception
    expected = patience_sentence(
        patience([date.today() - timedelta(days=ago) for ago in (3, 10, 20, 40)], date.today())
    )
    assert expected.startswith("At about 2 interviews a month, an even chance of an offer by ")
    assert "With one more interview a month: an even chance by " in expected
    shown = texts(app)
    assert "Be patient, with numbers." in shown and expected in shown


def test_with_too_little_data_the_page_says_so_instead(open_app, db_url) -> None:
    _decided(Store.open(db_url), [5])
    app = open_app(PAGE)
    assert not app.exception
    assert (
        "Only 1 interview has been decided in the last 8 weeks, so there isn't a pace to "
        "project from yet." in texts(app)
    )
    assert "an even chance of an offer by" not in texts(app)
