"""Origin → destination flows: aggregation, arc geometry and a folium layer.

Records (one row per case, or aggregated counts) name an origin area by its Kemendagri
code, a destination (city and/or country text, or coordinates), optionally a transit
place and a period, and a count. :func:`aggregate_flows` rolls them up to any origin level
(a village code ``21.71.01.1001`` belongs to regency ``21.71`` and province ``21``), filters
them, and keeps the top N flows, summing and reporting the rest. :func:`flow_layer` draws
the result with core Leaflet objects only (GeoJSON lines and polygons, circle markers):
great-circle arcs that never wrap across the antimeridian, arrowheads as polygons at the
destination end, width and colour by volume class, and proportional circles for the
destination totals.

Examples
--------
>>> records = pd.DataFrame({
...     "area_code": ["21.71.01.1001", "21.71.02.1003", "21.01.01.2001"],
...     "destination_city": ["Phnom Penh", "phnom penh", "Johor Baru"],
...     "destination_country": ["Kamboja", "Cambodia", None],
...     "period": ["2025", "2025", "2024"],
...     "count": [3, 2, 1],
... })
>>> names = {"21.71": "Kota Batam", "21.01": "Kabupaten Bintan"}
>>> result = aggregate_flows(records, level="regency", origin_names=names, audience="analyst")
>>> result.flows[["origin_name", "destination", "count"]].values.tolist()
[['Kota Batam', 'Phnom Penh', 5.0], ['Kabupaten Bintan', 'Johor Bahru', 1.0]]
>>> tooltip_text(result.flows.iloc[0], "id", unit="cases", period=result.period_label)
'Kota Batam → Phnom Penh: 5 kasus (2024–2025)'
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from geo import LEVELS
from geo.analysis.disclosure import PUBLIC, check_audience, check_threshold, default_threshold, suppress_two_way
from geo.analysis.classify import classify
from geo.analysis.periods import years_label
from geo.data.codes import CODE_LENGTHS
from geo.data.gazetteer import Place, normalize_name, resolve_country, resolve_frame, resolve_place
from geo.errors import FlowDataError
from geo.i18n import format_number, t

DEFAULT_TOP = 50
"""Flows drawn by default; the rest are summed and stated in the legend."""

"""Length of a dotted code at each level ("21", "21.71", "21.71.01", "21.71.01.1001")."""

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "origin_code": ("origin_code", "area_code", "code", "kode_wilayah"),
    "destination_city": ("destination_city", "city", "kota_tujuan"),
    "destination_country": ("destination_country", "country", "negara_tujuan"),
    "destination_lat": ("destination_lat", "destination_latitude", "lat", "latitude"),
    "destination_lon": ("destination_lon", "destination_longitude", "lon", "lng", "longitude"),
    "transit": ("transit", "transit_city", "transit_place"),
    "transit_country": ("transit_country",),
    "period": ("period", "year", "tahun"),
    "count": ("count", "jumlah", "victims"),
}
"""Accepted column names per field, preferred first."""

FLOW_COLUMNS: tuple[str, ...] = (
    "origin_code",
    "origin_name",
    "transit",
    "transit_id",
    "transit_lat",
    "transit_lon",
    "destination",
    "destination_id",
    "destination_country_code",
    "destination_country",
    "destination_country_id",
    "lat",
    "lon",
    "precision",
    "count",
    "records",
)
"""Columns of :attr:`FlowResult.flows` (``lat``/``lon`` are the destination's)."""

# Volume classes: line weights (px) and colours (ColorBrewer OrRd 6, darkest five, so the
# faintest class still shows on a light basemap).
CLASS_WEIGHTS: tuple[float, ...] = (2.0, 3.5, 5.0, 7.0, 9.5)
CLASS_COLOURS: tuple[str, ...] = ("#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000")
TRANSIT_DASH = "8 6"
LINE_CLASS = "riskmap-flow-line"
ARROW_CLASS = "riskmap-flow-arrow"
"""CSS classes of the flow lines' and arrowheads' SVG paths."""
DESTINATION_COLOUR = "#08519c"
MAX_CIRCLE_RADIUS = 24.0
MIN_CIRCLE_RADIUS = 4.0
MAP_CENTRE_LON = 118.0
"""Longitudes are kept within 180° of Indonesia's centre, so lines never cross the map edge."""


# --------------------------------------------------------------------------- records


def standardise_records(records: pd.DataFrame) -> pd.DataFrame:
    """Canonical columns (see :data:`COLUMN_ALIASES`) from a records frame.

    ``count`` defaults to 1 per row (case-level data); periods become text ("2025",
    "2025-03"). Raises :class:`FlowDataError` when there is no origin column or nothing
    that names a destination.

    Examples
    --------
    >>> standardise_records(pd.DataFrame({"code": ["21.71"], "country": ["Kamboja"]})).iloc[0].to_dict()
    {'origin_code': '21.71', 'destination_city': None, 'destination_country': 'Kamboja', 'destination_lat': nan, 'destination_lon': nan, 'transit': None, 'transit_country': None, 'period': None, 'count': 1.0}
    """
    columns = {str(column).strip().lower(): column for column in records.columns}
    found: dict[str, object] = {}
    for canonical, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            if alias in columns:
                found[canonical] = columns[alias]
                break
    if "origin_code" not in found:
        raise FlowDataError(
            "The records have no origin area column: expected one of "
            f"{', '.join(COLUMN_ALIASES['origin_code'])} (columns present: {', '.join(map(str, records.columns))})."
        )
    if not {"destination_city", "destination_country", "destination_lat"} & found.keys():
        raise FlowDataError(
            "The records name no destination: expected a destination_country or destination_city column "
            f"(or destination_lat/destination_lon); columns present: {', '.join(map(str, records.columns))}."
        )
    frame = pd.DataFrame(index=records.index)
    frame["origin_code"] = records[found["origin_code"]].astype("string").str.strip().astype(object)
    for name in (
        "destination_city",
        "destination_country",
        "destination_lat",
        "destination_lon",
        "transit",
        "transit_country",
    ):
        if name in ("destination_lat", "destination_lon"):
            frame[name] = pd.to_numeric(records[found[name]], errors="coerce") if name in found else np.nan
        else:
            frame[name] = records[found[name]].astype(object) if name in found else None
    frame["period"] = _period_text(records[found["period"]]) if "period" in found else None
    if "count" in found:
        counts = pd.to_numeric(records[found["count"]], errors="coerce")
        if counts.isna().any() or (counts < 0).any():
            bad = int(np.flatnonzero((counts.isna() | (counts < 0)).to_numpy())[0])
            raise FlowDataError(
                f"Row {bad + 1} of the records has count {records[found['count']].iloc[bad]!r}: counts must be "
                "numbers of zero or more."
            )
        frame["count"] = counts.astype(float)
    else:
        frame["count"] = 1.0
    return frame.reset_index(drop=True)


def _period_text(values: pd.Series) -> pd.Series:
    """Periods as sortable text: years "2025", months "2025-03", dates "2025-03-15"."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.strftime("%Y-%m-%d").astype(object).where(values.notna(), None)
    if pd.api.types.is_numeric_dtype(values):
        return values.map(
            lambda value: None if pd.isna(value) else str(int(value)) if float(value).is_integer() else str(value)
        )
    return values.map(lambda value: None if value is None or pd.isna(value) else str(value).strip() or None)


def _within_period(periods: pd.Series, period_from: str | None, period_to: str | None) -> pd.Series:
    """Keep periods that overlap [from, to]; "2025-03" lies within "2025", and a year
    "2025" lies within a range ending "2025-06" (the comparison uses the common prefix).
    """
    keep = pd.Series(True, index=periods.index)
    text = periods.fillna("")
    if period_from:
        keep &= periods.notna() & (text.str.slice(0, len(period_from)) >= period_from)
    if period_to:
        keep &= periods.notna() & (text.str.slice(0, len(period_to)) <= period_to)
    return keep


# --------------------------------------------------------------------------- aggregation


def _empty_unresolved() -> pd.DataFrame:
    return pd.DataFrame(columns=["role", "text", "reason", "records", "count"])


@dataclass(frozen=True)
class FlowResult:
    """Aggregated flows and an account of every record that is not drawn.

    ``flows``: the top-N flows, largest first (columns :data:`FLOW_COLUMNS`).
    ``destinations``: totals per destination over all flows that passed the filters
    (before minimum and top-N), for proportional circles.
    ``unresolved``: records whose destination (or transit) text could not be placed, or
    was placed at country level because the city is unknown — columns ``role``, ``text``,
    ``reason``, ``records``, ``count``.
    ``above_level``: records whose origin code is coarser than ``level`` (e.g. a regency
    code in a village view), or missing (``origin_code`` ""), — columns ``origin_code``,
    ``records``, ``count``.
    ``suppressed_flows``: flows hidden from a public audience (below ``disclosure_threshold``,
    or hidden with them so that no origin or destination total gives one away); they are
    in no other number of the result (``flows``, ``destinations``, totals, rest, minimum).
    """

    flows: pd.DataFrame
    destinations: pd.DataFrame
    level: str
    within: str | None
    unit: str
    period_label: str | None
    total_records: int
    total_count: float
    flow_count: int
    rest_flows: int = 0
    rest_count: float = 0.0
    below_minimum_flows: int = 0
    below_minimum_count: float = 0.0
    unresolved: pd.DataFrame = field(default_factory=lambda: _empty_unresolved())
    above_level: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["origin_code", "records", "count"]))
    suppressed_flows: int = 0
    disclosure_threshold: int | None = None

    @property
    def unresolved_count(self) -> float:
        """Count of records not drawn because their destination is unknown."""
        dropped = self.unresolved[
            (self.unresolved["role"] == "destination") & (self.unresolved["reason"] != "country_only")
        ]
        return float(dropped["count"].sum())


def _destination_filter_mask(
    resolved: pd.DataFrame, countries: Sequence[str] | None, cities: Sequence[str] | None
) -> pd.Series:
    keep = pd.Series(True, index=resolved.index)
    if countries:
        codes = set()
        for text in countries:
            match = resolve_country(text)
            if match is None:
                raise FlowDataError(f"Destination country filter {text!r} is not a country name or ISO code.")
            codes.add(match[0])
        keep &= resolved["dest_country_code"].isin(codes)
    if cities:
        keys = set()
        for text in cities:
            keys.add(normalize_name(text))
            place = resolve_place(text, None)
            if isinstance(place, Place):
                keys.add(normalize_name(place.name))
        names = resolved["dest_name"].fillna("").map(normalize_name)
        names_id = resolved["dest_name_id"].fillna("").map(normalize_name)
        # A country-level point sits at the capital but is not that city: never matched by a city filter.
        keep &= (names.isin(keys) | names_id.isin(keys)) & (resolved["dest_precision"] != "country")
    return keep


def _summarise_unresolved(frame: pd.DataFrame, prefix: str, role: str, city: str, country: str) -> list[pd.DataFrame]:
    pieces = []
    problem = frame[prefix + "problem"]
    failed = frame[problem.notna()]
    if len(failed):
        text = (
            failed[city]
            .fillna("")
            .astype(str)
            .str.cat(failed[country].fillna("").astype(str), sep=", ")
            .str.strip(", ")
        )
        pieces.append(
            pd.DataFrame({"role": role, "text": text, "reason": failed[prefix + "problem"], "count": failed["count"]})
        )
    partial = frame[problem.isna() & frame[prefix + "unresolved_city"].notna()]
    if len(partial):
        text = (
            partial[city]
            .fillna("")
            .astype(str)
            .str.cat(partial[country].fillna("").astype(str), sep=", ")
            .str.strip(", ")
        )
        pieces.append(pd.DataFrame({"role": role, "text": text, "reason": "country_only", "count": partial["count"]}))
    return pieces


def aggregate_flows(
    records: pd.DataFrame,
    *,
    level: str = "regency",
    within: str | None = None,
    destination_countries: Sequence[str] | None = None,
    destination_cities: Sequence[str] | None = None,
    period_from: str | None = None,
    period_to: str | None = None,
    min_count: float = 0,
    top: int | None = DEFAULT_TOP,
    by_transit: bool = True,
    origin_names: Mapping[str, str] | Callable[[str], str] | None = None,
    unit: str = "cases",
    audience: str = PUBLIC,
    threshold: int | None = None,
) -> FlowResult:
    """Roll records up to origin ``level`` → destination (→ via transit) flows.

    Parameters
    ----------
    records
        Rows with an origin code column and destination text/coordinates; see
        :data:`COLUMN_ALIASES` for accepted names. ``count`` defaults to 1 per row.
    level
        Origin level: province, regency, district or village.
    within
        Keep origins inside this area code (itself or below it).
    destination_countries, destination_cities
        Keep these destinations (names in Indonesian or English, or ISO codes).
    period_from, period_to
        Inclusive period range ("2024", "2025-06").
    min_count
        Flows below this total are hidden (and reported).
    top
        Keep the ``top`` largest flows (``None``: all); the rest are summed and reported.
    by_transit
        Keep transit places apart (origin → transit → destination); ``False`` sums over them.
    origin_names
        Mapping or function code → name; defaults to the Kepmendagri code list.
    unit
        ``"cases"`` or ``"migrants"``: how counts are named in tooltips and the legend.
    audience
        ``"public"`` (default): flows with ``0 < count < threshold`` are hidden, with
        complementary flows so that neither an origin's total (shown on the map) nor a
        destination's total gives one away (:func:`geo.analysis.disclosure.suppress_two_way`);
        destination totals and every other number are then sums of visible flows only.
        ``"analyst"``: every flow.
    threshold
        Disclosure threshold of the dataset; default: the kind's (cases 10, migrants 5).

    Examples
    --------
    >>> records = pd.DataFrame({"area_code": ["21.71.01.1001", "21.71.01.1002", "21.71"],
    ...                         "destination_country": ["Kamboja", "Malaysia", "Kamboja"], "count": [4, 1, 2]})
    >>> result = aggregate_flows(records, level="district", top=1, origin_names={"21.71.01": "Batam Kota"},
    ...                          audience="analyst")
    >>> result.flows[["origin_code", "destination", "count"]].values.tolist()
    [['21.71.01', 'Cambodia', 4.0]]
    >>> result.rest_flows, result.rest_count, result.above_level["count"].tolist()
    (1, 1.0, [2.0])
    >>> public = aggregate_flows(records, level="district")   # 4 and 1 cases: below 10, never sent
    >>> len(public.flows), public.suppressed_flows, public.total_count
    (0, 2, 0.0)
    """
    if level not in CODE_LENGTHS:
        raise FlowDataError(f"Unknown origin level {level!r}: use one of {', '.join(LEVELS)}.")
    frame = standardise_records(records)
    total_records = len(frame)
    if within:
        codes = frame["origin_code"].fillna("")
        frame = frame[(codes == within) | codes.str.startswith(within + ".")]
    frame = frame[_within_period(frame["period"], period_from, period_to)]

    width = CODE_LENGTHS[level]
    code_length = frame["origin_code"].fillna("").str.len()
    above = frame[code_length < width].assign(origin_code=lambda rows: rows["origin_code"].fillna(""))
    above_level = (
        above.groupby("origin_code", sort=True)["count"]
        .agg(["size", "sum"])
        .reset_index()
        .rename(columns={"size": "records", "sum": "count"})
    )
    frame = frame[code_length >= width].copy()
    frame["origin_code"] = frame["origin_code"].str.slice(0, width)

    frame = resolve_frame(frame)
    unresolved_pieces = _summarise_unresolved(frame, "dest_", "destination", "destination_city", "destination_country")
    frame = frame[frame["dest_problem"].isna()]
    frame = frame[_destination_filter_mask(frame, destination_countries, destination_cities)]

    has_transit = by_transit and frame["transit"].notna().any()
    if has_transit:
        frame = resolve_frame(
            frame,
            city_column="transit",
            country_column="transit_country",
            lat_column=None,
            lon_column=None,
            prefix="transit_",
        )
        transit_problem = frame["transit_problem"].where(frame["transit_problem"] != "empty")
        unresolved_pieces += _summarise_unresolved(
            frame.assign(transit_problem=transit_problem), "transit_", "transit", "transit", "transit_country"
        )
    else:
        for column in ("name", "name_id"):
            frame["transit_" + column] = None
        frame["transit_lat"] = np.nan
        frame["transit_lon"] = np.nan

    label = years_label(frame["period"].dropna().unique())
    group_columns = [
        "origin_code",
        "transit_name",
        "transit_name_id",
        "transit_lat",
        "transit_lon",
        "dest_name",
        "dest_name_id",
        "dest_country_code",
        "dest_country_name",
        "dest_country_name_id",
        "dest_lat",
        "dest_lon",
        "dest_precision",
    ]
    grouped = (
        frame.groupby(group_columns, dropna=False, sort=False)["count"]
        .agg(["sum", "size"])
        .reset_index()
        .rename(columns={"sum": "count", "size": "records"})
    )
    grouped["dest_label"] = np.where(
        grouped["dest_precision"] == "country", grouped["dest_country_name"], grouped["dest_name"]
    )
    grouped["dest_label_id"] = np.where(
        grouped["dest_precision"] == "country", grouped["dest_country_name_id"], grouped["dest_name_id"]
    )
    flows = pd.DataFrame(
        {
            "origin_code": grouped["origin_code"].astype(object),
            "origin_name": None,
            "transit": grouped["transit_name"].astype(object).where(grouped["transit_name"].notna(), None),
            "transit_id": grouped["transit_name_id"].astype(object).where(grouped["transit_name_id"].notna(), None),
            "transit_lat": grouped["transit_lat"].astype(float),
            "transit_lon": grouped["transit_lon"].astype(float),
            "destination": grouped["dest_label"].astype(object),
            "destination_id": grouped["dest_label_id"].astype(object),
            "destination_country_code": grouped["dest_country_code"].astype(object),
            "destination_country": grouped["dest_country_name"].astype(object),
            "destination_country_id": grouped["dest_country_name_id"].astype(object),
            "lat": grouped["dest_lat"].astype(float),
            "lon": grouped["dest_lon"].astype(float),
            "precision": grouped["dest_precision"].astype(object),
            "count": grouped["count"].astype(float),
            "records": grouped["records"].astype(int),
        }
    )
    flows, suppressed_flows, threshold = _suppress_small_flows(flows, audience, threshold, unit)
    destinations = (
        flows.groupby(
            [
                "destination",
                "destination_id",
                "destination_country_code",
                "destination_country",
                "destination_country_id",
                "lat",
                "lon",
                "precision",
            ],
            dropna=False,
            sort=False,
        )
        .agg(count=("count", "sum"), origins=("origin_code", "nunique"))
        .reset_index()
        .sort_values(["count", "destination"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )
    flow_count = len(flows)
    total_count = float(flows["count"].sum())

    below = flows["count"] < min_count
    below_minimum_flows, below_minimum_count = int(below.sum()), float(flows.loc[below, "count"].sum())
    flows = flows[~below]
    flows = flows.sort_values(
        ["count", "origin_code", "destination", "transit"],
        ascending=[False, True, True, True],
        kind="stable",
        na_position="first",
    )
    rest = flows.iloc[top:] if top is not None else flows.iloc[0:0]
    flows = flows.iloc[:top] if top is not None else flows
    flows = flows.reset_index(drop=True)
    flows["origin_name"] = [_origin_name(code, origin_names) for code in flows["origin_code"]]

    unresolved = (
        pd.concat(unresolved_pieces, ignore_index=True)
        .groupby(["role", "text", "reason"], sort=False)["count"]
        .agg(["size", "sum"])
        .reset_index()
        .rename(columns={"size": "records", "sum": "count"})
        .sort_values(["count", "text"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
        if unresolved_pieces
        else _empty_unresolved()
    )
    return FlowResult(
        flows=flows[list(FLOW_COLUMNS)],
        destinations=destinations,
        level=level,
        within=within,
        unit=unit,
        period_label=label,
        total_records=total_records,
        total_count=total_count,
        flow_count=flow_count,
        rest_flows=len(rest),
        rest_count=float(rest["count"].sum()),
        below_minimum_flows=below_minimum_flows,
        below_minimum_count=below_minimum_count,
        unresolved=unresolved,
        above_level=above_level,
        suppressed_flows=suppressed_flows,
        disclosure_threshold=threshold,
    )


def _suppress_small_flows(
    flows: pd.DataFrame, audience: str, threshold: int | None, unit: str
) -> tuple[pd.DataFrame, int, int | None]:
    """(visible flows, number hidden, threshold applied; None for analysts)."""
    if check_audience(audience) != PUBLIC:
        return flows, 0, None
    limit = default_threshold("migration" if unit == "migrants" else "cases") if threshold is None else threshold
    limit = check_threshold(limit)
    if flows.empty:
        return flows, 0, limit
    # A destination is the place and its country (two "Johor Bahru" rows never merge).
    destination = flows["destination"].astype(str) + "|" + flows["destination_country_code"].astype(str)
    hidden = suppress_two_way(flows["count"], flows["origin_code"].astype(str), destination, limit)
    return flows[~hidden.to_numpy()], int(hidden.sum()), limit


def _origin_name(code: str, origin_names: Mapping[str, str] | Callable[[str], str] | None) -> str:
    if origin_names is None:
        origin_names = _code_list_names()
    try:
        name = origin_names(code) if callable(origin_names) else origin_names.get(code)
    except Exception:  # an unknown code keeps its code as label  # noqa: BLE001
        name = None
    return str(name) if name else code


def _code_list_names() -> Callable[[str], str | None]:
    try:
        from geo.data.codes import CodeList

        codes = CodeList.load()
    except Exception:  # no mirror/download available: label origins by their code  # noqa: BLE001
        return lambda code: None
    return lambda code: codes.name(code) if code in codes else None


# --------------------------------------------------------------------------- origin points


def origin_points(codes: Iterable[str]) -> dict[str, tuple[float, float]]:
    """(lat, lon) of a representative point inside each origin area, from the display layer.

    Areas are looked up per (level, province) display layer, so village origins of
    several provinces work. Codes without a polygon are left out (the layer reports them).
    """
    wanted = {code for code in codes if isinstance(code, str) and code}
    points: dict[str, tuple[float, float]] = {}
    groups: dict[tuple[str, str | None], set[str]] = {}
    for code in wanted:
        level = LEVELS[min(code.count("."), len(LEVELS) - 1)]
        groups.setdefault((level, code[:2] if level in ("district", "village") else None), set()).add(code)
    for (level, province), group in groups.items():
        layer_points = _layer_points(level, province)
        points.update({code: layer_points[code] for code in group if code in layer_points})
    return points


@cache
def _layer_points(level: str, province: str | None) -> dict[str, tuple[float, float]]:
    from geo.data.boundaries import display_layer

    layer = display_layer(level, province)
    representative = layer.geometry.representative_point()
    return {
        str(code): (round(float(point.y), 5), round(float(point.x), 5))
        for code, point in zip(layer["code"], representative, strict=True)
        if point is not None and not point.is_empty
    }


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


def safe_html(text: object) -> str:
    """Escape text for HTML and for the JavaScript template literals folium writes tooltips into.

    Examples
    --------
    >>> safe_html("<img src=x onerror=alert(1)> `${x}`")
    '&lt;img src=x onerror=alert(1)&gt; &#96;&#36;{x}&#96;'
    """
    escaped = html.escape(str(text), quote=True)
    return escaped.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


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

    lines: dict
    arrows: dict
    circles: list[dict]
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
    line_features: list[dict] = []
    arrow_features: list[dict] = []
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
            tooltip = safe_html(text) + "".join(
                "<br>" + safe_html(t("flows.tooltip.route", language, route=route)) for route in leg.routes
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


def _destination_circles(result: FlowResult, language: str, unit: str, period: str) -> list[dict]:
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
                "tooltip": safe_html(text),
                "count": float(row.count),
            }
        )
    return circles


def _line_style(feature: dict) -> dict:
    properties = feature["properties"]
    style = {
        "color": properties["color"], "weight": properties["weight"], "opacity": 0.85, "lineCap": "round",
        "className": LINE_CLASS,  # lets pages and tests find the flow lines among the map's paths
    }
    if properties.get("dash"):
        style["dashArray"] = properties["dash"]
    return style


def _arrow_style(feature: dict) -> dict:
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
):  # -> folium.FeatureGroup (folium imported lazily: the CLI does not need it)
    """A folium FeatureGroup with the flow lines, arrowheads and destination circles.

    Only core Leaflet objects are used (GeoJSON, CircleMarker, tooltips); every text is
    escaped. Add :func:`flow_legend` to the map as well to state what is not drawn.
    """
    import folium

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
        tooltip_fields = dict(fields=["tooltip"], labels=False, sticky=True)
        folium.GeoJson(
            drawing.lines,
            name="flow-lines",
            style_function=_line_style,
            tooltip=folium.GeoJsonTooltip(**tooltip_fields),
            embed=True,
            control=False,
        ).add_to(group)
        folium.GeoJson(
            drawing.arrows,
            name="flow-arrows",
            style_function=_arrow_style,
            tooltip=folium.GeoJsonTooltip(**tooltip_fields),
            embed=True,
            control=False,
        ).add_to(group)
    return group


def legend_html(result: FlowResult, drawing: FlowDrawing, language: str = "id") -> str:
    """Legend of the flow layer as escaped HTML: classes, what is drawn, what is not."""
    unit = t(f"flows.unit.{result.unit}", language)
    parts = [f"<strong>{safe_html(t('flows.legend.title', language, unit=unit))}</strong>"]
    for volume_class, smallest, largest in drawing.class_ranges:
        label = format_number(largest, language)
        if smallest != largest:
            label = f"{format_number(smallest, language)} – {label}"
        parts.append(
            f'<div><span style="display:inline-block;width:28px;height:{CLASS_WEIGHTS[volume_class]:.0f}px;'
            f'background:{CLASS_COLOURS[volume_class]};vertical-align:middle;margin-right:6px"></span>{safe_html(label)}</div>'
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
    notes.append(t("flows.legend.circles", language))
    if any(feature["properties"]["dash"] for feature in drawing.lines["features"]):
        notes.append(t("flows.legend.transit", language))
    parts += [f'<div style="margin-top:4px">{safe_html(note)}</div>' for note in notes]
    return "".join(parts)


def flow_legend(result: FlowResult, drawing: FlowDrawing, language: str = "id", position: str = "bottomleft"):
    """A Leaflet control (core ``L.control``) holding :func:`legend_html`."""
    from branca.element import MacroElement
    from jinja2 import Template

    class _Legend(MacroElement):
        _template = Template(
            """
            {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
            {{ this.get_name() }}.onAdd = function (map) {
                var div = L.DomUtil.create("div", "riskmap-flow-legend");
                div.style.cssText = "background:rgba(255,255,255,0.92);padding:6px 8px;font:12px sans-serif;max-width:260px;border-radius:4px";
                div.innerHTML = {{ this.html|tojson }};
                return div;
            };
            {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
            {% endmacro %}
            """
        )

        def __init__(self, html_text: str, where: str) -> None:
            super().__init__()
            self._name = "FlowLegend"
            self.html = html_text
            self.position = where

    return _Legend(legend_html(result, drawing, language), position)


def add_flow_layer(
    map_: object,
    result: FlowResult,
    points: Mapping[str, tuple[float, float]] | None = None,
    language: str = "id",
) -> FlowDrawing:
    """Add the flow layer and its legend to a folium Map; returns what was drawn.

    ``points`` defaults to :func:`origin_points` of the flows' origins (needs boundaries).
    """
    if points is None:
        points = origin_points(result.flows["origin_code"])
    drawing = flow_drawing(result, points, language)
    flow_layer(result, points, language, drawing=drawing).add_to(map_)
    flow_legend(result, drawing, language).add_to(map_)
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


def flows_json(result: FlowResult, language: str = "en") -> list[dict]:
    """The CLI's JSON records: origin, destination (label in ``language``), its point and count.

    Examples
    --------
    >>> records = pd.DataFrame({"area_code": ["21.71.01.1001"], "destination_city": ["Phnom Penh"], "count": [812]})
    >>> flows_json(aggregate_flows(records, origin_names={"21.71": "Kota Batam"}))
    [{'origin_code': '21.71', 'origin_name': 'Kota Batam', 'destination': 'Phnom Penh', 'destination_country': 'Cambodia', 'lat': 11.5564, 'lon': 104.9282, 'count': 812}]
    """
    rows = []
    for row in result.flows.itertuples(index=False):
        count = float(row.count)
        rows.append(
            {
                "origin_code": row.origin_code,
                "origin_name": row.origin_name,
                "destination": row.destination_id if language == "id" else row.destination,
                "destination_country": row.destination_country_id if language == "id" else row.destination_country,
                "lat": round(float(row.lat), 5),
                "lon": round(float(row.lon), 5),
                "count": int(count) if count.is_integer() else count,
            }
        )
    return rows
