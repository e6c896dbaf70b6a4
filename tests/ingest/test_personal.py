"""Personal-data guard: by header, by content, per cell; nothing personal reaches the store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from geo.data.codes import CodeList
from geo.data.store import Store
from geo.ingest._personal import content_kind, header_kind, personal_columns, value_kind
from geo.ingest.pipeline import check, ingest_file

from .support import write


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Nama", "name"), ("Nama Lengkap", "name"), ("Nama PMI", "name"), ("Nama Korban", "name"),
        ("Full name", "name"), ("NIK", "nik"), ("No. KTP", "nik"), ("No HP", "phone"), ("Telepon", "phone"),
        ("WhatsApp", "phone"), ("No Paspor", "passport"), ("Passport number", "passport"), ("E-mail", "email"),
        ("Alamat", "address"), ("Alamat Lengkap", "address"), ("Tanggal Lahir", "birth"), ("Tempat Lahir", "birth"),
    ],
)
def test_personal_headers(header: str, kind: str) -> None:
    assert header_kind(header) == kind


@pytest.mark.parametrize("header", ["Nama Desa", "Nama Kecamatan", "Nama Kabupaten/Kota", "Negara Tujuan", "Jumlah",
                                    "Kode Wilayah", "Jawa", "Kota Tujuan", "Nama Perusahaan", "Tanggal"])
def test_area_and_count_headers_are_not_personal(header: str) -> None:
    assert header_kind(header) is None


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("3201010101010001", "nik"), ("3201 0101 0101 0001", "nik"), ("3.20101E+15", "nik"),
        ("081234567890", "phone"), ("+62 812-3456-7890", "phone"), ("(0812) 3456 789", "phone"),
        ("B1234567", "passport"), ("AB123456", "passport"), ("siti@example.org", "email"),
        ("Jl. Merdeka No. 5", "address"), ("Jalan Sudirman 12", "address"), ("RT 02/RW 05", "address"),
        ("Gg. Mawar 3", "address"),
    ],
)
def test_personal_values(value: str, kind: str) -> None:
    assert value_kind(value) == kind


@pytest.mark.parametrize("value", ["2171031003", "21.71.03.1003", "Phnom Penh", "1.234", "2023-01", "Hong Kong",
                                   "Malaysia", "Johor Bahru", "L", "12"])
def test_ordinary_values_are_not_personal(value: str) -> None:
    assert value_kind(value) is None


def test_content_detection_under_innocent_headers() -> None:
    frame = pd.DataFrame({
        "kode": ["21.71", "21.72", "21.01"],
        "Keterangan": ["3201010101010001", "3201010101010002", "3201010101010003"],
        "Info": ["Siti Aminah", "Budi Santoso binti X", "Muhammad Rizki"],
        "Kontak darurat": ["x", "y", "z"],
        "Catatan": ["budi@example.org", "-", "-"],
        "Lokasi": ["Jl. Melati 4", "Jl. Mawar 7", "Gg. Anggrek 2"],
        "Tujuan": ["Phnom Penh", "Bavet", "Poipet"],
    })
    found = {item.column: (item.kind, item.evidence) for item in personal_columns(frame)}
    assert found == {
        "Keterangan": ("nik", "content"),
        "Info": ("name", "content"),
        "Kontak darurat": ("phone", "header"),
        "Catatan": ("email", "content"),
        "Lokasi": ("address", "content"),
    }


def test_village_names_that_look_like_given_names_are_not_people() -> None:
    villages = pd.Series(["Sri Mulya", "Sri Tanjung", "Dewi Sartika"])
    assert content_kind(villages, names_possible=False) is None
    assert personal_columns(pd.DataFrame({"Desa": villages}), {"Desa": "village_name"}) == []


def test_personal_columns_are_dropped_and_reported(tmp_path: Path, codes: CodeList) -> None:
    path = write(tmp_path / "pmi.csv",
                 "Kode Desa;Nama;NIK;No HP;Paspor;Email;Alamat;Tahun;Jumlah\n"
                 "2171031003;Siti Aminah;3201010101010001;081234567890;B1234567;siti@example.org;"
                 "Jl. Merdeka No. 5;2023;3\n")
    result = check(path, kind="migration", codelist=codes)
    report = result.report
    assert report.dropped_columns == ["Nama", "NIK", "No HP", "Paspor", "Email", "Alamat"]
    assert report.dropped_details[1] == "'NIK': NIK (national identity numbers), recognised by its header"
    assert report.rows_accepted == 1
    assert "Nama" not in report.mapping and "NIK" not in report.mapping


def test_a_column_mapped_by_the_user_is_still_dropped_when_personal(tmp_path: Path, codes: CodeList) -> None:
    path = write(tmp_path / "x.csv", "kode;Kontak;jumlah\n2171031003;081234567890;3\n")
    result = check(path, kind="migration", mapping={"Kontak": "destination_city"}, codelist=codes)
    assert result.report.dropped_columns == ["Kontak"]
    assert result.records["destination_city"].isna().all()


def test_personal_value_in_a_kept_column_rejects_the_row(tmp_path: Path, codes: CodeList) -> None:
    rows = ["Phnom Penh", "Bavet", "Poipet", "Sihanoukville", "Phnom Penh", "081234567890"]
    text = "kode;kota tujuan;jumlah\n" + "".join(f"2171031003;{city};1\n" for city in rows)
    result = check(write(tmp_path / "c.csv", text), kind="cases", codelist=codes)
    assert result.report.dropped_columns == []
    assert result.report.rejected == [
        {"row": 7, "reason": "'kota tujuan' holds personal data (phone numbers: phone 081…90); the row is not "
                             "stored. Remove it from the file"}
    ]
    assert "081234567890" not in set(result.records["destination_city"].dropna())


def test_no_personal_value_reaches_the_database(tmp_path: Path, codes: CodeList) -> None:
    secrets = ["Siti Aminah", "3201010101010001", "081234567890", "B1234567", "siti@example.org", "Merdeka"]
    path = write(tmp_path / "cases.csv",
                 "No;Nama Korban;NIK;HP;Paspor;Email;Alamat;Kode Desa;Tanggal;Negara Tujuan;Kota Tujuan;Transit;JK\n"
                 "1;Siti Aminah;3201010101010001;081234567890;B1234567;siti@example.org;Jl. Merdeka No. 5;"
                 "2171031003;15/01/2024;Kamboja;Phnom Penh;Johor Bahru;P\n"
                 "2;Budi;3201010101010002;081234567891;B1234568;budi@example.org;Jl. Merdeka No. 7;"
                 "2171031003;20/01/2024;Kamboja;Phnom Penh;Johor Bahru;L\n")
    database = tmp_path / "guard.sqlite"
    result = ingest_file(path, kind="cases", store=Store(f"sqlite:///{database}"), codelist=codes)
    assert result.report.rows_accepted == 2
    assert set(result.report.dropped_columns) == {"Nama Korban", "NIK", "HP", "Paspor", "Email", "Alamat"}
    with sqlite3.connect(database) as connection:
        dump = "\n".join(connection.iterdump())
    for secret in secrets:
        assert secret not in dump
    assert "Phnom Penh" in dump and "21.71.03.1003" in dump
