"""What a view reads: the rows of its level, area and period — never a dataset's whole record table.

Two sources give the Map page (:mod:`geo.web.mapview`) the same answers:

* :class:`StoreSource` — dataset versions in the store. Every question is one small
  indexed query on the roll-ups written when the version was published
  (:mod:`geo.data.rollups`): the rows of one level inside one area, summed by SQL over
  the periods asked (a month range ``2024-01..2024-06`` is one ``SUM … GROUP BY``); the
  periods present; the counts of the whole area hierarchy for one period, on which
  disclosure control is decided (so an area hidden in one view is hidden in all). An app
  process keeps only view-sized answers (a few LRU caches), never a dataset-sized frame.
* :class:`FrameSource` — records already in memory (built by hand in tests and doctests,
  or uploaded and not yet published): the records themselves answer.

Rows come as tidy records (:func:`geo.analysis.indicators.validate_records`): ``area_code``
is the area's code at the view's level, so :func:`geo.analysis.indicators.indicator_table`
gives on them exactly what it gives on every record (``tests/rollups`` checks it).

Examples
--------
>>> import pandas as pd
>>> from geo.analysis.indicators import combine_records
>>> source = FrameSource(combine_records(cases=pd.DataFrame(
...     {"area_code": ["21.71.01.1001"], "period": ["2024-03"], "count": [12]})))
>>> sorted(source.kinds()), source.periods(["cases"]), source.periods(["cases"], within="31")
(['cases'], ['2024-03'], [])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from geo.analysis.indicators import Hierarchy, Period, validate_records
from geo.data.rollups import periods_covering

ROW_CACHE_SIZE = 64
"""View answers kept per process (each is the size of one view, not of a dataset)."""


@dataclass(frozen=True, eq=False)
class FrameSource:
    """Records in memory answer for themselves (tests, doctests, unpublished uploads)."""

    records: pd.DataFrame

    @property
    def whole(self) -> Hierarchy | None:
        """``None``: the rows handed out are the whole data (indicators use their own hierarchy)."""
        return None

    def kinds(self) -> frozenset[str]:
        """Record kinds present."""
        return frozenset(str(kind) for kind in self.records["kind"].unique())

    def periods(self, kinds: Sequence[str], within: str | None = None) -> list[str]:
        """Periods of the records of ``kinds`` (inside ``within`` when given), sorted."""
        records = self.records
        chosen = records["kind"].astype(str).isin(list(kinds)).to_numpy(copy=True)
        if within is not None:
            codes = records["area_code"].astype(str)
            chosen &= ((codes == within) | codes.str.startswith(within + ".")).to_numpy(dtype=bool)
        return sorted(records.loc[chosen, "period"].astype(str).unique())

    def rows(self, level: str, within: str | None, periods: Sequence[Period | None]) -> pd.DataFrame:
        """The records themselves: indicators select the view's areas and periods from them."""
        del level, within, periods  # the same object every time keeps the per-records caches warm
        return self.records


@dataclass(frozen=True)
class StoreSource:
    """Dataset versions in the store, read through their roll-ups (hashable: caches key on it)."""

    database: str
    ids_by_kind: tuple[tuple[str, int], ...]
    stamps: tuple[str, ...] = ()
    """When each version was published: part of every cache key, so a purged version's id given
    again to a new one (SQLite reuses the highest id; a test database is emptied) never finds the
    old version's answers."""

    @classmethod
    def of(cls, database: str, ids_by_kind: Sequence[tuple[str, int]]) -> StoreSource:
        """The source of these versions, stamped with their publication times from the store."""
        from geo.data.store import Store

        store = Store(database)
        pairs = tuple((str(kind), int(dataset_id)) for kind, dataset_id in ids_by_kind)
        return cls(database, pairs, tuple(store.get_dataset(i).created_at.isoformat() for _, i in pairs))

    @property
    def whole(self) -> Hierarchy:
        """Itself: availability and disclosure come from the store, not from a view's rows."""
        return self

    def _store(self) -> object:
        from geo.data.store import Store

        return Store(self.database)

    def kinds(self) -> frozenset[str]:
        """Kinds of the versions that have at least one roll-up row (records with an area and period)."""
        return frozenset(kind for kind, _ in self.ids_by_kind if _period_rows(self, None).get(kind))

    def has_procedural(self) -> bool:
        """Whether the migration version says for some records whether the departure was procedural."""
        migration = dict(self.ids_by_kind).get("migration")
        return migration is not None and _has_procedural(self.database, migration, self.stamp(migration))

    def periods(self, kinds: Sequence[str], within: str | None = None) -> list[str]:
        """Months and years with records of ``kinds`` (inside ``within`` when given), sorted."""
        by_kind = _period_rows(self, within)
        return sorted({period for kind in kinds for period in by_kind.get(kind, ())})

    def years(self, kind: str) -> list[str]:
        """Years the version of ``kind`` has records in."""
        return [period for period in _period_rows(self, None).get(kind, ()) if len(period) == 4]

    def rows(self, level: str, within: str | None, periods: Sequence[Period | None]) -> pd.DataFrame:
        """Tidy records of the view: its level, the areas inside ``within``, the periods asked.

        A single year or month comes back per period; a range, or ``None`` (every period),
        comes back summed by SQL into one row per area and split, labelled with the range's
        first period, so :func:`geo.analysis.indicators.indicator_table` selects it for the
        range and never for a range before it.
        """
        return _view_rows(self, level, within, tuple(periods))

    def tree_counts(self, kind: str, procedural: bool | str | None, period: Period | None) -> pd.Series:
        """Counts of every area of every level with records of ``kind`` in ``period`` (codes sorted)."""
        dataset_id = dict(self.ids_by_kind).get(kind)
        if dataset_id is None:
            return pd.Series(dtype="float64")
        return _tree(
            self.database, dataset_id, self.stamp(dataset_id), tuple(periods_covering(period, self.years(kind))),
            procedural,
        )

    def tree_flags(self, kind: str, procedural: bool | str | None, period: Period | None, threshold: int) -> pd.Series:
        """Disclosure flags of the whole hierarchy for one count (True: hidden; codes left out: visible).

        Decided once per version, count, period and threshold and kept on disk
        (:func:`geo.web.disclosure_cache.hidden_codes`): the national hierarchy is about
        91,000 areas, and a new app process would otherwise sum it again before its first map.
        """
        from geo.web.disclosure_cache import hidden_codes

        dataset_id = dict(self.ids_by_kind).get(kind)
        if dataset_id is None:
            return pd.Series(dtype=bool)
        periods = tuple(periods_covering(period, self.years(kind)))
        hidden = hidden_codes(
            (self.database, dataset_id, self.stamp(dataset_id), periods, procedural, threshold),
            lambda: self.tree_counts(kind, procedural, period),
        )
        return pd.Series(True, index=pd.Index(sorted(hidden), dtype=object), dtype=bool)

    def stamp(self, dataset_id: int) -> str:
        """When version ``dataset_id`` was published ("" if it is not one of these).

        Caches keyed by one version take it too (see ``stamps``).
        """
        stamp_of = dict(zip((i for _, i in self.ids_by_kind), self.stamps, strict=False))
        return stamp_of.get(dataset_id, "")


@lru_cache(maxsize=ROW_CACHE_SIZE)
def _period_rows(source: StoreSource, within: str | None) -> dict[str, tuple[str, ...]]:
    from geo.data.store import Store

    kind_of = {dataset_id: kind for kind, dataset_id in source.ids_by_kind}
    frame = Store(source.database).rollup_periods(list(kind_of), within=within)
    result: dict[str, list[str]] = {}
    for dataset_id, period in zip(frame["dataset_id"], frame["period"], strict=True):
        result.setdefault(kind_of[int(dataset_id)], []).append(str(period))
    return {kind: tuple(periods) for kind, periods in result.items()}


@lru_cache(maxsize=16)
def _has_procedural(database: str, dataset_id: int, stamp: str) -> bool:  # noqa: ARG001 (cache key)
    from geo.data.store import Store

    return Store(database).has_procedural(dataset_id)


@lru_cache(maxsize=ROW_CACHE_SIZE)
def _tree(
    database: str, dataset_id: int, stamp: str, periods: tuple[str, ...],  # noqa: ARG001 (stamp: cache key)
    procedural: bool | str | None,
) -> pd.Series:
    from geo.data.store import Store

    return Store(database).rollup_tree(dataset_id, periods, procedural=procedural)


@lru_cache(maxsize=ROW_CACHE_SIZE)
def _view_rows(
    source: StoreSource, level: str, within: str | None, periods: tuple[Period | None, ...]
) -> pd.DataFrame:
    from geo.data.store import Store

    store = Store(source.database)
    kind_of = {dataset_id: kind for kind, dataset_id in source.ids_by_kind}
    ids = list(kind_of)
    frames = []
    singles = [period for period in periods if isinstance(period, str)]
    if singles:  # single months or years: one query, one row per area, period and split
        frames.append(store.rollup_rows(ids, level, singles, within=within, by=("period", "procedural")))
    for period in periods:
        if isinstance(period, str):
            continue
        for dataset_id, kind in kind_of.items():  # a range or every period: summed by SQL
            covering = periods_covering(period, source.years(kind))
            if covering:
                summed = store.rollup_rows([dataset_id], level, covering, within=within, by=("procedural",))
                frames.append(summed.assign(period=covering[0]))
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        {"dataset_id": [], "code": [], "period": [], "procedural": [], "count": []})
    records = pd.DataFrame({
        "area_code": rows["code"].astype(object),
        "period": rows["period"].astype(object),
        "count": rows["count"].astype("float64"),
        "kind": [kind_of[int(dataset_id)] for dataset_id in rows["dataset_id"]],
        "procedural": rows["procedural"].astype(object),
    })
    return validate_records(records)
