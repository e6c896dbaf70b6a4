r"""Read an uploaded CSV or Excel file into a table of text cells.

Everything stays text here: codes such as ``2171011001`` or ``11.10`` must never
become numbers, and the number format of counts (``1.234`` vs ``1,234``) is only
decided later, per file (:func:`detect_number_format`).

Row numbers are those a person sees in the file: the header is row 1, the first
data row is row 2, and blank lines keep their number even though they are skipped.

Examples
--------
>>> table = read_table(b"kode;jumlah\n21.71;1.234\n\n2171011001;5\n", "t.csv")
>>> table.delimiter, table.encoding, list(table.frame.columns)
(';', 'utf-8', ['kode', 'jumlah'])
>>> table.frame["jumlah"].tolist(), table.row_numbers.tolist()
(['1.234', '5'], [2, 4])
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import math
import os
import re
import warnings
import zipfile
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING
from xml.parsers import expat

import pandas as pd

from geo.errors import InputFileError

if TYPE_CHECKING:
    import xlrd

DEFAULT_SIZE_LIMIT_MB = 200
"""Largest accepted upload; override with ``RISKMAP_MAX_UPLOAD_MB`` or the ``size_limit_mb`` argument."""

MAX_CELL_CHARS = 32_767
"""Longest accepted cell (Excel's own limit); longer cells are refused with the row and column."""
MAX_COLUMNS = 500
"""Most columns a file may have (counting only cells that hold a value, in Excel)."""
MAX_SHEET_ROWS = 1_048_576
"""Most rows an Excel sheet may have (Excel's own limit)."""
MAX_SHEET_CELLS = 1_048_576 * 16
"""Most cells holding a value an Excel sheet may have: a full sheet (1,048,576 rows) of 16 columns.

Sheets are read in chunks (:data:`EXCEL_CHUNK_CELLS`), so memory does not grow with this limit;
it bounds the time a sheet takes (about 20 s of CPU per million cells here). In practice
:data:`MAX_XLSX_UNPACKED_MB` binds first: openpyxl writes about 48 bytes of sheet XML per cell.
"""
MAX_XLSX_UNPACKED_MB = 256
"""Most megabytes an .xlsx may unpack to (all its parts together), checked before it is opened."""
MAX_XLSX_RATIO = 200
"""Largest compression ratio of one part of an .xlsx over 1 MB (a zip bomb packs far tighter)."""
CSV_CHUNK_ROWS = 100_000
"""Rows of a CSV file read (and checked) at a time: memory stays bounded for large files.

Excel sheets are read at most this many rows at a time too (and :data:`EXCEL_CHUNK_CELLS`)."""
EXCEL_CHUNK_CELLS = 1_000_000
"""Most cells of an Excel sheet read at a time (whole rows, at least one): a wide sheet takes
fewer rows per chunk than :data:`CSV_CHUNK_ROWS`, as each cell is a Python object until it is checked."""

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
    more_chunks: Generator[tuple[pd.DataFrame, pd.Series], None, None] | None = None
    """The rows after ``frame`` (which holds the first chunk only), as ``(frame, row_numbers)``
    chunks with the same columns, read as they are consumed; ``None`` when ``frame`` is everything.
    An Excel workbook stays open until the last chunk is read or :meth:`close` is called."""

    @property
    def delimiter_label(self) -> str:
        """Human-readable delimiter ("semicolon (;)")."""
        return _DELIMITER_NAMES.get(self.delimiter or "", self.delimiter or "")

    def close(self) -> None:
        """Stop reading: the chunks not yet consumed are dropped and a workbook read in chunks is closed."""
        if self.more_chunks is not None:
            self.more_chunks.close()


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
    if (b"\x00" in content[:4096] and not content.startswith((b"\xff\xfe", b"\xfe\xff"))
            and _utf16_without_bom(content) is None):
        raise InputFileError(f"{file_name} is not a text (CSV) or Excel file.", key="file_error.not_csv_or_excel",
                             values={"name": file_name})
    return "csv"


def decode_text(content: bytes, file_name: str = "upload") -> tuple[str, str]:
    r"""Decode CSV bytes; return ``(text, encoding)``.

    UTF-8 (with or without BOM) and UTF-16 with BOM are recognised exactly; other
    files are decoded as Windows-1252 (Excel's "CSV" on Indonesian/English Windows),
    falling back to Latin-1 for the few bytes cp1252 leaves undefined.

    Examples
    --------
    >>> decode_text("Désa".encode("cp1252"))
    ('Désa', 'cp1252')
    >>> decode_text(b"\xef\xbb\xbfkode")
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
    r"""The delimiter that splits the sample lines into the most consistent number of fields.

    Examples
    --------
    >>> sniff_delimiter(["kode;jumlah", "21.71;1.234,5", "21.72;7"])
    ';'
    >>> sniff_delimiter(["a\tb\tc", "1\t2\t3"])
    '\t'
    >>> sniff_delimiter(["only one column", "x"])
    ','
    """
    best, best_score = ",", (0.0, 0)
    for delimiter in _DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:  # a field over the csv module's limit: the length check names it later
            continue
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


def _stripped(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as stripped text, empty cells missing; columns numbered (duplicate headers stay apart)."""
    frame = frame.copy()
    frame.columns = list(range(frame.shape[1]))
    for column in frame.columns:
        text = frame[column].astype("str").str.strip()
        frame[column] = text.mask(text == "")
    return frame


def _plan_columns(original_headers: list[object], frame: pd.DataFrame, file_name: str,
                  filled_later: set[int] | frozenset[int] = frozenset()) -> tuple[list[int], list[str]]:
    """Which columns to keep (positions) and their unique names: empty unnamed columns go.

    ``frame`` is the first chunk; ``filled_later``: positions of the columns known to hold a
    value in the rows after it (an Excel sheet's measurement), kept although empty in ``frame``.
    """
    headers: list[str] = []
    keep: list[int] = []
    for index, raw in enumerate(original_headers):
        header = "" if raw is None or (isinstance(raw, float) and math.isnan(raw)) else str(raw).strip()
        if header.startswith("Unnamed: "):
            header = ""
        if not header and index not in filled_later and frame.iloc[:, index].isna().all():
            continue  # empty trailing (or stray) column
        keep.append(index)
        headers.append(header or f"column {index + 1}")
    if not keep:
        raise InputFileError(f"{file_name}: no header row found; the first row must name the columns.",
                             key="file_error.no_header_columns", values={"name": file_name})
    seen: dict[str, int] = {}
    unique_headers = []
    for header in headers:
        seen[header] = seen.get(header, 0) + 1
        unique_headers.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return keep, unique_headers


def _check_cell_lengths(frame: pd.DataFrame, headers: list[str], first_data_row: int, file_name: str) -> None:
    """Refuse a cell longer than :data:`MAX_CELL_CHARS`, naming its row and column."""
    for position, column in enumerate(frame.columns):
        lengths = frame[column].str.len()
        if len(lengths) and lengths.max() > MAX_CELL_CHARS:
            row = first_data_row + int(lengths.to_numpy().argmax())
            raise _cell_too_long(file_name, row, headers[position])


def _cell_too_long(file_name: str, row: int | str, column: str) -> InputFileError:
    return InputFileError(
        f"{file_name}: row {row}, column {column!r} holds more than {MAX_CELL_CHARS:,} characters. "
        "A cell holds one value; remove the long text or split it into columns.",
        key="file_error.cell_too_long",
        values={"name": file_name, "row": row, "column": column, "limit": f"{MAX_CELL_CHARS:,}"},
    )


def _apply_plan(frame: pd.DataFrame, keep: list[int], headers: list[str],
                first_data_row: int) -> tuple[pd.DataFrame, pd.Series]:
    """Keep the planned columns, name them, drop blank rows (row numbers kept)."""
    frame = frame.iloc[:, keep]
    frame.columns = headers
    row_numbers = pd.Series(range(first_data_row, first_data_row + len(frame)), index=frame.index, name="row")
    blank = _is_blank(frame)
    return frame[~blank].reset_index(drop=True), row_numbers[~blank].reset_index(drop=True)


def _planned_table(first: pd.DataFrame, first_row: int, rest: Generator[tuple[pd.DataFrame, int], None, None],
                   file_name: str, filled_later: set[int] | frozenset[int] = frozenset(),
                   ) -> tuple[pd.DataFrame, pd.Series, Generator[tuple[pd.DataFrame, pd.Series], None, None]]:
    """Clean the first chunk (its columns headed by the header cells) and plan the columns on it.

    Cells are stripped, empty unnamed columns and blank rows dropped, the columns named; the
    rest is cleaned with the same plan as it is read. Returns ``(frame, row_numbers, rest)``.
    """
    try:
        stripped = _stripped(first)
        keep, headers = _plan_columns(list(first.columns), stripped, file_name, filled_later)
        _check_cell_lengths(stripped.iloc[:, keep], headers, first_row, file_name)
        frame, row_numbers = _apply_plan(stripped, keep, headers, first_row)
    except BaseException:
        rest.close()  # a workbook read in chunks is closed now, not when the error is forgotten
        raise
    return frame, row_numbers, _planned_chunks(rest, keep, headers, file_name)


# --- CSV ------------------------------------------------------------------------------

_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
_LEADING_BLANK_LINES = re.compile(rb"(?:[ \t]*(?:\r\n|\n|\r))*")


def _utf16_without_bom(content: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when the first bytes are UTF-16 text without a byte-order mark.

    Latin-script UTF-16 has a NUL in every other byte; other binary files do not.

    Examples
    --------
    >>> _utf16_without_bom("kode,jumlah".encode("utf-16-le")), _utf16_without_bom(b"kode,jumlah")
    ('utf-16-le', None)
    """
    sample = content[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.4 * len(odd) and even.count(0) <= 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.4 * len(even) and odd.count(0) <= 0.05 * len(odd):
        return "utf-16-be"
    return None


def _decodes(content: bytes, encoding: str) -> bool:
    """Whether all of ``content`` decodes, checked 1 MB at a time (no copy of the whole text)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(content)
    step = 1 << 20
    try:
        for start in range(0, len(view), step):
            decoder.decode(view[start : start + step], final=start + step >= len(view))
    except UnicodeDecodeError:
        return False
    return True


def _csv_bytes(content: bytes, file_name: str) -> tuple[bytes, str, str]:
    """``(body, codec for the parser, encoding to report)``; UTF-16 is re-encoded as UTF-8."""
    utf16 = ("utf-16", 2) if content.startswith((b"\xff\xfe", b"\xfe\xff")) else None
    if utf16 is None and (without_bom := _utf16_without_bom(content)):
        utf16 = (without_bom, 0)
    if utf16 is not None:
        codec, skip = utf16
        try:
            text = content[skip:].decode(codec if skip == 0 else ("utf-16-le" if content[0] == 0xFF else "utf-16-be"))
        except UnicodeDecodeError:
            raise _bad_encoding(file_name) from None
        return text.encode("utf-8"), "utf-8", codec
    if content.startswith(b"\xef\xbb\xbf"):
        if not _decodes(content, "utf-8"):
            raise _bad_encoding(file_name)
        return content[3:], "utf-8", "utf-8-sig"
    if _decodes(content, "utf-8"):
        return content, "utf-8", "utf-8"
    if not any(byte in content for byte in _CP1252_UNDEFINED):
        return content, "cp1252", "cp1252"
    return content, "latin-1", "latin-1"


def _bad_encoding(file_name: str) -> InputFileError:
    return InputFileError(f"{file_name}: the text cannot be decoded. Save it as 'CSV UTF-8' and upload it again.",
                          key="file_error.bad_encoding", values={"name": file_name})


def _check_no_nul(body: bytes, file_name: str) -> None:
    """A NUL byte in a text file means a damaged or binary file: name its row."""
    position = body.find(b"\x00")
    if position >= 0:
        row = body.count(b"\n", 0, position) + 1
        raise InputFileError(
            f"{file_name}: row {row} holds a NUL byte (binary data), so the file is damaged or not a CSV file. "
            "Open it in a spreadsheet and save it again as 'CSV UTF-8'.",
            key="file_error.nul_byte", values={"name": file_name, "row": row},
        )


def _sample_lines(body: bytes, codec: str) -> list[str]:
    """Up to 50 non-blank lines from the start of the file (for sniffing the delimiter)."""
    head = body[: 1 << 18]
    lines = head.decode(codec, errors="ignore").splitlines()
    if len(head) < len(body) and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut off
    # Long lines are cut for sniffing only (the csv module refuses fields over 128 KB).
    return [line[:4096] for line in lines[:200] if line.strip()][:50]


def _read_csv(content: bytes, file_name: str) -> RawTable:
    body, codec, encoding = _csv_bytes(content, file_name)
    _check_no_nul(body, file_name)
    body = body[_LEADING_BLANK_LINES.match(body).end() :]  # type: ignore[union-attr]
    if not body.strip(b" \t\r\n"):
        raise InputFileError(f"{file_name} is empty.", key="file_error.empty", values={"name": file_name})
    sample = _sample_lines(body, codec)
    delimiter = sniff_delimiter(sample)
    header_width = sample[0].count(delimiter) + 1 if sample else 1
    if header_width > MAX_COLUMNS:
        raise _too_many_columns(file_name, header_width)
    try:
        reader = pd.read_csv(
            io.BytesIO(body), sep=delimiter, dtype=str, keep_default_na=False, na_values=[""],
            skip_blank_lines=False, index_col=False, engine="c", quotechar='"', encoding=codec,
            chunksize=CSV_CHUNK_ROWS,
        )
    except pd.errors.EmptyDataError:
        raise InputFileError(f"{file_name}: no header row found.", key="file_error.no_header",
                             values={"name": file_name}) from None
    chunks = _csv_chunks(reader, lambda: _check_row_widths(body, codec, delimiter, file_name), delimiter, file_name)
    first, first_row = next(chunks, (None, 2))
    if first is None:
        raise InputFileError(f"{file_name}: the file has a header but no data rows.", key="file_error.no_data_rows",
                             values={"name": file_name})
    frame, row_numbers, rest = _planned_table(first, first_row, chunks, file_name)
    return RawTable(frame, row_numbers, file_name, "csv", encoding=encoding, delimiter=delimiter, more_chunks=rest)


def _planned_chunks(chunks: Generator[tuple[pd.DataFrame, int], None, None], keep: list[int], headers: list[str],
                    file_name: str) -> Generator[tuple[pd.DataFrame, pd.Series], None, None]:
    """The chunks after the first, cleaned with the first chunk's column plan (``chunks`` closed at the end)."""
    with closing(chunks):
        for chunk, first_row in chunks:
            stripped = _stripped(chunk)
            _check_cell_lengths(stripped.iloc[:, keep], headers, first_row, file_name)
            yield _apply_plan(stripped, keep, headers, first_row)


def _csv_chunks(reader: Iterator[pd.DataFrame], check_widths: Callable[[], None], delimiter: str,
                file_name: str) -> Generator[tuple[pd.DataFrame, int], None, None]:
    """``(chunk, row number of its first row)``; parser errors become :class:`InputFileError`."""
    first_row = 2
    widths_checked = False
    while True:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", pd.errors.ParserWarning)
                chunk = next(reader)
        except StopIteration:
            return
        except pd.errors.ParserError as error:
            raise _row_too_wide(str(error), delimiter, file_name) from None
        if not widths_checked and any(issubclass(item.category, pd.errors.ParserWarning) for item in caught):
            check_widths()
            widths_checked = True
        yield chunk, first_row
        first_row += len(chunk)


def _row_too_wide(error: str, delimiter: str, file_name: str) -> InputFileError:
    match = re.search(r"line (\d+)", error)
    where = f"row {match.group(1)}" if match else "a row"
    values: dict[str, object] = {"name": file_name, "delimiter": _DELIMITER_NAMES[delimiter]}
    if match:
        values["row"] = match.group(1)
    return InputFileError(
        f"{file_name}: {where} has more fields than the header (delimiter {_DELIMITER_NAMES[delimiter]}). "
        "Quote values that contain the delimiter, or fix that row.",
        key="file_error.row_too_wide" if match else "file_error.a_row_too_wide", values=values,
    )


def _too_many_columns(file_name: str, columns: int | str) -> InputFileError:
    return InputFileError(
        f"{file_name} has {columns} columns; at most {MAX_COLUMNS} are read. "
        "Delete the columns that are not needed (or stray values far to the right) and upload it again.",
        key="file_error.too_many_columns", values={"name": file_name, "columns": columns, "limit": MAX_COLUMNS},
    )


def _check_row_widths(body: bytes, codec: str, delimiter: str, file_name: str) -> None:
    """Reject rows with more non-empty fields than the header (pandas would cut them silently).

    Trailing empty fields (``a;b;``) are harmless and allowed. The file is streamed, not copied.
    """
    reader = csv.reader(io.TextIOWrapper(io.BytesIO(body), encoding=codec, newline=""), delimiter=delimiter)
    bad = []
    try:
        width = len(next(reader))
        for row_number, row in enumerate(reader, start=2):
            if len(row) > width and any(value.strip() for value in row[width:]):
                bad.append(row_number)
    except csv.Error:  # a field over the csv module's own limit (128 KB)
        raise _cell_too_long(file_name, reader.line_num, "?") from None
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


@dataclass
class _SheetRows:
    """The rows of one sheet as they are read, each ``width`` cells (values as the workbook library gives them).

    ``rows`` is a generator that closes the workbook when it ends or is closed; ``last_rows`` is
    the last row (1 = the sheet's first) holding a value, per column number (1 = A).
    """

    rows: Generator[Sequence[object], None, None]
    width: int
    last_rows: dict[int, int]

    def filled_after(self, sheet_row: int) -> set[int]:
        """Positions (0 = the first column) of the columns holding a value below ``sheet_row``."""
        return {column - 1 for column, last in self.last_rows.items() if last > sheet_row}


def _xls_rows(content: bytes, sheet_name: str | None,
              file_name: str = "upload") -> tuple[list[str], _SheetRows | None]:
    """Sheet names and the rows of one sheet of an old .xls workbook (xlrd).

    xlrd is used directly: pandas' xlrd engine is deprecated. xlrd loads the chosen sheet
    whole (the format holds at most 65,536 rows x 256 columns); its rows are then converted
    one at a time and cut into chunks like an .xlsx sheet's.
    """
    import xlrd

    book = xlrd.open_workbook(file_contents=content, on_demand=True)
    try:
        names = [str(name) for name in book.sheet_names()]
        if sheet_name is None:
            return names, None
        sheet = book.sheet_by_name(sheet_name)
        if sheet.ncols > MAX_COLUMNS:
            raise _too_many_columns(file_name, f"{sheet.ncols:,}")
        if sheet.nrows * sheet.ncols > MAX_SHEET_CELLS:
            raise _sheet_too_large(file_name, f"{sheet.nrows:,}", f"{sheet.nrows * sheet.ncols:,}")
    finally:
        book.release_resources()  # the loaded sheet keeps its cells
    empty = (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR)
    last_rows = {}
    for column in range(sheet.ncols):
        filled = [row for row, kind in enumerate(sheet.col_types(column), start=1) if kind not in empty]
        if filled:
            last_rows[column + 1] = filled[-1]
    return names, _SheetRows(_xls_values(sheet, book.datemode), sheet.ncols, last_rows)


def _xls_values(sheet: xlrd.sheet.Sheet, datemode: int) -> Generator[list[object], None, None]:
    """The rows of a loaded xlrd sheet as Python values (dates as datetimes, empty and error cells ``None``)."""
    import xlrd

    for row_index in range(sheet.nrows):
        row: list[object] = []
        for cell in sheet.row(row_index):
            if cell.ctype == xlrd.XL_CELL_DATE:
                row.append(xlrd.xldate_as_datetime(cell.value, datemode))
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                row.append(None)
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                row.append(bool(cell.value))
            else:
                row.append(cell.value)
        yield row


def _xlsx_rows(content: bytes, sheet_name: str | None,
               file_name: str = "upload") -> tuple[list[str], _SheetRows | None]:
    """Sheet names and the rows of one sheet of an .xlsx workbook (openpyxl, values not formulas).

    The package and the sheet are measured first (:func:`_check_xlsx_package`,
    :func:`_measure_sheet`) with a streaming parser of our own, so a workbook bomb is
    refused before openpyxl opens anything; openpyxl then streams the rows as they are consumed.
    """
    archive = _check_xlsx_package(content, file_name)
    parts = _xlsx_sheet_parts(archive, file_name)
    names = [name for name, _part in parts]
    if sheet_name is None:
        return names, None
    size = _measure_sheet(archive, dict(parts)[sheet_name], _long_shared_strings(archive, file_name), file_name)
    return names, _SheetRows(_openpyxl_rows(content, sheet_name, size, file_name), size.columns, size.last_rows)


def _openpyxl_rows(content: bytes, sheet_name: str, size: SheetSize,
                   file_name: str) -> Generator[tuple[object, ...], None, None]:
    """The measured rows of a sheet from openpyxl (read-only); the workbook is open until they end or this is closed."""
    if size.rows == 0:
        return
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise _unreadable(file_name, error) from None
    rows_read = 0
    try:
        sheet = book[sheet_name]
        sheet.reset_dimensions()  # <dimension> may lie: use what was measured
        for row in sheet.iter_rows(max_row=size.rows, max_col=size.columns, values_only=True):
            yield row
            rows_read += 1
    except Exception as error:  # a cell openpyxl cannot read (a number that is not one), met in any chunk
        raise _row_unreadable(file_name, rows_read + 1, error) from None
    finally:
        book.close()


def _row_unreadable(file_name: str, row: int, error: object) -> InputFileError:
    return InputFileError(
        f"{file_name}: row {row} of the sheet cannot be read ({error}). Save the workbook again from Excel, or "
        "save the sheet as CSV.",
        key="file_error.workbook_row_unreadable", values={"name": file_name, "row": row, "error": str(error)},
    )


_PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_SPREADSHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_OFFICE_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """``{id: (type, target part)}`` of a package part (``""`` for the package itself)."""
    from xml.etree import ElementTree

    folder, _, name = part.rpartition("/")
    rels_path = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
    if rels_path not in archive.NameToInfo:
        return {}
    found = {}
    for relation in ElementTree.fromstring(archive.read(rels_path)).iter(f"{_PACKAGE_RELATIONSHIPS}Relationship"):
        target = relation.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else (f"{folder}/{target}" if folder else target)
        found[relation.get("Id", "")] = (relation.get("Type", ""), target)
    return found


def _xlsx_sheet_parts(archive: zipfile.ZipFile, file_name: str) -> list[tuple[str, str]]:
    """``[(sheet name, part path)]`` of the worksheets, from the workbook part and its relationships."""
    from xml.etree import ElementTree

    try:
        workbook = next((target for kind, target in _relationships(archive, "").values()
                         if kind.endswith("/officeDocument")), "xl/workbook.xml")
        relations = _relationships(archive, workbook)
        root = ElementTree.fromstring(archive.read(workbook))
    except (KeyError, ElementTree.ParseError) as error:
        raise _unreadable(file_name, error) from None
    parts = []
    for sheet in root.iter(f"{_SPREADSHEET}sheet"):
        kind, target = relations.get(sheet.get(_OFFICE_RELATIONSHIP_ID, ""), ("", ""))
        if kind.endswith("/worksheet") and target in archive.NameToInfo:
            parts.append((sheet.get("name", ""), target))
    return parts


class _SharedStringMeter:
    """Expat callbacks that note which shared strings are longer than :data:`MAX_CELL_CHARS`."""

    def __init__(self) -> None:
        self.index = -1
        self.length = 0
        self.in_text = False
        self.long_ones: set[int] = set()

    def start(self, tag: str, _attributes: dict[str, str]) -> None:
        if tag == "si":
            self.index, self.length = self.index + 1, 0
        elif tag == "t":
            self.in_text = True

    def end(self, tag: str) -> None:
        if tag == "t":
            self.in_text = False

    def text(self, data: str) -> None:
        if self.in_text:
            self.length += len(data)
            if self.length > MAX_CELL_CHARS:
                self.long_ones.add(self.index)


def _long_shared_strings(archive: zipfile.ZipFile, file_name: str) -> set[int]:
    """Positions of the shared strings longer than :data:`MAX_CELL_CHARS` (streamed; only those are kept)."""
    part = next((name for name in archive.namelist() if name.lower().endswith("sharedstrings.xml")), None)
    if part is None:
        return set()
    meter = _SharedStringMeter()
    _stream_xml(archive, part, file_name, meter.start, meter.end, meter.text)
    return meter.long_ones


def _stream_xml(archive: zipfile.ZipFile, part: str, file_name: str, start: Callable[[str, dict[str, str]], None],
                end: Callable[[str], None], text: Callable[[str], None]) -> None:
    """Feed one package part to expat 64 KB at a time; handlers get tags without their namespace."""
    parser = expat.ParserCreate()
    parser.buffer_text = False
    parser.StartElementHandler = lambda tag, attributes: start(tag.rpartition(":")[2], attributes)
    parser.EndElementHandler = lambda tag: end(tag.rpartition(":")[2])
    parser.CharacterDataHandler = text
    with archive.open(part) as source:
        try:
            while block := source.read(1 << 16):
                parser.Parse(block, False)
            parser.Parse(b"", True)
        except expat.ExpatError as error:
            raise _unreadable(file_name, error) from None


def _check_xlsx_package(content: bytes, file_name: str) -> zipfile.ZipFile:
    """Refuse an .xlsx whose parts unpack to more than :data:`MAX_XLSX_UNPACKED_MB` or pack too tightly.

    The sizes come from the zip directory (nothing is unpacked); :mod:`zipfile` never
    unpacks more than the directory says, so they hold for the reading that follows.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as error:
        raise _unreadable(file_name, error) from None
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > (1 << 20) and ratio > MAX_XLSX_RATIO:
            raise InputFileError(
                f"{file_name}: the part {info.filename} unpacks {ratio:,.0f} times larger than it is stored "
                f"(limit {MAX_XLSX_RATIO}), as a workbook bomb does. Copy the data into a new workbook or save it "
                "as CSV.",
                key="file_error.xlsx_ratio",
                values={"name": file_name, "part": info.filename, "ratio": f"{ratio:,.0f}", "limit": MAX_XLSX_RATIO},
            )
    if total > MAX_XLSX_UNPACKED_MB * (1 << 20):
        unpacked = f"{total / (1 << 20):,.0f}"
        raise InputFileError(
            f"{file_name} unpacks to {unpacked} MB; at most {MAX_XLSX_UNPACKED_MB} MB are read. "
            "Save the data as CSV (no size limit but the upload limit) or split the workbook.",
            key="file_error.xlsx_unpacked",
            values={"name": file_name, "size": unpacked, "limit": MAX_XLSX_UNPACKED_MB},
        )
    return archive


def _unreadable(file_name: str, error: object) -> InputFileError:
    return InputFileError(f"{file_name}: cannot open the workbook ({error}). Save it again from Excel.",
                          key="file_error.workbook_unreadable", values={"name": file_name, "error": str(error)})


@dataclass
class SheetSize:
    """What a streaming pass over a sheet found: last row and column holding a value, and the cell count."""

    rows: int = 0
    columns: int = 0
    cells: int = 0
    last_rows: dict[int, int] = field(default_factory=dict)
    """The last row holding a value, per column number (1 = A)."""


def _column_number(reference: str) -> int:
    """``"XFD17"`` -> 16384.

    Examples
    --------
    >>> _column_number("A1"), _column_number("XFD17")
    (1, 16384)
    """
    number = 0
    for character in reference:
        if not character.isalpha():
            break
        number = number * 26 + (ord(character.upper()) - 64)
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


class _SheetMeter:
    """Expat callbacks that measure a sheet's XML as it streams and stop at the limits."""

    def __init__(self, long_strings: set[int], file_name: str) -> None:
        self.size = SheetSize()
        self.long_strings = long_strings
        self.file_name = file_name
        self.row = 0
        self.column = 0
        self.cell_type = ""
        self.has_value = False
        self.text_length = 0
        self.value_text = ""
        self.in_text = False

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == "row":
            self.row = int(attributes.get("r") or self.row + 1)
            self.column = 0
        elif tag == "c":
            reference = attributes.get("r")
            self.column = _column_number(reference) if reference else self.column + 1
            self.cell_type = attributes.get("t", "n")
            self.has_value, self.text_length, self.value_text = False, 0, ""
        elif tag in ("v", "t"):
            self.has_value, self.in_text = True, True

    def text(self, data: str) -> None:
        if self.in_text:
            self.text_length += len(data)
            if self.cell_type == "s" and len(self.value_text) < 12:
                self.value_text += data
            elif self.text_length > MAX_CELL_CHARS:
                raise _cell_too_long(self.file_name, self.row, _column_letters(self.column))

    def end(self, tag: str) -> None:
        if tag in ("v", "t"):
            self.in_text = False
        elif tag == "c" and self.has_value:
            self._count_cell()

    def _count_cell(self) -> None:
        size = self.size
        size.cells += 1
        size.rows, size.columns = max(size.rows, self.row), max(size.columns, self.column)
        size.last_rows[self.column] = self.row  # rows come in order
        if self.cell_type == "s" and self.value_text.strip().isdigit() and int(self.value_text) in self.long_strings:
            raise _cell_too_long(self.file_name, self.row, _column_letters(self.column))
        if size.columns > MAX_COLUMNS:
            raise _too_many_columns(self.file_name, f"{size.columns:,} ({_column_letters(size.columns)})")
        if size.rows > MAX_SHEET_ROWS or size.cells > MAX_SHEET_CELLS:
            raise _sheet_too_large(self.file_name, f"{size.rows:,}+", f"{size.cells:,}+")


def _sheet_too_large(file_name: str, rows: str, cells: str) -> InputFileError:
    return InputFileError(
        f"{file_name}: the sheet has {rows} rows or {cells} cells; at most {MAX_SHEET_ROWS:,} rows and "
        f"{MAX_SHEET_CELLS:,} cells are read from a workbook. Save the data as CSV or split it.",
        key="file_error.sheet_too_large",
        values={"name": file_name, "rows": rows, "cells": cells, "row_limit": f"{MAX_SHEET_ROWS:,}",
                "cell_limit": f"{MAX_SHEET_CELLS:,}"},
    )


def _measure_sheet(archive: zipfile.ZipFile, part: str, long_strings: set[int], file_name: str) -> SheetSize:
    """Stream a sheet's XML once (64 KB at a time) and measure what holds a value; raise at a limit.

    The ``<dimension>`` element is not trusted (it may be missing or lie), and empty styled
    cells far to the right do not count. ``long_strings``: shared strings over the cell limit.
    """
    meter = _SheetMeter(long_strings, file_name)
    _stream_xml(archive, part, file_name, meter.start, meter.end, meter.text)
    return meter.size


def excel_sheets(content: bytes, file_type: str, file_name: str = "upload") -> list[str]:
    """Sheet names of a workbook (``file_type`` ``"xlsx"`` or ``"xls"``)."""
    return (_xlsx_rows if file_type == "xlsx" else _xls_rows)(content, None, file_name)[0]


def _chosen_sheet(sheet: str | int | None, sheets: list[str], file_name: str) -> str:
    """The sheet asked for by name or number (1 = the first; ``None``: the first sheet)."""
    if not sheets:
        raise InputFileError(f"{file_name}: the workbook has no sheets.", key="file_error.no_sheets",
                             values={"name": file_name})
    if sheet is None or sheet == "":
        return sheets[0]
    if isinstance(sheet, int) or (isinstance(sheet, str) and sheet.isdigit() and sheet not in sheets):
        position = int(sheet)
        if not 1 <= position <= len(sheets):
            raise InputFileError(f"{file_name}: there is no sheet number {position}; sheets: {', '.join(sheets)}.",
                                 key="file_error.no_sheet_number",
                                 values={"name": file_name, "position": position, "sheets": ", ".join(sheets)})
        return sheets[position - 1]
    if sheet in sheets:
        return str(sheet)
    raise InputFileError(f"{file_name}: there is no sheet {sheet!r}; sheets: {', '.join(sheets)}.",
                         key="file_error.no_sheet",
                         values={"name": file_name, "sheet": sheet, "sheets": ", ".join(sheets)})


def _excel_chunks(sheet: _SheetRows, sheet_name: str,
                  file_name: str) -> Generator[tuple[pd.DataFrame, int], None, None]:
    """``(chunk, row number of its first row)`` of the rows below the header, as text cells.

    The header is the first row holding a value; rows above it are not data, so rows are
    numbered from it (header = row 1), as in a CSV file. A chunk's columns are the header
    cells and its index the rows in the sheet. The first chunk is empty only when no row
    follows the header. ``sheet.rows`` is closed at the end, or when this is closed.
    """
    rows_per_chunk = max(1, min(CSV_CHUNK_ROWS, EXCEL_CHUNK_CELLS // max(sheet.width, 1)))
    padding = [float("nan")] * sheet.width
    with closing(sheet.rows):
        sheet_row, header = 0, None
        for row in sheet.rows:
            sheet_row += 1
            cells = [_excel_cell_text(value) for value in row]
            if any(isinstance(cell, str) for cell in cells):
                header = cells + padding[len(cells) :]
                break
        if header is None:
            raise InputFileError(f"{file_name}: sheet {sheet_name!r} is empty.", key="file_error.sheet_empty",
                                 values={"name": file_name, "sheet": sheet_name})
        first_row = 2
        while batch := list(islice(sheet.rows, rows_per_chunk)):
            cells_of_rows = [[_excel_cell_text(value) for value in row] + padding[len(row) :] for row in batch]
            del batch  # the library's values go before the frame is built: at most two copies of a chunk
            chunk = pd.DataFrame(cells_of_rows, dtype=object, columns=range(sheet.width),
                                 index=range(sheet_row + 1, sheet_row + 1 + len(cells_of_rows)))
            chunk.columns = header
            yield chunk, first_row
            sheet_row, first_row = sheet_row + len(chunk), first_row + len(chunk)
        if first_row == 2:
            yield pd.DataFrame(columns=header, dtype=object), first_row


def _read_excel(content: bytes, file_name: str, file_type: str, sheet: str | int | None) -> RawTable:
    reader = _xlsx_rows if file_type == "xlsx" else _xls_rows
    try:
        sheets = reader(content, None, file_name)[0]
        sheet_name = _chosen_sheet(sheet, sheets, file_name)
        sheet_rows = reader(content, sheet_name, file_name)[1]
    except InputFileError:
        raise
    except Exception as error:  # openpyxl/xlrd raise many types for a damaged file
        raise _unreadable(file_name, error) from None
    assert sheet_rows is not None  # a sheet was named
    chunks = _excel_chunks(sheet_rows, sheet_name, file_name)
    first, first_row = next(chunks)
    # An unnamed column empty in the first chunk is kept when the sheet holds a value in it further down.
    filled_later = sheet_rows.filled_after(int(first.index[-1])) if len(first) else set()
    frame, row_numbers, rest = _planned_table(first, first_row, chunks, file_name, filled_later)
    return RawTable(frame, row_numbers, file_name, file_type, sheet=sheet_name, sheets=sheets, more_chunks=rest)


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
