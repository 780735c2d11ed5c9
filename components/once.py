"""One write per drawn button: a double-click or a resubmitted form never saves twice, or none.

A Save button carries the count of saves its form had when it was drawn. A click takes its
turn (`turn`): the session's lock, held while the callback runs, and the drawn count, which
must still be current. The turn is spent (`Turn.done`) only once the write has happened, so
a second click sent before the page redrew finds the count spent and writes nothing; it
empties the form again (its own values would refill it) and, if the first was stopped
before it could, says what was saved.

Why a lock, and why spent only after the write: with `runner.fastReruns` (the default) the
second click starts a new script run at once, beside the first, and the first is stopped at
its next yield point, which can be any `st.session_state` access inside its callback. Spent
before the write, a first click stopped before writing left nothing saved and the second
refused; unlocked, both callbacks could pass the check together.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import streamlit as st

_STATE = "once:state"


@dataclass
class _After:
    """What a spent turn shows once its write is done, and how it empties its form."""

    drawn: int
    reset: Callable[[], None] | None
    show: Callable[[], None] | None
    shown: bool = False


@dataclass(frozen=True)
class Turn:
    """One click's right to write, for the count its button was drawn with."""

    _turns: Turns
    _form: str
    _drawn: int

    def done(
        self, reset: Callable[[], None] | None = None, show: Callable[[], None] | None = None
    ) -> None:
        """Spend the turn: call it right after the write, before any other Streamlit call.

        As the turn ends, `reset` empties the form and `show` says what was saved. If
        Streamlit stopped this click's run first, its repeat does both; every repeat runs
        `reset` again, since the values it sent would put the saved text back in the form.
        done() touches only plain dicts fetched before the write, so a stop request, which
        Streamlit raises at its own calls, cannot fall between the write and this.
        """
        self._turns.after[self._form] = _After(self._drawn, reset, show)
        self._turns.spent[self._form] = self._drawn + 1


@dataclass
class Turns:
    """A session's spent counts per form, what a spent turn shows once done, and the lock
    its save callbacks take turns on."""

    spent: dict[str, int] = field(default_factory=dict)
    after: dict[str, _After] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)

    def drawn(self, form: str) -> int:
        """The count a button drawn now carries."""
        return self.spent.get(form, 0)

    @contextlib.contextmanager
    def take(self, form: str, drawn: int) -> Iterator[Turn | None]:
        """Wait for any other click's callback, then the turn, or None if it is spent.

        As the turn ends, a spent turn's form is emptied and its message shown, once (see
        Turn.done). A later click's turn drops anything older: the page has redrawn since.
        """
        with self.lock:
            granted = self.drawn(form) == drawn
            if granted:
                self.after.pop(form, None)
            yield Turn(self, form, drawn) if granted else None
            after = self.after.get(form)
            if after is None or after.drawn != drawn:
                return
            if after.reset is not None:
                after.reset()
            if after.show is not None and not after.shown:
                after.show()
                after.shown = True  # only once it ran: a stop inside leaves it to a repeat


def _turns() -> Turns:
    """This session's turns, made on first use."""
    return st.session_state.setdefault(_STATE, Turns())


def drawn(form: str) -> int:
    """The count to give this form's Save button as it is drawn."""
    return _turns().drawn(form)


def turn(form: str, drawn: int) -> contextlib.AbstractContextManager[Turn | None]:
    """The click's turn, or None for a repeat of a click whose save already happened."""
    return _turns().take(form, drawn)
