"""The Map page's choropleth without Streamlit: datasets → indicator table → classes → colours → legend.

Everything the Map page shows about values is computed here so that the page,
the CLI (``riskmap export-map``) and the tests reach it the same way:

* :func:`select_datasets` resolves the view's dataset ids (or the active dataset
  of each kind, creating the sample data when the store is empty); the view then reads
  only the roll-up rows of its level, area and period from the store
  (:mod:`geo.web.viewdata`), never a dataset's whole record table;
* :func:`build_choropleth` resolves the indicator, period and classification of
  a :class:`geo.web.viewstate.View` for the areas of one prepared layer, explaining and
  falling back when the URL asks for something the data cannot give, and returns
  a :class:`Choropleth`: the table, the classification, the legend and the small
  *style payload* the browser uses to colour the geometry it already has;
* :func:`export_map_html` writes the current view as one standalone HTML file
  (Leaflet and the GeoJSON inlined: it opens offline) and accepts
  ``extra_layers`` (e.g. a flow layer) drawn on top.

Examples
--------
>>> import pandas as pd
>>> from geo.analysis.indicators import combine_records
>>> from geo.web.viewstate import View
>>> records = combine_records(migration=pd.DataFrame({
...     "area_code": ["21.71", "21.01", "21.02", "21.04"], "period": ["2024"] * 4, "count": [900, 40, 3, 0]}))
>>> selection = DataSelection(datasets=(), records=records, messages=())
>>> names = {"21.71": "Kota Batam", "21.01": "Bintan", "21.02": "Karimun", "21.04": "Lingga", "21.03": "Natuna"}
>>> result = build_choropleth(View(level="regency", area="21", k=3), ["21.71", "21.01", "21.02", "21.04", "21.03"],
...                           selection, names=names, lang="en", population=pd.Series({"21.71": 1.2e6}))
>>> result.indicator, result.period
('migrants', '2024')
>>> bool(result.table.loc["21.02", "suppressed"]), result.payload["areas"]["21.71"][1]
(True, '900')
>>> "21.03" in result.payload["areas"]   # no data: not sent, drawn grey
False
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from geo.analysis.classify import NO_DATA, SUPPRESSED, Breaks, Classification, classify, fixed_breaks
from geo.analysis.disclosure import PUBLIC, threshold_for_kinds, threshold_of
from geo.analysis.indicators import (
    INDICATORS,
    Period,
    indicator_panel,
    indicator_table,
    previous_period,
)
from geo.analysis.palettes import DEFAULT_DIVERGING, NO_DATA_COLOUR, SUPPRESSED_COLOUR, class_colours
from geo.analysis.periods import ALL_PERIODS, PeriodChoice, period_label
from geo.data.kinds import KINDS
from geo.errors import InvalidClassificationError, RiskmapError
from geo.i18n import DEFAULT_LANGUAGE, format_number, t
from geo.web.escape import html_escape as escape
from geo.web.legend import Legend, area_colours, build_legend, legend_html
from geo.web.viewdata import FrameSource, StoreSource
from geo.web.viewstate import DEFAULT_PALETTE, DEFAULT_SCHEME, View

if TYPE_CHECKING:  # geo.analysis.flows and folium are imported when flows are drawn
    import folium

    from geo.analysis.flows import FlowResult

VALUE_DECIMALS: dict[str, int] = {"count": 0, "per_1000": 2, "percent": 1}
"""Decimals shown for a value of each indicator unit (tooltips and the table)."""


# --------------------------------------------------------------------------- datasets


@dataclass(frozen=True)
class DatasetRef:
    """What the map says about a dataset it shows (no records)."""

    id: int
    kind: str
    name: str
    version: int
    is_sample: bool = False
    sources: str | None = None
    disclosure_threshold: int | None = None  # None: the default of the kind

    def label(self) -> str:
        """``"name v2"`` (the source line of tooltips and exports)."""
        return f"{self.name} v{self.version}"


ViewSource = FrameSource | StoreSource
"""Where a view's rows come from: the store's roll-ups, or records in memory."""


@dataclass(frozen=True)
class DataSelection:
    """The datasets of a view and where their values come from (``None`` and no source: no data).

    :func:`select_datasets` gives a ``source`` reading the store's roll-ups and no
    ``records``; tests and doctests give ``records`` (combined, validated) instead.
    """

    datasets: tuple[DatasetRef, ...]
    records: pd.DataFrame | None
    messages: tuple[str, ...] = ()
    source: StoreSource | None = None

    @property
    def view_source(self) -> ViewSource | None:
        """What the view reads: the store's roll-ups, else the records given (``None``: no data)."""
        if self.source is not None:
            return self.source
        return None if self.records is None else FrameSource(self.records)

    @property
    def ids(self) -> tuple[int, ...]:
        """Dataset ids, in kind order."""
        return tuple(dataset.id for dataset in self.datasets)

    def of_kind(self, kind: str) -> DatasetRef | None:
        """The dataset of ``kind`` shown, if any."""
        return next((dataset for dataset in self.datasets if dataset.kind == kind), None)


def _ref(info: object) -> DatasetRef:
    return DatasetRef(
        id=int(info.id), kind=str(info.kind), name=str(info.name), version=int(info.version),  # type: ignore[attr-defined]
        is_sample=bool(info.is_sample), sources=info.sources,  # type: ignore[attr-defined]
        disclosure_threshold=threshold_of(info),
    )


def select_datasets(
    requested: tuple[int, ...] | None, lang: str = DEFAULT_LANGUAGE, *, audience: str = "public"
) -> DataSelection:
    """The datasets to show: ``requested`` ids, or the active one of each kind (``None``).

    With ``None`` and an empty store the deterministic sample datasets are created
    first. Unknown or deleted ids, and a second dataset of the same kind, give a
    message and are left out. For the ``"public"`` audience restricted datasets do not
    exist: a requested one reads "not available", exactly as an unknown id does (no hint
    that it exists), and its values are never loaded.
    """
    from geo.data import store

    messages: list[str] = []
    chosen: dict[str, DatasetRef] = {}
    if requested is None:
        store.ensure_default_data()
        for kind in KINDS:
            info = store.active_dataset(kind, audience=audience)
            if info is not None:
                chosen[kind] = _ref(info)
    else:
        for dataset_id in requested:
            try:
                info = store.get_dataset(dataset_id, audience=audience)
            except RiskmapError:
                unknown = "auth.dataset_unavailable" if audience == "public" else "map.dataset.unknown"
                messages.append(t(unknown, lang, id=dataset_id))
                continue
            if info.deleted_at is not None:
                messages.append(t("map.dataset.deleted", lang, id=dataset_id, name=info.name))
                continue
            if info.kind in chosen:
                messages.append(t("map.dataset.same_kind", lang, id=dataset_id, kind=t(f"map.kind.{info.kind}", lang)))
                continue
            chosen[info.kind] = _ref(info)
    datasets = tuple(chosen[kind] for kind in KINDS if kind in chosen)
    from geo.config import database_url

    source = StoreSource.of(database_url(), [(d.kind, d.id) for d in datasets]) if datasets else None
    return DataSelection(datasets=datasets, records=None, messages=tuple(messages), source=source)


# --------------------------------------------------------------------------- periods


def _as_source(data: pd.DataFrame | ViewSource) -> ViewSource:
    """A view source for records given in memory (a source stays itself)."""
    return data if isinstance(data, (FrameSource, StoreSource)) else FrameSource(data)


def _within(view: View) -> str | None:
    """The area whose codes the view's rows lie in (``None``: the whole country, or an area not above the level)."""
    from geo.data.codes import CODE_LENGTHS

    if view.area is None or len(view.area) >= CODE_LENGTHS.get(view.level, 0):
        return None
    return view.area


def _view_periods(period: Period | None) -> tuple[Period | None, ...]:
    """The periods a value table of ``period`` reads: it and the one before (for the change)."""
    return (None,) if period is None else (period, previous_period(period))


def period_choices(records: pd.DataFrame | ViewSource, kinds: Sequence[str]) -> list[str]:
    """Years and months present in the records of ``kinds``: years first, then months (oldest first).

    Examples
    --------
    >>> import pandas as pd
    >>> records = pd.DataFrame({"period": ["2024-02", "2024-01", "2023"], "kind": ["cases", "cases", "migration"]})
    >>> period_choices(records, ["cases"])
    ['2024', '2024-01', '2024-02']
    """
    present = _as_source(records).periods(kinds)
    years = sorted({period[:4] for period in present})
    months = sorted(period for period in present if len(period) == 7)
    return years + months


def default_period(records: pd.DataFrame | ViewSource, kinds: Sequence[str], within: str | None = None) -> str | None:
    """The latest year holding records of every kind in ``kinds`` (else of any of them; None: no records).

    ``within``: only records inside this area count.

    Examples
    --------
    >>> import pandas as pd
    >>> records = pd.DataFrame({"period": ["2023", "2024-05", "2023-02"],
    ...                         "kind": ["migration", "cases", "cases"]})
    >>> default_period(records, ["cases", "migration"]), default_period(records, ["cases"])
    ('2023', '2024')
    """
    source = _as_source(records)
    per_kind = [years for years in ({p[:4] for p in source.periods([kind], within)} for kind in kinds) if years]
    if not per_kind:
        return None
    common = set.intersection(*per_kind)
    pool = common or set.union(*per_kind)
    return max(pool)


def _period_has_records(records: pd.DataFrame | ViewSource, kinds: Sequence[str], period: Period) -> bool:
    present = period_choices(records, kinds)
    if isinstance(period, str):
        return period in present
    first, last = period
    return any(len(p) == len(first) and first <= p <= last for p in present)


# --------------------------------------------------------------------------- the default indicator


def _shows_values(table: pd.DataFrame) -> bool:
    """Whether an indicator table has at least one value the audience may see."""
    return bool((table["value"].notna() & ~table["suppressed"].astype(bool)).any())


_OPENING_TABLES: dict[tuple[object, ...], pd.DataFrame] = {}
"""The value tables :func:`default_indicator` computed, for :func:`build_choropleth` to reuse at once."""


def _table_key(inputs: tuple[object, ...]) -> tuple[object, ...]:
    records, indicator, codes, period, population, audience, threshold = inputs
    # By identity: the same records and population objects within one build_choropleth call.
    return (id(records), indicator, tuple(codes), period, id(population), audience, threshold)  # type: ignore[arg-type]


def _remember_table(inputs: tuple[object, ...], table: pd.DataFrame) -> None:
    if len(_OPENING_TABLES) >= 8:
        _OPENING_TABLES.clear()
    _OPENING_TABLES[_table_key(inputs)] = table


def _value_table(
    source: ViewSource, view: View, indicator: str, codes: Sequence[str], period: Period | None,
    population: pd.Series | None, measure: str, audience: str, threshold: int,
) -> pd.DataFrame:
    """The indicator table, taken from :func:`default_indicator`'s work when it just computed it."""
    population = population if _needs_population(indicator) else None
    records = source.rows(view.level, _within(view), _view_periods(period))
    if measure == "value":
        known = _OPENING_TABLES.pop(
            _table_key((records, indicator, codes, period, population, audience, threshold)), None
        )
        if known is not None:
            return known
    return indicator_table(
        records, indicator, codes, period, population=population, measure=measure, audience=audience,
        threshold=threshold, whole=source.whole,
    )


def default_indicator(
    records: pd.DataFrame | ViewSource,
    available: Sequence[str],
    codes: Sequence[str],
    view: View,
    *,
    population: pd.Series | None = None,
    audience: str = PUBLIC,
    thresholds: Mapping[str, int] | None = None,
) -> tuple[str, str | None]:
    """The indicator (and period) a view opens on: the first one with data inside the view.

    In the order of ``available`` (the documented order of
    :data:`geo.analysis.indicators.INDICATORS`), the first indicator with at least one
    value the audience may see among ``codes`` in the view's period (its default: the
    latest year of the indicator's records). When none has one and the view has no period
    of its own, each indicator is tried again in the latest year that has its records
    inside the view's area. When no indicator shows anything the first one is kept.

    Parameters
    ----------
    records
        Combined records (:func:`geo.analysis.indicators.combine_records`), or the view's source.
    available
        Indicators available at the view's level, in order.
    codes
        Codes of the areas drawn.
    view
        The view (its area and period).
    population
        Residents by area code, for the indicators per resident.
    audience
        ``"public"``: suppressed values do not count as data.
    thresholds
        Disclosure threshold by dataset kind.

    Returns
    -------
    tuple[str, str | None]
        The indicator, and the period to open on (``None``: the indicator's default period).

    Examples
    --------
    >>> import pandas as pd
    >>> from geo.analysis.indicators import combine_records
    >>> records = combine_records(
    ...     migration=pd.DataFrame({"area_code": ["32.12"], "period": ["2024"], "count": [500]}),
    ...     cases=pd.DataFrame({"area_code": ["21.71"], "period": ["2024"], "count": [40]}))
    >>> default_indicator(records, ["migrants", "cases"], ["21.71", "21.01"], View(level="regency", area="21"))
    ('cases', None)
    """
    thresholds = thresholds or {}
    source = _as_source(records)

    def shows_values(indicator: str, period: PeriodChoice) -> bool:
        kinds = INDICATORS[indicator].kinds
        table_period = None if period == ALL_PERIODS else period
        threshold = threshold_for_kinds(kinds, dict(thresholds))
        residents = population if _needs_population(indicator) else None
        rows = source.rows(view.level, _within(view), _view_periods(table_period))
        table = indicator_table(
            rows, indicator, list(codes), table_period, population=residents, audience=audience, threshold=threshold,
            whole=source.whole,
        )
        _remember_table((rows, indicator, codes, table_period, residents, audience, threshold), table)
        return _shows_values(table)

    for indicator in available:
        kinds = INDICATORS[indicator].kinds
        period = view.period
        if period is None or (period != ALL_PERIODS and not _period_has_records(source, kinds, period)):
            period = default_period(source, kinds) or ALL_PERIODS
        if shows_values(indicator, period):
            return indicator, None
    if view.period is None:
        for indicator in available:
            year = default_period(source, INDICATORS[indicator].kinds, within=view.area)
            if year is not None and shows_values(indicator, year):
                return indicator, year
    return available[0], None


# --------------------------------------------------------------------------- the choropleth


@dataclass(frozen=True)
class Choropleth:
    """Everything the page, the CLI and the exported HTML show about values.

    ``table`` is indexed by area code with the columns ``name``, ``class``, ``colour``
    and :data:`geo.analysis.indicators.TABLE_COLUMNS`; ``payload`` is the JSON-ready style
    mapping the browser applies to the geometry (every text in it escaped).
    """

    indicator: str
    measure: str
    period: PeriodChoice
    scheme: str
    k: int
    palette: str
    fixed: bool
    indicators: tuple[str, ...]
    periods: tuple[str, ...]
    table: pd.DataFrame
    classification: Classification
    legend: Legend
    legend_html: str
    payload: dict[str, object]
    title: str
    sources: tuple[DatasetRef, ...]
    messages: tuple[str, ...] = field(default=())

    @property
    def sample_datasets(self) -> tuple[DatasetRef, ...]:
        """Datasets behind the values that are synthetic samples (a visible label must say so)."""
        return tuple(dataset for dataset in self.sources if dataset.is_sample)

    def resolved_view(self, view: View) -> View:
        """``view`` with the options actually used (after fallbacks)."""
        return replace(
            view, indicator=self.indicator, measure=self.measure, period=self.period, scheme=self.scheme,
            k=self.k, palette=self.palette, fixed=self.fixed,
        )


def format_value(value: float, unit: str, lang: str, *, change: bool = False) -> str:
    """A value as text: whole counts, rates with 2 decimals, shares with 1 and a % sign.

    Examples
    --------
    >>> format_value(1234.0, "count", "id"), format_value(12.345, "per_1000", "en"), format_value(-2.5, "percent", "en", change=True)
    ('1.234', '12.35', '−2.5 %')
    >>> format_value(3.0, "count", "en", change=True)
    '+3'
    """
    text = format_number(value, lang, VALUE_DECIMALS.get(unit, 2), signed=change)
    return f"{text} %" if unit == "percent" else text


_FIXED_BREAKS_CACHE: dict[tuple[object, ...], Breaks] = {}
_FIXED_BREAKS_CACHE_SIZE = 64


def _fixed_breaks(
    source: ViewSource, view: View, cache_key: tuple[object, ...] | None, indicator: str, codes: Sequence[str],
    granularity: int, measure: str, scheme: str, k: int, population: pd.Series | None,
    disclosure: tuple[str, int] = (PUBLIC, 1),
) -> Breaks:
    """Breaks over every period of the selected granularity (years, or months), cached per dataset ids.

    The view's values in every period come from one query summing its roll-up rows per
    area and period. ``disclosure`` is (audience, threshold): values hidden from the
    audience never shape a break.
    """
    key = None if cache_key is None else (
        *cache_key, indicator, tuple(codes), granularity, measure, scheme, k, disclosure
    )
    if key is not None and key in _FIXED_BREAKS_CACHE:
        return _FIXED_BREAKS_CACHE[key]
    present = source.periods(KINDS)
    # A year counts its months too, so with monthly data the years are the months' years.
    periods = sorted({p[:4] for p in present}) if granularity == 4 else [p for p in present if len(p) == granularity]
    if measure == "change":  # each period's change needs the period before it
        periods_read = sorted({*periods, *(str(previous_period(p)) for p in periods)})
    else:
        periods_read = periods
    audience, threshold = disclosure
    rows = source.rows(view.level, _within(view), tuple(periods_read))
    panel = indicator_panel(
        rows, indicator, list(codes), periods, population=population, measure=measure, audience=audience,
        threshold=threshold, whole=source.whole,
    )
    breaks = fixed_breaks(panel["value"], scheme, k, suppressed=panel["suppressed"])
    if key is not None:
        if len(_FIXED_BREAKS_CACHE) >= _FIXED_BREAKS_CACHE_SIZE:
            _FIXED_BREAKS_CACHE.pop(next(iter(_FIXED_BREAKS_CACHE)))
        _FIXED_BREAKS_CACHE[key] = breaks
    return breaks


def _cache_key(selection: DataSelection) -> tuple[object, ...] | None:
    """Key of a selection's records in process caches (``None``: records built by hand, not cached)."""
    if not selection.ids:
        return None
    from geo.config import database_url

    return (database_url(), *selection.ids)


def _population_for(codes: Sequence[str]) -> pd.Series:
    """Official residents by area code (provinces and regencies), restricted to ``codes``."""
    from geo.data.codes import population

    frame = population()
    series = frame.set_index("code")["population"].astype("float64")
    return series.reindex([str(code) for code in codes])


def _needs_population(indicator: str) -> bool:
    return INDICATORS[indicator].population_levels is not None


def _resolved_period(
    records: pd.DataFrame | ViewSource, kinds: Sequence[str], requested: PeriodChoice, preferred: str | None, lang: str,
    messages: list[str],
) -> PeriodChoice:
    """The requested period if the records of ``kinds`` have it, else ``preferred`` or their default."""
    period = requested
    if period is not None and period != ALL_PERIODS and not _period_has_records(records, kinds, period):
        messages.append(t("map.period.no_records", lang, period=period_label(period, lang)))
        period = None
    if period is None:
        period = preferred or default_period(records, kinds) or ALL_PERIODS
    return period


def _indicator_fallback_message(indicator: str, fallback: str, level: str, lang: str) -> str:
    """Why the indicator in the URL is not shown, and which one is."""
    return t("map.indicator.unavailable", lang, indicator=t(INDICATORS[indicator].label_key, lang),
             level=t(f"level.{level}", lang), fallback=t(INDICATORS[fallback].label_key, lang))


def build_choropleth(
    view: View,
    area_codes: Sequence[str],
    selection: DataSelection,
    *,
    names: Mapping[str, str] | Callable[[str], str],
    lang: str = DEFAULT_LANGUAGE,
    population: pd.Series | None = None,
    audience: str = PUBLIC,
) -> Choropleth | None:
    """The choropleth of ``view`` over ``area_codes`` (the areas of the drawn layer).

    Returns ``None`` when the selection has no records. Options the data cannot give
    (an indicator not available at this level, a period without records, change over
    all periods, bad user breaks) are replaced by the defaults, each with a message in
    :attr:`Choropleth.messages`.

    Parameters
    ----------
    view
        The page's view (level, area and choropleth options).
    area_codes
        Codes of the areas drawn, in layer order.
    selection
        From :func:`select_datasets` (or built by hand in tests).
    names
        Area names by code (a mapping or a function), for the table and the tooltips' parent names.
    lang
        Language of labels and number formats.
    population
        Residents by area code; default: the official figures (provinces, regencies).
    audience
        ``"public"`` (default): values resting on small counts, and the complementary
        values that would reveal them, are suppressed in the table, legend counts, breaks,
        ranks and the payload (the browser never receives them); ``"analyst"``: all shown.
        The threshold is the strictest ``disclosure_threshold`` of the datasets involved.
    """
    source = selection.view_source
    if source is None or not source.kinds():
        return None
    name_of = names if callable(names) else (lambda code: names.get(code, code))
    messages: list[str] = []
    codes = [str(code) for code in area_codes]
    level = view.level
    if population is None and level in ("province", "regency"):
        population = _population_for(codes)

    from geo.analysis.indicators import available_indicators

    available = tuple(available_indicators(source.rows(level, _within(view), ()), level, population, source.whole))
    if not available:
        return None
    indicator, preferred_period = view.indicator, None
    if indicator is None or indicator not in available:
        fallback, preferred_period = default_indicator(
            source, available, codes, view, population=population, audience=audience,
            thresholds={d.kind: threshold_of(d) for d in selection.datasets},
        )
        if indicator is not None:
            messages.append(_indicator_fallback_message(indicator, fallback, level, lang))
        indicator = fallback
    kinds = INDICATORS[indicator].kinds
    periods = tuple(period_choices(source, kinds))

    period = _resolved_period(source, kinds, view.period, preferred_period, lang, messages)
    measure = view.measure
    if measure == "change" and period == ALL_PERIODS:
        messages.append(t("map.measure.needs_period", lang))
        measure = "value"
    table_period = None if period == ALL_PERIODS else period

    threshold = threshold_for_kinds(kinds, {d.kind: threshold_of(d) for d in selection.datasets})
    table = _value_table(source, view, indicator, codes, table_period, population, measure, audience, threshold)

    scheme, k, palette, fixed = view.scheme, view.k, view.palette, view.fixed
    if measure == "change" and palette == DEFAULT_PALETTE:
        palette = DEFAULT_DIVERGING
    breaks: Breaks | Sequence[float] | None = None
    if scheme == "user_defined":
        breaks = view.breaks
        fixed = False  # the user's breaks are the same in every period anyway
    elif fixed:
        if table_period is None:
            fixed = False
        else:
            granularity = len(table_period if isinstance(table_period, str) else table_period[0])
            breaks = _fixed_breaks(
                source, view, _cache_key(selection), indicator, codes, granularity, measure, scheme, k,
                population if _needs_population(indicator) else None, (audience, threshold),
            )
    try:
        classification = classify(table["value"], scheme, k, breaks=breaks, suppressed=table["suppressed"])
    except InvalidClassificationError as error:
        messages.append(t("map.classify.fallback", lang, reason=str(error)))
        scheme, fixed = DEFAULT_SCHEME, False
        classification = classify(table["value"], scheme, k, suppressed=table["suppressed"])

    indicator_name = t(INDICATORS[indicator].label_key, lang)
    title = indicator_name if measure == "value" else f"{indicator_name} – {t('risk.measure.change', lang)}"
    title = f"{title} · {period_label(period, lang)}"
    reverse = measure == "change" and palette == DEFAULT_DIVERGING  # increases in red
    legend = build_legend(classification, palette, title=title, reverse=reverse,
                          suppression_threshold=threshold if audience == PUBLIC else None)
    colours = area_colours(classification, palette, reverse=reverse)

    names_column = [name_of(code) for code in codes]
    table = table.copy()
    table.insert(0, "name", names_column)
    table["class"] = classification.labels.reindex(table.index).to_numpy()
    table["colour"] = colours.reindex(table.index).to_numpy()

    sources = tuple(d for d in selection.datasets if d.kind in kinds)
    payload = style_payload(
        table, classification, palette, reverse=reverse, legend=legend_html(legend, lang), unit=INDICATORS[indicator].unit,
        change=measure == "change", lang=lang, name_of=name_of, sources=sources, title=title,
    )
    return Choropleth(
        indicator=indicator, measure=measure, period=period, scheme=scheme, k=k, palette=view.palette,
        fixed=fixed, indicators=available, periods=periods, table=table, classification=classification,
        legend=legend, legend_html=legend_html(legend, lang), payload=payload, title=title, sources=sources,
        messages=tuple(messages),
    )


def _parent_text(parent: str, name_of: Callable[[str], str]) -> str:
    from geo.data.codes import ancestors

    chain = [parent, *reversed(ancestors(parent))]
    return " › ".join(name_of(code) for code in chain)


def style_payload(
    table: pd.DataFrame,
    classification: Classification,
    palette: str,
    *,
    reverse: bool,
    legend: str,
    unit: str,
    change: bool,
    lang: str,
    name_of: Callable[[str], str],
    sources: Sequence[DatasetRef],
    title: str,
) -> dict[str, object]:
    """The mapping the browser applies to the geometry: class, value text and rank per area code.

    Areas without data are left out (drawn in the no-data colour). Every text is
    HTML-escaped here; ``legend`` is already escaped markup from :func:`geo.web.legend.legend_html`.
    """
    areas: dict[str, list[object]] = {}
    classes = classification.labels.reindex(table.index).to_numpy()
    values = table["value"].to_numpy(dtype="float64")
    ranks = table["rank"].to_numpy(dtype=object)
    rank_of = table["rank_of"].to_numpy(dtype=object)
    for code, label, value, rank, total in zip(table.index, classes, values, ranks, rank_of, strict=True):
        if label == NO_DATA:
            continue
        if label == SUPPRESSED:
            areas[code] = [SUPPRESSED, "", ""]
            continue
        rank_text = "" if rank is pd.NA or rank is None else t("map.rank", lang, rank=int(rank), total=int(total))
        areas[code] = [int(label), escape(format_value(float(value), unit, lang, change=change)), escape(rank_text)]
    parents = {
        parent: escape(_parent_text(parent, name_of))
        for parent in sorted({p for p in table["parent_code"].dropna().astype(str)})
    }
    return {
        "key": f"{title}|{palette}|{classification.k}|{len(areas)}",
        "colours": list(class_colours(palette, classification.k, reverse=reverse)),
        "no_data": NO_DATA_COLOUR,
        "suppressed": SUPPRESSED_COLOUR,
        "areas": areas,
        "parents": parents,
        "legend": legend,
        "source": escape(", ".join(d.label() for d in sources)),
        "labels": {
            "code": escape(t("ui.map.code", lang)),
            "value": escape(title),
            "rank": escape(t("risk.column.rank", lang)),
            "source": escape(t("map.source", lang)),
            "no_data": escape(t("risk.legend.no_data", lang)),
            "suppressed": escape(t("risk.legend.suppressed", lang)),
        },
    }


MISSING_TEXT = "–"
"""What a table cell shows for no value (no data, or hidden from the audience): never ``None``."""


def display_table(choropleth: Choropleth, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """The table shown beside the map: name, code, value, rank; highest values first, no data last.

    Column headers are in ``lang``; values are text formatted in ``lang`` as in the legend
    and tooltips (:func:`format_value`), :data:`MISSING_TEXT` where there is none (the
    note says why: no data, or suppressed).
    """
    table = choropleth.table
    values = table["value"].to_numpy(dtype="float64")
    unit = INDICATORS[choropleth.indicator].unit
    change = choropleth.measure == "change"
    frame = pd.DataFrame(
        {
            t("risk.column.name", lang): table["name"].to_numpy(),
            t("risk.column.code", lang): table.index.to_numpy(),
            t("map.table.value", lang): [
                MISSING_TEXT if math.isnan(value) else format_value(value, unit, lang, change=change)
                for value in values
            ],
            t("map.table.rank", lang): [
                MISSING_TEXT if pd.isna(rank) else t("map.rank", lang, rank=format_number(int(rank), lang),
                                                     total=format_number(int(total), lang))
                for rank, total in zip(table["rank"], table["rank_of"], strict=True)
            ],
            t("map.table.note", lang): [
                t("risk.legend.suppressed", lang) if hidden else (t("risk.legend.no_data", lang) if math.isnan(v) else "")
                for hidden, v in zip(table["suppressed"], values, strict=True)
            ],
        }
    )
    order = np.lexsort((table.index.to_numpy(dtype=str), -np.nan_to_num(values, nan=-np.inf)))
    return frame.iloc[order].reset_index(drop=True)


def export_table(choropleth: Choropleth, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """The table for CSV/XLSX export: every indicator column, headers in ``lang``, plus the source datasets."""
    from geo.web.export import with_column_labels

    table = choropleth.table.drop(columns=["colour"])
    table = table.assign(**{
        "period": period_label(choropleth.period, lang),
        "source": ", ".join(d.label() for d in choropleth.sources),
    })
    frame = with_column_labels(table, lang)
    return frame.rename(columns={"period": t("map.export.period", lang), "source": t("map.source", lang)})


# --------------------------------------------------------------------------- one call for page and CLI


@dataclass(frozen=True)
class MapData:
    """A view's prepared layer, its data selection and its choropleth (``None``: no data)."""

    view: View
    layer: object  # geo.web.layers.PreparedLayer
    selection: DataSelection
    choropleth: Choropleth | None
    value_audience: str = PUBLIC  # "public": small counts (and what reveals them) suppressed

    @property
    def messages(self) -> tuple[str, ...]:
        """Messages about datasets and options that fell back."""
        return self.selection.messages + (self.choropleth.messages if self.choropleth else ())


def map_data(
    view: View, *, layer: object | None = None, data_audience: str = "public", value_audience: str = PUBLIC
) -> MapData:
    """Layer, datasets and choropleth of ``view`` (``layer`` defaults to :func:`geo.web.layers.cached_layer`).

    ``data_audience`` says which datasets may be shown: ``"public"`` (viewers: restricted
    ones are not available) or ``"analyst"``. ``value_audience`` says whether small counts
    are suppressed (``"public"``, the default) or shown (``"analyst"``): see
    :func:`build_choropleth` and :func:`map_flows`.
    """
    from geo.data.codes import CodeList
    from geo.web.layers import cached_layer

    prepared = layer if layer is not None else cached_layer(view.level, view.area)
    selection = select_datasets(view.datasets, view.lang, audience=data_audience)
    codes = CodeList.load()

    def name_of(code: str) -> str:
        return codes.name(code) if code in codes else code

    choropleth = build_choropleth(
        view, prepared.codes, selection, names=name_of, lang=view.lang, audience=value_audience,  # type: ignore[attr-defined]
    )
    return MapData(view=view, layer=prepared, selection=selection, choropleth=choropleth, value_audience=value_audience)


def sample_notice(choropleth: Choropleth | None, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """The "sample data" label and the anchor citation of every sample dataset shown (plain text)."""
    if choropleth is None:
        return []
    from geo.data.sample import citation

    return [
        t("map.sample.label", lang, name=dataset.label(), citation=citation(dataset.sources, lang))
        for dataset in choropleth.sample_datasets
    ]


def sample_labels(choropleth: Choropleth | None, lang: str = DEFAULT_LANGUAGE) -> list[tuple[str, str]]:
    """The one short "sample data" label and its anchor citations for the sample datasets shown (plain text).

    The page shows the label on one line and the citation one click away; exported maps
    use :func:`sample_notice` (both in one text). An indicator over two sample datasets
    (cases per 1,000 migrants) still gets one line (:func:`sample_line`).

    Examples
    --------
    >>> sample_labels(None)
    []
    """
    if choropleth is None:
        return []
    line = sample_line([(dataset.label(), dataset.sources) for dataset in choropleth.sample_datasets], lang)
    return [] if line is None else [line]


def sample_line(datasets: Sequence[tuple[str, str | None]], lang: str = DEFAULT_LANGUAGE) -> tuple[str, str] | None:
    r"""One "sample data" label for every sample dataset of a view, and their citations.

    One line keeps the map high on the page however many sample datasets a view draws on.

    Parameters
    ----------
    datasets : sequence of (str, str or None)
        Each sample dataset's label (name and version) and its stored sources.
    lang : str
        Language of the label and citations.

    Returns
    -------
    (str, str) or None
        The label (naming the one dataset, or counting several) and the citations
        (each after its dataset's name when there are several, blank-line separated);
        ``None`` without sample datasets.

    Examples
    --------
    >>> sample_line([("Migrasi v1", None)], "en")[0]
    'SAMPLE DATA (synthetic), not real data — Migrasi v1'
    >>> label, citations = sample_line([("Migrasi v1", None), ("Kasus v1", None)], "en")
    >>> label, citations.split("\n\n")
    ('SAMPLE DATA (synthetic), not real data — 2 sample datasets (see Sources)', ['Migrasi v1', 'Kasus v1'])
    >>> sample_line([], "en") is None
    True
    """
    if not datasets:
        return None
    from geo.data.sample import citation

    if len(datasets) == 1:
        name, sources = datasets[0]
        return t("map.sample.short", lang, name=name), citation(sources, lang)
    # Several names do not fit one line: the label counts them, the citations name them.
    label = t("map.sample.short_many", lang, count=len(datasets))
    return label, "\n\n".join(f"{name}: {citation(sources, lang)}".rstrip(": ") for name, sources in datasets)


def export_map_html(
    view: View,
    *,
    extra_layers: Sequence[object] = (),
    data: MapData | None = None,
    tiles: str | None = None,
    value_audience: str = PUBLIC,
) -> str:
    """The view as one standalone HTML page: Leaflet, the GeoJSON, colours and legend inlined.

    The file draws offline (no request leaves the file except basemap tiles when
    ``tiles`` is ``auto``, ``osm`` or ``carto``; default ``none``); our own base (land,
    place names, province outlines) is inlined under the areas whatever the choice.

    Parameters
    ----------
    view
        Level, area, datasets, indicator, period and classification to draw.
    extra_layers
        More layers drawn on top: folium elements (added with ``add_child``) or
        callables taking the folium map (e.g. ``lambda m: geo.web.flow_layer.add_flow_layer(m, result)``).
    data
        The view's :class:`MapData` when already computed (the page passes its own).
    tiles
        ``"none"`` (default), ``"auto"``, ``"osm"`` or ``"carto"``.
    value_audience
        When ``data`` is not given: ``"public"`` (default, small counts suppressed) or ``"analyst"``.
    """
    from geo.web.layers import cached_layer
    from geo.web.render import standalone_map_html

    data = data or map_data(view, value_audience=value_audience)
    tiles = tiles or "none"
    base = None
    # Province outlines on our own base (land and place names are always inlined).
    if not (view.area is None and view.level == "province"):
        base = cached_layer("province", None)
    choropleth = data.choropleth
    notes = [t("attribution.boundaries", view.lang)]
    if choropleth is not None:
        notes.insert(0, t("map.export.source_line", view.lang, sources=", ".join(d.label() for d in choropleth.sources)))
    title = choropleth.title if choropleth is not None else t("ui.map.title", view.lang)
    return standalone_map_html(
        data.layer,  # type: ignore[arg-type]
        payload=choropleth.payload if choropleth is not None else None,
        tiles=tiles,
        base_outlines=base,
        lang=view.lang,
        title=title,
        notes=notes,
        sample_notes=sample_notice(choropleth, view.lang),
        extra_layers=extra_layers,
    )


# --------------------------------------------------------------------------- flows over the map (``flows=1``)


def flow_period_bounds(period: PeriodChoice) -> tuple[str | None, str | None]:
    """The map's period as the (from, to) filter of :func:`geo.analysis.flows.aggregate_flows`.

    Examples
    --------
    >>> flow_period_bounds("2024"), flow_period_bounds(("2024-01", "2024-06")), flow_period_bounds("all")
    (('2024', '2024'), ('2024-01', '2024-06'), (None, None))
    """
    if period is None or period == ALL_PERIODS:
        return None, None
    if isinstance(period, tuple):
        return period[0], period[1]
    return period, period


@lru_cache(maxsize=32)
def _flows_of(
    database: str, dataset_id: int, stamp: str, level: str, within: str | None, period_from: str | None, period_to: str | None,
    top: int, audience: str = PUBLIC, threshold: int | None = None, country: str | None = None,
    min_count: float = 0.0,
) -> FlowResult:
    # Dataset versions never change: one aggregation per process and view, shared by sessions
    # (the result is read only). The view's roll-up rows only, never the record table.
    # ``stamp`` (the version's publication time) keys the cache only: an id given again to a new
    # version (an emptied database) never finds the old version's flows.
    del stamp
    from geo.web.flowdata import stored_flows

    return stored_flows(
        database, dataset_id, level=level, within=within, period_from=period_from, period_to=period_to, top=top,
        unit="cases", audience=audience, threshold=threshold, destination_countries=[country] if country else None,
        min_count=min_count,
    )


def map_flows(data: MapData, *, top: int | None = None) -> FlowResult | None:
    """The flows drawn over ``data``'s map: origins at the view's level inside its area.

    Uses the cases dataset of the view (``None`` when it shows none), in the map's
    period when the map shows a cases indicator, else over all periods; the ``top``
    largest flows (default: the view's ``flow_top``, else :data:`geo.analysis.flows.DEFAULT_TOP`)
    are kept, the rest summed and stated in the flow legend; the view's ``flow_country`` and
    ``flow_min`` (URL ``country``, ``min``) filter them as on the Flows page. Returns a :class:`geo.analysis.flows.FlowResult`. For
    ``data.value_audience == "public"`` flows below the cases dataset's disclosure threshold
    (and their complementary flows) are left out of every number.
    """
    from geo.analysis.flows import DEFAULT_TOP
    from geo.config import database_url

    cases = data.selection.of_kind("cases")
    if cases is None:
        return None
    choropleth = data.choropleth
    # The map's period when the map shows case values; a migration indicator's period
    # (e.g. 2023) says nothing about the cases, which may cover other years: then all periods.
    period = choropleth.period if choropleth is not None and "cases" in INDICATORS[choropleth.indicator].kinds else None
    period_from, period_to = flow_period_bounds(period)
    view = data.view
    source = data.selection.source
    return _flows_of(
        database_url(), cases.id, source.stamp(cases.id) if source is not None else "", view.level, view.area, period_from, period_to, top or view.flow_top or DEFAULT_TOP,
        data.value_audience, threshold_of(cases), view.flow_country, view.flow_min,
    )


def map_flow_countries(data: MapData) -> list[str]:
    """ISO alpha-2 codes of the countries the view's flows reach: the choices of its ``country`` filter.

    The view's own ``country``/``min``/``top`` filters are left out, so the choice never
    narrows itself; ``[]`` when the view shows no cases dataset.

    Parameters
    ----------
    data : MapData
        The view's data.

    Returns
    -------
    list of str
        Sorted codes.
    """
    from geo.web.viewstate import MAX_TOP

    unfiltered = replace(data, view=replace(data.view, flow_country=None, flow_min=0.0, flow_top=None))
    result = map_flows(unfiltered, top=MAX_TOP)
    if result is None:
        return []
    return sorted({str(code) for code in result.flows["destination_country_code"].dropna()})


def flow_overlay(result: FlowResult, lang: str = DEFAULT_LANGUAGE) -> folium.FeatureGroup:
    """The flow lines, arrowheads, destination circles and legend as one folium FeatureGroup.

    For the app's live map: pass it to ``st_folium(feature_group_to_add=[...])`` beside
    :func:`geo.web.render.restyle_group`, so turning flows on or off never resends the
    areas' geometry (the map keeps its centre and zoom). The legend is shown while the
    group is on the map.
    """
    from geo.web.flow_layer import flow_overlay as flow_group

    return flow_group(result, lang)[0]


def flow_export_layers(result: FlowResult | None, lang: str = DEFAULT_LANGUAGE) -> list[object]:
    """``extra_layers`` for :func:`export_map_html` drawing ``result``'s flows (none for ``None``)."""
    if result is None:
        return []
    from geo.web.flow_layer import add_flow_layer

    return [lambda folium_map: add_flow_layer(folium_map, result, language=lang)]


def flow_summary(result: FlowResult, lang: str = DEFAULT_LANGUAGE) -> str:
    """One line under the map: how many flows and cases, and how many are drawn (plain text)."""
    period = result.period_label
    title = t("flows.legend.title", lang, unit=t("flows.unit.cases", lang))
    return title + " · " + t(
        "flows.summary", lang,
        flows=format_number(result.flow_count, lang),
        count=format_number(result.total_count, lang),
        unit=t("flows.unit.cases", lang), period=f" ({period})" if period else "",
        drawn=format_number(len(result.flows), lang),
    )
