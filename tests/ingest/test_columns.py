"""Column recognition, number formats and value parsing (with hypothesis properties)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.data.codes import normalize_code
from geo.errors import InputFileError
from geo.ingest.columns import (
    apply_overrides,
    combine_year_month,
    detect_mapping,
    detect_number_format,
    parse_field_name,
    parse_mapping_options,
    parse_number,
    parse_numbers,
    parse_period,
    parse_procedural,
    parse_sex,
)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("kode wilayah", "area_code"), ("KODE_DESA", "area_code"), ("Kode Kel", "area_code"),
        ("village_code", "area_code"), ("  Kode   Desa/Kelurahan ", "area_code"),
        ("Nama Desa/Kelurahan", "village_name"), ("DESA", "village_name"), ("Kelurahan", "village_name"),
        ("Kecamatan", "district_name"), ("Kabupaten/Kota", "regency_name"), ("KAB_KOTA", "regency_name"),
        ("Provinsi", "province_name"), ("Tahun", "year"), ("Periode", "period"), ("bulan", "month"),
        ("Tanggal", "date"), ("Jumlah", "count"), ("Jumlah PMI", "count"), ("count", "count"), ("JML", "count"),
        ("Negara Tujuan", "destination_country"), ("Kota Tujuan", "destination_city"),
        ("destination", "destination_country"), ("Destination City", "destination_city"),
        ("Jenis Kelamin", "sex"), ("jk", "sex"), ("Prosedural", "procedural"), ("Non-Prosedural", "procedural"),
        ("Transit", "transit"), ("Tanggal Keberangkatan", "date"), ("Jumlah Korban", "count"),
    ],
)
def test_header_is_recognised(header: str, field: str) -> None:
    assert detect_mapping([header]) == {header: field}


def test_unknown_headers_stay_unmapped() -> None:
    assert detect_mapping(["Keterangan", "Sumber", "x"]) == {}


def test_most_specific_code_column_is_the_area_code() -> None:
    mapping = detect_mapping(["kode_prov", "kode_kab", "kode_kec", "kode_desa", "jumlah"])
    assert mapping == {"kode_desa": "area_code", "jumlah": "count"}


def test_each_field_goes_to_one_column_only() -> None:
    assert detect_mapping(["Jumlah", "Total"]) == {"Jumlah": "count"}


def test_overrides_replace_and_ignore() -> None:
    headers = ["A", "Jumlah", "Catatan"]
    detected = detect_mapping(headers)
    assert apply_overrides(headers, detected, {"A": "count"}) == {"A": "count"}
    assert apply_overrides(headers, detected, {"jumlah": "ignore", "catatan": "kota tujuan"}) == {
        "Catatan": "destination_city"
    }
    with pytest.raises(InputFileError, match="column 'Nope' that the file does not have; columns: A, Jumlah"):
        apply_overrides(headers, detected, {"Nope": "count"})


@pytest.mark.parametrize(("text", "field"), [("count", "count"), ("area_code", "area_code"), ("-", "ignore"),
                                             ("jumlah", "count"), ("Kode Desa", "area_code")])
def test_field_names_from_users(text: str, field: str) -> None:
    assert parse_field_name(text) == field


def test_unknown_field_name_is_explained() -> None:
    with pytest.raises(InputFileError, match="Unknown field 'banana'.*area_code.*ignore"):
        parse_field_name("banana")


def test_mapping_options() -> None:
    assert parse_mapping_options(["Jumlah PMI=count", " Nama = ignore "]) == {"Jumlah PMI": "count",
                                                                           "Nama": "ignore"}
    with pytest.raises(InputFileError, match="write COLUMN=FIELD"):
        parse_mapping_options(["count"])


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1.234", "5", "12"], "id"),
        (["1.234,5", "7"], "id"),
        (["2,5"], "id"),
        (["1.234.567"], "id"),
        (["1,234", "5"], "en"),
        (["1,234.5"], "en"),
        (["2.5"], "en"),
        (["1,234,567"], "en"),
    ],
)
def test_number_format_detection(values: list[str], expected: str) -> None:
    assert detect_number_format(values) == expected


def test_number_format_without_evidence_uses_the_default() -> None:
    assert detect_number_format(["1", "23"], default="id") == "id"
    assert detect_number_format(["1", "23"], default="en") == "en"


@pytest.mark.parametrize(
    ("text", "number_format", "value"),
    [
        ("1.234", "id", 1234.0), ("1.234,5", "id", 1234.5), ("12", "id", 12.0), ("0,5", "id", 0.5),
        ("1 234", "id", 1234.0), ("-3", "id", -3.0), ("1,234", "en", 1234.0), ("1,234.5", "en", 1234.5),
        ("1.5", "en", 1.5), ("12.345.678", "id", 12345678.0),
    ],
)
def test_numbers_parse(text: str, number_format: str, value: float) -> None:
    assert parse_number(text, number_format) == value


@pytest.mark.parametrize(("text", "number_format"), [("abc", "id"), ("1.23", "id"), ("1,2,3", "en"), ("", "en"),
                                                     ("12.34.5", "id"), ("1.234,5", "en")])
def test_non_numbers_are_none(text: str, number_format: str) -> None:
    assert parse_number(text, number_format) is None


def _format(value: int, decimals: str, number_format: str, grouped: bool) -> str:
    thousands, point = (".", ",") if number_format == "id" else (",", ".")
    digits = f"{value:,}".replace(",", thousands) if grouped else str(value)
    return digits + (point + decimals if decimals else "")


@given(
    value=st.integers(min_value=0, max_value=10**12),
    decimals=st.text(alphabet="0123456789", max_size=3),
    number_format=st.sampled_from(["id", "en"]),
    grouped=st.booleans(),
)
def test_formatted_numbers_parse_back(value: int, decimals: str, number_format: str, grouped: bool) -> None:
    text = _format(value, decimals, number_format, grouped)
    assert parse_number(text, number_format) == pytest.approx(float(f"{value}.{decimals or 0}"))


@given(values=st.lists(st.integers(min_value=1000, max_value=10**9), min_size=1, max_size=20),
       number_format=st.sampled_from(["id", "en"]))
def test_grouped_whole_numbers_reveal_their_format(values: list[int], number_format: str) -> None:
    texts = [_format(value, "", number_format, grouped=True) for value in values]
    assert detect_number_format(texts, default="en" if number_format == "id" else "id") == number_format
    parsed = parse_numbers(pd.Series(texts, dtype=object), number_format)
    assert parsed.tolist() == [float(value) for value in values]


_PROVINCE = st.integers(min_value=11, max_value=99).map(lambda n: f"{n:02d}")
_MIDDLE = st.integers(min_value=1, max_value=99).map(lambda n: f"{n:02d}")
_VILLAGE = st.integers(min_value=1000, max_value=2999).map(str)


@given(province=_PROVINCE, regency=_MIDDLE, district=_MIDDLE, village=_VILLAGE,
       depth=st.integers(min_value=1, max_value=4), style=st.sampled_from(["dotted", "undotted", "spaced", "float"]))
def test_code_forms_normalise_to_the_dotted_code(province: str, regency: str, district: str, village: str,
                                                 depth: int, style: str) -> None:
    parts = [province, regency, district, village][:depth]
    dotted = ".".join(parts)
    raw = {"dotted": dotted, "undotted": "".join(parts), "spaced": " " + " ".join(parts) + " ",
           "float": "".join(parts) + ".0" if depth in (3, 4) else "".join(parts)}[style]
    assert normalize_code(raw) == dotted


@pytest.mark.parametrize(
    ("value", "period"),
    [
        ("2023", "2023"), ("2023-01", "2023-01"), ("2023/1", "2023-01"), ("01/2023", "2023-01"),
        ("Januari 2023", "2023-01"), ("Agustus 2023", "2023-08"), ("Des 2024", "2024-12"), ("Jan-23", "2023-01"),
        ("2023-01-15", "2023-01"), ("15/01/2023", "2023-01"), ("15-01-2023", "2023-01"),
        ("2024-03-15 00:00:00", "2024-03"), ("15 Maret 2024", "2024-03"), ("202301", "2023-01"),
        ("20230115", "2023-01"), ("May 2024", "2024-05"),
    ],
)
def test_periods_parse(value: str, period: str) -> None:
    assert parse_period(value) == period


@pytest.mark.parametrize("value", ["", "13/2023", "2023-13", "31/02/2023", "kemarin", "1850", "2023-01-01-01", None])
def test_bad_periods_are_none(value: str | None) -> None:
    assert parse_period(value) is None


@given(year=st.integers(min_value=1990, max_value=2100), month=st.integers(min_value=1, max_value=12),
       day=st.integers(min_value=1, max_value=28))
def test_dates_keep_their_year_and_month(year: int, month: int, day: int) -> None:
    expected = f"{year}-{month:02d}"
    assert parse_period(f"{year}-{month:02d}-{day:02d}") == expected
    assert parse_period(f"{day:02d}/{month:02d}/{year}") == expected
    assert parse_period(f"{month}/{year}") == expected


def test_year_and_month_columns_combine() -> None:
    years = pd.Series(["2023", "2023", "2023", None, "abc"], dtype=object)
    months = pd.Series(["Januari", "2", None, "3", "4"], dtype=object)
    assert combine_year_month(years, months).tolist() == ["2023-01", "2023-02", "2023", None, None]


@pytest.mark.parametrize(("value", "sex"), [("L", "male"), ("laki-laki", "male"), ("Pria", "male"), ("M", "male"),
                                            ("P", "female"), ("Perempuan", "female"), ("wanita", "female"),
                                            ("F", "female"), ("?", None), ("LP", None)])
def test_sex_values(value: str, sex: str | None) -> None:
    assert parse_sex(value) == sex


@pytest.mark.parametrize(("value", "procedural"), [("Prosedural", True), ("ya", True), ("Non Prosedural", False),
                                                   ("non-prosedural", False), ("Tidak", False), ("maybe", None)])
def test_procedural_values(value: str, procedural: bool | None) -> None:
    assert parse_procedural(value) is procedural
