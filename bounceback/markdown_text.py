"""User text made inert for anything that reads Markdown: a page, a downloaded .md file."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=])")
# Every run of whitespace, line breaks of every kind included (\r, \u2028, \x85...).
_WHITESPACE = re.compile(r"\s+")
# What GitHub-flavoured markdown turns into a link by itself, found in the text after escapes
# are undone: "www.", "http://", "https://" and e-mail addresses.
_AUTOLINK_STARTS = re.compile(r"(?i)(?<![^\W_])(www)(?=\\?\.)|(https?)(?=\\?:)|(?<=\w)(?=@)")
# Streamlit draws ":material/home:" as an icon and ":pizza:" as an emoji even with the colons
# escaped: a joiner after a colon that starts one (a letter, or the + and - of ":+1:") keeps
# them text. A time such as 10:30 is left alone.
_SHORTCODE_STARTS = re.compile(r"(?<=\\:)(?=[^\W\d_]|\\[+\-])")
# An invisible word joiner breaks the pattern without changing what a reader sees.
_JOINER = "\u2060"


def inert_line(text: object) -> str:
    """User text as one literal line: breaks and runs of spaces become one space, and nothing
    in it can become a list, heading, link, image, table or HTML ("1. Be brief" stays text)."""
    flat = _WHITESPACE.sub(" ", str(text))
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", flat)
    unlinked = _AUTOLINK_STARTS.sub(lambda found: (found.group(0) or "") + _JOINER, escaped)
    return _SHORTCODE_STARTS.sub(_JOINER, unlinked)
