"""User text shown through Streamlit's markdown stays one literal line of text."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=])")
# Every run of whitespace, line breaks of every kind included (\r, \u2028, \x85...).
_WHITESPACE = re.compile(r"\s+")
# What GitHub-flavoured markdown turns into a link by itself, found in the text after escapes
# are undone: "www.", "http://", "https://" and e-mail addresses.
_AUTOLINK_STARTS = re.compile(r"(?i)(?<![^\W_])(www)(?=\\?\.)|(https?)(?=\\?:)|(?<=\w)(?=@)")
# An invisible word joiner breaks the pattern without changing what a reader sees.
_JOINER = "\u2060"


def _line(text: object) -> str:
    """User text escaped as one line: breaks and runs of spaces become one space."""
    flat = _WHITESPACE.sub(" ", str(text))
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", flat)
    return _AUTOLINK_STARTS.sub(lambda found: (found.group(0) or "") + _JOINER, escaped)


def md(text: object) -> str:
    """Escape markdown so a company called '[x](javascript:...)' is shown, never run."""
    return _line(text).strip()


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
        pieces.append(_line(text[position:start]))
        pieces.append(f":orange-background[{_line(text[start:end])}]")
        position = end
    pieces.append(_line(text[position:]))
    return "".join(pieces).strip()
