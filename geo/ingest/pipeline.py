"""Read an analyst's CSV/Excel file, check it, match it to areas and publish it.

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
>>> data = "kode;desa;tahun;jumlah\\n2172011001;;2023;1.200\\n;Tj. Pinang Barat;2023;7\\n99;;2023;5\\n".encode()
>>> result = check(data, "kepri.csv", kind="migration", codelist=codes)
>>> result.report.rows_accepted, result.report.matched_by, result.report.total
(2, {'code': 1, 'name': 1, 'fuzzy': 0}, 1207)
>>> result.report.rejected[0]["row"]
4
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from geo.data.codes import CodeList
from geo.data.store import KINDS, RECORD_COLUMNS, Store, default_store
from geo.errors import InputFileError
from geo.ingest._personal import PersonalColumn, personal_cells, personal_columns
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
    """Sheet names of an Excel file; ``[]`` for a CSV file.

    Examples
    --------
    >>> sheet_names(b"kode,jumlah\\n21.71,1\\n", "a.csv")
    []
    """
    content, name = load_bytes(source, file_name)
    file_type = file_type_of(content, name)
    if file_type == "csv":
        return []
    try:
        return excel_sheets(content, file_type)
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
    if kind not in KINDS:
        raise InputFileError(f"Unknown kind {kind!r}; use --kind migration or --kind cases.",
                             key="file_error.unknown_kind", values={"kind": kind})


def preview(source: str | os.PathLike[str] | bytes, file_name: str | None = None, *, kind: str = "migration",
            sheet: str | int | None = None, mapping: dict[str, str] | None = None,
            number_format: str | None = None, size_limit_mb: float | None = None) -> Preview:
    """Read a file and detect its column mapping and number format (nothing is matched or stored)."""
    _check_kind(kind)
    table = read_table(source, file_name, sheet=sheet, size_limit_mb=size_limit_mb)
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
    return Preview(table, column_mapping, number_format, personal)


def _add_reason(reasons: pd.Series, mask: pd.Series, messages: pd.Series | str) -> None:
    """Append ``messages`` (:class:`~geo.ingest.matching.Reason` objects) to ``reasons`` where ``mask`` holds (in place)."""
    if not mask.any():
        return
    if isinstance(messages, str):
        messages = pd.Series([messages] * len(reasons), index=reasons.index, dtype=object)
    for index in reasons.index[mask]:
        current = reasons.at[index]
        reasons.at[index] = messages.at[index] if current is None else Reason.join(current, messages.at[index])


def _add_value_reason(reasons: pd.Series, mask: pd.Series, values: pd.Series, key: str, **extra: object) -> None:
    """Append the reason ``key`` (its ``{value!r}`` is the cell, ``extra`` the rest) for the rows in ``mask``."""
    if not mask.any():
        return
    messages = pd.Series({index: Reason(key, value=str(values.at[index]), **extra) for index in reasons.index[mask]},
                         dtype=object)
    _add_reason(reasons, mask, messages)


def check(source: str | os.PathLike[str] | bytes, file_name: str | None = None, *, kind: str,
          sheet: str | int | None = None, mapping: dict[str, str] | None = None, number_format: str | None = None,
          threshold: float = DEFAULT_FUZZY_THRESHOLD, size_limit_mb: float | None = None,
          codelist: CodeList | None = None) -> IngestResult:
    """Read, map, guard, parse and match a file; return the report and the records (nothing stored).

    ``mapping`` corrects the detected ``{column: field}`` mapping (``"ignore"`` leaves a column
    out); ``number_format`` (``"id"``/``"en"``) overrides the detected one.
    """
    seen = preview(source, file_name, kind=kind, sheet=sheet, mapping=mapping, number_format=number_format,
                   size_limit_mb=size_limit_mb)
    table, column_mapping, fmt = seen.table, seen.mapping, seen.number_format
    name = table.file_name
    frame = table.frame
    by_field = {field_: column for column, field_ in column_mapping.items()}
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

    warnings: list[str] = []
    reasons = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    fields = pd.DataFrame({field_: frame[column] for field_, column in by_field.items()}, index=frame.index)

    # Counts.
    if "count" in by_field:
        raw = fields["count"]
        counts = parse_numbers(raw, fmt)
        column = by_field["count"]
        _add_reason(reasons, raw.isna(), Reason("ingest_reason.count_empty", column=column))
        # The data page's own label of the number format (English as NUMBER_FORMATS[fmt]).
        _add_value_reason(reasons, raw.notna() & counts.isna(), raw, "ingest_reason.count_not_number",
                          column=column, number_format=Reason(f"data.number_format.{fmt}"))
        _add_value_reason(reasons, counts < 0, raw, "ingest_reason.count_negative")
        fractional = counts.notna() & (counts >= 0) & (np.floor(counts) != counts)
        _add_value_reason(reasons, fractional, raw, "ingest_reason.count_fractional")
    else:
        counts = pd.Series(1.0, index=frame.index)
        warnings.append(Reason("ingest_reason.no_count_column"))

    # Periods.
    if "date" in by_field or "period" in by_field:
        source_field = "date" if "date" in by_field else "period"
        raw = fields[source_field]
        periods = parse_periods(raw)
        column = by_field[source_field]
        _add_reason(reasons, raw.isna(), Reason("ingest_reason.period_empty", column=column))
        _add_value_reason(reasons, raw.notna() & periods.isna(), raw, "ingest_reason.period_invalid", column=column)
    elif "year" in by_field:
        years = fields["year"]
        months = fields["month"] if "month" in by_field else pd.Series([None] * len(frame), index=frame.index)
        periods = combine_year_month(years, months)
        _add_reason(reasons, years.isna(), Reason("ingest_reason.year_empty", column=by_field["year"]))
        label = years.astype("str").str.cat(months.astype("str").fillna(""), sep=" ").str.strip()
        _add_value_reason(reasons, years.notna() & periods.isna(), label, "ingest_reason.year_month_invalid")
    else:
        periods = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        warnings.append(Reason("ingest_reason.no_period_column"))

    # Categories.
    sexes = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    if "sex" in by_field:
        raw = fields["sex"]
        lookup = {value: parse_sex(value) for value in raw.dropna().unique()}
        sexes = pd.Series([lookup.get(value) if isinstance(value, str) else None for value in raw],
                          index=frame.index, dtype=object)
        _add_value_reason(reasons, raw.notna() & sexes.isna(), raw, "ingest_reason.sex_invalid")
    procedural = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    if "procedural" in by_field:
        raw = fields["procedural"]
        lookup = {value: parse_procedural(value) for value in raw.dropna().unique()}
        procedural = pd.Series([lookup.get(value) if isinstance(value, str) else None for value in raw],
                               index=frame.index, dtype=object)
        _add_value_reason(reasons, raw.notna() & procedural.isna(), raw, "ingest_reason.procedural_invalid")
    texts: dict[str, pd.Series] = {}
    for field_ in _TEXT_FIELDS:
        if field_ in by_field:
            values = clean_text(fields[field_])
            kinds = personal_cells(values)
            leaked = kinds.notna()
            if leaked.any():
                _add_reason(reasons, leaked, kinds.map(
                    lambda kind, column=by_field[field_]: Reason(
                        "ingest_reason.personal", column=column, kinds=Reason(f"ingest_reason.kind.{kind}"))
                    if kind else ""))
            texts[field_] = values.where(~leaked, None)
        else:
            texts[field_] = pd.Series([None] * len(frame), index=frame.index, dtype=object)

    # Areas.
    codes = _codelist(codelist)
    matched = match_areas(fields[[c for c in ("area_code", *NAME_FIELDS) if c in fields]], _matcher(codes, threshold))
    _add_reason(reasons, matched["area_code"].isna(), matched["reason"].astype(object))

    accepted = reasons.isna()
    rows = table.row_numbers
    # The frame keeps the Reason objects (English strings that the page can translate);
    # the report holds plain English text (CLI --json output and the stored provenance).
    rejected = pd.DataFrame({"row": rows[~accepted].astype(int).to_numpy(),
                             "reason": pd.Series(reasons[~accepted].to_numpy(dtype=object), dtype=object)})
    names = codes.frame["name"]
    accepted_codes = matched.loc[accepted, "area_code"]
    given_columns = [c for c in ("area_code", *NAME_FIELDS) if c in fields]
    given_arrays = [fields.loc[accepted, column].to_numpy(dtype=object) for column in given_columns]
    given_text = np.array([" / ".join(value for value in values if isinstance(value, str) and value)
                           for values in zip(*given_arrays, strict=True)], dtype=object) if given_arrays else \
        np.array([None] * int(accepted.sum()), dtype=object)
    match_table = pd.DataFrame({
        "row": rows[accepted].astype(int).to_numpy(),
        "given": given_text,
        "area_code": accepted_codes.to_numpy(dtype=object),
        "area_name": accepted_codes.map(names).to_numpy(dtype=object),
        "level": matched.loc[accepted, "level"].to_numpy(dtype=object),
        "matched_by": matched.loc[accepted, "matched_by"].to_numpy(dtype=object),
        "score": matched.loc[accepted, "score"].to_numpy(dtype=float),
        # object dtype: pandas would otherwise turn the Reason notes into plain strings
        "note": pd.Series(matched.loc[accepted, "note"].to_numpy(dtype=object), dtype=object),
    })

    records = pd.DataFrame({
        "area_code": matched["area_code"], "level": matched["level"], "period": periods,
        "destination_country": texts["destination_country"], "destination_city": texts["destination_city"],
        "transit": texts["transit"], "sex": sexes, "procedural": procedural, "count": counts,
    })[accepted]
    keys = [column for column in RECORD_COLUMNS if column != "count"]
    # Identical keys are summed: case-level rows become counts (nothing per person is kept).
    records = records.astype({key: object for key in keys}).groupby(keys, sort=True, dropna=False)["count"].sum()
    records = records.reset_index()
    for key in keys:
        records[key] = records[key].astype(object).where(records[key].notna(), None)
    records["count"] = records["count"].round().astype("int64")

    matched_by = {method: int((match_table["matched_by"] == method).sum()) for method in ("code", "name", "fuzzy")}
    report = IngestReport(
        file_name=name, kind=kind, file_type=table.file_type, encoding=table.encoding, delimiter=table.delimiter,
        sheet=table.sheet, sha256=table.sha256, number_format=fmt, mapping=dict(column_mapping),
        rows_read=len(frame), rows_accepted=int(accepted.sum()), rows_rejected=int((~accepted).sum()),
        rejected=[{"row": int(row), "reason": str(reason)} for row, reason in zip(
            rejected["row"], rejected["reason"], strict=True)], matched_by=matched_by,
        dropped_columns=[item.column for item in seen.personal],
        dropped_details=[item.describe() for item in seen.personal],
        unused_columns=[column for column in frame.columns if column not in column_mapping],
        total=int(records["count"].sum()), warnings=warnings, threshold=float(threshold),
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
        sha256=report.sha256, uploader=uploader, note=note, rows_read=report.rows_read,
        rows_accepted=report.rows_accepted, rows_rejected=report.rows_rejected, mapping=report.provenance(),
        report={
            "rejected": report.rejected, "matched_by": report.matched_by, "dropped_columns": report.dropped_columns,
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
