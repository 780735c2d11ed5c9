"""The feedback themes, compiled once per server until an advisor's override file changes."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from bounceback.themes import Lexicon, load_lexicon_safely, override_path


@st.cache_resource(show_spinner=False)
@st.cache_resource(show_spinner="Loading the feedback themes…")
def _compiled(path: str | None, modified: float | None) -> tuple[Lexicon, str | None]:
    """The shipped themes plus an advisor's file; `modified` makes a changed file recompile."""
    return load_lexicon_safely(Path(path) if path else None)


def lexicon_key() -> tuple[str | None, float | None]:
    """What the classification depends on besides the data: the override file and its age."""
    path = override_path()
    if path and path.exists():
        return str(path), path.stat().st_mtime
    return None, None


def current() -> tuple[Lexicon, str | None]:
    """The lexicon for the override file as it is now, and a warning if that file is broken."""
    return _compiled(*lexicon_key())
