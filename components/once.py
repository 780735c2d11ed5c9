"""One write per drawn button: a double-click or a resubmitted form never saves twice, or none.

A Save button carries the count of saves its form had when it was drawn. A click takes its
turn (`turn`): the session's lock, held while the callback runs, and the drawn count, which
must still be current. The turn is spent (`Turn.done`) only once the write has happened, so
a second click sent before the page redrew finds the count spent and writes nothing.

Why a lock, and why spent only after the write: with `runner.fastReruns` (the default) the
second click starts a new script run at once, beside the first, and the first is stopped at
its next yield point, which can be any `st.session_state` access inside its callback. Spent
before the write, a first click stopped before writing left nothing saved and the second
refused; unlocked, both callbacks could pass the check together.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import streamlit as st

_STATE = "once:state"


@dataclass(frozen=True)
class Turn:
    """One click's right to write, for the count its button was drawn with."""

    _spent: dict[str, int]
    _form: str
    _drawn: int

    def done(self) -> None:
        """Spend the turn: call it right after the write, before any other Streamlit call.

        It touches only a plain dict fetched before the write, so a stop request, which
        Streamlit raises at its own calls, cannot fall between the write and this.
        """
        self._spent[self._form] = self._drawn + 1


@dataclass
class Turns:
    """A session's spent counts per form, and the lock its save callbacks take turns on."""

    _spent: dict[str, int] = field(default_factory=dict)
    _lock: threading.RLock = field(default_factory=threading.RLock)

    def drawn(self, form: str) -> int:
        """The count a button drawn now carries."""
        return self._spent.get(form, 0)

    @contextlib.contextmanager
    def take(self, form: str, drawn: int) -> Iterator[Turn | None]:
        """Wait for any other click's callback, then the turn, or None if it is spent."""
        with self._lock:
            yield Turn(self._spent, form, drawn) if self.drawn(form) == drawn else None


def _turns() -> Turns:
    """This session's turns, made on first use."""
    return st.session_state.setdefault(_STATE, Turns())


def drawn(form: str) -> int:
    """The count to give this form's Save button as it is drawn."""
    return _turns().drawn(form)


def turn(form: str, drawn: int) -> contextlib.AbstractContextManager[Turn | None]:
    """The click's turn, or None for a repeat of a click whose save already happened."""
    return _turns().take(form, drawn)
