"""The board and quick add in Chromium: Open shows a dialog, a stage moves from it, an advert
pasted into quick add is read and confirmed; screenshots at 1280x720 and 390 px, light and dark.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from bounceback.domain import Event, Settings, Stage
from bounceback.storage import Store
from tests.conftest import draft
from tools.server import goto, wait_for_rerun

pytestmark = pytest.mark.browser

ADVERT = """Senior Data Analyst
Lumen Analytics
Location: Leeds (hybrid)
Salary: £42,000 - £48,000 per annum
Closing date: 30 December 2030

We are looking for an analyst who enjoys SQL and clear writing.
"""
# Where screenshots go when asked for (BOUNCEBACK_SHOTS=folder), to be looked at.
SHOTS = os.environ.get("BOUNCEBACK_SHOTS")


def _no_exception(page: Page) -> None:
    """The page ran its script without a Python error shown."""
    expect(page.locator("[data-testid=stException]")).to_have_count(0)


def _shot(page: Page, name: str) -> None:
    """A screenshot of what the user sees, when a folder for them was given."""
    if SHOTS:
        page.screenshot(path=Path(SHOTS) / f"{name}.png")


def _seeded(db_url: str) -> Store:
    """Three applications: one applied, one in screening, one saved."""
    store = Store.open(db_url)
    store.save_settings(Settings(onboarded=True))
    day = date.today() - timedelta(days=4)
    store.add_application(draft(company="Lumen Analytics", applied_on=day), today=date.today())
    screening = store.add_application(draft(company="Kestrel Ltd", applied_on=day))
    store.record(screening, Event(Stage.SCREENING, day), 1)
    store.add_application(draft(company="Tern Co"), Stage.SAVED, date.today())
    return store


def _card(page: Page, company: str):
    """A card on the board: the innermost block holding the company's name."""
    blocks = page.locator("[data-testid=stVerticalBlock]")
    return blocks.filter(has=page.get_by_text(company, exact=True)).last


def test_open_shows_a_dialog_where_the_stage_moves(page: Page, start_server, db_url) -> None:
    store = _seeded(db_url)
    server = start_server(db_url)
    goto(page, server.url + "/pipeline")
    _card(page, "Lumen Analytics").get_by_role("button", name="Open").click()
    wait_for_rerun(page)
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_text("Lumen Analytics · HR Coordinator")).to_be_visible()
    dialog.get_by_role("button", name="Save stage change").click()
    wait_for_rerun(page)
    _no_exception(page)
    lumen = next(a for a in store.all() if a.draft.company == "Lumen Analytics")
    assert lumen.stage is Stage.SCREENING
    expect(dialog.get_by_text("HR Coordinator moved to screening")).to_be_visible()
    dialog.get_by_role("button", name="Close").last.click()  # the panel's, not the corner's
    wait_for_rerun(page)
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_text("Screening · 2")).to_be_visible()


def test_move_to_interview_asks_its_kind_in_the_dialog(page: Page, start_server, db_url) -> None:
    store = _seeded(db_url)
    server = start_server(db_url)
    goto(page, server.url + "/pipeline")
    page.get_by_role("button", name="Move to interview").click()
    wait_for_rerun(page)
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("Kestrel Ltd · HR Coordinator")).to_be_visible()
    dialog.get_by_role("button", name="Save stage change").click()
    wait_for_rerun(page)
    _no_exception(page)
    kestrel = next(a for a in store.all() if a.draft.company == "Kestrel Ltd")
    assert kestrel.stage is Stage.INTERVIEW


def test_a_pasted_advert_is_confirmed_then_saved(page: Page, start_server, db_url) -> None:
    store = _seeded(db_url)
    server = start_server(db_url)
    goto(page, server.url + "/pipeline")
    page.get_by_text("Or paste the job advert").click()
    page.get_by_role("textbox", name="Job advert (plain text)").fill(
        ADVERT.replace("Lumen", "Quill")
    )
    page.get_by_role("button", name="Add", exact=True).click()
    wait_for_rerun(page)
    _no_exception(page)
    expect(page.get_by_text("Check what we read from the advert")).to_be_visible()
    expect(page.get_by_label("Company *").first).to_have_value("Quill Analytics")
    expect(page.get_by_label("Role *").first).to_have_value("Senior Data Analyst")
    assert len(store.all()) == 3, "nothing saved before the user confirms"
    page.get_by_role("button", name="Save application").click()
    wait_for_rerun(page)
    _no_exception(page)
    saved = next(a for a in store.all() if a.draft.company == "Quill Analytics")
    assert saved.draft.salary_min == 42000
    assert "clear writing" in saved.draft.job_description
    expect(page.get_by_text("Added Quill Analytics (Senior Data Analyst).")).to_be_visible()


def test_quick_add_from_today_with_enter(page: Page, start_server, db_url) -> None:
    store = _seeded(db_url)
    server = start_server(db_url)
    goto(page, server.url + "/")
    page.get_by_label("Company", exact=True).fill("Wren & Co")
    page.get_by_label("Role", exact=True).fill("Analyst")
    page.get_by_label("Role", exact=True).press("Enter")
    wait_for_rerun(page)
    _no_exception(page)
    assert any(a.draft.company == "Wren & Co" for a in store.all())


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [(1280, 720), (390, 844)])
def test_the_board_and_its_dialog_at_each_size(
    browser: Browser, start_server, db_url, scheme: str, size: tuple[int, int]
) -> None:
    _seeded(db_url)
    server = start_server(db_url)
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]}, color_scheme=scheme
    )
    page = context.new_page()
    try:
        goto(page, server.url + "/pipeline", settle=True)
        _no_exception(page)
        expect(page.get_by_text("Applied · 1")).to_be_visible()
        _shot(page, f"board-{scheme}-{size[0]}")
        _card(page, "Lumen Analytics").get_by_role("button", name="Open").click()
        wait_for_rerun(page)
        dialog = page.get_by_role("dialog")
        expect(dialog).to_be_visible()
        box = dialog.bounding_box()
        assert box is not None and box["width"] <= size[0], "the dialog fits the screen"
        _shot(page, f"dialog-{scheme}-{size[0]}")
    finally:
        context.close()
