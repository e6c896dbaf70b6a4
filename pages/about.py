"""About & method page: purpose, data vintage, licences and attribution, how to read the figures."""

from __future__ import annotations

from geo.app.navigation import require_app_navigation

require_app_navigation()

import streamlit as st

from geo.app import ui
from geo.i18n import t

lang = ui.current_lang()

with ui.page_guard(lang):
    st.title(t("ui.about.title", lang))
    st.write(t("ui.about.purpose", lang))

    st.header(t("ui.about.boundaries_heading", lang))
    st.write(t("ui.about.vintage", lang))
    st.write(t("ui.about.licence", lang))
    st.info(t("attribution.boundaries", lang))
    st.write(t("ui.about.tiles", lang))

    st.header(t("ui.about.method_heading", lang))
    st.warning(t("ui.about.not_prevalence", lang))

    st.header(t("priorities.method.heading", lang))
    for part in ("score", "eb", "hotspots", "plan", "limits"):
        st.markdown(t(f"priorities.method.{part}", lang))  # our own text (intended Markdown: bold leads)

    st.header(t("ui.about.url_heading", lang))
    st.markdown(t("ui.about.url_keys", lang))
