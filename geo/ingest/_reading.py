"""Read an uploaded CSV or Excel file into a table of text cells.

Everything stays text here: codes such as ``2171011001`` or ``11.10`` must never
become numbers, and the number format of counts (``1.234`` vs ``1,234``) is only
decided later, per file (:func:`detect_number_format`).

Row numbers are those a person sees in the file: the header is row 1, the first
data row is row 2, and blank lines keep their number even though they are skipped.

Examples
--------
>>> table = read_table(b"kode;jumlah\\n21.71;1.234\\n\\n2171011001;5\\n", "t.csv")
>>> table.delimiter, table.encoding, list(table.frame.columns)
(';', 'utf-8', ['kode', 'jumlah'])
>>> table.frame["jumlah"].tolist(), table.row_numbers.tolist()
(['1.234', '5'], [2, 4])
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from geo.errors import InputFileError

DEFAULT_SIZE_LIMIT_MB = 200
"""Largest accepted upload; override with ``RISKMAP_MAX_UPLOAD_MB`` or the ``size_limit_mb`` argument."""

_DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DELIMITER_NAMES = {",": "comma (,)", ";": "semicolon (;)", "\t": "tab", "|": "pipe (|)"}


@dataclass
class RawTable:
    """A file read as text cells.

    Attributes
    ----------
    frame
        One column per (non-empty) header, every cell a ``str`` or missing (``NaN``);
        whitespace stripped; blank rows removed.
    row_numbers
        Row number in the file of each row of ``frame`` (header = row 1).
    file_type
        ``"csv"``, ``"xlsx"`` or ``"xls"``.
    encoding, delimiter
        Detected text encoding and delimiter (CSV only, else ``None``).
    sheet, sheets
        Sheet read and all sheet names (Excel only).
    """

    frame: pd.DataFrame
    row_numbers: pd.Series
    file_name: str
    file_type: str
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    sha256: str = ""
    size_bytes: int = 0

    @property
    def delimiter_label(self) -> str:
        """Human-readable delimiter ("semicolon (;)")."""
        return _DELIMITER_NAMES.get(self.delimiter or "", self.delimiter or "")


def size_limit_bytes(size_limit_mb: float | None = None) -> int:
    """The upload limit in bytes (argument, else ``RISKMAP_MAX_UPLOAD_MB``, else 200 MB)."""
    if size_limit_mb is None:
        size_limit_mb = float(os.environ.get("RISKMAP_MAX_UPLOAD_MB") or DEFAULT_SIZE_LIMIT_MB)
    return int(size_limit_mb * 1024 * 1024)


def load_bytes(source: str | os.PathLike[str] | bytes, file_name: str | None = None,
               size_limit_mb: float | None = None) -> tuple[bytes, str]:
    """Return ``(content, file_name)`` of a path or bytes, enforcing the size limit."""
    limit = size_limit_bytes(size_limit_mb)
    if isinstance(source, bytes | bytearray):
        content = bytes(source)
        name = file_name or "upload"
        size = len(content)
    else:
        path = Path(source)
        name = file_name or path.name
        if not path.is_file():
            raise InputFileError(f"{name}: file not found ({path}).", key="file_error.not_found",
                                 values={"name": name, "path": str(path)})
        size = path.stat().st_size
        content = b""
    if size > limit:
        size_mb, limit_mb = f"{size / 1024 / 1024:.1f}", f"{limit / 1024 / 1024:.0f}"
        raise InputFileError(
            f"{name} is {size_mb} MB; the upload limit is {limit_mb} MB. "
            "Split the file (for example one file per province or year) or raise RISKMAP_MAX_UPLOAD_MB.",
            key="file_error.too_large", values={"name": name, "size": size_mb, "limit": limit_mb},
        )
    if not content and not isinstance(source, bytes | bytearray):
        content = Path(source).read_bytes()
    if not content.strip():
        raise InputFileError(f"{name} is empty.", key="file_error.empty", values={"name": name})
    return content, name


def file_type_of(content: bytes, file_name: str) -> str:
    """``"xlsx"``, ``"xls"`` or ``"csv"`` from the first bytes (then the extension)."""
    if content.startswith(_XLSX_MAGIC):
        return "xlsx"
    if content.startswith(_XLS_MAGIC):
        return "xls"
    suffix = Path(file_name).suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        raise InputFileError(
            f"{file_name} has the extension {suffix} but is not an Excel workbook; save it again from Excel "
            "or export it as CSV.",
            key="file_error.not_excel", values={"name": file_name, "suffix": suffix},
        )
    if b"\x00" in content[:4096] and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputFileError(f"{file_name} is not a text (CSV) or Excel file.", key="file_error.not_csv_or_excel",
                             values={"name": file_name})
    return "csv"


def decode_text(content: bytes, file_name: str = "upload") -> tuple[str, str]:
    """Decode CSV bytes; return ``(text, encoding)``.

    UTF-8 (with or without BOM) and UTF-16 with BOM are recognised exactly; other
    files are decoded as Windows-1252 (Excel's "CSV" on Indonesian/English Windows),
    falling back to Latin-1 for the few bytes cp1252 leaves undefined.

    Examples
    --------
    >>> decode_text("Désa".encode("cp1252"))
    ('Désa', 'cp1252')
    >>> decode_text(b"\\xef\\xbb\\xbfkode")
    ('kode', 'utf-8-sig')
    """
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16"), "utf-16"
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    # charset-normalizer settles the rare file that is neither (e.g. UTF-16 without BOM).
    from charset_normalizer import from_bytes

    best = from_bytes(content[: 1 << 20], cp_isolation=["utf_16", "utf_16_le", "utf_16_be"]).best()
    if best is not None and best.encoding.startswith("utf_16"):
        try:
            return content.decode(best.encoding), best.encoding.replace("_", "-")
        except UnicodeDecodeError:
            pass
    return content.decode("latin-1"), "latin-1"


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the sample lines into the most consistent number of fields.

    Examples
    --------
    >>> sniff_delimiter(["kode;jumlah", "21.71;1.234,5", "21.72;7"])
    ';'
    >>> sniff_delimiter(["a\\tb\\tc", "1\\t2\\t3"])
    '\\t'
    >>> sniff_delimiter(["only one column", "x"])
    ','
    """
    best, best_score = ",", (0.0, 0)
    for delimiter in _DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        if not counts or counts[0] < 2:
            continue
        header_fields = counts[0]
        consistent = sum(1 for count in counts if count == header_fields) / len(counts)
        score = (consistent, header_fields)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _is_blank(frame: pd.DataFrame) -> pd.Series:
    return frame.isna().all(axis=1)


def _clean(frame: pd.DataFrame, first_data_row: int, file_name: str) -> tuple[pd.DataFrame, pd.Series]:
    """Strip cells, drop empty trailing/unnamed columns and blank rows; name the columns."""
    frame = frame.copy()
    original_headers = list(frame.columns)
    frame.columns = list(range(frame.shape[1]))  # duplicate headers must not confuse column access
    for column in frame.columns:
        text = frame[column].astype("str").str.strip()
        frame[column] = text.mask(text == "")
    headers: list[str] = []
    keep: list[int] = []
    for index, raw in enumerate(original_headers):
        header = "" if raw is None or (isinstance(raw, float) and math.isnan(raw)) else str(raw).strip()
        if header.startswith("Unnamed: "):
            header = ""
        column_empty = frame.iloc[:, index].isna().all()
        if not header and column_empty:
            continue  # empty trailing (or stray) column
        if not header:
            header = f"column {index + 1}"
        keep.append(index)
        headers.append(header)
    frame = frame.iloc[:, keep]
    seen: dict[str, int] = {}
    unique_headers = []
    for header in headers:
        seen[header] = seen.get(header, 0) + 1
        unique_headers.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    frame.columns = unique_headers
    if frame.shape[1] == 0:
        raise InputFileError(f"{file_name}: no header row found; the first row must name the columns.",
                             key="file_error.no_header_columns", values={"name": file_name})
    row_numbers = pd.Series(range(first_data_row, first_data_row + len(frame)), index=frame.index, name="row")
    blank = _is_blank(frame)
    frame = frame[~blank].reset_index(drop=True)
    row_numbers = row_numbers[~blank].reset_index(drop=True)
    return frame, row_numbers


def _read_csv(content: bytes, file_name: str) -> RawTable:
    text, encoding = decode_text(content, file_name)
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)  # leading blank lines: the first non-blank line is the header (row 1)
    if not lines:
        raise InputFileError(f"{file_name} is empty.", key="file_error.empty", values={"name": file_name})
    sample = [line for line in lines[:200] if line.strip()][:50]
    delimiter = sniff_delimiter(sample)
    body = "\n".join(lines)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.StringIO(body),
                sep=delimiter,
                dtype=str,
                keep_default_na=False,
                na_values=[""],
                skip_blank_lines=False,
                index_col=False,
                engine="c",
                quotechar='"',
            )
    except pd.errors.ParserError as error:
        match = re.search(r"line (\d+)", str(error))
        where = f"row {match.group(1)}" if match else "a row"
        values = {"name": file_name, "delimiter": _DELIMITER_NAMES[delimiter]}
        if match:
            values["row"] = match.group(1)
        raise InputFileError(
            f"{file_name}: {where} has more fields than the header (delimiter {_DELIMITER_NAMES[delimiter]}). "
            "Quote values that contain the delimiter, or fix that row.",
            key="file_error.row_too_wide" if match else "file_error.a_row_too_wide", values=values,
        ) from None
    except pd.errors.EmptyDataError:
        raise InputFileError(f"{file_name}: no header row found.", key="file_error.no_header",
                             values={"name": file_name}) from None
    if any(issubclass(item.category, pd.errors.ParserWarning) for item in caught):
        _check_row_widths(body, delimiter, file_name)
    frame, row_numbers = _clean(frame, 2, file_name)
    return RawTable(frame, row_numbers, file_name, "csv", encoding=encoding, delimiter=delimiter)


def _check_row_widths(body: str, delimiter: str, file_name: str) -> None:
    """Reject rows with more non-empty fields than the header (pandas would cut them silently).

    Trailing empty fields (``a;b;``) are harmless and allowed.
    """
    reader = csv.reader(io.StringIO(body), delimiter=delimiter)
    width = len(next(reader))
    bad = []
    for row_number, row in enumerate(reader, start=2):
        if len(row) > width and any(value.strip() for value in row[width:]):
            bad.append(row_number)
    if bad:
        shown = ", ".join(str(number) for number in bad[:10]) + (" …" if len(bad) > 10 else "")
        raise InputFileError(
            f"{file_name}: row {shown} has more fields than the header (delimiter {_DELIMITER_NAMES[delimiter]}). "
            "Quote values that contain the delimiter, or fix those rows.",
            key="file_error.rows_too_wide",
            values={"name": file_name, "rows": shown, "delimiter": _DELIMITER_NAMES[delimiter]},
        )


def _excel_cell_text(value: object) -> object:
    """Excel cell -> text; numbers keep what a code needs (21.1 as typed number is 21.10)."""
    if value is None:
        return float("nan")
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return float("nan")
        if value.is_integer():
            return str(int(value))
        if 0 < value < 100:
            # A dotted code typed into a number cell lost its trailing zero: 11.1 is 11.10.
            return f"{value:.2f}"
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _xls_rows(content: bytes, sheet_name: str | None) -> tuple[list[str], list[list[object]]]:
    """Sheet names and the rows of one sheet of an old .xls workbook (xlrd, read directly:
    pandas' xlrd engine is deprecated).
    """
    import xlrd

    book = xlrd.open_workbook(file_contents=content, on_demand=True)
    try:
        names = [str(name) for name in book.sheet_names()]
        if sheet_name is None:
            return names, []
        sheet = book.sheet_by_name(sheet_name)
        rows: list[list[object]] = []
        for row_index in range(sheet.nrows):
            row: list[object] = []
            for cell in sheet.row(row_index):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    row.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                    row.append(None)
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    row.append(bool(cell.value))
                else:
                    row.append(cell.value)
            rows.append(row)
        return names, rows
    finally:
        book.release_resources()


def _xlsx_rows(content: bytes, sheet_name: str | None) -> tuple[list[str], list[list[object]]]:
    """Sheet names and the rows of one sheet of an .xlsx workbook (openpyxl, values not formulas)."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        names = [str(name) for name in book.sheetnames]
        if sheet_name is None:
            return names, []
        return names, [list(row) for row in book[sheet_name].iter_rows(values_only=True)]
    finally:
        book.close()


def excel_sheets(content: bytes, file_type: str) -> list[str]:
    """Sheet names of a workbook (``file_type`` ``"xlsx"`` or ``"xls"``)."""
    return (_xlsx_rows if file_type == "xlsx" else _xls_rows)(content, None)[0]


def _read_excel(content: bytes, file_name: str, file_type: str, sheet: str | int | None) -> RawTable:
    reader = _xlsx_rows if file_type == "xlsx" else _xls_rows
    try:
        sheets = reader(content, None)[0]
    except Exception as error:  # openpyxl/xlrd raise many types for a damaged file
        raise InputFileError(f"{file_name}: cannot open the workbook ({error}). Save it again from Excel.",
                             key="file_error.workbook_unreadable",
                             values={"name": file_name, "error": str(error)}) from None
    if not sheets:
        raise InputFileError(f"{file_name}: the workbook has no sheets.", key="file_error.no_sheets",
                             values={"name": file_name})
    if sheet is None or sheet == "":
        sheet_name = sheets[0]
    elif isinstance(sheet, int) or (isinstance(sheet, str) and sheet.isdigit() and sheet not in sheets):
        position = int(sheet)
        if not 1 <= position <= len(sheets):
            raise InputFileError(f"{file_name}: there is no sheet number {position}; sheets: {', '.join(sheets)}.",
                                 key="file_error.no_sheet_number",
                                 values={"name": file_name, "position": position, "sheets": ", ".join(sheets)})
        sheet_name = sheets[position - 1]
    elif sheet in sheets:
        sheet_name = str(sheet)
    else:
        raise InputFileError(f"{file_name}: there is no sheet {sheet!r}; sheets: {', '.join(sheets)}.",
                             key="file_error.no_sheet",
                             values={"name": file_name, "sheet": sheet, "sheets": ", ".join(sheets)})
    rows = reader(content, sheet_name)[1]
    width = max((len(row) for row in rows), default=0)
    cells = [[_excel_cell_text(value) for value in row] + [float("nan")] * (width - len(row)) for row in rows]
    raw = pd.DataFrame(cells, dtype=object) if cells else pd.DataFrame()
    non_blank = ~_is_blank(raw) if len(raw) else pd.Series([], dtype=bool)
    if not non_blank.any():
        raise InputFileError(f"{file_name}: sheet {sheet_name!r} is empty.", key="file_error.sheet_empty",
                             values={"name": file_name, "sheet": sheet_name})
    header_position = int(non_blank.to_numpy().argmax())
    header = raw.iloc[header_position].tolist()
    body = raw.iloc[header_position + 1 :].reset_index(drop=True)
    body.columns = header
    frame, row_numbers = _clean(body, 2, file_name)
    # Excel rows above the header are not data: number relative to the header (header = row 1).
    return RawTable(frame, row_numbers, file_name, file_type, sheet=sheet_name, sheets=sheets)


def read_table(source: str | os.PathLike[str] | bytes, file_name: str | None = None, *,
               sheet: str | int | None = None, size_limit_mb: float | None = None) -> RawTable:
    """Read a CSV/XLSX/XLS file (path or bytes) into a :class:`RawTable` of text cells.

    Raises :class:`~geo.errors.InputFileError` (with the file name and what to do)
    when the file cannot be read as a whole: too large, empty, not CSV/Excel, no header.
    """
    content, name = load_bytes(source, file_name, size_limit_mb)
    file_type = file_type_of(content, name)
    if file_type == "csv":
        table = _read_csv(content, name)
    else:
        table = _read_excel(content, name, file_type, sheet)
    table.sha256 = hashlib.sha256(content).hexdigest()
    table.size_bytes = len(content)
    return table
