"""Dataset store on SQLite and PostgreSQL: versions, provenance, active/deleted, atomic writes."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import func, select

from geo.data import store as store_module
from geo.data.store import RECORD_COLUMNS, Store, StoreError, datasets_table, records_table


def records(count: int = 3, start: int = 1) -> pd.DataFrame:
    return pd.DataFrame({
        "area_code": [f"21.71.03.{1000 + i}" for i in range(count)],
        "level": ["village"] * count,
        "period": ["2023-01"] * count,
        "destination_country": ["Cambodia"] * (count - 1) + [None],
        "destination_city": ["Phnom Penh"] * (count - 1) + [None],
        "transit": ["Johor Bahru"] + [None] * (count - 1),
        "sex": ["male"] * count,
        "procedural": [False] + [None] * (count - 1),
        "count": list(range(start, start + count)),
    })


def snapshot(store: Store) -> tuple[list[tuple], list[tuple]]:
    """Every row of both tables (to compare a store before and after a failed write)."""
    with store.engine.connect() as connection:
        datasets = [tuple(row) for row in connection.execute(select(datasets_table).order_by(datasets_table.c.id))]
        rows = [tuple(row) for row in connection.execute(select(records_table).order_by(records_table.c.id))]
    return datasets, rows


def test_round_trip_keeps_values_and_types(store: Store) -> None:
    dataset_id = store.save_dataset(kind="cases", name="kepri", records=records(), file_name="kepri.csv",
                                    sha256="ab" * 32, uploader="analyst", note="first", rows_read=5,
                                    rows_accepted=3, rows_rejected=2, mapping={"columns": {"kode": "area_code"}},
                                    report={"rejected": [{"row": 4, "reason": "x"}]})
    loaded = store.load_records(dataset_id)
    assert list(loaded.columns) == list(RECORD_COLUMNS)
    assert loaded["count"].dtype == "int64" and str(loaded["procedural"].dtype) == "boolean"
    expected = records()
    assert loaded["area_code"].tolist() == expected["area_code"].tolist()
    assert loaded["destination_city"].tolist() == ["Phnom Penh", "Phnom Penh", None]
    assert loaded["transit"].tolist() == ["Johor Bahru", None, None]
    assert loaded["procedural"].tolist() == [False, pd.NA, pd.NA]
    assert loaded["count"].tolist() == [1, 2, 3]
    info = store.get_dataset(dataset_id)
    assert (info.kind, info.name, info.version, info.file_name, info.uploader, info.note) == (
        "cases", "kepri", 1, "kepri.csv", "analyst", "first")
    assert (info.rows_read, info.rows_accepted, info.rows_rejected, info.record_count, info.total) == (5, 3, 2, 3, 6)
    assert info.mapping == {"columns": {"kode": "area_code"}}
    assert info.report == {"rejected": [{"row": 4, "reason": "x"}]}
    assert info.created_at.tzinfo is not None
    assert abs(info.created_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert not info.is_sample and info.is_active


def test_versions_count_up_per_kind_and_name(store: Store) -> None:
    first = store.save_dataset(kind="migration", name="jatim", records=records())
    second = store.save_dataset(kind="migration", name="jatim", records=records(start=10))
    other = store.save_dataset(kind="cases", name="jatim", records=records())
    assert [store.get_dataset(i).version for i in (first, second, other)] == [1, 2, 1]
    # the first version is unchanged by the second (immutable)
    assert store.load_records(first)["count"].tolist() == [1, 2, 3]
    assert [d.id for d in store.list_datasets()] == [other, second, first]
    assert [d.id for d in store.list_datasets("migration")] == [second, first]


def test_active_dataset_and_activation(store: Store) -> None:
    assert store.active_dataset("migration") is None
    first = store.save_dataset(kind="migration", name="a", records=records())
    second = store.save_dataset(kind="migration", name="b", records=records(), activate=False)
    assert store.active_dataset("migration").id == first
    store.activate(second)
    assert store.active_dataset("migration").id == second
    assert [d.is_active for d in store.list_datasets("migration")] == [True, False]
    cases = store.save_dataset(kind="cases", name="c", records=records())
    assert store.active_dataset("migration").id == second  # another kind does not change it
    assert store.active_dataset("cases").id == cases


def test_soft_delete_hides_but_keeps(store: Store) -> None:
    first = store.save_dataset(kind="migration", name="a", records=records())
    second = store.save_dataset(kind="migration", name="a", records=records())
    deleted = store.delete_dataset(second)
    assert deleted.deleted_at is not None and not deleted.is_active
    assert [d.id for d in store.list_datasets()] == [first]
    assert [d.id for d in store.list_datasets(include_deleted=True)] == [second, first]
    assert store.active_dataset("migration").id == first  # falls back to the newest remaining
    assert store.load_records(second)["count"].sum() == 6  # records kept
    with pytest.raises(StoreError, match="is deleted; it cannot be made active"):
        store.activate(second)


def test_unknown_dataset_and_kind(store: Store) -> None:
    with pytest.raises(StoreError, match="There is no dataset with id 99"):
        store.get_dataset(99)
    with pytest.raises(StoreError, match="There is no dataset with id 99"):
        store.load_records(99)
    with pytest.raises(StoreError, match="Unknown dataset kind 'people'"):
        store.list_datasets("people")
    with pytest.raises(StoreError, match="needs a name"):
        store.save_dataset(kind="cases", name=" ", records=records())


def test_negative_counts_are_refused_before_anything_is_written(store: Store) -> None:
    bad = records()
    bad.loc[1, "count"] = -1
    with pytest.raises(StoreError, match="non-negative count"):
        store.save_dataset(kind="cases", name="bad", records=bad)
    assert snapshot(store) == ([], [])


@pytest.mark.parametrize("error", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_interrupted_upload_leaves_the_store_exactly_as_before(store: Store, monkeypatch: pytest.MonkeyPatch,
                                                               error: BaseException) -> None:
    store.save_dataset(kind="migration", name="kept", records=records())
    before = snapshot(store)
    monkeypatch.setattr(store_module, "_CHUNK_ROWS", 2)
    calls = []
    original = Store._insert_records

    def fail_on_second_chunk(connection: object, rows: list[dict]) -> None:
        calls.append(len(rows))
        if len(calls) == 2:
            raise error
        original(connection, rows)

    monkeypatch.setattr(Store, "_insert_records", staticmethod(fail_on_second_chunk))
    with pytest.raises(type(error)):
        store.save_dataset(kind="migration", name="half", records=records(5))
    assert calls == [2, 2]  # the first chunk had been written inside the transaction
    assert snapshot(store) == before
    assert [d.name for d in store.list_datasets()] == ["kept"]
    assert store.active_dataset("migration").name == "kept"


def test_records_are_written_in_chunks(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "_CHUNK_ROWS", 4)
    dataset_id = store.save_dataset(kind="migration", name="big", records=records(10))
    with store.engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(records_table)).scalar_one()
    assert count == 10 and store.load_records(dataset_id)["count"].sum() == 55


def test_mark_once(store: Store) -> None:
    assert store.mark_once("x") is True
    assert store.mark_once("x") is False


def test_default_store_uses_riskmap_home(store: Store) -> None:
    default = store_module.default_store()
    assert default.url == store.url


def test_empty_record_set(store: Store) -> None:
    dataset_id = store.save_dataset(kind="cases", name="empty", records=records().iloc[0:0])
    assert store.load_records(dataset_id).empty and store.get_dataset(dataset_id).total == 0
