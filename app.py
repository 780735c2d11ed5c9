"""bounceback: the router. Page config, navigation, the shared sidebar, session set-up."""

import streamlit as st

from components import database, sidebar, warm, workspaces
from components.state import config_problem, identity_problem, init_session, login_required

st.set_page_config(page_title="bounceback", page_icon=":material/replay:", layout="wide")
if config_problem():
    # Fail closed: a setting read wrongly could open the shared database to anyone.
    st.navigation([st.Page(sidebar.cannot_start, title="Settings")], position="hidden").run()
    st.stop()
init_session()

if login_required() and not st.user.is_logged_in:
    # Nothing but the way in until the visitor signs in: every page is scoped to a user.
    st.navigation([st.Page(sidebar.sign_in, title="Sign in")], position="hidden").run()
    st.stop()
if login_required() and identity_problem():
    # A sign-in that names nobody for sure sees nothing: it could be mistaken for anyone.
    st.navigation([st.Page(sidebar.unidentified, title="Sign in")], position="hidden").run()
    st.stop()

if database.problem():
    # A newer or unreadable database: say so plainly on a page of its own, and touch nothing.
    st.navigation([st.Page(database.refusal, title="bounceback")], position="hidden").run()
    st.stop()
warm.start()

navigation = st.navigation(
    [
        st.Page("app_pages/home.py", title="Today", icon=":material/wb_sunny:", default=True),
        st.Page("app_pages/pipeline.py", title="Pipeline", icon=":material/view_kanban:"),
        st.Page("app_pages/insights.py", title="Interviews and offers", icon=":material/insights:"),
        st.Page("app_pages/reflect.py", title="Reflect", icon=":material/edit_note:"),
        st.Page("app_pages/prep.py", title="Prep sheet", icon=":material/fact_check:"),
        st.Page("app_pages/lessons.py", title="Lessons", icon=":material/checklist:"),
        st.Page("app_pages/feedback.py", title="Feedback themes", icon=":material/forum:"),
        st.Page("app_pages/sessions.py", title="Sessions", icon=":material/event_note:"),
        st.Page("app_pages/activity.py", title="Activity log", icon=":material/receipt_long:"),
        st.Page(
            "app_pages/import.py",
            title="Import",
            icon=":material/upload_file:",
            url_path="import",
        ),
        st.Page("app_pages/settings.py", title="Settings", icon=":material/tune:"),
    ]
)


with st.sidebar:
    st.markdown("### bounceback")
    with database.reading():
        workspaces.switcher()
    sidebar.presenter_switch()
    sidebar.account()
    st.caption("One interview is one draw, not a verdict. Keep going.")
warm.preload_charts()

sidebar.presenter_banner()
sidebar.storage_warning()
with database.reading():
    database.read_only_banner()
    navigation.run()
# What the run freed goes back to the system, so a long-lived server stays small.
warm.give_back()
