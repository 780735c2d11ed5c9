"""User text shown through Streamlit's markdown stays one literal line of text."""

from __future__ import annotations

from bounceback.markdown_text import inert_line as _line


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
