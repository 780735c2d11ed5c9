"""User text shown through Streamlit's markdown stays literal text."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def md(text: object) -> str:
    """Escape markdown so a company called '[x](javascript:...)' is shown, never run."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text)).replace("\n", " ")


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 day', '3 days': plain words instead of 'day(s)'."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"
