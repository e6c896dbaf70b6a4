"""Who is using this session, what their role allows, and which data they may see.

Two modes:

* **single-user** — no account exists and ``RISKMAP_REQUIRE_LOGIN`` is not ``1`` (a laptop):
  the local user may do everything, as before accounts existed, and the sidebar says so;
* **accounts** — accounts exist or ``RISKMAP_REQUIRE_LOGIN=1`` (a hosted link): an anonymous
  visitor is a *viewer* (public datasets, small counts suppressed); analysts and admins sign in
  on the "Masuk / Sign in" page.

Sign-in state is a session token of :mod:`geo.data.users`; the session itself lives in the
store, so it is checked (and expires) on every run and works the same behind a proxy spreading
sessions over several app processes. The token is kept in ``st.session_state`` for the
Streamlit session and in a cookie of the browser (SameSite=Strict, Secure on https, scoped to
the app's base path, written by :func:`keep_sign_in_cookie`), so a reload, or a reconnection to
another app process, finds the sign-in again: nothing of it lives only in one process's memory.
The token never goes into the URL or a log. Every privileged code path starts with
:func:`require`, so a replayed widget event or a hand-written request meets the same check as
the button a viewer never saw.
"""

from __future__ import annotations

import logging
from urllib.parse import unquote

import streamlit as st

from geo.data import audit, users
from geo.i18n import t
from geo.web.assets import web_file
from geo.web.escape import markdown_escape

LOGGER = logging.getLogger("riskmap.auth")

TOKEN_STATE = "auth_session_token"
_EXPIRED_STATE = "auth_session_expired"
_SMALL_COUNTS_STATE = "auth_show_small_counts"
_SMALL_COUNTS_WIDGET = "auth_show_small_counts_toggle"
_COOKIE_READ_STATE = "auth_cookie_read"
_COOKIE_WRITTEN_STATE = "auth_cookie_written"

COOKIE_NAME = "riskmap_session"
"""Name of the browser cookie holding the session token."""

_COOKIE_WRITER = st.components.v2.component("riskmap_session_cookie", js=web_file("js/cookie_session.js"))

SINGLE_USER_ACTOR = "local"
"""Actor name written to datasets and the audit log in single-user mode."""

PUBLIC = "public"
ANALYST = "analyst"


def single_user() -> bool:
    """Whether the app runs single-user: no accounts and ``RISKMAP_REQUIRE_LOGIN`` unset.

    Returns
    -------
    bool
        ``True`` on a laptop without accounts; ``False`` on a hosted link or once an
        account exists.
    """
    return users.single_user()


def current_user() -> users.User | None:
    """The signed-in user of this session, checked against the store on every call.

    An expired or ended session signs the user out here (the token is forgotten and the
    next page run says so).

    Returns
    -------
    geo.data.users.User or None
        ``None`` for an anonymous visitor (and in single-user mode).
    """
    token = _session_token()
    if not token:
        return None
    user = users.session_user(token)
    if user is None:
        st.session_state.pop(TOKEN_STATE, None)
        st.session_state[_EXPIRED_STATE] = True
    return user


def _browser_cookie() -> str | None:
    """The session cookie the browser sent when this Streamlit session connected (a test seam)."""
    value = st.context.cookies.get(COOKIE_NAME)
    # isinstance: under AppTest the session's client is a mock whose cookies are mocks too.
    return unquote(value) if isinstance(value, str) and value else None


def _session_token() -> str | None:
    """The token of this session: signed in here, else the browser's cookie (read once per session).

    Read once, so that after a sign-out (or an expired cookie) the cookie the browser sent at
    connection time is not taken up again.
    """
    token = st.session_state.get(TOKEN_STATE)
    if token:
        return str(token)
    if st.session_state.get(_COOKIE_READ_STATE):
        return None
    st.session_state[_COOKIE_READ_STATE] = True
    cookie = _browser_cookie()
    if cookie:
        st.session_state[TOKEN_STATE] = cookie
    return cookie


def role() -> str | None:
    """The session's role: the signed-in user's, ``None`` for an anonymous viewer, ``"admin"`` single-user.

    Returns
    -------
    str or None
        One of :data:`geo.data.users.ROLES`, or ``None`` (anonymous viewer).
    """
    if single_user():
        return "admin"
    user = current_user()
    return user.role if user is not None else None


def allowed(action: str) -> bool:
    """Whether this session may perform ``action`` (no message; for what to draw).

    Parameters
    ----------
    action : str
        ``"upload"``, ``"publish"``, ``"activate"``, ``"restrict"``, ``"delete"``,
        ``"purge"``, ``"manage_users"`` or ``"see_restricted"``.

    Returns
    -------
    bool
        ``True`` single-user, else what :func:`geo.data.users.can` says for the role.
    """
    return single_user() or users.can(role(), action)


def require(action: str, lang: str) -> bool:
    """The server-side check at the start of every privileged handler.

    Parameters
    ----------
    action : str
        The action about to be performed (see :func:`allowed`).
    lang : str
        Language of the refusal message.

    Returns
    -------
    bool
        ``True`` when allowed. Otherwise an error is shown on the page, the refusal is
        written to the audit log and ``False`` is returned: the caller must stop.
    """
    if allowed(action):
        return True
    current = role()
    audit.record(actor(), "denied", action, f"role={current or 'viewer'}")
    LOGGER.warning("refused %s to role %s", action, current or "viewer")
    st.error(t("auth.denied", lang, action=t(f"auth.action.{action}", lang),
               role=t(f"auth.role.{current or 'viewer'}", lang)))
    return False


def actor() -> str | None:
    """Name recorded as uploader or actor: the signed-in user, ``"local"`` single-user, ``None`` anonymous.

    Returns
    -------
    str or None
        The actor's name.
    """
    if single_user():
        return SINGLE_USER_ACTOR
    user = current_user()
    return user.name if user is not None else None


def data_audience() -> str:
    """Which datasets this session may see: ``"analyst"`` (restricted too) or ``"public"``.

    Returns
    -------
    str
        ``"analyst"`` when the role may ``see_restricted``, else ``"public"``.
    """
    return ANALYST if allowed("see_restricted") else PUBLIC


def value_audience() -> str:
    """How values are disclosed: ``"analyst"`` (small counts shown) only on the analyst's own request.

    Returns
    -------
    str
        ``"analyst"`` when the role may ``see_restricted`` and the sidebar switch "show
        small counts" is on; else ``"public"`` (small counts suppressed).
    """
    if st.session_state.get(_SMALL_COUNTS_STATE) and allowed("see_restricted"):
        return ANALYST
    return PUBLIC


# --------------------------------------------------------------------------- sign-in and out


def sign_in(name: str, password: str) -> users.User | None:
    """Check a name and password (slowed down after failures) and start a session.

    Parameters
    ----------
    name, password : str
        As typed in the sign-in form.

    Returns
    -------
    geo.data.users.User or None
        The user, whose session token is now in ``st.session_state``; ``None`` when the
        name or password is wrong (:func:`geo.data.users.verify` writes the attempt, never the
        password, to the audit trail and slows down repeated failures).
    """
    user = users.verify(name, password)  # audits the sign-in or the failure
    if user is None:
        return None
    st.session_state[TOKEN_STATE] = users.create_session(user)
    st.session_state.pop(_EXPIRED_STATE, None)
    return user


def sign_out() -> None:
    """End this session's sign-in (in the store too, so the token cannot be reused; audited)."""
    token = st.session_state.pop(TOKEN_STATE, None)
    st.session_state[_COOKIE_READ_STATE] = True  # the cookie sent at connection time is not taken up again
    st.session_state.pop(_SMALL_COUNTS_STATE, None)
    users.end_session(str(token) if token else None)  # audits the sign-out


def cookie_path(base_url_path: str | None) -> str:
    """The cookie's ``Path``: the app's base URL path (``server.baseUrlPath``), ``/`` at the root.

    Parameters
    ----------
    base_url_path : str or None
        Streamlit's ``server.baseUrlPath`` (with or without slashes).

    Returns
    -------
    str
        ``"/"`` or ``"/<base path>"``: the cookie goes with every request of this app and no other
        app on the same host.

    Examples
    --------
    >>> cookie_path("")
    '/'
    >>> cookie_path("/tools/riskmap/")
    '/tools/riskmap'
    """
    base = (base_url_path or "").strip("/")
    return f"/{base}" if base else "/"


def keep_sign_in_cookie() -> None:
    """Make the browser's sign-in cookie follow this session: set after sign-in, cleared after sign-out.

    Call once per run, before the page runs (app.py): a sign-in reruns the app and a sign-out is
    a button callback, so this run already knows either. Nothing is drawn
    while the cookie the browser sent already matches the session (a reloaded page). Once this
    session has changed the cookie, the writer is drawn on every run, so that a rerun that
    follows at once cannot remove it before its script has run.
    """
    signed_in = not single_user() and current_user() is not None  # adopts or drops the cookie's token
    wanted = str(st.session_state[TOKEN_STATE]) if signed_in else None
    if not st.session_state.get(_COOKIE_WRITTEN_STATE) and wanted == _browser_cookie():
        return
    st.session_state[_COOKIE_WRITTEN_STATE] = True
    cookie = {"name": COOKIE_NAME, "value": wanted or "", "path": cookie_path(st.get_option("server.baseUrlPath")),
              "maxAge": int(users.SESSION_LIFETIME.total_seconds())}
    with st.sidebar:
        _COOKIE_WRITER(key="auth_session_cookie", data=cookie)


# --------------------------------------------------------------------------- sidebar


def _on_small_counts() -> None:
    # The widget's own state is dropped on runs that do not draw it (the Map page's first
    # run): the choice is kept in a state key of its own.
    st.session_state[_SMALL_COUNTS_STATE] = bool(st.session_state.get(_SMALL_COUNTS_WIDGET))


def sidebar(lang: str) -> None:
    """The sidebar's account part: mode or user, sign-out button, analysts' "show small counts".

    Parameters
    ----------
    lang : str
        Interface language.
    """
    if single_user():
        st.sidebar.caption(t("auth.single_user", lang))
    else:
        user = current_user()
        if user is None:
            st.sidebar.caption(t("auth.anonymous", lang))
        else:
            st.sidebar.caption(t("auth.signed_in_as", lang, name=markdown_escape(user.name),
                                 role=t(f"auth.role.{user.role}", lang)))
            st.sidebar.button(t("auth.signout", lang), key="auth_signout", on_click=sign_out)
    if allowed("see_restricted"):
        st.session_state[_SMALL_COUNTS_WIDGET] = bool(st.session_state.get(_SMALL_COUNTS_STATE))
        st.sidebar.toggle(t("auth.small_counts", lang), key=_SMALL_COUNTS_WIDGET,
                          help=t("auth.small_counts_help", lang), on_change=_on_small_counts)


def session_notice(lang: str) -> None:
    """Say so, once, in the page when this session's sign-in has just expired or ended.

    Parameters
    ----------
    lang : str
        Interface language.
    """
    current_user()  # checks the token now: an expired one is forgotten and flagged
    if st.session_state.pop(_EXPIRED_STATE, False):
        st.warning(t("auth.expired", lang))


def show_sign_in_page() -> bool:
    """Whether navigation offers the sign-in page (accounts mode only).

    Returns
    -------
    bool
        ``False`` single-user, where there is nobody to sign in as.
    """
    return not single_user()
