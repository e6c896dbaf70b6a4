"""Where should outreach go first: a transparent priority score per area.

Following the discipline of the INFORM Risk Index (EC JRC / UN OCHA), every component is
put on a 0–10 scale in a stated way, components are grouped into dimensions, and the
dimensions — each visible as the area's risk profile — are aggregated into the score.

Components and their 0–10 scale
-------------------------------
=================  ==========================================================  ===========
component          what, and how it is scaled                                   dimension
=================  ==========================================================  ===========
``migrants``       departures; ``10·log(1+x)/log(1+max)`` (counts are skewed)   exposure
``non_procedural`` non-procedural share of departures (%); ``x/10``             exposure
``cases``          identified trafficking cases; ``10·log(1+x)/log(1+max)``     harm
``case_rate``      cases per 1,000 migrants, Empirical-Bayes smoothed; min-max  harm
                   from the lowest rate to the 99th percentile of areas with
                   enough data, higher rates 10 (INFORM caps outliers; EB has
                   already pulled in the small-number ones, so the cap is high)
``change``         increase of cases on the previous period (decreases: 0);     harm
                   ``10·log(1+x)/log(1+max)``
``hotspot``        Gi* hot spot or Local Moran ``HH`` cluster: 10, else 0       harm
                   (:mod:`geo.analysis.hotspots`)
``uncovered``      no programme village or post within reach: 10, else 0        coverage
                   (only when a list of served areas is given)
=================  ==========================================================  ===========

Min and max are taken over the areas being ranked, so a score compares areas of one view.
A dimension is the weighted arithmetic mean of its components that the data can give
(weights :data:`DEFAULT_WEIGHTS`, user-set; weight 0 leaves a component out). The score
is the weighted geometric mean of ``1 + dimension``, minus 1 (0–10). A geometric mean is
INFORM's choice because dimensions are not substitutes: high exposure cannot fully make
up for no harm and vice versa; the shift by 1 keeps one empty dimension from zeroing an
area, which at village level (many zeros) would erase most of the information.

Empirical Bayes
---------------
The case rate uses global Empirical Bayes (Marshall's moment estimator, esda's ``Empirical_Bayes``
formula with a negative variance estimate set to 0, see :func:`eb_rate_per_1000`): each
area's raw rate is pulled toward the overall rate by as much as its denominator is small,
so 2 cases among 2 migrants no longer outranks 35 among 400. The global (not spatial)
estimator is chosen because the hotspot component already borrows from neighbours;
smoothing toward neighbours too would count the same neighbourhood twice.

Too little data
---------------
An area whose figures rest on fewer than ``min_migrants`` (30) migrants *and* fewer than
``min_cases`` (10) cases — or whose values are hidden from this audience by disclosure
control — is flagged ``insufficient_data`` and ranked after every area with enough data.
Identified cases are not prevalence: a high score says where cases were found and people
leave, not where trafficking is most common.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from geo.analysis.disclosure import PUBLIC
from geo.analysis.hotspots import GI, AreaGraph, hot_clusters, hotspots
from geo.analysis.indicators import Hierarchy, Period, indicator_table, validate_records
from geo.errors import RiskmapError
from geo.i18n import format_number, t

DIMENSIONS: dict[str, tuple[str, ...]] = {
    "exposure": ("migrants", "non_procedural"),
    "harm": ("cases", "case_rate", "change", "hotspot"),
    "coverage": ("uncovered",),
}
"""Components of each dimension."""

COMPONENTS: tuple[str, ...] = tuple(name for names in DIMENSIONS.values() for name in names)

DEFAULT_WEIGHTS: dict[str, float] = {
    "migrants": 1.0,
    "non_procedural": 1.0,
    "cases": 1.0,
    "case_rate": 1.0,
    "change": 0.5,  # one period's rise is noisier than a level: half weight
    "hotspot": 1.0,
    "uncovered": 1.0,
    "exposure": 1.0,
    "harm": 1.0,
    "coverage": 1.0,
}
"""Weights of components (within their dimension) and of dimensions (in the score)."""

MIN_MIGRANTS = 30
HOTSPOT_INDICATORS: tuple[str, ...] = ("cases", "case_rate")
MIN_CASES = 10
RATE_CAP_QUANTILE = 0.99


class PriorityError(RiskmapError):
    """The priority score cannot be computed as asked (the message says why)."""


def parse_weights(text: str | None, lang: str = "en") -> dict[str, float]:
    """Weights from ``"cases=2,exposure=0.5"`` over :data:`DEFAULT_WEIGHTS`.

    Parameters
    ----------
    text : str or None
        Comma-separated ``name=value`` pairs; names of components or dimensions.
    lang : str
        Language of the error message.

    Returns
    -------
    dict
        Every weight, defaults where not given.

    Raises
    ------
    PriorityError
        An unknown name, a value that is not a number ≥ 0, or every weight zero.

    Examples
    --------
    >>> parse_weights("cases=2, exposure=0")["cases"], parse_weights("cases=2,exposure=0")["exposure"]
    (2.0, 0.0)
    """
    weights = dict(DEFAULT_WEIGHTS)
    for item in (text or "").split(","):
        if not item.strip():
            continue
        name, _, value = item.partition("=")
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if name.strip() not in weights or not math.isfinite(number) or number < 0:
            raise PriorityError(t("priority.error.weight", lang, item=item.strip(), names=", ".join(weights)))
        weights[name.strip()] = number
    if not any(weights[name] > 0 for name in COMPONENTS) or not any(weights[name] > 0 for name in DIMENSIONS):
        raise PriorityError(t("priority.error.all_zero", lang))
    return weights


def eb_rate_per_1000(cases: pd.Series, migrants: pd.Series) -> pd.Series:
    """Cases per 1,000 migrants smoothed by global Empirical Bayes (Marshall 1991, as esda's ``Empirical_Bayes``).

    Each raw rate ``r = cases / migrants`` becomes ``w·r + (1 − w)·m`` with ``m`` the overall rate
    and ``w = v / (v + m / migrants)``, ``v`` the between-area variance estimated by moments. The
    formula is esda's (``esda.smoothing.Empirical_Bayes``; a test checks they agree) with
    Marshall's rule that a negative variance estimate is 0 — esda leaves it negative, which
    can push a rate beyond the overall one or divide by zero. Computed here also because
    importing esda costs seconds a command-line run does not need to spend.

    Parameters
    ----------
    cases, migrants : pandas.Series
        Counts per area (same index); areas without migrants or without a count get NaN.

    Returns
    -------
    pandas.Series
        Smoothed rate per 1,000.

    Examples
    --------
    >>> import pandas as pd
    >>> migrants = pd.Series([2, 400] + [1000] * 50)
    >>> cases = pd.Series([2, 35] + [10] * 50)
    >>> rates = eb_rate_per_1000(cases, migrants)
    >>> bool(rates[0] < rates[1])
    True
    """
    usable = (migrants > 0) & cases.notna() & migrants.notna()
    result = pd.Series(np.nan, index=cases.index)
    events, at_risk = cases[usable].to_numpy(float), migrants[usable].to_numpy(float)
    if len(events) == 0 or at_risk.sum() == 0:
        return result
    overall = events.sum() / at_risk.sum()
    rate = events / at_risk
    variance = (at_risk * (rate - overall) ** 2).sum() / at_risk.sum() - overall / at_risk.mean()
    variance = max(variance, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = np.where(variance > 0, variance / (variance + overall / at_risk), 0.0)
    result[usable] = (weight * rate + (1 - weight) * overall) * 1000
    return result


def _log_scale(values: pd.Series) -> pd.Series:
    positive = values.clip(lower=0)
    top = positive.max()
    if not top or not np.isfinite(top):
        return positive * 0
    return 10 * np.log1p(positive) / np.log1p(top)


def _capped_scale(values: pd.Series, reference: pd.Series) -> pd.Series:
    """Min-max between the reference's minimum and its 99th percentile (its maximum when they are equal)."""
    known = reference.dropna()
    if known.empty:
        return values * 0
    low, cap = known.min(), known.quantile(RATE_CAP_QUANTILE)
    if cap <= low:
        cap = known.max()
    if cap <= low:
        return values * 0
    return 10 * ((values - low) / (cap - low)).clip(lower=0, upper=1)


@dataclass(frozen=True)
class _Inputs:
    cases: pd.Series
    case_rank: pd.Series
    change: pd.Series
    migrants: pd.Series
    non_procedural: pd.Series


@dataclass(frozen=True)
class _Reading:
    """How the indicators behind the score are read: period, audience, threshold and the whole data."""

    period: Period | None
    audience: str
    threshold: int | None
    whole: Hierarchy | None


def _column(records: pd.DataFrame, name: str, codes: pd.Index, reading: _Reading) -> pd.DataFrame | None:
    try:
        return indicator_table(records, name, codes, reading.period, audience=reading.audience,
                               threshold=reading.threshold, whole=reading.whole)
    except RiskmapError:
        return None  # the data cannot give it (kind absent, procedure unknown): the component is left out


def _inputs(records: pd.DataFrame, codes: pd.Index, reading: _Reading) -> _Inputs:
    nan = pd.Series(np.nan, index=codes)
    cases = _column(records, "cases", codes, reading)
    migrants = _column(records, "migrants", codes, reading)
    share = _column(records, "non_procedural_share", codes, reading)
    if cases is None and migrants is None:
        raise PriorityError("no data")
    case_values = cases["value"] if cases is not None else nan
    return _Inputs(
        cases=case_values,
        case_rank=case_values.rank(ascending=False, method="min"),
        change=cases["change"] if cases is not None else nan,
        migrants=migrants["value"] if migrants is not None else nan,
        non_procedural=share["value"] if share is not None else nan,
    )


def _components(inputs: _Inputs, sufficient: pd.Series, hot: pd.Series, served: pd.Series | None) -> pd.DataFrame:
    rate = eb_rate_per_1000(inputs.cases, inputs.migrants)
    scaled = {
        "migrants": _log_scale(inputs.migrants),
        "non_procedural": inputs.non_procedural.clip(0, 100) / 10,
        "cases": _log_scale(inputs.cases),
        "case_rate": _capped_scale(rate, rate[sufficient]),
        "change": _log_scale(inputs.change.clip(lower=0)).where(inputs.change.notna()),
        "hotspot": hot * 10,
        "uncovered": (~served).astype(float) * 10 if served is not None else pd.Series(np.nan, index=hot.index),
    }
    frame = pd.DataFrame(scaled)
    frame["case_rate_value"] = rate
    return frame


def _dimensions(scaled: pd.DataFrame, weights: Mapping[str, float]) -> pd.DataFrame:
    dimensions = {}
    for dimension, names in DIMENSIONS.items():
        present = [name for name in names if weights[name] > 0 and scaled[name].notna().any()]
        if not present or weights[dimension] == 0:
            continue
        w = pd.Series({name: weights[name] for name in present})
        values = scaled[present].fillna(0)  # no record: no exposure/harm shown by the data
        dimensions[dimension] = (values * w).sum(axis=1) / w.sum()
    return pd.DataFrame(dimensions, index=scaled.index)


def _score(dimensions: pd.DataFrame, weights: Mapping[str, float]) -> pd.Series:
    if dimensions.empty:
        return pd.Series(0.0, index=dimensions.index)
    w = np.array([weights[name] for name in dimensions.columns])
    log_mean = (np.log1p(dimensions.to_numpy()) * w).sum(axis=1) / w.sum()
    return pd.Series(np.expm1(log_mean), index=dimensions.index)


def _cluster_names(clusters: pd.Series, values: pd.Series, names: Mapping[str, str]) -> pd.Series:
    """Each hot cluster named by its two members of highest value ("Sagulung–Batu Aji")."""
    if clusters.empty:
        return pd.Series(dtype=object)
    labels = {}
    for number, members in clusters.groupby(clusters).groups.items():
        leading = values.reindex(members).fillna(0).sort_values(ascending=False, kind="stable").index[:2]
        labels[number] = "–".join(names.get(code, code) for code in leading)
    return clusters.map(labels)


def priority_table(
    records: pd.DataFrame,
    area_codes: Sequence[str] | pd.Index,
    period: Period | None = None,
    *,
    graph: AreaGraph | None = None,
    names: Mapping[str, str] | None = None,
    served: pd.Series | None = None,
    weights: Mapping[str, float] | None = None,
    audience: str = PUBLIC,
    threshold: int | None = None,
    lang: str = "id",
    min_migrants: int = MIN_MIGRANTS,
    min_cases: int = MIN_CASES,
    hotspot_on: str = "cases",
    hotspot_method: str = GI,
    whole: Hierarchy | None = None,
) -> pd.DataFrame:
    """Score, rank and explain every area of a view, best first.

    Parameters
    ----------
    records : pandas.DataFrame
        Records (see :mod:`geo.analysis.indicators`), migration and/or cases: every record, or
        only the rows of the ranked level and area in ``period`` and the period before it (a
        store's roll-ups, :func:`geo.web.priority_layer.score_rows`) together with ``whole``.
    area_codes : sequence of str
        The areas to rank (one level).
    period : str or (str, str), optional
        Period of the counts; its predecessor gives ``change``.
    graph : AreaGraph, optional
        Neighbours for Gi* hotspots on the case counts; without it there is no hotspot component.
    names : mapping, optional
        Area names (for the "why" and cluster names); default: the codes.
    served : pandas.Series of bool, optional
        True for areas a programme already reaches; gives the ``coverage`` dimension.
    weights : mapping, optional
        From :func:`parse_weights`; default :data:`DEFAULT_WEIGHTS`.
    audience : str
        ``"public"`` ranks only what the public may see (suppressed values count as unknown).
    threshold : int, optional
        Disclosure threshold (the strictest of the datasets).
    lang : str
        Language of ``why``.
    min_migrants, min_cases : int
        Below both, an area has too little data.
    hotspot_on : str
        Indicator of the Gi* hotspots: ``"cases"`` (counts, default) or ``"case_rate"`` (the
        Empirical-Bayes rate). Areas without a value (no record, or hidden) count as 0.
    hotspot_method : str
        ``"gi"`` (Getis-Ord Gi*, default) or ``"moran"`` (Local Moran's I: its ``HH`` clusters are
        the hot spots, ``LL`` the cold ones), see :func:`geo.analysis.hotspots.hotspots`.
    whole : Hierarchy, optional
        The whole data when ``records`` are only the ranked view's rows: it says which kinds
        exist, whether procedure is known, and decides disclosure control (as in
        :func:`geo.analysis.indicators.indicator_table`). Default: the records are the whole data.

    Returns
    -------
    pandas.DataFrame
        Index ``code``, best first; columns ``rank``, ``score``, the dimensions present,
        ``components`` (dict of raw values and 0–10 scales), ``hotspot``, ``cluster``,
        ``insufficient_data``, ``why``.

    Raises
    ------
    PriorityError
        The records hold neither cases nor migration.
    """
    weights = dict(DEFAULT_WEIGHTS) if weights is None else dict(weights)
    names = names or {}
    codes = pd.Index([str(code) for code in area_codes], dtype=object, name="code")  # Arrow strings iterate slowly
    tidy = validate_records(records)
    try:
        inputs = _inputs(tidy, codes, _Reading(period, audience, threshold, whole))
    except PriorityError:
        raise PriorityError(t("priority.error.no_data", lang)) from None
    sufficient = (inputs.migrants.fillna(0) >= min_migrants) | (inputs.cases.fillna(0) >= min_cases)
    hot_labels = pd.Series(None, index=codes, dtype=object)
    hot = pd.Series(np.nan, index=codes)  # no neighbours given: no hotspot component
    cluster_names = pd.Series(dtype=object)
    if graph is not None and len(graph) >= 3 and inputs.cases.notna().any():
        if hotspot_on not in HOTSPOT_INDICATORS:
            raise PriorityError(f"Hotspots are computed on {' or '.join(HOTSPOT_INDICATORS)}, not {hotspot_on!r}.")
        on = inputs.cases if hotspot_on == "cases" else eb_rate_per_1000(inputs.cases, inputs.migrants)
        found = hotspots(on, graph, method=hotspot_method)
        hot_labels = found["hotspot"].reindex(codes)
        hot = (hot_labels == "hot").astype(float)
        cluster_names = _cluster_names(hot_clusters(found["hotspot"], graph), inputs.cases, names)
    served_flags = served.reindex(codes).fillna(False).astype(bool) if served is not None else None
    scaled = _components(inputs, sufficient, hot, served_flags)
    dimensions = _dimensions(scaled, weights)
    table = dimensions.copy()
    table["score"] = _score(dimensions, weights)
    table["insufficient_data"] = ~sufficient
    table["hotspot"] = hot_labels.where(hot_labels.notna(), None)
    table["cluster"] = cluster_names.reindex(codes)
    table["components"] = _component_dicts(inputs, scaled)
    table["why"] = _why_texts(inputs, scaled, table, served_flags, lang)
    order = table.assign(_cases=inputs.cases.fillna(-1)).sort_values(
        ["insufficient_data", "score", "_cases"], ascending=[True, False, False], kind="stable"
    )
    table = table.loc[order.index]
    table.insert(0, "rank", np.arange(1, len(table) + 1))
    return table


def _component_dicts(inputs: _Inputs, scaled: pd.DataFrame) -> list[dict[str, float | None]]:
    columns = {
        "cases": inputs.cases, "case_rate_per_1000": scaled["case_rate_value"], "migrants": inputs.migrants,
        "non_procedural_percent": inputs.non_procedural, "change": inputs.change,
        **{f"{name}_scaled": scaled[name] for name in COMPONENTS},
    }
    lists = [
        [None if value != value else value for value in np.round(values.to_numpy(dtype=float), 3).tolist()]  # NaN → null
        for values in columns.values()
    ]
    names = list(columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*lists, strict=True)]


class _Row(NamedTuple):
    """One area's figures for its "why" (plain Python values, NaN where unknown).

    A named tuple, not a dataclass: a national ranking builds 83,000 of them.
    """

    cases: float
    case_rank: float
    rate: float
    migrants: float
    share: float
    change: float
    hotspot: str | None
    cluster: str | None
    served: bool | None
    insufficient: bool


_WHY_KEYS: tuple[str, ...] = (
    "cases", "rate", "migrants", "non_procedural", "change", "hot", "cold", "served", "uncovered", "nothing",
)


@lru_cache(maxsize=4)
def _why_templates(lang: str) -> dict[str, str]:
    """The "why" sentences of ``lang`` with their placeholders, looked up once per language, not per area."""
    templates = {key: t(f"priority.why.{key}", lang) for key in _WHY_KEYS}
    templates["insufficient"] = t("priority.insufficient", lang)
    return templates


def _why(row: _Row, cases_known: str, lang: str) -> str:
    number = _number_formatter(lang)
    text = _why_templates(lang)
    parts = []
    if row.cases == row.cases:  # not NaN
        parts.append(text["cases"].format(cases=number(row.cases), rank=number(row.case_rank), of=cases_known))
    if row.rate == row.rate:
        parts.append(text["rate"].format(rate=number(round(row.rate))))
    if row.migrants == row.migrants:
        parts.append(text["migrants"].format(migrants=number(row.migrants)))
    if row.share == row.share:
        parts.append(text["non_procedural"].format(share=number(round(row.share))))
    if row.change == row.change and row.change > 0:
        parts.append(text["change"].format(change=format_number(row.change, lang, signed=True)))
    if row.hotspot == "hot":
        parts.append(text["hot"].format(cluster=row.cluster))
    elif row.hotspot == "cold":
        parts.append(text["cold"])
    if row.served is not None:
        parts.append(text["served" if row.served else "uncovered"])
    if row.insufficient:
        parts.insert(0, text["insufficient"])
    return "; ".join(parts) or text["nothing"]


@lru_cache(maxsize=4)
def _number_formatter(lang: str) -> Callable[[float], str]:
    # Counts repeat a lot across 83,000 villages: format each value once (Babel is the slow part).
    @lru_cache(maxsize=65536)
    def formatted(value: float) -> str:
        return format_number(value, lang)

    return formatted


def _values(series: pd.Series, codes: pd.Index) -> list[float]:
    """``series`` in the order of ``codes`` as plain floats (no reindex when it is in that order already)."""
    aligned = series if series.index.equals(codes) else series.reindex(codes)
    return aligned.to_numpy(dtype=float).tolist()


def _why_texts(inputs: _Inputs, scaled: pd.DataFrame, table: pd.DataFrame, served: pd.Series | None,
               lang: str) -> list[str]:
    codes = table.index
    columns = [inputs.cases, inputs.case_rank, scaled["case_rate_value"], inputs.migrants, inputs.non_procedural,
               inputs.change]
    cases, case_rank, rate, migrants, share, change = (_values(column, codes) for column in columns)
    hotspot, cluster = table["hotspot"].tolist(), table["cluster"].tolist()
    served_list = served.reindex(codes).tolist() if served is not None else [None] * len(codes)
    insufficient = table["insufficient_data"].tolist()
    cases_known = _number_formatter(lang)(int(inputs.cases.notna().sum()))
    rows = zip(cases, case_rank, rate, migrants, share, change, hotspot, cluster, served_list, insufficient, strict=True)
    return [_why(_Row(*row), cases_known, lang) for row in rows]
