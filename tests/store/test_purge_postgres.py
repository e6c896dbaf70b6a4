"""A purge on PostgreSQL vacuums the tables it emptied, so the deleted rows do not linger in their pages.

SQLite's purge (the whole file vacuumed, its bytes grepped) is tested with every store in
test_restricted_purge_audit.py. On PostgreSQL, VACUUM cannot run inside a transaction: the
store runs ``VACUUM (ANALYZE)`` on an autocommit connection. pgstattuple (contrib, shipped with
the server) counts the dead rows still in a table's pages: the rows a purge deleted, until a
VACUUM removes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import text

from geo.data.store import Store, datasets_table, records_table
from tests.store.conftest import postgres_url, reset_postgres

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path))
    url = postgres_url()
    monkeypatch.setenv("RISKMAP_DB_URL", url)
    store = Store(url)
    reset_postgres(store)
    with store.engine.begin() as connection:
        connection.execute(text("CREATE EXTENSION IF NOT EXISTS pgstattuple"))
        for table in (records_table, datasets_table):  # only the purge may vacuum them during a test
            connection.execute(text(f"ALTER TABLE {table.name} SET (autovacuum_enabled = false)"))
    yield store
    reset_postgres(store)


def dead_rows(store: Store, table: str) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(text("SELECT dead_tuple_count FROM pgstattuple(:table)"),
                                      {"table": table}).scalar_one())


def vacuum_counts(store: Store, table: str) -> tuple[int, int]:
    """(vacuum_count, analyze_count) of a table, read on a fresh connection (no cached statistics)."""
    with store.engine.connect() as connection:
        row = connection.execute(text("SELECT vacuum_count, analyze_count FROM pg_stat_user_tables "
                                      "WHERE relname = :table"), {"table": table}).one()
    return int(row.vacuum_count), int(row.analyze_count)


def records(count: int) -> pd.DataFrame:
    return pd.DataFrame({"area_code": ["21.71"] * count, "level": ["regency"] * count,
                         "period": ["2024"] * count, "count": list(range(1, count + 1))})


def test_purge_vacuums_the_emptied_tables(pg_store: Store) -> None:
    keep = pg_store.save_dataset(kind="migration", name="keep", records=records(30))
    doomed = pg_store.save_dataset(kind="migration", name="doomed", records=records(500))
    before = {table.name: vacuum_counts(pg_store, table.name) for table in (records_table, datasets_table)}

    pg_store.purge(doomed, actor="admin")

    for table in (records_table, datasets_table):
        assert dead_rows(pg_store, table.name) == 0, table.name
        vacuums, analyses = vacuum_counts(pg_store, table.name)
        assert vacuums == before[table.name][0] + 1 and analyses > before[table.name][1], table.name
    assert pg_store.load_records(keep)["count"].sum() == sum(range(1, 31))
    assert [dataset.id for dataset in pg_store.list_datasets()] == [keep]


def test_without_the_vacuum_the_purged_rows_stay_dead_in_the_pages(pg_store: Store,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """What the VACUUM is for: the same purge with it switched off leaves the rows in the table's pages."""
    pg_store.save_dataset(kind="migration", name="keep", records=records(30))
    doomed = pg_store.save_dataset(kind="migration", name="doomed", records=records(500))
    monkeypatch.setattr(Store, "_vacuum", lambda self, *tables: None)
    pg_store.purge(doomed, actor="admin")
    assert dead_rows(pg_store, records_table.name) >= 500
