"""Alembic migrations: a fresh store, an old store adopted, the schema equal to the code's tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    inspect,
    select,
    text,
)

from geo.data import migrations
from geo.data import store as store_module
from geo.data.store import Store, metadata
from geo.data.views import saved_views_table  # noqa: F401  (its tables join the store's metadata)


def old_metadata() -> MetaData:
    """The tables exactly as the store created them with metadata.create_all before migrations."""
    old = MetaData()
    Table("datasets", old,
          Column("id", Integer, primary_key=True, autoincrement=True),
          Column("kind", String(20), nullable=False), Column("name", String(200), nullable=False),
          Column("version", Integer, nullable=False), Column("note", Text), Column("file_name", String(500)),
          Column("sha256", String(64)), Column("created_at", DateTime(timezone=True), nullable=False),
          Column("uploader", String(200)), Column("rows_read", Integer, nullable=False, default=0),
          Column("rows_accepted", Integer, nullable=False, default=0),
          Column("rows_rejected", Integer, nullable=False, default=0),
          Column("record_count", Integer, nullable=False, default=0),
          Column("total", BigInteger, nullable=False, default=0), Column("mapping", Text), Column("report", Text),
          Column("is_sample", Boolean, nullable=False, default=False), Column("sources", Text),
          Column("is_active", Boolean, nullable=False, default=False),
          Column("deleted_at", DateTime(timezone=True)))
    Table("records", old,
          Column("id", Integer, primary_key=True, autoincrement=True),
          Column("dataset_id", Integer, ForeignKey("datasets.id"), nullable=False),
          Column("area_code", String(13), nullable=False), Column("level", String(10), nullable=False),
          Column("period", String(10)), Column("destination_country", String(120)),
          Column("destination_city", String(120)), Column("transit", String(120)), Column("sex", String(6)),
          Column("procedural", Boolean), Column("count", BigInteger, nullable=False),
          Index("ix_records_dataset", "dataset_id"))
    Table("markers", old, Column("name", String(50), primary_key=True),
          Column("created_at", DateTime(timezone=True), nullable=False))
    return old


def schema_differences(store: Store) -> list:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, metadata)


def test_a_fresh_store_is_migrated_to_head(fresh_url: str) -> None:
    store = Store(fresh_url)
    with store.engine.connect() as connection:
        assert migrations.current_revision(connection) == migrations.head_revision() >= "0003"
        tables = set(inspect(connection).get_table_names())
    assert {"datasets", "records", "markers", "users", "sessions", "sign_in_failures", "audit",
            "rollups", "alembic_version"} <= tables
    assert schema_differences(store) == []  # the migrations build exactly the tables the code uses
    assert migrations.upgrade(store.engine) == "current"  # a second run changes nothing


def test_an_old_store_is_adopted_and_keeps_its_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = create_engine(url)
    old = old_metadata()
    old.create_all(engine)
    with engine.begin() as connection:
        for dataset_id, kind in ((1, "migration"), (2, "cases")):
            connection.execute(old.tables["datasets"].insert().values(
                id=dataset_id, kind=kind, name="old", version=1, created_at=pd.Timestamp("2025-01-01", tz="UTC"),
                rows_read=1, rows_accepted=1, rows_rejected=0, record_count=1, total=7, is_sample=False,
                is_active=True))
            connection.execute(old.tables["records"].insert().values(
                dataset_id=dataset_id, area_code="21.71", level="regency", count=7))
    engine.dispose()

    with store_module._engine(url).connect() as connection:
        assert migrations.current_revision(connection) is None
    assert migrations.upgrade(store_module._engine(url)) == "adopted"
    store = Store(url)
    with store.engine.connect() as connection:
        assert migrations.current_revision(connection) == migrations.head_revision()
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    migration, cases = store.get_dataset(1), store.get_dataset(2)
    assert (migration.restricted, migration.disclosure_threshold) == (False, 5)
    assert (cases.restricted, cases.disclosure_threshold) == (False, 10)
    assert store.load_records(1)["count"].tolist() == [7]
    assert schema_differences(store) == []
    # the old store works as a new one: the next upload of "old" is version 2, audited
    new_id = store.save_dataset(kind="migration", name="old", records=pd.DataFrame(
        {"area_code": ["21.71"], "level": ["regency"], "count": [1]}), actor="tester")
    assert store.get_dataset(new_id).version == 2


def test_upgrade_from_the_first_revision_fills_thresholds_by_kind(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r1.sqlite'}"
    engine = store_module._engine(url)
    with engine.connect() as connection:
        from alembic import command

        config = migrations._config(connection)
        command.upgrade(config, migrations.FIRST_REVISION)
        connection.commit()
        connection.execute(text("INSERT INTO datasets (kind, name, version, created_at, rows_read, rows_accepted, "
                                "rows_rejected, record_count, total, is_sample, is_active) VALUES "
                                "('cases', 'c', 1, '2025-01-01 00:00:00', 0, 0, 0, 0, 0, 0, 1)"))
        connection.commit()
    assert migrations.upgrade(engine) == "upgraded"
    with engine.connect() as connection:
        row = connection.execute(select(store_module.datasets_table)).one()
    assert (row.restricted, row.disclosure_threshold) == (False, 10)


def test_the_migration_lock_file_sits_beside_the_database(tmp_path: Path) -> None:
    Store(f"sqlite:///{tmp_path / 'x.sqlite'}")
    assert (tmp_path / "x.sqlite.migrate.lock").exists()


def test_a_removed_sqlite_file_is_created_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'gone.sqlite'}"
    Store(url).save_dataset(kind="cases", name="x", records=pd.DataFrame({"area_code": ["21.71"],
                                                                          "level": ["regency"], "count": [1]}))
    store_module._engine(url).dispose()
    for path in tmp_path.glob("gone.sqlite*"):
        path.unlink()
    assert Store(url).list_datasets() == []  # migrated again, not "no such table"


def test_revision_0005_drops_the_row_foreign_keys_and_keeps_the_rows(fresh_url: str) -> None:
    # A store at 0004 (records and roll-ups keyed to datasets) with one published version.
    from alembic import command

    engine = store_module._engine(fresh_url)
    with engine.connect() as connection:
        command.upgrade(migrations._config(connection), "0004")
        connection.commit()
        assert {key["referred_table"] for table in ("records", "rollups")
                for key in inspect(connection).get_foreign_keys(table)} == {"datasets"}
        connection.execute(text(
            "INSERT INTO datasets (kind, name, version, created_at, rows_read, rows_accepted, rows_rejected, "
            "record_count, total, is_sample, is_active, restricted, disclosure_threshold) VALUES "
            "('cases', 'c', 1, '2025-01-01 00:00:00', 1, 1, 0, 1, 7, false, true, false, 10)"))
        dataset_id = connection.execute(text("SELECT id FROM datasets")).scalar_one()
        connection.execute(text("INSERT INTO records (dataset_id, area_code, level, period, count) "
                                f"VALUES ({dataset_id}, '21.71', 'regency', '2024', 7)"))
        connection.execute(text("INSERT INTO rollups (dataset_id, level, code, period, count, records) "
                                f"VALUES ({dataset_id}, 'regency', '21.71', '2024', 7, 1)"))
        connection.commit()
    assert migrations.upgrade(engine) == "upgraded"
    engine.dispose()
    store = Store(fresh_url)
    with store.engine.connect() as connection:
        assert [key for table in ("records", "rollups") for key in inspect(connection).get_foreign_keys(table)] == []
        assert connection.execute(text("SELECT count(*) FROM rollups")).scalar_one() == 1
    assert store.load_records(dataset_id)["count"].tolist() == [7]
    assert schema_differences(store) == []
    # Purging still removes the version's rows with it (the store deletes them, not a key).
    store.purge(dataset_id)
    with store.engine.connect() as connection:
        assert [connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                for table in ("records", "rollups")] == [0, 0]
