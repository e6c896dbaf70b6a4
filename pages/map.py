"""Map page: a choropleth of an indicator at any level, drill-down by click, the view in the URL."""

from __future__ import annotations

from geo.app.navigation import require_app_navigation

require_app_navigation()

import streamlit as st  # noqa: E402

from geo.app import present, ui  # noqa: E402
from geo.i18n import t  # noqa: E402
from geo.web.viewstate import view_to_query  # noqa: E402

lang = ui.current_lang()

# app.py guards every page too; guarding here as well keeps the page safe when run on its own
# (AppTest reruns only the page script after the first run).
with ui.page_guard(lang):
    # /?v=TOKEN and a story's step become the view's own keys first (present=1/embed=1 stay).
    shown, story_place, link_messages = present.open_link("map")
    view, messages = ui.current_view(lang)
    map_only = ui.map_only()
    messages = ui.view_messages([*link_messages, *messages], map_only=map_only)
    if shown.full_window:  # present=1 / embed=1: the map over the whole window, no controls or table
        data = ui.load_map_data(view)
        flows = ui.load_map_flows(view, data)
        present.show_map_presentation(view, data, shown, story_place, [*messages, *data.messages], flows=flows)
        st.stop()
    st.title(t("ui.map.title", lang))
    # The map is the page: right under the title and the one-line notices (a fixed
    # container, so the map keeps its place, centre and zoom whether or not a message
    # shows); the controls and the table follow below it.
    notices = st.container()
    data = ui.load_map_data(view)
    with notices:
        flows = ui.load_map_flows(view, data)
    ui.show_map(view, data, flows=flows)
    controls = st.container()
    with notices:
        ui.show_messages([*messages, *data.messages])  # plain text, Markdown-escaped by the helper
        ui.sample_label(data.choropleth, lang)
    if map_only:
        # The browser builds the map first; the controls follow in a moment (ui.start_run).
        ui.add_controls_shortly()
    else:
        with controls:
            ui.breadcrumb(view)
            ui.area_selectors(view)
            if data.choropleth is not None:
                ui.indicator_controls(view, data.choropleth)
        ui.area_table(view, data)
        ui.export_buttons(view, data, flows)
        with st.container(horizontal=True):
            present.present_button(lang)
            present.save_view_control(view_to_query(view), lang)
        ui.tiles_switch(view)
        ui.flows_toggle(view, data)
        ui.dataset_selectors(view, data)
        if data.choropleth is not None:
            ui.classification_controls(view, data.choropleth)
