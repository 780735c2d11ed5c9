"""Reflect: a structured look back after an interview or a rejection."""

import streamlit as st

from bounceback.pipeline import reflectable
from bounceback.reflections import Prompt
from components import confirm, private_writing, reflecting, reflection_form
from components.reflecting import LAST_PICK, PICK
from components.state import (
    PAUSED,
    Key,
    application,
    flash,
    guarded,
    presenting,
    revision_key,
    settings,
    show_flash,
    store,
    table,
)
from components.text import md, plural


@st.cache_data(show_spinner=False, max_entries=4)
def _choices(key: Key) -> dict[int, str]:
    """The applications to choose from, once per revision."""
    return reflectable(table(key))


def _label_of(application_id: int, key: Key) -> str:
    """A label for an application outside the recent list."""
    found = application(application_id, key)
    return f"{found.draft.company} · {found.draft.role} ({found.stage.label.lower()})"


@guarded
def _delete(reflection_id: int) -> None:
    """Move a reflection to Recently deleted, after the user confirmed."""
    st.session_state.pop(f"reflect:confirm_delete:{reflection_id}", None)
    if reflecting.editing() == reflection_id:
        reflecting.edit(None)
    store().delete_reflection(reflection_id)
    flash("Deleted the reflection. Restore it from Settings, Recently deleted, within 30 days.")


key = revision_key()
current = settings(key)
show_flash()
st.title("Reflect")
st.caption(
    "Reflect rather than react: a few minutes after each interview or no, while it's fresh. "
    "Be specific about what went wrong, and just as specific about what went well."
)

labels = _choices(key)
if not labels:
    st.info(
        "Reflections belong to interviews and rejections. Once an application reaches an "
        "interview, or you hear a no, you can look back on it here."
    )
    st.stop()

choices = list(labels)
picked = st.session_state.get(PICK)
if picked is not None and not isinstance(picked, int):
    # The labels changed under the box (presenter mode went on or off): keep the last pick.
    picked = st.session_state[PICK] = st.session_state.get(LAST_PICK)
if picked is not None and picked not in labels:
    # Opened from an older application's card: offer it too.
    labels = {picked: _label_of(picked, key), **labels}
    choices = list(labels)
if picked not in labels:
    st.session_state[PICK] = choices[0]
st.selectbox(
    "Which application",
    choices,
    format_func=labels.get,
    key=PICK,
    on_change=reflecting.edit,
    args=(None,),
    help="Your most recent interviews and rejections. Older ones open from their card "
    "on the Pipeline page.",
)

st.session_state[LAST_PICK] = st.session_state[PICK]
chosen = application(st.session_state[PICK], key)
saved = list(chosen.reflections)

if saved:
    with st.expander(f"Your reflections on this application ({len(saved)})"):
        for note in reversed(saved):
            left, right = st.columns([4, 1])
            after = "a rejection" if note.prompt is Prompt.REJECTION else "an interview"
            lessons = f", {plural(len(note.lessons), 'lesson')}" if note.lessons else ""
            left.markdown(f"**{note.written_on:%d %b %Y}**, after {after}{lessons}")
            if note.went_wrong:
                left.caption(md(note.went_wrong[:200]))
            right.button(
                "Edit",
                key=f"reflect:edit:{note.id}",
                on_click=reflecting.edit,
                args=(note.id,),
                disabled=presenting(),
                help=PAUSED if presenting() else None,
            )
            asked = f"reflect:confirm_delete:{note.id}"
            if confirm.ask(
                asked, "Delete…", f"reflect:delete:{note.id}", right, disabled=presenting()
            ):
                left.warning("Delete this reflection? It waits in Recently deleted for 30 days.")
                right.button(
                    "Yes, delete",
                    key=f"reflect:delete_yes:{note.id}",
                    type="primary",
                    on_click=_delete,
                    args=(note.id,),
                )
                confirm.keep(asked, "Keep it", f"reflect:delete_no:{note.id}", right)

editing = next((note for note in saved if note.id == reflecting.editing()), None)
if editing and presenting():
    # A masked reflection in the form would save its blanks over the real words.
    reflecting.edit(None)
    editing = None
if editing:
    st.info(f"Editing your reflection of {editing.written_on:%d %b %Y}.")
    st.button("Write a new one instead", on_click=reflecting.edit, args=(None,))

reflection_form.render(
    chosen, editing, current.country, current.values, store().prep_ticks(chosen.id)
)
private_writing.render(chosen.id)
