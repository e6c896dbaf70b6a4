"""The Prioritas / Priorities page controller: view in the URL, ranking, map, plan, table, downloads.

In presentation mode (``present=1`` / ``embed=1``, a saved view or a story's step) the page
shows only the map with its legend and plan, a title, and the source and sample lines
(:func:`geo.app.present.show_presentation`); the Present button and the Save view popover
are the Map page's own (:mod:`geo.app.present`).

Everything that is not Streamlit lives in :mod:`geo.web.priority_layer` (ranking of a view,
style payload, plan layer, export tables) and :mod:`geo.web.viewstate` (the URL keys);
the map is the one live map of :func:`geo.web.render.build_live_map`, styled by a payload,
so a change of weights or layer sends only colours and texts, never the geometry.
"""

from __future__ import annotations

import functools
import math
from dataclasses import replace

import streamlit as st
from streamlit_folium import st_folium

from geo.analysis.periods import ALL_PERIODS, period_label
from geo.analysis.priority import COMPONENTS, DEFAULT_WEIGHTS, DIMENSIONS
from geo.app import auth, present, ui
from geo.app.present import StoryPlace
from geo.data.codes import CodeList, level_of, truncate_to_level
from geo.data.kinds import SERVED
from geo.errors import RiskmapError
from geo.i18n import format_number, t
from geo.web.assets import leaflet_urls
from geo.web.escape import markdown_escape
from geo.web.export import table_to_csv, table_to_xlsx
from geo.web.priority_layer import (
    TABLE_PAGE_ROWS,
    OutreachPlan,
    PriorityRanking,
    area_label,
    brief_top,
    compute_ranking,
    display_page,
    gap_table,
    make_plan,
    plan_export_table,
    plan_overlay,
    plan_summary,
    priority_export_table,
    priority_map_html,
    priority_payload,
    rank_text,
    sample_texts,
)
from geo.web.render import build_live_map, restyle_group
from geo.web.viewstate import (
    HOTSPOT_METHODS,
    HOTSPOT_ON_CHOICES,
    MAX_RADIUS_KM,
    MAX_SITES,
    MAX_WEIGHT,
    NATIONAL_LEVELS,
    SAVED_PAGE_KEY,
    TILE_CHOICES,
    Presentation,
    PriorityView,
    corrected_level,
    effective_tiles,
    levels_within,
    parse_priority_view,
    priority_view_to_query,
)

MAP_KEY = "prio_map"
MAP_HEIGHT_PX = 600
_ALL = ""
"""Selector option meaning "all areas of the parent"."""

_SCORE_LAYER = "score"


# --------------------------------------------------------------------------- view <-> URL


def _query() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def current_view(lang: str) -> tuple[PriorityView, list[str]]:
    """The page's view read from the URL (corrected, and the URL rewritten), with the correction message.

    Parameters
    ----------
    lang : str
        The session's language (used when the URL has no ``lang``).

    Returns
    -------
    tuple
        The view and ``[]`` or one message.
    """
    query = _query()
    view, messages = parse_priority_view({"lang": [lang], **query})
    ui._rewrite_url(query, priority_view_to_query(view))  # presentation keys stay beside the view
    return view, messages


def _view_now() -> PriorityView:
    # Callbacks run before the script: the URL still holds the previous (canonical) view.
    return parse_priority_view({"lang": [ui.current_lang()], **_query()})[0]


def _apply(**changes: object) -> None:
    """Write the view with ``changes`` into the URL (from a widget callback)."""
    view = replace(_view_now(), **changes)  # type: ignore[arg-type]
    st.query_params.from_dict(priority_view_to_query(view))


# --------------------------------------------------------------------------- data


@st.cache_resource(show_spinner=False, max_entries=48)
def _cached_ranking(
    key: str, store_state: tuple[tuple[int, bool, bool, int], ...], database: str, data_audience: str,
    value_audience: str, _view: PriorityView,
) -> PriorityRanking:
    # Shared between sessions of one audience; the key holds everything the ranking depends on
    # (datasets, level, area, period, weights, hotspot options, served dataset, language) and the
    # store's state. Never mutated by the page.
    return compute_ranking(_view, data_audience=data_audience, value_audience=value_audience)


def _ranking_view(view: PriorityView) -> PriorityView:
    """The view without what does not change the ranking (table page, plan, basemap, the Gi* layer switch)."""
    return replace(view, page=1, sites=None, radius_km=PriorityView().radius_km, tiles=None,
                   hotspots=view.hotspots if view.hotspots == "moran" else None)


def load_ranking(view: PriorityView) -> PriorityRanking:
    """The view's ranking (cached per datasets, level, area, period, weights, hotspot options, served dataset).

    Parameters
    ----------
    view : PriorityView
        The page's view.

    Returns
    -------
    PriorityRanking
    """
    from geo.config import database_url

    ui.prepare_boundaries(view.level, view.area, view.lang)
    key_view = _ranking_view(view)
    with st.spinner(t("priorities.loading", view.lang)):
        shared = _cached_ranking(
            repr(key_view), ui._store_state(), database_url(), auth.data_audience(), auth.value_audience(), key_view
        )
    return replace(shared, view=view)  # the page's own view (layer shown); the shared ranking is not mutated


@st.cache_resource(show_spinner=False, max_entries=32)
def _cached_plan(ranking_key: str, sites: int, radius_km: float, _ranking: PriorityRanking) -> OutreachPlan:
    # An exact plan of a province's villages takes a second or more: once per ranking and plan.
    return make_plan(_ranking, sites, radius_km)


def load_plan(view: PriorityView, ranking: PriorityRanking) -> tuple[OutreachPlan | None, list[str]]:
    """The outreach plan of the view (``None`` without ``sites``); an impossible plan becomes a message.

    Parameters
    ----------
    view : PriorityView
        The page's view.
    ranking : PriorityRanking
        Its ranking.

    Returns
    -------
    tuple
        The plan or ``None``, and ``[]`` or the plain-text message saying why there is no plan
        (the caller shows it where it fits: above the controls, or as a toast when presenting).
    """
    if view.sites is None:
        return None, []
    try:
        plan = _cached_plan(repr((_ranking_view(view), ui._store_state())), view.sites, view.radius_km, ranking)
    except RiskmapError as error:
        return None, [str(error)]
    return plan, []


# --------------------------------------------------------------------------- the map


def show_map(view: PriorityView, ranking: PriorityRanking, plan: OutreachPlan | None, *,
             height: int = MAP_HEIGHT_PX, presenting: bool = False) -> None:
    """The live map of the view's areas coloured by the chosen layer, with the plan drawn over it.

    Parameters
    ----------
    view : PriorityView
        The page's view.
    ranking : PriorityRanking
        Its ranking.
    plan : OutreachPlan or None
        Drawn when given.
    height : int
        The map's height in pixels (presentation mode then stretches it to the window).
    presenting : bool
        Presentation mode: no caption or village details under the map, and a click does not
        drill down (the view shown is the one prepared; a story's step would come back anyway).
    """
    base_url = ui._base_url_path()
    layer = ui._layer(view.level, view.area)
    land_url, outlines_url = ui.own_base_urls(view.level, view.area)
    url, overview_url = ui.layer_urls(view.level, view.area)
    folium_map = build_live_map(
        layer, url=url, tiles=effective_tiles(view), overview_url=overview_url,
        base_outlines_url=outlines_url, land_url=land_url, lang=view.lang, assets=leaflet_urls(base_url),
    )
    overlays = [restyle_group(priority_payload(ranking))]
    if plan is not None and plan.sites:
        overlays.append(plan_overlay(plan, ranking))
    if presenting:  # pan and zoom only: nothing returns to the server
        st_folium(folium_map, key=MAP_KEY, height=height, use_container_width=True,
                  feature_group_to_add=overlays, returned_objects=[])
        return
    # Only a click on an area reruns the page (drill down, or a village's details): pan and zoom stay in the browser.
    st_folium(folium_map, key=MAP_KEY, height=height, use_container_width=True,
              feature_group_to_add=overlays, returned_objects=["last_active_drawing"],
              on_change=ui.guarded_callback(_on_map_click))
    lang = view.lang
    st.caption(t("priorities.count", lang, count=format_number(len(ranking.table), lang),
                 level=t(f"level.{view.level}", lang), area=area_label(view.area, lang),
                 period=period_label(ranking.period, lang)))
    area_details(ranking)


_SELECTED = "prio_selected_code"


def _on_map_click() -> None:
    """Drill into the clicked area (its children one level down), or remember a clicked village."""
    returned = st.session_state.get(MAP_KEY) or {}
    code = ((returned.get("last_active_drawing") or {}).get("properties") or {}).get("code")
    if not isinstance(code, str) or code not in CodeList.load():  # the browser sends it: official codes only
        return
    below = levels_within(code) if level_of(code) != "village" else ()
    if below:
        st.session_state.pop(_SELECTED, None)
        _apply(area=code, level=below[0], page=1, sites=None)
    else:
        st.session_state[_SELECTED] = code


def area_details(ranking: PriorityRanking) -> None:
    """Name, parents, rank, score and why of the village last clicked on the map (plain text, escaped)."""
    code = st.session_state.get(_SELECTED)
    if not isinstance(code, str) or code not in ranking.table.index:
        return
    lang, row = ranking.view.lang, ranking.table.loc[code]
    lines = [t("ui.map.selected", lang, name=ranking.names.get(code, code), code=code),
             f"{t('priorities.column.parents', lang)}: {ranking.parents.get(code, '')}",
             f"{rank_text(ranking, code)} · {t('priorities.column.score', lang)} {format_number(float(row['score']), lang, 1)}",
             f"{t('priorities.column.why', lang)}: {row['why']}"]
    st.info("  \n".join(markdown_escape(line) for line in lines))


def sample_label(ranking: PriorityRanking) -> None:
    """The one-line "sample data" label with its sources one click away (as on the Map page)."""
    lang = ranking.view.lang
    for label, citation in sample_texts(ranking):
        label_column, sources_column = st.columns([5, 1], vertical_alignment="center")
        with label_column:
            ui.show_message(label)
        with sources_column, st.popover(t("map.sample.sources", lang), width="stretch"):
            ui.show_message(citation, "markdown")


# --------------------------------------------------------------------------- controls


def _select_area(view: PriorityView, level: str, parent: str | None, all_label: str) -> str | None:
    key = f"prio_{level}"
    children = CodeList.load().children(parent, level=level)
    names = dict(zip(children["code"], children["name"], strict=True))
    current = truncate_to_level(view.area, level) if view.area is not None else None
    st.session_state[key] = current if current in names else _ALL

    def on_change() -> None:
        chosen = st.session_state[key]
        area = chosen if chosen != _ALL else parent
        now = _view_now()
        level_now = corrected_level(area, now.level, NATIONAL_LEVELS, "regency")
        _apply(area=area, level=level_now, page=1, sites=None)

    st.selectbox(t(f"ui.map.{level}", view.lang), [_ALL, *names], key=key,
                 format_func=lambda code: all_label if code == _ALL else names[code],
                 on_change=ui.guarded_callback(on_change))
    chosen = st.session_state[key]
    return None if chosen == _ALL else chosen


def area_controls(view: PriorityView) -> None:
    """Province, regency and district pickers and the level (all Indonesia: provinces or regencies)."""
    lang = view.lang
    columns = st.columns(4)
    with columns[0]:
        province = _select_area(view, "province", None, t("ui.map.all_indonesia", lang))
    if province is not None:
        with columns[1]:
            regency = _select_area(view, "regency", province, t("ui.map.all_regencies", lang))
        if regency is not None:
            with columns[2]:
                _select_area(view, "district", regency, t("ui.map.all_districts", lang))
    with columns[3]:
        st.session_state["prio_level"] = view.level
        st.radio(t("priorities.level", lang), levels_within(view.area), key="prio_level", horizontal=True,
                 format_func=lambda level: t(f"level.{level}", lang),
                 on_change=ui.guarded_callback(lambda: _apply(level=st.session_state["prio_level"], page=1, sites=None)))


def layer_controls(view: PriorityView) -> None:
    """What the map shows (score, Gi* hot spots, Local Moran clusters) and what hot spots are computed on."""
    lang = view.lang
    left, right = st.columns(2)
    with left:
        st.session_state["prio_layer"] = view.hotspots or _SCORE_LAYER
        st.radio(
            t("priorities.layer.label", lang), [_SCORE_LAYER, *HOTSPOT_METHODS], key="prio_layer", horizontal=True,
            format_func=lambda name: t(f"priorities.layer.{name}", lang),
            on_change=ui.guarded_callback(lambda: _apply(
                hotspots=None if st.session_state["prio_layer"] == _SCORE_LAYER else st.session_state["prio_layer"])),
        )
    with right:
        st.session_state["prio_hotspot_on"] = view.hotspot_on
        st.selectbox(
            t("priorities.hotspot_on.label", lang), HOTSPOT_ON_CHOICES, key="prio_hotspot_on",
            format_func=lambda name: t(f"priorities.hotspot_on.{name}", lang),
            on_change=ui.guarded_callback(lambda: _apply(hotspot_on=st.session_state["prio_hotspot_on"])),
        )


def _on_weight() -> None:
    weights = {name: float(st.session_state[f"prio_w_{name}"]) for name in DEFAULT_WEIGHTS}
    if not any(weights[name] > 0 for name in COMPONENTS) or not any(weights[name] > 0 for name in DIMENSIONS):
        raise RiskmapError(t("priorities.weights.all_zero", ui.current_lang()))
    changed = tuple((name, value) for name, value in weights.items() if value != DEFAULT_WEIGHTS[name])
    _apply(weights=changed, page=1)


def weight_controls(view: PriorityView) -> None:
    """Sidebar sliders of the weights of every component and dimension (``weights`` in the URL)."""
    lang = view.lang
    current = {**DEFAULT_WEIGHTS, **dict(view.weights)}
    box = st.sidebar.expander(t("priorities.weights.heading", lang), expanded=True)
    box.caption(t("priorities.weights.help", lang))
    for group, names in (("components", COMPONENTS), ("dimensions", tuple(DIMENSIONS))):
        box.markdown(f"**{markdown_escape(t(f'priorities.weights.{group}', lang))}**")
        for name in names:
            key = f"prio_w_{name}"
            st.session_state[key] = float(current[name])
            box.slider(t(f"priorities.weight.{name}", lang), 0.0, MAX_WEIGHT, step=0.5, key=key,
                       on_change=ui.guarded_callback(_on_weight))
    box.button(t("priorities.weights.reset", lang), key="prio_w_reset", disabled=not view.weights,
               on_click=ui.guarded_callback(lambda: _apply(weights=(), page=1)))


def data_controls(view: PriorityView, ranking: PriorityRanking) -> None:
    """Sidebar: the migration and cases datasets, the period and the basemap (all in the URL)."""
    from geo.data import store

    lang = view.lang
    keys = {kind: f"prio_dataset_{kind}" for kind in ("migration", "cases")}
    for kind, key in keys.items():
        labels = {0: t("map.dataset.none", lang)}
        for info in store.list_datasets(kind, audience=auth.data_audience()):
            string_key = "map.dataset.option_sample" if info.is_sample else "map.dataset.option"
            labels[info.id] = t(string_key, lang, name=info.name, version=info.version, id=info.id)
        shown = ranking.selection.of_kind(kind)
        st.session_state[key] = shown.id if shown is not None else 0
        if st.session_state[key] not in labels:
            labels[st.session_state[key]] = str(st.session_state[key])

        def on_change() -> None:
            chosen = tuple(int(st.session_state[k]) for k in keys.values() if int(st.session_state.get(k) or 0) > 0)
            _apply(datasets=chosen, page=1, sites=None)

        st.sidebar.selectbox(t(f"map.dataset.{kind}", lang), list(labels), key=key,
                             format_func=functools.partial(_label_of, labels), on_change=ui.guarded_callback(on_change))
    options: list[object] = [ALL_PERIODS, *ranking.periods]
    if ranking.period not in options:
        options.append(ranking.period)
    st.session_state["prio_period"] = ranking.period
    st.sidebar.selectbox(t("priorities.period", lang), options, key="prio_period",
                         format_func=lambda period: period_label(period, lang),
                         on_change=ui.guarded_callback(lambda: _apply(period=st.session_state["prio_period"], page=1)))
    st.session_state["prio_tiles"] = effective_tiles(view)
    st.sidebar.selectbox(t("ui.tiles.label", lang), TILE_CHOICES, key="prio_tiles", help=t("ui.tiles.help", lang),
                         format_func=lambda choice: t(f"ui.tiles.{choice}", lang),
                         on_change=ui.guarded_callback(lambda: _apply(tiles=st.session_state["prio_tiles"])))


def _label_of(labels: dict[int, str], dataset_id: int) -> str:
    return labels[dataset_id]


def _served_options(view: PriorityView) -> dict[int, str]:
    """Datasets of served areas (programme villages, posts) this visitor may use."""
    from geo.data import store

    lang = view.lang
    options = {0: t("priorities.plan.served_none", lang)}
    for info in store.list_datasets(SERVED, audience=auth.data_audience()):
        key = "map.dataset.option_sample" if info.is_sample else "map.dataset.option"
        options[info.id] = t(key, lang, name=info.name, version=info.version, id=info.id)
    if view.served is not None and view.served not in options:
        options[view.served] = str(view.served)
    return options


def plan_controls(view: PriorityView) -> None:
    """Teams/sites, reach and served areas; "Make a plan" writes them into the URL, "Clear" removes the plan."""
    lang = view.lang
    st.markdown(f"**{markdown_escape(t('priorities.plan.heading', lang))}**")
    columns = st.columns([1, 1, 2, 1, 1], vertical_alignment="bottom")
    if "prio_sites" not in st.session_state or view.sites is not None:
        st.session_state["prio_sites"] = view.sites or 3
    st.session_state.setdefault("prio_radius", float(view.radius_km))
    if view.sites is not None:
        st.session_state["prio_radius"] = float(view.radius_km)
    with columns[0]:
        st.number_input(t("priorities.plan.sites", lang), min_value=1, max_value=MAX_SITES, step=1, key="prio_sites")
    with columns[1]:
        st.number_input(t("priorities.plan.radius", lang), min_value=0.5, max_value=MAX_RADIUS_KM, step=1.0,
                        key="prio_radius")
    served = _served_options(view)
    st.session_state["prio_served"] = view.served or 0
    with columns[2]:
        st.selectbox(t("priorities.plan.served", lang), list(served), key="prio_served",
                     help=t("priorities.plan.served_help", lang), format_func=functools.partial(_label_of, served),
                     on_change=ui.guarded_callback(lambda: _apply(served=int(st.session_state["prio_served"]) or None)))
    with columns[3]:
        st.button(t("priorities.plan.make", lang), key="prio_make_plan", type="primary",
                  on_click=ui.guarded_callback(lambda: _apply(sites=int(st.session_state["prio_sites"]),
                                                               radius_km=float(st.session_state["prio_radius"]))))
    with columns[4]:
        st.button(t("priorities.plan.clear", lang), key="prio_clear_plan", disabled=view.sites is None,
                  on_click=ui.guarded_callback(lambda: _apply(sites=None)))


def plan_results(plan: OutreachPlan, ranking: PriorityRanking) -> None:
    """The plan's summary, its sites with what each reaches, and the gaps."""
    lang = ranking.view.lang
    ui.show_message(plan_summary(plan, lang), "success")
    from geo.web.priority_layer import site_table

    st.dataframe(site_table(plan, ranking), hide_index=True, key="prio_sites_table")
    st.markdown(f"**{markdown_escape(t('priorities.plan.gaps', lang))}**")
    if plan.gaps:
        st.dataframe(gap_table(plan, ranking), hide_index=True, key="prio_gaps_table")
    else:
        ui.show_message(t("priorities.plan.no_gaps", lang), "caption")


def ranked_table(view: PriorityView, ranking: PriorityRanking) -> None:
    """One page of the ranked table, with the page number in the URL (``page``)."""
    lang = view.lang
    total = len(ranking.table)
    pages = max(1, math.ceil(total / TABLE_PAGE_ROWS))
    page = min(view.page, pages)
    st.markdown(f"**{markdown_escape(t('priorities.table.heading', lang))}**")
    st.dataframe(display_page(ranking, page), hide_index=True, key="prio_table", height=420)
    first = (page - 1) * TABLE_PAGE_ROWS + 1
    caption = t("priorities.table.rows", lang, first=format_number(first, lang),
                last=format_number(min(total, page * TABLE_PAGE_ROWS), lang), total=format_number(total, lang))
    if pages > 1:
        left, right = st.columns([1, 4], vertical_alignment="center")
        st.session_state["prio_page"] = page
        left.number_input(t("priorities.table.page", lang), min_value=1, max_value=pages, step=1, key="prio_page",
                          on_change=ui.guarded_callback(lambda: _apply(page=int(st.session_state["prio_page"]))))
        right.caption(caption)
    else:
        st.caption(caption)


def export_buttons(view: PriorityView, ranking: PriorityRanking, plan: OutreachPlan | None) -> None:
    """Downloads for field teams: priority table and plan (CSV, XLSX), the standalone map, the PDF brief."""
    lang = view.lang
    stem = f"riskmap-priorities-{view.level}-{(view.area or 'id').replace('.', '')}"
    st.markdown(f"**{markdown_escape(t('priorities.export.heading', lang))}**")
    columns = st.columns(4)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    with columns[0]:
        st.download_button(t("priorities.export.csv", lang), data=lambda: table_to_csv(priority_export_table(ranking)),
                           file_name=f"{stem}.csv", mime="text/csv", key="prio_export_csv", on_click="ignore")
        st.download_button(t("priorities.export.xlsx", lang),
                           data=lambda: table_to_xlsx(priority_export_table(ranking), sheet_name="priorities"),
                           file_name=f"{stem}.xlsx", mime=xlsx, key="prio_export_xlsx", on_click="ignore")
    if plan is not None:
        with columns[1]:
            st.download_button(t("priorities.export.plan_csv", lang),
                               data=lambda: table_to_csv(plan_export_table(plan, ranking)),
                               file_name=f"{stem}-plan.csv", mime="text/csv", key="prio_export_plan_csv",
                               on_click="ignore")
            st.download_button(t("priorities.export.plan_xlsx", lang),
                               data=lambda: table_to_xlsx(plan_export_table(plan, ranking), sheet_name="plan"),
                               file_name=f"{stem}-plan.xlsx", mime=xlsx, key="prio_export_plan_xlsx", on_click="ignore")
    with columns[2]:
        st.download_button(
            t("priorities.export.html", lang),
            data=lambda: priority_map_html(ranking, ui._layer(view.level, view.area), plan, tiles=effective_tiles(view)),
            file_name=f"{stem}.html", mime="text/html", key="prio_export_html", on_click="ignore",
        )
    with columns[3]:
        st.download_button(t("brief.button", lang), data=lambda: _brief(view, ranking), help=t("brief.button.help", lang),
                           file_name=f"{stem}-brief.pdf", mime="application/pdf", key="prio_export_brief",
                           on_click="ignore")


def _brief(view: PriorityView, ranking: PriorityRanking) -> bytes:
    """The one-page brief of the view (the Map page's brief, with this page's ranking as its top table)."""
    from geo.web.brief import brief_pdf
    from geo.web.mapview import map_data
    from geo.web.viewstate import View

    map_view = View(level=view.level, area=view.area, lang=view.lang, datasets=ranking.selection.ids or None,
                    period=ranking.period)
    data = map_data(map_view, layer=ui._layer(view.level, view.area), data_audience=auth.data_audience(),
                    value_audience=auth.value_audience())
    return brief_pdf(data, top=brief_top(ranking))


# --------------------------------------------------------------------------- presentation mode and saved views


def presentation_title(view: PriorityView, ranking: PriorityRanking | None) -> str:
    """The presentation title of a Priorities view: area, level and period (plain text).

    Parameters
    ----------
    view : PriorityView
        The view.
    ranking : PriorityRanking or None
        Its ranking (its period); ``None`` when nothing could be scored.

    Returns
    -------
    str
        E.g. ``"Kota Batam — Outreach priorities (Village) · 2024"``.
    """
    lang = view.lang
    period = period_label(ranking.period, lang) if ranking is not None else "–"
    return t("priorities.present.title", lang, area=area_label(view.area, lang),
             level=t(f"level.{view.level}", lang), period=period)


def presentation_lines(ranking: PriorityRanking) -> list[str]:
    """The source line (scored datasets and served areas) and one sample line per sample dataset (plain text).

    Parameters
    ----------
    ranking : PriorityRanking
        The ranking shown.

    Returns
    -------
    list of str
    """
    lang = ranking.view.lang
    sources = [d.label() for d in ranking.selection.datasets]
    if ranking.served_dataset is not None:
        sources.append(ranking.served_dataset.label())
    lines = [t("present.sources", lang, sources=", ".join(sources))] if sources else []
    return lines + [label for label, _ in sample_texts(ranking)]


def show_presentation(view: PriorityView, shown: Presentation, place: StoryPlace | None, messages: list[str]) -> None:
    """The page in presentation mode: title bar, the priority map (and plan) over the window, source lines.

    Nothing else is drawn: no sidebar, controls, plan table, ranked table or downloads.

    Parameters
    ----------
    view : PriorityView
        The view from the URL.
    shown : Presentation
        ``present`` / ``embed``.
    place : StoryPlace or None
        The story's step, when showing one (caption, Previous/Next, arrow keys).
    messages : list of str
        Plain-text messages about the link, shown as toasts.
    """
    lang = view.lang
    try:
        ranking = load_ranking(view)
    except RiskmapError as error:  # nothing to score: the frame says why where the map would be
        reason = str(error)
        present.show_presentation(presentation_title(view, None), lambda _height: ui.show_message(reason, "info"),
                                  shown=shown, place=place, lines=[], messages=messages, lang=lang)
        return
    plan, plan_messages = load_plan(view, ranking)

    def draw_map(height: int) -> None:
        show_map(view, ranking, plan, height=height, presenting=True)

    present.show_presentation(presentation_title(view, ranking), draw_map, shown=shown, place=place,
                              lines=presentation_lines(ranking),
                              messages=[*messages, *ranking.messages, *plan_messages], lang=lang)


def _shows_restricted_served(view: PriorityView) -> bool:
    """Whether the view's served-areas dataset is restricted (the store checks the scored datasets itself)."""
    from geo.data import store

    if view.served is None:
        return False
    try:
        return store.get_dataset(view.served).restricted
    except RiskmapError:  # unknown id: the page says so, and it shows nothing
        return False


def present_and_save(view: PriorityView) -> None:
    """The Map page's "Present" button and "Save view" popover for this view (``_page=priorities``).

    Parameters
    ----------
    view : PriorityView
        The view shown (its plan keys included).
    """
    with st.container(horizontal=True):
        present.present_button(view.lang)
        present.save_view_control({**priority_view_to_query(view), SAVED_PAGE_KEY: "priorities"}, view.lang,
                                  restricted=_shows_restricted_served(view))


# --------------------------------------------------------------------------- the page


def render_page(lang: str) -> None:
    """The whole page: title, notices, map, controls, plan, table and downloads (map first: it is the page).

    With ``present=1`` / ``embed=1`` only the map, its title and source lines (:func:`show_presentation`).

    Parameters
    ----------
    lang : str
        The session's language.
    """
    # /?v=TOKEN and a story's step become the view's own keys first (present=1/embed=1 stay).
    shown, story_place, link_messages = present.open_link("priorities")
    view, messages = current_view(lang)
    lang = view.lang
    messages = [*link_messages, *messages]
    map_only = ui.map_only()
    if shown.full_window:
        show_presentation(view, shown, story_place, ui.view_messages(messages, map_only=map_only))
        return
    st.title(t("priorities.title", lang))
    notices = st.container()
    try:
        ranking = load_ranking(view)
    except RiskmapError as error:
        with notices:
            ui.show_messages(messages)
        ui.show_message(str(error), "info")
        area_controls(view)
        if view.datasets is not None:  # e.g. dataset=none in a link: one click back to the active datasets
            st.button(t("priorities.use_active", lang), key="prio_use_active",
                      on_click=ui.guarded_callback(lambda: _apply(datasets=None, page=1, sites=None)))
        return
    plan, plan_messages = load_plan(view, ranking)
    show_map(view, ranking, plan)
    st.caption(t("priorities.intro", lang))  # under the map: the map is the page's first element
    with notices:
        ui.show_messages(ui.view_messages([*messages, *ranking.messages], map_only=map_only))
        ui.show_messages(plan_messages, "info")
        sample_label(ranking)
    if map_only:
        # The session's first run sends the map alone, as the Map page does (the browser builds the
        # widgets and the map on one thread); the controls, table and downloads follow in a moment.
        ui.add_controls_shortly()
        return
    area_controls(view)
    layer_controls(view)
    plan_controls(view)
    if plan is not None:
        plan_results(plan, ranking)
    ranked_table(view, ranking)
    export_buttons(view, ranking, plan)
    present_and_save(view)
    weight_controls(view)
    data_controls(view, ranking)
    st.caption(t("attribution.boundaries", lang))
