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
from geo.errors import RiskmapError, message_in  # noqa: E402
from geo.i18n import t  # noqa: E402

lang = ui.current_lang()

with ui.page_guard(lang):
    st.title(t("data.title", lang))
    auth.session_notice(lang)  # app.py says it too; AppTest reruns this page alone
    store.default_store().ensure_default_data()
    if auth.allowed("upload"):
        st.write(t("data.intro", lang))
        kind = st.radio(t("data.kind", lang), store.KINDS, format_func=lambda k: t(f"data.kind.{k}", lang),
                        horizontal=True, key="data_kind")
        uploaded = st.file_uploader(t("data.upload", lang), type=["csv", "txt", "tsv", "xlsx", "xls"],
                                    key="data_file")
        if uploaded is not None:
            try:
                datapage.upload_section(uploaded, kind, lang)
            except RiskmapError as error:  # the file as a whole cannot be used: say why, keep the page
                st.error(message_in(error, lang))
    else:
        st.info(t("auth.viewer_data", lang))
    datapage.versions_section(lang)
