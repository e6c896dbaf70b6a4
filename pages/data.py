"""Data page: upload a CSV/Excel file, check the mapping and matching report, publish a version.

Viewers see the public dataset versions only and no upload or version controls; the
handlers behind those controls check the role again (geo.app.datapage).
"""

from __future__ import annotations

from geo.app.navigation import require_app_navigation

require_app_navigation()

import streamlit as st  # noqa: E402

from geo.app import auth, datapage, ui  # noqa: E402
from geo.data import store  # noqa: E402
from geo.i18n import t  # noqa: E402

lang = ui.current_lang()

with ui.page_guard(lang):
    st.title(t("data.title", lang))
    auth.session_notice(lang)  # app.py says it too; AppTest reruns this page alone
    store.default_store().ensure_default_data()
    datapage.upload_area(lang)
    datapage.versions_section(lang)
