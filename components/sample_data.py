"""The sample job hunt: offered on the first visit and in Settings, never replacing unasked.

Owns its session keys: whether a backup was downloaded first (a remote database has no
folder to copy to) and, in Settings, the confirmation that the sample replaces what is there.
"""

import streamlit as st

from bounceback import backup, sample
from bounceback.config import backup_dir
from bounceback.domain import Settings
from components import once
from components.state import flash, guarded, presenting, remote_data, store

SIZE = 60
_BACKED_UP = "sample_data:backed_up"
_LOAD = "sample_data:load"


@guarded
def _load(drawn: int = 0) -> None:
    """Fill the database with the sample story; whatever it replaces is backed up first.

    A double or triple click loads it once: the clicks take turns (components/once.py), so
    none can read "nothing here yet" while another is loading.
    """
    with once.turn(_LOAD, drawn) as turn:
        if turn is None:
            return
        current = store()
        held = backup.at_stake(current)
        if held and remote_data() and not st.session_state.get(_BACKED_UP):
            flash(
                "Download a backup of what is there first: the sample data replaces it.", "warning"
            )
            return
        copied = backup.safety_copy(current, backup_dir()) if held and not remote_data() else None
        current.load(sample.generate(SIZE), Settings(onboarded=True), replace_existing=bool(held))
        kept = (
            f" What was there before ({', '.join(held)}) is backed up in {_folder(copied)}."
            if copied
            else ""
        )
        turn.done(
            show=lambda: flash(
                f"Loaded a sample job hunt of {SIZE} applications. Have a look around.{kept}"
            )
        )


def _folder(path: object) -> str:
    """Where a backup goes, but not on a shared screen: a home folder's path can hold a name."""
    return "the backups folder" if presenting() else str(path)


def _backed_up() -> None:
    """Remember that the visitor took a backup, so the sample data may replace their things."""
    st.session_state[_BACKED_UP] = True


def offer(place: str, confirm: bool = False) -> None:
    """The backup download when one is needed, an optional confirmation, and the button."""
    held = backup.at_stake(store())
    if held and remote_data():
        st.warning(
            f"The sample data replaces what is already here ({', '.join(held)}). "
            "Download a backup first; you can restore it later."
        )
        st.download_button(
            "Download a backup (JSON)",
            data=lambda: backup.export_text(store()),
            file_name="bounceback-backup-before-sample.json",
            mime="application/json",
            on_click=_backed_up,
            width="stretch",
            key=f"{place}:sample_backup",
        )
    elif held:
        st.caption(
            f"The sample data replaces what is here ({', '.join(held)}); a backup of it is "
            f"saved in {_folder(backup_dir())} first."
        )
    agreed = True
    if held and confirm:
        agreed = st.checkbox(
            "Yes, replace what is here with the sample data", key=f"{place}:sample_confirm"
        )
    st.button(
        "Load sample data",
        type="primary",
        on_click=_load,
        args=(once.drawn(_LOAD),),
        width="stretch",
        key=f"{place}:sample_load",
        disabled=(bool(held) and remote_data() and not st.session_state.get(_BACKED_UP))
        or not agreed,
    )
