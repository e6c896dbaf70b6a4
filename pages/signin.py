"""Sign-in page: analysts and admins sign in; a signed-in user sees who they are and can sign out."""

from __future__ import annotations

from geo.app.navigation import require_app_navigation

require_app_navigation()

import streamlit as st  # noqa: E402

from geo.app import auth, ui  # noqa: E402
from geo.i18n import t  # noqa: E402
from geo.web.escape import markdown_escape  # noqa: E402

lang = ui.current_lang()

with ui.page_guard(lang):
    st.title(t("auth.form.title", lang))
    auth.session_notice(lang)  # app.py says it too; AppTest reruns this page alone
    if auth.single_user():
        st.info(t("auth.form.no_accounts", lang))
        st.stop()
    user = auth.current_user()
    if user is not None:
        st.success(t("auth.signed_in_as", lang, name=markdown_escape(user.name),
                     role=t(f"auth.role.{user.role}", lang)))
        st.button(t("auth.signout", lang), key="auth_signout_page", on_click=auth.sign_out)
        st.stop()
    st.write(t("auth.form.intro", lang))
    # The password does not stay in the session once the form was sent.
    with st.form(key="auth_signin_form", clear_on_submit=True):
        name = st.text_input(t("auth.form.name", lang), key="auth_name")
        password = st.text_input(t("auth.form.password", lang), type="password", key="auth_password")
        submitted = st.form_submit_button(t("auth.form.submit", lang), type="primary")
    if submitted:
        if not name.strip() or not password:
            st.error(t("auth.form.empty", lang))
        elif auth.sign_in(name.strip(), password) is None:
            st.error(t("auth.form.failed", lang))
        else:
            st.rerun()  # the page (and the sidebar) now show the signed-in user
