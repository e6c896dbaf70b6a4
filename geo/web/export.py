"""Export a table of the current view as CSV or XLSX bytes, safe to open in a spreadsheet.

Area names and other texts can come from uploaded files. A spreadsheet treats
a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some programs, a
tab or carriage return) as a formula, which can run commands or leak data
("CSV injection"). Every *text* cell — and every column header — starting with
one of those characters is prefixed with ``'``, which spreadsheets show as text.
Numbers stay numbers: ``-5`` as a number is written as a number, while the
text ``"-5"`` is neutralised, because a spreadsheet cannot tell which was meant.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"name": ["=1+2", "Batam"], "value": [-5, 7.5]})
>>> table_to_csv(table).decode("utf-8-sig").splitlines()
['name,value', "'=1+2,-5.0", 'Batam,7.5']
"""

from __future__ import annotations

import datetime as dt
import io
import math
import numbers
from typing import Any

import numpy as np
import pandas as pd

from geo.i18n import DEFAULT_LANGUAGE, keys, t

FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet read a text cell as a formula (OWASP's list)."""
EXCEL_MAX_CELL_TEXT = 32_767
"""Longest text an Excel cell holds; longer texts are cut (with an ellipsis)."""


def neutralise(value: object) -> object:
    r"""Return ``value`` with a ``'`` in front if it is text a spreadsheet would run as a formula.

    Non-text values (numbers, booleans, dates, missing values) are returned unchanged.

    Examples
    --------
    >>> neutralise("=HYPERLINK(\"http://x\")")
    '\'=HYPERLINK("http://x")'
    >>> neutralise("@SUM(A1)"), neutralise("Kota Batam"), neutralise(-3)
    ("'@SUM(A1)", 'Kota Batam', -3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _is_text_column(column: pd.Series) -> bool:
    return not (
        pd.api.types.is_numeric_dtype(column)
        or pd.api.types.is_bool_dtype(column)
        or pd.api.types.is_datetime64_any_dtype(column)
    )


def _safe_frame(table: pd.DataFrame) -> pd.DataFrame:
    safe = table.copy()
    safe.columns = [neutralise(str(column)) for column in safe.columns]
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if _is_text_column(column):
            # Object columns may mix numbers and texts: neutralise() leaves the numbers alone.
            safe.isetitem(position, column.astype(object).map(neutralise))
    return safe


def table_to_csv(table: pd.DataFrame, *, sep: str = ",", decimal: str = ".", index: bool = False) -> bytes:
    """The table as CSV bytes (UTF-8 with a byte-order mark, so Excel reads Indonesian names right).

    Parameters
    ----------
    table : pandas.DataFrame
        What to export; missing values become empty cells.
    sep, decimal : str
        Field separator and decimal mark; use ``sep=";", decimal=","`` for spreadsheets
        set to Indonesian number format.
    index : bool
        Write the index as the first column.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"kode": ["21.71"], "nilai": [1234.5]})
    >>> table_to_csv(table, sep=";", decimal=",").decode("utf-8-sig").splitlines()
    ['kode;nilai', '21.71;1234,5']
    """
    frame = table.reset_index() if index else table
    buffer = io.StringIO()
    # CRLF as RFC 4180 says; it also makes the csv writer quote any field holding a CR or LF,
    # which it does not do for a lone CR when the line terminator is "\n".
    _safe_frame(frame).to_csv(buffer, sep=sep, decimal=decimal, index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8-sig")


def _cell_value(value: object) -> Any:
    """A value openpyxl writes as the matching cell type (None for missing)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None  # Excel has no NaN or infinity
    if isinstance(value, bool | numbers.Number | dt.date | dt.datetime):
        return value
    text = str(value)
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", text)  # control characters make openpyxl refuse the file
    if len(text) > EXCEL_MAX_CELL_TEXT:
        text = text[: EXCEL_MAX_CELL_TEXT - 1] + "…"
    return text


def table_to_xlsx(table: pd.DataFrame, *, sheet_name: str = "data", index: bool = False) -> bytes:
    """The table as an XLSX workbook (bytes), numbers as numbers and every text as text.

    Texts are neutralised like in CSV and, in addition, stored as string cells so
    that openpyxl never writes them as formulas.

    Parameters
    ----------
    table : pandas.DataFrame
        What to export; missing values become empty cells.
    sheet_name : str
        Name of the single sheet (cut to Excel's 31 characters).
    index : bool
        Write the index as the first column.

    Examples
    --------
    >>> import io, openpyxl, pandas as pd
    >>> data = table_to_xlsx(pd.DataFrame({"name": ["+62 811"], "value": [-5]}))
    >>> sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    >>> [[cell.value for cell in row] for row in sheet.iter_rows()]
    [['name', 'value'], ["'+62 811", -5]]
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    frame = _safe_frame(table.reset_index() if index else table)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(sheet_name))
    bold = Font(bold=True)

    def cell(value: object, header: bool = False) -> Any:
        written = WriteOnlyCell(sheet, value=_cell_value(value))
        if isinstance(written.value, str):
            written.data_type = "s"  # openpyxl would otherwise store a text starting with "=" as a formula
        if header:
            written.font = bold
        return written

    sheet.append([cell(column, header=True) for column in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(name: str) -> str:
    # Excel forbids these characters in sheet names and allows 31 characters.
    cleaned = "".join("_" if ch in '[]:*?/\\' else ch for ch in name).strip("'") or "data"
    return cleaned[:31]


def with_column_labels(table: pd.DataFrame, language: str = DEFAULT_LANGUAGE, *, index: bool = True) -> pd.DataFrame:
    """A copy of an indicator table with the index as a column and headers in ``language``.

    Columns named like :data:`geo.analysis.indicators.TABLE_COLUMNS` (and ``code``, ``name``, ``class``)
    get their ``risk.column.*`` label; other columns keep their names.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"value": [1.5]}, index=pd.Index(["21.71"], name="code"))
    >>> list(with_column_labels(table, "en").columns)
    ['Area code', 'Value']
    >>> list(with_column_labels(table, "id").columns)
    ['Kode wilayah', 'Nilai']
    """
    frame = table.reset_index() if index else table.copy()
    known = set(keys())
    return frame.rename(
        columns={
            column: t(f"risk.column.{column}", language)
            for column in frame.columns
            if f"risk.column.{column}" in known
        }
    )
