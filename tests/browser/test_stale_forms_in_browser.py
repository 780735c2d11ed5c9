"""Two tabs on one server: a save from a form opened before another tab's save never wins."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from bounceback.storage import Store
from tests.conftest import draft
from tools.server import goto, wait_for_rerun

pytestmark = pytest.mark.browser


def _no_exception(page: Page) -> None:
    boxes = page.locator("[data-testid=stException]")
    if boxes.count():
        pytest.fail(boxes.first.inner_text(), pytrace=False)


def _open_edit(page: Page, url: str):
    """Open the one application's Edit tab; its panel."""
    goto(page, url + "/pipeline")
    page.locator("[data-testid=stButton]").get_by_role("button", name="Open").first.click()
    wait_for_rerun(page)
    page.get_by_role("tab", name="Edit").click()
    wait_for_rerun(page)
    return page.get_by_role("tabpanel", name="Edit")


def _save(page: Page, panel) -> None:
    panel.get_by_role("button", name="Save changes").click()
    wait_for_rerun(page)
    _no_exception(page)


def test_a_stale_tab_cannot_save_its_old_values_over_another_tabs(
    page: Page, start_server, db_url
) -> None:
    store = Store.open(db_url)
    store.add_application(draft(location="Leeds"))
    server = start_server(db_url)
    other = page.context.new_page()
    panel_a = _open_edit(page, server.url)
    panel_b = _open_edit(other, server.url)

    panel_a.get_by_label("Location").fill("LOC-FROM-A")
    _save(page, panel_a)
    assert store.get(1).draft.location == "LOC-FROM-A"

    panel_b.get_by_label("Notes").fill("Notes from B")
    _save(other, panel_b)
    reload = other.get_by_role("button", name="Reload the saved version")
    expect(reload).to_be_visible()
    _save(other, panel_b)
    saved = store.get(1).draft
    assert (saved.location, saved.notes) == ("LOC-FROM-A", ""), "the second try is refused too"
    expect(other.get_by_text("The saved version differs in: Location")).to_be_visible()

    reload.click()
    wait_for_rerun(other)
    expect(panel_b.get_by_label("Location")).to_have_value("LOC-FROM-A")
    panel_b.get_by_label("Notes").fill("Notes from B")
    _save(other, panel_b)
    saved = store.get(1).draft
    assert (saved.location, saved.notes) == ("LOC-FROM-A", "Notes from B")
