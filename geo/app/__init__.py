"""Streamlit controllers: session, sign-in, widgets (the only package that imports streamlit)."""
