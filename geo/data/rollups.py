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

from collections.abc import Callable, Iterable, Iterator, Sequence
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
_DENSE_KEYS = 1 << 24  # key spaces up to this size are summed by counting (two arrays of 128 MB at most)


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
        object (``None`` when unknown); in the order of :func:`iter_rollups`.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = compute_rollups(pd.DataFrame({"area_code": ["21.71"], "period": ["2024-05"], "count": [2],
    ...                                      "procedural": [True]}))
    >>> rows[["level", "code", "period", "procedural", "count"]].values.tolist()
    [['province', '21', '2024-05', True, 2], ['province', '21', '2024', True, 2], ['regency', '21.71', '2024-05', True, 2], ['regency', '21.71', '2024', True, 2]]
    """
    parts = list(iter_rollups(records))
    return pd.concat(parts, ignore_index=True) if parts else _empty_rollups()


def iter_rollups(records: pd.DataFrame, chunk_rows: int = 50_000) -> Iterator[pd.DataFrame]:
    """The roll-up rows of :func:`compute_rollups`, at most ``chunk_rows`` at a time (bounded memory).

    Publishing writes them chunk by chunk, so the roll-ups of a national monthly dataset
    (4 million rows) never exist as one frame. Level by level (province first), months
    before years, and within a level and form in the order of the index
    ``(level, period, code)``: a database appends to its index instead of inserting all over it.

    Parameters
    ----------
    records : pandas.DataFrame
        As for :func:`compute_rollups`.
    chunk_rows : int
        Most rows per frame.

    Yields
    ------
    pandas.DataFrame
        Columns :data:`ROLLUP_COLUMNS`; text columns share one string object per distinct value.

    Examples
    --------
    >>> import pandas as pd
    >>> records = pd.DataFrame({"area_code": ["21.71.01.1001", "21.72.01.1001"], "period": ["2024-02", "2024-01"],
    ...                         "count": [3, 4]})
    >>> [len(chunk) for chunk in iter_rollups(records, chunk_rows=3)]
    [2, 1, 2, 2, 2, 2, 2, 2]
    >>> next(iter_rollups(records))[["level", "code", "period", "count"]].values.tolist()
    [['province', '21', '2024-01', 4], ['province', '21', '2024-02', 3]]
    """
    frame = _prepared(records)
    if frame.empty:
        return
    # Work on integer keys, never on strings: one split combination id per row (the splits
    # are the same for every level and period form), then per level and form one int64 key
    # (period, code, split) summed with bincount. Three million records take seconds.
    splits, split_ids = _split_combinations(frame)
    split_values = {column: splits[column].to_numpy(dtype=object) for column in SPLIT_COLUMNS}
    split_count = len(splits)
    del splits
    code_names = frame["code"].cat.categories.astype(str).to_numpy(dtype=str)
    row_codes = frame["code"].cat.codes.to_numpy().astype("int64")
    deep_enough = np.char.str_len(code_names)[row_codes]  # code length of each row
    period_names = frame["period"].cat.categories.astype(str).to_numpy(dtype=str)
    row_periods = frame["period"].cat.codes.to_numpy().astype("int64")
    months = np.char.str_len(period_names)[row_periods] == MONTH_LENGTH
    years, year_of_period = np.unique(period_names.astype(f"U{YEAR_LENGTH}"), return_inverse=True)
    forms = ((period_names.astype(object), row_periods, months),
             (years.astype(object), year_of_period[row_periods], np.ones(len(frame), dtype=bool)))
    counts = frame["count"].to_numpy(dtype="int64")
    del frame
    for level, length in CODE_LENGTHS.items():
        level_codes, code_of_name = np.unique(code_names.astype(f"U{length}"), return_inverse=True)
        level_code_names = level_codes.astype(object)  # one str per code, shared by every row that has it
        for form_names, form_of_row, chosen in forms:
            rows = np.flatnonzero(chosen & (deep_enough >= length))
            if not len(rows):
                continue
            group_count = len(level_codes) * split_count  # keys per period
            keys = form_of_row[rows] * group_count + code_of_name[row_codes[rows]] * split_count + split_ids[rows]
            unique_keys, sums, sizes = _sum_by_key(keys, counts[rows], len(form_names) * group_count)
            del keys, rows
            for start in range(0, len(unique_keys), chunk_rows):
                chunk = unique_keys[start : start + chunk_rows]
                period_of, rest = np.divmod(chunk, group_count)
                code_of, split_of = np.divmod(rest, split_count)
                part = {"level": np.full(len(chunk), level, dtype=object), "code": level_code_names[code_of],
                        "period": form_names[period_of]}
                part.update({column: values[split_of] for column, values in split_values.items()})
                part["count"] = sums[start : start + chunk_rows]
                part["records"] = sizes[start : start + chunk_rows]
                yield pd.DataFrame({name: pd.Series(part[name], dtype=part[name].dtype, copy=False)
                                    for name in ROLLUP_COLUMNS})


def _sum_by_key(keys: np.ndarray, counts: np.ndarray, key_space: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct keys (sorted), the sum of ``counts`` and the number of rows of each.

    When the keys are dense enough — a village-month roll-up has 36 months × 83,762 villages ×
    a few splits, about as many keys as records — one counting pass over an array of every
    possible key replaces the sort of ``np.unique`` (three million keys: 0.1 s instead of 1 s).
    """
    if key_space <= max(_DENSE_KEYS, 2 * len(keys)):
        sizes = np.bincount(keys, minlength=key_space)
        present = np.flatnonzero(sizes)
        sums = np.bincount(keys, weights=counts, minlength=key_space)[present]
        return present, sums.round().astype("int64"), sizes[present].astype("int64")
    unique_keys, group = np.unique(keys, return_inverse=True)
    sums = np.bincount(group, weights=counts, minlength=len(unique_keys))
    return unique_keys, sums.round().astype("int64"), np.bincount(group, minlength=len(unique_keys)).astype("int64")


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
