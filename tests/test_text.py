"""User text in markdown: one literal line, no structure, no links made from it."""

from __future__ import annotations

import re

import pytest

from components.text import highlight, md

JOINER = "\u2060"


def _shown(markdown: str) -> str:
    """What a reader sees: escapes undone, the invisible joiner dropped."""
    return re.sub(r"\\(.)", r"\1", markdown).replace(JOINER, "")


@pytest.mark.parametrize(
    "text",
    [
        "Data Engineer\r\n==========",
        "Data Engineer\r==========",
        "Data Engineer\n----------",
        "First line\r\r    four spaces make a code block",
        "    leading spaces",
        "line\u2028separator\x85next\x0bvertical\x0cfeed",
    ],
)
def test_user_text_is_one_line_with_no_leading_spaces(text):
    escaped = md(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert not re.search(r"\s{2,}", escaped)
    assert escaped == escaped.strip()
    assert _shown(escaped) == " ".join(text.split())


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("www.evil.example/login", r"(?<![\w\\])www\\?\."),
        ("go to https://evil.example/x now", r"https?\\?:"),
        ("HTTP://evil.example", r"(?i)https?\\?:"),
        ("write to alice@evil.example", r"\w@"),
    ],
)
def test_nothing_in_user_text_is_left_for_markdown_to_autolink(text, pattern):
    escaped = md(text)
    assert not re.search(pattern, escaped)
    assert _shown(escaped) == text


@pytest.mark.parametrize(
    "text", [":material/rocket_launch:", "a :pizza: party", ":+1: thanks", ":red[red?]"]
)
def test_no_shortcode_in_user_text_becomes_an_icon_an_emoji_or_a_colour(text):
    escaped = md(text)
    # Streamlit reads a shortcode from the text after escapes are undone: a colon and a word.
    assert not re.search(r":[^\W\d_]|:\+", re.sub(r"\\(.)", r"\1", escaped))
    assert _shown(escaped) == text


def test_a_time_keeps_its_colon_as_typed():
    assert md("Friday 10:00") == "Friday 10\\:00"


def test_highlighted_text_is_one_line_too_and_keeps_its_spaces():
    text = "Great\r\n=====\nanswer about SQL"
    spans = [(text.index("SQL"), len(text))]
    escaped = highlight(text, spans)
    assert "\n" not in escaped and "\r" not in escaped
    assert escaped.endswith(":orange-background[SQL]")
    assert "answer about :orange" in escaped
