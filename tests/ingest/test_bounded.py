"""Bounded ingest (issue #14 item 3): chunked checking gives the whole-file result, large files
complete, and a failed or interrupted ingest leaves the store exactly as it was."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select

from geo.data import store as store_module
from geo.data.codes import CodeList
from geo.data.store import Store, records_table
from geo.ingest import _reading
from geo.ingest.pipeline import IngestResult, check, ingest_file

ROOT = Path(__file__).resolve().parents[2]

# Every kind of row a chunk boundary could cut wrongly: codes dotted and undotted, names only,
# a misspelt name, unknown codes, bad counts and periods, personal data in a kept cell, blank
# lines (they keep their row number), destinations, sex and procedural splits.
_LINES = [
    "21.71.03.1001;;2023;Januari;12;Malaysia;L;Prosedural",
    "2171031003;;2023;2;1.234;Taiwan;P;Non Prosedural",
    ";Kijang Kota;2023;3;7;Hong Kong;P;prosedural",
    ";Tanjung Riauu;2024;1;3;Malaysia;L;",
    "99.99.99.9999;;2023;1;5;Malaysia;L;Prosedural",
    "3201012001;;2023;13;4;;P;Prosedural",
    "3201012001;;2023;1;banyak;;P;Prosedural",
    "",
    "3271011001;;2023;4;-2;Arab Saudi;L;Prosedural",
    "2172011001;;2023;5;3;Malaysia (agen 081298765432);L;Prosedural",
    "2172011002;;2023;6;2,5;Malaysia;X;Prosedural",
    "2101062002;;2023;7;0;Singapura;L;ya",
    "21.71.03.1001;;2023;Januari;8;Malaysia;L;Prosedural",
]
HEADER = "kode desa;nama desa;tahun;bulan;jumlah;negara tujuan;jenis kelamin;prosedural\n"


def _file(tmp_path: Path, repeats: int = 3) -> Path:
    path = tmp_path / "mixed.csv"
    path.write_text(HEADER + "\n".join(_LINES * repeats) + "\n", encoding="utf-8")
    return path


def _outcome(result: IngestResult) -> tuple[object, ...]:
    report = result.report.to_dict()
    report["dropped_details"] = [str(detail) for detail in report["dropped_details"]]
    report["warnings"] = [str(warning) for warning in report["warnings"]]
    rejected = [(int(row), str(reason)) for row, reason in result.rejected[["row", "reason"]].itertuples(index=False)]
    matches = [(int(row), code, how, str(note) if note is not None else None) for row, code, how, note in
               result.matches[["row", "area_code", "matched_by", "note"]].itertuples(index=False)]
    return report, result.records.to_dict("list"), rejected, matches


@pytest.mark.parametrize("chunk_rows", [1, 5, 7, 13])
def test_chunked_check_equals_the_whole_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, codes: CodeList,
                                             chunk_rows: int) -> None:
    path = _file(tmp_path)
    whole = check(path, kind="migration", codelist=codes)
    monkeypatch.setattr(_reading, "CSV_CHUNK_ROWS", chunk_rows)
    chunked = check(path, kind="migration", codelist=codes)
    assert _outcome(chunked) == _outcome(whole)
    report = chunked.report
    # 13 lines (one blank) three times; the same six bad rows in each repeat, named by their row in the file.
    assert (report.rows_read, report.rows_accepted) == (36, 18)
    bad_rows = [row for row, _reason in _outcome(chunked)[2]]
    assert bad_rows == [row + 13 * repeat for repeat in range(3) for row in (6, 7, 8, 10, 11, 12)]
    reasons = dict(_outcome(chunked)[2])
    assert "99.99.99.9999" in reasons[6] and "081298765432" not in reasons[11] and "phone" in reasons[11]
    assert report.matched_by == {"code": 12, "name": 3, "fuzzy": 3}


def test_records_are_summed_across_chunks_and_sorted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     codes: CodeList) -> None:
    monkeypatch.setattr(_reading, "CSV_CHUNK_ROWS", 2)
    result = check(_file(tmp_path, repeats=4), kind="migration", codelist=codes)
    records = result.records
    january = records[(records["area_code"] == "21.71.03.1001") & (records["period"] == "2023-01")]
    # Rows 2 and 14 of each repeat share every key: one record, their counts summed (12 + 8, four times).
    assert january["count"].tolist() == [80] and records["count"].dtype == "int64"
    keys = records[["area_code", "period", "destination_country", "sex"]].astype(str).apply(tuple, axis=1).tolist()
    assert keys == sorted(keys)
    assert int(records["count"].sum()) == result.report.total
    assert records["procedural"].map(type).isin([bool, type(None)]).all()


def test_only_the_first_rows_are_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, codes: CodeList) -> None:
    from geo.ingest import pipeline

    monkeypatch.setattr(_reading, "CSV_CHUNK_ROWS", 4)
    monkeypatch.setattr(pipeline, "MAX_LISTED_MATCHES", 5)
    monkeypatch.setattr(pipeline, "MAX_LISTED_REJECTED", 3)
    result = check(_file(tmp_path), kind="migration", codelist=codes)
    assert len(result.matches) == 5 and len(result.report.rejected) == 3
    assert result.report.rejected_not_listed == result.report.rows_rejected - 3
    assert sum(result.report.matched_by.values()) == result.report.rows_accepted == 18


def _national_monthly() -> object:
    spec = importlib.util.spec_from_file_location("national_monthly", ROOT / "benchmarks" / "national_monthly.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["national_monthly"] = module
    spec.loader.exec_module(module)
    return module


def test_a_large_generated_file_ingests_and_completes(tmp_path: Path) -> None:
    """200,016 rows of the national monthly generator (5,556 villages x 36 months) into a fresh store.

    Time and peak memory are measured in benchmarks/ingest.py; here the ingest must complete and
    every row and count must arrive.
    """
    generator = _national_monthly()
    path = tmp_path / "national.csv"
    villages = generator.village_codes(5_556)  # type: ignore[attr-defined]
    written = generator.write_national_monthly(path, villages)  # type: ignore[attr-defined]
    assert written["rows"] == 200_016
    counts = pd.read_csv(path, usecols=["jumlah"])["jumlah"]
    store = Store(f"sqlite:///{tmp_path / 'big.sqlite'}")
    result = ingest_file(path, kind="migration", name="national", store=store)
    report = result.report
    assert (report.rows_read, report.rows_accepted, report.rows_rejected) == (200_016, 200_016, 0)
    assert report.matched_by["code"] == 200_016 and len(result.matches) == 10_000
    assert report.total == int(counts.sum())
    stored = store.load_records(report.dataset_id)  # type: ignore[arg-type]
    assert len(stored) == len(result.records) == 200_016
    assert int(stored["count"].sum()) == report.total
    assert set(stored["period"]) == {f"{year}-{month:02d}" for year in (2023, 2024, 2025) for month in range(1, 13)}


def _snapshot(store: Store) -> tuple[list[tuple[object, ...]], int]:
    with store.engine.connect() as connection:
        records = connection.execute(select(func.count()).select_from(records_table)).scalar_one()
    return [(info.id, info.name, info.version, info.is_active) for info in store.list_datasets()], records


@pytest.mark.parametrize("error", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_interrupted_ingest_leaves_the_store_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       codes: CodeList, error: BaseException) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    kept = ingest_file(_file(tmp_path, repeats=1), kind="migration", name="kept", store=store, codelist=codes)
    before = _snapshot(store)
    big = tmp_path / "more.csv"
    big.write_text(HEADER + "".join(f"{code};;2023;{month};{month}\n" for code in ("2171031001", "3201012001")
                                    for month in range(1, 13)), encoding="utf-8")
    monkeypatch.setattr(store_module, "_CHUNK_ROWS", 5)
    calls: list[int] = []
    original = Store._insert_records

    def fail_on_third_chunk(connection: object, rows: list[tuple[object, ...]]) -> None:
        calls.append(len(rows))
        if len(calls) == 3:
            raise error
        original(connection, rows)

    monkeypatch.setattr(Store, "_insert_records", staticmethod(fail_on_third_chunk))
    with pytest.raises(type(error)):
        ingest_file(big, kind="migration", name="more", store=store, codelist=codes)
    assert calls == [5, 5, 5]  # two chunks had been written inside the transaction
    assert _snapshot(store) == before
    active = store.active_dataset("migration")
    assert active is not None and active.id == kept.report.dataset_id


def test_a_file_failing_late_stores_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            codes: CodeList) -> None:
    """A row too wide in the last chunk: the whole file is refused after the first chunks were checked."""
    from geo.errors import InputFileError

    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path))
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    before = _snapshot(store)
    monkeypatch.setattr(_reading, "CSV_CHUNK_ROWS", 3)
    path = tmp_path / "late.csv"
    path.write_text("kode;jumlah\n" + "2171031001;1\n" * 10 + "2171031001;1;x;y\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="row 12"):
        ingest_file(path, kind="migration", name="late", store=store, codelist=codes)
    assert _snapshot(store) == before
