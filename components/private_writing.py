"""Write it out: free writing and a kind word to oneself, kept private, beside the reflection."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import streamlit as st

from bounceback.clock import now_in
from bounceback.domain import PrivateWriting
from components import drafts
from components.state import flash, guarded, presenting, store, typed

FEELING_PROMPT = "How does this feel? Write for ten minutes; no one else will read it."
COMPASSION_PROMPT = "What would you say to a friend who got this news?"
WHY = (
    "Why write? Professionals who wrote about their thoughts and feelings after losing their "
    "jobs found work sooner (Spera, Buhrfeind and Pennebaker 1994, Academy of Management "
    "Journal 37(3)), and self-compassion after a setback raises the wish to improve "
    "(Breines and Chen 2012)."
)
HIDDEN = "Your private writing is hidden in presenter mode."
MINUTES = 10


def _key(application_id: int, name: str) -> str:
    """A session key private to one application's writing."""
    return f"private:{application_id}:{name}"


def _load(application_id: int) -> None:
    """Fill the boxes from what was saved whenever they were not drawn on the run before."""
    state = st.session_state
    if _key(application_id, "feeling") in state:
        return
    saved = store().private_writing(application_id)
    state[_key(application_id, "feeling")] = saved.feeling if saved else ""
    state[_key(application_id, "compassion")] = saved.compassion if saved else ""
    state[_key(application_id, "version")] = saved.version if saved else None


@guarded
def _save(application_id: int) -> None:
    """Keep the writing; a save from another tab's older copy is refused, never merged."""
    state = st.session_state
    writing = PrivateWriting(
        state[_key(application_id, "feeling")], state[_key(application_id, "compassion")]
    )
    saved = store().save_private_writing(
        application_id, writing, typed(_key(application_id, "version"), int)
    )
    state[_key(application_id, "version")] = saved.version
    flash("Kept, for you alone. It is in your backups, and nowhere else.")


def _start(application_id: int) -> None:
    """Note when the ten minutes began, so the page can show when they end."""
    st.session_state[_key(application_id, "started")] = datetime.now(UTC)


def _timer(application_id: int) -> None:
    """A gentle timer: when the ten minutes began and when they end, never a countdown."""
    started = st.session_state.get(_key(application_id, "started"))
    if not isinstance(started, datetime):
        st.button(
            f"Start {MINUTES} minutes",
            key=_key(application_id, "start"),
            on_click=_start,
            args=(application_id,),
            icon=":material/timer:",
        )
        return
    zone = st.context.timezone
    begun, ends = now_in(zone, started), now_in(zone, started + timedelta(minutes=MINUTES))
    st.caption(
        f"Started at {begun:%H:%M}; ten minutes takes you to {ends:%H:%M}. No rush, and no "
        "need to stop on time."
    )


def render(application_id: int) -> None:
    """The private space, shut away while presenting; its words go nowhere but the backup."""
    with st.expander("Write it out (optional, private)", icon=":material/lock:"):
        if presenting():
            st.caption(HIDDEN)
            return
        prefix = f"private:{application_id}"
        boxes = [_key(application_id, "feeling"), _key(application_id, "compassion")]
        # Unsaved words outlive a look at another page, like the reflection's own.
        drafts.restore(prefix)
        _load(application_id)
        st.caption(WHY)
        _timer(application_id)
        kept = {"on_change": drafts.keep, "args": (prefix, boxes)}
        st.text_area(FEELING_PROMPT, key=boxes[0], height=200, **kept)
        st.text_area(COMPASSION_PROMPT, key=boxes[1], height=100, **kept)
        drafts.keep(prefix, boxes)
        st.caption(
            "Never sorted into themes, shown in presenter mode, the session summary or any "
            "export; only your backup keeps it."
        )
        st.button(
            "Keep my writing",
            key=_key(application_id, "save"),
            on_click=_save,
            args=(application_id,),
        )
