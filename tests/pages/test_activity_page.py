"""The Activity log page: a period's lines, the weekly target, and its two downloads."""

from __future__ import annotations

from bounceback.storage import Store
from tests.pages.conftest import button, texts

PAGE = "app_pages/activity.py"


def _downloads(app) -> list[str]:
    """The labels of the page's download buttons."""
    return [element.proto.label for element in app.get("download_button")]


def test_an_empty_search_says_nothing_is_logged_yet(open_app) -> None:
    app = open_app(PAGE)
    assert not app.exception
    assert "Nothing logged in this period yet" in texts(app)
    assert _downloads(app) == []


def test_last_month_of_the_sample_lists_activities_with_downloads(open_app, sample_db) -> None:
    app = open_app(PAGE)
    app.segmented_control(key="activity:period").set_value("Last month").run()
    assert not app.exception
    log = app.dataframe[0].value
    assert len(log) > 0
    assert set(log["activity"]) <= {"Applied", "Interview", "Follow-up sent", "Feedback chased"}
    assert _downloads(app) == ["Download as CSV", "Printable page (HTML)"]


def test_the_weekly_target_is_saved_and_shown(open_app, sample_db: Store) -> None:
    app = open_app(PAGE)
    app.number_input(key="activity:target").set_value(5).run()
    button(app, "Save the target").click().run()
    assert not app.exception
    assert sample_db.settings().weekly_target == 5
    assert "Weekly target set to 5 activities" in texts(app)
    weeks = app.table[0].value
    assert list(weeks.columns) == ["Week", "Activities", "Against the target"]
