"""bounceback: the router. Page config, navigation, the shared sidebar, session set-up."""

import streamlit as st

from components.routing import mark_routed, resume
from components.state import init_session

st.set_page_config(page_title="bounceback", page_icon=":material/replay:", layout="wide")
init_session()
mark_routed()

navigation = st.navigation(
    [
        st.Page("pages/home.py", title="Today", icon=":material/wb_sunny:", default=True),
        st.Page("pages/pipeline.py", title="Pipeline", icon=":material/view_kanban:"),
        st.Page("pages/insights.py", title="Interviews and offers", icon=":material/insights:"),
        st.Page("pages/reflect.py", title="Reflect", icon=":material/edit_note:"),
        st.Page("pages/lessons.py", title="Lessons", icon=":material/checklist:"),
        st.Page("pages/feedback.py", title="Feedback themes", icon=":material/forum:"),
        st.Page("pages/settings.py", title="Settings", icon=":material/tune:"),
    ]
)

resume()

with st.sidebar:
    st.markdown("### bounceback")
    st.caption("One interview is one draw, not a verdict. Keep going.")

navigation.run()
