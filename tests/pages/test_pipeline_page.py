"""Pipeline page: add, find, open, move on, edit, delete; bad input writes nothing."""

from datetime import date

import sqlalchemy as sa

from bounceback.domain import Event, Stage
from bounceback.storage import Busy, Store, applications
from tests.conftest import draft
from tests.pages.conftest import button, full_form, sent, texts


def _add(app, company: str = "Lumen Analytics", role: str = "Data Analyst"):
    app = full_form(app)
    app.text_input(key="add:company").input(company)
    app.text_input(key="add:role").input(role)
    return button(app, "Add application").click().run()


def test_an_empty_pipeline_invites_the_first_application(open_app) -> None:
    app = open_app("app_pages/pipeline.py")
    assert not app.exception
    assert "Your pipeline is empty" in texts(app)


def test_an_added_application_shows_on_the_board_and_in_the_table(open_app, db_url) -> None:
    app = _add(open_app("app_pages/pipeline.py"))
    assert not app.exception
    assert "Added Lumen Analytics (Data Analyst)." in texts(app)
    assert "**Lumen Analytics**" in texts(app)
    app.segmented_control(key="pipeline:view").set_value("Table").run()
    table = app.dataframe[0].value
    assert table["company"].tolist() == ["Lumen Analytics"]
    assert Store.open(db_url).all()[0].stage is Stage.APPLIED


def test_the_form_clears_after_a_successful_add(open_app) -> None:
    app = _add(open_app("app_pages/pipeline.py"))
    assert app.text_input(key="add:company").value == ""


def test_invalid_input_shows_the_field_message_and_writes_nothing(open_app, db_url) -> None:
    app = open_app("app_pages/pipeline.py")
    app.text_input(key="add:role").input("Data Analyst")
    app.number_input(key="add:salary_min").set_value(40000)
    app.number_input(key="add:salary_max").set_value(30000)
    button(app, "Add application").click().run()
    assert not app.exception
    errors = [str(element.value) for element in app.error]
    assert "Company is required." in errors
    assert "Salary to should be at least Salary from." in errors
    assert Store.open(db_url).is_empty()
    assert app.text_input(key="add:role").value == "Data Analyst", "what was typed is kept"


def test_a_second_try_at_a_past_employer_is_mentioned_gently(open_app, db_url) -> None:
    store = Store.open(db_url)
    earlier = store.add_application(draft(company="Lumen Analytics"))

    store.record(earlier, Event(Stage.REJECTED, date.today()), 1)
    app = _add(open_app("app_pages/pipeline.py"), company="lumen analytics ltd")
    assert "You applied to Lumen Analytics before" in texts(app)


def test_the_pipeline_runs_with_sample_data(open_app, sample_db) -> None:
    app = open_app("app_pages/pipeline.py")
    assert not app.exception
    assert [b for b in app.button if b.label == "Open"]
    app.segmented_control(key="pipeline:view").set_value("Table").run()
    assert not app.exception
    assert len(app.dataframe[0].value) == 60


def test_the_table_filters_by_search(open_app, sample_db) -> None:
    app = open_app("app_pages/pipeline.py")
    app.segmented_control(key="pipeline:view").set_value("Table").run()
    app.text_input(key="pipeline:search").input("zzz-no-such-thing").run()
    assert app.dataframe[0].value.empty
    assert "0 of 60 applications" in texts(app)


def _open_first(app):
    return button(app, "Open").click().run()


def test_opening_a_card_shows_its_history_and_moving_it_on_records_an_event(
    open_app, db_url
) -> None:
    Store.open(db_url).add_application(draft(applied_on=date(2026, 10, 1)))
    app = _open_first(open_app("app_pages/pipeline.py"))
    assert "Harbour & Finch · HR Coordinator" in texts(app)
    app.selectbox(key="move:1:stage").select("interview")
    app.selectbox(key="move:1:kind").select("panel")
    button(app, "Save stage change").click().run()
    assert not app.exception
    saved = Store.open(db_url).get(1)
    assert saved.stage is Stage.INTERVIEW
    assert saved.events[-1].kind.value == "panel"


def test_a_stage_change_before_the_application_is_refused_beside_the_date(open_app, db_url) -> None:
    Store.open(db_url).add_application(draft(applied_on=date(2026, 10, 1)))
    app = _open_first(open_app("app_pages/pipeline.py"))
    app.date_input(key="move:1:on").set_value(date(2026, 9, 1))
    button(app, "Save stage change").click().run()
    assert "The date can't be before the application (01 Oct 2026)." in [
        str(e.value) for e in app.error
    ]
    assert len(Store.open(db_url).get(1).events) == 1


def test_an_edit_saved_elsewhere_first_is_not_overwritten(open_app, db_url) -> None:
    store = Store.open(db_url)
    store.add_application(draft())
    app = _open_first(open_app("app_pages/pipeline.py"))
    store.update(1, draft(role="Changed in another tab"), expected_version=1)
    app.text_input(key="edit:1:role").input("Changed here")
    button(app, "Save changes").click().run()
    assert not app.exception
    assert "changed elsewhere" in texts(app)
    assert Store.open(db_url).get(1).draft.role == "Changed in another tab"


def test_deleting_asks_first(open_app, db_url) -> None:
    Store.open(db_url).add_application(draft())
    app = _open_first(open_app("app_pages/pipeline.py"))
    button(app, "Delete this application…").click().run()
    assert "Recently deleted, for 30 days" in texts(app)
    assert not Store.open(db_url).is_empty()
    button(app, "Keep it").click().run()
    assert not Store.open(db_url).is_empty()
    button(app, "Delete this application…").click().run()
    button(app, "Yes, delete it").click().run()
    assert not app.exception
    assert Store.open(db_url).is_empty()
    assert [item.id for item in Store.open(db_url).recently_deleted()] == [1]


def test_a_silent_application_can_be_marked_ghosted(open_app, sample_db) -> None:
    app = open_app("app_pages/pipeline.py")
    before = {a.id for a in sample_db.all() if a.stage is Stage.GHOSTED}
    # Drawn only once opened: a long silent list is no weight on every rerun.
    assert not [b for b in app.button if b.label == "Mark as ghosted"]
    app.session_state["pipeline:quiet"] = True
    app.run()
    button(app, "Mark as ghosted").click().run()
    assert not app.exception
    after = {a.id for a in sample_db.all() if a.stage is Stage.GHOSTED}
    assert len(after - before) == 1


def test_a_follow_up_can_be_added_to_an_application(open_app, db_url) -> None:
    Store.open(db_url).add_application(draft())
    app = _open_first(open_app("app_pages/pipeline.py"))
    app.selectbox(key="addfollowup:1:kind").select("ask_feedback")
    button(app, "Add follow-up").click().run()
    assert not app.exception
    assert [f.kind.value for f in Store.open(db_url).get(1).follow_ups] == ["ask_feedback"]


def test_a_save_refused_because_the_database_is_busy_says_so_and_saves_nothing(
    open_app, db_url: str, monkeypatch
) -> None:
    def busy(*_args: object, **_kwargs: object) -> int:
        raise Busy("bounceback is busy saving something else. Nothing was saved; please try again.")

    monkeypatch.setattr(Store, "add_application", busy)
    app = open_app("app_pages/pipeline.py")
    app.text_input(key="add:company").input("Quayside Lettings")
    app.text_input(key="add:role").input("Lettings Negotiator")
    button(app, "Add application").click().run()
    assert not app.exception
    assert "busy saving something else" in texts(app)
    assert Store.open(db_url).is_empty()


def test_only_a_web_address_becomes_the_adverts_link(open_app, db_url) -> None:
    store = Store.open(db_url)
    for company in ("Safe Ltd", "Odd Ltd"):
        store.add_application(draft(company=company, link="https://jobs.example/1"))
    # The forms refuse anything else; a database written by other means may still hold it.
    with store.engine.begin() as connection:
        connection.execute(
            sa.update(applications)
            .where(applications.c.company == "Odd Ltd")
            .values(link="javascript:alert(1)")
        )
    for item in store.all():
        app = open_app("app_pages/pipeline.py")
        app.session_state["selected_application"] = item.id
        app.run()
        assert not app.exception
        assert ("Open the advert" in sent(app)) is (item.draft.company == "Safe Ltd")


def test_the_table_shows_no_applied_date_for_an_application_only_saved(open_app, db_url) -> None:
    store = Store.open(db_url)
    store.add_application(draft(company="Saved Only"), Stage.SAVED)
    store.add_application(draft(company="Sent"), Stage.APPLIED)
    app = open_app("app_pages/pipeline.py")
    app.segmented_control(key="pipeline:view").set_value("Table").run()
    shown = app.dataframe[0].value.set_index("company")["applied_on"]
    assert shown.isna()["Saved Only"]
    assert not shown.isna()["Sent"]


def test_the_form_with_every_field_is_drawn_once_opened_and_kept_when_folded(
    open_app, sample_db
) -> None:
    """Folded, its fields cost every rerun; once typed in, folding it must lose nothing."""
    app = open_app("app_pages/pipeline.py")
    assert not [box for box in app.text_input if box.key == "add:company"]
    app = full_form(app)
    assert app.text_input(key="add:company")
    app.session_state["pipeline:add_open"] = False
    app.run()
    assert not app.exception
    # Still drawn, only folded: the browser keeps what was typed in a drawn form.
    assert app.text_input(key="add:company")
