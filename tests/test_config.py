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
    legacy_owners,
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


GOOGLE = "https://accounts.google.com"
OTHER = "https://login.other.example"


def test_a_signed_in_user_is_known_by_their_issuer_and_subject():
    user = {"iss": GOOGLE, "sub": "1076915", "email": "Ada@Example.COM", "email_verified": True}
    assert owner_for(user) == f"oidc:{GOOGLE}|sub:1076915"


def test_the_same_subject_at_two_issuers_is_two_people():
    assert owner_for({"iss": GOOGLE, "sub": "42"}) != owner_for({"iss": OTHER, "sub": "42"})


def test_a_subject_never_passes_for_an_email():
    by_subject = owner_for({"iss": OTHER, "sub": "alice@example.com"})
    by_email = owner_for({"iss": OTHER, "email": "alice@example.com", "email_verified": True})
    assert by_subject != by_email
    assert by_subject != "user:alice@example.com"


@pytest.mark.parametrize("verified", [True, "true", "TRUE"])
def test_without_a_subject_a_verified_email_is_used_namespaced_by_issuer(verified):
    user = {"iss": GOOGLE, "email": " Ada@Example.COM ", "email_verified": verified}
    assert owner_for(user) == f"oidc:{GOOGLE}|email:ada@example.com"


@pytest.mark.parametrize("verified", [None, False, "false", "yes", 1])
def test_an_unverified_email_identifies_nobody(verified):
    with pytest.raises(ValueError, match="neither a subject nor a verified email"):
        owner_for({"iss": GOOGLE, "email": "alice@example.com", "email_verified": verified})


def test_a_sign_in_from_no_known_issuer_is_refused():
    with pytest.raises(ValueError, match="which provider"):
        owner_for({"sub": "42", "email": "a@example.com", "email_verified": True})


def test_the_configured_provider_stands_in_for_a_missing_issuer():
    assert owner_for({"provider": "google", "sub": "42"}) == "oidc:provider:google|sub:42"


def test_an_identity_too_long_for_the_column_is_kept_as_its_hash():
    found = owner_for({"iss": GOOGLE, "sub": "x" * 255})
    assert found.startswith("oidc:sha256:") and len(found) <= 200
    assert found != owner_for({"iss": OTHER, "sub": "x" * 255})


@pytest.mark.parametrize(
    ("user", "providers", "expected"),
    [
        ({"sub": "1", "email": "Ann@x.example", "email_verified": True}, 2, ["user:ann@x.example"]),
        ({"sub": "1", "email": "ann@x.example", "email_verified": False}, 1, []),
        ({"sub": "1", "email": "ann@x.example"}, 1, []),
        ({"sub": "10769"}, 1, ["user:10769"]),
        ({"sub": "10769"}, 2, []),
        ({"sub": "alice@example.com"}, 1, []),
    ],
)
def test_only_a_verified_email_or_a_lone_providers_subject_claims_a_legacy_owner(
    user, providers, expected
):
    assert legacy_owners({"iss": GOOGLE, **user}, providers) == expected


def test_the_secrets_example_configures_everything_once_uncommented() -> None:
    example = PROJECT_ROOT / ".streamlit" / "secrets.toml.example"
    lines = example.read_text(encoding="utf-8").splitlines()
    settings = [re.sub(r"^# (?=\[|\w+ = )", "", line) for line in lines]
    secrets = tomllib.loads("\n".join(settings))
    assert auth_configured(secrets)
    assert login_providers(secrets) == [None]
    assert public_demo({}, secrets)
    assert database_url({}, secrets).startswith("postgresql+psycopg://")
