"""Indicators per area: aggregate records by code prefix, rates, change, suppression, rank.

Records are a long table, one row per count:

=====================  =====================================================
column                 meaning
=====================  =====================================================
``area_code``          dotted Kemendagri code of any level (``"21.71.01.1001"``)
``period``             ``"2024"`` (year) or ``"2024-03"`` (month)
``count``              a non-negative whole number of people or cases
``kind``               ``"migration"`` (departures) or ``"cases"`` (trafficking cases by origin)
``level``              optional; when present it must agree with the code
``procedural``         optional; True/False whether a departure went through the
                       official procedure, None when unknown
``destination_country``, ``destination_city``, ``sex``
                       optional; ignored here (flows and filters use them)
=====================  =====================================================

A count adds up to its own area and to every area above it by code prefix
(village ``21.71.01.1001`` → district ``21.71.01`` → regency ``21.71`` →
province ``21``), never down: a province-level record says nothing about the
province's regencies. An area with no record in the selected period has no
data (NaN), which is not the same as a record of zero.

Public views hide small counts (see :mod:`geo.analysis.disclosure`): for audience
``"public"`` a value resting on a count ``c`` with ``0 < c < k`` — ``k`` the dataset's
disclosure threshold, by default 5 for migration and 10 for cases, the strictest of
the datasets involved — is flagged ``suppressed`` and blanked (NaN in every column
that could reveal it), and so is every *complementary* cell needed so that no hidden
count can be recomputed from a parent total and its visible siblings. Suppression
is decided on the whole area hierarchy of the records, not on the areas of one view,
so an area hidden in one view is hidden in every other. Zero is shown: it identifies
nobody. Audience ``"analyst"`` sees every value.

Examples
--------
>>> import pandas as pd
>>> records = pd.DataFrame({
...     "area_code": ["21.71.01.1001", "21.71.01.1002", "21.71.02.1001", "21.01.01.2001"],
...     "period": ["2024"] * 4,
...     "count": [12, 30, 0, 7],
...     "kind": ["migration"] * 4,
... })
>>> table = indicator_table(records, "migrants", ["21.71", "21.01", "21.02"], "2024")
>>> table["value"].tolist()
[42.0, 7.0, nan]
>>> table["rank"].tolist()
[1, 2, <NA>]
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from geo import LEVELS
from geo.analysis.disclosure import PUBLIC, check_audience, check_threshold, suppress_counts, threshold_for_kinds
from geo.analysis.periods import PERIOD_PATTERN
from geo.data.codes import CODE_LENGTHS, DOTTED_CODE_PATTERN, LEVEL_BY_CODE_LENGTH, parent_of
from geo.data.kinds import KINDS
from geo.errors import IndicatorUnavailableError, InvalidRecordsError

_VALIDATED_MARK = "riskmap.validated_records"  # in DataFrame.attrs of validate_records()' result
MEASURES: tuple[str, ...] = ("value", "change")
"""``"value"``: the indicator in the period; ``"change"``: minus its value in the previous period."""

Period = str | tuple[str, str]
"""A period selection: one year/month, or an inclusive ``(first, last)`` range of the same granularity."""


class Hierarchy(Protocol):
    """What the records of one view cannot say about the whole data they were cut from.

    A view may pass only its own rows (e.g. the roll-up rows of its level, area and period:
    :mod:`geo.web.viewdata`) to :func:`indicator_table` together with a ``Hierarchy`` of the
    whole data: which kinds it has, whether it says what was procedural, and the counts of
    its whole area hierarchy on which disclosure control is decided. Implementations must be
    hashable (flags are cached per hierarchy, count, period and threshold).
    """

    def kinds(self) -> frozenset[str]:
        """Record kinds the data has."""
        ...

    def has_procedural(self) -> bool:
        """Whether some migration records say whether the departure was procedural."""
        ...

    def tree_flags(self, kind: str, procedural: bool | str | None, period: Period | None, threshold: int) -> pd.Series:
        """Disclosure flags of the whole area hierarchy for one count: True where it must be hidden.

        The flags of :func:`geo.analysis.disclosure.suppress_counts` on the count of every
        area (all levels) with records of ``kind`` in ``period``; codes left out are visible.
        ``procedural``: None (all records), True/False, or ``"known"`` (either).
        """
        ...


@dataclass(frozen=True)
class Indicator:
    """What an indicator measures.

    Attributes
    ----------
    name : str
        Key used in URLs and code (``"migrants_per_1000"``).
    unit : str
        ``"count"``, ``"per_1000"`` or ``"percent"``.
    kinds : tuple of str
        Record kinds it needs.
    population_levels : tuple of str or None
        Levels where it can be computed, when limited by population data.
    label_key : str
        Key of its name in :mod:`geo.i18n` (``geo/strings/risk.py``).
    """

    name: str
    unit: str
    kinds: tuple[str, ...]
    population_levels: tuple[str, ...] | None = None

    @property
    def label_key(self) -> str:
        """i18n key of the indicator's name."""
        return f"risk.indicator.{self.name}"


INDICATORS: dict[str, Indicator] = {
    indicator.name: indicator
    for indicator in (
        Indicator("migrants", "count", ("migration",)),
        Indicator("migrants_per_1000", "per_1000", ("migration",), population_levels=("province", "regency")),
        Indicator("cases", "count", ("cases",)),
        Indicator("cases_per_1000_migrants", "per_1000", ("cases", "migration")),
        Indicator("non_procedural_share", "percent", ("migration",)),
    )
}
"""Every indicator by name, in menu order."""

TABLE_COLUMNS: tuple[str, ...] = (
    "parent_code",
    "value",
    "numerator",
    "denominator",
    "suppressed",
    "previous_value",
    "change",
    "change_percent",
    "rank",
    "rank_of",
)
"""Columns of :func:`indicator_table` (index: ``code``)."""


def level_of_code(code: str) -> str:
    """Level of a dotted code, from its length alone (fast, no validation against the code list).

    Examples
    --------
    >>> level_of_code("21.71.01")
    'district'
    """
    try:
        return LEVEL_BY_CODE_LENGTH[len(code)]
    except (KeyError, TypeError):
        raise InvalidRecordsError(f"{code!r} is not a dotted Kemendagri area code such as 21.71.01.1001.") from None


def parent_code(code: str) -> str | None:
    """The code one level up, or None for a province.

    Examples
    --------
    >>> parent_code("21.71.01.1001"), parent_code("21")
    ('21.71.01', None)
    """
    level_of_code(code)  # a clear error for anything that is not a dotted code
    return parent_of(code)


def parent_codes(codes: Sequence[str] | pd.Index) -> np.ndarray:
    """:func:`parent_code` of many codes at once (vectorised: 83,000 villages in milliseconds, not seconds).

    Examples
    --------
    >>> parent_codes(["21.71.01.1001", "21.71", "21"]).tolist()
    ['21.71.01', '21', None]
    """
    text = np.asarray(codes.to_numpy(dtype=object) if isinstance(codes, pd.Index) else list(codes), dtype=str)
    lengths = np.char.str_len(text)
    for length in np.unique(lengths):
        level_of_code(str(text[int(np.argmax(lengths == length))]))  # the same clear error for a bad code
    if text.size == 0:
        return np.array([], dtype=object)
    head, dot, _ = np.strings.rpartition(text, ".")
    parents = head.astype(object)
    parents[dot != "."] = None  # a province: no parent
    return parents


def validate_records(records: pd.DataFrame) -> pd.DataFrame:
    """Check a records table and return a tidy copy.

    The copy has ``area_code``, ``level``, ``period`` and ``kind`` as categoricals,
    ``count`` as float and ``procedural`` as nullable boolean; it is marked as checked,
    so passing it to :func:`indicator_table` again (cache it per dataset version) skips
    the checks, which take about 0.2 s for a million rows.

    Raises
    ------
    InvalidRecordsError
        Naming the column, the first offending row (by index label) and what is expected.

    Examples
    --------
    >>> import pandas as pd
    >>> records = pd.DataFrame({"area_code": ["21"], "period": ["2024"], "count": [3], "kind": ["cases"]})
    >>> tidy = validate_records(records)
    >>> tidy.to_dict("records")
    [{'area_code': '21', 'level': 'province', 'period': '2024', 'count': 3.0, 'kind': 'cases', 'procedural': None}]
    >>> validate_records(pd.DataFrame({"area_code": ["21"], "period": ["2024"], "count": [-1], "kind": ["cases"]}))
    Traceback (most recent call last):
    ...
    geo.errors.InvalidRecordsError: Records, row 0, column 'count': -1 is not a count (a whole number, 0 or more).
    """
    if records.attrs.get(_VALIDATED_MARK) and _has_tidy_dtypes(records):
        return records  # already checked (attrs survive row selection, which keeps it valid)
    missing = [column for column in ("area_code", "period", "count", "kind") if column not in records.columns]
    if missing:
        hint = " (records of one dataset: use combine_records(migration=..., cases=...))" if missing == ["kind"] else ""
        raise InvalidRecordsError(
            f"Records lack the column(s) {', '.join(missing)}; expected area_code, period, count and kind{hint}."
        )

    def fail(mask: pd.Series | np.ndarray, column: str, expected: str) -> None:
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            row = records.index[int(mask.argmax())]
            value = records.at[row, column]
            shown = value.item() if isinstance(value, np.generic) else value  # 3, not np.int64(3)
            raise InvalidRecordsError(f"Records, row {row}, column {column!r}: {shown!r} {expected}.")

    # Checks run on the distinct values (categories), not on every row: a year of monthly
    # village records is about a million rows but only 83,000 codes and 12 periods.
    codes = _as_categorical(records["area_code"])
    fail(_rows_failing(codes, lambda values: values.str.fullmatch(DOTTED_CODE_PATTERN)), "area_code",
         "is not a dotted Kemendagri area code such as 21.71.01.1001")
    level_index = np.array([LEVELS.index(LEVEL_BY_CODE_LENGTH[len(code)]) for code in codes.cat.categories], dtype="int8")
    levels = pd.Series(
        pd.Categorical.from_codes(level_index[codes.cat.codes.to_numpy()], categories=list(LEVELS)),
        index=records.index,
    )
    if "level" in records.columns:
        given = records["level"]
        fail(given.notna().to_numpy() & (given.astype(str).to_numpy() != levels.astype(str).to_numpy()), "level",
             "does not match the level of the area code")
    periods = _as_categorical(records["period"])
    fail(_rows_failing(periods, lambda values: values.str.fullmatch(PERIOD_PATTERN.pattern)), "period",
         "is not a period such as 2024 or 2024-03")
    counts = pd.to_numeric(records["count"], errors="coerce").astype("float64")
    fail(~(counts >= 0) | (counts != np.floor(counts)), "count", "is not a count (a whole number, 0 or more)")
    kinds = _as_categorical(records["kind"])
    fail(_rows_failing(kinds, lambda values: values.isin(KINDS)), "kind", f"is not one of {', '.join(KINDS)}")
    if "procedural" in records.columns:
        raw = records["procedural"]
        if pd.api.types.is_bool_dtype(raw):
            procedural = raw.astype("boolean")
        elif pd.api.types.is_numeric_dtype(raw):  # 1/0 from a spreadsheet, or bools that met NaN in a concat
            fail(raw.notna() & ~raw.isin([0, 1]), "procedural", "is not True, False (1, 0) or empty")
            procedural = raw.astype("Float64").astype("boolean")
        else:
            known = raw.notna()
            is_bool = raw.map(type).isin([bool, np.bool_])  # not isin([True, False]): "1" must fail, 1 == True
            fail(known & ~is_bool, "procedural", "is not True, False or empty")
            procedural = raw.astype(object).where(known, None).astype("boolean")
    else:
        procedural = pd.Series(pd.NA, index=records.index, dtype="boolean")
    tidy = pd.DataFrame(
        {
            "area_code": codes,
            "level": levels,
            "period": periods,
            "count": counts,
            "kind": kinds,
            "procedural": procedural,
        },
        index=records.index,
    )
    tidy.attrs[_VALIDATED_MARK] = True
    return tidy


def _has_tidy_dtypes(records: pd.DataFrame) -> bool:
    columns = ("area_code", "level", "period", "kind")
    return (
        all(column in records.columns and isinstance(records[column].dtype, pd.CategoricalDtype) for column in columns)
        and "count" in records.columns
        and records["count"].dtype == np.float64
        and "procedural" in records.columns
        and records["procedural"].dtype == "boolean"
    )


def _as_categorical(column: pd.Series) -> pd.Series:
    """The column as a categorical of strings (missing values stay missing)."""
    if isinstance(column.dtype, pd.CategoricalDtype) and all(isinstance(c, str) for c in column.cat.categories):
        return column
    if not (pd.api.types.is_string_dtype(column) or isinstance(column.dtype, pd.CategoricalDtype)):
        column = column.astype("string")  # 2024 (a number) -> "2024"
    elif isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype("string")
    return column.astype("category")


def _rows_failing(column: pd.Series, accept: Callable[[pd.Series], pd.Series]) -> np.ndarray:
    """Rows whose category ``accept`` rejects, or which are missing."""
    categories = pd.Series(column.cat.categories.astype(str))
    accepted = np.append(accept(categories).fillna(False).to_numpy(dtype=bool), False)  # code -1: missing
    return ~accepted[column.cat.codes.to_numpy()]


def combine_records(migration: pd.DataFrame | None = None, cases: pd.DataFrame | None = None) -> pd.DataFrame:
    """Validated records of a migration dataset and a cases dataset in one table, with their ``kind``.

    Datasets in the store hold one kind each and have no ``kind`` column; this adds it.

    Examples
    --------
    >>> import pandas as pd
    >>> migration = pd.DataFrame({"area_code": ["21.71"], "period": ["2024"], "count": [2000]})
    >>> cases = pd.DataFrame({"area_code": ["21.71.01.1001"], "period": ["2024"], "count": [30]})
    >>> both = combine_records(migration=migration, cases=cases)
    >>> indicator_table(both, "cases_per_1000_migrants", ["21.71"], "2024")["value"].tolist()
    [15.0]
    """
    parts = [
        # object dtype keeps True/False/None apart when one frame's column is all-NaN float
        frame.assign(kind=kind, **({"procedural": frame["procedural"].astype(object)} if "procedural" in frame else {}))
        for kind, frame in (("migration", migration), ("cases", cases))
        if frame is not None
    ]
    if not parts:
        raise InvalidRecordsError("No records given: pass a migration dataset, a cases dataset or both.")
    return validate_records(pd.concat(parts, ignore_index=True))


def periods_of(records: pd.DataFrame) -> list[str]:
    """Distinct periods in the records, oldest first.

    Examples
    --------
    >>> import pandas as pd
    >>> periods_of(pd.DataFrame({"period": ["2024", "2023", "2024"]}))
    ['2023', '2024']
    """
    return sorted(records["period"].astype(str).unique())


def _check_period(period: Period) -> Period:
    parts = (period,) if isinstance(period, str) else tuple(period)
    if len(parts) not in (1, 2) or not all(isinstance(p, str) and PERIOD_PATTERN.fullmatch(p) for p in parts):
        raise InvalidRecordsError(f"Period {period!r} is not a year (2024), a month (2024-03) or a (first, last) pair.")
    if len(parts) == 2:
        first, last = parts
        if len(first) != len(last) or first > last:
            raise InvalidRecordsError(
                f"Period range {first}–{last}: give two years or two months, the first not after the last."
            )
        return (first, last)
    return parts[0]


def _shift(period: str, steps: int) -> str:
    if len(period) == 4:
        return f"{int(period) + steps:04d}"
    months = int(period[:4]) * 12 + int(period[5:7]) - 1 + steps
    return f"{months // 12:04d}-{months % 12 + 1:02d}"


def previous_period(period: Period) -> Period:
    """The period just before ``period``, of the same length.

    Examples
    --------
    >>> previous_period("2024"), previous_period("2024-01")
    ('2023', '2023-12')
    >>> previous_period(("2023-11", "2024-02"))
    ('2023-07', '2023-10')
    """
    period = _check_period(period)
    if isinstance(period, str):
        return _shift(period, -1)
    first, last = period
    if len(first) == 4:
        span = int(last) - int(first) + 1
    else:
        span = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
    return (_shift(first, -span), _shift(last, -span))


def _in_period(periods: pd.Series, period: Period | None) -> np.ndarray:
    """Which records (categorical periods) fall in ``period``: a year takes its months, a month never takes a year."""
    if period is None:
        return np.ones(len(periods), dtype=bool)
    names = pd.Series(periods.cat.categories.astype(str))
    if isinstance(period, str):
        chosen = (names == period) | names.str.startswith(period + "-")
    else:
        first, last = period
        key = names.str.slice(0, len(first))
        chosen = (names.str.len() >= len(first)) & (key >= first) & (key <= last)
    return chosen.to_numpy(dtype=bool)[periods.cat.codes.to_numpy()]


def _sum_to_areas(codes: pd.Series, weights: pd.Series, selected: np.ndarray, area_codes: pd.Index) -> pd.Series:
    """Sum ``weights`` of the ``selected`` records into each target area by code prefix; NaN where none contributes."""
    # Sum per distinct code on the categorical's integer codes (a million rows in milliseconds),
    # then work on the distinct codes only, as fixed-width NumPy strings: casting "U13" to
    # "U5" cuts every village code to its regency code at once.
    row_codes = codes.cat.codes.to_numpy()[selected]
    n_codes = len(codes.cat.categories)
    sums = np.bincount(row_codes, weights=weights.to_numpy(dtype="float64")[selected], minlength=n_codes)
    present = np.bincount(row_codes, minlength=n_codes) > 0
    names = np.asarray(codes.cat.categories.astype(str), dtype="U13")[present]
    sums = sums[present]
    source_lengths = np.char.str_len(names)
    targets = np.asarray(area_codes.to_numpy(dtype=object), dtype="U13")  # not a loop: Arrow strings iterate slowly
    target_lengths = np.char.str_len(targets)
    result = np.full(targets.size, np.nan)
    for length in np.unique(target_lengths):
        eligible = source_lengths >= length  # records below or at this level, never above
        prefixes, group = np.unique(names[eligible].astype(f"U{length}"), return_inverse=True)
        totals = np.bincount(group, weights=sums[eligible], minlength=prefixes.size)
        wanted = np.flatnonzero(target_lengths == length)
        if prefixes.size == 0:
            continue
        position = np.minimum(np.searchsorted(prefixes, targets[wanted]), prefixes.size - 1)
        found = prefixes[position] == targets[wanted]
        result[wanted[found]] = totals[position[found]]
    return pd.Series(result, index=area_codes, dtype="float64")


def aggregate_counts(
    records: pd.DataFrame,
    area_codes: Sequence[str] | pd.Index,
    period: Period | None = None,
    kind: str = "migration",
    procedural: bool | None = None,
) -> pd.Series:
    """Total count per area (NaN: no record), summing every record at or below each area.

    Parameters
    ----------
    records : pandas.DataFrame
        Records as described in the module docstring (validated here).
    area_codes : sequence of str
        The areas of the view, any level (usually one).
    period : str or (str, str), optional
        A year, a month or an inclusive range; None sums every period.
    kind : str
        ``"migration"`` or ``"cases"``.
    procedural : bool, optional
        Only records with this ``procedural`` value (None: all records).

    Returns
    -------
    pandas.Series
        Float totals indexed by ``area_codes`` (named ``code``).

    Examples
    --------
    >>> import pandas as pd
    >>> records = pd.DataFrame({
    ...     "area_code": ["21.71.01.1001", "21.71.01", "21", "21.71.01.1001"],
    ...     "period": ["2024-01", "2024-02", "2024", "2023"],
    ...     "count": [4, 6, 100, 1],
    ...     "kind": "migration",
    ... })
    >>> aggregate_counts(records, ["21", "21.71", "21.71.01", "21.71.01.1001", "21.71.01.1002"], "2024").tolist()
    [110.0, 10.0, 10.0, 4.0, nan]
    """
    tidy = validate_records(records)
    codes = pd.Index([str(code) for code in area_codes], dtype=object)
    for code in codes:
        level_of_code(code)
    return _aggregate(tidy, codes, period, kind, procedural)


def _aggregate(
    tidy: pd.DataFrame, area_codes: pd.Index, period: Period | None, kind: str, procedural: bool | None = None
) -> pd.Series:
    if kind not in KINDS:
        raise InvalidRecordsError(f"Unknown record kind {kind!r}; expected one of {', '.join(KINDS)}.")
    mask = (tidy["kind"] == kind).to_numpy(dtype=bool) & _in_period(
        tidy["period"], None if period is None else _check_period(period)
    )
    if procedural is not None:
        mask &= (tidy["procedural"] == procedural).fillna(False).to_numpy(dtype=bool)
    result = _sum_to_areas(tidy["area_code"], tidy["count"], mask, area_codes)
    result.index.name = "code"
    return result


_COUNTS_BEHIND: dict[str, tuple[tuple[str, bool | str | None], ...]] = {
    "migrants": (("migration", None),),
    "migrants_per_1000": (("migration", None),),
    "cases": (("cases", None),),
    "cases_per_1000_migrants": (("cases", None), ("migration", None)),
    "non_procedural_share": (("migration", False), ("migration", "known")),
}
"""Counts of people each indicator rests on: (kind, procedural filter; ``"known"``: procedure known)."""


def _tree_codes(tidy: pd.DataFrame, kind: str) -> pd.Index:
    """Every area at or above a record of ``kind``: the hierarchy to protect (other areas have no data)."""
    # Cached per records object: one build serves every period and filter of that kind (~0.25 s each).
    cached = _TREE_CODES_CACHE.get((id(tidy), kind))
    if cached is not None and cached[0]() is tidy:
        return cached[1]
    tree = _build_tree_codes(tidy, kind)
    if len(_TREE_CODES_CACHE) >= 16:
        _TREE_CODES_CACHE.pop(next(iter(_TREE_CODES_CACHE)))
    _TREE_CODES_CACHE[(id(tidy), kind)] = (weakref.ref(tidy), tree)
    return tree


_TREE_CODES_CACHE: dict[tuple[int, str], tuple[weakref.ref[pd.DataFrame], pd.Index]] = {}


def _build_tree_codes(tidy: pd.DataFrame, kind: str) -> pd.Index:
    categories = tidy["area_code"].cat
    used = np.unique(categories.codes.to_numpy()[(tidy["kind"] == kind).to_numpy(dtype=bool)])
    names = np.asarray(categories.categories.to_numpy(dtype=object)[used[used >= 0]], dtype="U13")
    lengths = np.char.str_len(names)
    prefixes = [np.unique(names[lengths >= length].astype(f"U{length}")) for length in CODE_LENGTHS.values()]
    return pd.Index(np.unique(np.concatenate(prefixes)).astype(object), dtype=object)


_TREE_FLAGS_CACHE: dict[tuple[object, ...], tuple[weakref.ref[pd.DataFrame], pd.Series]] = {}
_TREE_FLAGS_CACHE_SIZE = 64


_WHOLE_FLAGS_CACHE: dict[tuple[object, ...], pd.Series] = {}


def _tree_flags(
    tidy: pd.DataFrame, kind: str, procedural: bool | str | None, period: Period | None, threshold: int,
    whole: Hierarchy | None = None,
) -> pd.Series:
    """Suppression flags of every area of the hierarchy for one count, cached per records object.

    The flags do not depend on the view, so every view of the same records, period and
    threshold reuses them (about 1 s for a national village dataset). Records of a dataset
    version are one shared object (``geo.web.mapview`` caches them); a weak reference
    checks that an entry still belongs to the same object, not to a new one at that address.
    """
    key: tuple[object, ...] = (id(tidy), kind, procedural, period, threshold)
    if whole is not None:  # the whole data's own counts; ``tidy`` holds only the view's rows
        key = (whole, kind, procedural, period, threshold)
        known = _WHOLE_FLAGS_CACHE.get(key)
        if known is None:
            known = whole.tree_flags(kind, procedural, period, threshold)
            if len(_WHOLE_FLAGS_CACHE) >= _TREE_FLAGS_CACHE_SIZE:
                _WHOLE_FLAGS_CACHE.pop(next(iter(_WHOLE_FLAGS_CACHE)))
            _WHOLE_FLAGS_CACHE[key] = known
        return known
    cached = _TREE_FLAGS_CACHE.get(key)
    if cached is not None and cached[0]() is tidy:
        return cached[1]
    tree = _tree_codes(tidy, kind)
    flags = suppress_counts(_component_counts(tidy, tree, period, kind, procedural), threshold)
    if len(_TREE_FLAGS_CACHE) >= _TREE_FLAGS_CACHE_SIZE:
        _TREE_FLAGS_CACHE.pop(next(iter(_TREE_FLAGS_CACHE)))
    _TREE_FLAGS_CACHE[key] = (weakref.ref(tidy), flags)
    return flags


def _component_counts(
    tidy: pd.DataFrame, codes: pd.Index, period: Period | None, kind: str, procedural: bool | str | None
) -> pd.Series:
    if procedural == "known":
        return _aggregate(tidy, codes, period, kind, procedural=False).add(
            _aggregate(tidy, codes, period, kind, procedural=True), fill_value=0
        )
    return _aggregate(tidy, codes, period, kind, procedural=procedural if isinstance(procedural, bool) else None)


def disclosure_flags(
    records: pd.DataFrame,
    indicator: str,
    area_codes: Sequence[str] | pd.Index,
    period: Period | None,
    threshold: int,
    whole: Hierarchy | None = None,
) -> pd.Series:
    """Which areas' values a public viewer must not see: primary plus complementary suppression.

    Every count the indicator rests on is protected separately over the whole hierarchy
    of the records (all levels, plus the national total), then an area is flagged when
    any of its counts is hidden (a rate on a hidden count is hidden).

    Parameters
    ----------
    records : pandas.DataFrame
        Records as described in the module docstring.
    indicator : str
        A key of :data:`INDICATORS`.
    area_codes : sequence of str
        The areas of the view.
    period : str or (str, str) or None
        As for :func:`indicator_table`.
    threshold : int
        Counts with ``0 < count < threshold`` are small.
    whole : Hierarchy, optional
        The whole data when ``records`` are only a view's rows (default: the records are the whole data).

    Returns
    -------
    pandas.Series of bool
        Indexed by ``area_codes``.

    Examples
    --------
    >>> import pandas as pd
    >>> records = pd.DataFrame({"area_code": ["21.71.01", "21.71.02", "21.71.03"], "period": "2024",
    ...                         "count": [3, 40, 50], "kind": "migration"})
    >>> disclosure_flags(records, "migrants", ["21.71.01", "21.71.02", "21.71.03"], "2024", 5).tolist()
    [True, True, False]
    """
    tidy = validate_records(records)
    codes = pd.Index([str(code) for code in area_codes], dtype=object, name="code")
    hidden = pd.Series(False, index=codes)
    for kind, procedural in _COUNTS_BEHIND[indicator]:
        flags = _tree_flags(tidy, kind, procedural, period, threshold, whole)
        hidden |= flags.reindex(codes, fill_value=False).to_numpy(dtype=bool)
    return hidden


def _has_procedural_data(tidy: pd.DataFrame) -> bool:
    return bool((tidy["procedural"].notna() & (tidy["kind"] == "migration")).any())


def available_indicators(
    records: pd.DataFrame, level: str, population: pd.Series | None = None, whole: Hierarchy | None = None,
) -> list[str]:
    """Indicators this data can give at ``level`` (menu order); ``whole``: see :func:`indicator_table`.

    Examples
    --------
    >>> import pandas as pd
    >>> records = pd.DataFrame({"area_code": ["21.71"], "period": ["2024"], "count": [9], "kind": ["migration"]})
    >>> available_indicators(records, "district")
    ['migrants']
    >>> available_indicators(records, "regency", population=pd.Series({"21.71": 1.2e6}))
    ['migrants', 'migrants_per_1000']
    """
    tidy = validate_records(records)
    result = []
    for name in INDICATORS:
        try:
            _check_available(tidy, name, [level], population, whole)
        except IndicatorUnavailableError:
            continue
        result.append(name)
    return result


def _check_available(
    tidy: pd.DataFrame, name: str, levels: Iterable[str], population: pd.Series | None, whole: Hierarchy | None = None,
) -> Indicator:
    indicator = INDICATORS.get(name)
    if indicator is None:
        raise IndicatorUnavailableError(f"Unknown indicator {name!r}; choose one of: {', '.join(INDICATORS)}.")
    present = set(tidy["kind"].unique()) if whole is None else set(whole.kinds())
    for kind in indicator.kinds:
        if kind not in present:
            raise IndicatorUnavailableError(f"Indicator {name!r} needs {kind} records; this dataset has none.")
    if indicator.population_levels is not None:
        outside = sorted(set(levels) - set(indicator.population_levels), key=LEVELS.index)
        if outside:
            raise IndicatorUnavailableError(
                f"Indicator {name!r} needs population figures, which exist only for "
                f"{' and '.join(indicator.population_levels)} level, not {', '.join(outside)}."
            )
        if population is None:
            raise IndicatorUnavailableError(f"Indicator {name!r} needs population figures; none were given.")
    procedural_known = _has_procedural_data(tidy) if whole is None else whole.has_procedural()
    if name == "non_procedural_share" and not procedural_known:
        raise IndicatorUnavailableError(
            "Indicator 'non_procedural_share' needs to know whether departures were procedural; "
            "this dataset does not say."
        )
    return indicator


def _as_population(population: pd.Series | pd.DataFrame | None, codes: pd.Index) -> pd.Series:
    if population is None:
        return pd.Series(np.nan, index=codes)
    if isinstance(population, pd.DataFrame):
        population = population.set_index("code")["population"]
    population = pd.to_numeric(population, errors="coerce").astype("float64")
    population = population.where(population > 0)  # a zero or negative population makes no rate
    return population.reindex(codes)


def _raw_indicator(
    tidy: pd.DataFrame, name: str, codes: pd.Index, period: Period | None, population: pd.Series
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(value, numerator, denominator) for one period (the counts behind it: :data:`_COUNTS_BEHIND`)."""
    nan = pd.Series(np.nan, index=codes)
    if name in ("migrants", "cases"):
        counts = _aggregate(tidy, codes, period, "migration" if name == "migrants" else "cases")
        return counts, counts, nan
    if name == "migrants_per_1000":
        migrants = _aggregate(tidy, codes, period, "migration")
        return migrants / population * 1000, migrants, population
    if name == "cases_per_1000_migrants":
        cases = _aggregate(tidy, codes, period, "cases")
        migrants = _aggregate(tidy, codes, period, "migration")
        # Both counts are needed: cases and migrants are both people who could be identified.
        return cases / migrants.where(migrants > 0) * 1000, cases, migrants
    # non_procedural_share: among departures whose procedure is known
    non_procedural = _aggregate(tidy, codes, period, "migration", procedural=False)
    known = _aggregate(tidy, codes, period, "migration", procedural=False).add(
        _aggregate(tidy, codes, period, "migration", procedural=True), fill_value=0
    )
    non_procedural = non_procedural.where(known.isna(), non_procedural.fillna(0))
    return non_procedural / known.where(known > 0) * 100, non_procedural, known


def rank_within_parent(values: pd.Series, exclude: pd.Series | None = None) -> pd.DataFrame:
    """Rank of each area's value among the areas of the same parent (1 = highest).

    Ties share the best rank (``1, 2, 2, 4``); areas without a value or excluded
    (suppressed) get no rank and do not count in ``rank_of``. Provinces rank among
    all provinces given.

    Parameters
    ----------
    values : pandas.Series
        Values indexed by area code.
    exclude : pandas.Series of bool, optional
        True for areas to leave out (aligned on the index).

    Returns
    -------
    pandas.DataFrame
        Columns ``rank`` and ``rank_of`` (nullable integers), indexed like ``values``.

    Examples
    --------
    >>> import pandas as pd
    >>> values = pd.Series({"21.71": 5.0, "21.01": 9.0, "21.02": 5.0, "31.71": 1.0})
    >>> rank_within_parent(values).to_dict("list")
    {'rank': [2, 1, 2, 1], 'rank_of': [3, 3, 3, 1]}
    """
    keep = values.notna()
    if exclude is not None:
        keep &= ~exclude.reindex(values.index).fillna(False).astype(bool)
    rankable = values.where(keep)
    parents = pd.Series(parent_codes(values.index), index=values.index, dtype=object).fillna("")
    rank = rankable.groupby(parents).rank(ascending=False, method="min")
    rank_of = rankable.notna().groupby(parents).transform("sum").where(rankable.notna())
    return pd.DataFrame({"rank": rank.astype("Int64"), "rank_of": rank_of.astype("Int64")}, index=values.index)


def indicator_table(
    records: pd.DataFrame,
    indicator: str,
    area_codes: Sequence[str] | pd.Index,
    period: Period | None = None,
    *,
    population: pd.Series | pd.DataFrame | None = None,
    measure: str = "value",
    audience: str = PUBLIC,
    threshold: int | None = None,
    whole: Hierarchy | None = None,
) -> pd.DataFrame:
    """One row per area of the view with the indicator's value, its change, suppression and rank.

    Parameters
    ----------
    records : pandas.DataFrame
        Records as described in the module docstring.
    indicator : str
        A key of :data:`INDICATORS`.
    area_codes : sequence of str
        The areas of the view (e.g. every regency of a province), in the order wanted.
    period : str or (str, str), optional
        Year, month or inclusive range; None sums every period (then there is no previous
        period and ``change`` is NaN).
    population : pandas.Series or pandas.DataFrame, optional
        Residents per area code (``geo.data.codes.population()`` works as is); needed by
        ``migrants_per_1000``, which only exists for provinces and regencies.
    measure : str
        ``"value"`` colours by the indicator, ``"change"`` by the change against the
        previous period (the ``value`` column then holds the change).
    audience : str
        ``"public"`` (default): small counts and their complementary cells are suppressed
        (and blanked); ``"analyst"``: nothing is suppressed.
    threshold : int, optional
        Disclosure threshold: counts with ``0 < count < threshold`` are small. Default:
        the strictest default of the record kinds the indicator uses (5 migration, 10 cases);
        pass the strictest ``disclosure_threshold`` of the datasets shown.
    whole : Hierarchy, optional
        When ``records`` hold only the view's rows (e.g. roll-ups of its level, area and
        period): the whole data, which decides availability and suppression. Default: the
        records are the whole data.

    Returns
    -------
    pandas.DataFrame
        Index ``code`` (``area_codes``), columns :data:`TABLE_COLUMNS`: ``value`` (NaN = no
        data or suppressed), ``numerator`` and ``denominator`` behind it, ``suppressed``,
        ``previous_value``, ``change``, ``change_percent``, ``rank`` and ``rank_of`` within
        the parent area.

    Raises
    ------
    IndicatorUnavailableError
        The data or the level cannot give this indicator (message says why).
    InvalidRecordsError
        Malformed records or period.

    Examples
    --------
    >>> import pandas as pd
    >>> records = pd.DataFrame({
    ...     "area_code": ["21.71", "21.71", "21.01", "21.02", "21.71", "21.01", "21.02"],
    ...     "period": ["2024", "2023", "2024", "2024", "2024", "2024", "2024"],
    ...     "count": [800, 600, 40, 400, 30, 3, 12],
    ...     "kind": ["migration"] * 4 + ["cases"] * 3,
    ... })
    >>> table = indicator_table(records, "cases_per_1000_migrants", ["21.71", "21.01", "21.02"], "2024")
    >>> table["value"].to_dict()   # 3 cases < 10; 21.02 hidden too, else 45 - 30 - 12 gives them away
    {'21.71': 37.5, '21.01': nan, '21.02': nan}
    >>> indicator_table(records, "cases", ["21.71", "21.01", "21.02"], "2024", audience="analyst")["value"].tolist()
    [30.0, 3.0, 12.0]
    >>> indicator_table(records, "migrants", ["21.71"], "2024", measure="change")["value"].tolist()
    [200.0]
    """
    if measure not in MEASURES:
        raise IndicatorUnavailableError(f"Unknown measure {measure!r}; choose one of: {', '.join(MEASURES)}.")
    tidy = validate_records(records)
    codes = pd.Index([str(code) for code in area_codes], dtype=object, name="code")
    levels = {level_of_code(code) for code in pd.Series(codes).groupby(codes.str.len()).first()}
    _check_available(tidy, indicator, levels, population, whole)
    people = _as_population(population, codes)
    if period is not None:
        period = _check_period(period)

    value, numerator, denominator = _raw_indicator(tidy, indicator, codes, period, people)
    if period is None:
        previous = pd.Series(np.nan, index=codes)
    else:
        previous, _, _ = _raw_indicator(tidy, indicator, codes, previous_period(period), people)
    hidden = previous_hidden = pd.Series(False, index=codes)
    if check_audience(audience) == PUBLIC:
        limit = threshold_for_kinds(INDICATORS[indicator].kinds) if threshold is None else check_threshold(threshold)
        hidden = disclosure_flags(tidy, indicator, codes, period, limit, whole)
        if period is not None:
            previous_hidden = disclosure_flags(tidy, indicator, codes, previous_period(period), limit, whole)

    change = value - previous
    change_percent = change / previous.where(previous != 0) * 100
    change_hidden = hidden | previous_hidden  # a change plus one visible value gives away the other
    table = pd.DataFrame(
        {
            "parent_code": parent_codes(codes),
            "value": value,
            "numerator": numerator,
            "denominator": denominator,
            "suppressed": hidden,
            "previous_value": previous.mask(previous_hidden),
            "change": change.mask(change_hidden),
            "change_percent": change_percent.mask(change_hidden),
        },
        index=codes,
    )
    table.loc[hidden, ["value", "numerator"]] = np.nan
    if indicator in ("cases_per_1000_migrants", "non_procedural_share"):
        table.loc[hidden, "denominator"] = np.nan  # the denominator is a count of people too
    if measure == "change":
        table["value"] = table["change"]
        table["suppressed"] = change_hidden
    ranks = rank_within_parent(table["value"], exclude=table["suppressed"])
    table["rank"] = ranks["rank"]
    table["rank_of"] = ranks["rank_of"]
    return table[list(TABLE_COLUMNS)]


def indicator_panel(
    records: pd.DataFrame,
    indicator: str,
    area_codes: Sequence[str] | pd.Index,
    periods: Sequence[Period] | None = None,
    *,
    population: pd.Series | pd.DataFrame | None = None,
    measure: str = "value",
    audience: str = PUBLIC,
    threshold: int | None = None,
    whole: Hierarchy | None = None,
) -> pd.DataFrame:
    """The indicator for every period, stacked: the input of :func:`geo.analysis.classify.fixed_breaks`.

    Parameters
    ----------
    records, indicator, area_codes, population, measure, audience, threshold, whole
        As for :func:`indicator_table`.
    periods : sequence of periods, optional
        Periods to compute; by default every period present in the records.

    Returns
    -------
    pandas.DataFrame
        Columns ``period``, ``code``, ``value``, ``suppressed``; one row per (period, area).

    Examples
    --------
    >>> import pandas as pd
    >>> from geo.analysis.classify import classify, fixed_breaks
    >>> records = pd.DataFrame({
    ...     "area_code": ["21.71", "21.01", "21.71", "21.01"],
    ...     "period": ["2023", "2023", "2024", "2024"],
    ...     "count": [10, 20, 300, 400],
    ...     "kind": "migration",
    ... })
    >>> panel = indicator_panel(records, "migrants", ["21.71", "21.01"])
    >>> breaks = fixed_breaks(panel["value"], "equal_interval", k=3, suppressed=panel["suppressed"])
    >>> breaks.bins
    (140.0, 270.0, 400.0)
    >>> this_year = indicator_table(records, "migrants", ["21.71", "21.01"], "2023")
    >>> classify(this_year["value"], breaks=breaks, suppressed=this_year["suppressed"]).labels.tolist()
    [0, 0]
    """
    tidy = validate_records(records)
    chosen = list(periods) if periods is not None else periods_of(tidy)
    frames = []
    for period in chosen:
        table = indicator_table(
            tidy, indicator, area_codes, period, population=population, measure=measure, audience=audience,
            threshold=threshold, whole=whole,
        )
        frames.append(
            pd.DataFrame(
                {
                    "period": [period] * len(table),
                    "code": table.index.to_list(),
                    "value": table["value"].to_numpy(),
                    "suppressed": table["suppressed"].to_numpy(dtype=bool),
                }
            )
        )
    if not frames:
        return pd.DataFrame({"period": [], "code": [], "value": [], "suppressed": []}).astype(
            {"value": "float64", "suppressed": bool}
        )
    return pd.concat(frames, ignore_index=True)
