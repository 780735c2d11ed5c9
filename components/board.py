"""The board: a column per stage with every card, searchable, each card one step from the next.

It owns its keys (`board:*`): the filters, how many cards each column draws, and the offer to
undo the last step taken from a card.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from bounceback.domain import Event, Source, Stage
from bounceback.pipeline import board_columns, closed_cards, filter_table
from bounceback.stages import next_step
from components import detail, once, selection
from components.state import flash, guarded, store, today, typing_key
from components.text import md, plural

# Cards a column draws at first, and how many more each "Show more" adds. A column shows about
# five at a time, so ten is two screens of it; at 20 a board of 10,000 applications had 342
# elements for the browser to draw, against 135 at 100, and took 1.7 times as long.
FIRST = 10
MORE = 40
COLUMN_HEIGHT = 560
# Up to this many cards fit in less than a box's height: such a column is as tall as its
# cards, so stacked columns on a phone leave no empty box behind.
FITS = 3
_SHOWN = "board:shown"
_UNDO = "board:undo"
_CLOSED = "Closed"


@guarded
def _advance(application_id: int, version: int, stage: Stage, drawn: int = 0) -> None:
    """Take a card one step on, dated today; a double click moves it once."""
    with once.turn(f"board:next:{application_id}", drawn) as turn:
        if turn is not None:
            event_id = store().record(application_id, Event(stage, today()), version, today())
            turn.done(show=lambda: _advanced(application_id, version, event_id, stage))


def _advanced(application_id: int, version: int, event_id: int, stage: Stage) -> None:
    """Say where the card went, and offer to take it back."""
    detail.moved(application_id, version)
    st.session_state[_UNDO] = (application_id, event_id, version + 1, stage.label)
    flash(f"Moved to {stage.label.lower()}. Open the card to add the details.")


@guarded
def _undo(application_id: int, event_id: int, version: int) -> None:
    """Take back the step just taken from a card."""
    st.session_state.pop(_UNDO, None)
    gone = store().delete_event(application_id, event_id, version, today())
    detail.moved(application_id, version)
    flash(f"Undone: the move to {gone.stage.label.lower()} is taken back.", "info")


def _show_more(title: str) -> None:
    """Draw more of one column's cards."""
    shown = st.session_state.setdefault(_SHOWN, {})
    shown[title] = shown.get(title, FIRST) + MORE


def _card(row: pd.Series, day: date) -> None:
    """One application: who, what, how long since any news, its next step and Open."""
    with st.container(border=True):
        quiet = (day - row["last_event_on"]).days
        stage = Stage(row["stage"])
        rounds = f" · {plural(row['interviews'], 'interview')}" if row["interviews"] else ""
        when = "today" if quiet == 0 else f"{plural(quiet, 'day')} ago"
        st.markdown(
            f"**{md(row['company'])}**  \n{md(row['role'])}  \n"
            f":small[:gray[{stage.label}{rounds} · {Source(row['source']).label} · {when}]]"
        )
        actions = st.container(horizontal=True, gap="small")
        step = next_step(stage)
        application_id = int(row["id"])
        version = int(row["version"])
        name = f"board:next:{application_id}"
        if step is Stage.INTERVIEW:  # its kind is asked for: the move form, open at it
            actions.button(
                "Move to interview",
                key=name,
                on_click=detail.open_to_move,
                args=(application_id, version, step),
            )
        elif step is not None:
            actions.button(
                f"Move to {step.label.lower()}",
                key=name,
                on_click=_advance,
                args=(application_id, version, step, once.drawn(name)),
            )
        actions.button(
            "Open",
            key=f"board:open:{application_id}",
            on_click=selection.open,
            args=(application_id,),
        )


def _filters(table: pd.DataFrame) -> pd.DataFrame:
    """The board's own search and source and date filters, and the rows they leave."""
    search, sources, dates = st.columns([3, 2, 2])
    words = search.text_input(
        "Search the board",
        key=typing_key("board:search"),
        placeholder="Company, role, location, notes…",
    )
    chosen = sources.multiselect(
        "Source",
        [source.value for source in Source],
        format_func=lambda v: Source(v).label,
        key="board:sources",
    )
    period = dates.date_input("Applied between", value=(), key="board:dates", format="DD/MM/YYYY")
    since, until = (*period, None, None)[:2] if isinstance(period, tuple) else (period, None)
    rows = filter_table(table, words, None, chosen, since, until)
    if len(rows) != len(table):
        st.caption(f"{len(rows):,} of {len(table):,} applications match.")
    return rows


def _undo_offer(table: pd.DataFrame) -> None:
    """Right after a card moved, a way to take it back, until the application changes again."""
    offer = st.session_state.get(_UNDO)
    if not offer:
        return
    application_id, event_id, version, label = offer
    now = table.loc[table["id"] == application_id, "version"]
    if now.empty or int(now.iloc[0]) != version:
        st.session_state.pop(_UNDO, None)  # moved on, edited or deleted since: nothing to undo
        return
    text, action = st.columns([5, 1], vertical_alignment="center")
    text.caption(f"Moved a card to {label.lower()}. Clicked the wrong one?")
    action.button(
        "Undo",
        key=f"board:undo:{event_id}",
        on_click=_undo,
        args=(application_id, event_id, version),
        width="stretch",
    )


def _column(title: str, rows: pd.DataFrame, total: int, day: date) -> None:
    """One column: its count, then its cards, in a box that scrolls once they outgrow it."""
    st.markdown(f"#### {title} · {total:,}")
    with st.container(height=COLUMN_HEIGHT if len(rows) > FITS else "content", border=False):
        if not total:
            st.caption("Nothing here.")
        for _, row in rows.iterrows():
            _card(row, day)
        if total > len(rows):
            st.button(
                f"Show more ({total - len(rows):,} left)",
                key=f"board:more:{title}",
                on_click=_show_more,
                args=(title,),
                width="stretch",
            )


def render(table: pd.DataFrame, day: date) -> None:
    """Draw the board: filters, every column with a count, and the closed ones apart."""
    rows = _filters(table)
    _undo_offer(table)
    shown = st.session_state.get(_SHOWN, {})
    columns = board_columns(rows, shown, FIRST)
    for place, (title, cards, total) in zip(st.columns(len(columns)), columns, strict=True):
        with place:
            _column(title, cards, total, day)
    closed, total = closed_cards(rows, shown.get(_CLOSED, FIRST))
    if not total:
        return
    # Drawn only while open: closed cards pile up over months and are rarely looked at.
    box = st.expander(f"Closed · {total:,}", key="board:closed", on_change="rerun")
    if box.open:
        with box:
            places = st.columns(3)
            for index, (_, row) in enumerate(closed.iterrows()):
                with places[index % 3]:
                    _card(row, day)
            if total > len(closed):
                st.button(
                    f"Show more ({total - len(closed):,} left)",
                    key=f"board:more:{_CLOSED}",
                    on_click=_show_more,
                    args=(_CLOSED,),
                )
