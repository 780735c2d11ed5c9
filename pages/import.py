"""Import: applications from a spreadsheet or another tracker's CSV export."""

import streamlit as st

from bounceback.importers import existing_keys, usual_day_first
from components import csv_import
from components.routing import through_router
from components.state import presenting, revision_key, settings, show_flash, table, unmasked

through_router(__file__)

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
stored = table(unmasked(key))
plan = csv_import.plan(
    uploaded,
    existing_keys(zip(stored["company"], stored["role"], stored["applied_on"], strict=True)),
    current.currency,
    usual_day_first(current.country),
)
csv_import.how_read(plan)
csv_import.columns(plan)
if not plan.missing:
    csv_import.statuses(plan)
    csv_import.preview(plan)
    csv_import.confirm(plan)
