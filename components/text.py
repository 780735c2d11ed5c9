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


def highlight(text: str, spans: list[tuple[int, int]]) -> str:
    """Markdown for user text with some stretches highlighted; everything else stays literal."""
    pieces: list[str] = []
    position = 0
    for start, end in sorted(spans):
        if start < position or end <= start:
            continue
        pieces.append(md(text[position:start]))
        pieces.append(f":orange-background[{md(text[start:end])}]")
        position = end
    pieces.append(md(text[position:]))
    return "".join(pieces)
