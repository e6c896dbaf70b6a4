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

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import numpy as np
import pandas as pd

from geo.analysis.classify import classify
from geo.analysis.flows import FlowResult, origin_points
from geo.i18n import format_number, t
from geo.web.escape import html_escape

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
) -> FlowDrawing:
    """Compute lines, arrowheads and destination circles of ``result``.

    ``points`` maps origin codes to (lat, lon) — see :func:`origin_points`.
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
    return FlowDrawing(
        lines={"type": "FeatureCollection", "features": line_features},
        arrows={"type": "FeatureCollection", "features": arrow_features},
        circles=circles,
        class_ranges=class_ranges,
        missing_origin_flows=missing_flows,
        missing_origin_count=missing_count,
    )


def _destination_circles(result: FlowResult, language: str, unit: str, period: str) -> list[dict[str, Any]]:
    destinations = result.destinations
    if destinations.empty:
        return []
    largest = float(destinations["count"].max()) or 1.0
    circles = []
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
            }
        )
    return circles


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
) -> tuple[folium.FeatureGroup, FlowDrawing]:
    """The flow lines, arrowheads, destination circles and their legend as one feature group.

    The legend (:func:`legend_html`) is shown while the group is on the map, so the group
    can be passed to ``st_folium(feature_group_to_add=...)`` and switched on and off
    without resending the areas.

    Parameters
    ----------
    result : FlowResult
        From :func:`geo.analysis.flows.aggregate_flows`.
    language : str
        ``"id"`` or ``"en"``.
    points : mapping, optional
        Origin code → (lat, lon); default :func:`geo.analysis.flows.origin_points` (needs boundaries).

    Returns
    -------
    tuple of (folium.FeatureGroup, FlowDrawing)
        The group and what it draws.
    """
    from geo.web.render import add_group_legend

    if points is None:
        points = origin_points(result.flows["origin_code"])
    drawing = flow_drawing(result, points, language)
    group = flow_layer(result, points, language, drawing=drawing)
    add_group_legend(group, legend_html(result, drawing, language), css_class=LEGEND_CLASS)
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
    """[[south, west], [north, east]] around every line and circle (for ``fit_bounds``)."""
    lats: list[float] = []
    lons: list[float] = []
    for feature in drawing.lines["features"]:
        coordinates = np.asarray(feature["geometry"]["coordinates"])
        lons += [float(coordinates[:, 0].min()), float(coordinates[:, 0].max())]
        lats += [float(coordinates[:, 1].min()), float(coordinates[:, 1].max())]
    for circle in drawing.circles:
        lats.append(circle["lat"])
        lons.append(circle["lon"])
    if not lats:
        return None
    return [[min(lats), min(lons)], [max(lats), max(lons)]]
