"""Bulk actions: several applications moved, ghosted or deleted in one confirmed step."""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from bounceback.domain import Event, Stage
from bounceback.storage import Store
from tests.conftest import draft
from tests.pages.conftest import button, texts


def _bar() -> None:
    """The bulk bar alone, on the rows whose ids the test puts in session state."""
    import streamlit as st

    from bounceback.pipeline import application_table
    from components import bulk, state

    state.show_flash()
    rows = application_table(state.store().frames())
    bulk.render(rows[rows["id"].isin(st.session_state.get("ids", []))])


@pytest.fixture
def three(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("BOUNCEBACK_DB_URL", db_url)
    store = Store.open(db_url)
    for name in ("Lumen", "Quayside", "Harbour"):
        store.add_application(draft(company=name, applied_on=date(2026, 10, 1)))
    return store


def _bar_on(ids: list[int]) -> AppTest:
    app = AppTest.from_function(_bar, default_timeout=30)
    app.session_state["ids"] = ids
    return app.run()


def test_selected_applications_move_to_a_stage_after_one_confirmation(three: Store) -> None:
    app = _bar_on([1, 2])
    assert "2 applications selected" in texts(app)
    app.selectbox(key="bulk:stage").select("rejected").run()
    button(app, "Move to a stage: 2 applications…").click().run()
    assert {a.stage for a in three.all()} == {Stage.APPLIED}
    button(app, "Yes, do it").click().run()
    assert not app.exception
    assert [a.stage for a in three.all()] == [Stage.REJECTED, Stage.REJECTED, Stage.APPLIED]
    assert "Moved 2 applications to rejected." in texts(app)


def test_a_bulk_move_one_can_t_make_changes_nothing_and_says_which(three: Store) -> None:
    three.record(2, Event(Stage.WITHDRAWN, date(2026, 10, 3)), 1)
    app = _bar_on([1, 2])
    app.selectbox(key="bulk:action").select("ghosted").run()
    button(app, "Mark ghosted: 2 applications…").click().run()
    button(app, "Yes, do it").click().run()
    assert not app.exception
    assert "Nothing was changed: Quayside (HR Coordinator): From withdrawn" in texts(app)
    assert [a.stage for a in three.all()] == [Stage.APPLIED, Stage.WITHDRAWN, Stage.APPLIED]


def test_selected_applications_are_deleted_to_recently_deleted(three: Store) -> None:
    app = _bar_on([1, 3])
    app.selectbox(key="bulk:action").select("delete").run()
    button(app, "Delete: 2 applications…").click().run()
    assert "Recently deleted" in texts(app)
    button(app, "Cancel").click().run()
    assert len(three.all()) == 3
    button(app, "Delete: 2 applications…").click().run()
    button(app, "Yes, do it").click().run()
    assert [a.draft.company for a in three.all()] == ["Quayside"]
    assert len(three.recently_deleted()) == 2


def test_the_table_offers_selecting_several(open_app, sample_db) -> None:
    app = open_app("app_pages/pipeline.py")
    app.segmented_control(key="pipeline:view").set_value("Table").run()
    app.toggle(key="pipeline:bulk").set_value(True).run()
    assert not app.exception
    assert "Tick rows in the table to act on several" in texts(app)


def test_the_no_news_list_marks_them_all_ghosted_after_asking(open_app, sample_db) -> None:
    app = open_app("app_pages/pipeline.py")
    app.session_state["pipeline:quiet"] = True  # the list is drawn once opened
    app.run()
    (ask,) = [b for b in app.button if b.label.startswith("Mark all ")]
    count = int(ask.label.split()[2])
    ghosted = sum(a.stage is Stage.GHOSTED for a in sample_db.all())
    ask.click().run()
    button(app, "Yes, mark them all").click().run()
    assert not app.exception
    assert sum(a.stage is Stage.GHOSTED for a in sample_db.all()) == ghosted + count
    assert not [b for b in app.button if b.label.startswith("Mark all ")]


def test_a_refused_bulk_move_names_nobody_in_presenter_mode(three: Store) -> None:
    three.record(2, Event(Stage.WITHDRAWN, date(2026, 10, 3)), 1)
    app = AppTest.from_function(_bar, default_timeout=30)
    app.session_state["ids"] = [1, 2]
    app.session_state["presenter"] = True
    app.run()
    app.selectbox(key="bulk:action").select("ghosted").run()
    button(app, "Mark ghosted: 2 applications…").click().run()
    button(app, "Yes, do it").click().run()
    assert "Nothing was changed: some of them can't make that move" in texts(app)
    assert "Quayside" not in texts(app)
