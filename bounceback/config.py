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
DEFAULT_OWNER = "local"


def default_url() -> str:
    """A SQLite file inside the project, so a first run needs no set-up at all."""
    return f"sqlite:///{DEFAULT_DB_PATH}"


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
