"""Prep sheet: what you have learned, gathered for the next interview."""

import streamlit as st

from bounceback.domain import NotFound
from bounceback.prep import preparing
from components import prep_sheet
from components.state import application, revision_key, show_flash, table

key = revision_key()
show_flash()
st.title("Prep sheet")
st.caption(
    "Use your last interviews as a template: your do's and don'ts, what feedback keeps "
    "saying, and the questions to practise, on one page."
)

ready = preparing(table(key))
labels = {int(row.id): f"{row.company} · {row.role}" for row in ready.itertuples()}
picked = prep_sheet.selected()
if picked is not None and picked not in labels:
    # Opened from a card that is not at interview stage: offer it too, while it exists.
    try:
        found = application(picked, key)
        labels = {picked: f"{found.draft.company} · {found.draft.role}", **labels}
    except NotFound:
        picked = None
if not labels:
    st.info(
        "A prep sheet is for an interview coming up. When an application reaches the "
        "interview stage, its sheet is here, and one click away from its card."
    )
    st.stop()
if picked not in labels:
    st.session_state[prep_sheet.KEY] = next(iter(labels))
st.selectbox("Which application", list(labels), format_func=labels.get, key=prep_sheet.KEY)
prep_sheet.render(st.session_state[prep_sheet.KEY], key)
