"""Personal data inside kept cells (issue #12 item 4): refused, reasons masked, nothing reaches the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.data.codes import CodeList
from geo.data.store import Store
from geo.ingest._personal import CELL_EXCERPT_CHARS, cell_kind, describe_cell, place_cell_kind
from geo.ingest.pipeline import MAX_LISTED_REJECTED, check, ingest_file

from .support import write


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("Malaysia (agen Yohanes Bria 081298765432)", "phone"),
        ("Batam via Ratna Kusumawardhani", "name"),
        ("Yohanes Bria", "name"),
        ("Kuala Lumpur, majikan Lee Wong", "name"),
        ("3174 9999 8888 7777", "nik"),
        ("NIK 3174.9999.8888.7777", "nik"),
        ("+62 812 9876 5432", "phone"),
        ("hub. 0812-9876-5432", "phone"),
        ("Taipei agen.yohanes@example.org", "email"),
        ("paspor C 1234567", "passport"),
        ("Dubai a.n. Siti Aminah", "name"),
        ("Ahmad bin Yusuf", "name"),
        ("Riyadh, Bapak Yohanes", "name"),
        ("korban Maria", "name"),
    ],
)
def test_personal_data_inside_a_place_cell(value: str, kind: str) -> None:
    assert place_cell_kind(value) == kind


@pytest.mark.parametrize(
    "place",
    ["Phnom Penh", "Sihanoukville", "Kuala Lumpur", "Johor Bahru", "Hong Kong", "Taipei", "Riyadh", "Shwe Kokko",
     "Kota Kinabalu", "Abu Dhabi", "Ho Chi Minh", "Tanjung Pinang", "Arab Saudi", "Malaysia", "Kamboja",
     "Batam via Johor Bahru", "Ibu Kota Nusantara", "Bandar Seri Begawan", "Mae Sot", "Petaling Jaya"],
)
def test_real_places_are_not_taken_for_people(place: str) -> None:
    assert place_cell_kind(place) is None


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("2023 NIK 3174999988887777", "NIK 3174…7777"),
        ("P - Maria Goreti Seran", "name M… G… S…"),
        ("+62 812 9876 5432", "phone +62…32"),
        ("paspor C 1234567", "passport C…"),
        ("agen.yohanes@example.org", "e-mail a…@…"),
    ],
)
def test_masked_description_never_repeats_the_value(value: str, masked: str) -> None:
    kind = cell_kind(value)
    assert kind is not None
    from geo.ingest._personal import mask_personal

    assert mask_personal(kind, value) == masked


def test_describe_cell_is_short_and_masks_digit_runs() -> None:
    assert describe_cell("x" * 10_000) == "x" * (CELL_EXCERPT_CHARS - 1) + "…"
    assert describe_cell("kode 123456789") == "kode 12…89"
    assert describe_cell("3174999988887777") == "NIK 3174…7777"
    assert len(describe_cell("Jalan panjang " * 1000)) <= CELL_EXCERPT_CHARS


SECRETS = ["Yohanes", "Bria", "081298765432", "Ratna", "Kusumawardhani", "3174999988887777", "Maria", "Goreti",
           "Seran", "agen.yohanes@example.org", "1234567", "Aminah", "8128765432", "3201999988887777"]


def _leaky_file(tmp_path: Path) -> Path:
    header = "kode desa;desa;periode;JK;jumlah;negara tujuan;kota tujuan;transit\n"
    rows = [
        "2171031003;;2023-01;L;3;Malaysia;Kuala Lumpur;Batam",  # clean (row 2)
        "2171031003;;2023-01;L;3;Malaysia (agen Yohanes Bria 081298765432);;",  # 3: destination
        "2171031003;;2023-01;P;2;Malaysia;;Batam via Ratna Kusumawardhani",  # 4: transit
        "2171031003;;2023 NIK 3174999988887777;P;1;Kamboja;Phnom Penh;",  # 5: period
        "2171031003;;2023-02;P - Maria Goreti Seran;1;Kamboja;Phnom Penh;",  # 6: sex
        "2171031003;;2023-02;L;3201999988887777;Kamboja;;",  # 7: a NIK as count
        "2171031003;;2023-02;L;08128765432;Kamboja;;",  # 8: a phone as count
        ";Maria Goreti Seran;2023-02;L;1;Kamboja;;",  # 9: a person as village
        "2171031003;;2023-03;L;2;Taiwan;agen.yohanes@example.org;",  # 10: e-mail as city
        "2171031003;;2023-03;L;2;Arab Saudi;Riyadh;paspor C 1234567",  # 11: passport
        "2171031003;;2023-03;L;2;Arab Saudi;Dubai a.n. Siti Aminah;",  # 12: titled name
    ]
    return write(tmp_path / "leaky.csv", header + "\n".join(rows) + "\n")


def test_every_personal_cell_refuses_its_row_with_a_masked_reason(tmp_path: Path, codes: CodeList) -> None:
    result = check(_leaky_file(tmp_path), kind="cases", codelist=codes)
    report = result.report
    assert report.rows_accepted == 1
    assert [item["row"] for item in report.rejected] == list(range(3, 13))
    reasons = {item["row"]: item["reason"] for item in report.rejected}
    for reason in reasons.values():
        assert "personal data" in reason or "identifier" in reason, reason
        for secret in SECRETS:
            assert secret not in reason, (secret, reason)
    assert "NIK 3174…7777" in reasons[5]
    assert "name M… G… S…" in reasons[6]
    assert "has 16 digits" in reasons[7] and "has 11 digits" in reasons[8]
    assert "'desa'" in reasons[9]
    assert result.rejected_in("id")["reason"].str.contains("data pribadi|nomor identitas").all()


def test_no_value_from_a_personal_cell_reaches_the_database_file(tmp_path: Path, codes: CodeList) -> None:
    database = tmp_path / "cells.sqlite"
    result = ingest_file(_leaky_file(tmp_path), kind="cases", store=Store(f"sqlite:///{database}"), codelist=codes)
    assert result.report.dataset_id is not None
    # The database file and its write-ahead log, byte for byte.
    stored = b"".join(path.read_bytes() for path in tmp_path.glob("cells.sqlite*"))
    for secret in SECRETS:
        assert secret.encode() not in stored, secret
    assert b"Kuala Lumpur" in stored  # the clean row is there: the grep looks at real content


def test_a_count_of_ten_digits_is_an_identifier(tmp_path: Path, codes: CodeList) -> None:
    path = write(tmp_path / "n.csv", "kode;jumlah\n2171031003;1234567890\n2171031003;123456789\n")
    result = check(path, kind="migration", number_format="en", codelist=codes)
    assert [item["row"] for item in result.report.rejected] == [2]
    assert result.report.total == 123456789


def test_long_cells_are_never_repeated_in_reasons(tmp_path: Path, codes: CodeList) -> None:
    garbage = "tidak tahu " * 300
    path = write(tmp_path / "g.csv", f"kode;periode;jumlah\n2171031003;{garbage};1\n9999;2023;{garbage}\n")
    result = check(path, kind="migration", codelist=codes)
    for item in result.report.rejected:
        assert len(item["reason"]) < 400
        assert "tidak tahu tidak tahu tidak" not in item["reason"]


def test_the_report_lists_the_first_rejected_rows_and_counts_the_rest(tmp_path: Path, codes: CodeList) -> None:
    rows = "".join(f"2171031003;{'banyak' if row % 2 else row};2023\n" for row in range(3000))
    database = tmp_path / "many.sqlite"
    store = Store(f"sqlite:///{database}")
    result = ingest_file(write(tmp_path / "m.csv", "kode;jumlah;tahun\n" + rows), kind="migration", store=store,
                         codelist=codes)
    report = result.report
    assert report.rows_rejected == 1500
    assert len(report.rejected) == MAX_LISTED_REJECTED and report.rejected_not_listed == 500
    assert len(result.rejected) == MAX_LISTED_REJECTED
    stored = store.get_dataset(report.dataset_id)
    assert len(stored.report["rejected"]) == MAX_LISTED_REJECTED and stored.report["rejected_not_listed"] == 500
