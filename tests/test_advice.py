"""Advice links: every supported country has some, and they are plain https links."""

import pytest

from bounceback.advice import NOT_LEGAL_ADVICE, for_country


@pytest.mark.parametrize("country", ["GB", "IE", "US", "CA", "AU", "NZ", "other"])
def test_every_country_setting_has_neutral_sources(country: str) -> None:
    sources = for_country(country)
    assert sources
    assert all(source.url.startswith("https://") for source in sources)


def test_an_unknown_country_gets_the_general_pointer() -> None:
    assert for_country("XX") == for_country("other")


def test_uk_advice_names_acas() -> None:
    assert any(source.name == "Acas" for source in for_country("GB"))


def test_the_note_says_it_is_not_legal_advice() -> None:
    assert "not legal advice" in NOT_LEGAL_ADVICE
