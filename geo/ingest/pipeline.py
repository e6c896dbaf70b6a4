r"""Read an analyst's CSV/Excel file, check it, match it to areas and publish it.

Two steps, so that a person can look before anything is stored:

1. :func:`check` reads the file (encoding, delimiter, sheet), recognises the
   columns, drops personal data, parses numbers/periods/categories, matches every
   row to an area and returns an :class:`IngestResult` — the report plus the records
   that would be stored. Nothing is written.
2. :func:`publish` stores those records as a new immutable dataset version.

:func:`ingest_file` does both (the ``riskmap ingest`` command).

A file is rejected as a whole (:class:`~geo.errors.InputFileError`) only when it
cannot be read, has no usable columns or no row can be used; otherwise every row is
either accepted (with how it matched) or rejected with its row number and reason.

Examples
--------
>>> from geo.data.codes import CodeList
>>> codes = CodeList.from_rows([("21", "Kepulauan Riau"), ("21.72", "Kota Tanjung Pinang"),
...                             ("21.72.01", "Tanjung Pinang Barat"), ("21.72.01.1001", "Tanjung Pinang Barat")])
>>> data = "kode;desa;tahun;jumlah\n2172011001;;2023;1.200\n;Tj. Pinang Barat;2023;7\n99;;2023;5\n".encode()
>>> result = check(data, "kepri.csv", kind="migration", codelist=codes)
>>> result.report.rows_accepted, result.report.matched_by, result.report.total
(2, {'code': 1, 'name': 1, 'fuzzy': 0}, 1207)
>>> result.report.rejected[0]["row"]
4
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from contextlib import closing
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from geo.data.codes import CodeList
from geo.data.kinds import DATASET_KINDS, SERVED
from geo.data.store import RECORD_COLUMNS, Store, default_store
from geo.errors import InputFileError
from geo.ingest._personal import (
    IDENTIFIER_DIGITS,
    PersonalColumn,
    cell_kind,
    describe_cell,
    mask_personal,
    personal_columns,
    place_cell_kind,
)
from geo.ingest._reading import RawTable, excel_sheets, file_type_of, load_bytes, read_table
from geo.ingest.columns import (
    FIELDS,
    IGNORE,
    NAME_FIELDS,
    NUMBER_FORMATS,
    apply_overrides,
    clean_text,
    combine_year_month,
    detect_mapping,
    detect_number_format,
    parse_numbers,
    parse_periods,
    parse_procedural,
    parse_sex,
)
from geo.ingest.matching import DEFAULT_FUZZY_THRESHOLD, AreaMatcher, Reason, match_areas, render_reason

__all__ = [
    "DEFAULT_FUZZY_THRESHOLD", "FIELDS", "IGNORE", "NUMBER_FORMATS", "IngestReport", "IngestResult", "Preview",
    "check", "ingest_file", "preview", "publish", "sheet_names",
]

_TEXT_FIELDS = ("destination_country", "destination_city", "transit")
_MATCHERS: dict[tuple[int, float], AreaMatcher] = {}
MAX_LISTED_REJECTED = 1_000
"""Rejected rows listed one by one in the report (and stored with the dataset); the rest are counted."""
MAX_LISTED_MATCHES = 10_000
"""Accepted rows listed with how they matched (for the Data page); the rest are counted in ``matched_by``."""


@dataclass
class Preview:
    """What the file looks like before checking: columns, detected mapping and number format."""

    table: RawTable
    mapping: dict[str, str]
    number_format: str
    personal: list[PersonalColumn]

    @property
    def columns(self) -> list[str]:
        """Column headers of the file (after blank columns were removed)."""
        return list(self.table.frame.columns)


@dataclass
class IngestReport:
    """Everything a person needs to judge an upload (and the provenance stored with it)."""

    file_name: str
    kind: str
    file_type: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    sha256: str
    number_format: str
    mapping: dict[str, str]
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    rejected: list[dict[str, Any]]
    matched_by: dict[str, int]
    dropped_columns: list[str]
    dropped_details: list[str]
    unused_columns: list[str]
    total: int
    warnings: list[str] = field(default_factory=list)
    threshold: float = DEFAULT_FUZZY_THRESHOLD
    dataset_id: int | None = None
    rejected_not_listed: int = 0
    """Rejected rows beyond the first :data:`MAX_LISTED_REJECTED` (counted, not listed)."""

    def summary(self) -> dict[str, Any]:
        """The JSON object printed by ``riskmap ingest --json`` (exactly these keys)."""
        return {
            "dataset_id": self.dataset_id,
            "kind": self.kind,
            "rows_read": self.rows_read,
            "rows_accepted": self.rows_accepted,
            "rows_rejected": self.rows_rejected,
            "rejected": [{"row": item["row"], "reason": item["reason"]} for item in self.rejected],
            "matched_by": dict(self.matched_by),
            "dropped_columns": list(self.dropped_columns),
            "total": self.total,
        }

    def warnings_in(self, language: str) -> list[str]:
        """:attr:`warnings` in a UI language (``"id"`` or ``"en"``), for the Data page."""
        return [str(render_reason(warning, language)) for warning in self.warnings]

    def provenance(self) -> dict[str, Any]:
        """How the file was read (stored with the dataset as its ``mapping``)."""
        return {
            "columns": dict(self.mapping),
            "number_format": self.number_format,
            "file_type": self.file_type,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "sheet": self.sheet,
            "fuzzy_threshold": self.threshold,
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything, JSON-ready."""
        return asdict(self)


@dataclass
class IngestResult:
    """The report, the records that would be stored, and per-row detail for the page."""

    report: IngestReport
    records: pd.DataFrame
    # one row per accepted input row: row, given, area_code, area_name, level, matched_by, score, note
    matches: pd.DataFrame
    rejected: pd.DataFrame  # row, reason (reasons are English :class:`~geo.ingest.matching.Reason` strings)

    @property
    def publishable(self) -> bool:
        """Whether at least one row can be stored."""
        return self.report.rows_accepted > 0

    def rejected_in(self, language: str) -> pd.DataFrame:
        """The rejected rows with each ``reason`` in ``language`` (``"id"`` or ``"en"``), for the Data page."""
        return _rendered(self.rejected, "reason", language)

    def matches_in(self, language: str) -> pd.DataFrame:
        """The accepted rows with each ``note`` in ``language`` (``"id"`` or ``"en"``), for the Data page."""
        return _rendered(self.matches, "note", language)


def _rendered(frame: pd.DataFrame, column: str, language: str) -> pd.DataFrame:
    """A copy of ``frame`` with the :class:`~geo.ingest.matching.Reason` cells of ``column`` rendered in ``language``."""
    rendered = frame.copy()
    if column in rendered:
        rendered[column] = pd.Series([render_reason(value, language) for value in frame[column]],
                                     index=frame.index, dtype=object)
    return rendered


def sheet_names(source: str | os.PathLike[str] | bytes, file_name: str | None = None) -> list[str]:
    r"""Sheet names of an Excel file; ``[]`` for a CSV file.

    Examples
    --------
    >>> sheet_names(b"kode,jumlah\n21.71,1\n", "a.csv")
    []
    """
    content, name = load_bytes(source, file_name)
    file_type = file_type_of(content, name)
    if file_type == "csv":
        return []
    try:
        return excel_sheets(content, file_type, name)
    except InputFileError:
        raise
    except Exception as error:  # openpyxl/xlrd raise many types for a damaged file
        raise InputFileError(f"{name}: cannot open the workbook ({error}). Save it again from Excel.",
                             key="file_error.workbook_unreadable", values={"name": name, "error": str(error)}) from None


def _codelist(codelist: CodeList | None) -> CodeList:
    return codelist if codelist is not None else CodeList.load()


def _matcher(codelist: CodeList, threshold: float) -> AreaMatcher:
    # One matcher per code list and threshold, so name look-ups are cached across uploads.
    key = (id(codelist), float(threshold))
    if key not in _MATCHERS or _MATCHERS[key].codelist is not codelist:
        _MATCHERS[key] = AreaMatcher(codelist, threshold)
    return _MATCHERS[key]


def _check_kind(kind: str) -> None:
    if kind not in DATASET_KINDS:
        raise InputFileError(f"Unknown kind {kind!r}; use --kind migration, --kind cases or --kind served.",
                             key="file_error.unknown_kind", values={"kind": kind})


def preview(source: str | os.PathLike[str] | bytes, file_name: str | None = None, *, kind: str = "migration",
            sheet: str | int | None = None, mapping: dict[str, str] | None = None,
            number_format: str | None = None, size_limit_mb: float | None = None) -> Preview:
    """Read a file and detect its column mapping and number format (nothing is matched or stored)."""
    _check_kind(kind)
    table = read_table(source, file_name, sheet=sheet, size_limit_mb=size_limit_mb)
    try:
        headers = list(table.frame.columns)
        column_mapping = apply_overrides(headers, detect_mapping(headers), mapping)
        personal = personal_columns(table.frame, column_mapping)
        dropped = {item.column for item in personal}
        column_mapping = {column: field_ for column, field_ in column_mapping.items() if column not in dropped}
        if number_format is None:
            count_column = next((column for column, field_ in column_mapping.items() if field_ == "count"), None)
            values = table.frame[count_column].dropna() if count_column else pd.Series([], dtype=object)
            number_format = detect_number_format(values.unique(), default="id" if table.delimiter == ";" else "en")
        elif number_format not in NUMBER_FORMATS:
            raise InputFileError(f"Unknown number format {number_format!r}; use 'id' (1.234,5) or 'en' (1,234.5).",
                                 key="file_error.number_format", values={"number_format": number_format})
    except BaseException:
        table.close()  # a workbook read in chunks is closed now, not when the error is forgotten
        raise
    return Preview(table, column_mapping, number_format, personal)


def _add_reason(reasons: pd.Series, mask: pd.Series, messages: pd.Series | str) -> None:
    """Append ``messages`` (:class:`~geo.ingest.matching.Reason` objects) to ``reasons`` where ``mask`` holds (in place)."""
    chosen = np.asarray(mask, dtype=bool)
    if not chosen.any():
        return
    current = reasons.to_numpy(dtype=object).copy()
    new = np.full(len(current), messages, dtype=object) if isinstance(messages, str) else \
        messages.reindex(reasons.index).to_numpy(dtype=object)
    first = chosen & pd.isna(current)
    current[first] = new[first]
    # Joining is per row, but only for rows that already have a reason (few, and only bad ones).
    for position in np.flatnonzero(chosen & ~first):
        current[position] = Reason.join(current[position], new[position])
    reasons.iloc[:] = current


def _per_distinct(values: pd.Series, parse: Callable[[Any], Any]) -> pd.Series:
    """``parse`` of every cell, called once per distinct value (a 3-million-row file has a few thousand).

    Missing cells give ``None``; the result is an object Series with the index of ``values``.
    """
    positions, distinct = pd.factorize(values, use_na_sentinel=True)
    parsed = np.empty(len(distinct) + 1, dtype=object)  # the extra last slot is for missing cells (-1)
    parsed[:-1] = [parse(value) for value in distinct]
    parsed[-1] = None
    return pd.Series(parsed[positions], index=values.index, dtype=object)


def _personal_reason(column: str, kind: str, value: str) -> Reason:
    """Why a row with personal data in a kept cell is refused: the kind and a masked form, never the value."""
    return Reason("ingest_reason.personal_cell", column=column, kind=Reason(f"ingest_reason.kind.{kind}"),
                  masked=mask_personal(kind, value))


@dataclass
class _RowReasons:
    """Reasons per row of one chunk: ordinary ones, and personal-data ones that replace them."""

    reasons: pd.Series
    personal: pd.Series

    @classmethod
    def empty(cls, index: pd.Index) -> _RowReasons:
        return cls(pd.Series([None] * len(index), index=index, dtype=object),
                   pd.Series([None] * len(index), index=index, dtype=object))

    def add(self, mask: pd.Series, messages: pd.Series | str) -> None:
        _add_reason(self.reasons, mask, messages)

    def add_personal(self, index: object, reason: Reason) -> None:
        current = self.personal.at[index]
        self.personal.at[index] = reason if current is None else Reason.join(current, reason)

    def add_values(self, mask: pd.Series, values: pd.Series, key: str, source: str, /, **extra: object) -> None:
        """Reason ``key`` for the cells in ``mask``, its ``{value!r}`` a short masked excerpt.

        A cell of column ``source`` that holds personal data gets the personal-data reason instead.
        """
        if not mask.any():
            return
        lookup: dict[object, Reason] = {}
        messages: dict[object, Reason] = {}
        for index in self.reasons.index[mask]:
            value = values.at[index]
            if value not in lookup:
                kind = cell_kind(value)
                lookup[value] = _personal_reason(source, kind, str(value)) if kind else \
                    Reason(key, value=describe_cell(value), **extra)
            reason = lookup[value]
            if reason.key == "ingest_reason.personal_cell":
                self.add_personal(index, reason)
            else:
                messages[index] = reason
        if messages:
            _add_reason(self.reasons, self.reasons.index.isin(list(messages)), pd.Series(messages, dtype=object))

    def final(self) -> pd.Series:
        """One reason per row (``None`` = accepted); personal data replaces every other reason."""
        return self.personal.where(self.personal.notna(), self.reasons)


@dataclass
class _Plan:
    """What every chunk of one file shares: the columns, number format and matcher."""

    by_field: dict[str, str]
    number_format: str
    matcher: AreaMatcher
    names: pd.Series


@dataclass
class _ChunkOutcome:
    records: pd.DataFrame
    matches: pd.DataFrame
    rejected: pd.DataFrame
    rows_read: int
    rows_accepted: int
    matched_by: dict[str, int]


def _counts(fields: pd.DataFrame, plan: _Plan, why: _RowReasons) -> pd.Series:
    if "count" not in plan.by_field:
        return pd.Series(1.0, index=fields.index)
    raw = fields["count"]
    column = plan.by_field["count"]
    # Parsed once per distinct cell: monthly counts repeat a few hundred values over millions of rows.
    positions, distinct = pd.factorize(raw, use_na_sentinel=True)
    distinct_text = pd.Series(np.asarray(distinct, dtype=object), dtype=object)
    parsed = np.append(parse_numbers(distinct_text, plan.number_format).to_numpy(dtype=float), np.nan)
    counts = pd.Series(parsed[positions], index=fields.index, dtype=float)
    why.add(raw.isna(), Reason("ingest_reason.count_empty", column=column))
    # The data page's own label of the number format (English as NUMBER_FORMATS[fmt]).
    why.add_values(raw.notna() & counts.isna(), raw, "ingest_reason.count_not_number", column,
                   column=column, number_format=Reason(f"data.number_format.{plan.number_format}"))
    why.add_values(counts < 0, raw, "ingest_reason.count_negative", column)
    fractional = counts.notna() & (counts >= 0) & (np.floor(counts) != counts)
    why.add_values(fractional, raw, "ingest_reason.count_fractional", column)
    # Ten digits or more is a NIK, a phone or an account number typed into the count column.
    distinct_digits = np.append(distinct_text.astype("str").str.count(r"\d").to_numpy(dtype=int), 0)
    digits = pd.Series(distinct_digits[positions], index=fields.index)
    for index in fields.index[digits >= IDENTIFIER_DIGITS]:
        why.add_personal(index, Reason("ingest_reason.count_identifier", column=column,
                                       value=describe_cell(raw.at[index]), digits=int(digits.at[index])))
    return counts


def _periods(fields: pd.DataFrame, plan: _Plan, why: _RowReasons) -> pd.Series:
    by_field = plan.by_field
    if "date" in by_field or "period" in by_field:
        source_field = "date" if "date" in by_field else "period"
        raw = fields[source_field]
        periods = parse_periods(raw)
        column = by_field[source_field]
        why.add(raw.isna(), Reason("ingest_reason.period_empty", column=column))
        why.add_values(raw.notna() & periods.isna(), raw, "ingest_reason.period_invalid", column, column=column)
        return periods
    if "year" in by_field:
        years = fields["year"]
        months = fields["month"] if "month" in by_field else pd.Series([None] * len(fields), index=fields.index)
        periods = combine_year_month(years, months)
        why.add(years.isna(), Reason("ingest_reason.year_empty", column=by_field["year"]))
        label = years.astype("str").str.cat(months.astype("str").fillna(""), sep=" ").str.strip()
        why.add_values(years.notna() & periods.isna(), label, "ingest_reason.year_month_invalid", by_field["year"])
        return periods
    return pd.Series([None] * len(fields), index=fields.index, dtype=object)


def _category(fields: pd.DataFrame, plan: _Plan, why: _RowReasons, field_: str) -> pd.Series:
    """Parsed ``sex`` or ``procedural`` values (``None`` where missing or not recognised)."""
    if field_ not in plan.by_field:
        return pd.Series([None] * len(fields), index=fields.index, dtype=object)
    raw = fields[field_]
    parse = parse_sex if field_ == "sex" else parse_procedural
    parsed = _per_distinct(raw, lambda value: parse(value) if isinstance(value, str) else None)
    why.add_values(raw.notna() & parsed.isna(), raw, f"ingest_reason.{field_}_invalid", plan.by_field[field_])
    return parsed


def _texts(fields: pd.DataFrame, plan: _Plan, why: _RowReasons) -> dict[str, pd.Series]:
    """Destination and transit text; a cell holding personal data refuses its row and is never kept."""
    texts: dict[str, pd.Series] = {}
    for field_ in _TEXT_FIELDS:
        if field_ not in plan.by_field:
            texts[field_] = pd.Series([None] * len(fields), index=fields.index, dtype=object)
            continue
        raw = fields[field_]
        column = plan.by_field[field_]
        kinds = _per_distinct(raw, lambda value: place_cell_kind(value) if isinstance(value, str) else None)
        leaked = kinds.notna()
        for index in fields.index[leaked]:
            why.add_personal(index, _personal_reason(column, str(kinds.at[index]), str(raw.at[index])))
        positions, distinct = pd.factorize(raw, use_na_sentinel=True)
        cleaned = np.array([*clean_text(pd.Series(np.asarray(distinct, dtype=object), dtype=object)), None],
                           dtype=object)  # the last slot: missing cells (position -1)
        texts[field_] = pd.Series(cleaned[positions], index=fields.index, dtype=object).where(~leaked, None)
    return texts


def _area_columns(fields: pd.DataFrame) -> list[str]:
    return [c for c in ("area_code", *NAME_FIELDS) if c in fields]


def _guard_unmatched(fields: pd.DataFrame, plan: _Plan, unmatched: pd.Series, why: _RowReasons) -> None:
    """A code or area name that matched nothing may be personal data ("Maria Goreti Seran" as village)."""
    for field_ in _area_columns(fields):
        column = plan.by_field[field_]
        values = fields.loc[unmatched, field_].dropna()
        level = field_.removesuffix("_name")
        # A real area name (ambiguous or outside the parent) is no person, even if it reads like one.
        kinds = {value: None if level != "area_code" and plan.matcher.knows_name(level, str(value))
                 else cell_kind(value) for value in values.unique()}
        for index, value in values.items():
            if kinds[value]:
                why.add_personal(index, _personal_reason(column, str(kinds[value]), str(value)))


def _match_table(fields: pd.DataFrame, matched: pd.DataFrame, accepted: pd.Series, rows: pd.Series,
                 names: pd.Series, limit: int) -> pd.DataFrame:
    """How each of the first ``limit`` accepted rows matched (the rest are only counted)."""
    chosen = fields.index[accepted.to_numpy(dtype=bool)][:limit]
    accepted_codes = matched.loc[chosen, "area_code"]
    given_arrays = [fields.loc[chosen, column].to_numpy(dtype=object) for column in _area_columns(fields)]
    given_text = np.array([" / ".join(value for value in values if isinstance(value, str) and value)
                           for values in zip(*given_arrays, strict=True)], dtype=object) if given_arrays else \
        np.array([None] * len(chosen), dtype=object)
    return pd.DataFrame({
        "row": rows[chosen].astype(int).to_numpy(),
        "given": given_text,
        "area_code": accepted_codes.to_numpy(dtype=object),
        "area_name": accepted_codes.map(names).to_numpy(dtype=object),
        "level": matched.loc[chosen, "level"].to_numpy(dtype=object),
        "matched_by": matched.loc[chosen, "matched_by"].to_numpy(dtype=object),
        "score": matched.loc[chosen, "score"].to_numpy(dtype=float),
        # object dtype: pandas would otherwise turn the Reason notes into plain strings
        "note": pd.Series(matched.loc[chosen, "note"].to_numpy(dtype=object), dtype=object),
    })


_RECORD_KEYS = [column for column in RECORD_COLUMNS if column != "count"]


@dataclass
class _RecordSums:
    """Accepted records of all chunks, compact: each key cell a small integer id, summed once at the end.

    Every key column keeps a dictionary of its distinct values (codes, periods, countries: a
    few thousand), so 3 million accepted rows cost 3 million small integers per key (1 to 4 bytes),
    not Python objects; :meth:`grouped` sums identical keys (case-level rows become counts).
    """

    values: dict[str, dict[object, int]] = field(default_factory=lambda: {key: {} for key in _RECORD_KEYS})
    ids: dict[str, list[np.ndarray]] = field(default_factory=lambda: {key: [] for key in _RECORD_KEYS})
    counts: list[np.ndarray] = field(default_factory=list)

    def add(self, records: pd.DataFrame) -> None:
        """Add a chunk's accepted records (columns :data:`~geo.data.store.RECORD_COLUMNS`)."""
        for key in _RECORD_KEYS:
            positions, distinct = pd.factorize(records[key].to_numpy(dtype=object), use_na_sentinel=True)
            known = self.values[key]
            chunk_to_id = np.array([known.setdefault(value, len(known)) for value in distinct] + [-1], dtype=np.int32)
            # The smallest signed type that holds the ids so far: periods and splits take a byte a row.
            ids = chunk_to_id[positions]  # -1 (missing) picks the appended -1
            self.ids[key].append(ids.astype(np.min_scalar_type(-len(known) - 1)))
        self.counts.append(records["count"].to_numpy(dtype=float))

    def grouped(self) -> pd.DataFrame:
        """The records with identical keys summed, sorted by the keys (missing values last).

        The order is that of a pandas ``groupby(sort=True, dropna=False)``. The ids of all keys
        become one mixed-radix integer per row, so the sum sorts one integer array.
        """
        if math.prod(len(self.values[key]) + 1 for key in _RECORD_KEYS) >= 2**62:
            # Never for real uploads (codes x periods x a few splits); stay exact anyway.
            return _group_records_by_columns(self._frame())
        combined = np.zeros(sum(len(part) for part in self.counts), dtype=np.int64)
        ordered: dict[str, np.ndarray] = {}
        for key in _RECORD_KEYS:
            distinct = sorted(self.values[key], key=_sort_key)
            rank = np.empty(len(distinct) + 1, dtype=np.int64)
            rank[[self.values[key][value] for value in distinct]] = np.arange(len(distinct))
            rank[-1] = len(distinct)  # missing (id -1) after every value
            ordered[key] = np.array([*distinct, None], dtype=object)
            combined = combined * len(ordered[key]) + rank[np.concatenate(self.ids[key]) if self.ids[key] else []]
            self.ids[key] = []  # freed as soon as folded in
        keys, inverse = np.unique(combined, return_inverse=True)
        del combined
        sums = np.bincount(inverse, weights=np.concatenate(self.counts) if self.counts else None,
                           minlength=len(keys))
        columns: dict[str, pd.Series] = {}
        for key in reversed(_RECORD_KEYS):
            keys, value_rank = np.divmod(keys, len(ordered[key]))
            # Object Series, not arrays: pandas would copy arrays of text into its string dtype.
            columns[key] = pd.Series(ordered[key][value_rank], dtype=object, copy=False)
        frame = pd.DataFrame({key: columns.pop(key) for key in _RECORD_KEYS}, copy=False)
        frame["count"] = sums
        return frame

    def _frame(self) -> pd.DataFrame:
        """All records as one frame of objects (for :func:`_group_records_by_columns`)."""
        frame = pd.DataFrame({key: np.array([*self.values[key], None], dtype=object)[
            np.concatenate(self.ids[key])] for key in _RECORD_KEYS})
        frame["count"] = np.concatenate(self.counts)
        return frame


def _sort_key(value: object) -> tuple[str, object]:
    """Distinct values of one key column in the order pandas sorts them (one type per column)."""
    return (type(value).__name__, value)


def _group_records_by_columns(records: pd.DataFrame) -> pd.DataFrame:
    """Identical keys summed by a pandas groupby over the key columns (any number of distinct keys)."""
    grouped = records.astype({key: object for key in _RECORD_KEYS}).groupby(
        _RECORD_KEYS, sort=True, dropna=False)["count"].sum().reset_index()
    for key in _RECORD_KEYS:
        grouped[key] = grouped[key].astype(object).where(grouped[key].notna(), None)
    return grouped


def _match_distinct(fields: pd.DataFrame, matcher: AreaMatcher) -> pd.DataFrame:
    """:func:`~geo.ingest.matching.match_areas` once per distinct combination of code and names, spread to every row."""
    areas = fields[_area_columns(fields)]
    if len(areas.columns) == 1:
        combination, _ = pd.factorize(areas.iloc[:, 0], use_na_sentinel=False)
    else:
        combination = areas.groupby(list(areas.columns), sort=False, dropna=False).ngroup().to_numpy()
    # drop_duplicates keeps first occurrences in order, as factorize/ngroup(sort=False) number them.
    distinct = areas.drop_duplicates().reset_index(drop=True)
    matched = match_areas(distinct, matcher).take(combination)
    matched.index = fields.index
    return matched


def _check_chunk(frame: pd.DataFrame, rows: pd.Series, plan: _Plan, listed_matches: int) -> _ChunkOutcome:
    """Guard, parse and match one chunk of rows; list how at most ``listed_matches`` accepted rows matched."""
    why = _RowReasons.empty(frame.index)
    fields = pd.DataFrame({field_: frame[column] for field_, column in plan.by_field.items()}, index=frame.index)
    counts = _counts(fields, plan, why)
    periods = _periods(fields, plan, why)
    sexes = _category(fields, plan, why, "sex")
    procedural = _category(fields, plan, why, "procedural")
    texts = _texts(fields, plan, why)
    matched = _match_distinct(fields, plan.matcher)
    unmatched = matched["area_code"].isna()
    why.add(unmatched, matched["reason"].astype(object))
    _guard_unmatched(fields, plan, unmatched, why)
    reasons = why.final()
    accepted = reasons.isna()
    # The frame keeps the Reason objects (English strings that the page can translate).
    rejected = pd.DataFrame({"row": rows[~accepted].astype(int).to_numpy(),
                             "reason": pd.Series(reasons[~accepted].to_numpy(dtype=object), dtype=object)})
    records = pd.DataFrame({
        "area_code": matched["area_code"], "level": matched["level"], "period": periods,
        "destination_country": texts["destination_country"], "destination_city": texts["destination_city"],
        "transit": texts["transit"], "sex": sexes, "procedural": procedural, "count": counts,
    })[accepted]
    matched_by = matched.loc[accepted, "matched_by"].value_counts()
    return _ChunkOutcome(records,
                         _match_table(fields, matched, accepted, rows, plan.names, listed_matches),
                         rejected, len(frame), int(accepted.sum()),
                         {str(method): int(count) for method, count in matched_by.items()})


@dataclass
class _Totals:
    """The outcome of all chunks so far, with only the first rows listed (bounded memory and report)."""

    records: _RecordSums = field(default_factory=_RecordSums)
    matches: list[pd.DataFrame] = field(default_factory=list)
    rejected: list[pd.DataFrame] = field(default_factory=list)
    matched_by: dict[str, int] = field(default_factory=lambda: {"code": 0, "name": 0, "fuzzy": 0})
    rows_read: int = 0
    rows_accepted: int = 0
    listed_matches: int = 0
    listed_rejected: int = 0

    @property
    def matches_to_list(self) -> int:
        """How many more accepted rows are listed with how they matched."""
        return MAX_LISTED_MATCHES - self.listed_matches

    def add(self, outcome: _ChunkOutcome) -> None:
        self.rows_read += outcome.rows_read
        self.rows_accepted += outcome.rows_accepted
        for method, count in outcome.matched_by.items():
            self.matched_by[method] = self.matched_by.get(method, 0) + count
        self.records.add(outcome.records)
        if len(outcome.matches):
            self.matches.append(outcome.matches)
            self.listed_matches += len(outcome.matches)
        if self.listed_rejected < MAX_LISTED_REJECTED:
            self.rejected.append(outcome.rejected.head(MAX_LISTED_REJECTED - self.listed_rejected))
            self.listed_rejected += len(self.rejected[-1])

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """``(records, matches, rejected)``."""
        records = self.records.grouped()
        self.records = _RecordSums()
        records["count"] = records["count"].round().astype("int64")
        return (records, pd.concat(self.matches, ignore_index=True) if self.matches else _EMPTY_MATCHES.copy(),
                pd.concat(self.rejected, ignore_index=True))


_EMPTY_MATCHES = pd.DataFrame({column: pd.Series([], dtype=float if column == "score" else object)
                               for column in ("row", "given", "area_code", "area_name", "level", "matched_by",
                                              "score", "note")})


def _require_columns(name: str, frame: pd.DataFrame, by_field: dict[str, str], kind: str) -> None:
    columns_text = ", ".join(frame.columns)
    if "area_code" not in by_field and not any(field_ in by_field for field_ in NAME_FIELDS):
        raise InputFileError(
            f"{name}: no column with area codes or area names was recognised (columns: {columns_text}). "
            "Name the column e.g. 'kode wilayah' or 'nama desa', or map it: --map 'COLUMN=area_code'.",
            key="file_error.no_area_column", values={"name": name, "columns": columns_text},
        )
    if kind == "migration" and "count" not in by_field:
        raise InputFileError(
            f"{name}: no column with the number of migrant workers was recognised (columns: {columns_text}). "
            "Name it e.g. 'jumlah' or map it: --map 'COLUMN=count'.",
            key="file_error.no_count_column", values={"name": name, "columns": columns_text},
        )
    if frame.empty:
        raise InputFileError(f"{name}: the file has a header but no data rows.", key="file_error.no_data_rows",
                             values={"name": name})


def _file_warnings(by_field: dict[str, str]) -> list[str]:
    warnings: list[str] = []
    if "count" not in by_field:
        warnings.append(Reason("ingest_reason.no_count_column"))
    if not {"date", "period", "year"} & set(by_field):
        warnings.append(Reason("ingest_reason.no_period_column"))
    return warnings


def check(source: str | os.PathLike[str] | bytes, file_name: str | None = None, *, kind: str,
          sheet: str | int | None = None, mapping: dict[str, str] | None = None, number_format: str | None = None,
          threshold: float = DEFAULT_FUZZY_THRESHOLD, size_limit_mb: float | None = None,
          codelist: CodeList | None = None) -> IngestResult:
    """Read, map, guard, parse and match a file; return the report and the records (nothing stored).

    ``mapping`` corrects the detected ``{column: field}`` mapping (``"ignore"`` leaves a column
    out); ``number_format`` (``"id"``/``"en"``) overrides the detected one. Large CSV files and
    Excel sheets are checked chunk by chunk; the report lists the first :data:`MAX_LISTED_REJECTED`
    rejected rows and the result the first :data:`MAX_LISTED_MATCHES` accepted ones (the counts
    cover all rows).
    """
    seen = preview(source, file_name, kind=kind, sheet=sheet, mapping=mapping, number_format=number_format,
                   size_limit_mb=size_limit_mb)
    table, column_mapping = seen.table, seen.mapping
    name = table.file_name
    by_field = {field_: column for column, field_ in column_mapping.items()}
    totals = _Totals()
    # with: a failure in any chunk closes the file read in chunks (an Excel workbook) at once.
    with closing(table):
        _require_columns(name, table.frame, by_field, kind)
        codes = _codelist(codelist)
        plan = _Plan(by_field, seen.number_format, _matcher(codes, threshold), codes.frame["name"])
        totals.add(_check_chunk(table.frame, table.row_numbers, plan, totals.matches_to_list))
        table.frame = table.frame.iloc[:0]  # the first chunk is checked: do not keep its cells to the end
        for frame, rows in table.more_chunks or ():
            totals.add(_check_chunk(frame, rows, plan, totals.matches_to_list))
    records, match_table, rejected = totals.frames()
    rows_rejected = totals.rows_read - totals.rows_accepted
    report = IngestReport(
        file_name=name, kind=kind, file_type=table.file_type, encoding=table.encoding, delimiter=table.delimiter,
        sheet=table.sheet, sha256=table.sha256, number_format=seen.number_format, mapping=dict(column_mapping),
        rows_read=totals.rows_read, rows_accepted=totals.rows_accepted, rows_rejected=rows_rejected,
        # The report holds plain English text (CLI --json output and the stored provenance).
        rejected=[{"row": int(row), "reason": str(reason)} for row, reason in zip(
            rejected["row"], rejected["reason"], strict=True)], matched_by=totals.matched_by,
        dropped_columns=[item.column for item in seen.personal],
        # Reasons: the same English text as describe(), renderable in the run's language (riskmap --lang id).
        dropped_details=[Reason("ingest_reason.personal_column", column=item.column,
                                kinds=Reason(f"ingest_reason.kind.{item.kind}"),
                                how=Reason(f"ingest_reason.evidence.{item.evidence}")) for item in seen.personal],
        unused_columns=[column for column in table.frame.columns if column not in column_mapping],
        total=int(records["count"].sum()), warnings=[] if kind == SERVED else _file_warnings(by_field),
        threshold=float(threshold),
        rejected_not_listed=rows_rejected - len(rejected),
    )
    return IngestResult(report, records, match_table, rejected)


def publish(result: IngestResult, *, name: str | None = None, note: str | None = None, uploader: str | None = None,
            activate: bool = True, store: Store | None = None) -> int:
    """Store a checked file as a new dataset version (one transaction); return its id.

    Raises :class:`~geo.errors.InputFileError` when no row was accepted.
    """
    report = result.report
    if not result.publishable:
        first = "; ".join(f"row {item['row']}: {item['reason']}" for item in report.rejected[:3])
        raise InputFileError(f"{report.file_name}: no row could be used, nothing was stored. {first}",
                             key="file_error.nothing_stored", values={"name": report.file_name, "first": first})
    store = store or default_store()
    dataset_name = (name or "").strip() or os.path.splitext(report.file_name)[0]
    dataset_id = store.save_dataset(
        kind=report.kind, name=dataset_name, records=result.records, file_name=report.file_name,
        sha256=report.sha256, uploader=uploader, actor=uploader, note=note, rows_read=report.rows_read,
        rows_accepted=report.rows_accepted, rows_rejected=report.rows_rejected, mapping=report.provenance(),
        report={
            "rejected": report.rejected, "rejected_not_listed": report.rejected_not_listed,
            "matched_by": report.matched_by, "dropped_columns": report.dropped_columns,
            "dropped_details": report.dropped_details, "warnings": report.warnings, "total": report.total,
        },
        activate=activate,
    )
    report.dataset_id = dataset_id
    return dataset_id


def ingest_file(source: str | os.PathLike[str] | bytes, file_name: str | None = None, *, kind: str,
                name: str | None = None, note: str | None = None, uploader: str | None = None,
                sheet: str | int | None = None, mapping: dict[str, str] | None = None,
                number_format: str | None = None, threshold: float = DEFAULT_FUZZY_THRESHOLD,
                activate: bool = True, store: Store | None = None, codelist: CodeList | None = None) -> IngestResult:
    """:func:`check` then :func:`publish`; ``result.report.dataset_id`` is the new version."""
    result = check(source, file_name, kind=kind, sheet=sheet, mapping=mapping, number_format=number_format,
                   threshold=threshold, codelist=codelist)
    publish(result, name=name, note=note, uploader=uploader, activate=activate, store=store)
    return result
