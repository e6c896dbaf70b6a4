"""Roll-ups: a dataset version's counts summed per level, area, period and split, computed once at publish time.

Views never read a version's record table. When a version is saved, its records are
summed into *roll-up rows* (table ``rollups``, written in the same transaction):

* per level — ``province``, ``regency``, ``district``, ``village`` — with ``code`` the
  area's code at that level; a record counts in its own area and every area above
  it, never below (a regency-level record is in the regency and province roll-ups
  only), exactly as :mod:`geo.analysis.indicators` sums records;
* per period in two forms — the month ``"2024-03"`` of a monthly record, and the year
  ``"2024"`` of every record (a yearly record, and each month of that year);
* per split — ``procedural``, ``destination_country``, ``destination_city``, ``transit``,
  ``sex`` (missing values are a group of their own) — so indicators (procedural) and
  flows (destination, transit, sex) can be computed from them;
* with ``count`` (the sum) and ``records`` (how many records were summed).

The rows of one level use the *same tidy schema as records* (``code`` in place of
``area_code``): summing pre-summed groups is idempotent, so the indicators of the areas
of level L computed from the level-L roll-up rows equal those computed from every
record (``tests/rollups`` proves it on random datasets). Records without a period or
without a dotted code of a known length cannot be shown by area and period and get
no roll-up row.

A view of level L, area A and period P then asks for the roll-up rows with
``level = L``, ``code`` inside A and ``period`` in the periods P covers (see
:func:`periods_covering`), summed by SQL: one indexed query returning one row per
area of the view.

Examples
--------
>>> import pandas as pd
>>> records = pd.DataFrame({"area_code": ["21.71.01.1001", "21.71.01.1002", "21.71"],
...                         "period": ["2024-01", "2024-02", "2024"], "count": [3, 4, 10]})
>>> rows = compute_rollups(records)
>>> rows[(rows["level"] == "regency")][["code", "period", "count", "records"]].values.tolist()
[['21.71', '2024-01', 3, 1], ['21.71', '2024-02', 4, 1], ['21.71', '2024', 17, 3]]
>>> sorted(rows.loc[rows["level"] == "village", "code"].unique())
['21.71.01.1001', '21.71.01.1002']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from geo.data.codes import CODE_LENGTHS

SPLIT_COLUMNS: tuple[str, ...] = ("procedural", "destination_country", "destination_city", "transit", "sex")
"""The record columns roll-ups keep apart (what indicators and flows group by)."""

ROLLUP_COLUMNS: tuple[str, ...] = ("level", "code", "period", *SPLIT_COLUMNS, "count", "records")
"""Columns of :func:`compute_rollups` frames, in order."""

YEAR_LENGTH = 4
MONTH_LENGTH = 7


def compute_rollups(records: pd.DataFrame) -> pd.DataFrame:
    """Sum records into roll-up rows: every level × period form (month and year) × split.

    Parameters
    ----------
    records : pandas.DataFrame
        Records with ``area_code``, ``period`` and ``count``, optionally the
        :data:`SPLIT_COLUMNS` (missing: unknown).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ROLLUP_COLUMNS`; ``count`` and ``records`` int64, split columns
        object (``None`` when unknown); level by level (province first), months before years.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = compute_rollups(pd.DataFrame({"area_code": ["21.71"], "period": ["2024-05"], "count": [2],
    ...                                      "procedural": [True]}))
    >>> rows[["level", "code", "period", "procedural", "count"]].values.tolist()
    [['province', '21', '2024-05', True, 2], ['province', '21', '2024', True, 2], ['regency', '21.71', '2024-05', True, 2], ['regency', '21.71', '2024', True, 2]]
    """
    frame = _prepared(records)
    if frame.empty:
        return _empty_rollups()
    # Work on integer keys, never on strings: one split combination id per row (the splits
    # are the same for every level and period form), then per level and form one int64 key
    # (code, period, split) summed with bincount. Three million records take seconds.
    splits, split_ids = _split_combinations(frame)
    code_names = frame["code"].cat.categories.astype(str).to_numpy(dtype=str)
    row_codes = frame["code"].cat.codes.to_numpy().astype("int64")
    code_lengths = np.char.str_len(code_names)[row_codes]
    period_names = frame["period"].cat.categories.astype(str).to_numpy(dtype=str)
    row_periods = frame["period"].cat.codes.to_numpy().astype("int64")
    months = np.char.str_len(period_names)[row_periods] == MONTH_LENGTH
    years, row_years = np.unique(period_names.astype(f"U{YEAR_LENGTH}"), return_inverse=True)
    counts = frame["count"].to_numpy(dtype="int64")
    parts = []
    for level, length in CODE_LENGTHS.items():
        level_codes, code_of_name = np.unique(code_names.astype(f"U{length}"), return_inverse=True)
        for form_names, form_of_row, chosen in ((period_names, row_periods, months),
                                                (years, row_years[row_periods], np.ones(len(frame), dtype=bool))):
            rows = chosen & (code_lengths >= length)
            if rows.any():
                keys = (code_of_name[row_codes[rows]] * len(form_names) + form_of_row[rows]) * len(splits) + split_ids[rows]
                unique_keys, group = np.unique(keys, return_inverse=True)
                part = splits.iloc[unique_keys % len(splits)].reset_index(drop=True)
                periods = form_names[(unique_keys // len(splits)) % len(form_names)]
                part.insert(0, "period", pd.Series(periods, dtype=object))
                part.insert(0, "code", pd.Series(level_codes[unique_keys // len(splits) // len(form_names)], dtype=object))
                part.insert(0, "level", level)
                part["count"] = np.bincount(group, weights=counts[rows]).round().astype("int64")
                part["records"] = np.bincount(group).astype("int64")
                parts.append(part)
    return pd.concat(parts, ignore_index=True)[list(ROLLUP_COLUMNS)]


def _split_combinations(frame: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """The distinct split combinations (``None`` for unknown) and each row's combination id."""
    codes = [frame[column].cat.codes.to_numpy().astype("int64") + 1 for column in SPLIT_COLUMNS]  # 0: unknown
    sizes = [len(frame[column].cat.categories) + 1 for column in SPLIT_COLUMNS]
    combined = np.zeros(len(frame), dtype="int64")
    for column_codes, size in zip(codes, sizes, strict=True):
        combined = combined * size + column_codes
    unique_combined, ids = np.unique(combined, return_inverse=True)
    splits = {}
    remainder = unique_combined
    for column, size in reversed(list(zip(SPLIT_COLUMNS, sizes, strict=True))):
        positions = remainder % size
        remainder = remainder // size
        categories = np.append(np.asarray([None], dtype=object), frame[column].cat.categories.to_numpy(dtype=object))
        splits[column] = categories[positions]
    # object columns: pandas would make text with NaN of them, and a driver may store NaN as "NaN"
    return pd.DataFrame({column: pd.Series(splits[column], dtype=object) for column in SPLIT_COLUMNS}), ids


def _prepared(records: pd.DataFrame) -> pd.DataFrame:
    """Codes, periods and splits as categoricals, counts int64; rows without a usable code or period dropped."""
    missing = pd.Series(None, index=records.index, dtype=object)
    codes = _categories(records["area_code"] if "area_code" in records else missing, str)
    periods = _categories(records["period"] if "period" in records else missing, str)
    code_ok = codes.cat.categories.str.len().isin(list(CODE_LENGTHS.values()))
    period_ok = periods.cat.categories.str.len().isin([YEAR_LENGTH, MONTH_LENGTH])
    keep = _category_mask(codes, code_ok) & _category_mask(periods, period_ok)
    frame = pd.DataFrame({"code": codes, "period": periods})
    for column in SPLIT_COLUMNS:
        values = records[column] if column in records else missing
        frame[column] = _categories(values, bool if column == "procedural" else str)
    frame["count"] = pd.to_numeric(records["count"], errors="raise").astype("int64")
    frame = frame[keep]
    for column in frame.columns[:-1]:
        frame[column] = frame[column].cat.remove_unused_categories()
    return frame


def _categories(values: pd.Series, convert: Callable[[Any], Any]) -> pd.Series:
    """A column as a categorical of ``convert``-ed values (missing values stay missing).

    Converted on the distinct values only (a million rows, a few hundred values): ``2024``
    and ``"2024"`` become one category ``"2024"``.
    """
    categorical = pd.Categorical(values.astype(object))
    names = pd.Series([convert(value) for value in categorical.categories], dtype=object)
    code_of_name, uniques = pd.factorize(names, sort=True)
    row_codes = categorical.codes
    mapped = np.where(row_codes >= 0, code_of_name[np.maximum(row_codes, 0)], -1) if len(names) else row_codes
    return pd.Series(pd.Categorical.from_codes(mapped, categories=pd.Index(uniques, dtype=object)), index=values.index)


def _category_mask(column: pd.Series, accepted: np.ndarray) -> np.ndarray:
    """Rows whose category is accepted (missing values never are)."""
    lookup = np.append(np.asarray(accepted, dtype=bool), False)  # code -1: missing
    return lookup[column.cat.codes.to_numpy()]


def _empty_rollups() -> pd.DataFrame:
    frame = pd.DataFrame({column: pd.Series(dtype=object) for column in ROLLUP_COLUMNS})
    return frame.astype({"count": "int64", "records": "int64"})


def periods_covering(period: str | tuple[str, str] | None, years: Iterable[str]) -> list[str]:
    """The roll-up periods whose sum is ``period``: its months or years, never both forms.

    Parameters
    ----------
    period : str or (str, str) or None
        A year, a month, an inclusive range of either, or ``None`` for every period.
    years : iterable of str
        Years the data has (used for ``None``: the sum of every year is every record).

    Returns
    -------
    list of str
        Periods in order; a month range lists every month in it.

    Examples
    --------
    >>> periods_covering(("2023-11", "2024-02"), [])
    ['2023-11', '2023-12', '2024-01', '2024-02']
    >>> periods_covering("2024", []), periods_covering(("2022", "2024"), []), periods_covering(None, ["2025", "2024"])
    (['2024'], ['2022', '2023', '2024'], ['2024', '2025'])
    """
    if period is None:
        return sorted({str(year) for year in years})
    first, last = (period, period) if isinstance(period, str) else period
    if len(first) == YEAR_LENGTH:
        return [f"{year:04d}" for year in range(int(first), int(last) + 1)]
    start = int(first[:4]) * 12 + int(first[5:7]) - 1
    end = int(last[:4]) * 12 + int(last[5:7]) - 1
    return [f"{month // 12:04d}-{month % 12 + 1:02d}" for month in range(start, end + 1)]


def area_bounds(area: str | None) -> tuple[str, str] | None:
    """The half-open code range ``[low, high)`` holding every code below ``area`` (``None``: everywhere).

    Dotted codes compare byte by byte: every code inside ``21.71`` starts with ``21.71.``
    and sorts before ``21.71/`` (``/`` follows ``.``), so one index range finds them.

    Examples
    --------
    >>> area_bounds("21.71")
    ('21.71.', '21.71/')
    """
    if area is None:
        return None
    return f"{area}.", f"{area}/"


def level_of_length(code: str) -> str | None:
    """The level of a dotted code by its length (``None``: no level has that length).

    Examples
    --------
    >>> level_of_length("21.71"), level_of_length("2171")
    ('regency', None)
    """
    return next((level for level, length in CODE_LENGTHS.items() if length == len(code)), None)


def month_and_year_forms(periods: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split roll-up periods into (months, years), each sorted.

    Examples
    --------
    >>> month_and_year_forms(["2024-02", "2024", "2023"])
    (['2024-02'], ['2023', '2024'])
    """
    months = sorted(p for p in periods if len(p) == MONTH_LENGTH)
    years = sorted(p for p in periods if len(p) == YEAR_LENGTH)
    return months, years
