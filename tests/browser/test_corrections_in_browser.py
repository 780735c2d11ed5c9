"""Save once and put mistakes right, in a real Chromium: double clicks, Undo, corrected dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from bounceback.domain import Event, InterviewKind, Settings, Stage
from bounceback.storage import Store
from tests.conftest import draft
from tools.server import goto, wait_for_rerun, wait_until_idle

pytestmark = pytest.mark.browser


def _no_exception(page: Page) -> None:
    boxes = page.locator("[data-testid=stException]")
    if boxes.count():
        pytest.fail(boxes.first.inner_text(), pytrace=False)


def _interviewed(db_url: str) -> Store:
    """One application with a phone interview a few days ago."""
    store = Store.open(db_url)
    start = date.today() - timedelta(days=10)
    store.add_application(draft(applied_on=start))
    store.record(1, Event(Stage.INTERVIEW, start + timedelta(days=3), InterviewKind.PHONE), 1)
    return store


def test_two_fast_clicks_on_save_create_one_reflection(page: Page, start_server, db_url) -> None:
    store = _interviewed(db_url)
    server = start_server(db_url)
    goto(page, server.url + "/reflect")
    page.get_by_label("The plus points to keep").fill("Clear examples")
    save = page.get_by_role("button", name="Save reflection")
    save.dblclick()
    wait_for_rerun(page)
    _no_exception(page)
    assert len(store.reflections(1)) == 1
    expect(page.get_by_text("Editing your reflection of")).to_be_visible()
    save.click()
    wait_for_rerun(page)
    assert len(store.reflections(1)) == 1, "saving again updates the one saved"


def test_undo_right_after_a_stage_move_takes_it_back(page: Page, start_server, db_url) -> None:
    store = _interviewed(db_url)
    server = start_server(db_url)
    goto(page, server.url + "/pipeline")
    page.locator("[data-testid=stButton]").get_by_role("button", name="Open").first.click()
    wait_for_rerun(page)
    page.get_by_role("button", name="Save stage change").click()
    wait_for_rerun(page)
    assert store.get(1).interview_rounds == 2
    page.get_by_role("button", name="Undo").click()
    wait_for_rerun(page)
    _no_exception(page)
    expect(page.get_by_text("Undone")).to_be_visible()
    assert store.get(1).interview_rounds == 1


def _sent_weeks(page: Page) -> list[str]:
    """The weeks on the Insights 'sent each week' chart, as the browser holds them."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')]
            .flatMap(plot => plot.data || [])
            .filter(trace => trace.name === 'Sent that week')
            .flatMap(trace => [...trace.x].map(String))"""
    )


def _open_basket(page: Page) -> None:
    """The weekly chart is drawn once its tab is open (the page's tabs run lazily)."""
    page.get_by_role("tab", name="Enough in the basket?").click()
    wait_for_rerun(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')]"
        ".some(plot => (plot.data || []).some(trace => trace.name === 'Sent that week'))"
    )


def test_an_edited_event_date_shows_on_insights(page: Page, start_server, db_url) -> None:
    store = Store.open(db_url)
    applied = date.today() - timedelta(days=70)
    store.add_application(draft(applied_on=applied))
    server = start_server(db_url)
    goto(page, server.url + "/insights")
    _open_basket(page)
    first_week = applied - timedelta(days=applied.weekday())
    expect(page.locator("[data-testid=stMain] .js-plotly-plot").first).to_be_visible()
    assert _sent_weeks(page)[0].startswith(first_week.isoformat())

    corrected = date.today() - timedelta(days=35)
    goto(page, server.url + "/pipeline")
    page.locator("[data-testid=stButton]").get_by_role("button", name="Open").first.click()
    wait_for_rerun(page)
    page.get_by_role("tab", name="History").click()
    panel = page.get_by_role("tabpanel", name="History")
    panel.get_by_role("spinbutton", name="day, Date").focus()  # a click opens the calendar
    page.keyboard.type(f"{corrected:%d%m%Y}")
    # The detail is a dialog now: a click on its title closes the calendar the typing opened.
    page.get_by_role("dialog").get_by_role("heading", name="Application").click()
    panel.get_by_role("button", name="Save correction").click()
    wait_for_rerun(page)
    _no_exception(page)
    assert store.get(1).draft.applied_on == corrected

    goto(page, server.url + "/insights")
    _open_basket(page)
    expect(page.locator("[data-testid=stMain] .js-plotly-plot").first).to_be_visible()
    new_week = corrected - timedelta(days=corrected.weekday())
    assert _sent_weeks(page)[0].startswith(new_week.isoformat())


def test_save_strengths_stays_on_its_tab_so_the_match_shows(
    page: Page, start_server, db_url
) -> None:
    _interviewed(db_url)
    server = start_server(db_url)
    goto(page, server.url + "/lessons")
    page.get_by_role("tab", name="Strengths and the job").click()
    wait_for_rerun(page)
    page.get_by_label("Paste a job description").fill("We need strong SQL and stakeholder skills.")
    page.get_by_label("Your strengths and skills, one per line").fill("SQL\nStakeholder management")
    page.get_by_role("button", name="Save strengths").click()
    wait_for_rerun(page)
    _no_exception(page)
    expect(page.get_by_role("tab", name="Strengths and the job")).to_have_attribute(
        "aria-selected", "true"
    )
    expect(page.locator("[data-testid=stMetric]", has_text="Match")).to_be_visible()


def test_two_fast_clicks_on_add_application_add_one(page: Page, start_server, db_url) -> None:
    store = Store.open(db_url)
    server = start_server(db_url)
    goto(page, server.url + "/pipeline")
    expander = page.locator("[data-testid=stExpander]", has_text="Add an application")
    expander.get_by_label("Company *").fill("Lumen Analytics")
    expander.get_by_label("Role *").fill("Data Analyst")
    expander.get_by_role("button", name="Add application").dblclick()
    # The second click starts a run beside the first (fast reruns), which Streamlit then
    # stops at any session-state access; both must still add exactly one.
    expect(page.locator("strong", has_text="Lumen Analytics")).to_be_visible(timeout=10_000)
    wait_until_idle(page)
    _no_exception(page)
    assert [a.draft.company for a in store.all()] == ["Lumen Analytics"]
    expect(expander.get_by_label("Company *")).to_have_value("")


def test_two_fast_clicks_on_the_quick_add_add_one_and_say_so(
    page: Page, start_server, db_url
) -> None:
    store = Store.open(db_url)
    store.save_settings(Settings(onboarded=True))
    server = start_server(db_url)
    goto(page, server.url + "/")
    page.get_by_label("Company", exact=True).fill("Lumen Analytics")
    page.get_by_label("Role", exact=True).fill("Data Analyst")
    page.get_by_role("button", name="Add", exact=True).dblclick()
    # Whichever click's run finishes, the user sees the save: a message and empty boxes.
    expect(page.get_by_text("Added Lumen Analytics (Data Analyst).")).to_be_visible()
    wait_until_idle(page)
    _no_exception(page)
    assert [a.draft.company for a in store.all()] == ["Lumen Analytics"]
    expect(page.get_by_label("Company", exact=True)).to_have_value("")


def test_three_fast_clicks_on_load_sample_data_load_it_once(
    page: Page, start_server, db_url
) -> None:
    store = Store.open(db_url)
    server = start_server(db_url)
    goto(page, server.url + "/")
    page.get_by_role("button", name="Load sample data").click(click_count=3)
    expect(page.get_by_text("Loaded a sample job hunt of 60 applications")).to_be_visible()
    wait_until_idle(page)
    _no_exception(page)
    assert len(store.all()) == 60
