"""Where the database lives: one rule, shared by the app and the command line."""

from __future__ import annotations

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
SANDBOX_URL = "sqlite://"


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
    """Whether this is a public demo, where every visitor gets a throwaway sandbox."""
    environ = os.environ if environ is None else environ
    flag = environ.get(DEMO_ENV_VAR, "").strip().casefold()
    if flag:
        return flag in {"1", "true", "yes", "on"}
    return (secrets or {}).get("public_demo") is True


def owner_for(user: Mapping[str, object]) -> str:
    """The owner id of a signed-in user: their email, or the provider's stable subject."""
    email = str(user.get("email") or "").strip().casefold()
    if email:
        return f"user:{email}"
    subject = str(user.get("sub") or "").strip()
    if not subject:
        raise ValueError("The sign-in gave neither an email nor a subject to identify you by.")
    return f"user:{subject}"
