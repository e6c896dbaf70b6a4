"""The Priorities page without Streamlit: ranking of a view, its map styling, the outreach plan layer, exports.

* :func:`compute_ranking` scores the areas of a :class:`geo.web.viewstate.PriorityView` with
  :func:`geo.analysis.priority.priority_table` (as ``riskmap rank`` does), adds Local Moran
  clusters when the view asks for them, and the served areas of a served dataset;
* :func:`score_rows` is what every ranking reads (this page, ``riskmap rank``/``plan``, the
  brief's top areas): the store's roll-up rows of the ranked level inside the ranked area, in
  the period and the one before it — never a dataset's whole record table;
* :func:`priority_payload` turns the ranking into the style payload of the one live map
  (``geo/web/js/choropleth.js``: classes, value text, rank and "why" per area, legend), in one
  of three layers: the score in five fixed classes, Gi* hot/cold/not significant, or Local
  Moran clusters. Changing weights or layer sends only this payload: the geometry stays;
* :func:`make_plan` places outreach sites (:func:`geo.analysis.plan.plan_sites`) and
  :func:`plan_overlay` draws them as a feature group (reach circles, numbered sites, gaps,
  legend) over the live map or the standalone export;
* :func:`priority_export_table`, :func:`plan_export_table` and :func:`priority_map_html` are
  the downloads for field teams (CSV/XLSX through :mod:`geo.web.export`, formula-safe).

Every text that reaches HTML is escaped here with :func:`geo.web.escape.html_escape`.

Examples
--------
>>> legend = category_legend_html("<Title>", [("#d7301f", "Hot & cold", area_count(3, "en"))], "en", note="")
>>> "&lt;Title&gt;" in legend and "Hot &amp; cold" in legend and "3 areas" in legend
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import folium
import numpy as np
import pandas as pd

from geo.analysis.indicators import Hierarchy, Period, previous_period
from geo.analysis.palettes import NO_DATA_COLOUR, OUTLINE_COLOUR, class_colours
from geo.analysis.periods import ALL_PERIODS, PeriodChoice, period_label
from geo.errors import RiskmapError
from geo.i18n import format_number, t
from geo.web.elements import checked_colour
from geo.web.escape import html_escape
from geo.web.mapview import (
    DataSelection,
    DatasetRef,
    default_period,
    period_choices,
    sample_line,
    select_datasets,
)
from geo.web.viewstate import PriorityView

if TYPE_CHECKING:
    from geo.analysis.hotspots import AreaGraph
    from geo.web.brief import TopTable
    from geo.web.layers import PreparedLayer

SCORE_BREAKS: tuple[float, ...] = (0.0, 2.0, 4.0, 6.0, 8.0, 10.0)
"""Fixed classes of the score (0–10): the same colour means the same score whatever the weights."""

SCORE_PALETTE = "YlOrRd"
INSUFFICIENT_CLASS = len(SCORE_BREAKS) - 1
"""Class of areas with too little data (drawn in the no-data grey, with their rank and why)."""

HOTSPOT_COLOURS: dict[str, str] = {"hot": "#d7301f", "cold": "#2b8cbe", "none": "#f0f0f0"}
MORAN_COLOURS: dict[str, str] = {"HH": "#d7301f", "LL": "#2b8cbe", "HL": "#fdae61", "LH": "#abd9e9", "none": "#f0f0f0"}
"""Clusters in red/blue, outliers in their lighter tones, not significant near white."""

SITE_COLOUR = "#54278f"
GAP_COLOUR = "#d7301f"
SERVED_COLOUR = "#1a9850"
SITE_CLASS = "riskmap-plan-site"
REACH_CLASS = "riskmap-plan-reach"
GAP_CLASS = "riskmap-plan-gap"
SERVED_CLASS = "riskmap-plan-served"
LABEL_CLASS = "riskmap-plan-label"
"""CSS classes of the plan's SVG paths and site labels (tests and styles find them by these)."""

TIP_NAMES = 12
"""Names of reached areas listed in a site's tooltip (the rest are counted)."""

TABLE_PAGE_ROWS = 50
"""Rows per page of the ranked table on the page."""


class PriorityPageError(RiskmapError):
    """The Priorities page cannot show what was asked (the message says why)."""


@dataclass(frozen=True)
class PriorityRanking:
    """A view's ranked areas and what produced them.

    ``table`` is :func:`geo.analysis.priority.priority_table`'s (index ``code``, best first);
    ``points`` holds each area's representative point (lat, lon) where it has a polygon;
    ``moran`` the Local Moran cluster per code when the view asks for that layer.
    """

    view: PriorityView
    table: pd.DataFrame
    names: dict[str, str]
    parents: dict[str, str]
    points: dict[str, tuple[float, float]]
    graph: AreaGraph | None
    selection: DataSelection
    period: PeriodChoice
    served: pd.Series | None = None
    served_dataset: DatasetRef | None = None
    moran: pd.Series | None = None
    messages: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    """Years and months of the records (the period choices)."""

    @property
    def sample_datasets(self) -> tuple[DatasetRef, ...]:
        """Datasets behind the scores that are synthetic samples (a visible label must say so)."""
        return tuple(dataset for dataset in self.selection.datasets if dataset.is_sample)


def _parent_texts(codes: Sequence[str], names: Mapping[str, str]) -> dict[str, str]:
    """Each area's parents, nearest first ("Batam Kota › Kota Batam › Kepulauan Riau")."""
    from geo.data.codes import CodeList, ancestors

    code_list = CodeList.load()
    cache: dict[str, str] = {}

    def chain(parent: str) -> str:
        if parent not in cache:
            cache[parent] = " › ".join(
                code_list.name(code) if code in code_list else code for code in [parent, *reversed(ancestors(parent))]
            )
        return cache[parent]

    texts = {}
    for code in codes:
        parent = code.rpartition(".")[0]
        texts[code] = chain(parent) if parent else ""
    return texts


def score_rows(
    selection: DataSelection, level: str, area: str | None, period: Period | None
) -> tuple[pd.DataFrame, Hierarchy | None] | None:
    """The rows a priority score of ``level`` inside ``area`` reads, and the whole data they come from.

    A store selection reads its roll-ups (:class:`geo.web.viewdata.StoreSource`): the rows of
    ``level`` inside ``area``, in ``period`` and the period before it (the score's "recent
    change"), or summed over every period for ``None`` — one indexed query each, cached per
    process like the Map page's — and the store decides availability and disclosure control
    (``whole``). Records given in memory (tests, doctests) answer for themselves (``whole`` is
    ``None``). :func:`geo.analysis.priority.priority_table` gives on these rows exactly what it
    gives on every record (``tests/rollups/test_priorities_read_rollups.py``).

    Parameters
    ----------
    selection : DataSelection
        The datasets scored (:func:`geo.web.mapview.select_datasets`).
    level : str
        The level of the ranked areas.
    area : str or None
        The area they lie in (``None``: all Indonesia).
    period : str or (str, str) or None
        The score's period (``None``: every period, no change component).

    Returns
    -------
    tuple or None
        ``(rows, whole)`` for ``priority_table(rows, …, whole=whole)``; ``None`` without data.

    Examples
    --------
    >>> from geo.analysis.indicators import combine_records
    >>> records = combine_records(cases=pd.DataFrame(
    ...     {"area_code": ["21.71.01.1001"], "period": ["2024-03"], "count": [12]}))
    >>> rows, whole = score_rows(DataSelection(datasets=(), records=records), "village", "21", "2024")
    >>> len(rows), whole is None
    (1, True)
    """
    from geo.data.codes import CODE_LENGTHS

    source = selection.view_source
    if source is None:
        return None
    # The rows of the area's codes at the level: an area at or below the level holds none, so read nationally.
    within = area if area is not None and len(area) < CODE_LENGTHS.get(level, 0) else None
    periods: tuple[Period | None, ...] = (None,) if period is None else (period, previous_period(period))
    return source.rows(level, within, periods), source.whole


def _served(view: PriorityView, codes: list[str], audience: str) -> tuple[pd.Series | None, DatasetRef | None, list[str]]:
    """Served flags from the view's served dataset (a message when it is not one this audience may use)."""
    if view.served is None:
        return None, None, []
    from geo.analysis.plan import served_flags
    from geo.data import store
    from geo.data.kinds import SERVED

    try:
        info = store.get_dataset(view.served, audience=audience)
    except RiskmapError:
        info = None
    if info is None or info.kind != SERVED or info.deleted_at is not None:
        return None, None, [t("priorities.plan.served_unavailable", view.lang, id=view.served)]
    served_codes = store.default_store().area_codes(view.served)  # the codes alone, not the records
    ref = DatasetRef(id=int(info.id), kind=str(info.kind), name=str(info.name), version=int(info.version),
                     is_sample=bool(info.is_sample), sources=info.sources)
    return served_flags(served_codes, codes), ref, []


def compute_ranking(view: PriorityView, *, data_audience: str = "public", value_audience: str = "public") -> PriorityRanking:
    """Score and rank the areas of ``view`` (as ``riskmap rank`` does for the same options).

    Parameters
    ----------
    view : PriorityView
        Level, area, datasets, period, weights, hotspot options, served dataset, language.
    data_audience : str
        ``"public"``: restricted datasets are not available; ``"analyst"``: they are.
    value_audience : str
        ``"public"``: values below the disclosure threshold count as unknown; ``"analyst"``: all count.

    Returns
    -------
    PriorityRanking

    Raises
    ------
    PriorityPageError
        The datasets hold neither cases nor migration records.
    """
    from geo.analysis.hotspots import area_graph
    from geo.analysis.priority import PriorityError, parse_weights, priority_table
    from geo.data.codes import CodeList

    lang = view.lang
    frame = CodeList.load().children(view.area, view.level)
    names = dict(zip(frame["code"].astype(str), frame["name"].astype(str), strict=True))
    codes = list(names)
    selection = select_datasets(view.datasets, lang, audience=data_audience)
    source = selection.view_source
    if source is None:
        raise PriorityPageError(t("priorities.no_data", lang))
    period: PeriodChoice = view.period or default_period(source, ["cases", "migration"]) or ALL_PERIODS
    rows = score_rows(selection, view.level, view.area, None if period == ALL_PERIODS else period)
    if rows is None:
        raise PriorityPageError(t("priorities.no_data", lang))
    records, whole = rows
    served, served_ref, messages = _served(view, codes, data_audience)
    try:
        graph: AreaGraph | None = area_graph(view.level, view.area)
    except RiskmapError:
        graph = None  # no polygons: scored without the hotspot component, nothing to plan on
    thresholds = [d.disclosure_threshold for d in selection.datasets if d.disclosure_threshold]
    try:
        table = priority_table(
            records, codes, None if period == ALL_PERIODS else period, graph=graph, names=names,
            served=served, weights=parse_weights(view.weight_text(), lang), audience=value_audience,
            threshold=max(thresholds) if thresholds else None, lang=lang, hotspot_on=view.hotspot_on, whole=whole,
        )
    except PriorityError as error:
        raise PriorityPageError(t("priorities.no_data", lang)) from error
    points: dict[str, tuple[float, float]] = {}
    if graph is not None:
        points = {str(code): (float(lat), float(lon)) for code, lat, lon in zip(graph.codes, graph.lat, graph.lon, strict=True)}
    moran = _moran(table, graph, view) if view.hotspots == "moran" else None
    return PriorityRanking(
        view=view, table=table, names=names, parents=_parent_texts(codes, names), points=points, graph=graph,
        selection=selection, period=period, served=served, served_dataset=served_ref, moran=moran,
        messages=selection.messages + tuple(messages), periods=tuple(period_choices(source, ["cases", "migration"])),
    )


def _hotspot_values(table: pd.DataFrame, hotspot_on: str) -> pd.Series:
    """The indicator the hotspots are computed on, per code, from the table's components."""
    key = "cases" if hotspot_on == "cases" else "case_rate_per_1000"
    return pd.Series([components.get(key) for components in table["components"]], index=table.index, dtype=float)


def _moran(table: pd.DataFrame, graph: AreaGraph | None, view: PriorityView) -> pd.Series | None:
    from geo.analysis.hotspots import hotspots

    if graph is None or len(graph) < 3:
        return None
    # Local Moran's I on the same neighbours and FDR as Gi*: HH/LL clusters, HL/LH outliers.
    return hotspots(_hotspot_values(table, view.hotspot_on), graph, method="moran")["quadrant"]


# --------------------------------------------------------------------------- map styling


def area_count(count: int, lang: str) -> str:
    """"3 areas" / "1 area" in ``lang`` (the legends' counts).

    Examples
    --------
    >>> area_count(1, "en"), area_count(1234, "id")
    ('1 area', '1.234 wilayah')
    """
    key = "risk.legend.areas_one" if count == 1 else "risk.legend.areas"
    return t(key, lang, count=format_number(count, lang))


def category_legend_html(title: str, rows: Sequence[tuple[str, str, str]], lang: str, *, note: str) -> str:
    """A legend of categories (colour, label, count text) in the markup of :mod:`geo.web.legend`, escaped.

    Parameters
    ----------
    title : str
        Heading.
    rows : sequence of (colour, label, count text)
        ``#rrggbb`` colours only; the count as shown ("3 areas", "2 sites").
    lang : str
        Language of the legend.
    note : str
        A line under the rows ("" for none).

    Returns
    -------
    str
        HTML fragment styled by ``geo/web/css/legend.css``.
    """
    parts = [f'<div class="riskmap-legend" lang="{html_escape(lang)}" role="group" aria-label="{html_escape(title)}">',
             f'<div class="riskmap-legend-title">{html_escape(title)}</div>']
    for colour, label, count in rows:
        style = f"background:{checked_colour(colour)};border-color:{checked_colour(OUTLINE_COLOUR)}"
        parts.append(
            '<div class="riskmap-legend-row riskmap-legend-class">'
            f'<span class="riskmap-legend-swatch" style="{style}"></span>'
            f'<span class="riskmap-legend-label">{html_escape(label)}</span>'
            f'<span class="riskmap-legend-count">{html_escape(count)}</span>'
            "</div>"
        )
    if note:
        parts.append(f'<div class="riskmap-legend-note">{html_escape(note)}</div>')
    parts.append("</div>")
    return "".join(parts)


def score_class(score: float, insufficient: bool) -> int:
    """The score's class in :data:`SCORE_BREAKS` (:data:`INSUFFICIENT_CLASS` for too little data).

    Examples
    --------
    >>> score_class(0.0, False), score_class(5.9, False), score_class(10.0, False), score_class(9.0, True)
    (0, 2, 4, 5)
    """
    if insufficient or not math.isfinite(score):
        return INSUFFICIENT_CLASS
    index = int(np.searchsorted(SCORE_BREAKS, score, side="right")) - 1
    return min(max(index, 0), INSUFFICIENT_CLASS - 1)


def _score_range_label(index: int, lang: str) -> str:
    return f"{format_number(SCORE_BREAKS[index], lang)} – {format_number(SCORE_BREAKS[index + 1], lang)}"


def _layer_classes(ranking: PriorityRanking) -> tuple[str, list[str], list[str], dict[str, int]]:
    """(legend title, colours, class labels, class per code) of the view's layer."""
    lang, table = ranking.view.lang, ranking.table
    if ranking.view.hotspots == "gi":
        order = ["hot", "cold", "none"]
        labels = table["hotspot"].where(table["hotspot"].notna(), "none")
        classes = {str(code): order.index(str(label)) for code, label in labels.items()}
        return (t("priorities.legend.gi", lang), [HOTSPOT_COLOURS[name] for name in order],
                [t(f"priorities.hotspot.{name}", lang) for name in order], classes)
    if ranking.view.hotspots == "moran" and ranking.moran is not None:
        order = ["HH", "LL", "HL", "LH", "none"]
        labels = ranking.moran.where(ranking.moran.notna(), "none")
        classes = {str(code): order.index(str(label)) for code, label in labels.items()}
        return (t("priorities.legend.moran", lang), [MORAN_COLOURS[name] for name in order],
                [t(f"priorities.moran.{name}", lang) for name in order], classes)
    colours = [*class_colours(SCORE_PALETTE, INSUFFICIENT_CLASS), NO_DATA_COLOUR]
    labels_text = [_score_range_label(i, lang) for i in range(INSUFFICIENT_CLASS)] + [t("priorities.legend.insufficient", lang)]
    classes = {
        str(code): score_class(float(score), bool(insufficient))
        for code, score, insufficient in zip(table.index, table["score"], table["insufficient_data"], strict=True)
    }
    return t("priorities.legend.score", lang), colours, labels_text, classes


def rank_text(ranking: PriorityRanking, code: str) -> str:
    """"Rank 3 of 419" of an area (plain text).

    Parameters
    ----------
    ranking : PriorityRanking
        The ranking.
    code : str
        An area of it.

    Returns
    -------
    str
    """
    lang = ranking.view.lang
    return t("priorities.tooltip.rank", lang, rank=format_number(int(ranking.table.at[code, "rank"]), lang),
             total=format_number(len(ranking.table), lang))


def priority_payload(ranking: PriorityRanking) -> dict[str, object]:
    """The style payload of the view's layer for the live map (``js/choropleth.js``), every text escaped.

    Each area drawn gets ``[class, value text, rank text + "why"]``; the score layer shows the
    score, the hotspot layers the area's category (and its score beside the rank).

    Parameters
    ----------
    ranking : PriorityRanking
        From :func:`compute_ranking`.

    Returns
    -------
    dict
        ``key``, ``colours``, ``no_data``, ``areas``, ``parents``, ``legend``, ``labels``, ``source``.
    """
    view, table = ranking.view, ranking.table
    lang = view.lang
    title, colours, class_labels, classes = _layer_classes(ranking)
    score_layer = view.hotspots is None or (view.hotspots == "moran" and ranking.moran is None)
    areas: dict[str, list[object]] = {}
    counts = [0] * len(colours)
    for code, score, why in zip(table.index, table["score"], table["why"], strict=True):
        code = str(code)
        if code not in classes:
            continue  # no polygon for the hotspot layers: drawn as not assessed
        index = classes[code]
        counts[index] += 1
        score_text = format_number(float(score), lang, 1)
        value = score_text if score_layer else class_labels[index]
        rank = rank_text(ranking, code) if score_layer else f"{score_text} · {rank_text(ranking, code)}"
        areas[code] = [index, html_escape(value), f"{html_escape(rank)}<br>{html_escape(str(why))}"]
    parents = {code.rpartition(".")[0]: html_escape(text) for code, text in ranking.parents.items() if text}
    rows = [(colour, label, area_count(count, lang))
            for colour, label, count in zip(colours, class_labels, counts, strict=True)]
    legend = category_legend_html(title, rows, lang, note=t("priorities.legend.note", lang))
    layer_key = view.hotspots or "score"
    return {
        "key": f"priority|{layer_key}|{view.hotspot_on}|{view.weight_text() or 'default'}|{len(areas)}",
        "colours": colours,
        "no_data": NO_DATA_COLOUR,
        "suppressed": NO_DATA_COLOUR,
        "areas": areas,
        "parents": parents,
        "legend": legend,
        "source": html_escape(", ".join(d.label() for d in ranking.selection.datasets)),
        "labels": {
            "code": html_escape(t("ui.map.code", lang)),
            "value": html_escape(title if not score_layer else t("priorities.legend.score", lang)),
            "rank": html_escape(t("priorities.column.rank", lang) if score_layer else t("priorities.column.score", lang)),
            "source": html_escape(t("map.source", lang)),
            "no_data": html_escape(t("priorities.legend.no_polygon", lang)),
            "suppressed": html_escape(t("risk.legend.suppressed", lang)),
        },
    }


# --------------------------------------------------------------------------- outreach plan


@dataclass(frozen=True)
class PlanSite:
    """One outreach site: where, and what it reaches."""

    number: int
    code: str
    name: str
    lat: float
    lon: float
    covered_codes: tuple[str, ...]
    covered_score: float


@dataclass(frozen=True)
class OutreachPlan:
    """Sites, gaps (codes, highest priority first) and how much of the priority is reached."""

    sites: tuple[PlanSite, ...]
    gaps: tuple[str, ...]
    covered_share: float
    method: str
    upper_bound: float
    radius_km: float


def make_plan(ranking: PriorityRanking, sites: int, radius_km: float) -> OutreachPlan:
    """Place ``sites`` outreach sites reaching the most priority (as ``riskmap plan``).

    Areas with too little data weigh nothing; served areas count as covered.

    Parameters
    ----------
    ranking : PriorityRanking
        From :func:`compute_ranking`.
    sites : int
        Number of sites (> 0).
    radius_km : float
        Reach of a site (> 0).

    Returns
    -------
    OutreachPlan

    Raises
    ------
    PriorityPageError
        No area has a location.
    """
    from geo.analysis.plan import plan_sites

    graph = ranking.graph
    if graph is None or len(graph) == 0:
        raise PriorityPageError(t("priorities.plan.none", ranking.view.lang))
    table = ranking.table
    score = table["score"].where(~table["insufficient_data"].astype(bool), 0.0)
    aligned = score.reindex(graph.codes).fillna(0).to_numpy(dtype=float)
    served = None
    if ranking.served is not None:
        served = ranking.served.reindex(graph.codes).fillna(False).to_numpy(dtype=bool)
    plan = plan_sites(graph.lon, graph.lat, aligned, sites, radius_km, served)
    codes = [str(code) for code in graph.codes]
    placed = tuple(
        PlanSite(number=number, code=codes[site], name=ranking.names.get(codes[site], codes[site]),
                 lat=round(float(graph.lat[site]), 5), lon=round(float(graph.lon[site]), 5),
                 covered_codes=tuple(codes[i] for i in covered), covered_score=round(value, 4))
        for number, (site, covered, value) in enumerate(zip(plan.sites, plan.covered, plan.covered_score, strict=True), 1)
    )
    return OutreachPlan(sites=placed, gaps=tuple(codes[i] for i in plan.gaps), covered_share=plan.covered_share,
                        method=plan.method, upper_bound=float(plan.upper_bound), radius_km=float(radius_km))


def plan_summary(plan: OutreachPlan, lang: str) -> str:
    """One line: sites, reach, share of the priority reached and how the plan was solved (plain text).

    Examples
    --------
    >>> plan = OutreachPlan(sites=(), gaps=(), covered_share=0.625, method="exact", upper_bound=3.0, radius_km=15.0)
    >>> plan_summary(plan, "en")
    '0 sites, 15 km reach: 62.5% of the priority reached (optimal, MCLP).'
    """
    method = t("priorities.plan.method.exact", lang) if plan.method == "exact" else t(
        "priorities.plan.method.greedy", lang, bound=format_number(plan.upper_bound, lang, 1))
    return t("priorities.plan.summary", lang, sites=format_number(len(plan.sites), lang),
             radius=format_number(plan.radius_km, lang), share=format_number(round(100 * plan.covered_share, 1), lang),
             method=method)


def site_tooltip(site: PlanSite, ranking: PriorityRanking, radius_km: float) -> str:
    """A site's tooltip: number, name, how many areas and how much priority it reaches, their names (escaped HTML).

    Parameters
    ----------
    site : PlanSite
        The site.
    ranking : PriorityRanking
        For the names.
    radius_km : float
        The reach.

    Returns
    -------
    str
    """
    lang = ranking.view.lang
    head = t("priorities.plan.site_tip", lang, number=site.number, name=site.name,
             count=format_number(len(site.covered_codes), lang), radius=format_number(radius_km, lang),
             score=format_number(site.covered_score, lang, 1))
    reached = [ranking.names.get(code, code) for code in site.covered_codes[:TIP_NAMES]]
    if len(site.covered_codes) > TIP_NAMES:
        reached.append(t("priorities.plan.more", lang, count=format_number(len(site.covered_codes) - TIP_NAMES, lang)))
    return f"<b>{html_escape(head)}</b><br>{html_escape(', '.join(reached))}"


def _served_codes(ranking: PriorityRanking) -> list[str]:
    """Areas of the view a programme already reaches, that have a point to mark."""
    if ranking.served is None:
        return []
    return [str(code) for code, flag in ranking.served.items() if flag and str(code) in ranking.points]


def plan_overlay(plan: OutreachPlan, ranking: PriorityRanking) -> folium.FeatureGroup:
    """The plan as one feature group: reach circles, numbered sites, gap markers, served areas and a legend.

    Core Leaflet objects only (circles, circle markers, tooltips); every text escaped. Pass it
    to ``st_folium(feature_group_to_add=...)`` beside the style group, or add it to the
    standalone export: the areas are never re-sent.

    Parameters
    ----------
    plan : OutreachPlan
        From :func:`make_plan`.
    ranking : PriorityRanking
        For names, scores and "why" of the gaps.

    Returns
    -------
    folium.FeatureGroup
    """
    from geo.web.render import add_group_legend

    lang = ranking.view.lang
    group = folium.FeatureGroup(name=t("priorities.plan.layer", lang), control=False)
    served = _served_codes(ranking)
    for code in served:  # under the sites: programmes already there count as covered
        folium.CircleMarker(
            location=list(ranking.points[code]), radius=4, color=SERVED_COLOUR, weight=1, fill=True,
            fill_color=SERVED_COLOUR, fill_opacity=0.9, class_name=SERVED_CLASS,
            tooltip=folium.Tooltip(html_escape(t("priorities.plan.served_tip", lang, name=ranking.names.get(code, code))),
                                   sticky=True),
        ).add_to(group)
    for site in plan.sites:
        folium.Circle(
            location=[site.lat, site.lon], radius=plan.radius_km * 1000, color=SITE_COLOUR, weight=1.5, fill=True,
            fill_color=SITE_COLOUR, fill_opacity=0.08, class_name=REACH_CLASS, interactive=False,
        ).add_to(group)
        folium.CircleMarker(
            location=[site.lat, site.lon], radius=9, color="#ffffff", weight=2, fill=True, fill_color=SITE_COLOUR,
            fill_opacity=1.0, class_name=SITE_CLASS,
            tooltip=folium.Tooltip(site_tooltip(site, ranking, plan.radius_km), sticky=True),
        ).add_to(group)
        # The site's number stays on it: a second, invisible marker (a layer has one tooltip).
        folium.CircleMarker(location=[site.lat, site.lon], radius=0, opacity=0, fill=False, interactive=False).add_child(
            # Its look (white number, no box) is in css/legend.css, under LABEL_CLASS.
            folium.Tooltip(str(site.number), permanent=True, sticky=False, direction="center", className=LABEL_CLASS,
                           interactive=False)
        ).add_to(group)
    for code in plan.gaps:
        if code not in ranking.points:
            continue
        lat, lon = ranking.points[code]
        text = t("priorities.plan.gap_tip", lang, name=ranking.names.get(code, code),
                 score=format_number(float(ranking.table.at[code, "score"]), lang, 1), why=str(ranking.table.at[code, "why"]))
        folium.CircleMarker(
            location=[lat, lon], radius=6, color=GAP_COLOUR, weight=2.5, fill=True, fill_color="#ffffff",
            fill_opacity=0.9, class_name=GAP_CLASS, tooltip=folium.Tooltip(html_escape(text), sticky=True),
        ).add_to(group)
    legend = category_legend_html(
        t("priorities.plan.heading", lang),
        [(SITE_COLOUR, t("priorities.plan.legend.site", lang), format_number(len(plan.sites), lang)),
         (GAP_COLOUR, t("priorities.plan.legend.gap", lang), area_count(len(plan.gaps), lang)),
         *([(SERVED_COLOUR, t("priorities.plan.legend.served", lang), area_count(len(served), lang))]
           if ranking.served is not None else [])],
        lang, note=plan_summary(plan, lang),
    )
    add_group_legend(group, legend, position="bottomleft", css_class="riskmap-plan-legend")
    return group


# --------------------------------------------------------------------------- tables and exports


def _number(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def priority_export_table(ranking: PriorityRanking) -> pd.DataFrame:
    """The ranked table for field teams (CSV/XLSX): rank, codes, names, parents, coordinates, score, why.

    Headers are in the view's language; numbers stay numbers. Export through
    :func:`geo.web.export.table_to_csv` / ``table_to_xlsx`` (formula-safe).

    Parameters
    ----------
    ranking : PriorityRanking
        From :func:`compute_ranking`.

    Returns
    -------
    pandas.DataFrame
        Best first.
    """
    from geo.analysis.priority import DIMENSIONS

    lang, table = ranking.view.lang, ranking.table
    columns: dict[str, list[object]] = {name: [] for name in (
        "rank", "code", "name", "parent_code", "parents", "lat", "lon", "score", *DIMENSIONS, "cases",
        "case_rate_per_1000", "migrants", "non_procedural_percent", "change", "hotspot", "cluster", "moran",
        "insufficient_data", "why",
    )}
    yes = t("priorities.yes", lang)
    for code, row in table.iterrows():
        code = str(code)
        lat, lon = ranking.points.get(code, (None, None))
        components = row["components"]
        values: dict[str, object] = {
            "rank": int(row["rank"]), "code": code, "name": ranking.names.get(code, code),
            "parent_code": code.rpartition(".")[0], "parents": ranking.parents.get(code, ""), "lat": lat, "lon": lon,
            "score": round(float(row["score"]), 3),
            **{name: _number(row[name]) if name in table.columns else None for name in DIMENSIONS},
            **{name: _number(components.get(name)) for name in (
                "cases", "case_rate_per_1000", "migrants", "non_procedural_percent", "change")},
            "hotspot": t(f"priorities.hotspot.{row['hotspot']}", lang) if row["hotspot"] else "",
            "cluster": row["cluster"] if isinstance(row["cluster"], str) else "",
            "moran": ranking.moran.get(code) or "" if ranking.moran is not None else "",
            "insufficient_data": yes if bool(row["insufficient_data"]) else "",
            "why": str(row["why"]),
        }
        for name in columns:
            columns[name].append(values[name])
    frame = pd.DataFrame(columns)
    if ranking.moran is None:
        frame = frame.drop(columns=["moran"])
    return frame.rename(columns={name: t(f"priorities.column.{name}", lang) for name in frame.columns})


def display_page(ranking: PriorityRanking, page: int) -> pd.DataFrame:
    """One page of the ranked table as the page shows it: rank, name, code, parents, score, hot spot, why (text).

    Parameters
    ----------
    ranking : PriorityRanking
        From :func:`compute_ranking`.
    page : int
        1 for the top :data:`TABLE_PAGE_ROWS` rows (a page past the end shows the last).

    Returns
    -------
    pandas.DataFrame
    """
    lang, table = ranking.view.lang, ranking.table
    last_page = max(1, math.ceil(len(table) / TABLE_PAGE_ROWS))
    start = (min(page, last_page) - 1) * TABLE_PAGE_ROWS
    rows = table.iloc[start:start + TABLE_PAGE_ROWS]
    label = {name: t(f"priorities.column.{name}", lang) for name in ("rank", "name", "code", "parents", "score",
                                                                     "hotspot", "why")}
    return pd.DataFrame({
        label["rank"]: rows["rank"].astype(int).to_numpy(),
        label["name"]: [ranking.names.get(str(code), str(code)) for code in rows.index],
        label["code"]: rows.index.astype(str).to_numpy(),
        label["parents"]: [ranking.parents.get(str(code), "") for code in rows.index],
        label["score"]: [format_number(float(score), lang, 1) for score in rows["score"]],
        label["hotspot"]: [t(f"priorities.hotspot.{value}", lang) if value else "" for value in rows["hotspot"]],
        label["why"]: rows["why"].astype(str).to_numpy(),
    })


def plan_export_table(plan: OutreachPlan, ranking: PriorityRanking) -> pd.DataFrame:
    """The plan for field teams: one row per site (what it reaches), then one per gap (with its why).

    Parameters
    ----------
    plan : OutreachPlan
        From :func:`make_plan`.
    ranking : PriorityRanking
        Names, parents, scores and "why".

    Returns
    -------
    pandas.DataFrame
        Headers in the view's language.
    """
    lang, table = ranking.view.lang, ranking.table
    rows: list[dict[str, object]] = []
    for site in plan.sites:
        rows.append({
            "kind": t("priorities.kind.site", lang), "number": site.number, "code": site.code, "name": site.name,
            "parents": ranking.parents.get(site.code, ""), "lat": site.lat, "lon": site.lon,
            "score": round(float(table.at[site.code, "score"]), 3), "reached_count": len(site.covered_codes),
            "reached_codes": "; ".join(site.covered_codes),
            "reached_names": "; ".join(ranking.names.get(code, code) for code in site.covered_codes),
            "priority_added": site.covered_score, "why": str(table.at[site.code, "why"]),
        })
    for number, code in enumerate(plan.gaps, 1):
        lat, lon = ranking.points.get(code, (None, None))
        rows.append({
            "kind": t("priorities.kind.gap", lang), "number": number, "code": code, "name": ranking.names.get(code, code),
            "parents": ranking.parents.get(code, ""), "lat": lat, "lon": lon,
            "score": round(float(table.at[code, "score"]), 3), "reached_count": None, "reached_codes": "",
            "reached_names": "", "priority_added": None, "why": str(table.at[code, "why"]),
        })
    names = ("kind", "number", "code", "name", "parents", "lat", "lon", "score", "reached_count", "reached_codes",
             "reached_names", "priority_added", "why")
    frame = pd.DataFrame(rows, columns=list(names))
    return frame.rename(columns={name: t(f"priorities.column.{name}", lang) for name in names})


def gap_table(plan: OutreachPlan, ranking: PriorityRanking) -> pd.DataFrame:
    """The gaps as the page shows them: name, code, parents, score, why (text).

    Parameters
    ----------
    plan : OutreachPlan
        From :func:`make_plan`.
    ranking : PriorityRanking
        Names and reasons.

    Returns
    -------
    pandas.DataFrame
    """
    lang = ranking.view.lang
    return pd.DataFrame({
        t("priorities.column.name", lang): [ranking.names.get(code, code) for code in plan.gaps],
        t("priorities.column.code", lang): list(plan.gaps),
        t("priorities.column.parents", lang): [ranking.parents.get(code, "") for code in plan.gaps],
        t("priorities.column.score", lang): [
            format_number(float(ranking.table.at[code, "score"]), lang, 1) for code in plan.gaps],
        t("priorities.column.why", lang): [str(ranking.table.at[code, "why"]) for code in plan.gaps],
    })


def site_table(plan: OutreachPlan, ranking: PriorityRanking) -> pd.DataFrame:
    """The sites as the page shows them: number, name, code, areas reached, priority reached, names reached.

    Parameters
    ----------
    plan : OutreachPlan
        From :func:`make_plan`.
    ranking : PriorityRanking
        Names.

    Returns
    -------
    pandas.DataFrame
    """
    lang = ranking.view.lang
    return pd.DataFrame({
        t("priorities.column.number", lang): [site.number for site in plan.sites],
        t("priorities.column.name", lang): [site.name for site in plan.sites],
        t("priorities.column.code", lang): [site.code for site in plan.sites],
        t("priorities.column.reached_count", lang): [len(site.covered_codes) for site in plan.sites],
        t("priorities.column.priority_added", lang): [format_number(site.covered_score, lang, 1) for site in plan.sites],
        t("priorities.column.reached_names", lang): [
            ", ".join(ranking.names.get(code, code) for code in site.covered_codes) for site in plan.sites],
    })


def sample_texts(ranking: PriorityRanking) -> list[tuple[str, str]]:
    """The one short "sample data" label and the anchor citations of the sample datasets behind the scores.

    Parameters
    ----------
    ranking : PriorityRanking
        The ranking.

    Returns
    -------
    list of (str, str)
        At most one (label, citations) pair: one line however many sample datasets are scored.
    """
    line = sample_line([(d.label(), d.sources) for d in ranking.sample_datasets], ranking.view.lang)
    return [] if line is None else [line]


def area_label(area: str | None, lang: str) -> str:
    """The area's official name, or "Indonesia".

    Examples
    --------
    >>> area_label(None, "en")
    'Indonesia'
    """
    from geo.data.codes import CodeList

    return t("area.indonesia", lang) if area is None else CodeList.load().name(area)


def priority_map_html(ranking: PriorityRanking, layer: PreparedLayer, plan: OutreachPlan | None = None, *,
                      tiles: str = "none") -> str:
    """The Priorities map as one standalone HTML file (opens offline): the layer on screen and the plan.

    Parameters
    ----------
    ranking : PriorityRanking
        From :func:`compute_ranking`.
    layer : PreparedLayer
        The view's areas (:func:`geo.web.layers.cached_layer`).
    plan : OutreachPlan, optional
        Drawn over the areas with its legend.
    tiles : str
        ``"none"`` (default), ``"auto"``, ``"osm"`` or ``"carto"``.

    Returns
    -------
    str
        The page (every text escaped by the template or here).
    """
    from geo.data.sample import citation
    from geo.web.layers import cached_layer
    from geo.web.render import standalone_map_html

    view, lang = ranking.view, ranking.view.lang
    base = None if view.area is None and view.level == "province" else cached_layer("province", None)
    notes = [t("map.export.source_line", lang, sources=", ".join(d.label() for d in ranking.selection.datasets)),
             t("priorities.count", lang, count=format_number(len(ranking.table), lang),
               level=t(f"level.{view.level}", lang), area=area_label(view.area, lang),
               period=period_label(ranking.period, lang))]
    if plan is not None:
        notes.append(plan_summary(plan, lang))
    notes.append(t("attribution.boundaries", lang))
    sample_notes = [t("map.sample.label", lang, name=d.label(), citation=citation(d.sources, lang))
                    for d in ranking.sample_datasets]
    extra = [plan_overlay(plan, ranking)] if plan is not None and plan.sites else []
    return standalone_map_html(
        layer, payload=priority_payload(ranking), tiles=tiles, base_outlines=base, lang=lang,
        title=t("priorities.export.title", lang, area=area_label(view.area, lang)), notes=notes,
        sample_notes=sample_notes, extra_layers=extra,
    )


def brief_top(ranking: PriorityRanking) -> TopTable:
    """The brief's top-10 table from this ranking (the page's weights), for :func:`geo.web.brief.brief_pdf`.

    Parameters
    ----------
    ranking : PriorityRanking
        From :func:`compute_ranking`.

    Returns
    -------
    TopTable
    """
    from geo.web.brief import TOP_COUNT, WHY_CHARACTERS, TopTable

    lang = ranking.view.lang
    rows = tuple(
        (format_number(int(row["rank"]), lang), f"{ranking.names.get(str(code), code)} ({code})",
         format_number(float(row["score"]), lang, 1), _shortened(str(row["why"]), WHY_CHARACTERS))
        for code, row in ranking.table.head(TOP_COUNT).iterrows()
    )
    headers = (t("brief.column.rank", lang), t("brief.column.area", lang), t("brief.column.score", lang),
               t("brief.column.why", lang))
    return TopTable(heading=t("brief.top.heading", lang), headers=headers, widths=(7, 50, 11, 114), rows=rows,
                    note=t("brief.top.priority_note", lang))


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ;,") + "…"
