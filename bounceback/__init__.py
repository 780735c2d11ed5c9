"""bounceback: the core of the dashboard; it never imports streamlit."""
