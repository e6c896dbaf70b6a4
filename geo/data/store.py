"""Dataset store: immutable dataset versions with provenance (SQLAlchemy 2).

SQLite under ``RISKMAP_HOME`` by default; PostgreSQL (or any SQLAlchemy URL) through
``RISKMAP_DB_URL``, e.g. ``postgresql+psycopg://user@host:5432/riskmap``.

Every upload is a new dataset version: one row in ``datasets`` (provenance: file
name, sha256, time, uploader, row counts, the mapping used, the report) and its
records in the long table ``records`` (area_code, level, period, destination_country,
destination_city, transit, sex, procedural, count). Both are written in one
transaction: an upload that fails or is interrupted half-way leaves the store
exactly as it was. Records are never updated; a version can only be made active or
soft-deleted.

Examples
--------
>>> import tempfile, pandas as pd
>>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/doctest.sqlite")
>>> records = pd.DataFrame({"area_code": ["21.71"], "level": ["regency"], "count": [12]})
>>> dataset_id = store.save_dataset(kind="migration", name="demo", records=records, file_name="demo.csv")
>>> store.get_dataset(dataset_id).version, int(store.load_records(dataset_id)["count"].sum())
(1, 12)
>>> store.active_dataset("migration").id == dataset_id
True
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pandas as pd
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from geo.config import database_url
from geo.errors import RiskmapError

KINDS: tuple[str, ...] = ("migration", "cases")
"""Dataset kinds: migrant-worker counts per area and period; trafficking case origins."""

RECORD_COLUMNS: tuple[str, ...] = (
    "area_code", "level", "period", "destination_country", "destination_city", "transit", "sex", "procedural", "count",
)
"""Columns of :func:`load_records` frames, in order."""

_CHUNK_ROWS = 20_000

metadata = MetaData()

datasets_table = Table(
    "datasets",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("name", String(200), nullable=False),
    Column("version", Integer, nullable=False),
    Column("note", Text),
    Column("file_name", String(500)),
    Column("sha256", String(64)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("uploader", String(200)),
    Column("rows_read", Integer, nullable=False, default=0),
    Column("rows_accepted", Integer, nullable=False, default=0),
    Column("rows_rejected", Integer, nullable=False, default=0),
    Column("record_count", Integer, nullable=False, default=0),
    Column("total", BigInteger, nullable=False, default=0),
    Column("mapping", Text),  # JSON: column -> field, number format, sheet, encoding …
    Column("report", Text),  # JSON: rejected rows, matched_by, dropped columns
    Column("is_sample", Boolean, nullable=False, default=False),
    Column("sources", Text),  # citations of published figures a sample is anchored to
    Column("is_active", Boolean, nullable=False, default=False),
    Column("deleted_at", DateTime(timezone=True)),
)

records_table = Table(
    "records",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset_id", Integer, ForeignKey("datasets.id"), nullable=False),
    Column("area_code", String(13), nullable=False),
    Column("level", String(10), nullable=False),
    Column("period", String(10)),
    Column("destination_country", String(120)),
    Column("destination_city", String(120)),
    Column("transit", String(120)),
    Column("sex", String(6)),
    Column("procedural", Boolean),
    Column("count", BigInteger, nullable=False),
    Index("ix_records_dataset", "dataset_id"),
)

# One row per completed one-off task (seeding the sample data): the primary key
# makes concurrent first starts create the samples once.
markers_table = Table(
    "markers",
    metadata,
    Column("name", String(50), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


class StoreError(RiskmapError):
    """A dataset that does not exist, or a store operation that is not allowed."""


@dataclass(frozen=True)
class DatasetInfo:
    """One dataset version (everything but its records)."""

    id: int
    kind: str
    name: str
    version: int
    note: str | None
    file_name: str | None
    sha256: str | None
    created_at: dt.datetime
    uploader: str | None
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    record_count: int
    total: int
    mapping: dict[str, Any] = field(default_factory=dict)
    report: dict[str, Any] = field(default_factory=dict)
    is_sample: bool = False
    sources: str | None = None
    is_active: bool = False
    deleted_at: dt.datetime | None = None

    @property
    def label(self) -> str:
        """Short label for menus: ``"name v2 (sample)"``."""
        sample = " (sample)" if self.is_sample else ""
        return f"{self.name} v{self.version}{sample}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary."""
        result = {key: getattr(self, key) for key in self.__dataclass_fields__}
        result["created_at"] = self.created_at.isoformat()
        result["deleted_at"] = self.deleted_at.isoformat() if self.deleted_at else None
        return result


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _info(row: Any) -> DatasetInfo:
    data = row._mapping
    return DatasetInfo(
        id=int(data["id"]), kind=data["kind"], name=data["name"], version=int(data["version"]), note=data["note"],
        file_name=data["file_name"], sha256=data["sha256"],
        created_at=_utc(data["created_at"]),  # type: ignore[arg-type]
        uploader=data["uploader"], rows_read=int(data["rows_read"]), rows_accepted=int(data["rows_accepted"]),
        rows_rejected=int(data["rows_rejected"]), record_count=int(data["record_count"]), total=int(data["total"]),
        mapping=json.loads(data["mapping"] or "{}"), report=json.loads(data["report"] or "{}"),
        is_sample=bool(data["is_sample"]), sources=data["sources"], is_active=bool(data["is_active"]),
        deleted_at=_utc(data["deleted_at"]),
    )


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise StoreError(f"Unknown dataset kind {kind!r}; use one of: {', '.join(KINDS)}.")


def _none_if_missing(value: Any) -> Any:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _record_rows(dataset_id: int, records: pd.DataFrame) -> Iterator[list[tuple[Any, ...]]]:
    """Records as insert parameters (dataset_id first, then RECORD_COLUMNS), in chunks."""
    frame = records.reindex(columns=list(RECORD_COLUMNS))
    counts = pd.to_numeric(frame["count"], errors="raise")
    if counts.isna().any() or (counts < 0).any():
        raise StoreError("Records must have a non-negative count in every row.")
    columns: list[list[Any]] = []
    for name in RECORD_COLUMNS[:-2]:
        values = frame[name].astype(object)
        columns.append(values.where(values.notna(), None).tolist())
    columns.append([None if pd.isna(value) else bool(value) for value in frame["procedural"].astype(object)])
    columns.append(counts.astype("int64").tolist())
    rows = list(zip([dataset_id] * len(frame), *columns, strict=True))
    for start in range(0, len(rows), _CHUNK_ROWS):
        yield rows[start : start + _CHUNK_ROWS]


class Store:
    """Access to one database. Use :func:`default_store` for the configured one."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or database_url()
        self.engine: Engine = _engine(self.url)

    # -- reading ----------------------------------------------------------------
    def list_datasets(self, kind: str | None = None, *, include_deleted: bool = False) -> list[DatasetInfo]:
        """Dataset versions, newest first (optionally of one kind; deleted ones only on request)."""
        query = select(datasets_table).order_by(datasets_table.c.created_at.desc(), datasets_table.c.id.desc())
        if kind is not None:
            _check_kind(kind)
            query = query.where(datasets_table.c.kind == kind)
        if not include_deleted:
            query = query.where(datasets_table.c.deleted_at.is_(None))
        with self.engine.connect() as connection:
            return [_info(row) for row in connection.execute(query)]

    def get_dataset(self, dataset_id: int) -> DatasetInfo:
        """One dataset version (also a deleted one); :class:`StoreError` if unknown."""
        with self.engine.connect() as connection:
            row = connection.execute(select(datasets_table).where(datasets_table.c.id == int(dataset_id))).first()
        if row is None:
            raise StoreError(f"There is no dataset with id {dataset_id}; run `riskmap datasets` to list them.")
        return _info(row)

    def active_dataset(self, kind: str) -> DatasetInfo | None:
        """The version chosen as active for ``kind``; else the newest one; ``None`` when there is none."""
        _check_kind(kind)
        candidates = self.list_datasets(kind)
        for dataset in candidates:
            if dataset.is_active:
                return dataset
        return candidates[0] if candidates else None

    def load_records(self, dataset_id: int) -> pd.DataFrame:
        """Records of a version as a DataFrame with the columns :data:`RECORD_COLUMNS`.

        ``count`` is int64, ``procedural`` a nullable boolean, the others text (missing: ``None``).
        """
        columns = [records_table.c[name] for name in RECORD_COLUMNS]
        query = select(*columns).where(records_table.c.dataset_id == int(dataset_id)).order_by(records_table.c.id)
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        if not rows:
            self.get_dataset(dataset_id)  # raises when the dataset does not exist
        frame = pd.DataFrame(rows, columns=list(RECORD_COLUMNS))
        for name in RECORD_COLUMNS[:-2]:
            frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
        frame["procedural"] = frame["procedural"].astype("boolean")
        frame["count"] = frame["count"].astype("int64")
        return frame

    def is_empty(self) -> bool:
        """Whether the store has never held a dataset (deleted ones count)."""
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(datasets_table)).scalar_one() == 0

    # -- writing ----------------------------------------------------------------
    def save_dataset(
        self,
        *,
        kind: str,
        name: str,
        records: pd.DataFrame,
        file_name: str | None = None,
        sha256: str | None = None,
        uploader: str | None = None,
        note: str | None = None,
        rows_read: int | None = None,
        rows_accepted: int | None = None,
        rows_rejected: int = 0,
        mapping: dict[str, Any] | None = None,
        report: dict[str, Any] | None = None,
        is_sample: bool = False,
        sources: str | None = None,
        activate: bool = True,
    ) -> int:
        """Store a new immutable version of dataset ``name`` in one transaction; return its id.

        The version number is one more than the highest version of the same kind and name.
        With ``activate`` the new version becomes the active one of its kind.
        """
        _check_kind(kind)
        name = (name or "").strip()
        if not name:
            raise StoreError("A dataset needs a name.")
        total = int(pd.to_numeric(records["count"]).sum()) if len(records) else 0
        with self.engine.begin() as connection:
            version = connection.execute(
                select(func.coalesce(func.max(datasets_table.c.version), 0)).where(
                    datasets_table.c.kind == kind, datasets_table.c.name == name
                )
            ).scalar_one() + 1
            if activate:
                connection.execute(update(datasets_table).where(datasets_table.c.kind == kind).values(is_active=False))
            dataset_id = connection.execute(
                insert(datasets_table).values(
                    kind=kind, name=name, version=version, note=note, file_name=file_name, sha256=sha256,
                    created_at=dt.datetime.now(dt.UTC), uploader=uploader,
                    rows_read=len(records) if rows_read is None else rows_read,
                    rows_accepted=len(records) if rows_accepted is None else rows_accepted,
                    rows_rejected=rows_rejected, record_count=len(records), total=total,
                    mapping=json.dumps(mapping or {}, ensure_ascii=False, default=str),
                    report=json.dumps(report or {}, ensure_ascii=False, default=str),
                    is_sample=is_sample, sources=sources, is_active=activate,
                )
            ).inserted_primary_key[0]
            for chunk in _record_rows(int(dataset_id), records):
                self._insert_records(connection, chunk)
        return int(dataset_id)

    @staticmethod
    def _insert_records(connection: Any, rows: list[tuple[Any, ...]]) -> None:
        # One driver-level executemany per chunk (SQLAlchemy's per-row dict handling costs
        # seconds for 200,000 rows); a separate method so tests can interrupt a write half-way.
        dialect = connection.dialect
        quote = dialect.identifier_preparer.quote
        marker = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(dialect.paramstyle)
        if marker is None:  # other drivers: let SQLAlchemy bind
            names = ["dataset_id", *RECORD_COLUMNS]
            connection.execute(insert(records_table), [dict(zip(names, row, strict=True)) for row in rows])
            return
        names = ", ".join(quote(name) for name in ("dataset_id", *RECORD_COLUMNS))
        markers = ", ".join([marker] * (len(RECORD_COLUMNS) + 1))
        connection.exec_driver_sql(f"INSERT INTO {quote(records_table.name)} ({names}) VALUES ({markers})", rows)

    def activate(self, dataset_id: int) -> DatasetInfo:
        """Make a version the active one of its kind."""
        dataset = self.get_dataset(dataset_id)
        if dataset.deleted_at is not None:
            raise StoreError(f"Dataset {dataset_id} ({dataset.label}) is deleted; it cannot be made active.")
        with self.engine.begin() as connection:
            connection.execute(
                update(datasets_table).where(datasets_table.c.kind == dataset.kind).values(is_active=False)
            )
            connection.execute(update(datasets_table).where(datasets_table.c.id == dataset.id).values(is_active=True))
        return self.get_dataset(dataset_id)

    def delete_dataset(self, dataset_id: int) -> DatasetInfo:
        """Soft-delete a version: hidden from lists, records kept (ask the user to confirm first)."""
        dataset = self.get_dataset(dataset_id)
        with self.engine.begin() as connection:
            connection.execute(
                update(datasets_table)
                .where(datasets_table.c.id == dataset.id)
                .values(deleted_at=dt.datetime.now(dt.UTC), is_active=False)
            )
        return self.get_dataset(dataset_id)

    def mark_once(self, marker: str) -> bool:
        """Record that a one-off task ran; ``False`` if it already had (atomic across processes)."""
        try:
            with self.engine.begin() as connection:
                connection.execute(insert(markers_table).values(name=marker, created_at=dt.datetime.now(dt.UTC)))
        except IntegrityError:
            return False
        return True

    def ensure_default_data(self) -> list[int]:
        """Create the sample datasets when the store has never held a dataset; return their ids.

        Safe when several processes start at once: a marker row lets only one of them write.
        """
        if not self.is_empty():
            return []
        from geo.data.sample import sample_datasets

        datasets = sample_datasets()  # before the marker: a failure here leaves nothing behind
        if not self.mark_once("sample-data"):
            return []
        try:
            return [self.save_dataset(**dataset) for dataset in datasets]
        except BaseException:
            with self.engine.begin() as connection:  # let a later start try again
                connection.execute(delete(markers_table).where(markers_table.c.name == "sample-data"))
            raise


@cache
def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the one writer
            cursor.close()
    else:
        engine = create_engine(url, pool_pre_ping=True)
    metadata.create_all(engine)
    return engine


def default_store() -> Store:
    """The store at ``RISKMAP_DB_URL`` (or the SQLite file in ``RISKMAP_HOME``)."""
    return Store(database_url())


def list_datasets(kind: str | None = None, *, include_deleted: bool = False) -> list[DatasetInfo]:
    """Dataset versions in the default store, newest first."""
    return default_store().list_datasets(kind, include_deleted=include_deleted)


def get_dataset(dataset_id: int) -> DatasetInfo:
    """One dataset version of the default store."""
    return default_store().get_dataset(dataset_id)


def active_dataset(kind: str) -> DatasetInfo | None:
    """The active version of ``kind`` in the default store; creates the sample data first when it is empty."""
    store = default_store()
    store.ensure_default_data()
    return store.active_dataset(kind)


def load_records(dataset_id: int) -> pd.DataFrame:
    """Records of a version of the default store (see :meth:`Store.load_records`)."""
    return default_store().load_records(dataset_id)


def ensure_default_data() -> list[int]:
    """Create the sample datasets in the default store when it is empty."""
    return default_store().ensure_default_data()
