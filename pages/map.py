"""Map page: Indonesia by province or regency, drill down to villages; the view lives in the URL."""

from __future__ import annotations

import streamlit as st

from geo import ui
from geo.i18n import t

lang = ui.current_lang()

# app.py guards every page too; guarding here as well keeps the page safe when run on its own
# (AppTest reruns only the page script after the first run).
with ui.page_guard(lang):
    view, messages = ui.current_view(lang)
    st.title(t("ui.map.title", lang))
    for message in messages:
        st.warning(message)
    ui.tiles_switch(view)
    ui.breadcrumb(view)
    ui.area_selectors(view)
    ui.show_map(view)
