"""One list of currencies and countries, read by Settings and by the importer alike."""

from __future__ import annotations

import pytest

from bounceback.advice import for_country
from bounceback.config import COUNTRIES, CURRENCIES
from bounceback.csv_text import read_table
from bounceback.importers import plan_import
from tests.conftest import TODAY


@pytest.mark.parametrize("code", CURRENCIES)
def test_every_currency_settings_offers_is_read_from_an_imported_salary(code: str) -> None:
    data = f'Company,Role,Date applied,Salary\nCobalt,Analyst,2026-10-01,"40000 {code}"\n'
    found = plan_import(read_table(data.encode()), today=TODAY).rows[0].application.draft
    assert (found.salary_min, found.currency) == (40_000, code)


@pytest.mark.parametrize("country", [code for code in COUNTRIES if code != "other"])
def test_every_country_settings_offers_has_advice_of_its_own(country: str) -> None:
    assert for_country(country) != for_country("other")
