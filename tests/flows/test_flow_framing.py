"""Flow maps show where people go: framing, destination labels, legend corner, Map page flow filters."""

from __future__ import annotations

import json
import re
from functools import partial

import folium
import pandas as pd
import pytest

from geo.analysis.flows import aggregate_flows as aggregate_flows_for
from geo.web.flow_layer import (
    LABEL_CLASS,
    add_flow_layer,
    destination_label_text,
    flow_bounds,
    flow_drawing,
    flow_frame,
    frame_padding,
    label_directions,
    legend_corner,
)
from geo.web.viewstate import CHOROPLETH_KEYS, QUERY_KEYS, View, parse_view, view_to_query

aggregate_flows = partial(aggregate_flows_for, audience="analyst")

HOSTILE = "<img src=x onerror=alert(1)>"
NAMES = {"21.71": "Kota Batam", "21.01": "Kabupaten Bintan"}
POINTS = {"21.71": (1.08, 104.03), "21.01": (1.05, 104.6)}
# Areas larger than their points: Bintan reaches far east (its islands), Batam a little south.
AREAS = {"21.71": ((0.5, 103.8), (1.3, 104.3)), "21.01": ((0.4, 104.2), (1.6, 105.9))}
PHNOM_PENH = (11.5564, 104.9282)
BAVET = (11.0636, 106.1353)


@pytest.fixture
def result():
    records = pd.DataFrame(
        {
            "area_code": ["21.71.01.1001", "21.01.01.2001", "21.71.02.1001"],
            "destination_city": ["Phnom Penh", "Bavet", "Phnom Penh"],
            "destination_country": ["Kamboja", "Kamboja", "Kamboja"],
            "period": ["2025"] * 3,
            "count": [1200, 60, 34],
        }
    )
    return aggregate_flows(records, level="regency", origin_names=NAMES)


def inside(point: tuple[float, float], bounds) -> bool:  # type: ignore[no-untyped-def]
    (south, west), (north, east) = bounds
    return south <= point[0] <= north and west <= point[1] <= east


# --------------------------------------------------------------------------- framing


def test_frame_holds_the_origin_areas_and_every_destination(result):
    drawing = flow_drawing(result, POINTS, "id", area_bounds=AREAS)
    frame = drawing.frame
    assert frame is not None
    assert inside(PHNOM_PENH, frame) and inside(BAVET, frame)
    # the origin areas, not only their points: Bintan's eastern islands and Batam's south
    assert frame[0][0] <= 0.4 and frame[1][1] >= 105.9 and frame[0][1] <= 103.8
    assert drawing.origin_box == ((0.4, 103.8), (1.6, 105.9))
    # no wider than what is drawn: Indonesia (95°–141° E) is not the frame
    assert frame[1][1] < 108 and frame[0][0] > -1
    assert flow_bounds(drawing) == [list(frame[0]), list(frame[1])]


def test_frame_without_area_bounds_uses_the_origin_points(result):
    drawing = flow_drawing(result, POINTS, "id")
    assert drawing.origin_box == ((1.05, 104.03), (1.08, 104.6))
    assert inside(PHNOM_PENH, drawing.frame) and inside(POINTS["21.71"], drawing.frame)


def test_nothing_drawn_has_no_frame():
    assert flow_frame({"type": "FeatureCollection", "features": []}, [], None) is None


def test_exported_map_fits_the_frame_with_room_for_labels(result):
    map_ = folium.Map(location=[-2, 118], zoom_start=4, tiles=None)
    drawing = add_flow_layer(map_, result, POINTS, "en")
    html = map_.get_root().render()
    call = re.search(r"window\.riskmapFlowFrame\(\w+, (\{.*?\})\);", html)
    assert call, "the flow group frames the map"
    options = json.loads(call.group(1))
    assert options["bounds"] == [list(drawing.frame[0]), list(drawing.frame[1])]
    # the largest circle's radius at least, on every side
    radius = max(circle["radius"] for circle in drawing.circles)
    assert min(options["paddingTopLeft"] + options["paddingBottomRight"]) >= radius


def test_padding_makes_room_for_labels_at_the_frame_edges():
    circles = [
        {"lon": 100.0, "radius": 10.0, "label": "Kuala Lumpur: 1,234", "label_direction": "left"},
        {"lon": 110.0, "radius": 4.0, "label": "Kuching: 5", "label_direction": "right"},
        {"lon": 105.0, "radius": 4.0, "label": "A very long name in the middle: 5", "label_direction": "right"},
    ]
    padding = frame_padding(circles, ((0.0, 100.0), (10.0, 110.0)))
    left, right = padding["paddingTopLeft"][0], padding["paddingBottomRight"][0]
    assert left > right > 10.0 + 16  # KL's long label on the left; Kuching's shorter one on the right
    assert right < 4 + 16 + 16 + 7 * len("A very long name in the middle: 5")  # the middle label has room


def test_legend_corner_leaves_the_origins_free():
    kepri = ((-1.5, 103.2), (4.9, 109.0))
    kepri_and_cambodia = ((-1.5, 103.2), (13.5, 109.0))
    assert legend_corner(kepri_and_cambodia, kepri) in ("topleft", "topright")
    # origins in the west, destinations in the east: the legend goes east
    assert legend_corner(((0.0, 95.0), (25.0, 125.0)), ((0.0, 95.0), (25.0, 100.0))) in ("topright", "bottomright")
    assert legend_corner(None, None) == "bottomleft"


def test_the_legend_sits_in_the_chosen_corner(result):
    map_ = folium.Map(location=[5, 110], zoom_start=4, tiles=None)
    drawing = add_flow_layer(map_, result, POINTS, "id")
    html = map_.get_root().render()
    corner = legend_corner(drawing.frame, drawing.origin_box)
    assert corner != "bottomleft"  # the origins are at the bottom of the frame
    assert f'"position":"{corner}","className":"riskmap-flow-legend"' in html


# --------------------------------------------------------------------------- labels


def test_destination_label_names_and_totals_in_the_page_language(result):
    rows = {row.destination: row for row in result.destinations.itertuples(index=False)}
    assert destination_label_text(rows["Phnom Penh"], "id") == "Phnom Penh: 1.234"
    assert destination_label_text(rows["Phnom Penh"], "en") == "Phnom Penh: 1,234"
    drawing = flow_drawing(result, POINTS, "en")
    labels = {circle["label"] for circle in drawing.circles}
    assert labels == {"Phnom Penh: 1,234", "Bavet: 60"}


def test_country_only_destinations_are_labelled_with_the_country():
    records = pd.DataFrame(
        {"area_code": ["21.71.01.1001"], "destination_city": [None], "destination_country": ["Arab Saudi"],
         "count": [2500]}
    )
    drawing = flow_drawing(aggregate_flows(records, level="regency", origin_names=NAMES), POINTS, "id")
    assert [circle["label"] for circle in drawing.circles] == ["Arab Saudi: 2.500"]


def test_neighbouring_labels_go_to_opposite_sides(result):
    drawing = flow_drawing(result, POINTS, "id")
    sides = {html_label.split(":")[0]: circle["label_direction"]
             for circle in drawing.circles for html_label in [circle["label"]]}
    assert sides == {"Phnom Penh": "left", "Bavet": "right"}
    assert label_directions([0.0], [100.0]) == ["right"]
    assert label_directions([0.0, 0.0], [100.0, 130.0]) == ["right", "right"]  # far apart: both right


def test_labels_are_permanent_and_escaped():
    records = pd.DataFrame(
        {"area_code": ["21.71.01.1001"], "destination_city": [HOSTILE], "destination_country": ["Kamboja"],
         "destination_lat": [11.5], "destination_lon": [104.9], "count": [40]}
    )
    result = aggregate_flows(records, level="regency", origin_names=NAMES)
    map_ = folium.Map(location=[5, 110], zoom_start=4, tiles=None)
    add_flow_layer(map_, result, POINTS, "id")
    html = map_.get_root().render()
    assert HOSTILE not in html
    assert "&lt;img src=x onerror=alert(1)&gt;: 40" in html
    assert '"permanent": true' in html and f'"className": "{LABEL_CLASS}"' in html


# --------------------------------------------------------------------------- Map page flow filters in the URL


def test_map_flow_filters_round_trip_through_the_url():
    assert {"top", "country", "min"} <= set(QUERY_KEYS)
    assert not {"top", "country", "min"} & set(CHOROPLETH_KEYS)  # no clash with the Map page's own keys
    view, messages = parse_view({"level": "regency", "area": "21", "flows": "1", "top": "3", "country": "Kamboja",
                                 "min": "2,5"})
    assert messages == []
    assert (view.flows, view.flow_top, view.flow_country, view.flow_min) == (True, 3, "KH", 2.5)
    query = view_to_query(view)
    assert query == {"level": "regency", "area": "21", "flows": "1", "top": "3", "country": "KH", "min": "2.5"}
    assert parse_view(query)[0] == view
    assert not {"top", "country", "min"} & set(view_to_query(View(flows=True)))


@pytest.mark.parametrize(
    ("key", "value", "field"),
    [("top", "²", "flow_top"), ("top", "0", "flow_top"), ("top", "501", "flow_top"), ("top", "1e3", "flow_top"),
     ("country", "Atlantis", "flow_country"), ("min", "-3", "flow_min"), ("min", "٣", "flow_min")],
)
def test_an_invalid_flow_filter_resets_only_itself(key, value, field):
    view, messages = parse_view({"level": "regency", "flows": "1", "top": "7", "country": "KH", "min": "4",
                                 key: value, "lang": "en"})
    defaults = {"flow_top": None, "flow_country": None, "flow_min": 0.0}
    kept = {"flow_top": 7, "flow_country": "KH", "flow_min": 4.0}
    for name in defaults:
        assert getattr(view, name) == (defaults[name] if name == field else kept[name])
    assert view.flows and len(messages) == 1 and f"{key}=" in messages[0]
