"""Where the database lives: environment, then secrets.toml, then a local file."""

import re
import tomllib
from pathlib import Path

import pytest

from bounceback.config import (
    ENV_VAR,
    PROJECT_ROOT,
    ConfigError,
    auth_configured,
    data_may_vanish,
    database_url,
    default_url,
    login_providers,
    owner_for,
    public_demo,
)


def test_the_environment_wins() -> None:
    secrets = {"connections": {"bounceback": {"url": "postgresql://from-secrets"}}}
    assert database_url({ENV_VAR: "sqlite:///env.db"}, secrets) == "sqlite:///env.db"


def test_secrets_come_next() -> None:
    secrets = {"connections": {"bounceback": {"url": "postgresql://from-secrets"}}}
    assert database_url({}, secrets) == "postgresql://from-secrets"


def test_a_local_sqlite_file_is_the_default() -> None:
    assert database_url({}, {}) == default_url()
    assert default_url().startswith("sqlite:///") and default_url().endswith("data/bounceback.db")


def test_unrelated_secrets_are_ignored() -> None:
    assert database_url({}, {"connections": {"other": {"url": "x"}}}) == default_url()


@pytest.mark.parametrize(
    ("secrets", "expected"),
    [
        ({}, False),
        ({"auth": {"redirect_uri": "x", "client_id": "y"}}, True),
        ({"auth": "not a section"}, False),
    ],
)
def test_login_is_required_only_with_an_auth_section(secrets, expected):
    assert auth_configured(secrets) is expected


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ({"client_id": "y", "cookie_secret": "z"}, [None]),
        (
            {"cookie_secret": "z", "google": {"client_id": "g"}, "microsoft": {}},
            ["google", "microsoft"],
        ),
        ({"cookie_secret": "z"}, [None]),
    ],
)
def test_sign_in_offers_each_named_provider_or_the_default(section, expected):
    assert login_providers({"auth": section}) == expected


@pytest.mark.parametrize(
    ("environ", "secrets", "expected"),
    [
        ({}, {}, False),
        ({}, {"public_demo": True}, True),
        ({}, {"public_demo": False}, False),
        ({}, {"public_demo": "true"}, True),
        ({}, {"public_demo": " False "}, False),
        ({"BOUNCEBACK_PUBLIC_DEMO": "1"}, {}, True),
        ({"BOUNCEBACK_PUBLIC_DEMO": "Yes"}, {}, True),
        ({"BOUNCEBACK_PUBLIC_DEMO": '"true"'}, {}, True),
        ({"BOUNCEBACK_PUBLIC_DEMO": "off"}, {}, False),
        ({"BOUNCEBACK_PUBLIC_DEMO": ""}, {}, False),
        ({"BOUNCEBACK_PUBLIC_DEMO": "false"}, {"public_demo": True}, False),
    ],
)
def test_public_demo_is_on_only_when_clearly_asked_for(environ, secrets, expected):
    assert public_demo(environ, secrets) is expected


@pytest.mark.parametrize(
    ("environ", "secrets"),
    [
        ({"BOUNCEBACK_PUBLIC_DEMO": "enabled"}, {}),
        ({"BOUNCEBACK_PUBLIC_DEMO": "y"}, {}),
        ({}, {"public_demo": "yes please"}),
        ({}, {"public_demo": 2}),
        ({}, {"public_demo": {"on": True}}),
    ],
)
def test_a_public_demo_setting_that_is_neither_true_nor_false_is_refused(environ, secrets):
    with pytest.raises(ConfigError, match="neither true nor false"):
        public_demo(environ, secrets)


HOSTED = {"BOUNCEBACK_HOSTED": "true"}
DATABASE = {"connections": {"bounceback": {"url": "postgresql://db"}}}
AUTH_ONLY = {"auth": {"client_id": "x"}}


@pytest.mark.parametrize(
    ("environ", "secrets", "expected"),
    [
        (HOSTED, {}, True),
        (HOSTED, AUTH_ONLY, True),
        (HOSTED, {"public_demo": True}, False),
        (HOSTED, DATABASE, False),
        ({**HOSTED, ENV_VAR: "postgresql://db"}, {}, False),
        ({}, {}, False),
    ],
)
def test_a_hosted_app_without_a_database_is_flagged_as_losing_data(environ, secrets, expected):
    assert data_may_vanish(environ, secrets, root=PROJECT_ROOT) is expected


def test_community_cloud_is_recognised_by_where_it_checks_the_code_out():
    assert data_may_vanish({}, {}, root=PROJECT_ROOT.parent / "elsewhere") is False
    assert data_may_vanish({}, {}, root=Path("/mount/src/bounceback")) is True


def test_a_signed_in_user_is_known_by_their_email_whatever_its_case():
    assert owner_for({"email": " Ada@Example.COM "}) == "user:ada@example.com"


def test_a_user_without_an_email_is_known_by_the_provider_subject():
    assert (
        owner_for({"sub": "10769150350006150715113082367"}) == "user:10769150350006150715113082367"
    )


def test_a_sign_in_with_nothing_to_go_by_is_refused():
    with pytest.raises(ValueError, match="neither an email nor a subject"):
        owner_for({"name": "Ada"})


def test_the_secrets_example_configures_everything_once_uncommented() -> None:
    example = PROJECT_ROOT / ".streamlit" / "secrets.toml.example"
    lines = example.read_text(encoding="utf-8").splitlines()
    settings = [re.sub(r"^# (?=\[|\w+ = )", "", line) for line in lines]
    secrets = tomllib.loads("\n".join(settings))
    assert auth_configured(secrets)
    assert login_providers(secrets) == [None]
    assert public_demo({}, secrets)
    assert database_url({}, secrets).startswith("postgresql+psycopg://")
