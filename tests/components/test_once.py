"""A double-click writes exactly once, even when Streamlit runs both clicks' callbacks at once.

With fast reruns the second click's run starts beside the first, and the first is stopped
at its next Streamlit call. These tests play both runs on real threads.
"""

from __future__ import annotations

import threading

import pytest

from components.once import Turns


class Stopped(Exception):
    """Stands in for Streamlit's StopException, raised at a yield point."""


def test_a_first_click_stopped_before_writing_leaves_the_turn_to_the_second() -> None:
    turns = Turns()
    writes: list[str] = []
    with pytest.raises(Stopped), turns.take("add", 0) as turn:
        assert turn is not None
        raise Stopped  # stopped at a session-state read, before the write
    with turns.take("add", 0) as turn:
        assert turn is not None, "the second click must still save"
        writes.append("second")
        turn.done()
    assert writes == ["second"]


def test_a_first_click_stopped_after_writing_refuses_the_second() -> None:
    turns = Turns()
    with pytest.raises(Stopped), turns.take("add", 0) as turn:
        assert turn is not None
        turn.done()  # the write happened
        raise Stopped  # stopped while saying so
    with turns.take("add", 0) as turn:
        assert turn is None
    assert turns.drawn("add") == 1


def test_a_refused_input_keeps_the_turn_for_the_corrected_click() -> None:
    turns = Turns()
    with turns.take("add", 0) as turn:
        assert turn is not None  # invalid input: nothing written, turn not spent
    with turns.take("add", 0) as turn:
        assert turn is not None


def test_two_callbacks_at_once_write_once() -> None:
    turns = Turns()
    writes: list[int] = []
    inside = threading.Event()
    release = threading.Event()

    def click(number: int) -> None:
        with turns.take("add", 0) as turn:
            if turn is None:
                return
            inside.set()
            release.wait(5)  # the other click arrives while this one is mid-save
            writes.append(number)
            turn.done()

    first = threading.Thread(target=click, args=(1,))
    first.start()
    assert inside.wait(5)
    second = threading.Thread(target=click, args=(2,))
    second.start()
    second.join(0.2)
    assert second.is_alive(), "the second click waits for the first"
    release.set()
    first.join(5)
    second.join(5)
    assert writes == [1]


@pytest.mark.parametrize("form", ["add", "board:next:7"])
def test_forms_count_apart(form: str) -> None:
    turns = Turns()
    with turns.take("other", 0) as turn:
        assert turn is not None
        turn.done()
    assert turns.drawn(form) == 0
    with turns.take(form, 0) as turn:
        assert turn is not None


def test_what_a_stopped_click_had_to_show_is_shown_by_its_repeat() -> None:
    turns = Turns()
    shown: list[str] = []
    with pytest.raises(Stopped), turns.take("add", 0) as turn:
        assert turn is not None
        turn.done(show=lambda: shown.append("Added Lumen"))
        raise Stopped  # stopped before it could say so
    assert shown == []
    with turns.take("add", 0) as turn:
        assert turn is None
    assert shown == ["Added Lumen"], "the repeat empties the form and says it was added"
    with turns.take("add", 0):
        pass
    assert shown == ["Added Lumen"], "and only once"


def test_a_finished_click_shows_once_and_its_repeat_adds_nothing() -> None:
    turns = Turns()
    shown: list[str] = []
    with turns.take("add", 0) as turn:
        assert turn is not None
        turn.done(show=lambda: shown.append("Added Lumen"))
    assert shown == ["Added Lumen"]
    with turns.take("add", 0) as turn:
        assert turn is None
    assert shown == ["Added Lumen"]


def test_a_later_click_drops_what_an_older_one_left() -> None:
    turns = Turns()
    shown: list[str] = []
    with pytest.raises(Stopped), turns.take("add", 0) as turn:
        assert turn is not None
        turn.done(reset=lambda: shown.append("emptied"), show=lambda: shown.append("old"))
        raise Stopped
    with turns.take("add", 1) as turn:  # the page redrew; the user typed a new one
        assert turn is not None  # refused input: nothing written
    assert shown == [], "an old message never empties a form the user is typing in"


def test_every_repeat_empties_the_form_its_own_values_refilled() -> None:
    turns = Turns()
    emptied: list[int] = []
    with turns.take("add", 0) as turn:
        assert turn is not None
        turn.done(reset=lambda: emptied.append(1))
    assert emptied == [1]
    for _repeat in range(2):
        with turns.take("add", 0) as turn:
            assert turn is None
    assert emptied == [1, 1, 1]
