"""The Priorities page's map styling, plan layer and exports, on a small synthetic ranking (no boundaries needed)."""

from __future__ import annotations

import io
import json
import re

import folium
import numpy as np
import openpyxl
import pandas as pd
import pytest
import shapely

from geo.analysis.hotspots import build_area_graph
from geo.analysis.indicators import combine_records
from geo.analysis.priority import DEFAULT_WEIGHTS, priority_table
from geo.web.export import table_to_csv, table_to_xlsx
from geo.web.mapview import DataSelection, DatasetRef
from geo.web.priority_layer import (
    GAP_CLASS,
    HOTSPOT_COLOURS,
    INSUFFICIENT_CLASS,
    REACH_CLASS,
    SITE_CLASS,
    PriorityRanking,
    make_plan,
    plan_export_table,
    plan_overlay,
    priority_export_table,
    priority_payload,
    score_class,
)
from geo.web.viewstate import PriorityView, parse_priority_view, priority_view_to_query

HOSTILE = '<img src=x onerror="alert(1)">'
FORMULA = '=HYPERLINK("http://evil.example","x")'


def _ranking(view: PriorityView, weights: dict[str, float] | None = None) -> PriorityRanking:
    """A 6 × 6 grid of villages about 11 km apart; cases high in one corner; two hostile names."""
    codes = [f"21.71.01.{1001 + n}" for n in range(36)]
    squares = np.array([shapely.box(104 + 0.1 * (n % 6), 1 + 0.1 * (n // 6), 104.1 + 0.1 * (n % 6), 1.1 + 0.1 * (n // 6))
                        for n in range(36)])
    graph = build_area_graph(codes, squares, k=4)
    cases = [40 if n % 6 < 2 and n // 6 < 2 else (1 if n % 5 else 0) for n in range(36)]
    migrants = [400 if n % 6 >= 3 else 50 for n in range(36)]  # people leave elsewhere than cases are found
    records = combine_records(
        migration=pd.DataFrame({"area_code": codes, "period": ["2024"] * 36, "count": migrants}),
        cases=pd.DataFrame({"area_code": codes, "period": ["2024"] * 36, "count": cases}),
    )
    names = {code: f"Desa {n}" for n, code in enumerate(codes)}
    names[codes[0]] = HOSTILE
    names[codes[1]] = FORMULA
    table = priority_table(records, codes, "2024", graph=graph, names=names, weights=weights, audience="analyst",
                           lang=view.lang)
    points = {code: (float(lat), float(lon)) for code, lat, lon in zip(graph.codes, graph.lat, graph.lon, strict=True)}
    selection = DataSelection(datasets=(DatasetRef(id=1, kind="cases", name=HOSTILE, version=1),), records=records)
    parents = dict.fromkeys(codes, "Batam Kota › Kota Batam › Kepulauan Riau")
    return PriorityRanking(view=view, table=table, names=names, parents=parents, points=points, graph=graph,
                           selection=selection, period="2024")


def test_score_classes_are_fixed_and_too_little_data_has_its_own() -> None:
    assert [score_class(value, False) for value in (0, 1.99, 2, 7.9, 8, 10, 12)] == [0, 0, 1, 3, 4, 4, 4]
    assert score_class(9.5, True) == INSUFFICIENT_CLASS == score_class(float("nan"), False)


def test_payload_escapes_names_and_reasons_and_counts_every_area() -> None:
    ranking = _ranking(PriorityView(level="village", area="21.71.01", lang="en"))
    payload = priority_payload(ranking)
    text = json.dumps(payload)
    assert "<img" not in text and "&lt;img" in text  # dataset name (source) escaped; names travel in the geometry
    assert len(payload["areas"]) == 36 and len(payload["colours"]) == INSUFFICIENT_CLASS + 1
    top = ranking.table.index[0]
    klass, value, rank = payload["areas"][top]
    assert value == f"{ranking.table['score'].iloc[0]:.1f}"
    assert rank.startswith("Rank 1 of 36<br>") and "cases, rank" in rank
    counts = [int(count) for count in re.findall(r'riskmap-legend-count">(\d+) area', payload["legend"])]
    assert sum(counts) == 36
    assert payload["key"].startswith("priority|score|cases|default|")


def test_weights_change_the_payload_key_and_the_order() -> None:
    view = PriorityView(level="village", area="21.71.01", lang="en", weights=(("harm", 0.0),))
    weighted = _ranking(view, {**DEFAULT_WEIGHTS, "harm": 0.0})
    plain = _ranking(PriorityView(level="village", area="21.71.01", lang="en"))
    assert list(weighted.table.index[:6]) != list(plain.table.index[:6])
    assert priority_payload(weighted)["key"].startswith("priority|score|cases|harm=0|")


def test_hotspot_layer_shows_hot_cold_and_not_significant() -> None:
    ranking = _ranking(PriorityView(level="village", area="21.71.01", lang="en", hotspots="gi"))
    payload = priority_payload(ranking)
    assert payload["colours"] == [HOTSPOT_COLOURS["hot"], HOTSPOT_COLOURS["cold"], HOTSPOT_COLOURS["none"]]
    hot = [code for code, label in ranking.table["hotspot"].items() if label == "hot"]
    assert hot, "the corner of high case counts is a hot spot"
    assert all(payload["areas"][code][0] == 0 and payload["areas"][code][1] == "Hot spot" for code in hot)
    assert "Gi* hot spots (FDR 5%)" in payload["legend"]


def test_plan_layer_draws_sites_reach_and_gaps_with_escaped_tooltips() -> None:
    ranking = _ranking(PriorityView(level="village", area="21.71.01", lang="en"))
    plan = make_plan(ranking, 2, 12.0)
    assert len(plan.sites) == 2 and plan.method == "exact"
    assert all(site.covered_codes for site in plan.sites) and 0 < plan.covered_share <= 1
    folium_map = folium.Map(tiles=None)
    plan_overlay(plan, ranking).add_to(folium_map)
    html = folium_map.get_root().render()
    assert html.count(f'"className": "{SITE_CLASS}"') == 2 and html.count(f'"className": "{REACH_CLASS}"') == 2
    assert html.count(f'"className": "{GAP_CLASS}"') == len([code for code in plan.gaps if code in ranking.points])
    assert "<img src=x" not in html and "Site 1: " in html
    assert '"radius": 12000.0' in html  # the reach in metres


def test_exports_are_formula_safe_and_carry_codes_names_parents_coordinates_and_why() -> None:
    ranking = _ranking(PriorityView(level="village", area="21.71.01", lang="en"))
    table = priority_export_table(ranking)
    assert {"Rank", "Code", "Name", "Parent code", "Parent areas", "Latitude", "Longitude", "Score", "Why"} <= set(table)
    assert table["Latitude"].notna().all() and table["Why"].str.len().gt(0).all()
    csv_text = table_to_csv(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and '\n=HYPERLINK' not in csv_text and ",=HYPERLINK" not in csv_text
    sheet = openpyxl.load_workbook(io.BytesIO(table_to_xlsx(table))).active
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert f"'{FORMULA}" in names and all(not str(name).startswith("=") for name in names)
    plan = make_plan(ranking, 2, 12.0)
    plan_table = plan_export_table(plan, ranking)
    sites = plan_table[plan_table["Kind"] == "site"]
    assert len(sites) == 2 and (sites["Areas reached"] > 0).all() and sites["Codes reached"].str.contains("21.71.01.").all()
    assert len(plan_table) == 2 + len(plan.gaps)


@pytest.mark.parametrize("hostile", ["weights=<script>", "sites=²", "radius=1e9", "served=-1", "page=0", "hotspot_on=x"])
def test_priority_url_refuses_hostile_values(hostile: str) -> None:
    from geo.data.codes import CodeList

    key, _, value = hostile.partition("=")
    codes = CodeList.from_rows([("21", "Kepulauan Riau")])
    view, messages = parse_priority_view({key: value, "lang": "en"}, codes=codes)
    assert view == PriorityView(lang="en") and len(messages) == 1 and f"{key}=" in messages[0]
    assert priority_view_to_query(view) == {"level": "regency", "lang": "en"}


def test_standalone_map_carries_the_layer_the_plan_and_nothing_from_another_host() -> None:
    import geopandas as gpd

    from geo.web.layers import prepare_layer
    from geo.web.priority_layer import priority_map_html

    ranking = _ranking(PriorityView(level="village", area="21.71.01", lang="en"))
    codes = list(ranking.table.index)
    frame = gpd.GeoDataFrame({"code": codes, "name": [ranking.names[code] for code in codes]},
                             geometry=[shapely.box(lon - 0.05, lat - 0.05, lon + 0.05, lat + 0.05)
                                       for lat, lon in (ranking.points[code] for code in codes)], crs="EPSG:4326")
    plan = make_plan(ranking, 2, 12.0)
    page = priority_map_html(ranking, prepare_layer(frame), plan)
    assert "priority|score|cases|default|36" in page and page.count(SITE_CLASS) >= 2
    assert "<img src=x" not in page and "&lt;img" in page
    assert "2 sites, 12 km reach:" in page  # the plan's line above the map and in its legend
    assert not re.findall(r"<(?:script|link)[^>]+(?:src|href)=.?https?://", page)


def test_brief_top_table_follows_the_page_ranking() -> None:
    from geo.web.priority_layer import brief_top

    ranking = _ranking(PriorityView(level="village", area="21.71.01", lang="en", weights=(("harm", 0.0),)),
                       {**DEFAULT_WEIGHTS, "harm": 0.0})
    top = brief_top(ranking)
    assert [row[0] for row in top.rows] == [str(n) for n in range(1, 11)]
    assert top.rows[0][1].endswith(f"({ranking.table.index[0]})") and ranking.table["why"].iloc[0].startswith(top.rows[0][3].rstrip("…")[:100])


def test_served_areas_are_marked_under_the_plan_and_counted_in_its_legend() -> None:
    from dataclasses import replace

    from geo.web.priority_layer import SERVED_CLASS

    ranking = _ranking(PriorityView(level="village", area="21.71.01", lang="en"))
    served = pd.Series([n < 4 for n in range(36)], index=ranking.table.index.sort_values())
    ranking = replace(ranking, served=served)
    folium_map = folium.Map(tiles=None)
    plan_overlay(make_plan(ranking, 1, 5.0), ranking).add_to(folium_map)
    html = folium_map.get_root().render()
    assert html.count(f'"className": "{SERVED_CLASS}"') == 4
    assert "Already served by a programme" in html and "4 areas" in html
