"""Make deep links (``/flows``, ``/data``) go through ``app.py`` on a freshly started server.

Streamlit decides once per process whether the app is a "pages directory" app
(``PagesManager.uses_pages_directory``): it is, because ``pages/`` exists, until the
entry script has called ``st.navigation`` once. Until then a first visitor who opens
``/flows`` gets ``pages/flows.py`` run on its own — without the app's sidebar, page
config and error guard. Every page therefore calls :func:`require_app_navigation`
first: in that situation it switches Streamlit to ``st.navigation`` mode and reruns,
which runs ``app.py`` and, through it, the page the visitor asked for.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

_RERUN_DONE = "_riskmap_navigation_rerun_done"


def require_app_navigation() -> None:
    """Rerun through ``app.py`` when Streamlit ran this page file directly.

    At most once per session: the first run of a session carries no widget
    interaction that a rerun could lose. (Streamlit's AppTest resets the flag before
    every run, so without this guard each test interaction would be rerun away.)
    """
    if PagesManager.uses_pages_directory and not st.session_state.get(_RERUN_DONE):
        st.session_state[_RERUN_DONE] = True
        PagesManager.uses_pages_directory = False
        st.rerun()
