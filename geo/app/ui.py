"""Streamlit helpers shared by the pages: language, error guard, the Map page's view and widgets.

This is the one module in ``geo`` that imports Streamlit; the logic it calls
(view rules, map building) lives in :mod:`geo.web.viewstate` and :mod:`geo.web.render` and is
tested without Streamlit.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.analysis.classify import SCHEMES
from geo.analysis.flows import DEFAULT_TOP, FlowResult
from geo.analysis.indicators import INDICATORS, MEASURES
from geo.analysis.palettes import MAX_CLASSES, MIN_CLASSES, PALETTES
from geo.analysis.periods import ALL_PERIODS, period_label
from geo.app import auth
from geo.data.codes import CodeList, ancestors, level_of, truncate_to_level
from geo.data.kinds import KINDS
from geo.errors import RiskmapError, message_in
from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_number, t
from geo.web.assets import leaflet_urls
from geo.web.escape import markdown_escape
from geo.web.export import table_to_csv, table_to_xlsx
from geo.web.layer_files import layer_files_present, static_url, write_layer_file
from geo.web.layers import PreparedLayer, cached_layer, cached_overview_layer
from geo.web.mapview import (
    Choropleth,
    MapData,
    display_table,
    export_map_html,
    export_table,
    flow_export_layers,
    flow_overlay,
    flow_summary,
    format_value,
    map_data,
    map_flow_countries,
    map_flows,
    sample_labels,
    sample_line,
)
from geo.web.render import build_live_map, restyle_group
from geo.web.viewstate import (
    MAX_MIN_COUNT,
    MAX_TOP,
    TILE_CHOICES,
    FlowView,
    View,
    drill_down,
    effective_tiles,
    flow_view_to_query,
    levels_within,
    parse_breaks,
    parse_flow_view,
    parse_presentation,
    parse_view,
    period_to_text,
    presentation_to_query,
    view_to_query,
    with_area,
    with_level,
)

if TYPE_CHECKING:
    from geo.data.store import DatasetInfo

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
        show_message(pending, "error")
    try:
        yield
    except RiskmapError as error:
        show_message(message_in(error, lang), "error")
    except Exception:
        LOGGER.exception("Unexpected error while drawing a page")
        st.error(t("ui.error.generic", lang))


def _guarded_callback(callback: Callable[[], None]) -> Callable[[], None]:
    """Wrap a widget callback so that its errors become messages.

    Callbacks run before the page (outside :func:`page_guard`), so their errors are kept
    and shown by the guard on the run that follows.
    """

    @functools.wraps(callback)
    def guarded() -> None:
        try:
            callback()
        except RiskmapError as error:
            st.session_state[_CALLBACK_ERROR] = message_in(error, current_lang())
        except Exception:
            LOGGER.exception("Unexpected error in a widget callback")
            st.session_state[_CALLBACK_ERROR] = t("ui.error.generic", current_lang())

    return guarded


guarded_callback = _guarded_callback
"""Public name of the widget-callback guard, for the other controllers (:mod:`geo.app.present`)."""


# --------------------------------------------------------------------------- messages


def show_message(text: str, kind: str = "warning") -> None:
    """Show a plain-text message through a Markdown-capable element, Markdown-escaped whole.

    The rule for every text that reaches ``st.warning``, ``st.error``, ``st.info``,
    ``st.success``, ``st.caption``, ``st.toast`` or ``st.markdown``: messages built below
    ``geo.app`` (URL corrections, map data, ingest reports, errors) are **plain text** — they
    quote URL values, file names, column headers and dataset names as they are, so that the
    CLI prints them unchanged — and the page escapes the **whole** message here, at display,
    with :func:`geo.web.escape.markdown_escape`. A link, an image, HTML or a Streamlit
    directive inside such a value is then shown as its characters. Texts that carry intended
    Markdown (bold headings, line breaks) escape each inserted value instead.

    Parameters
    ----------
    text : str
        The message (plain text).
    kind : str
        ``warning`` (default), ``error``, ``info``, ``success``, ``caption`` or ``toast``.
    """
    getattr(st, kind)(markdown_escape(text))


def show_messages(messages: list[str], kind: str = "warning") -> None:
    """Show each plain-text message with :func:`show_message`.

    Parameters
    ----------
    messages : list of str
        The messages, in order.
    kind : str
        The element, as for :func:`show_message`.
    """
    for message in messages:
        show_message(message, kind)


# --------------------------------------------------------------------------- view <-> URL


def _query_from_url() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _presentation_query(query: dict[str, list[str]]) -> dict[str, str]:
    """The URL's valid presentation keys (``present``, ``embed``, ``story``, ``step``): they stay beside the view."""
    return presentation_to_query(parse_presentation(query)[0])


def _rewrite_url(query: dict[str, list[str]], canonical: dict[str, str]) -> None:
    """Write the corrected view into the URL when it differs, so a reload shows it without messages."""
    canonical = {**canonical, **_presentation_query(query)}
    as_given = {key: values[-1] for key, values in query.items() if values}
    if as_given != canonical or any(len(values) != 1 for values in query.values()):
        st.query_params.from_dict(canonical)


def current_view(lang: str) -> tuple[View, list[str]]:
    """The Map page's view read from the URL (corrected), and the message about what was corrected.

    The URL is rewritten to the corrected view's canonical form, so a reload keeps the view
    and shows no message again.
    """
    query = _query_from_url()
    # Without lang in the URL the session's language (chosen on another page) applies.
    view, messages = parse_view({"lang": [lang], **query})
    _rewrite_url(query, view_to_query(view))
    return view, messages


def current_flow_view(lang: str, dataset_ids: list[int]) -> tuple[FlowView, list[str]]:
    """The Flows page's view read from the URL (corrected), and the message about what was corrected.

    ``dataset_ids`` are the datasets this visitor may see; another ``dataset`` is corrected.
    The URL is rewritten once the page has chosen the dataset (:func:`rewrite_flow_url`).
    """
    return parse_flow_view({"lang": [lang], **_query_from_url()}, dataset_ids=dataset_ids)


def rewrite_flow_url(view: FlowView) -> None:
    """Write the Flows page's corrected view into the URL when it differs (a reload is then clean)."""
    _rewrite_url(_query_from_url(), flow_view_to_query(view))


def flow_view_now() -> FlowView:
    """The Flows page's view in a widget callback (the URL still holds the previous, canonical view)."""
    return parse_flow_view({"lang": [current_lang()], **_query_from_url()})[0]


def apply_flow_view(**changes: object) -> None:
    """Write the Flows page's view with ``changes`` into the URL (from a widget callback)."""
    st.query_params.from_dict(flow_view_to_query(replace(flow_view_now(), **changes)))  # type: ignore[arg-type]


def _apply(view: View) -> None:
    # A click on the map in presentation mode drills down and stays in presentation mode.
    st.query_params.from_dict({**view_to_query(view), **_presentation_query(_query_from_url())})
    st.session_state.pop(_SELECTED_STATE, None)


def _view_now() -> View:
    # Callbacks run before the script: the URL still holds the previous (canonical) view.
    view, _ = parse_view({"lang": [current_lang()], **_query_from_url()})
    return view


# --------------------------------------------------------------------------- widgets


def _names() -> CodeList:
    return CodeList.load()


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
                st.markdown(f"**{markdown_escape(label)}**", width="content")
            else:
                st.button(
                    markdown_escape(label),  # button labels render Markdown
                    key=f"map_crumb_{code or 'id'}",
                    type="tertiary",
                    on_click=_guarded_callback(functools.partial(_go_to_area, code)),
                )
                st.markdown("›", width="content")


def _go_to_area(target: str | None) -> None:
    _apply(with_area(_view_now(), target))


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


def flows_toggle(view: View, data: MapData | None = None) -> None:
    """Sidebar switch "show flows" (``flows=1`` in the URL): flow lines of the cases dataset over the map.

    With flows on and ``data`` given, the Flows page's filters follow: largest flows drawn
    (``top``), destination country (``country``) and minimum per flow (``min``), each in the URL.
    """
    key = "map_flows"
    st.session_state[key] = view.flows
    st.sidebar.toggle(
        t("flows.map.toggle", view.lang),
        key=key,
        help=t("flows.map.toggle_help", view.lang),
        on_change=_guarded_callback(lambda: _set_options(flows=bool(st.session_state[key]))),
    )
    if view.flows and data is not None:
        _flow_filters(view, data)


def _flow_filters(view: View, data: MapData) -> None:
    from geo.data.gazetteer import country_label

    lang = view.lang
    options = st.sidebar.expander(t("flows.map.options", lang), expanded=True)
    st.session_state["map_flow_top"] = view.flow_top or DEFAULT_TOP
    options.number_input(
        t("flows.widget.top", lang), min_value=1, max_value=MAX_TOP, step=5, key="map_flow_top",
        on_change=_guarded_callback(lambda: _set_options(
            flow_top=None if st.session_state["map_flow_top"] == DEFAULT_TOP else int(st.session_state["map_flow_top"])
        )),
    )
    countries = map_flow_countries(data)
    if view.flow_country and view.flow_country not in countries:
        countries = sorted([*countries, view.flow_country])
    st.session_state["map_flow_country"] = view.flow_country or ""
    options.selectbox(
        t("flows.widget.country", lang), ["", *countries], key="map_flow_country",
        format_func=lambda code: country_label(code, lang) if code else t("flows.widget.all_countries", lang),
        on_change=_guarded_callback(lambda: _set_options(flow_country=st.session_state["map_flow_country"] or None)),
    )
    st.session_state["map_flow_min"] = int(view.flow_min)
    options.number_input(
        t("flows.widget.min", lang), min_value=0, max_value=MAX_MIN_COUNT, step=1, key="map_flow_min",
        on_change=_guarded_callback(lambda: _set_options(flow_min=float(st.session_state["map_flow_min"]))),
    )


def load_map_flows(view: View, data: MapData) -> FlowResult | None:
    """The flows drawn over the map when ``flows=1`` (``None``: off, or no cases dataset — then a note says so)."""
    if not view.flows:
        return None
    result = map_flows(data)
    if result is None:
        st.info(t("flows.map.no_cases", view.lang))
    elif result.flows.empty:
        st.info(t("flows.map.none", view.lang))
    return result


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


# --------------------------------------------------------------------------- map first

_MAP_FIRST_DONE = "_riskmap_map_first_done"
_MAP_ONLY_RUN = "_riskmap_map_only_run"
_MAP_FIRST_TICKED = "_riskmap_map_first_ticked"
#: Seconds between the map-only first run of a session and the run that adds the controls.
CONTROLS_DELAY_S = 0.5


def start_run(*, map_page: bool) -> bool:
    """Decide, before the page runs (app.py), whether this run sends the Map page's map alone.

    It does on the session's first run of the Map page. The browser builds the map
    (component frame, Leaflet, geometry) and Streamlit's widgets on the same thread,
    and widgets sent together with the map held it back by 0.4-0.6 s
    (``benchmarks/browser_map.py``). So that run sends the title, the map and its
    captions only — no sidebar widgets either — and :func:`add_controls_shortly` reruns
    the app to add the controls and the table. Every later run is a full run.
    """
    map_only = map_page and not st.session_state.get(_MAP_FIRST_DONE)
    if map_page:
        st.session_state[_MAP_FIRST_DONE] = True
    st.session_state[_MAP_ONLY_RUN] = map_only
    return map_only


def map_only() -> bool:
    """Whether :func:`start_run` decided that this run sends the map alone (never when a page runs on its own)."""
    return bool(st.session_state.get(_MAP_ONLY_RUN))


_CARRIED_MESSAGES = "_riskmap_carried_messages"


def view_messages(messages: list[str], *, map_only: bool) -> list[str]:
    """Messages about the URL to show: this run's, plus those of the map-only run just before.

    The map-only run has already corrected the URL, so the run that adds the controls
    would not find the problem again; the messages are carried over to it.
    """
    carried: list[str] = st.session_state.pop(_CARRIED_MESSAGES, [])
    if map_only:
        st.session_state[_CARRIED_MESSAGES] = list(messages)
    return [*carried, *(message for message in messages if message not in carried)]


def add_controls_shortly() -> None:
    """Rerun the whole app :data:`CONTROLS_DELAY_S` seconds from now, once.

    A fragment with ``run_every`` asks the browser for the rerun; the full run that
    follows does not draw the fragment again, which ends its timer. A click or a widget
    used in the meantime reruns the app just the same.
    """
    st.session_state[_MAP_FIRST_TICKED] = False

    @st.fragment(run_every=CONTROLS_DELAY_S)
    def rerun_with_controls() -> None:
        # The fragment also runs once inside this run: only its timed run reruns the app.
        if st.session_state.get(_MAP_FIRST_TICKED):
            st.rerun(scope="app")
        st.session_state[_MAP_FIRST_TICKED] = True

    rerun_with_controls()


# --------------------------------------------------------------------------- the map


@st.cache_resource(show_spinner=False, max_entries=48)
def _layer(level: str, within: str | None) -> PreparedLayer:
    # Shared between sessions; geometry is prepared once per (level, within).
    return cached_layer(level, within)


@st.cache_resource(show_spinner=False, max_entries=96)
def _layer_file(level: str, within: str | None) -> str:
    # The GeoJSON is written once to static/cache/ and the browser fetches it from there.
    return write_layer_file(_layer(level, within))


@st.cache_resource(show_spinner=False, max_entries=48)
def _overview_file(level: str, within: str | None) -> str | None:
    # A large layer's overview, drawn first (geo.web.layers.overview_of); None for a small layer.
    overview = cached_overview_layer(level, within)
    return write_layer_file(overview) if overview is not None else None


def _present_or_written_again(cached: Callable[..., str | None], *args: str | None) -> str | None:
    """The file name a cached writer returned; written again if the file went missing (static/cache/ emptied)."""
    name = cached(*args)
    if name is not None and not layer_files_present(name):
        cached.clear()  # type: ignore[attr-defined]  # a st.cache_resource function
        name = cached(*args)
    return name


def _layer_file_checked(level: str, within: str | None) -> str:
    """The layer's file name (written again if the file went missing)."""
    name = _present_or_written_again(_layer_file, level, within)
    assert name is not None  # a layer always has a file
    return name


def layer_urls(level: str, within: str | None) -> tuple[str, str | None]:
    """URLs of a view's layer file and, for a large layer, of its overview (drawn first).

    Both are written under ``static/cache/`` once per process (again if they went missing).
    """
    base_url = _base_url_path()
    overview = _present_or_written_again(_overview_file, level, within)
    return (static_url(_layer_file_checked(level, within), base_url),
            static_url(overview, base_url) if overview is not None else None)


@st.cache_resource(show_spinner=False, max_entries=1)
def _base_file() -> str | None:
    # Land and place names of our own base: one file for every view, built once per process.
    from geo.web.basemap import write_base_file

    try:
        return write_base_file()
    except RiskmapError as error:
        # Without the world outlines the map still draws (sea, provinces, areas): say why once in the log.
        LOGGER.warning("Own basemap without land: %s", error)
        return None


def _base_file_checked() -> str | None:
    """The own base's file name (written again if static/cache/ was emptied), or None without world outlines."""
    return _present_or_written_again(_base_file)


def own_base_urls(view_level: str, view_area: str | None) -> tuple[str | None, str | None]:
    """URLs of our own base's land and of the province outlines for a view (``None``: not drawn).

    The provinces' own national map needs no province outlines under it.
    """
    base_url = _base_url_path()
    land = _base_file_checked()
    land_url = static_url(land, base_url) if land is not None else None
    outlines_url = None
    if not (view_area is None and view_level == "province"):
        outlines_url = static_url(_layer_file_checked("province", None), base_url)
    return land_url, outlines_url


def _base_url_path() -> str:
    return str(st.get_option("server.baseUrlPath") or "")


def _store_state() -> tuple[tuple[int, bool, bool, int], ...]:
    """Which datasets exist, which are active, restricted, and their disclosure thresholds (any change shows)."""
    from geo.data import store

    store.ensure_default_data()
    return tuple(
        (info.id, info.is_active, info.restricted, info.disclosure_threshold)
        for info in store.list_datasets(audience="analyst")
    )


@st.cache_resource(show_spinner=False, max_entries=64)
def _cached_map_data(
    view_key: str, store_state: tuple[tuple[int, bool, bool, int], ...], database: str, data_audience: str,
    value_audience: str, _view: View,
) -> MapData:
    # Shared between sessions of one audience: dataset versions never change, and the key
    # holds the store's state, which datasets the audience may see and whether small counts are shown.
    return map_data(
        _view, layer=_layer(_view.level, _view.area), data_audience=data_audience, value_audience=value_audience
    )


def prepare_boundaries(level: str, within: str | None, lang: str) -> None:
    """Build a level's boundary cache (villages: of one province) with visible progress, if not built yet.

    The first view of a province's villages prepares them (once, some 30 s): the page says
    which province, that it happens once, and how far it is, instead of staying empty.
    """
    from geo.data.boundaries import PREPARATION_STEPS, is_prepared, prepare_level

    province = within[:2] if level == "village" and within else None
    if (level == "village" and province is None) or is_prepared(level, province):
        return
    if province is not None:
        what = t("map.prepare.villages", lang, province=area_name(province, lang))
    else:
        what = t("map.prepare.level", lang, level=t(f"level.{level}", lang))
    with st.status(what, expanded=True) as status:
        bar = st.progress(0.0)

        def report(step: str) -> None:
            done = PREPARATION_STEPS.index(step) / len(PREPARATION_STEPS)
            bar.progress(done, text=t(f"map.prepare.step.{step}", lang))

        prepare_level(level, province, step=report)
        bar.progress(1.0)
        status.update(label=t("map.prepare.done", lang, what=what), state="complete", expanded=False)


def load_map_data(view: View) -> MapData:
    """The view's layer, datasets and choropleth (errors in the data become messages, not tracebacks)."""
    from geo.config import database_url

    prepare_boundaries(view.level, view.area, view.lang)
    with st.spinner(t("ui.map.loading", view.lang)):
        return _cached_map_data(
            repr(view), _store_state(), database_url(), auth.data_audience(), auth.value_audience(), view
        )


def _set_options(**changes: object) -> None:
    """Write choropleth options into the URL (the area and the clicked village stay)."""
    st.query_params.from_dict(view_to_query(replace(_view_now(), **changes)))  # type: ignore[arg-type]


def dataset_selectors(view: View, data: MapData) -> None:
    """Sidebar: one migration and one cases dataset (``dataset`` in the URL)."""
    from geo.data import store

    lang = view.lang
    keys = {kind: f"map_dataset_{kind}" for kind in KINDS}
    for kind in KINDS:
        datasets = store.list_datasets(kind, audience=auth.data_audience())  # viewers: public ones only
        labels = {0: t("map.dataset.none", lang)}
        for info in datasets:
            key = "map.dataset.option_sample" if info.is_sample else "map.dataset.option"
            labels[info.id] = t(key, lang, name=info.name, version=info.version, id=info.id)
        shown = data.selection.of_kind(kind)
        current = shown.id if shown is not None else 0
        if current not in labels:  # e.g. a deleted version named in the URL
            labels[current] = str(current)
        st.session_state[keys[kind]] = current

        def on_change() -> None:
            chosen = tuple(
                int(st.session_state[keys[k]]) for k in KINDS if int(st.session_state.get(keys[k]) or 0) > 0
            )
            _set_options(datasets=chosen)

        st.sidebar.selectbox(
            t(f"map.dataset.{kind}", lang),
            list(labels),
            format_func=functools.partial(_dataset_label, labels),
            key=keys[kind],
            on_change=_guarded_callback(on_change),
        )


def _dataset_label(labels: dict[int, str], dataset_id: int) -> str:
    return labels[dataset_id]


def _palette_label(name: str, lang: str) -> str:
    return t("map.palette.safe", lang, name=name) if PALETTES[name].colour_blind_safe else name


def classification_controls(view: View, choropleth: Choropleth) -> None:
    """Sidebar: class method, number of classes, palette, own breaks and fixed breaks."""
    lang = view.lang
    st.sidebar.subheader(t("map.classification", lang))
    st.session_state["map_scheme"] = choropleth.scheme

    def on_scheme() -> None:
        scheme = st.session_state["map_scheme"]
        if scheme == "user_defined":
            # Start from the breaks on screen: the user then edits them.
            bins = [b for b in choropleth.classification.bins[:-1] if math.isfinite(b)]
            breaks = tuple(float(f"{b:.4g}") for b in bins) or (1.0,)
            _set_options(scheme=scheme, breaks=tuple(sorted(set(breaks))))
        else:
            _set_options(scheme=scheme, breaks=None)

    st.sidebar.selectbox(
        t("map.scheme", lang), SCHEMES, format_func=lambda s: t(f"risk.scheme.{s}", lang), key="map_scheme",
        on_change=_guarded_callback(on_scheme),
    )
    if choropleth.scheme == "user_defined":
        st.session_state["map_breaks"] = ", ".join(f"{b:g}" for b in (view.breaks or ()))

        def on_breaks() -> None:
            text = st.session_state["map_breaks"]
            try:
                breaks = parse_breaks(text)
            except ValueError:
                st.session_state[_CALLBACK_ERROR] = t("map.breaks.invalid", current_lang(), value=text)
                return
            _set_options(scheme="user_defined", breaks=breaks)

        st.sidebar.text_input(
            t("map.breaks", lang), key="map_breaks", help=t("map.breaks.help", lang),
            on_change=_guarded_callback(on_breaks),
        )
    else:
        st.session_state["map_k"] = choropleth.k
        st.sidebar.slider(
            t("risk.classes", lang), MIN_CLASSES, MAX_CLASSES, key="map_k",
            on_change=_guarded_callback(lambda: _set_options(k=int(st.session_state["map_k"]))),
        )
        st.session_state["map_fixed"] = choropleth.fixed
        st.sidebar.checkbox(
            t("risk.fixed_breaks", lang), key="map_fixed",
            on_change=_guarded_callback(lambda: _set_options(fixed=bool(st.session_state["map_fixed"]))),
        )
    st.session_state["map_palette"] = choropleth.palette
    st.sidebar.selectbox(
        t("risk.palette", lang), list(PALETTES), format_func=lambda name: _palette_label(name, lang), key="map_palette",
        on_change=_guarded_callback(lambda: _set_options(palette=st.session_state["map_palette"])),
    )


def indicator_controls(view: View, choropleth: Choropleth) -> None:
    """Indicator, value/change and period (one or a range) above the map."""
    lang = view.lang
    columns = st.columns([3, 2, 2, 2])
    with columns[0]:
        st.session_state["map_indicator"] = choropleth.indicator
        st.selectbox(
            t("map.indicator", lang), list(choropleth.indicators),
            format_func=lambda name: t(INDICATORS[name].label_key, lang), key="map_indicator",
            on_change=_guarded_callback(lambda: _set_options(indicator=st.session_state["map_indicator"])),
        )
    with columns[1]:
        st.session_state["map_measure"] = choropleth.measure
        st.selectbox(
            t("map.measure", lang), list(MEASURES), format_func=lambda m: t(f"risk.measure.{m}", lang),
            key="map_measure",
            on_change=_guarded_callback(lambda: _set_options(measure=st.session_state["map_measure"])),
        )
    period = choropleth.period
    first = period[0] if isinstance(period, tuple) else period
    last = period[1] if isinstance(period, tuple) else None
    options = [ALL_PERIODS, *choropleth.periods]
    if first not in options:
        options.append(first)  # type: ignore[arg-type]
    with columns[2]:
        st.session_state["map_period"] = first

        def on_period() -> None:
            chosen = st.session_state["map_period"]
            _set_options(period=chosen)

        st.selectbox(
            t("map.period", lang), options, format_func=lambda p: period_label(p, lang), key="map_period",
            on_change=_guarded_callback(on_period),
        )
    with columns[3]:
        later = [
            p for p in choropleth.periods
            if first is not None and first != ALL_PERIODS and len(p) == len(first) and p > first
        ]
        to_options = ["", *later]
        if last is not None and last not in to_options:
            to_options.append(last)
        st.session_state["map_period_to"] = last or ""

        def on_period_to() -> None:
            start = st.session_state["map_period"]
            end = st.session_state["map_period_to"]
            _set_options(period=(start, end) if end else start)

        st.selectbox(
            t("map.period.to", lang), to_options, format_func=lambda p: p or t("map.period.single", lang),
            key="map_period_to", disabled=not later, on_change=_guarded_callback(on_period_to),
        )


def sample_label(choropleth: Choropleth | None, lang: str, *, datasets: Sequence[DatasetInfo] = ()) -> None:
    """A one-line label whenever a sample dataset is shown, its anchor sources one click away.

    One line so that the map stays high on the page; the citation, in the page's language
    only, opens from the "Sources" button beside it. The Map page passes its choropleth,
    the Flows page the ``datasets`` it draws (those that are not samples get no label).
    """
    labels = sample_labels(choropleth, lang)
    flow_line = sample_line(
        [(f"{dataset.name} v{dataset.version}", dataset.sources) for dataset in datasets if dataset.is_sample], lang)
    if flow_line is not None:
        labels.append(flow_line)
    for label, citation in labels:
        label_column, sources_column = st.columns([5, 1], vertical_alignment="center")
        with label_column:
            show_message(label)
        if citation:
            with sources_column, st.popover(t("map.sample.sources", lang), width="stretch"):
                show_message(citation, "markdown")


MAP_HEIGHT_PX = 640
"""Height of the Map page's map (the page's first and largest element; the table follows below)."""


def show_map(
    view: View, data: MapData | None = None, *, height: int = MAP_HEIGHT_PX, flows: FlowResult | None = None,
    captions: bool = True,
) -> None:
    """The choropleth across the page's width (the table comes later: :func:`area_table`); a click drills down.

    The map's geometry comes from a file the app serves; on a change of indicator,
    period or classification only the small style payload is sent and the map keeps
    its centre and zoom. Our own base (land, provinces, place names) is under it
    whatever the tiles (:mod:`geo.web.basemap`). ``flows`` (from :func:`load_map_flows`)
    are drawn as a separate feature group next to the style payload: turning them on or
    off does not resend the areas either. ``captions=False`` (presentation mode) leaves out
    the captions and the clicked village's details under the map.
    """
    lang = view.lang
    tiles = effective_tiles(view)
    data = data or load_map_data(view)
    layer: PreparedLayer = data.layer  # type: ignore[assignment]
    choropleth = data.choropleth
    base_url = _base_url_path()
    url, overview_url = layer_urls(view.level, view.area)
    land_url, base_outlines_url = own_base_urls(view.level, view.area)
    where = area_name(view.area, lang)
    level_label = t(f"level.{view.level}", lang)
    if layer.count == 0:
        st.info(t("ui.map.no_polygons", lang, level=level_label, area=where))
    folium_map = build_live_map(
        layer, url=url, tiles=tiles, base_outlines_url=base_outlines_url, land_url=land_url, lang=lang,
        assets=leaflet_urls(base_url), overview_url=overview_url,
    )
    overlays = [restyle_group(choropleth.payload if choropleth is not None else None)]
    if flows is not None and not flows.flows.empty:
        overlays.append(flow_overlay(flows, lang))
    # The map is the page: full width, first; the table follows below and never squeezes it.
    st_folium(
        folium_map,
        key=_MAP_COMPONENT,
        height=height,
        use_container_width=True,
        feature_group_to_add=overlays,
        # Only a click on an area reruns the page: pan and zoom stay in the browser.
        returned_objects=["last_active_drawing"],
        on_change=_guarded_callback(on_map_click),
    )
    if not captions:
        return
    st.caption(t("ui.map.count", lang, count=format_number(layer.count, lang), level=level_label, area=where))
    if view.level != "village" or view.area is None:
        st.caption(t("ui.map.click_hint", lang))
    if flows is not None:
        st.caption(flow_summary(flows, lang))
    selected = selected_code()
    if selected is not None:
        area_details(selected, choropleth, lang)


def area_table(view: View, data: MapData) -> None:
    """The table of the map's areas (below the map and its controls), then the sources of the map."""
    lang = view.lang
    st.markdown(f"**{markdown_escape(t('map.table.heading', lang))}**")
    if data.choropleth is None:
        st.info(t("map.no_data", lang))
    else:
        st.dataframe(display_table(data.choropleth, lang), hide_index=True, height=420, key="map_table")
    st.caption(t("attribution.boundaries", lang))
    st.caption(t("attribution.world", lang))


FLOW_MAP_PAYLOAD = {"key": "flows", "fill": "#ffffff"}
"""Style of the Flows page's provinces: a quiet white background, the lines carry the data."""


def show_flow_map(result: FlowResult, *, tiles: str, lang: str, height: int = 620) -> None:
    """The Flows page's map: the Map page's live map of the provinces with the flows as an overlay.

    Same builder, layer file and legend as :func:`show_map`; the map fits the flows
    (lines and destination circles), or the provinces when nothing is drawn.
    """
    from geo.web.flow_layer import flow_bounds, flow_overlay

    base_url = _base_url_path()
    provinces = _layer("province", None)
    land_url, _ = own_base_urls("province", None)
    group, drawing = flow_overlay(result, lang)
    drawn = flow_bounds(drawing)
    bounds = (drawn[0][1], drawn[0][0], drawn[1][1], drawn[1][0]) if drawn is not None else None
    folium_map = build_live_map(
        provinces, url=static_url(_layer_file_checked("province", None), base_url), tiles=tiles, lang=lang,
        assets=leaflet_urls(base_url), bounds=bounds, land_url=land_url,
    )
    st_folium(
        folium_map, key="flows_map", height=height, use_container_width=True,
        feature_group_to_add=[restyle_group(FLOW_MAP_PAYLOAD), group], returned_objects=[],
    )


def area_details(code: str, choropleth: Choropleth | None, lang: str) -> None:
    """Name, code, parents, value, rank and source of a clicked village (all plain text)."""
    lines = [t("ui.map.selected", lang, name=area_name(code, lang), code=code)]
    parents = " › ".join(area_name(parent, lang) for parent in reversed(ancestors(code)))
    lines.append(f"{t('map.details.parents', lang)}: {parents}")
    if choropleth is not None and code in choropleth.table.index:
        row = choropleth.table.loc[code]
        unit = INDICATORS[choropleth.indicator].unit
        if bool(row["suppressed"]):
            value = t("risk.legend.suppressed", lang)
        elif math.isnan(float(row["value"])):
            value = t("risk.legend.no_data", lang)
        else:
            value = format_value(float(row["value"]), unit, lang, change=choropleth.measure == "change")
        lines.append(f"{choropleth.title}: {value}")
        if not pd.isna(row["rank"]):
            lines.append(f"{t('risk.column.rank', lang)}: {t('map.rank', lang, rank=int(row['rank']), total=int(row['rank_of']))}")
        lines.append(f"{t('map.source', lang)}: {', '.join(d.label() for d in choropleth.sources)}")
    st.info("  \n".join(markdown_escape(line) for line in lines))


def export_buttons(view: View, data: MapData, flows: FlowResult | None = None) -> None:
    """Download the current view: standalone HTML map (with ``flows`` when on), table as CSV and XLSX (generated on click)."""
    lang = view.lang
    choropleth = data.choropleth
    stem = f"riskmap-{view.level}-{(view.area or 'id').replace('.', '')}"
    if choropleth is not None:
        stem += f"-{choropleth.indicator}-{period_to_text(choropleth.period)}"
    st.markdown(f"**{markdown_escape(t('map.export.heading', lang))}**")
    columns = st.columns(4)
    tiles = effective_tiles(view)
    with columns[0]:
        st.download_button(
            t("map.export.html", lang), data=lambda: export_map_html(
                view, data=data, tiles=tiles, extra_layers=flow_export_layers(flows, lang)
            ),
            file_name=f"{stem}.html", mime="text/html", key="map_export_html", on_click="ignore",
        )
    if choropleth is None:
        return
    with columns[1]:
        st.download_button(
            t("risk.export.csv", lang), data=lambda: table_to_csv(export_table(choropleth, lang)),
            file_name=f"{stem}.csv", mime="text/csv", key="map_export_csv", on_click="ignore",
        )
    with columns[2]:
        st.download_button(
            t("risk.export.xlsx", lang), data=lambda: table_to_xlsx(export_table(choropleth, lang)),
            file_name=f"{stem}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="map_export_xlsx", on_click="ignore",
        )
    with columns[3]:
        from geo.web.brief import brief_pdf  # matplotlib and fpdf2 load only when a brief is asked for

        st.download_button(
            t("brief.button", lang), data=lambda: brief_pdf(data), help=t("brief.button.help", lang),
            file_name=f"{stem}-brief.pdf", mime="application/pdf", key="map_export_brief", on_click="ignore",
        )
