"""Streamlit pieces shared by the pages; each one owns its widget keys."""
