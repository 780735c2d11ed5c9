"""Where to get neutral advice on possible discrimination, for the user's country."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from bounceback.config import DATA_DIR

NOT_LEGAL_ADVICE = (
    "This is general information, not legal advice. bounceback can't judge whether "
    "discrimination happened; these organisations can help you think it through."
)


@dataclass(frozen=True)
class Source:
    """One organisation that gives free, neutral information."""

    name: str
    what: str
    url: str


@cache
def _all(path: Path = DATA_DIR / "advice.yaml") -> dict[str, tuple[Source, ...]]:
    """Read the shipped list once."""
    with path.open(encoding="utf-8") as handle:
        return {
            country: tuple(Source(**item) for item in items)
            for country, items in yaml.safe_load(handle).items()
        }


def for_country(country: str) -> tuple[Source, ...]:
    """The organisations for a country setting, or the general pointer."""
    everything = _all()
    return everything.get(country, everything["other"])
