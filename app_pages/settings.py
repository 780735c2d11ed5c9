"""Settings: the baseline odds, the ghosting threshold, currency, country; and a backup."""

from dataclasses import replace

import streamlit as st

from bounceback import backup, exports
from bounceback.config import COUNTRIES, CURRENCIES
from bounceback.domain import VALUE_LABELS, VALUES
from components import (
    downloads,
    interviews_ahead,
    opened,
    recently_deleted,
    sample_data,
    workspaces,
)
from components.state import (
    applications,
    flash,
    guarded,
    presenting,
    revision_key,
    settings,
    show_flash,
    store,
    store_of,
    today,
)

FORM = "settings"
FIELDS = (
    "settings:baseline_pool",
    "settings:ghost_after_days",
    "settings:currency",
    "settings:country",
    *(f"settings:value:{name}" for name in VALUES),
)


@guarded
def _reload() -> None:
    """Refill the form from the saved settings, at their saved version."""
    for name in FIELDS:
        st.session_state.pop(name, None)
    opened.mark(FORM, "settings", store().settings_version())


@guarded
def save() -> None:
    """Save the form at the version it was opened at; only the store can refuse."""
    state = st.session_state
    settings = replace(
        store().settings(),
        baseline_pool=int(state["settings:baseline_pool"]),
        ghost_after_days=int(state["settings:ghost_after_days"]),
        currency=state["settings:currency"],
        country=state["settings:country"],
        values={name: int(state[f"settings:value:{name}"]) for name in VALUES},
        onboarded=True,
    )
    opened.save(FORM, lambda version: store().save_settings(settings, expected_version=version))
    flash("Settings saved.")


key = revision_key()
current = settings(key)
show_flash()
st.title("Settings")

opened.keep(FORM, "settings", store().settings_version())
with st.form(FORM):
    st.number_input(
        "Candidates interviewed per role (your baseline)",
        min_value=1,
        max_value=100,
        value=current.baseline_pool,
        step=1,
        key="settings:baseline_pool",
        help="Surveys suggest hiring managers interview about 6 people per vacancy, so about "
        "1 interview in 6 ends in an offer. Change it if your field is different. A pool size "
        "you enter on one application overrides it there.",
    )
    st.number_input(
        "Suggest 'ghosted' after this many days without news",
        min_value=1,
        max_value=365,
        value=current.ghost_after_days,
        step=1,
        key="settings:ghost_after_days",
    )
    left, right = st.columns(2)
    currencies = (
        list(CURRENCIES) if current.currency in CURRENCIES else [current.currency, *CURRENCIES]
    )
    left.selectbox(
        "Currency for new applications",
        currencies,
        index=currencies.index(current.currency),
        key="settings:currency",
    )
    right.selectbox(
        "Your country (for links to neutral advice)",
        list(COUNTRIES),
        index=list(COUNTRIES).index(current.country) if current.country in COUNTRIES else 0,
        format_func=COUNTRIES.get,
        key="settings:country",
    )
    st.markdown("**What matters most to you in a job** (1: a little, 5: a lot)")
    st.caption("Used when you rate how well a job fitted you in a reflection.")
    columns = st.columns(len(VALUES))
    for column, name in zip(columns, VALUES, strict=True):
        column.select_slider(
            VALUE_LABELS[name].capitalize(),
            options=[1, 2, 3, 4, 5],
            value=current.values.get(name, 3),
            key=f"settings:value:{name}",
        )
    st.form_submit_button("Save settings", type="primary", on_click=save)
opened.refusal(FORM, "Your settings", [], _reload)

workspaces.manage()

st.subheader("Your data")
st.caption(
    "A complete backup of everything (applications, history, contacts, follow-ups, "
    "reflections and lessons): keep a copy somewhere safe; `python -m bounceback import "
    "FILE` restores it. The CSV and calendar files are for other programs."
)
st.caption(
    "Tracked applications somewhere else? Bring them in from a spreadsheet or from "
    "LinkedIn, Simplify, Huntr or Teal as a CSV file."
)
st.page_link("app_pages/import.py", label="Import applications", icon=":material/upload_file:")
backup_column, record_column, calendar_column = st.columns(3)
with backup_column:
    downloads.button(
        "Download a backup (JSON)",
        lambda: backup.export_text(store_of(key)),
        what="the backup",
        key="settings:backup",
        file_name=f"bounceback-backup{workspaces.file_tag()}-{today():%Y-%m-%d}.json",
        mime="application/json",
        width="stretch",
        # A backup is everything, names included: never made while names are hidden.
        disabled=presenting(),
        help="Switch presenter mode off to download a backup." if presenting() else None,
    )
with record_column:
    downloads.button(
        "Job-search record (CSV)",
        lambda: exports.history_csv(applications(key)),
        what="the job-search record",
        key="settings:record",
        file_name=f"bounceback-job-search-{today():%Y-%m-%d}.csv",
        mime="text/csv",
        width="stretch",
        help="One row per dated step of every application, for a spreadsheet or the "
        "job-search records some benefit systems ask for.",
    )
with calendar_column:
    interviews_ahead.calendar(key, "settings:calendar")

recently_deleted.render()

with st.expander("Try the sample data"):
    st.caption(
        "A made-up job hunt of five months, to see what every page can show. Your own "
        "applications come back from the backup it saves first."
    )
    sample_data.offer("settings", confirm=True)
