"""geo.web.flow_layer: what is drawn, how it is styled, escaping, no CDN plugins."""

from __future__ import annotations

import json
import re
from functools import partial

import folium
import pandas as pd
import pytest

from geo.analysis.flows import aggregate_flows as aggregate_flows_for
from geo.web.flow_layer import (
    CLASS_COLOURS,
    CLASS_WEIGHTS,
    TRANSIT_DASH,
    add_flow_layer,
    flow_bounds,
    flow_drawing,
    legend_html,
    tooltip_text,
)

# These tests check aggregation and drawing on small hand-made counts, seen by an analyst;
# disclosure control of flows is tested in tests/analysis/test_disclosure.py.
aggregate_flows = partial(aggregate_flows_for, audience="analyst")

HOSTILE = "<img src=x onerror=alert(1)>"
NAMES = {"21.71": "Kota Batam", "21.01": "Kabupaten Bintan", "32.12": "Kabupaten Indramayu"}
POINTS = {"21.71": (1.08, 104.03), "21.01": (1.05, 104.6), "32.12": (-6.45, 108.2)}


@pytest.fixture
def result():
    records = pd.DataFrame(
        {
            "area_code": ["21.71.01.1001", "21.71.01.1002", "21.01.01.2001", "32.12.01.2001", "21.71.02.1001"],
            "destination_city": ["Phnom Penh", "Phnom Penh", "Bavet", None, "Poipet"],
            "destination_country": ["Kamboja", "Kamboja", "Kamboja", "Arab Saudi", None],
            "transit": [None, None, "Johor Bahru", None, None],
            "period": ["2025"] * 5,
            "count": [500, 312, 60, 200, 5],
        }
    )
    return aggregate_flows(records, level="regency", origin_names=NAMES, top=3)


def render(result, points=POINTS, language="id") -> tuple[str, object]:
    map_ = folium.Map(location=[5, 110], zoom_start=4, tiles=None)
    drawing = add_flow_layer(map_, result, points, language)
    return map_.get_root().render(), drawing


def test_tooltip_text_in_both_languages(result):
    row = result.flows.iloc[0]
    assert tooltip_text(row, "id", unit="cases", period="2025") == "Kota Batam → Phnom Penh: 812 kasus (2025)"
    assert tooltip_text(row, "en", unit="cases", period="2025") == "Kota Batam → Phnom Penh: 812 cases (2025)"
    assert (
        tooltip_text({**row.to_dict(), "count": 1234.0}, "id", unit="migrants") == "Kota Batam → Phnom Penh: 1.234 PMI"
    )


def test_drawing_has_one_line_and_one_arrow_per_leg(result):
    drawing = flow_drawing(result, POINTS, "id")
    # top 3 flows: Batam→Phnom Penh (812), Indramayu→Saudi (200), Bintan→Johor Bahru→Bavet (60): 4 legs
    assert len(drawing.lines["features"]) == 4 == len(drawing.arrows["features"])
    tooltips = [feature["properties"]["tooltip"] for feature in drawing.lines["features"]]
    assert "Kota Batam → Phnom Penh: 812 kasus (2025)" in tooltips
    assert "Kabupaten Indramayu → Arab Saudi: 200 kasus (2025)" in tooltips
    dashed = [feature for feature in drawing.lines["features"] if feature["properties"]["dash"] == TRANSIT_DASH]
    assert len(dashed) == 2
    assert any("Kabupaten Bintan → Johor Bahru → Bavet" in feature["properties"]["tooltip"] for feature in dashed)


def test_largest_flow_is_widest_darkest_and_drawn_last(result):
    drawing = flow_drawing(result, POINTS, "id")
    features = drawing.lines["features"]
    largest = features[-1]["properties"]
    assert largest["count"] == 812
    assert largest["weight"] == CLASS_WEIGHTS[-1] and largest["color"] == CLASS_COLOURS[-1]
    assert all(feature["properties"]["weight"] <= largest["weight"] for feature in features)


def test_line_ends_at_the_arrow_and_the_arrow_at_the_destination(result):
    drawing = flow_drawing(result, POINTS, "en")
    index = next(i for i, f in enumerate(drawing.lines["features"]) if f["properties"]["count"] == 812)
    line = drawing.lines["features"][index]["geometry"]["coordinates"]
    arrow = drawing.arrows["features"][index]["geometry"]["coordinates"][0]
    assert line[0] == [104.03, 1.08]  # GeoJSON order: lon, lat
    assert arrow[0] == pytest.approx([104.9282, 11.5564])  # tip at Phnom Penh
    assert arrow[0] == arrow[-1] or arrow[-1] == arrow[0]  # closed ring
    base = [(arrow[1][0] + arrow[2][0]) / 2, (arrow[1][1] + arrow[2][1]) / 2]
    assert line[-1] == pytest.approx(base, abs=1e-3)


def test_destination_circles_are_proportional_to_totals(result):
    drawing = flow_drawing(result, POINTS, "id")
    circles = {circle["tooltip"].split(":")[0]: circle for circle in drawing.circles}
    phnom_penh = circles["Phnom Penh, Kamboja"]
    saudi = circles["Arab Saudi (negara; kota tidak diketahui)"]
    assert phnom_penh["radius"] / saudi["radius"] == pytest.approx((812 / 200) ** 0.5, rel=0.01)
    # Poipet (5) is beyond the top 3, but still counted in its destination's circle
    assert any(circle["count"] == 5 for circle in drawing.circles)


def test_legend_states_what_is_not_drawn(result):
    drawing = flow_drawing(result, POINTS, "id")
    legend = legend_html(result, drawing, "id")
    assert "3 dari 4 aliran digambar" in legend
    assert "1 aliran lain (5 kasus) tidak digambar" in legend
    english = legend_html(result, flow_drawing(result, POINTS, "en"), "en")
    assert "1 other flows (5 cases) not drawn" in english


def test_flows_without_origin_point_are_reported(result):
    drawing = flow_drawing(result, {"21.71": POINTS["21.71"]}, "en")
    assert drawing.missing_origin_flows == 2 and drawing.missing_origin_count == 260
    assert "2 flows without an origin point on the map (260 cases)" in legend_html(result, drawing, "en")


def test_hostile_names_are_escaped_in_the_html():
    records = pd.DataFrame(
        {
            "area_code": ["21.71.01.1001", "21.71.01.1001"],
            "destination_city": [HOSTILE, "Phnom Penh"],
            "destination_lat": [11.0, None],
            "destination_lon": [105.0, None],
            "count": [3, 4],
        }
    )
    result = aggregate_flows(records, level="regency", origin_names={"21.71": HOSTILE + "`${alert(2)}`"})
    html, drawing = render(result, language="en")
    assert HOSTILE not in html
    assert "<img" not in html
    assert "${alert(2)}" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html or "&amp;lt;img" in html or "\\u0026lt;img" in html
    assert all(HOSTILE not in feature["properties"]["tooltip"] for feature in drawing.lines["features"])
    assert all(HOSTILE not in circle["tooltip"] for circle in drawing.circles)


def test_legend_is_shown_with_the_group_and_styled_by_the_one_legend_stylesheet(result):
    html, drawing = render(result, language="en")
    legend = legend_html(result, drawing, "en")
    assert "riskmapGroupLegend(" in html and '"riskmap-flow-legend"' in html
    assert "Flows (cases)" in html
    # no inline box styling left: the look is css/legend.css
    assert "padding" not in legend and "font:" not in legend
    assert 'class="riskmap-flow-swatch"' in legend and 'class="riskmap-legend-note"' in legend


def test_layer_adds_no_external_script(result):
    bare = folium.Map(location=[5, 110], zoom_start=4, tiles=None).get_root().render()
    html, _ = render(result)
    external = set(re.findall(r'<script src="([^"]+)"', html)) | set(re.findall(r'<link[^>]+href="(http[^"]+)"', html))
    bare_external = set(re.findall(r'<script src="([^"]+)"', bare)) | set(
        re.findall(r'<link[^>]+href="(http[^"]+)"', bare)
    )
    assert external == bare_external  # only what the base map (served locally by the app) already loads
    assert "L.polylineDecorator" not in html and "antPath" not in html.lower() and "textpath" not in html.lower()


def test_geojson_payload_is_compact(result):
    drawing = flow_drawing(result, POINTS, "id")
    payload = json.dumps(drawing.lines) + json.dumps(drawing.arrows)
    assert len(payload) < 20_000
    assert all(
        len(str(value).split(".")[-1]) <= 4
        for feature in drawing.lines["features"]
        for point in feature["geometry"]["coordinates"]
        for value in point
    )


def test_bounds_cover_lines_and_circles(result):
    bounds = flow_bounds(flow_drawing(result, POINTS, "id"))
    (south, west), (north, east) = bounds
    assert south <= -6.45 and north >= 24.68 and west <= 46.73 and east >= 108.2
    empty = aggregate_flows(pd.DataFrame({"area_code": [], "destination_country": []}))
    assert flow_bounds(flow_drawing(empty, {}, "id")) is None


def test_a_place_that_is_both_transit_and_destination_gets_one_line_per_pair():
    """Batam → Johor Bahru as a destination and as a transit stop draw one line, not two on top of each other."""
    records = pd.DataFrame(
        {
            "area_code": ["21.71.01.1001", "21.71.01.1002"],
            "destination_city": ["Johor Bahru", "Phnom Penh"],
            "transit": [None, "Johor Bahru"],
            "count": [10, 4],
        }
    )
    result = aggregate_flows(records, level="regency", origin_names=NAMES)
    drawing = flow_drawing(result, POINTS, "en")
    tooltips = [feature["properties"]["tooltip"] for feature in drawing.lines["features"]]
    assert len(tooltips) == 2
    to_johor = [text for text in tooltips if text.startswith("Kota Batam → Johor Bahru")]
    assert len(to_johor) == 1 and to_johor[0].startswith("Kota Batam → Johor Bahru: 14 cases")
    assert "route: Kota Batam → Johor Bahru → Phnom Penh" in to_johor[0]
    solid = {f["properties"]["tooltip"][:30]: f["properties"]["dash"] for f in drawing.lines["features"]}
    assert solid["Kota Batam → Johor Bahru: 14 c"] is None  # partly a final destination: drawn solid


def test_legend_states_flows_below_the_minimum_and_unknown_destinations():
    records = pd.DataFrame(
        {
            "area_code": ["21.71.01.1001", "21.01.01.2001", "21.71.01.1002"],
            "destination_city": ["Phnom Penh", "Bavet", None],
            "destination_country": ["Kamboja", "Kamboja", "Xyzzyland"],
            "period": ["2025"] * 3,
            "count": [500, 7, 40],
        }
    )
    result = aggregate_flows(records, level="regency", origin_names=NAMES, min_count=10)
    english = legend_html(result, flow_drawing(result, POINTS, "en"), "en")
    assert "1 flows below the minimum (7 cases) hidden" in english
    assert "1 records with an unknown destination (40 cases) not drawn" in english
    indonesian = legend_html(result, flow_drawing(result, POINTS, "id"), "id")
    assert "1 aliran di bawah minimum (7 kasus) disembunyikan" in indonesian
