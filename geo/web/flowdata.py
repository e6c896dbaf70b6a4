"""What a flow view reads from the store: roll-up rows of its origin level, area and period, never records.

A stored dataset's flows (the Map page's ``flows=1``, the Flows page, ``riskmap flows``
and ``riskmap export-map --flows``) are :func:`geo.analysis.flows.aggregate_flows` over
the roll-up rows (:mod:`geo.data.rollups`) of the view instead of over the dataset's
record table. Roll-up rows have the records' schema, split by destination country,
destination city and transit, with ``count`` and ``records`` summed by SQL; summing
pre-summed groups is idempotent, so the flows are the same (``tests/flows/test_flows_from_rollups.py``).

One view reads:

* the rows of the origin level inside the area (the area itself when it is of that
  level or finer), per period and destination split;
* per coarser level down from the area, the totals per area and period: their
  differences are the records coded *at* an area above the origin level (a regency
  code in a district view), which flows report and never draw;
* the periods of the view: years when both bounds are years (or absent), months when
  either bound is a month (a yearly figure says nothing about months), as the map does.

Records without a period have no roll-up row (the map cannot place them in time either)
and are in no flow.

Examples
--------
>>> flow_periods(["2023", "2023-12", "2024", "2024-01", "2024-02"], "2024", None)
['2024']
>>> flow_periods(["2023", "2023-12", "2024", "2024-01", "2024-02"], "2023", "2024-01")
['2023-12', '2024-01']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from geo import LEVELS
from geo.analysis.flows import FlowResult, aggregate_flows, month_bound
from geo.data.codes import CODE_LENGTHS, parent_of
from geo.data.gazetteer import country_label, resolve_frame
from geo.data.rollups import MONTH_LENGTH, YEAR_LENGTH, level_of_length, month_and_year_forms
from geo.data.store import Store
from geo.errors import FlowDataError

FLOW_SPLITS: tuple[str, ...] = ("destination_country", "destination_city", "transit")
"""Roll-up splits flows keep apart (``sex`` and ``procedural`` are summed over by SQL)."""

FLOW_ROW_COLUMNS: tuple[str, ...] = ("area_code", "period", *FLOW_SPLITS, "count", "records")
"""Columns of :func:`flow_rows` frames: the records' schema plus ``records`` (how many each row sums)."""

_PERIOD_BOUND = re.compile(r"\d{4}(-(0[1-9]|1[0-2]))?")


def flow_periods(available: Sequence[str], period_from: str | None, period_to: str | None) -> list[str]:
    """The roll-up periods a flow view sums: years, or months when either bound is a month.

    Parameters
    ----------
    available : sequence of str
        The roll-up periods the dataset has (months ``2024-03`` and years ``2024``).
    period_from, period_to : str or None
        Inclusive bounds, a year or a month each (``None``: open). A year bound of a
        month range stands for its January (from) or December (to).

    Returns
    -------
    list of str
        Sorted periods of one form; empty when the dataset has none in the range.

    Examples
    --------
    >>> flow_periods(["2024", "2024-05", "2025", "2025-01"], None, None)
    ['2024', '2025']
    >>> flow_periods(["2024", "2024-05", "2025", "2025-01"], "2024-06", None)
    ['2025-01']
    """
    for bound in (period_from, period_to):
        if bound is not None and not _PERIOD_BOUND.fullmatch(bound):
            raise FlowDataError(f"Period '{bound}': give a year (2024) or a month (2024-03).",
                                key="flows.error.period_bound", values={"bound": bound})
    months, years = month_and_year_forms([str(period) for period in available])
    if any(bound is not None and len(bound) == MONTH_LENGTH for bound in (period_from, period_to)):
        low, high = month_bound(period_from, "01"), month_bound(period_to, "12")
        return [month for month in months if (low is None or month >= low) and (high is None or month <= high)]
    return [year for year in years
            if (period_from is None or year >= period_from) and (period_to is None or year <= period_to)]


def flow_rows(
    store: Store,
    dataset_id: int,
    *,
    level: str = "regency",
    within: str | None = None,
    period_from: str | None = None,
    period_to: str | None = None,
) -> pd.DataFrame:
    """The roll-up rows standing for the records a flow view aggregates (origins at ``level`` inside ``within``).

    Parameters
    ----------
    store : Store
        The store holding the version.
    dataset_id : int
        The version.
    level : str
        Origin level of the flows.
    within : str, optional
        Area code (``None``: Indonesia).
    period_from, period_to : str, optional
        Inclusive period bounds (see :func:`flow_periods`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FLOW_ROW_COLUMNS`: rows of the origin level (and finer codes when
        ``within`` is finer than ``level``), plus one row per area and period of the
        records coded at a coarser area inside ``within`` (no destination).
    """
    if level not in CODE_LENGTHS:
        raise FlowDataError(f"Unknown origin level {level!r}: use one of {', '.join(LEVELS)}.")
    periods = flow_periods(store.rollup_periods([dataset_id])["period"].tolist(), period_from, period_to)
    within_level = level_of_length(within) if within is not None else None
    if not periods or (within is not None and within_level is None):
        return _as_flow_rows(pd.DataFrame(columns=["code", "period", "count", "records"]))
    by = ("period", *FLOW_SPLITS)
    if within_level is not None and CODE_LENGTHS[within_level] >= CODE_LENGTHS[level]:
        # the area is the origin (or inside one): its own rows, cut to the level by aggregate_flows
        return _as_flow_rows(_area_rows(store, dataset_id, within_level, periods, within, by))
    origins = _area_rows(store, dataset_id, level, periods, within, by)
    first = LEVELS.index(within_level or LEVELS[0])
    coarser = [_area_rows(store, dataset_id, name, periods, within, ("period",))
               for name in LEVELS[first:LEVELS.index(level)]]
    totals = [*coarser, origins.groupby(["code", "period"], as_index=False)[["count", "records"]].sum()]
    return _as_flow_rows(pd.concat([origins, *_coded_at_their_level(totals)], ignore_index=True))


def _area_rows(
    store: Store, dataset_id: int, level: str, periods: Sequence[str], within: str | None, by: Sequence[str]
) -> pd.DataFrame:
    """Rows of ``level`` for every area inside ``within``, or for ``within`` itself when it is of that level.

    The area itself is read with its siblings (the areas of its parent at its level: a few
    dozen rows per period), as :meth:`geo.data.store.Store.rollup_rows` reads areas *inside* one.
    """
    if within is None or CODE_LENGTHS[level] > len(within):
        rows = store.rollup_rows([dataset_id], level, periods, within=within, by=by)
    else:
        rows = store.rollup_rows([dataset_id], level, periods, within=parent_of(within), by=by)
        rows = rows[rows["code"] == within]
    return rows.drop(columns="dataset_id").reset_index(drop=True)


def _coded_at_their_level(totals: Sequence[pd.DataFrame]) -> list[pd.DataFrame]:
    """Records coded at an area of each level but the last: its total less its children's totals.

    ``totals``: per level, coarse to fine, ``code``, ``period``, ``count``, ``records``.
    """
    found = []
    for coarse, fine in zip(totals, totals[1:], strict=False):
        if coarse.empty:
            continue
        width = len(str(coarse["code"].iloc[0]))
        keys = ["code", "period"]
        children = fine.assign(code=fine["code"].astype(str).str.slice(0, width)).groupby(keys)[["count", "records"]].sum()
        own = coarse.set_index(keys)[["count", "records"]]
        exact = own.sub(children.reindex(own.index, fill_value=0)).astype("int64")
        found.append(exact[exact["records"] > 0].reset_index())
    return found


def _as_flow_rows(rows: pd.DataFrame) -> pd.DataFrame:
    frame = rows.rename(columns={"code": "area_code"})
    for column in FLOW_SPLITS:
        if column not in frame:
            frame[column] = pd.Series(None, index=frame.index, dtype=object)
    return frame.reindex(columns=list(FLOW_ROW_COLUMNS)).astype({"count": "int64", "records": "int64"})


def stored_flows(
    database: str,
    dataset_id: int,
    *,
    level: str = "regency",
    within: str | None = None,
    period_from: str | None = None,
    period_to: str | None = None,
    **options: Any,
) -> FlowResult:
    """Flows of a stored version from its roll-ups: :func:`geo.analysis.flows.aggregate_flows` over :func:`flow_rows`.

    Parameters
    ----------
    database : str
        SQLAlchemy URL of the store.
    dataset_id : int
        The version.
    level, within, period_from, period_to
        The view (as in :func:`geo.analysis.flows.aggregate_flows`).
    **options
        Other keyword arguments of :func:`geo.analysis.flows.aggregate_flows` (filters,
        ``top``, ``unit``, ``audience``, ``threshold`` …).

    Returns
    -------
    FlowResult
        The same result as :func:`geo.analysis.flows.aggregate_flows` over every record
        of the version; ``records`` counts stored records.
    """
    rows = flow_rows(Store(database), dataset_id, level=level, within=within, period_from=period_from,
                     period_to=period_to)
    return aggregate_flows(rows, level=level, within=within, period_from=period_from, period_to=period_to, **options)


@dataclass(frozen=True)
class FlowChoices:
    """What a version's flows can be filtered by (the Flows page's choices).

    ``countries_id``/``countries_en``: ISO alpha-2 code → country name; ``cities``: the
    destination cities as drawn; ``periods``: its months and years, sorted.
    """

    countries_id: dict[str, str]
    countries_en: dict[str, str]
    cities: list[str]
    periods: list[str]


def flow_choices(database: str, dataset_id: int) -> FlowChoices:
    """Destination countries, cities and periods of a stored version, from its province roll-ups.

    Parameters
    ----------
    database : str
        SQLAlchemy URL of the store.
    dataset_id : int
        The version.

    Returns
    -------
    FlowChoices
        Empty lists when the version has no roll-up rows.
    """
    store = Store(database)
    periods = sorted(str(period) for period in store.rollup_periods([dataset_id])["period"])
    years = [period for period in periods if len(period) == YEAR_LENGTH]
    # every record with a period is in its province's yearly rows: one row per province and destination
    places = store.rollup_rows([dataset_id], "province", years, by=("destination_country", "destination_city"))
    places = resolve_frame(places.drop_duplicates(["destination_city", "destination_country"]))
    countries = sorted({str(code) for code in places["dest_country_code"].dropna()})
    cities = sorted({str(name) for name in places.loc[places["dest_precision"] == "city", "dest_name"].dropna()})
    return FlowChoices(
        countries_id={code: country_label(code, "id") for code in countries},
        countries_en={code: country_label(code, "en") for code in countries},
        cities=cities,
        periods=periods,
    )
