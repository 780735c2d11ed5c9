"""The board: a column per stage, a card per application."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from bounceback.domain import Source, Stage
from components import selection
from components.text import md, plural


def _card(row: pd.Series, today: date) -> None:
    """One application: who, what, and how long since anything happened."""
    with st.container(border=True):
        quiet = (today - row["last_event_on"]).days
        status = Stage(row["stage"]).label
        rounds = f" · {plural(row['interviews'], 'interview')}" if row["interviews"] else ""
        when = "today" if quiet == 0 else f"{plural(quiet, 'day')} ago"
        st.markdown(
            f"**{md(row['company'])}**  \n{md(row['role'])}  \n"
            f":small[:gray[{status}{rounds} · {Source(row['source']).label} · {when}]]"
        )
        st.button(
            "Open",
            key=f"board:open:{row['id']}",
            on_click=selection.open,
            args=(int(row["id"]),),
            width="stretch",
        )


def render(board: list[tuple[str, pd.DataFrame, int]], today: date) -> None:
    """Draw the board: each column's most recent cards and a count of the rest."""
    columns = st.columns(len(board))
    for column, (title, rows, more) in zip(columns, board, strict=True):
        with column:
            count = len(rows) + more
            st.markdown(f"#### {title} · {count}")
            for _, row in rows.iterrows():
                _card(row, today)
            if more:
                st.caption(f"…and {more:,} more. The table view shows them all.")


def render_closed(rows: pd.DataFrame, total: int, today: date) -> None:
    """Closed applications, most recent first: kept, but out of the way of what is live."""
    with st.expander(f"Closed · {total:,}"):
        columns = st.columns(3)
        for index, (_, row) in enumerate(rows.iterrows()):
            with columns[index % 3]:
                _card(row, today)
        if total > len(rows):
            st.caption(f"…and {total - len(rows):,} more. The table view shows them all.")
