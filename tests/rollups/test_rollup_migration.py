"""Migration 0003 builds the roll-ups of versions stored before it; publishing and purging keep them in step."""

from __future__ import annotations

import pandas as pd
from alembic import command
from sqlalchemy import func, inspect, select, text

from geo.data import migrations
from geo.data import store as store_module
from geo.data.rollups import ROLLUP_COLUMNS, compute_rollups
from geo.data.store import Store, rollups_table

RECORDS = pd.DataFrame({
    "area_code": ["21.71.01.1001", "21.71.01.1002", "21.71", "31.71.01.1001", "21.01.01.2001"],
    "level": ["village", "village", "regency", "village", "village"],
    "period": ["2024-01", "2024-02", "2024", "2023-12", None],
    "procedural": [True, False, None, True, True],
    "destination_country": ["Malaysia", None, "Kamboja", "Malaysia", None],
    "count": [3, 4, 10, 2, 9],
})


def stored_rollups(store: Store, dataset_id: int) -> pd.DataFrame:
    columns = [rollups_table.c[name] for name in ROLLUP_COLUMNS]
    with store.engine.connect() as connection:
        rows = connection.execute(select(*columns).where(rollups_table.c.dataset_id == dataset_id)).all()
    return canonical(pd.DataFrame.from_records(rows, columns=list(ROLLUP_COLUMNS)))


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame({column: pd.Series([None if pd.isna(value) else value for value in frame[column]],
                                            dtype=object) for column in frame.columns})
    frame = frame.assign(count=frame["count"].astype("int64"), records=frame["records"].astype("int64"),
                         procedural=[None if value is None else bool(value) for value in frame["procedural"]])
    keys = [column for column in ROLLUP_COLUMNS if column not in ("count", "records")]
    return frame.sort_values(keys, key=lambda column: column.astype(str), ignore_index=True)


def test_upgrade_from_0002_builds_rollups_for_stored_versions(database_url: str) -> None:
    engine = store_module._engine(database_url)
    with engine.connect() as connection:
        command.upgrade(migrations._config(connection), "0002")
        connection.commit()
        for dataset_id, kind in ((1, "migration"), (2, "cases")):
            connection.execute(text(
                "INSERT INTO datasets (id, kind, name, version, created_at, rows_read, rows_accepted, rows_rejected, "
                "record_count, total, is_sample, is_active, restricted, disclosure_threshold) VALUES "
                f"({dataset_id}, '{kind}', 'old', 1, '2025-01-01 00:00:00', 5, 5, 0, 5, 28, false, true, false, 5)"))
            for row in RECORDS.astype(object).where(RECORDS.notna(), None).to_dict("records"):
                connection.execute(text(
                    "INSERT INTO records (dataset_id, area_code, level, period, procedural, destination_country, "
                    "count) VALUES (:dataset_id, :area_code, :level, :period, :procedural, :destination_country, "
                    ":count)"), {"dataset_id": dataset_id, **row})
        connection.commit()
        assert "rollups" not in inspect(connection).get_table_names()

    assert migrations.upgrade(engine) == "upgraded"
    store = Store(database_url)
    expected = canonical(compute_rollups(RECORDS))
    for dataset_id in (1, 2):
        pd.testing.assert_frame_equal(stored_rollups(store, dataset_id), expected)
    # the record without a period has no roll-up; the years hold every other one, the months the monthly ones
    provinces = stored_rollups(store, 1).query("level == 'province'")
    assert provinces[provinces["period"].str.len() == 4]["count"].sum() == 3 + 4 + 10 + 2
    assert provinces[provinces["period"].str.len() == 7]["count"].sum() == 3 + 4 + 2


def test_publishing_writes_rollups_and_purging_erases_them(store: Store) -> None:
    dataset_id = store.save_dataset(kind="migration", name="new", records=RECORDS)
    pd.testing.assert_frame_equal(stored_rollups(store, dataset_id), canonical(compute_rollups(RECORDS)))
    assert store.rollup_count(dataset_id) == len(compute_rollups(RECORDS))
    store.purge(dataset_id, actor="test")
    with store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(rollups_table)).scalar_one() == 0


def test_a_failed_publish_leaves_no_rollups(store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(connection: object, dataset_id: int, records: pd.DataFrame) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store_module, "write_rollups", broken)
    try:
        store.save_dataset(kind="migration", name="broken", records=RECORDS)
    except RuntimeError:
        pass
    assert store.list_datasets() == []
    with store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(rollups_table)).scalar_one() == 0
        assert connection.execute(select(func.count()).select_from(store_module.records_table)).scalar_one() == 0
