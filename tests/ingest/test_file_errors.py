"""Files rejected as a whole: the English message is unchanged (CLI), and the same message has a key for the page."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from geo import i18n
from geo.data.codes import CodeList
from geo.errors import InputFileError, message_in
from geo.i18n import t
from geo.ingest._reading import read_table
from geo.ingest.columns import apply_overrides, parse_mapping_options
from geo.ingest.pipeline import check, preview, publish

GEO = Path(__file__).resolve().parents[2] / "geo"


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "Ringkasan"
    book.create_sheet("Data").append(["kode", "jumlah"])
    book.save(path)
    return path


def _raise(action: Callable[[], object]) -> InputFileError:
    with pytest.raises(InputFileError) as caught:
        action()
    return caught.value


CASES: dict[str, tuple[str, Callable[[Path, CodeList], object]]] = {
    "empty file": ("file_error.empty", lambda tmp, codes: read_table(b"", "empty.csv")),
    "blank file": ("file_error.empty", lambda tmp, codes: read_table(b"\n \n", "blank.csv")),
    "not CSV or Excel": ("file_error.not_csv_or_excel", lambda tmp, codes: read_table(b"\x00\x01\x02", "photo.csv")),
    "fake xlsx": ("file_error.not_excel", lambda tmp, codes: read_table(b"just text", "fake.xlsx")),
    "broken xlsx": ("file_error.workbook_unreadable", lambda tmp, codes: read_table(b"PK\x03\x04junk", "b.xlsx")),
    "missing sheet": ("file_error.no_sheet",
                      lambda tmp, codes: read_table(_workbook(tmp / "two.xlsx"), sheet="Nope")),
    "missing sheet number": ("file_error.no_sheet_number",
                             lambda tmp, codes: read_table(_workbook(tmp / "two.xlsx"), sheet=7)),
    "empty sheet": ("file_error.sheet_empty",
                    lambda tmp, codes: read_table(_workbook(tmp / "two.xlsx"), sheet="Ringkasan")),
    "too large": ("file_error.too_large",
                  lambda tmp, codes: read_table(b"kode,jumlah\n" + b"21.71,5\n" * 2000, "big.csv",
                                                size_limit_mb=0.001)),
    "not found": ("file_error.not_found", lambda tmp, codes: read_table(tmp / "nope.csv")),
    "wide rows": ("file_error.rows_too_wide", lambda tmp, codes: read_table(b"kode,jumlah\n21.71,5,9,9\n", "w.csv")),
    "bad --map option": ("file_error.map_option", lambda tmp, codes: parse_mapping_options(["Jumlah PMI"])),
    "unknown mapped column": ("file_error.unknown_column",
                              lambda tmp, codes: apply_overrides(["A", "Jumlah"], {}, {"Nope": "count"})),
    "unknown field": ("file_error.unknown_field",
                      lambda tmp, codes: apply_overrides(["A"], {}, {"A": "banana"})),
    "unknown kind": ("file_error.unknown_kind",
                     lambda tmp, codes: preview(b"kode,jumlah\n21.71,1\n", "k.csv", kind="people")),
    "unknown number format": ("file_error.number_format",
                              lambda tmp, codes: preview(b"kode,jumlah\n21.71,1\n", "k.csv", number_format="xx")),
    "no count column": ("file_error.no_count_column",
                        lambda tmp, codes: check(b"kode,tahun\n2171031003,2023\n", "bad.csv", kind="migration",
                                                 codelist=codes)),
    "no area column": ("file_error.no_area_column",
                       lambda tmp, codes: check(b"keterangan,jumlah\nx,1\n", "bad.csv", kind="migration",
                                                codelist=codes)),
    "no data rows": ("file_error.no_data_rows",
                     lambda tmp, codes: check(b"kode,jumlah\n", "bad.csv", kind="migration", codelist=codes)),
    "nothing stored": ("file_error.nothing_stored",
                       lambda tmp, codes: publish(check(b"kode,jumlah\n99,1\n", "none.csv", kind="migration",
                                                        codelist=codes))),
}


@pytest.mark.parametrize("case", list(CASES))
def test_file_error_key_english_is_the_message(case: str, tmp_path: Path, codes: CodeList) -> None:
    key, action = CASES[case]
    error = _raise(lambda: action(tmp_path, codes))
    assert error.key == key
    assert t(error.key, "en", **error.values) == str(error) == message_in(error, "en")
    indonesian = message_in(error, "id")
    assert indonesian == t(error.key, "id", **error.values) and indonesian != str(error)


def test_representative_messages_in_bahasa_indonesia(tmp_path: Path) -> None:
    assert message_in(_raise(lambda: read_table(b"", "empty.csv")), "id") == "empty.csv kosong."
    assert message_in(_raise(lambda: read_table(b"\x00\x01", "x.csv")), "id") == (
        "x.csv bukan file teks (CSV) atau Excel.")
    assert message_in(_raise(lambda: read_table(_workbook(tmp_path / "two.xlsx"), sheet="Nope")), "id") == (
        "two.xlsx: tidak ada lembar 'Nope'; lembar yang ada: Ringkasan, Data.")
    assert message_in(_raise(lambda: parse_mapping_options(["Jumlah PMI"])), "id") == (
        "--map 'Jumlah PMI': tulis KOLOM=ARTI, misalnya --map 'Jumlah PMI=count'.")
    assert message_in(_raise(lambda: read_table(b"", "e.csv")), "fr") == "e.csv kosong."  # unknown: Bahasa Indonesia


def test_error_without_a_key_is_shown_as_is() -> None:
    error = InputFileError("an old message")
    assert (error.key, error.values, message_in(error, "id")) == (None, {}, "an old message")
    assert message_in(ValueError("plain"), "id") == "plain"


def _raised_keys(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _raised_keys(node.body) + _raised_keys(node.orelse)
    raise AssertionError(f"key is not a literal: {ast.dump(node)}")


def test_every_input_file_error_has_a_catalogue_key() -> None:
    """Every ``InputFileError(...)`` built in geo/ingest passes ``key="file_error.*"`` that exists in both languages."""
    used: set[str] = set()
    built = 0
    for module in sorted((GEO / "ingest").glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "InputFileError"):
                continue
            built += 1
            keywords = {keyword.arg: keyword.value for keyword in node.keywords}
            assert "key" in keywords, f"{module.name}:{node.lineno} builds InputFileError without key="
            used.update(_raised_keys(keywords["key"]))
    catalogue = {key for key in i18n.keys() if key.startswith("file_error.")}
    assert built >= 25
    assert used == catalogue
