"""geo.web.export: CSV and XLSX bytes, formula neutralisation, numbers stay numbers."""

from __future__ import annotations

import csv
import io

import numpy as np
import openpyxl
import pandas as pd
import pytest

from geo.web.export import FORMULA_TRIGGERS, neutralise, table_to_csv, table_to_xlsx

HOSTILE = pd.DataFrame(
    {
        "name": ["=cmd|' /C calc'!A0", "+62 811", "-2+3", "@SUM(A1)", "\tTab", "\rCR", "Kota Batam", "Dési"],
        "value": [-5, 1.5, -0.25, 0, 3, np.nan, 1_234_567, 2],
        "rank": pd.array([1, 2, None, 4, 5, 6, 7, 8], dtype="Int64"),
        "suppressed": [False, True, False, False, False, False, False, False],
    }
)


def read_xlsx(data: bytes) -> list[list[object]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def cell_types(data: bytes) -> list[list[str]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [[cell.data_type for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_neutralise_each_trigger(trigger):
    assert neutralise(trigger + "x") == "'" + trigger + "x"


def test_neutralise_leaves_safe_text_and_numbers():
    assert neutralise("Kota Batam") == "Kota Batam"
    assert neutralise("a=b") == "a=b"
    assert neutralise(-5) == -5 and neutralise(-2.5) == -2.5
    assert neutralise(None) is None


def test_csv_neutralises_text_cells_and_keeps_negative_numbers():
    rows = list(csv.reader(io.StringIO(table_to_csv(HOSTILE).decode("utf-8-sig"), newline="")))
    assert rows[0] == ["name", "value", "rank", "suppressed"]
    names = [row[0] for row in rows[1:]]
    assert names[:6] == ["'=cmd|' /C calc'!A0", "'+62 811", "'-2+3", "'@SUM(A1)", "'\tTab", "'\rCR"]
    assert names[6:] == ["Kota Batam", "Dési"]
    assert [row[1] for row in rows[1:]] == ["-5.0", "1.5", "-0.25", "0.0", "3.0", "", "1234567.0", "2.0"]
    assert rows[3][2] == ""  # missing rank is an empty cell
    assert len(rows) == 9  # the CR inside a cell is quoted, not a line break
    assert not any(row[1].startswith("'") for row in rows[1:])


def test_csv_starts_with_bom_and_supports_indonesian_separators():
    data = table_to_csv(pd.DataFrame({"kode": ["21.71"], "nilai": [1234.5]}), sep=";", decimal=",")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == "kode;nilai\r\n21.71;1234,5\r\n"


def test_csv_headers_are_neutralised_and_index_optional():
    table = pd.DataFrame({"=HYPERLINK()": ["x"]}, index=pd.Index(["-1"], name="code"))
    lines = table_to_csv(table, index=True).decode("utf-8-sig").splitlines()
    assert lines == ["code,'=HYPERLINK()", "'-1,x"]


def test_text_that_looks_like_a_negative_number_is_neutralised():
    table = pd.DataFrame({"mixed": ["-5", -5]}, dtype=object)
    assert table_to_csv(table).decode("utf-8-sig").splitlines()[1:] == ["'-5", "-5"]


def test_xlsx_neutralises_texts_and_keeps_numbers_numeric():
    rows = read_xlsx(table_to_xlsx(HOSTILE))
    types = cell_types(table_to_xlsx(HOSTILE))
    assert rows[0] == ["name", "value", "rank", "suppressed"]
    assert [row[0] for row in rows[1:6]] == ["'=cmd|' /C calc'!A0", "'+62 811", "'-2+3", "'@SUM(A1)", "'\tTab"]
    assert rows[6][0] in ("'\rCR", "'\nCR")  # XML readers may turn a stored CR into LF
    assert rows[1][1] == -5 and types[1][1] == "n"
    assert rows[3][1] == -0.25 and types[3][1] == "n"
    assert rows[7][1] == 1_234_567
    assert rows[6][1] is None  # NaN: empty cell, Excel has no NaN
    assert rows[3][2] is None and rows[1][2] == 1
    assert rows[2][3] is True and types[2][3] == "b"
    assert all(types[i][0] == "s" for i in range(1, 9))  # no formula cells anywhere
    assert not any(t == "f" for row in types for t in row)


def test_xlsx_never_stores_a_formula_even_without_prefix_trigger():
    # openpyxl treats any str starting with "=" as a formula; we force string cells.
    rows = cell_types(table_to_xlsx(pd.DataFrame({"a": ["=1+1"]})))
    assert rows[1][0] == "s"


def test_xlsx_drops_control_characters_and_fixes_sheet_name():
    data = table_to_xlsx(pd.DataFrame({"name": ["Desa\x00Baru\x07"]}), sheet_name="Kepri: desa/kel [2024]*")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Kepri_ desa_kel _2024__"]
    assert workbook.active["A2"].value == "DesaBaru"


def test_xlsx_with_index_and_numpy_types():
    table = pd.DataFrame({"v": np.array([1, 2], dtype=np.int32)}, index=pd.Index(["21.71", "21.01"], name="code"))
    rows = read_xlsx(table_to_xlsx(table, index=True))
    assert rows == [["code", "v"], ["21.71", 1], ["21.01", 2]]


def test_export_does_not_modify_the_callers_table():
    before = HOSTILE.copy()
    table_to_csv(HOSTILE)
    table_to_xlsx(HOSTILE)
    pd.testing.assert_frame_equal(HOSTILE, before)
