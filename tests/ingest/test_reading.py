"""Reading rules: encodings, delimiters, blank lines/columns, codes kept as text, Excel, limits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import xlwt

from geo.errors import InputFileError
from geo.ingest._reading import decode_text, read_table

from .support import write


def test_utf8_bom_is_not_part_of_the_first_header(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.csv", "\ufeffkode,jumlah\n21.71,5\n")
    table = read_table(path)
    assert list(table.frame.columns) == ["kode", "jumlah"]
    assert table.encoding == "utf-8-sig"


def test_utf8_without_bom(tmp_path: Path) -> None:
    table = read_table(write(tmp_path / "plain.csv", "desa,jumlah\nSukaméndé,5\n"))
    assert table.encoding == "utf-8"
    assert table.frame.loc[0, "desa"] == "Sukaméndé"


def test_cp1252_file_is_decoded(tmp_path: Path) -> None:
    table = read_table(write(tmp_path / "win.csv", "desa;catatan\nCibadak;“kuota” – 5 €\n", "cp1252"))
    assert table.encoding == "cp1252"
    assert table.frame.loc[0, "catatan"] == "“kuota” – 5 €"


def test_latin1_bytes_undefined_in_cp1252_fall_back_to_latin1() -> None:
    text, encoding = decode_text("desa\nA\x81B\n".encode("latin-1"))
    assert encoding == "latin-1"
    assert text == "desa\nA\x81B\n"


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "u16.csv"
    path.write_bytes("kode\tjumlah\r\n21.71\t5\r\n".encode("utf-16"))
    table = read_table(path)
    assert table.encoding == "utf-16" and table.delimiter == "\t"
    assert table.frame.to_dict("records") == [{"kode": "21.71", "jumlah": "5"}]


@pytest.mark.parametrize(("delimiter", "name"), [(",", "comma"), (";", "semicolon"), ("\t", "tab")])
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str, name: str) -> None:
    rows = [["kode", "desa", "jumlah"], ["21.71.03.1003", "Tanjung Riau", "1.234,5" if delimiter != "," else "7"],
            ["21.72.01.1001", "Tanjung Pinang Barat", "3"]]
    path = write(tmp_path / f"{name}.csv", "\n".join(delimiter.join(row) for row in rows) + "\n")
    table = read_table(path)
    assert table.delimiter == delimiter
    assert list(table.frame.columns) == ["kode", "desa", "jumlah"]
    assert table.frame["desa"].tolist() == ["Tanjung Riau", "Tanjung Pinang Barat"]


def test_quoted_delimiters_stay_inside_the_field(tmp_path: Path) -> None:
    table = read_table(write(tmp_path / "q.csv", 'kode,jumlah\n21.71,"1,234"\n21.72,"5"\n'))
    assert table.delimiter == ","
    assert table.frame["jumlah"].tolist() == ["1,234", "5"]


def test_blank_lines_and_empty_trailing_columns_are_ignored_but_row_numbers_kept(tmp_path: Path) -> None:
    text = "\n\nkode;jumlah;;\n21.71;5;;\n\n;;;\n21.72;7;;\n   \n"
    table = read_table(write(tmp_path / "blank.csv", text))
    assert list(table.frame.columns) == ["kode", "jumlah"]
    assert table.frame["kode"].tolist() == ["21.71", "21.72"]
    # header = row 1; "21.72" is the 6th line after the header line
    assert table.row_numbers.tolist() == [2, 5]


def test_unnamed_column_with_data_is_kept_with_a_name(tmp_path: Path) -> None:
    table = read_table(write(tmp_path / "u.csv", "kode,,jumlah\n21.71,x,5\n"))
    assert list(table.frame.columns) == ["kode", "column 2", "jumlah"]


@pytest.mark.parametrize("code", ["2171011001", "11.10", "0012", "21.71.01.1001", "3.2E+09"])
def test_codes_stay_text(tmp_path: Path, code: str) -> None:
    table = read_table(write(tmp_path / "codes.csv", f"kode,jumlah\n{code},5\n"))
    assert table.frame.loc[0, "kode"] == code


def test_cells_are_stripped_and_empty_cells_missing(tmp_path: Path) -> None:
    table = read_table(write(tmp_path / "s.csv", "kode,desa,jumlah\n  21.71  ,  , 5 \n"))
    row = table.frame.iloc[0]
    assert row["kode"] == "21.71" and row["jumlah"] == "5"
    assert row.isna()["desa"]


def _xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_xlsx_first_sheet_with_numeric_and_date_cells(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "data.xlsx", {
        "PMI": [["Kode Desa", "Tanggal", "Jumlah"], [2171031003, dt.datetime(2023, 1, 15), 1234],
                [11.1, dt.date(2023, 2, 1), 7.0], [None, None, None], ["21.72.01.1001", "2023-03", "5"]],
        "Lain": [["x"], [1]],
    })
    table = read_table(path)
    assert table.file_type == "xlsx" and table.sheet == "PMI" and table.sheets == ["PMI", "Lain"]
    assert table.frame["Kode Desa"].tolist() == ["2171031003", "11.10", "21.72.01.1001"]
    assert table.frame["Tanggal"].tolist() == ["2023-01-15", "2023-02-01", "2023-03"]
    assert table.frame["Jumlah"].tolist() == ["1234", "7", "5"]
    assert table.row_numbers.tolist() == [2, 3, 5]


def test_xlsx_chosen_sheet_by_name_or_number(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "two.xlsx", {"Ringkasan": [["judul"], ["-"]], "Data": [["kode", "jumlah"], ["21.71", 3]]})
    assert read_table(path, sheet="Data").frame.to_dict("records") == [{"kode": "21.71", "jumlah": "3"}]
    assert read_table(path, sheet=2).sheet == "Data"
    with pytest.raises(InputFileError, match="no sheet 'Nope'; sheets: Ringkasan, Data"):
        read_table(path, sheet="Nope")


def test_xlsx_header_below_empty_rows(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "late.xlsx", {"S": [[None, None], ["kode", "jumlah"], ["21.71", 3]]})
    table = read_table(path)
    assert list(table.frame.columns) == ["kode", "jumlah"]
    assert table.row_numbers.tolist() == [2]


def test_xls_is_read_with_xlrd(tmp_path: Path) -> None:
    book = xlwt.Workbook()
    sheet = book.add_sheet("Data")
    for row_index, row in enumerate([["kode", "desa", "jumlah"], ["2171031003", "Tanjung Riau", 12],
                                     [2172011001, "Tanjung Pinang Barat", 3.0]]):
        for column_index, value in enumerate(row):
            sheet.write(row_index, column_index, value)
    path = tmp_path / "old.xls"
    book.save(str(path))
    table = read_table(path)
    assert table.file_type == "xls" and table.sheet == "Data"
    assert table.frame["kode"].tolist() == ["2171031003", "2172011001"]
    assert table.frame["jumlah"].tolist() == ["12", "3"]


def test_size_limit_gives_a_clear_message(tmp_path: Path) -> None:
    path = write(tmp_path / "big.csv", "kode,jumlah\n" + "21.71,5\n" * 2000)
    with pytest.raises(InputFileError, match=r"big\.csv is 0\.0 MB; the upload limit is 0 MB\. Split the file"):
        read_table(path, size_limit_mb=0.001)


def test_size_limit_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RISKMAP_MAX_UPLOAD_MB", "0.001")
    with pytest.raises(InputFileError, match="RISKMAP_MAX_UPLOAD_MB"):
        read_table(b"kode,jumlah\n" + b"21.71,5\n" * 2000, "env.csv")


def test_default_limit_is_200_mb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RISKMAP_MAX_UPLOAD_MB", raising=False)
    from geo.ingest._reading import size_limit_bytes

    assert size_limit_bytes() == 200 * 1024 * 1024


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "empty.csv is empty"),
        (b"\n\n  \n", "blank.csv", "blank.csv is empty"),
        (b"kode,jumlah\n21.71,5,9,9\n", "wide.csv", "wide.csv: row 2 has more fields than the header"),
        (b"just text", "fake.xlsx", "fake.xlsx has the extension .xlsx but is not an Excel workbook"),
        (b"PK\x03\x04garbage", "broken.xlsx", "broken.xlsx: cannot open the workbook"),
    ],
)
def test_files_rejected_as_a_whole(content: bytes, name: str, message: str) -> None:
    with pytest.raises(InputFileError, match=message.replace(".", r"\.")):
        read_table(content, name)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="file not found"):
        read_table(tmp_path / "nope.csv")
