"""Settings' "Recently deleted": deleted applications and reflections, restorable for 30 days."""

from __future__ import annotations

import streamlit as st

from components import confirm
from components.state import flash, guarded, presenting, store
from components.text import md, plural

_CONFIRM = "deleted:confirm_empty"


@guarded
def _restore(kind: str, item_id: int, what: str) -> None:
    """Bring one item back where it was."""
    store().restore_deleted(kind, item_id)
    flash(f"Restored {what}.")


@guarded
def _empty() -> None:
    """Delete everything waiting, for good, after the user confirmed."""
    st.session_state.pop(_CONFIRM, None)
    count = store().empty_deleted()
    flash(f"Deleted {plural(count, 'item')} for good.")


def render() -> None:
    """The list with a Restore button each, and a confirmed way to empty it."""
    st.subheader("Recently deleted")
    waiting = store().recently_deleted()
    if not waiting:
        st.caption(
            "Nothing here. A deleted application or reflection waits here for 30 days, "
            "so you can bring it back."
        )
        return
    if presenting():
        st.caption(
            f"{plural(len(waiting), 'item')} waiting. Names stay hidden in presenter mode; "
            "switch it off to restore or empty."
        )
        return
    st.caption(
        "Each waits here for 30 days, then goes for good. Restoring brings it back as it was."
    )
    for item in waiting:
        text, action = st.columns([4, 1], vertical_alignment="center")
        text.markdown(
            f"{md(item.what)}  \n:gray[deleted {item.deleted_at:%d %b %Y}, "
            f"kept until {item.until:%d %b %Y}]"
        )
        action.button(
            "Restore",
            key=f"deleted:restore:{item.kind}:{item.id}",
            on_click=_restore,
            args=(item.kind, item.id, item.what),
            width="stretch",
        )
    if not confirm.ask(_CONFIRM, "Empty Recently deleted…", "deleted:ask_empty"):
        return
    st.warning(f"Delete {plural(len(waiting), 'item')} for good? This one can't be undone.")
    left, right = st.columns(2)
    left.button("Yes, empty it", key="deleted:yes_empty", type="primary", on_click=_empty)
    confirm.keep(_CONFIRM, "Keep them", "deleted:no_empty", right)
