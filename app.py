"""Streamlit entry point: navigation, the shared sidebar (language) and the error guard.

Run with ``streamlit run app.py``. Pages live in ``pages/`` and stay thin; the
logic they call is in ``geo/``.
"""

from __future__ import annotations

import streamlit as st

from geo.app import auth, ui
from geo.i18n import t
from geo.web.assets import ensure_leaflet_assets

# Leaflet is served by this app (static/vendor/leaflet), never from a CDN.
ensure_leaflet_assets()

lang = ui.current_lang()
st.set_page_config(page_title=t("app.title", lang), layout="wide")

map_page = st.Page("pages/map.py", title=t("ui.nav.map", lang), default=True)
priorities_page = st.Page("pages/priorities.py", title=t("priorities.nav", lang))
pages = [
    # No ":material/map:" icon: Streamlit fetched it from fonts.gstatic.com (the browser test
    # fails on any request leaving localhost), and emoji have no font on minimal servers.
    map_page,
    st.Page("pages/flows.py", title=t("flows.nav", lang)),
    priorities_page,
    st.Page("pages/data.py", title=t("data.nav", lang)),
    st.Page("pages/stories.py", title=t("stories.nav", lang), url_path="stories"),
    st.Page("pages/about.py", title=t("ui.nav.about", lang)),
]
if auth.show_sign_in_page():  # accounts exist or RISKMAP_REQUIRE_LOGIN=1: anonymous visitors are viewers
    signed_in = auth.current_user() is not None
    pages.append(st.Page("pages/signin.py", title=t("auth.nav.account" if signed_in else "auth.nav.signin", lang),
                         url_path="signin"))
page = st.navigation(pages)
# The Map and Priorities pages' first run in a session sends the map alone; the controls, this
# language selector among them, follow a moment later (ui.start_run).
map_only = ui.start_run(map_page=page is map_page or page is priorities_page)

st.sidebar.title(t("app.title", lang))
if not map_only:
    ui.language_switch(lang)
    auth.sidebar(lang)
# The browser's sign-in cookie follows the session, so a reload (or another app process) finds it.
auth.keep_sign_in_cookie()

with ui.page_guard(lang):
    auth.session_notice(lang)
    page.run()
