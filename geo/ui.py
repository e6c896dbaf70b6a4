"""Streamlit helpers shared by the pages: language, error guard, the Map page's view and widgets.

This is the one module in ``geo`` that imports Streamlit; the logic it calls
(view rules, map building) lives in :mod:`geo.share` and :mod:`geo.render` and is
tested without Streamlit.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Callable, Iterator
from dataclasses import replace

import streamlit as st
from streamlit_folium import st_folium

from geo._errors import RiskmapError
from geo.codes import CodeList, ancestors, level_of, truncate_to_level
from geo.assets import leaflet_urls
from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from geo.render import PreparedLayer, build_map, cached_layer
from geo.share import (
    TILE_CHOICES,
    View,
    drill_down,
    effective_tiles,
    levels_within,
    parse_view,
    view_to_query,
    with_area,
    with_level,
)

LOGGER = logging.getLogger("riskmap.app")

_LANG_STATE = "ui_lang"
_LANG_WIDGET = "ui_lang_select"
_MAP_COMPONENT = "map_click"
_SELECTED_STATE = "map_selected_code"
_CALLBACK_ERROR = "ui_callback_error"


# --------------------------------------------------------------------------- language


def current_lang() -> str:
    """The interface language: ``lang`` in the URL, else this session's choice, else Bahasa Indonesia."""
    from_url = st.query_params.get("lang")
    if from_url in LANGUAGES:
        st.session_state[_LANG_STATE] = from_url
        return from_url
    return st.session_state.get(_LANG_STATE, DEFAULT_LANGUAGE)


def _on_language_change() -> None:
    lang = st.session_state[_LANG_WIDGET]
    st.session_state[_LANG_STATE] = lang
    if lang == DEFAULT_LANGUAGE:
        if "lang" in st.query_params:
            del st.query_params["lang"]
    else:
        st.query_params["lang"] = lang


def language_switch(lang: str) -> None:
    """Sidebar selector of the interface language (also kept in the URL as ``lang``)."""
    st.session_state[_LANG_WIDGET] = lang
    st.sidebar.selectbox(
        t("app.language", lang),
        LANGUAGES,
        format_func=lambda code: t(f"ui.lang.{code}", lang),
        key=_LANG_WIDGET,
        on_change=_guarded_callback(_on_language_change),
    )


# --------------------------------------------------------------------------- errors


@contextlib.contextmanager
def page_guard(lang: str) -> Iterator[None]:
    """Show errors as messages, never as tracebacks.

    A :class:`RiskmapError` already carries a message for the user; anything else
    gets a generic message on the page and its traceback in the server log.
    Streamlit's own control flow (``st.rerun``, ``st.stop``) derives from
    ``BaseException`` and passes through untouched.
    """
    pending = st.session_state.pop(_CALLBACK_ERROR, None)
    if pending:
        st.error(pending)
    try:
        yield
    except RiskmapError as error:
        st.error(str(error))
    except Exception:
        LOGGER.exception("Unexpected error while drawing a page")
        st.error(t("ui.error.generic", lang))


def _guarded_callback(callback: Callable[[], None]) -> Callable[[], None]:
    """Wrap a widget callback: callbacks run before the page (outside :func:`page_guard`),
    so their errors are kept and shown by the guard on the run that follows."""

    @functools.wraps(callback)
    def guarded() -> None:
        try:
            callback()
        except RiskmapError as error:
            st.session_state[_CALLBACK_ERROR] = str(error)
        except Exception:
            LOGGER.exception("Unexpected error in a widget callback")
            st.session_state[_CALLBACK_ERROR] = t("ui.error.generic", current_lang())

    return guarded


# --------------------------------------------------------------------------- view <-> URL


def _query_from_url() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def current_view(lang: str) -> tuple[View, list[str]]:
    """The Map page's view read from the URL (corrected), and messages about what was wrong.

    The URL is rewritten to the corrected view's canonical form, so a reload keeps it.
    """
    query = _query_from_url()
    if "lang" not in query:
        # The session's language (chosen on another page) applies, and messages use it.
        query["lang"] = [lang]
    view, messages = parse_view(query)
    canonical = view_to_query(view)
    if {key: values[-1] for key, values in query.items() if values} != canonical:
        st.query_params.from_dict(canonical)
    return view, messages


def _apply(view: View) -> None:
    st.query_params.from_dict(view_to_query(view))
    st.session_state.pop(_SELECTED_STATE, None)


def _view_now() -> View:
    # Callbacks run before the script: the URL still holds the previous (canonical) view.
    query = _query_from_url()
    query.setdefault("lang", [current_lang()])
    view, _ = parse_view(query)
    return view


# --------------------------------------------------------------------------- widgets


def _names() -> CodeList:
    return CodeList.load()


def format_count(number: int, lang: str) -> str:
    """A whole number with the language's thousands separator (8.492 in Bahasa Indonesia, 8,492 in English)."""
    text = f"{number:,}"
    return text.replace(",", ".") if lang == "id" else text


def area_name(code: str | None, lang: str) -> str:
    """Official name of an area, or "Indonesia" for ``None``."""
    return t("area.indonesia", lang) if code is None else _names().name(code)


def breadcrumb(view: View) -> None:
    """Indonesia › province › regency › district: each step above the current area is a button."""
    steps: list[str | None] = [None]
    if view.area is not None:
        steps += [*ancestors(view.area), view.area]
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        for code in steps:
            label = area_name(code, view.lang)
            if code == view.area:
                st.markdown(f"**{_markdown_escape(label)}**", width="content")
            else:
                st.button(
                    label,
                    key=f"map_crumb_{code or 'id'}",
                    type="tertiary",
                    on_click=_guarded_callback(lambda target=code: _apply(with_area(_view_now(), target))),
                )
                st.markdown("›", width="content")


def _markdown_escape(text: str) -> str:
    return "".join("\\" + char if char in "\\`*_{}[]()#+-.!|<>~" else char for char in text)


_ALL = ""
"""Selector option meaning "all areas of the parent" (``None`` would read as "nothing chosen")."""


def _select_area(view: View, level: str, parent: str | None, key: str, all_label: str) -> str | None:
    """One selector of the areas of ``level`` inside ``parent``; returns the chosen code or ``None``."""
    children = _names().children(parent, level=level)
    options: list[str] = [_ALL, *children["code"].tolist()]
    names = dict(zip(children["code"], children["name"], strict=True))
    current = truncate_to_level(view.area, level) if view.area is not None else None
    st.session_state[key] = current if current in names else _ALL

    def on_change() -> None:
        chosen = st.session_state[key]
        _apply(with_area(_view_now(), chosen if chosen != _ALL else parent))

    st.selectbox(
        t(f"ui.map.{level}", view.lang),
        options,
        format_func=lambda code: all_label if code == _ALL else names[code],
        key=key,
        on_change=_guarded_callback(on_change),
    )
    chosen = st.session_state[key]
    return None if chosen == _ALL else chosen


def area_selectors(view: View) -> None:
    """Province, regency and district pickers plus the level choice, all writing the URL."""
    lang = view.lang
    columns = st.columns(4)
    with columns[0]:
        province = _select_area(view, "province", None, "map_province", t("ui.map.all_indonesia", lang))
    if province is not None:
        with columns[1]:
            regency = _select_area(view, "regency", province, "map_regency", t("ui.map.all_regencies", lang))
        if regency is not None:
            with columns[2]:
                _select_area(view, "district", regency, "map_district", t("ui.map.all_districts", lang))
    with columns[3]:
        st.session_state["map_level"] = view.level
        st.radio(
            t("ui.map.level", lang),
            levels_within(view.area),
            format_func=lambda level: t(f"level.{level}", lang),
            key="map_level",
            horizontal=True,
            on_change=_guarded_callback(lambda: _apply(with_level(_view_now(), st.session_state["map_level"]))),
        )


def tiles_switch(view: View) -> None:
    """Sidebar selector of the basemap (``tiles`` in the URL)."""
    key = "map_tiles"
    st.session_state[key] = effective_tiles(view)
    st.sidebar.selectbox(
        t("ui.tiles.label", view.lang),
        TILE_CHOICES,
        format_func=lambda choice: t(f"ui.tiles.{choice}", view.lang),
        key=key,
        help=t("ui.tiles.help", view.lang),
        on_change=_guarded_callback(lambda: _apply(replace(_view_now(), tiles=st.session_state[key]))),
    )


def on_map_click() -> None:
    """st_folium callback: drill into the clicked area (or remember a clicked village)."""
    returned = st.session_state.get(_MAP_COMPONENT) or {}
    drawing = returned.get("last_active_drawing") or {}
    code = (drawing.get("properties") or {}).get("code")
    # The browser sends this back: accept only codes of the official list.
    if not isinstance(code, str) or code not in _names():
        return
    view = _view_now()
    target = drill_down(view, code)
    if target is None:
        st.session_state[_SELECTED_STATE] = code
    else:
        _apply(target)


def selected_code() -> str | None:
    """The village last clicked on the map (nothing below it to drill into)."""
    code = st.session_state.get(_SELECTED_STATE)
    return code if isinstance(code, str) and level_of(code) == "village" else None


# --------------------------------------------------------------------------- the map


@st.cache_resource(show_spinner=False, max_entries=48)
def _layer(level: str, within: str | None) -> PreparedLayer:
    # Shared between sessions; geometry is prepared once per (level, within).
    return cached_layer(level, within)


def show_map(view: View, *, height: int = 620) -> None:
    """Draw the view's layer with st_folium; a click on an area drills down one level."""
    lang = view.lang
    tiles = effective_tiles(view)
    with st.spinner(t("ui.map.loading", lang)):
        layer = _layer(view.level, view.area)
        base = _layer("province", None) if tiles == "none" and not (view.area is None and view.level == "province") else None
    where = area_name(view.area, lang)
    level_label = t(f"level.{view.level}", lang)
    if layer.count == 0:
        st.info(t("ui.map.no_polygons", lang, level=level_label, area=where))
    folium_map = build_map(
        layer,
        tiles=tiles,
        base_outlines=base,
        lang=lang,
        assets=leaflet_urls(str(st.get_option("server.baseUrlPath") or "")),
    )
    st_folium(
        folium_map,
        key=_MAP_COMPONENT,
        height=height,
        use_container_width=True,
        # Only a click on an area reruns the page: pan and zoom stay in the browser.
        returned_objects=["last_active_drawing"],
        on_change=_guarded_callback(on_map_click),
    )
    st.caption(t("ui.map.count", lang, count=format_count(layer.count, lang), level=level_label, area=where))
    if view.level != "village" or view.area is None:
        st.caption(t("ui.map.click_hint", lang))
    selected = selected_code()
    if selected is not None:
        st.info(t("ui.map.selected", lang, name=area_name(selected, lang), code=selected))
    st.caption(t("attribution.boundaries", lang))
