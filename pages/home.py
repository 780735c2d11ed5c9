"""Today: a first-visit welcome, then what is due and where things stand."""

import streamlit as st

from bounceback import backup, sample
from bounceback.config import backup_dir
from bounceback.domain import Settings
from components import follow_ups, session_summary
from components.routing import through_router
from components.state import (
    flash,
    guarded,
    remote_data,
    revision_key,
    settings,
    show_flash,
    store,
    summary,
    today,
)
from components.text import plural

through_router(__file__)
BACKED_UP = "home:backed_up"


@guarded
def load_sample() -> None:
    """Fill the database with the sample story; whatever it replaces is backed up first."""
    current = store()
    held = backup.at_stake(current)
    if held and remote_data() and not st.session_state.get(BACKED_UP):
        flash("Download a backup of what is there first: the sample data replaces it.", "warning")
        return
    copied = backup.safety_copy(current, backup_dir()) if held and not remote_data() else None
    current.load(sample.generate(60), Settings(onboarded=True), replace_existing=bool(held))
    kept = f" What was there before ({', '.join(held)}) is backed up in {copied}." if copied else ""
    flash(f"Loaded a sample job hunt of 60 applications. Have a look around.{kept}")


def backed_up() -> None:
    """Remember that the visitor took a backup, so the sample data may replace their things."""
    st.session_state[BACKED_UP] = True


@guarded
def start_fresh() -> None:
    """Remember the choice so the welcome does not come back."""
    current = store()
    current.save_settings(Settings(**{**vars(current.settings()), "onboarded": True}))
    flash("All set. Add your first application on the Pipeline page.")


key = revision_key()
data = summary(key)
current = settings(key)
show_flash()

if data.total == 0 and not current.onboarded:
    st.title("Welcome to bounceback")
    st.markdown(
        "Job hunting means hearing *no* far more often than *yes*: most interviews end "
        "without an offer, for everyone. bounceback keeps track of every application, "
        "shows how your results compare with the usual odds, and helps you learn from "
        "each interview."
    )
    st.markdown("How would you like to start?")
    left, right = st.columns(2)
    with left, st.container(border=True):
        st.markdown("**Explore with sample data**")
        st.caption("A made-up job hunt of five months, to see what the app can show.")
        held = backup.at_stake(store())
        if held and remote_data():
            st.warning(
                f"The sample data replaces what is already here ({', '.join(held)}). "
                "Download a backup first; you can restore it later."
            )
            st.download_button(
                "Download a backup (JSON)",
                data=backup.export_text(store()),
                file_name="bounceback-backup-before-sample.json",
                mime="application/json",
                on_click=backed_up,
                width="stretch",
            )
        st.button(
            "Load sample data",
            type="primary",
            on_click=load_sample,
            width="stretch",
            disabled=bool(held) and remote_data() and not st.session_state.get(BACKED_UP),
        )
    with right, st.container(border=True):
        st.markdown("**Start fresh**")
        st.caption("An empty tracker for your own applications, kept private to you.")
        st.button("Start fresh", on_click=start_fresh, width="stretch")
    st.stop()

st.title("Today")
columns = st.columns(3)
columns[0].metric("Live applications", data.live)
columns[1].metric("Interview rounds so far", data.interview_rounds)
columns[2].metric("Offers", data.offers)

if data.total == 0:
    st.info("No applications yet. Add your first one on the Pipeline page.")
    st.page_link("pages/pipeline.py", label="Go to the pipeline", icon=":material/view_kanban:")
    st.stop()

session_summary.download(key)

if data.live < 5:
    st.info(
        f"{plural(data.live, 'application')} in play. A few more in the pipeline takes "
        "the weight off any single one."
    )

st.subheader("Up next")
follow_ups.up_next(data.due, data.due_total, today())

if data.quiet_total:
    st.subheader("No news for a while")
    st.caption(
        f"No news for {current.ghost_after_days} days or more from "
        f"{plural(data.quiet_total, 'application')}. You can mark them as ghosted on the "
        "Pipeline page."
    )
    st.page_link("pages/pipeline.py", label="Review them", icon=":material/view_kanban:")
