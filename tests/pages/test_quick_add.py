"""Quick add on Pipeline and Today: a line for company and role, or a pasted advert to confirm."""

from __future__ import annotations

from datetime import date

import pytest

from bounceback.domain import Settings, Stage
from bounceback.storage import Store
from tests.pages.conftest import button, texts

ADVERT = """Senior Data Analyst
Lumen Analytics
Location: Leeds (hybrid)
Salary: £42,000 - £48,000 per annum
Closing date: 30 December 2026

We are looking for an analyst who enjoys SQL and clear writing.
"""
HOURLY = """Warehouse Team Leader
Kestrel Logistics
Location: Bristol
Pay: £14.50 per hour
"""


@pytest.fixture
def onboarded(db_url: str) -> Store:
    """A store past the welcome, so Today shows its page."""
    store = Store.open(db_url)
    store.save_settings(Settings(onboarded=True))
    return store


@pytest.mark.parametrize("page", ["app_pages/pipeline.py", "app_pages/home.py"])
def test_company_and_role_are_enough_dated_today_and_applied(open_app, onboarded, page) -> None:
    app = open_app(page)
    app.text_input(key="quick:company").input("Lumen Analytics")
    app.text_input(key="quick:role").input("Data Analyst")
    app.text_input(key="quick:link").input("https://jobs.example/42")
    button(app, "Add").click().run()
    assert not app.exception
    assert "Added Lumen Analytics (Data Analyst)." in texts(app)
    [saved] = onboarded.all()
    assert saved.stage is Stage.APPLIED
    assert saved.draft.applied_on == date.today()
    assert saved.draft.link == "https://jobs.example/42"
    assert app.text_input(key="quick:company").value == "", "ready for the next one"


def test_a_missing_role_is_named_and_nothing_is_written(open_app, onboarded) -> None:
    app = open_app("app_pages/pipeline.py")
    app.text_input(key="quick:company").input("Lumen Analytics")
    app.text_input(key="quick:link").input("ftp://nowhere")
    button(app, "Add").click().run()
    assert not app.exception
    errors = [str(element.value) for element in app.error]
    assert "Role is required." in errors
    assert any("http" in error for error in errors)
    assert onboarded.is_empty()
    assert app.text_input(key="quick:company").value == "Lumen Analytics", "what was typed stays"


def test_a_company_name_over_the_limit_is_named_kept_and_nothing_is_written(
    open_app, onboarded
) -> None:
    # The box has no length cap of its own: a browser ignored a paste over one, so the
    # user was told "Company is required" about a name they could see they had pasted.
    long_name = "Very Long Company Name " * 20
    app = open_app("app_pages/pipeline.py")
    app.text_input(key="quick:company").input(long_name)
    app.text_input(key="quick:role").input("Data Analyst")
    button(app, "Add").click().run()
    assert not app.exception
    errors = [str(element.value) for element in app.error]
    assert any("Company is too long" in error for error in errors), errors
    assert not any("Company is required" in error for error in errors)
    assert onboarded.is_empty()
    assert app.text_input(key="quick:company").value == long_name, "what was typed stays"


def test_a_pasted_advert_is_read_shown_to_confirm_and_kept(open_app, onboarded) -> None:
    app = open_app("app_pages/pipeline.py")
    app.text_area(key="quick:advert").input(ADVERT)
    button(app, "Add").click().run()
    assert not app.exception
    assert onboarded.is_empty(), "nothing is saved before the user confirms"
    assert app.text_input(key="quick-confirm:company").value == "Lumen Analytics"
    assert app.text_input(key="quick-confirm:role").value == "Senior Data Analyst"
    assert "Leeds" in app.text_input(key="quick-confirm:location").value
    assert app.number_input(key="quick-confirm:salary_min").value == 42000
    assert app.number_input(key="quick-confirm:salary_max").value == 48000
    assert "30 Dec 2026" in app.text_area(key="quick-confirm:notes").value
    assert "Company, from:" in texts(app)
    app.text_input(key="quick-confirm:role").input("Data Analyst (senior)")
    button(app, "Save application").click().run()
    assert not app.exception
    [saved] = onboarded.all()
    assert saved.draft.role == "Data Analyst (senior)", "the user's correction is what is saved"
    assert saved.draft.salary_min == 42000
    assert saved.stage is Stage.APPLIED
    assert "enjoys SQL and clear writing" in saved.draft.job_description
    assert app.text_input(key="quick:company").value == ""


def test_pay_per_hour_is_shown_but_not_copied_into_the_yearly_salary(open_app, onboarded) -> None:
    app = open_app("app_pages/pipeline.py")
    app.text_area(key="quick:advert").input(HOURLY)
    button(app, "Add").click().run()
    assert not app.exception
    assert app.number_input(key="quick-confirm:salary_min").value is None
    assert "was not copied: the salary fields are yearly" in texts(app)


def test_an_advert_with_nothing_to_name_it_writes_nothing_until_fixed(open_app, onboarded) -> None:
    app = open_app("app_pages/pipeline.py")
    app.text_area(key="quick:advert").input("we are hiring, come and talk to us")
    button(app, "Add").click().run()
    app.text_input(key="quick-confirm:company").input("")
    app.text_input(key="quick-confirm:role").input("")
    button(app, "Save application").click().run()
    assert not app.exception
    assert "Company is required." in [str(element.value) for element in app.error]
    assert onboarded.is_empty()
    button(app, "Cancel").click().run()
    assert onboarded.is_empty()
    assert app.text_input(key="quick:company").value == ""


def test_quick_add_while_presenting_starts_blank(open_app, onboarded) -> None:
    app = open_app("app_pages/pipeline.py")
    app.text_input(key="quick:company").input("Zebulon Quartzworks").run()
    app.session_state["presenter"] = True
    app.run()
    assert not app.exception
    assert app.text_input(key="quick-presenting:company").value == ""
    app.text_input(key="quick-presenting:company").input("Ninefold Ltd")
    app.text_input(key="quick-presenting:role").input("Analyst")
    button(app, "Add").click().run()
    assert [item.draft.company for item in onboarded.all()] == ["Ninefold Ltd"]
