"""check/publish end to end on small files: the messy real-world file, cases, whole-file rejections."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.data.codes import CodeList
from geo.data.store import Store
from geo.errors import InputFileError
from geo.ingest.pipeline import check, ingest_file, preview, publish

from .support import MESSY, write


def test_messy_real_world_file(tmp_path: Path, codes: CodeList) -> None:
    path = write(tmp_path / "pmi kepri 2023.csv", MESSY)
    result = check(path, kind="migration", codelist=codes)
    report = result.report
    assert (report.encoding, report.delimiter, report.number_format) == ("utf-8-sig", ";", "id")
    assert report.mapping == {
        "Kode Wilayah": "area_code", "Nama Desa/Kelurahan": "village_name", "Kecamatan": "district_name",
        "Kabupaten/Kota": "regency_name", "Provinsi": "province_name", "Bulan": "month", "Tahun": "year",
        "Jumlah PMI": "count", "Negara Tujuan": "destination_country", "JK": "sex",
    }
    assert report.dropped_columns == ["Nama PMI", "No HP"]
    assert (report.rows_read, report.rows_accepted, report.rows_rejected) == (11, 6, 5)
    assert report.matched_by == {"code": 4, "name": 1, "fuzzy": 1}
    assert report.rejected == [
        {"row": 8, "reason": "Kode wilayah '99.99.99.9999': village part '9999' must start with 1 (kelurahan) "
                             "or 2 (desa)."},
        {"row": 9, "reason": "period '2023 13' is not a year and month"},
        {"row": 10, "reason": "count '-3' is negative"},
        {"row": 12, "reason": "count 'banyak' in 'Jumlah PMI' is not a number (Indonesian: 1.234 and 1.234,5)"},
        {"row": 13, "reason": "village (desa/kelurahan) 'Desa Antah Berantah' not found in Kota Batam (21.71); "
                              "closest is Tiban Indah (52 < 85)"},
    ]
    assert report.total == 1234 + 12 + 7 + 8 + 1000 + 2
    fuzzy = result.matches[result.matches["matched_by"] == "fuzzy"].iloc[0]
    assert (fuzzy["row"], fuzzy["area_code"], fuzzy["area_name"], fuzzy["score"]) == (
        5, "21.72.01.1001", "Tanjung Pinang Barat", 94.4)
    regency_row = result.records[result.records["area_code"] == "21.71"].iloc[0]
    assert (regency_row["level"], regency_row["period"], regency_row["count"]) == ("regency", "2023-04", 1000)
    assert set(result.records["sex"].dropna()) == {"male", "female"}
    assert list(result.records.columns) == ["area_code", "level", "period", "destination_country",
                                            "destination_city", "transit", "sex", "procedural", "count"]


def test_summary_has_exactly_the_cli_keys(tmp_path: Path, codes: CodeList) -> None:
    result = check(write(tmp_path / "m.csv", MESSY), kind="migration", codelist=codes)
    assert list(result.report.summary()) == ["dataset_id", "kind", "rows_read", "rows_accepted", "rows_rejected",
                                             "rejected", "matched_by", "dropped_columns", "total"]


def test_cases_without_count_count_one_per_row(tmp_path: Path, codes: CodeList) -> None:
    text = ("No,Kode Desa,Tanggal Kejadian,Negara Tujuan,Kota Tujuan,Transit,Jenis Kelamin,Prosedural\n"
            "1,2171031003,15/01/2024,Kamboja,Phnom Penh,Johor Bahru,L,Non Prosedural\n"
            "2,2171031003,20/01/2024,Kamboja,Phnom Penh,Johor Bahru,L,Non Prosedural\n"
            "3,2101061001,2024-02-03,Myanmar,Myawaddy,,P,tidak\n"
            "4,2101061001,kemarin,Myanmar,Myawaddy,,P,tidak\n")
    result = check(write(tmp_path / "kasus.csv", text), kind="cases", codelist=codes)
    report = result.report
    assert report.warnings == ["No count column: every row counts as 1 case."]
    assert report.rejected == [{"row": 5, "reason": "period 'kemarin' in 'Tanggal Kejadian' is not a date, month "
                                                    "or year (e.g. 2023-01 or 15/01/2023)"}]
    records = result.records.to_dict("records")
    assert records == [
        {"area_code": "21.01.06.1001", "level": "village", "period": "2024-02", "destination_country": "Myanmar",
         "destination_city": "Myawaddy", "transit": None, "sex": "female", "procedural": False, "count": 1},
        {"area_code": "21.71.03.1003", "level": "village", "period": "2024-01", "destination_country": "Kamboja",
         "destination_city": "Phnom Penh", "transit": "Johor Bahru", "sex": "male", "procedural": False, "count": 2},
    ]


def test_english_numbers_and_a_chosen_format(tmp_path: Path, codes: CodeList) -> None:
    path = write(tmp_path / "en.csv", 'village_code,year,count\n2171031003,2023,"1,234"\n2172011001,2023,5\n')
    assert check(path, kind="migration", codelist=codes).report.total == 1239
    forced = check(path, kind="migration", number_format="id", codelist=codes)
    assert forced.report.number_format == "id"
    assert forced.report.rejected[0]["reason"] == "count '1,234' is not a whole number"


def test_fractional_counts_are_rejected(tmp_path: Path, codes: CodeList) -> None:
    result = check(write(tmp_path / "f.csv", "kode;jumlah\n2171031003;2,5\n"), kind="migration", codelist=codes)
    assert result.report.rejected == [{"row": 2, "reason": "count '2,5' is not a whole number"}]


def test_mapping_override_makes_an_unknown_column_usable(tmp_path: Path, codes: CodeList) -> None:
    path = write(tmp_path / "o.csv", "wil,orang\n2171031003,4\n")
    with pytest.raises(InputFileError, match="no column with area codes or area names"):
        check(path, kind="migration", codelist=codes)
    result = check(path, kind="migration", mapping={"wil": "area_code", "orang": "count"}, codelist=codes)
    assert result.report.total == 4 and result.report.mapping == {"wil": "area_code", "orang": "count"}


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("kode,tahun\n2171031003,2023\n", "migration", "no column with the number of migrant workers"),
        ("keterangan,jumlah\nx,1\n", "migration", "no column with area codes or area names"),
        ("kode,jumlah\n", "migration", "has a header but no data rows"),
    ],
)
def test_files_rejected_as_a_whole(tmp_path: Path, codes: CodeList, text: str, kind: str, message: str) -> None:
    with pytest.raises(InputFileError, match=message):
        check(write(tmp_path / "bad.csv", text), kind=kind, codelist=codes)


def test_unknown_kind(tmp_path: Path, codes: CodeList) -> None:
    with pytest.raises(InputFileError, match="Unknown kind 'people'"):
        check(write(tmp_path / "k.csv", "kode,jumlah\n21.71,1\n"), kind="people", codelist=codes)


def test_preview_detects_without_matching(tmp_path: Path) -> None:
    seen = preview(write(tmp_path / "p.csv", MESSY), kind="migration")
    assert seen.number_format == "id"
    assert seen.mapping["Jumlah PMI"] == "count"
    assert [item.column for item in seen.personal] == ["Nama PMI", "No HP"]


def test_publish_stores_provenance(tmp_path: Path, codes: CodeList) -> None:
    store = Store(f"sqlite:///{tmp_path / 'p.sqlite'}")
    result = ingest_file(write(tmp_path / "messy.csv", MESSY), kind="migration", name="Kepri 2023", note="test",
                         uploader="analyst", store=store, codelist=codes)
    dataset = store.get_dataset(result.report.dataset_id)
    assert (dataset.name, dataset.version, dataset.kind, dataset.uploader, dataset.note) == (
        "Kepri 2023", 1, "migration", "analyst", "test")
    assert (dataset.rows_read, dataset.rows_accepted, dataset.rows_rejected) == (11, 6, 5)
    assert dataset.file_name == "messy.csv" and len(dataset.sha256) == 64
    assert dataset.sha256 == result.report.sha256
    assert dataset.mapping["columns"]["Jumlah PMI"] == "count" and dataset.mapping["number_format"] == "id"
    assert dataset.report["dropped_columns"] == ["Nama PMI", "No HP"]
    assert dataset.total == result.report.total == int(store.load_records(dataset.id)["count"].sum())
    again = ingest_file(write(tmp_path / "messy.csv", MESSY), kind="migration", name="Kepri 2023", store=store,
                        codelist=codes)
    assert store.get_dataset(again.report.dataset_id).version == 2


def test_nothing_to_publish_is_rejected_and_stores_nothing(tmp_path: Path, codes: CodeList) -> None:
    store = Store(f"sqlite:///{tmp_path / 'n.sqlite'}")
    result = check(write(tmp_path / "none.csv", "kode,jumlah\n99,1\n21.71,x\n"), kind="migration", codelist=codes)
    with pytest.raises(InputFileError, match=r"none\.csv: no row could be used, nothing was stored\. row 2: "):
        publish(result, store=store)
    assert store.list_datasets() == []
