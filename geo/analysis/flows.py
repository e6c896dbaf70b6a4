"""Origin → destination flows: aggregation of records into flows (drawing: :mod:`geo.web.flow_layer`).

Records (one row per case, or aggregated counts) name an origin area by its Kemendagri
code, a destination (city and/or country text, or coordinates), optionally a transit
place and a period, and a count. :func:`aggregate_flows` rolls them up to any origin level
(a village code ``21.71.01.1001`` belongs to regency ``21.71`` and province ``21``), filters
them, and keeps the top N flows, summing and reporting the rest. :func:`geo.web.flow_layer.flow_layer`
draws the result on a map.

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
>>> result.period_label
'2024–2025'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from geo import LEVELS
from geo.analysis.disclosure import (
    PUBLIC,
    check_audience,
    check_threshold,
    default_threshold,
    primary_suppression,
    suppress_two_way,
)
from geo.analysis.periods import years_label
from geo.data.codes import CODE_LENGTHS
from geo.data.gazetteer import Place, normalize_name, resolve_country, resolve_frame, resolve_place
from geo.data.rollups import MONTH_LENGTH, YEAR_LENGTH
from geo.errors import FlowDataError

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

DESTINATION_COLUMNS: tuple[str, ...] = (
    "destination",
    "destination_id",
    "destination_country_code",
    "destination_country",
    "destination_country_id",
    "lat",
    "lon",
    "precision",
)
"""Columns that name and place a destination (the rows of :attr:`FlowResult.destinations`)."""

FLOW_COLUMNS: tuple[str, ...] = (
    "origin_code",
    "origin_name",
    "transit",
    "transit_id",
    "transit_lat",
    "transit_lon",
    *DESTINATION_COLUMNS,
    "count",
    "records",
)
"""Columns of :attr:`FlowResult.flows` (``lat``/``lon`` are the destination's)."""



# --------------------------------------------------------------------------- records


def standardise_records(records: pd.DataFrame) -> pd.DataFrame:
    """Canonical columns (see :data:`COLUMN_ALIASES`) from a records frame.

    ``count`` defaults to 1 per row (case-level data); periods become text ("2025",
    "2025-03"). ``records`` is how many stored records a row stands for: 1 per row, or
    the column ``records`` of roll-up rows (:mod:`geo.web.flowdata`), which are sums of
    records. Raises :class:`FlowDataError` when there is no origin column or nothing
    that names a destination.

    Examples
    --------
    >>> standardise_records(pd.DataFrame({"code": ["21.71"], "country": ["Kamboja"]})).iloc[0].to_dict()
    {'origin_code': '21.71', 'destination_city': None, 'destination_country': 'Kamboja', 'destination_lat': nan, 'destination_lon': nan, 'transit': None, 'transit_country': None, 'period': None, 'count': 1.0, 'records': 1}
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
    frame["records"] = _record_weights(records)
    return frame.reset_index(drop=True)


def _record_weights(records: pd.DataFrame) -> np.ndarray:
    """How many records each row stands for: its ``records`` column (roll-up rows), else 1."""
    if "records" not in records.columns:
        return np.ones(len(records), dtype="int64")
    weights = pd.to_numeric(records["records"], errors="coerce")
    if weights.isna().any() or (weights < 0).any():
        raise FlowDataError("The column 'records' must give a number of records of zero or more in every row.")
    return weights.to_numpy(dtype="int64")


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
    """Keep periods inside [from, to]: a range of years, or a range of months.

    Years ("2024" to "2025") keep every record of those years, yearly and monthly. When
    either bound is a month the range is one of months (a year bound stands for its
    January or December) and only monthly records count: a yearly figure says nothing
    about the months of a range. This is what the map and the store's roll-ups read
    (:func:`geo.data.rollups.periods_covering`), so flows from records and from roll-ups agree.
    """
    keep = periods.notna()
    text = periods.fillna("").astype(str)
    bounds = [bound for bound in (period_from, period_to) if bound]
    if not bounds:
        return pd.Series(True, index=periods.index)
    if any(len(bound) > YEAR_LENGTH for bound in bounds):
        keep &= text.str.len() >= MONTH_LENGTH
        low = month_bound(period_from, "01")
        high = month_bound(period_to, "12")
        months = text.str.slice(0, MONTH_LENGTH)
        if low:
            keep &= months >= low
        if high:
            keep &= months <= high
        return keep
    years = text.str.slice(0, YEAR_LENGTH)
    if period_from:
        keep &= years >= period_from
    if period_to:
        keep &= years <= period_to
    return keep


def month_bound(bound: str | None, month_of_a_year: str) -> str | None:
    """A period bound as a month: "2024-03" stays, a year "2024" becomes "2024-01" or "2024-12".

    Parameters
    ----------
    bound : str or None
        A year or month bound of a flow period (``None`` or ``""``: open).
    month_of_a_year : str
        The month a year bound stands for: ``"01"`` for a lower bound, ``"12"`` for an upper one.

    Returns
    -------
    str or None
        The bound as a month, ``None`` when open.

    Examples
    --------
    >>> month_bound("2024", "12"), month_bound("2024-03", "01"), month_bound(None, "01")
    ('2024-12', '2024-03', None)
    """
    if not bound:
        return None
    return bound[:MONTH_LENGTH] if len(bound) > YEAR_LENGTH else f"{bound}-{month_of_a_year}"


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
    ``total_records``: the records inside ``within`` and the period (before destination filters).
    ``suppressed_flows``: flows hidden from a public audience (below ``disclosure_threshold``,
    or hidden with them so that no origin or destination total gives one away); they are
    in no other number of the result (``flows``, ``destinations``, totals, rest, minimum).
    For a public audience ``unresolved`` and ``above_level`` leave out their small rows too.
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


def _place_text(rows: pd.DataFrame, city: str, country: str) -> pd.Series:
    """The place as written in the records: "City, Country" (either part may be missing)."""
    return rows[city].fillna("").astype(str).str.cat(rows[country].fillna("").astype(str), sep=", ").str.strip(", ")


def _summarise_unresolved(frame: pd.DataFrame, prefix: str, role: str, city: str, country: str) -> list[pd.DataFrame]:
    pieces = []
    problem = frame[prefix + "problem"]
    failed = frame[problem.notna()]
    if len(failed):
        text = _place_text(failed, city, country)
        pieces.append(
            pd.DataFrame({"role": role, "text": text, "reason": failed[prefix + "problem"], "count": failed["count"],
                          "records": failed["records"]})
        )
    partial = frame[problem.isna() & frame[prefix + "unresolved_city"].notna()]
    if len(partial):
        text = _place_text(partial, city, country)
        pieces.append(pd.DataFrame({"role": role, "text": text, "reason": "country_only", "count": partial["count"],
                                    "records": partial["records"]}))
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
    if within:
        codes = frame["origin_code"].fillna("")
        frame = frame[(codes == within) | codes.str.startswith(within + ".")]
    frame = frame[_within_period(frame["period"], period_from, period_to)]
    total_records = int(frame["records"].sum())

    width = CODE_LENGTHS[level]
    code_length = frame["origin_code"].fillna("").str.len()
    above = frame[code_length < width].assign(origin_code=lambda rows: rows["origin_code"].fillna(""))
    above_level = (
        above.groupby("origin_code", sort=True)
        .agg(records=("records", "sum"), count=("count", "sum"))
        .reset_index()
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
        frame.groupby(group_columns, dropna=False, sort=False)
        .agg(count=("count", "sum"), records=("records", "sum"))
        .reset_index()
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
    # A fixed order first: which of two equal flows is hidden along with a small one must not
    # depend on the order of the input rows (every record, or a view's roll-up rows).
    flows = flows.sort_values(
        ["origin_code", "destination", "transit", "destination_country_code", "precision", "destination_id",
         "transit_id", "lat", "lon", "transit_lat", "transit_lon"],
        kind="stable", na_position="first",
    ).reset_index(drop=True)
    flows, suppressed_flows, threshold = _suppress_small_flows(flows, audience, threshold, unit)
    destinations = (
        flows.groupby(list(DESTINATION_COLUMNS), dropna=False, sort=False)
        .agg(count=("count", "sum"), origins=("origin_code", "nunique"))
        .reset_index()
        # every key a tie-breaker: the order never depends on the order of the input rows
        .sort_values(["count", "destination", "destination_country_code", "precision"],
                     ascending=[False, True, True, True], kind="stable")
        .reset_index(drop=True)
    )
    flow_count = len(flows)
    total_count = float(flows["count"].sum())

    below = flows["count"] < min_count
    below_minimum_flows, below_minimum_count = int(below.sum()), float(flows.loc[below, "count"].sum())
    flows = flows[~below]
    flows = flows.sort_values(
        ["count", "origin_code", "destination", "transit", "destination_country_code", "precision"],
        ascending=[False, True, True, True, True, True],
        kind="stable",
        na_position="first",
    )
    rest = flows.iloc[top:] if top is not None else flows.iloc[0:0]
    flows = flows.iloc[:top] if top is not None else flows
    flows = flows.reset_index(drop=True)
    flows["origin_name"] = [_origin_name(code, origin_names) for code in flows["origin_code"]]

    unresolved = (
        pd.concat(unresolved_pieces, ignore_index=True)
        .groupby(["role", "text", "reason"], sort=False)
        .agg(records=("records", "sum"), count=("count", "sum"))
        .reset_index()
        .sort_values(["count", "text", "role", "reason"], ascending=[False, True, True, True], kind="stable")
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
        unresolved=_without_small_rows(unresolved, threshold),
        above_level=_without_small_rows(above_level, threshold),
        suppressed_flows=suppressed_flows,
        disclosure_threshold=threshold,
    )


def _without_small_rows(frame: pd.DataFrame, threshold: int | None) -> pd.DataFrame:
    """``frame`` without rows whose ``count`` is small (public audience; ``None``: analysts see all).

    The notes on unplaced destinations and records coded above the level name a place and a
    count: a group of 1 to k-1 cases there identifies people as much as a flow does. These
    counts are part of no published total (every total of the result sums visible flows).
    """
    if threshold is None or frame.empty:
        return frame
    return frame[~primary_suppression(frame["count"], threshold).to_numpy()].reset_index(drop=True)


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
    names: Mapping[str, str] | Callable[[str], str | None] = (
        _code_list_names() if origin_names is None else origin_names
    )
    try:
        name = names(code) if callable(names) else names.get(code)
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


def flows_json(result: FlowResult, language: str = "en") -> list[dict[str, object]]:
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
