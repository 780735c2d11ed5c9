"""Where the database lives: environment, then secrets.toml, then a local file."""

from bounceback.config import ENV_VAR, database_url, default_url


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
