"""Publishing's bulk writes (multi-row INSERT on SQLite, COPY on PostgreSQL) store exactly what they are given."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import func, select

from geo.data import store as store_module
from geo.data.rollups import ROLLUP_COLUMNS, compute_rollups
from geo.data.store import RECORD_COLUMNS, Store, datasets_table, records_table, rollups_table


def mixed_records(count: int) -> pd.DataFrame:
    """Records whose optional columns are empty in some chunks and filled (or partly NaN) in others."""
    positions = np.arange(count)
    return pd.DataFrame({
        "area_code": [f"21.71.0{1 + i % 3}.{1001 + i % 7}" for i in positions],
        "level": ["village"] * count,
        "period": [f"2024-{1 + i % 12:02d}" if i % 5 else "2024" for i in positions],
        "destination_country": [None if i < 120 else ("Malaysia" if i % 2 else np.nan) for i in positions],
        "destination_city": [None] * count,
        "transit": ["Batam" if i == count - 1 else None for i in positions],
        "sex": [("F", "M", None)[i % 3] for i in positions],
        "procedural": [(True, False, None)[i % 3] if i >= 60 else None for i in positions],
        "count": [int(i % 17) for i in positions],
    })


def stored(store: Store, table: object, columns: tuple[str, ...], dataset_id: int) -> pd.DataFrame:
    with store.engine.connect() as connection:
        rows = connection.execute(select(*[table.c[name] for name in columns])  # type: ignore[attr-defined]
                                  .where(table.c.dataset_id == dataset_id)  # type: ignore[attr-defined]
                                  .order_by(table.c.id)).all()  # type: ignore[attr-defined]
    # object columns as the driver returned them (pandas would turn None into NaN in text columns)
    frame = pd.DataFrame({name: pd.Series([row[position] for row in rows], dtype=object)
                          for position, name in enumerate(columns)})
    frame["procedural"] = [None if value is None else bool(value) for value in frame["procedural"]]
    return frame


def expected_records(records: pd.DataFrame) -> pd.DataFrame:
    frame = records[list(RECORD_COLUMNS)].astype(object)
    return frame.where(frame.notna(), None)


@pytest.mark.parametrize("chunk_rows", [7, 100, 20_000])
def test_records_and_rollups_are_stored_exactly_in_any_chunking(store: Store, monkeypatch: pytest.MonkeyPatch,
                                                                chunk_rows: int) -> None:
    # 301 rows: full multi-row statements (99 or 83 rows on SQLite) and a remainder; columns
    # empty in some chunks only (left out of those chunks' statements), NaN stored as NULL.
    records = mixed_records(301)
    given = records.copy()
    monkeypatch.setattr(store_module, "_CHUNK_ROWS", chunk_rows)
    dataset_id = store.save_dataset(kind="migration", name="mixed", records=records)
    pd.testing.assert_frame_equal(records, given)  # the caller's frame is left as it was
    got = stored(store, records_table, RECORD_COLUMNS, dataset_id)
    assert got.to_dict("records") == expected_records(records).to_dict("records")
    rollups = stored(store, rollups_table, ROLLUP_COLUMNS, dataset_id)
    expected = compute_rollups(records).astype(object)
    assert rollups.drop(columns=["count", "records"]).to_dict("records") == \
        expected.drop(columns=["count", "records"]).to_dict("records")
    assert rollups["count"].tolist() == expected["count"].tolist()
    assert rollups["records"].tolist() == expected["records"].tolist()


@pytest.mark.parametrize("error", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_failure_while_writing_rollups_leaves_the_store_as_it_was(store: Store, monkeypatch: pytest.MonkeyPatch,
                                                                  error: BaseException) -> None:
    kept = store.save_dataset(kind="migration", name="kept", records=mixed_records(40))
    with store.engine.connect() as connection:
        before = [connection.execute(select(func.count()).select_from(table)).scalar_one()
                  for table in (datasets_table, records_table, rollups_table)]
    monkeypatch.setattr(store_module, "_CHUNK_ROWS", 50)
    original = store_module._BulkWriter.write
    written: list[str] = []

    def fail_on_second_rollup_chunk(writer: store_module._BulkWriter, rows: object) -> None:
        written.append(writer.table.name)
        if written.count("rollups") == 2:
            raise error
        original(writer, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module._BulkWriter, "write", fail_on_second_rollup_chunk)
    with pytest.raises(type(error)):
        store.save_dataset(kind="migration", name="broken", records=mixed_records(301))
    assert written.count("records") == 7 and written.count("rollups") == 2  # records all written, then stopped
    with store.engine.connect() as connection:
        after = [connection.execute(select(func.count()).select_from(table)).scalar_one()
                 for table in (datasets_table, records_table, rollups_table)]
    assert after == before
    active = store.active_dataset("migration")
    assert active is not None and active.id == kept


def test_awkward_text_is_stored_exactly(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """What COPY's CSV must quote or could take for NULL (commas, quotes, line breaks, a backslash,
    ``\\N``, an empty string) comes back as it was given, and a missing value as NULL."""
    awkward = ["Kuala Lumpur, Selangor", 'Kota "Baru"', "line\nbreak", "tab\there", "C:\\back\\slash",
               "\\N", "", " padded ", "Phnom Pénh — ភ្នំពេញ", None, "\\."]
    count = len(awkward)
    records = pd.DataFrame({
        "area_code": ["21.71.01.1001"] * count, "level": ["village"] * count, "period": ["2024"] * count,
        "destination_country": ["Cambodia"] * count, "destination_city": awkward,
        "transit": list(reversed(awkward)), "sex": [None] * count,
        "procedural": [True, False, None] * 3 + [True, False], "count": list(range(count)),
    })
    monkeypatch.setattr(store_module, "_CHUNK_ROWS", 4)  # several chunks in one COPY
    dataset_id = store.save_dataset(kind="migration", name="awkward", records=records)
    got = stored(store, records_table, RECORD_COLUMNS, dataset_id)
    assert got["destination_city"].tolist() == awkward
    assert got["transit"].tolist() == list(reversed(awkward))
    assert got.to_dict("records") == expected_records(records).to_dict("records")
    cities = stored(store, rollups_table, ROLLUP_COLUMNS, dataset_id)["destination_city"]
    assert set(cities) >= set(awkward)  # split values of the roll-ups too


def test_values_of_mixed_types_are_stored_as_text(store: Store) -> None:
    """A text column given numbers among strings (a spreadsheet's city column, say) is stored as text."""
    records = pd.DataFrame({"area_code": ["21.71.01.1001"] * 3, "level": ["village"] * 3, "period": ["2024"] * 3,
                            "destination_city": ["Batam", 2024, None], "count": [1, 2, 3]})
    dataset_id = store.save_dataset(kind="migration", name="mixed types", records=records)
    assert stored(store, records_table, RECORD_COLUMNS, dataset_id)["destination_city"].tolist() == ["Batam", "2024", None]
