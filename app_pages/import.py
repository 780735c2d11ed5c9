"""Import: applications from a spreadsheet or another tracker's CSV export."""

import streamlit as st

from bounceback.importers import keys_of, usual_day_first
from components import csv_import
from components.state import (
    Key,
    frames,
    presenting,
    revision_key,
    settings,
    show_flash,
    unmasked,
)
from components.text import md


@st.cache_resource(show_spinner=False, max_entries=4)
def _existing(key: Key) -> frozenset[tuple]:
    """What is already stored, as duplicate keys, once per revision (it is never changed)."""
    return keys_of(frames(key)["applications"])


key = revision_key()
show_flash()
st.title("Import")

if presenting():
    st.info(
        "Importing is off while presenter mode is on: the preview would show the names in "
        "the file. Switch presenter mode off to import."
    )
    st.stop()

uploaded = csv_import.upload()
if uploaded is None:
    csv_import.empty_state()
    st.stop()

current = settings(key)
csv_import.passed_over(uploaded)
plans = []
for part, table in enumerate(uploaded.tables):
    if len(uploaded.tables) > 1:
        st.subheader(md(table.name), anchor=False)
    plan = csv_import.plan(
        table,
        _existing(unmasked(key)),
        key.revision,
        current.currency,
        usual_day_first(current.country),
        part,
    )
    csv_import.how_read(plan, part)
    csv_import.columns(plan, part)
    if not plan.missing:
        csv_import.statuses(plan, part)
        csv_import.closed(plan, part)
        csv_import.preview(plan, part)
    plans.append(plan)
if all(plan.missing for plan in plans):
    st.stop()
if len(plans) > 1:
    st.subheader("Import them all")
csv_import.confirm(plans)
