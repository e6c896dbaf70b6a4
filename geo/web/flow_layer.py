"""The flows drawn on a map: great-circle arcs, arrowheads, volume classes, circles, legend.

:func:`flow_drawing` turns a :class:`geo.analysis.flows.FlowResult` into plain data
(GeoJSON lines and arrowheads, destination circles: testable without a browser);
:func:`flow_layer` draws it with core Leaflet objects only (GeoJSON lines and polygons,
circle markers): great-circle arcs that never wrap across the antimeridian, arrowheads
as polygons at the destination end, width and colour by volume class, and proportional
circles for the destination totals. :func:`flow_overlay` adds the legend (styled by
``geo/web/css/legend.css``). Every text is escaped with :func:`geo.web.escape.html_escape`.

Examples
--------
>>> import pandas as pd
>>> from geo.analysis.flows import aggregate_flows
>>> records = pd.DataFrame({"area_code": ["21.71.01.1001"], "destination_city": ["Phnom Penh"],
...                         "period": ["2025"], "count": [812]})
>>> result = aggregate_flows(records, origin_names={"21.71": "Kota Batam"})
>>> tooltip_text(result.flows.iloc[0], "id", unit="cases", period=result.period_label)
'Kota Batam → Phnom Penh: 812 kasus (2025)'
>>> drawing = flow_drawing(result, {"21.71": (1.08, 104.03)}, "en")
>>> len(drawing.lines["features"]), drawing.circles[0]["tooltip"]
(1, 'Phnom Penh, Cambodia: 812 cases (2025)')
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

import folium
import numpy as np
import pandas as pd

from geo.analysis.classify import classify
from geo.analysis.flows import FlowResult, origin_points
from geo.i18n import format_number, t
from geo.web.elements import ScriptElement
from geo.web.escape import html_escape, script_json

# Volume classes: line weights (px) and colours (ColorBrewer OrRd 6, darkest five, so the
# faintest class still shows on a light basemap).
CLASS_WEIGHTS: tuple[float, ...] = (2.0, 3.5, 5.0, 7.0, 9.5)
CLASS_COLOURS: tuple[str, ...] = ("#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000")
TRANSIT_DASH = "8 6"
LINE_CLASS = "riskmap-flow-line"
ARROW_CLASS = "riskmap-flow-arrow"
"""CSS classes of the flow lines' and arrowheads' SVG paths."""
LEGEND_CLASS = "riskmap-flow-legend"
"""CSS class of the flow legend's box (css/legend.css)."""
DESTINATION_COLOUR = "#08519c"
MAX_CIRCLE_RADIUS = 24.0
MIN_CIRCLE_RADIUS = 4.0
MAP_CENTRE_LON = 118.0
"""Longitudes are kept within 180° of Indonesia's centre, so lines never cross the map edge."""
LABEL_CLASS = "riskmap-flow-label"
"""CSS class of the destinations' permanent labels (css/legend.css)."""
NEAR_DEGREES = 4.0
"""Destinations closer than this (degrees) get their labels on opposite sides."""
LABEL_CHAR_PX = 7.0
LABEL_EXTRA_PX = 16.0
"""Estimated label width: pixels per character of 12 px text, plus the label's padding and gap."""
FRAME_MARGIN_PX = 16.0
"""Room kept around the framed flows besides circles and labels (pixels)."""
FRAME_MAX_ZOOM = 9
"""Framing never zooms closer than this (one origin next to one destination)."""
LEGEND_SHARE = (0.42, 0.45)
"""Share of the map's width and height a legend in a corner may cover (for choosing the corner)."""
LEGEND_CORNERS: tuple[str, ...] = ("bottomleft", "topleft", "topright", "bottomright")
"""Corners tried for the flow legend, in order of preference (bottom right holds the choropleth legend)."""

LatLngBounds = tuple[tuple[float, float], tuple[float, float]]
"""((south, west), (north, east)) in degrees, as Leaflet's ``fitBounds`` takes them."""


# --------------------------------------------------------------------------- geometry


def window_longitude(lon: np.ndarray | float, centre: float = MAP_CENTRE_LON) -> np.ndarray:
    """Longitude shifted by ±360° into ``(centre - 180, centre + 180]``.

    Examples
    --------
    >>> window_longitude(np.array([104.9, -122.4, 39.2])).round(6).tolist()
    [104.9, 237.6, 39.2]
    """
    lon = np.asarray(lon, dtype=float)
    return lon + 360.0 * np.floor((centre + 180.0 - lon) / 360.0)  # adds 0 (exactly) inside the window


def _unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    lat_r, lon_r = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(lat_r) * np.cos(lon_r), np.cos(lat_r) * np.sin(lon_r), np.sin(lat_r)], axis=-1)


def great_circle_arcs(
    start_lat: Sequence[float] | np.ndarray,
    start_lon: Sequence[float] | np.ndarray,
    end_lat: Sequence[float] | np.ndarray,
    end_lon: Sequence[float] | np.ndarray,
    *,
    points: int = 48,
    bend: float = 0.12,
) -> np.ndarray:
    """Arcs from start to end, shape ``(n_arcs, points, 2)`` as (lat, lon).

    Each arc follows the great circle, bowed sideways by ``bend`` × its length at the
    middle (to the left of the direction of travel), so A → B and B → A do not overlap
    and short lines read as curves. Longitudes are continuous along each arc (they may
    leave [-180, 180] rather than jump across the map); the first point is exactly the
    start and the last exactly the end, shifted by a multiple of 360° at most.

    Examples
    --------
    >>> arc = great_circle_arcs([1.13], [104.05], [11.56], [104.93], points=5)[0]
    >>> arc[0].round(2).tolist(), arc[-1].round(2).tolist()
    ([1.13, 104.05], [11.56, 104.93])
    >>> pacific = great_circle_arcs([0.0], [170.0], [0.0], [-170.0], points=9, bend=0)[0]
    >>> pacific[:, 1].round(1).tolist()
    [170.0, 172.5, 175.0, 177.5, 180.0, 182.5, 185.0, 187.5, 190.0]
    """
    start_lat, start_lon = np.asarray(start_lat, float), np.asarray(start_lon, float)
    end_lat, end_lon = np.asarray(end_lat, float), np.asarray(end_lon, float)
    a, b = _unit_vectors(start_lat, start_lon), _unit_vectors(end_lat, end_lon)
    theta = np.arccos(np.clip(np.einsum("ij,ij->i", a, b), -1.0, 1.0))[:, None, None]
    fraction = np.linspace(0.0, 1.0, points)[None, :, None]
    sin_theta = np.sin(theta)
    tiny = sin_theta < 1e-9
    safe_sin = np.where(tiny, 1.0, sin_theta)
    weight_a = np.where(tiny, 1.0 - fraction, np.sin((1.0 - fraction) * theta) / safe_sin)
    weight_b = np.where(tiny, fraction, np.sin(fraction * theta) / safe_sin)
    path = weight_a * a[:, None, :] + weight_b * b[:, None, :]
    path /= np.linalg.norm(path, axis=-1, keepdims=True)
    if bend:
        normal = np.cross(a, b)
        norm = np.linalg.norm(normal, axis=-1, keepdims=True)
        normal = np.where(norm > 1e-12, normal / np.where(norm > 1e-12, norm, 1.0), 0.0)[:, None, :]
        offset = bend * theta * np.sin(np.pi * fraction)  # radians, zero at both ends
        path = path * np.cos(offset) + normal * np.sin(offset)
    lat = np.degrees(np.arcsin(np.clip(path[..., 2], -1.0, 1.0)))
    lon = np.degrees(np.arctan2(path[..., 1], path[..., 0]))
    lon = np.unwrap(lon, period=360.0, axis=1)
    lon += (np.round((start_lon - lon[:, 0]) / 360.0) * 360.0)[:, None]  # start exactly where given
    lat[:, 0], lat[:, -1] = start_lat, end_lat
    lon[:, 0] = start_lon
    lon[:, -1] = end_lon + np.round((lon[:, -1] - end_lon) / 360.0) * 360.0
    return np.stack([lat, lon], axis=-1)


def arrowheads(
    arcs: np.ndarray,
    *,
    length_share: float = 0.05,
    min_length: float = 0.06,
    max_length: float = 1.0,
    width_ratio: float | np.ndarray = 0.8,
    size_factor: float | np.ndarray = 1.0,
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Triangles at the end of each arc and the arcs cut back to the triangles' bases.

    Sizes are in degrees of the local plane: ``length_share`` of the arc length, within
    [``min_length``, ``max_length``], times ``size_factor`` (per arc: wider lines get larger
    heads), and never more than a third of the arc; ``width_ratio`` is the base width over
    the length. Returns ``(triangles, shafts)``: ``triangles`` of shape ``(n, 3, 2)`` (tip,
    left, right as lat, lon; the tip is the arc's end) and one shortened ``(k, 2)`` line per arc.

    Examples
    --------
    >>> arcs = great_circle_arcs([0.0], [100.0], [0.0], [110.0], points=11, bend=0)
    >>> triangles, shafts = arrowheads(arcs)
    >>> triangles[0, 0].tolist(), bool(shafts[0][-1, 1] < 110.0)
    ([0.0, 110.0], True)
    """
    scale = np.cos(np.radians(arcs[:, -1:, 0]))  # metres per degree of longitude, near the end
    planar = np.stack([arcs[..., 1] * scale, arcs[..., 0]], axis=-1)  # (x, y)
    segments = np.linalg.norm(np.diff(planar, axis=1), axis=-1)  # (n, points-1)
    total = segments.sum(axis=1)
    length = np.minimum(np.clip(length_share * total, min_length, max_length) * size_factor, total / 3.0)
    widths = np.broadcast_to(np.asarray(width_ratio, dtype=float), length.shape)
    from_end = np.concatenate([np.cumsum(segments[:, ::-1], axis=1)[:, ::-1], np.zeros((len(arcs), 1))], axis=1)
    triangles = np.zeros((len(arcs), 3, 2))
    shafts: list[np.ndarray] = []
    for index in range(len(arcs)):
        if total[index] <= 0:
            triangles[index] = arcs[index, -1]
            shafts.append(arcs[index])
            continue
        beyond = np.flatnonzero(from_end[index] >= length[index])
        cut = int(beyond[-1])  # last point still at least `length` away from the tip
        share = (from_end[index, cut] - length[index]) / max(segments[index, cut], 1e-12)
        base = planar[index, cut] + (planar[index, cut + 1] - planar[index, cut]) * share
        tip = planar[index, -1]
        direction = (tip - base) / max(np.linalg.norm(tip - base), 1e-12)
        half = 0.5 * widths[index] * length[index] * np.array([-direction[1], direction[0]])
        corners = np.array([tip, base + half, base - half])
        triangles[index, :, 0] = corners[:, 1]
        triangles[index, :, 1] = corners[:, 0] / scale[index, 0]
        triangles[index, 0] = arcs[index, -1]
        base_latlon = np.array([base[1], base[0] / scale[index, 0]])
        shafts.append(np.vstack([arcs[index, : cut + 1], base_latlon]))
    return triangles, shafts


def volume_classes(
    values: Sequence[float] | np.ndarray, classes: int = len(CLASS_WEIGHTS)
) -> tuple[np.ndarray, list[float]]:
    """Class index (0 = smallest) of each value and the upper bound of each class.

    Natural breaks (Fisher-Jenks, as for the map's classes) over the distinct values;
    with fewer distinct values than classes each value is its own class, placed at the top
    of the scale so the largest flow is always drawn the widest.

    Examples
    --------
    >>> volume_classes([812, 5, 7, 400, 30, 6])
    (array([4, 0, 1, 3, 2, 1]), [5.0, 7.0, 30.0, 400.0, 812.0])
    >>> volume_classes([10, 10, 3])
    (array([4, 4, 3]), [3.0, 10.0])
    """
    values = np.asarray(values, dtype=float)
    if len(values) == 0:
        return np.zeros(0, dtype=int), []
    distinct = np.unique(values)
    if len(distinct) <= classes:
        offset = classes - len(distinct)
        return np.searchsorted(distinct, values) + offset, distinct.tolist()
    uppers = [float(upper) for upper in classify(distinct, "natural_breaks", classes).breaks.bins]
    return np.searchsorted(np.asarray(uppers), values), uppers


# --------------------------------------------------------------------------- framing


def union_bounds(boxes: Iterable[LatLngBounds | None]) -> LatLngBounds | None:
    """The smallest bounds holding every box (``None`` boxes are skipped; ``None`` when none is left).

    Parameters
    ----------
    boxes : iterable of LatLngBounds or None
        ((south, west), (north, east)) each.

    Returns
    -------
    LatLngBounds or None

    Examples
    --------
    >>> union_bounds([((0.0, 103.0), (1.0, 104.0)), None, ((11.5, 104.9), (11.5, 104.9))])
    ((0.0, 103.0), (11.5, 104.9))
    """
    present = [box for box in boxes if box is not None]
    if not present:
        return None
    return (
        (min(box[0][0] for box in present), min(box[0][1] for box in present)),
        (max(box[1][0] for box in present), max(box[1][1] for box in present)),
    )


def flow_frame(
    lines: Mapping[str, Any], circles: Sequence[Mapping[str, Any]], origin_box: LatLngBounds | None
) -> LatLngBounds | None:
    """What a flow map shows: the origin areas, every line (with its bow) and every destination.

    Parameters
    ----------
    lines : mapping
        GeoJSON FeatureCollection of the flow lines (coordinates as lon, lat).
    circles : sequence of mapping
        Destination circles (``lat``, ``lon``).
    origin_box : LatLngBounds or None
        Bounds of the origin areas.

    Returns
    -------
    LatLngBounds or None
        ``None`` when nothing is drawn.

    Examples
    --------
    >>> line = {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[104.0, 1.1], [104.9, 11.5]]}}
    >>> flow_frame({"features": [line]}, [{"lat": 11.5, "lon": 104.9}], ((-1.5, 103.2), (4.9, 109.0)))
    ((-1.5, 103.2), (11.5, 109.0))
    """
    boxes: list[LatLngBounds | None] = [origin_box]
    for feature in lines["features"]:
        coordinates = np.asarray(feature["geometry"]["coordinates"], dtype=float)
        boxes.append(
            (
                (float(coordinates[:, 1].min()), float(coordinates[:, 0].min())),
                (float(coordinates[:, 1].max()), float(coordinates[:, 0].max())),
            )
        )
    boxes += [((circle["lat"], circle["lon"]), (circle["lat"], circle["lon"])) for circle in circles]
    return union_bounds(boxes)


def origin_area_bounds(codes: Iterable[str]) -> dict[str, LatLngBounds]:
    """Bounds of each origin area (from the display layers, as :func:`origin_points`); unknown codes left out.

    Parameters
    ----------
    codes : iterable of str
        Area codes of any level.

    Returns
    -------
    dict
        Code → ((south, west), (north, east)).
    """
    from geo import LEVELS

    groups: dict[tuple[str, str | None], set[str]] = {}
    for code in {code for code in codes if isinstance(code, str) and code}:
        level = LEVELS[min(code.count("."), len(LEVELS) - 1)]
        groups.setdefault((level, code[:2] if level in ("district", "village") else None), set()).add(code)
    bounds: dict[str, LatLngBounds] = {}
    for (level, province), group in groups.items():
        layer_bounds = _layer_bounds(level, province)
        bounds.update({code: layer_bounds[code] for code in group if code in layer_bounds})
    return bounds


@cache
def _layer_bounds(level: str, province: str | None) -> dict[str, LatLngBounds]:
    # Boundaries are static for a process: one pass over each display layer.
    from geo.data.boundaries import display_layer

    layer = display_layer(level, province)
    boxes = layer.geometry.bounds  # minx, miny, maxx, maxy
    return {
        str(code): ((round(float(row.miny), 4), round(float(row.minx), 4)), (round(float(row.maxy), 4), round(float(row.maxx), 4)))
        for code, row in zip(layer["code"], boxes.itertuples(index=False), strict=True)
        if not math.isnan(float(row.minx))
    }


def legend_corner(frame: LatLngBounds | None, origin_box: LatLngBounds | None) -> str:
    """The corner of the framed map where the flow legend covers the least of the origin areas.

    Each corner's legend is taken to cover :data:`LEGEND_SHARE` of the map's width and
    height; ties go to the earlier corner of :data:`LEGEND_CORNERS`.

    Parameters
    ----------
    frame : LatLngBounds or None
        What the map shows (:func:`flow_frame`).
    origin_box : LatLngBounds or None
        Bounds of the origin areas.

    Returns
    -------
    str
        A Leaflet control position.

    Examples
    --------
    >>> kepri, with_cambodia = ((-1.5, 103.2), (4.9, 109.0)), ((-1.5, 103.2), (13.5, 109.0))
    >>> legend_corner(with_cambodia, kepri), legend_corner(((-9.0, 95.0), (6.0, 141.0)), ((-1.0, 95.5), (5.5, 99.0)))
    ('topleft', 'bottomleft')
    """
    if frame is None or origin_box is None:
        return LEGEND_CORNERS[0]
    (south, west), (north, east) = frame
    width, height = (east - west) * LEGEND_SHARE[0], (north - south) * LEGEND_SHARE[1]
    regions = {
        "bottomleft": ((south, west), (south + height, west + width)),
        "topleft": ((north - height, west), (north, west + width)),
        "topright": ((north - height, east - width), (north, east)),
        "bottomright": ((south, east - width), (south + height, east)),
    }

    def covered(corner: str) -> float:
        (r_south, r_west), (r_north, r_east) = regions[corner]
        (o_south, o_west), (o_north, o_east) = origin_box
        overlap_lat = max(0.0, min(r_north, o_north) - max(r_south, o_south))
        overlap_lon = max(0.0, min(r_east, o_east) - max(r_west, o_west))
        return overlap_lat * overlap_lon

    return min(LEGEND_CORNERS, key=lambda corner: (covered(corner), LEGEND_CORNERS.index(corner)))


def frame_padding(circles: Sequence[Mapping[str, Any]], frame: LatLngBounds | None) -> dict[str, list[float]]:
    """Pixels kept free around the frame for the circles and the labels of destinations at its edges.

    A label counts on the side it is drawn when its destination lies in the outer quarter
    of the frame on that side (labels further in have room on the map).

    Parameters
    ----------
    circles : sequence of mapping
        Destination circles with ``lon``, ``radius``, ``label`` and ``label_direction``.
    frame : LatLngBounds or None
        The framed bounds.

    Returns
    -------
    dict
        ``paddingTopLeft`` and ``paddingBottomRight`` as [x, y] pixels (Leaflet's fitBounds options).

    Examples
    --------
    >>> circles = [{"lon": 104.9, "radius": 24.0, "label": "Phnom Penh: 812", "label_direction": "left"}]
    >>> frame_padding(circles, ((1.0, 104.9), (11.5, 106.0)))
    {'paddingTopLeft': [161.0, 40.0], 'paddingBottomRight': [40.0, 40.0]}
    """
    radius = max((float(circle["radius"]) for circle in circles), default=0.0)
    left = right = radius + FRAME_MARGIN_PX
    west, east = (frame[0][1], frame[1][1]) if frame is not None else (0.0, 0.0)
    edge = (east - west) / 4.0
    for circle in circles:
        width = float(circle["radius"]) + LABEL_EXTRA_PX + LABEL_CHAR_PX * len(html.unescape(circle["label"]))
        if circle["label_direction"] == "left" and circle["lon"] <= west + edge:
            left = max(left, width + FRAME_MARGIN_PX)
        elif circle["label_direction"] == "right" and circle["lon"] >= east - edge:
            right = max(right, width + FRAME_MARGIN_PX)
    vertical = radius + FRAME_MARGIN_PX
    return {"paddingTopLeft": [round(left, 1), vertical], "paddingBottomRight": [round(right, 1), vertical]}


# --------------------------------------------------------------------------- text


def _period_suffix(period: str | None) -> str:
    return f" ({period})" if period else ""


def _destination_label(row: Mapping[str, object] | pd.Series, language: str) -> str:
    return str(row["destination_id"] if language == "id" else row["destination"])


def tooltip_text(
    row: Mapping[str, object] | pd.Series, language: str = "id", *, unit: str = "cases", period: str | None = None
) -> str:
    """Plain (unescaped) tooltip of one flow: "Kota Batam → Phnom Penh: 812 kasus (2025)"."""
    return t(
        "flows.tooltip",
        language,
        origin=row["origin_name"],
        destination=_destination_label(row, language),
        count=format_number(float(row["count"]), language),  # type: ignore[arg-type]
        unit=t(f"flows.unit.{unit}", language),
        period=_period_suffix(period),
    )


# --------------------------------------------------------------------------- drawing


@dataclass(frozen=True)
class FlowDrawing:
    """Everything the layer draws, as plain data (testable without a browser).

    ``lines``/``arrows``: GeoJSON FeatureCollections (properties ``tooltip`` — escaped
    HTML —, ``count``, ``volume_class``, ``color``, ``weight``, ``dash``); ``circles``:
    one dict per destination (``lat``, ``lon``, ``radius``, ``tooltip`` escaped, ``count``);
    ``circles`` also carry the permanent ``label`` (escaped "name: total") and its
    ``label_direction`` (``left``/``right``, :func:`label_directions`);
    ``class_ranges``: (volume class, smallest, largest drawn count) of each class in use;
    ``missing_origin_flows``/``missing_origin_count``: flows not drawn for lack of an
    origin point, and their total count.
    """

    lines: dict[str, Any]
    arrows: dict[str, Any]
    circles: list[dict[str, Any]]
    class_ranges: list[tuple[int, float, float]]
    missing_origin_flows: int
    missing_origin_count: float
    frame: LatLngBounds | None = None
    """What the map shows: origin areas, lines and destinations (:func:`flow_frame`)."""
    origin_box: LatLngBounds | None = None
    """Bounds of the origin areas drawn (what the legend must not cover)."""


def _leg_table(
    result: FlowResult, points: Mapping[str, tuple[float, float]], language: str
) -> tuple[pd.DataFrame, int, float]:
    """One row per drawn leg: (from, to) pairs with summed counts and route notes."""
    flows = result.flows
    origin_lat = flows["origin_code"].map(lambda code: points.get(code, (np.nan, np.nan))[0]).astype(float)
    origin_lon = flows["origin_code"].map(lambda code: points.get(code, (np.nan, np.nan))[1]).astype(float)
    missing = origin_lat.isna()
    flows = flows.assign(origin_lat=origin_lat, origin_lon=origin_lon)[~missing]
    destination_label = flows["destination_id"] if language == "id" else flows["destination"]
    transit_label = flows["transit_id"] if language == "id" else flows["transit"]
    has_transit = flows["transit_lat"].notna()
    dest_lon = window_longitude(flows["lon"].to_numpy())
    transit_lon = window_longitude(flows["transit_lon"].to_numpy())
    direct = pd.DataFrame(
        {
            "from_key": "o:" + flows["origin_code"],
            "from_label": flows["origin_name"],
            "from_lat": flows["origin_lat"],
            "from_lon": flows["origin_lon"],
            # Places are keyed by label, whether transit or final destination: one line per pair of points.
            "to_key": np.where(has_transit, "p:" + transit_label.fillna(""), "p:" + destination_label.fillna("")),
            "to_label": np.where(has_transit, transit_label, destination_label),
            "to_lat": np.where(has_transit, flows["transit_lat"], flows["lat"]),
            "to_lon": np.where(has_transit, transit_lon, dest_lon),
            "transit_leg": has_transit,
            "count": flows["count"],
            "route": np.where(
                has_transit,
                flows["origin_name"].astype(str)
                + " → "
                + transit_label.fillna("").astype(str)
                + " → "
                + destination_label.astype(str),
                "",
            ),
        }
    )
    onward_rows = flows[has_transit]
    onward = pd.DataFrame(
        {
            "from_key": "p:" + (onward_rows["transit_id"] if language == "id" else onward_rows["transit"]).astype(str),
            "from_label": transit_label[has_transit],
            "from_lat": onward_rows["transit_lat"],
            "from_lon": transit_lon[has_transit.to_numpy()],
            "to_key": "p:" + destination_label[has_transit].astype(str),
            "to_label": destination_label[has_transit],
            "to_lat": onward_rows["lat"],
            "to_lon": dest_lon[has_transit.to_numpy()],
            "transit_leg": True,
            "count": onward_rows["count"],
            "route": direct["route"][has_transit.to_numpy()],
        }
    )
    legs = pd.concat([direct, onward], ignore_index=True)
    legs = legs[(legs["from_lat"] != legs["to_lat"]) | (legs["from_lon"] != legs["to_lon"])]
    grouped = (
        legs.groupby(["from_key", "to_key"], sort=False)
        .agg(
            from_label=("from_label", "first"),
            from_lat=("from_lat", "first"),
            from_lon=("from_lon", "first"),
            to_label=("to_label", "first"),
            to_lat=("to_lat", "first"),
            to_lon=("to_lon", "first"),
            transit_leg=("transit_leg", "min"),  # dashed only when every record on it is in transit
            count=("count", "sum"),
            routes=("route", lambda routes: [route for route in dict.fromkeys(routes) if route][:3]),
        )
        .reset_index()
        .sort_values("count", kind="stable")  # largest drawn last, on top
        .reset_index(drop=True)
    )
    return grouped, int(missing.sum()), float(result.flows.loc[missing.to_numpy(), "count"].sum())


def flow_drawing(
    result: FlowResult,
    points: Mapping[str, tuple[float, float]],
    language: str = "id",
    *,
    points_per_arc: int = 48,
    area_bounds: Mapping[str, LatLngBounds] | None = None,
) -> FlowDrawing:
    """Compute lines, arrowheads, destination circles and labels, and the map's frame.

    ``points`` maps origin codes to (lat, lon) — see :func:`origin_points`;
    ``area_bounds`` origin codes to their areas' bounds (:func:`origin_area_bounds`;
    default: the origin points alone frame the origins).
    """
    legs, missing_flows, missing_count = _leg_table(result, points, language)
    unit = t(f"flows.unit.{result.unit}", language)
    period = _period_suffix(result.period_label)
    classes, _ = volume_classes(legs["count"].to_numpy())
    class_ranges = [
        (
            int(volume_class),
            float(legs["count"][classes == volume_class].min()),
            float(legs["count"][classes == volume_class].max()),
        )
        for volume_class in np.unique(classes)
    ]
    line_features: list[dict[str, Any]] = []
    arrow_features: list[dict[str, Any]] = []
    if len(legs):
        arcs = great_circle_arcs(
            legs["from_lat"].to_numpy(),
            legs["from_lon"].to_numpy(),
            legs["to_lat"].to_numpy(),
            legs["to_lon"].to_numpy(),
            points=points_per_arc,
        )
        # Heads grow with the line's class, so a thick line never ends in a small head.
        weights = np.asarray(CLASS_WEIGHTS)[classes]
        triangles, shafts = arrowheads(arcs, size_factor=0.7 + 0.06 * weights, width_ratio=0.55 + 0.05 * weights)
        for index, leg in enumerate(legs.itertuples(index=False)):
            text = t(
                "flows.tooltip",
                language,
                origin=leg.from_label,
                destination=leg.to_label,
                count=format_number(leg.count, language),
                unit=unit,
                period=period,
            )
            tooltip = html_escape(text) + "".join(
                "<br>" + html_escape(t("flows.tooltip.route", language, route=route)) for route in leg.routes
            )
            volume_class = int(classes[index])
            properties = {
                "tooltip": tooltip,
                "count": float(leg.count),
                "volume_class": volume_class,
                "color": CLASS_COLOURS[volume_class],
                "weight": CLASS_WEIGHTS[volume_class],
                "dash": TRANSIT_DASH if leg.transit_leg else None,
            }
            shaft = np.round(shafts[index][:, ::-1], 4).tolist()  # GeoJSON wants (lon, lat)
            line_features.append(
                {"type": "Feature", "geometry": {"type": "LineString", "coordinates": shaft}, "properties": properties}
            )
            ring = np.round(triangles[index][:, ::-1], 4).tolist()
            arrow_features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
                    "properties": properties,
                }
            )
    circles = _destination_circles(result, language, unit, period)
    lines = {"type": "FeatureCollection", "features": line_features}
    drawn_origins = [code for code in dict.fromkeys(result.flows["origin_code"]) if code in points]
    origin_boxes = [
        (area_bounds or {}).get(code) or (points[code], points[code]) for code in drawn_origins
    ]
    origin_box = union_bounds(origin_boxes)
    return FlowDrawing(
        lines=lines,
        arrows={"type": "FeatureCollection", "features": arrow_features},
        circles=circles,
        class_ranges=class_ranges,
        missing_origin_flows=missing_flows,
        missing_origin_count=missing_count,
        frame=flow_frame(lines, circles, origin_box),
        origin_box=origin_box,
    )


def _destination_circles(result: FlowResult, language: str, unit: str, period: str) -> list[dict[str, Any]]:
    destinations = result.destinations
    if destinations.empty:
        return []
    largest = float(destinations["count"].max()) or 1.0
    circles: list[dict[str, Any]] = []
    for row in destinations.itertuples(index=False):
        label = row.destination_id if language == "id" else row.destination
        country = row.destination_country_id if language == "id" else row.destination_country
        if row.precision == "country":
            label = t("flows.country_only", language, country=country)
        elif isinstance(country, str) and country and country != label:
            label = f"{label}, {country}"
        text = t(
            "flows.destination_tooltip",
            language,
            destination=label,
            count=format_number(row.count, language),
            unit=unit,
            period=period,
        )
        circles.append(
            {
                "lat": round(float(row.lat), 4),
                "lon": round(float(window_longitude(row.lon)), 4),
                "radius": round(max(MIN_CIRCLE_RADIUS, MAX_CIRCLE_RADIUS * math.sqrt(float(row.count) / largest)), 1),
                "tooltip": html_escape(text),
                "count": float(row.count),
                "label": html_escape(destination_label_text(row, language)),
            }
        )
    directions = label_directions(
        [float(circle["lat"]) for circle in circles], [float(circle["lon"]) for circle in circles]
    )
    for circle, direction in zip(circles, directions, strict=True):
        circle["label_direction"] = direction
    return circles


def destination_label_text(row: Any, language: str = "id") -> str:
    """Plain (unescaped) permanent label of a destination: its name in ``language`` and its total.

    A destination known only by its country is labelled with the country's name.

    Parameters
    ----------
    row : pandas row (named tuple or Series)
        A row of :attr:`geo.analysis.flows.FlowResult.destinations`.
    language : str
        ``"id"`` or ``"en"``.

    Returns
    -------
    str

    Examples
    --------
    >>> row = pd.Series({"destination": "Phnom Penh", "destination_id": "Phnom Penh", "precision": "city",
    ...                  "destination_country": "Cambodia", "destination_country_id": "Kamboja", "count": 1234})
    >>> destination_label_text(row, "id"), destination_label_text(row, "en")
    ('Phnom Penh: 1.234', 'Phnom Penh: 1,234')
    >>> destination_label_text(pd.Series({**row, "precision": "country", "destination": "Cambodia"}), "id")
    'Kamboja: 1.234'
    """
    if _field(row, "precision") == "country":
        name = _field(row, "destination_country_id" if language == "id" else "destination_country")
    else:
        name = _field(row, "destination_id" if language == "id" else "destination")
    return t("flows.label", language, destination=name, count=format_number(float(_field(row, "count")), language))


def _field(row: Any, name: str) -> Any:
    return row[name] if isinstance(row, pd.Series | Mapping) else getattr(row, name)


def label_directions(lats: Sequence[float], lons: Sequence[float], *, near: float = NEAR_DEGREES) -> list[str]:
    """Side (``"left"`` or ``"right"``) of each destination's label, so close neighbours do not overlap.

    A destination whose nearest neighbour lies within ``near`` degrees is labelled on the
    side away from it (the western one of a pair to the left); a lone destination to the right.

    Parameters
    ----------
    lats, lons : sequence of float
        The destinations' positions.
    near : float
        Distance (degrees, planar) under which two labels could collide.

    Returns
    -------
    list of str

    Examples
    --------
    >>> label_directions([11.56, 11.08, 21.0], [104.93, 106.16, 39.2])  # Phnom Penh, Bavet, Jeddah
    ['left', 'right', 'right']
    """
    lat, lon = np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)
    directions = []
    for index in range(len(lat)):
        distance = np.hypot(lat - lat[index], lon - lon[index])
        distance[index] = np.inf
        nearest = int(np.argmin(distance)) if len(lat) > 1 else index
        west_of_neighbour = (lon[index], lat[index]) < (lon[nearest], lat[nearest])
        directions.append("left" if distance[nearest] <= near and west_of_neighbour else "right")
    return directions


def _line_style(feature: dict[str, Any]) -> dict[str, Any]:
    properties = feature["properties"]
    style = {
        "color": properties["color"], "weight": properties["weight"], "opacity": 0.85, "lineCap": "round",
        "className": LINE_CLASS,  # lets pages and tests find the flow lines among the map's paths
    }
    if properties.get("dash"):
        style["dashArray"] = properties["dash"]
    return style


def _arrow_style(feature: dict[str, Any]) -> dict[str, Any]:
    colour = feature["properties"]["color"]
    return {
        "color": colour, "weight": 1, "fillColor": colour, "fillOpacity": 0.95, "opacity": 0.95,
        "className": ARROW_CLASS,
    }


def flow_layer(
    result: FlowResult,
    points: Mapping[str, tuple[float, float]],
    language: str = "id",
    *,
    drawing: FlowDrawing | None = None,
    show: bool = True,
) -> folium.FeatureGroup:
    """A folium FeatureGroup with the flow lines, arrowheads and destination circles.

    Only core Leaflet objects are used (GeoJSON, CircleMarker, tooltips); every text is
    escaped. :func:`flow_overlay` adds the legend stating what is not drawn.

    Parameters
    ----------
    result : FlowResult
        The flows.
    points : mapping
        Origin code → (lat, lon).
    language : str
        ``"id"`` or ``"en"``.
    drawing : FlowDrawing, optional
        Already computed by :func:`flow_drawing`.
    show : bool
        Whether the group is shown when the map opens.

    Returns
    -------
    folium.FeatureGroup
    """
    drawing = drawing or flow_drawing(result, points, language)
    group = folium.FeatureGroup(name=t("flows.layer_name", language), show=show)
    for circle in drawing.circles:
        folium.CircleMarker(
            location=[circle["lat"], circle["lon"]],
            radius=circle["radius"],
            color=DESTINATION_COLOUR,
            weight=1.5,
            fill=True,
            fill_color=DESTINATION_COLOUR,
            fill_opacity=0.25,
            tooltip=folium.Tooltip(circle["tooltip"], sticky=True),
        ).add_to(group)
        # The name and total stay on the map (a second, invisible marker: a layer has one tooltip).
        gap = circle["radius"] + 2
        folium.CircleMarker(
            location=[circle["lat"], circle["lon"]], radius=0, opacity=0, fill=False, interactive=False,
        ).add_child(
            folium.Tooltip(
                circle["label"], sticky=False, permanent=True, direction=circle["label_direction"],
                offset=[gap if circle["label_direction"] == "right" else -gap, 0], className=LABEL_CLASS,
                interactive=False, style="white-space: nowrap; font-weight: 600",
            )
        ).add_to(group)
    if drawing.lines["features"]:
        folium.GeoJson(
            drawing.lines,
            name="flow-lines",
            style_function=_line_style,
            tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False, sticky=True),
            embed=True,
            control=False,
        ).add_to(group)
        folium.GeoJson(
            drawing.arrows,
            name="flow-arrows",
            style_function=_arrow_style,
            tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False, sticky=True),
            embed=True,
            control=False,
        ).add_to(group)
    return group


def legend_html(result: FlowResult, drawing: FlowDrawing, language: str = "id") -> str:
    """Legend of the flow layer as escaped HTML: classes, what is drawn, what is not."""
    unit = t(f"flows.unit.{result.unit}", language)
    parts = [f"<strong>{html_escape(t('flows.legend.title', language, unit=unit))}</strong>"]
    for volume_class, smallest, largest in drawing.class_ranges:
        label = format_number(largest, language)
        if smallest != largest:
            label = f"{format_number(smallest, language)} – {label}"
        # Height and colour are the class's line (data); the rest of the look is css/legend.css.
        parts.append(
            f'<div><span class="riskmap-flow-swatch" style="height:{CLASS_WEIGHTS[volume_class]:.0f}px;'
            f'background:{CLASS_COLOURS[volume_class]}"></span>{html_escape(label)}</div>'
        )
    drawn = len(result.flows) - drawing.missing_origin_flows
    notes = [
        t(
            "flows.legend.shown",
            language,
            shown=format_number(drawn, language),
            total=format_number(result.flow_count, language),
        )
    ]
    dropped = result.unresolved[
        (result.unresolved["role"] == "destination") & (result.unresolved["reason"] != "country_only")
    ]
    # What was left off the map, each as (string key, name of its first number, that number, cases).
    left_out = [
        ("flows.legend.rest", "flows", result.rest_flows, result.rest_count),
        ("flows.legend.below_minimum", "flows", result.below_minimum_flows, result.below_minimum_count),
        ("flows.legend.unresolved", "records", dropped["records"].sum(), dropped["count"].sum()),
        ("flows.legend.no_origin_point", "flows", drawing.missing_origin_flows, drawing.missing_origin_count),
    ]
    for key, first_name, first, count in left_out:
        if first:
            values = {first_name: format_number(first, language), "count": format_number(count, language)}
            notes.append(t(key, language, unit=unit, **values))
    if result.suppressed_flows:  # disclosure control: how many, never how much
        notes.append(t("flows.legend.suppressed", language, unit=unit, flows=format_number(result.suppressed_flows, language),
                       threshold=result.disclosure_threshold))
    notes.append(t("flows.legend.circles", language))
    if any(feature["properties"]["dash"] for feature in drawing.lines["features"]):
        notes.append(t("flows.legend.transit", language))
    parts += [f'<div class="riskmap-legend-note">{html_escape(note)}</div>' for note in notes]
    return "".join(parts)


def flow_overlay(
    result: FlowResult,
    language: str = "id",
    points: Mapping[str, tuple[float, float]] | None = None,
    area_bounds: Mapping[str, LatLngBounds] | None = None,
) -> tuple[folium.FeatureGroup, FlowDrawing]:
    """The flow lines, arrowheads, destination circles, labels and legend as one feature group.

    The legend (:func:`legend_html`) is shown while the group is on the map, so the group
    can be passed to ``st_folium(feature_group_to_add=...)`` and switched on and off
    without resending the areas. It sits in the corner that covers the least of the origin
    areas (:func:`legend_corner`). When the group is added the map is fitted once to the
    origins and destinations (:class:`FlowFrame`), with room for circles and labels.

    Parameters
    ----------
    result : FlowResult
        From :func:`geo.analysis.flows.aggregate_flows`.
    language : str
        ``"id"`` or ``"en"``.
    points : mapping, optional
        Origin code → (lat, lon); default :func:`geo.analysis.flows.origin_points` (needs boundaries).
    area_bounds : mapping, optional
        Origin code → bounds of its area; default with ``points`` omitted:
        :func:`origin_area_bounds`, else the origin points alone.

    Returns
    -------
    tuple of (folium.FeatureGroup, FlowDrawing)
        The group and what it draws.
    """
    from geo.web.render import add_group_legend

    if points is None:
        points = origin_points(result.flows["origin_code"])
        area_bounds = area_bounds if area_bounds is not None else origin_area_bounds(result.flows["origin_code"])
    drawing = flow_drawing(result, points, language, area_bounds=area_bounds)
    group = flow_layer(result, points, language, drawing=drawing)
    position = legend_corner(drawing.frame, drawing.origin_box)
    add_group_legend(group, legend_html(result, drawing, language), css_class=LEGEND_CLASS, position=position)
    if drawing.frame is not None:
        group.add_child(FlowFrame(drawing.frame, frame_padding(drawing.circles, drawing.frame)))
    return group, drawing


def add_flow_layer(
    map_: folium.Map,
    result: FlowResult,
    points: Mapping[str, tuple[float, float]] | None = None,
    language: str = "id",
) -> FlowDrawing:
    """Add the flow layer and its legend (:func:`flow_overlay`) to a folium Map; return what was drawn.

    Parameters
    ----------
    map_ : folium.Map
        The map (e.g. the standalone export's).
    result : FlowResult
        The flows.
    points : mapping, optional
        Origin code → (lat, lon); default :func:`geo.analysis.flows.origin_points`.
    language : str
        ``"id"`` or ``"en"``.

    Returns
    -------
    FlowDrawing
    """
    group, drawing = flow_overlay(result, language, points)
    group.add_to(map_)
    return drawing


def flow_bounds(drawing: FlowDrawing) -> list[list[float]] | None:
    """[[south, west], [north, east]] of the flow map's frame (origin areas, lines, destinations).

    Parameters
    ----------
    drawing : FlowDrawing
        What is drawn.

    Returns
    -------
    list or None
        ``None`` when nothing is drawn.
    """
    frame = drawing.frame or flow_frame(drawing.lines, drawing.circles, drawing.origin_box)
    return None if frame is None else [list(frame[0]), list(frame[1])]


class FlowFrame(ScriptElement):
    """Fits the map to the flows once when their group is added (``js/flow_frame.js``).

    Once per frame and map: a rerun that re-adds the same flows (a new colour scheme on the
    Map page) keeps the user's centre and zoom; new flows, or flows switched on again, are framed.

    Parameters
    ----------
    frame : LatLngBounds
        ((south, west), (north, east)) to show.
    padding : mapping
        ``paddingTopLeft``/``paddingBottomRight`` in pixels (:func:`frame_padding`).
    """

    script_files: ClassVar[tuple[str, ...]] = ("flow_frame.js",)
    function: ClassVar[str] = "riskmapFlowFrame"

    def __init__(self, frame: LatLngBounds, padding: Mapping[str, list[float]]) -> None:
        super().__init__()
        self._name = "FlowFrame"
        self.options = script_json({"bounds": [list(frame[0]), list(frame[1])], "maxZoom": FRAME_MAX_ZOOM, **padding})

    def arguments(self) -> Sequence[str]:
        """The bounds, padding and largest zoom."""
        return (self.options,)
