"""Bounded ingest of Excel files (issue #14 item 3): sheets are read in chunks like CSV files, give the
table and records of a whole read, close their workbook however reading ends, and a failure in a
later chunk leaves the store as it was."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlwt

from geo.data.codes import CodeList
from geo.data.store import Store
from geo.errors import InputFileError, message_in
from geo.ingest import _reading, pipeline
from geo.ingest._reading import MAX_CELL_CHARS, RawTable, read_table
from geo.ingest.pipeline import check, ingest_file, preview

from .hostile import _package, _text_cell
from .test_bounded import _LINES, HEADER, _outcome, _snapshot


def _cells(line: str) -> list[object]:
    """A CSV line as a row of cells, whole numbers typed as numbers (as in a workbook filled by hand)."""
    return [int(cell) if re.fullmatch(r"[1-9]\d*|0", cell) else (cell or None) for cell in line.split(";")]


def _csv_rows(repeats: int) -> list[list[object]]:
    return [_cells(HEADER.strip())] + [_cells(line) if line else [] for line in _LINES * repeats]


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "PMI"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _xls(path: Path, rows: list[list[object]]) -> Path:
    book = xlwt.Workbook()
    sheet = book.add_sheet("PMI")
    for row_index, row in enumerate(rows):
        for column_index, value in enumerate(row):
            if value is not None:
                sheet.write(row_index, column_index, value)
    book.save(str(path))
    return path


def _untidy_rows() -> list[list[object]]:
    """Two empty rows above the header, blank rows between the data, an unnamed column holding a value
    only far down (kept, as "column 4"), an empty unnamed column (dropped), a header cell repeated."""
    rows: list[list[object]] = [[], [None, None, None]]
    rows.append(["kode desa", "jumlah", "jumlah", None, None, "catatan"])
    for number in range(1, 41):
        if number % 9 == 0:
            rows.append([])
            continue
        note = "di baris terakhir" if number == 37 else None
        rows.append([f"21.71.03.{1000 + number}", number, f" {number * 2} ", note, None, "  " if number % 4 else "ok"])
    return rows


def _all_chunks(table: RawTable) -> tuple[pd.DataFrame, list[int], int]:
    chunks = [(table.frame, table.row_numbers), *(table.more_chunks or ())]
    frame = pd.concat([chunk for chunk, _rows in chunks], ignore_index=True)
    return frame, [int(row) for _chunk, rows in chunks for row in rows], len(chunks)


@pytest.mark.parametrize("write", [_xlsx, _xls], ids=["xlsx", "xls"])
@pytest.mark.parametrize("chunk_rows", [1, 7])
def test_a_sheet_read_in_chunks_is_the_sheet_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        write, chunk_rows: int) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / f"untidy.{write.__name__[1:]}", _untidy_rows())
    whole_frame, whole_rows, whole_chunks = _all_chunks(read_table(path))
    monkeypatch.setattr(_reading, "CSV_CHUNK_ROWS", chunk_rows)
    frame, rows, chunks = _all_chunks(read_table(path))
    assert whole_chunks == 1 and chunks == -(-40 // chunk_rows)  # 40 rows below the header
    assert frame.equals(whole_frame) and rows == whole_rows
    assert list(frame.columns) == ["kode desa", "jumlah", "jumlah (2)", "column 4", "catatan"]
    # Header on sheet row 3 is row 1; blank rows (10, 19, 28 and 37 below the header) keep their numbers.
    assert rows == [number + 1 for number in range(1, 41) if number % 9]
    assert frame["column 4"].notna().sum() == 1 and frame.loc[rows.index(38), "column 4"] == "di baris terakhir"
    assert frame["jumlah (2)"].iloc[0] == "2" and frame["catatan"].dropna().unique().tolist() == ["ok"]


def test_a_wide_sheet_takes_fewer_rows_per_chunk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _xlsx(tmp_path / "wide.xlsx", [["kode", "jumlah", "a", "b", "c"]] +
                 [["21.71", number, 1, 2, 3] for number in range(30)])
    monkeypatch.setattr(_reading, "EXCEL_CHUNK_CELLS", 22)  # 4 rows of 5 cells
    table = read_table(path)
    assert table.more_chunks is not None
    sizes = [len(table.frame), *(len(chunk) for chunk, _rows in table.more_chunks)]
    assert sizes == [4, 4, 4, 4, 4, 4, 4, 2]


def test_a_sheet_with_only_a_header_has_no_data_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      codes: CodeList) -> None:
    monkeypatch.setattr(_reading, "CSV_CHUNK_ROWS", 1)
    path = _xlsx(tmp_path / "header.xlsx", [[], ["kode", "jumlah"]])
    table = read_table(path)
    assert list(table.frame.columns) == ["kode", "jumlah"] and table.frame.empty
    assert table.more_chunks is not None and list(table.more_chunks) == []
    with pytest.raises(InputFileError, match="the file has a header but no data rows"):
        check(path, kind="migration", codelist=codes)


def test_a_too_long_cell_further_down_names_its_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    codes: CodeList) -> None:
    monkeypatch.setattr(_reading, "CSV_CHUNK_ROWS", 7)
    # Written as XML: openpyxl cuts a longer text to Excel's limit when it saves a workbook.
    rows = [f'<row r="1">{_text_cell("A1", "kode")}{_text_cell("B1", "jumlah")}{_text_cell("C1", "catatan")}</row>']
    for row in range(2, 32):
        note = "x" * (MAX_CELL_CHARS + 1) if row == 25 else "ok"  # row 25: the fourth chunk
        rows.append(f'<row r="{row}">{_text_cell(f"A{row}", "2171031003")}<c r="B{row}"><v>1</v></c>'
                    f'{_text_cell(f"C{row}", note)}</row>')
    path = _package(tmp_path / "long.xlsx", rows, "A1:C31", None)
    with pytest.raises(InputFileError, match=r"long.xlsx: row 25, column 'C' holds more than 32,767"):
        check(path, kind="migration", codelist=codes)


@pytest.mark.parametrize("chunk_rows", [5, 100_000])
def test_an_xlsx_stores_the_records_of_the_same_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    codes: CodeList, chunk_rows: int) -> None:
    monkeypatch.setattr(_reading, "CSV_CHUNK_ROWS", chunk_rows)
    csv_path = tmp_path / "mixed.csv"
    csv_path.write_text(HEADER + "\n".join(_LINES * 3) + "\n", encoding="utf-8")
    xlsx_path = _xlsx(tmp_path / "mixed.xlsx", _csv_rows(3))
    outcomes, stored = [], []
    for path in (csv_path, xlsx_path):
        store = Store(f"sqlite:///{tmp_path / (path.suffix[1:] + '.sqlite')}")
        result = ingest_file(path, kind="migration", name="mixed", number_format="id", store=store, codelist=codes)
        report, records, rejected, matches = _outcome(result)
        for key in ("file_name", "file_type", "encoding", "delimiter", "sheet", "sha256", "dataset_id"):
            report.pop(key)  # type: ignore[attr-defined]
        outcomes.append((report, records, rejected, matches))
        stored.append(store.load_records(result.report.dataset_id).to_dict("list"))  # type: ignore[arg-type]
    assert outcomes[0] == outcomes[1]
    assert stored[0] == stored[1] and len(stored[0]["count"]) == len(outcomes[0][1]["count"]) > 0
    report = outcomes[1][0]
    assert (report["rows_read"], report["rows_accepted"]) == (36, 18)  # type: ignore[index]
    assert [row for row, _reason in outcomes[1][2]] == [row + 13 * repeat for repeat in range(3)
                                                        for row in (6, 7, 8, 10, 11, 12)]


class _Closes:
    """Counts the read-only workbooks openpyxl opens and closes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.opened = self.closed = 0
        load, close = openpyxl.load_workbook, openpyxl.Workbook.close

        def counted_load(*args: object, **kwargs: object) -> openpyxl.Workbook:
            self.opened += 1
            return load(*args, **kwargs)  # type: ignore[arg-type]

        def counted_close(book: openpyxl.Workbook) -> None:
            self.closed += 1
            close(book)

        monkeypatch.setattr(openpyxl, "load_workbook", counted_load)
        monkeypatch.setattr(openpyxl.Workbook, "close", counted_close)


def _many_rows(path: Path, rows: int = 30) -> Path:
    return _xlsx(path, [["kode desa", "tahun", "bulan", "jumlah"]] +
                 [["2171031003", 2023, 1 + number % 12, number] for number in range(rows)])


def test_the_workbook_stays_open_while_chunks_are_read_and_closes_after_the_last(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_reading, "CSV_CHUNK_ROWS", 7)
    books = _Closes(monkeypatch)
    table = read_table(_many_rows(tmp_path / "many.xlsx"))
    assert (books.opened, books.closed) == (1, 0)
    chunks: Iterator[tuple[pd.DataFrame, pd.Series]] = table.more_chunks  # type: ignore[assignment]
    assert len(next(chunks)[0]) == 7 and books.closed == 0
    assert sum(len(chunk) for chunk, _rows in chunks) == 30 - 14 and books.closed == 1


def test_stopping_early_closes_the_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_reading, "CSV_CHUNK_ROWS", 7)
    books = _Closes(monkeypatch)
    table = read_table(_many_rows(tmp_path / "many.xlsx"))
    assert table.more_chunks is not None
    next(table.more_chunks)
    table.close()
    assert (books.opened, books.closed) == (1, 1)
    assert list(table.more_chunks) == []


def test_a_preview_that_fails_closes_the_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_reading, "CSV_CHUNK_ROWS", 7)
    books = _Closes(monkeypatch)
    kept: list[BaseException] = []
    try:
        preview(_many_rows(tmp_path / "many.xlsx"), number_format="xx")
    except InputFileError as error:
        kept.append(error)  # its traceback keeps the reading frames alive, as a caller showing it does
    assert len(kept) == 1 and "Unknown number format" in str(kept[0])
    assert (books.opened, books.closed) == (1, 1)


@pytest.mark.parametrize("error", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_a_check_failing_in_a_later_chunk_closes_the_workbook_and_stores_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, codes: CodeList, error: BaseException) -> None:
    monkeypatch.setattr(_reading, "CSV_CHUNK_ROWS", 7)
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    ingest_file(_many_rows(tmp_path / "kept.xlsx", rows=3), kind="migration", name="kept", store=store,
                codelist=codes)
    before = _snapshot(store)
    books = _Closes(monkeypatch)
    checked: list[int] = []
    check_chunk = pipeline._check_chunk

    def fail_on_third_chunk(frame: pd.DataFrame, *args: object) -> object:
        checked.append(len(frame))
        if len(checked) == 3:
            raise error
        return check_chunk(frame, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "_check_chunk", fail_on_third_chunk)
    with pytest.raises(type(error)):
        ingest_file(_many_rows(tmp_path / "many.xlsx"), kind="migration", name="many", store=store, codelist=codes)
    assert checked == [7, 7, 7]
    assert (books.opened, books.closed) == (1, 1)
    assert _snapshot(store) == before


def _bad_number_workbook(path: Path, bad_row: int, rows: int = 20) -> Path:
    """A sheet whose row ``bad_row`` holds a number cell that is not a number: our measurement counts
    it, openpyxl fails on it only when that row is read (a damaged file, met in a later chunk)."""
    sheet_rows = [f'<row r="1">{_text_cell("A1", "kode desa")}{_text_cell("B1", "jumlah")}</row>']
    for row in range(2, rows + 2):
        value = "banyak" if row == bad_row else str(row)
        sheet_rows.append(f'<row r="{row}">{_text_cell(f"A{row}", "2171031003")}<c r="B{row}"><v>{value}</v></c></row>')
    return _package(path, sheet_rows, f"A1:B{rows + 1}", None)


def test_a_workbook_failing_in_a_later_chunk_stores_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            codes: CodeList) -> None:
    monkeypatch.setattr(_reading, "CSV_CHUNK_ROWS", 3)
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    before = _snapshot(store)
    books = _Closes(monkeypatch)
    checked: list[int] = []
    check_chunk = pipeline._check_chunk

    def counted(frame: pd.DataFrame, *args: object) -> object:
        checked.append(len(frame))
        return check_chunk(frame, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "_check_chunk", counted)
    with pytest.raises(InputFileError) as raised:
        ingest_file(_bad_number_workbook(tmp_path / "late.xlsx", bad_row=15), kind="migration", name="late",
                    store=store, codelist=codes)
    error = raised.value
    assert error.key == "file_error.workbook_row_unreadable"
    assert str(error).startswith("late.xlsx: row 15 of the sheet cannot be read (")
    assert message_in(error, "id").startswith("late.xlsx: baris 15 pada lembar tidak dapat dibaca (")
    assert checked == [3, 3, 3, 3]  # rows 2-13 were checked before row 15's chunk was read
    assert (books.opened, books.closed) == (1, 1)
    assert _snapshot(store) == before
