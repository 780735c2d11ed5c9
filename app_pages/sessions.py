"""Sessions: what changed since the last one, the agreed action plan, and the private notes."""

import streamlit as st

from bounceback.sessions import SINCE_LABELS, last_session_before, open_actions, since_last_time
from components import sessions
from components.state import frames, revision_key, show_flash, today
from components.text import plural

key = revision_key()
show_flash()
sessions.removal_undo()
on = today()
log = sessions.read(key)

st.title("Sessions")
st.caption(
    "A dated record of each session: what you agreed, whose it is and by when. Notes are "
    "private to the advisor; they never show in presenter mode or in the client's summary."
)

last = last_session_before(log, on)
if last is not None:
    st.subheader("Since last time")
    st.caption(f"What happened since the session on {last:%d %B %Y}.")
    counts = since_last_time(frames(key), log, last, on)
    columns = st.columns(len(SINCE_LABELS))
    for column, (name, label) in zip(columns, SINCE_LABELS.items(), strict=True):
        column.metric(label, counts[name])
elif log:
    st.caption("From the next session on, this page starts with what changed since this one.")

st.subheader("Start a session")
sessions.new_session_form()

if not log:
    st.info("No sessions yet. Start one above, then add the actions you agree.")
    st.stop()

st.subheader("Open actions")
agreed = open_actions(log)
if agreed:
    sessions.checklist(agreed, key, "open")
elif any(session.actions for session in log):
    st.caption("Every agreed action is done.")
else:
    st.caption("No actions agreed yet: add them to a session below.")
sessions.undo_offer("open")

st.subheader("Session log")
for number, session in enumerate(log):
    still_open = sum(1 for action in session.actions if not action.done_on)
    label = f"{session.held_on:%d %B %Y}: {plural(len(session.actions), 'action')}"
    if still_open:
        label += f", {still_open} open"
    with st.expander(label, expanded=number == 0):
        sessions.notes(session)
        if session.actions:
            sessions.checklist(list(session.actions), key, f"log{session.id}")
            sessions.remove_form(session, key)
        sessions.action_form(session.id)
