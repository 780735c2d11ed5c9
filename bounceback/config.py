"""Where the database lives: one rule, shared by the app and the command line."""

from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_DB_PATH = DATA_DIR / "bounceback.db"
ENV_VAR = "BOUNCEBACK_DB_URL"
BACKUP_DIR_ENV_VAR = "BOUNCEBACK_BACKUP_DIR"
DEFAULT_OWNER = "local"
# The currencies Settings offers and imported salaries are read in, the most used first.
CURRENCIES = (
    "GBP",
    "EUR",
    "USD",
    "CAD",
    "AUD",
    "NZD",
    "CHF",
    "INR",
    "ZAR",
    "JPY",
    "SEK",
    "NOK",
    "DKK",
    "SGD",
    "HKD",
    "PLN",
)
# The countries with advice links of their own (data/advice.yaml), and everywhere else.
COUNTRIES = {
    "GB": "United Kingdom",
    "IE": "Ireland",
    "US": "United States",
    "CA": "Canada",
    "AU": "Australia",
    "NZ": "New Zealand",
    "other": "Somewhere else",
}


def default_url() -> str:
    """A SQLite file inside the project, so a first run needs no set-up at all."""
    return f"sqlite:///{DEFAULT_DB_PATH}"


def backup_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where safety copies go before anything is replaced: data/backups unless configured."""
    environ = os.environ if environ is None else environ
    configured = environ.get(BACKUP_DIR_ENV_VAR)
    return Path(configured).expanduser() if configured else DATA_DIR / "backups"


def secrets_url(secrets: Mapping[str, object]) -> str | None:
    """The `[connections.bounceback] url` entry, as Streamlit's secrets.toml spells it."""
    connections = secrets.get("connections")
    if not isinstance(connections, Mapping):
        return None
    section = connections.get("bounceback")
    if not isinstance(section, Mapping):
        return None
    url = section.get("url")
    return str(url) if url else None


def read_secrets_file(path: Path = PROJECT_ROOT / ".streamlit" / "secrets.toml") -> dict:
    """The secrets file for the command line, which runs without Streamlit."""
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def database_url(
    environ: Mapping[str, str] | None = None, secrets: Mapping[str, object] | None = None
) -> str:
    """The environment wins, then secrets.toml, then the local SQLite file."""
    environ = os.environ if environ is None else environ
    if environ.get(ENV_VAR):
        return environ[ENV_VAR]
    from_secrets = secrets_url(read_secrets_file() if secrets is None else secrets)
    return from_secrets or default_url()


DEMO_ENV_VAR = "BOUNCEBACK_PUBLIC_DEMO"
HOSTED_ENV_VAR = "BOUNCEBACK_HOSTED"
SANDBOX_URL = "sqlite://"
# The one set of words a yes/no setting may use, in any case, in quotes or not.
TRUE_WORDS = frozenset({"true", "yes", "on", "1"})
FALSE_WORDS = frozenset({"false", "no", "off", "0"})
# Where Streamlit Community Cloud checks a repository out.
COMMUNITY_CLOUD_ROOT = Path("/mount/src")


class ConfigError(ValueError):
    """A setting the app cannot be sure it understands, so it will not start on a guess."""


def flag(value: object, name: str) -> bool:
    """A yes/no setting: true/false (TOML's or quoted), yes/no, on/off, 1/0; else refused."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().strip("\"'").strip().casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigError(
        f"{name} is set to {value!r}, which is neither true nor false. "
        "Set it to true or false, and start the app again."
    )


def auth_configured(secrets: Mapping[str, object]) -> bool:
    """Whether secrets.toml has an `[auth]` section, so visitors must sign in."""
    return isinstance(secrets.get("auth"), Mapping)


def login_providers(secrets: Mapping[str, object]) -> list[str | None]:
    """The providers to offer: named `[auth.NAME]` sections, or None for a single default."""
    section = secrets.get("auth")
    if not isinstance(section, Mapping):
        return []
    named = [name for name, value in section.items() if isinstance(value, Mapping)]
    return [None] if "client_id" in section or not named else named


def public_demo(
    environ: Mapping[str, str] | None = None, secrets: Mapping[str, object] | None = None
) -> bool:
    """Whether this is a public demo, where every visitor gets a throwaway sandbox.

    Anything but a clear true or false is a ConfigError: a typo must never leave anonymous
    visitors on the shared database, nor a meant demo writing to it.
    """
    environ = os.environ if environ is None else environ
    if environ.get(DEMO_ENV_VAR, "").strip():
        return flag(environ[DEMO_ENV_VAR], DEMO_ENV_VAR)
    value = (secrets or {}).get("public_demo")
    return False if value is None else flag(value, "public_demo in the secrets")


def hosted(environ: Mapping[str, str] | None = None, root: Path = PROJECT_ROOT) -> bool:
    """Whether the app runs on a host whose disk is wiped on restart (Community Cloud)."""
    environ = os.environ if environ is None else environ
    if environ.get(HOSTED_ENV_VAR, "").strip():
        return flag(environ[HOSTED_ENV_VAR], HOSTED_ENV_VAR)
    return root.is_relative_to(COMMUNITY_CLOUD_ROOT)


def data_may_vanish(
    environ: Mapping[str, str] | None = None,
    secrets: Mapping[str, object] | None = None,
    root: Path = PROJECT_ROOT,
) -> bool:
    """A hosted app keeping real data in a local SQLite file, which a restart wipes."""
    environ = os.environ if environ is None else environ
    secrets = {} if secrets is None else secrets
    if not hosted(environ, root) or environ.get(ENV_VAR) or secrets_url(secrets):
        return False
    return auth_configured(secrets) or not public_demo(environ, secrets)


# The owner_id column's width; a longer identity is stored as its hash.
OWNER_ID_LIMIT = 200


def _verified_email(user: Mapping[str, object]) -> str:
    """The e-mail claim, casefolded, only when the provider says it checked it."""
    verified = user.get("email_verified")
    if verified is not True and str(verified).strip().casefold() != "true":
        return ""
    return str(user.get("email") or "").strip().casefold()


def _issuer(user: Mapping[str, object]) -> str:
    """Who vouches for this sign-in: the token's issuer, or the configured provider's name."""
    issuer = str(user.get("iss") or "").strip()
    provider = str(user.get("provider") or "").strip()
    return issuer or (f"provider:{provider}" if provider else "")


def _owner_key(issuer: str, kind: str, value: str) -> str:
    """One identity at one issuer, readable while it fits the column, else its hash."""
    key = f"oidc:{issuer}|{kind}:{value}"
    if len(key) <= OWNER_ID_LIMIT:
        return key
    return "oidc:sha256:" + hashlib.sha256(key.encode()).hexdigest()


def owner_for(user: Mapping[str, object]) -> str:
    """The owner id of a signed-in user: what their provider guarantees, never a bare claim.

    The issuer plus the subject (unique and never reassigned within an issuer), or, for a
    provider that sends no subject, the e-mail only when it is verified. Always namespaced
    by issuer, so nobody at one provider can be mistaken for someone at another, and a
    subject can never pass for an e-mail.
    """
    issuer = _issuer(user)
    if not issuer:
        raise ValueError("The sign-in did not say which provider it came from.")
    subject = str(user.get("sub") or "").strip()
    if subject:
        return _owner_key(issuer, "sub", subject)
    email = _verified_email(user)
    if email:
        return _owner_key(issuer, "email", email)
    raise ValueError("The sign-in gave neither a subject nor a verified email to identify you by.")


def legacy_owners(user: Mapping[str, object], providers: int) -> list[str]:
    """The owner ids of earlier versions (`user:` + e-mail or subject) this user may claim.

    A verified e-mail claims `user:` + that e-mail. A bare subject claims `user:` + subject
    only on a deployment with one provider (so it came from the same issuer), when the user
    has no e-mail and the subject cannot pass for one.
    """
    email = _verified_email(user)
    if email:
        return [f"user:{email}"]
    subject = str(user.get("sub") or "").strip()
    if subject and "@" not in subject and not user.get("email") and providers == 1:
        return [f"user:{subject}"]
    return []
