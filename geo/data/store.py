"""Dataset store: immutable dataset versions with provenance (SQLAlchemy 2).

SQLite under ``RISKMAP_HOME`` by default; PostgreSQL (or any SQLAlchemy URL) through
``RISKMAP_DB_URL``, e.g. ``postgresql+psycopg://user@host:5432/riskmap``.

Every upload is a new dataset version: one row in ``datasets`` (provenance: file
name, sha256, time, uploader, row counts, the mapping used, the report) and its
records in the long table ``records`` (area_code, level, period, destination_country,
destination_city, transit, sex, procedural, count). Both are written in one
transaction: an upload that fails or is interrupted half-way leaves the store
exactly as it was. Records are never updated; a version can only be made active,
restricted (hidden from the public audience), soft-deleted or purged (its records
and report physically erased).

The schema is created and upgraded by the Alembic migrations in
:mod:`geo.data.migrations`, once per process and database, under a lock. Privileged
changes take an ``actor`` and are written to the ``audit`` table in the same
transaction (see :mod:`geo.data.audit`).

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
>>> _ = store.set_restricted(dataset_id, True, actor="doctest")
>>> store.active_dataset("migration", audience="public") is None
True
"""

from __future__ import annotations

import datetime as dt
import json
import random
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
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
    UniqueConstraint,
    and_,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from geo.config import database_url
from geo.data.codes import CODE_LENGTHS
from geo.data.kinds import DATASET_KINDS, DEFAULT_THRESHOLDS
from geo.data.rollups import ROLLUP_COLUMNS, SPLIT_COLUMNS, area_bounds, iter_rollups
from geo.errors import RiskmapError

RECORD_COLUMNS: tuple[str, ...] = (
    "area_code", "level", "period", "destination_country", "destination_city", "transit", "sex", "procedural", "count",
)
"""Columns of :func:`load_records` frames, in order."""

AUDIENCES: tuple[str, ...] = ("public", "analyst")
"""Who reads: ``"public"`` (viewers of a hosted link; restricted datasets hidden) or ``"analyst"`` (all)."""

_CHUNK_ROWS = 20_000
ObjectRows = npt.NDArray[np.object_]
"""Rows to insert: a 2-D object array (rows × columns) of plain Python values."""
# Bound values per SQLite statement: the lowest limit of any build (SQLITE_MAX_VARIABLE_NUMBER
# was 999 before 3.32), so a multi-row INSERT never fails with "too many SQL variables".
_SQLITE_PARAMETERS = 999
_SAVE_ATTEMPTS = 20  # concurrent uploads with one name: retries after a version clash

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
    Column("restricted", Boolean, nullable=False, default=False),
    Column("disclosure_threshold", Integer, nullable=False),
    UniqueConstraint("kind", "name", "version", name="uq_datasets_kind_name_version"),
)

# Records and roll-ups name their dataset without a foreign key (migration 0005): they are
# written only in the transaction that creates the dataset's row and deleted only with it, and
# PostgreSQL would check a key on each of the millions of rows a national version publishes.
records_table = Table(
    "records",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset_id", Integer, nullable=False),
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

AREA_CODE_TYPE = String(13).with_variant(String(13, collation="C"), "postgresql")
"""Area codes compare byte by byte (PostgreSQL's "C" collation; SQLite's default), so the
range ``code >= '21.71.' AND code < '21.71/'`` of :func:`geo.data.rollups.area_bounds` is one
index range on every database."""

# Counts summed per level, area, period (months and years) and split at publish time
# (geo.data.rollups): what every view reads instead of the records.
rollups_table = Table(
    "rollups",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset_id", Integer, nullable=False),  # no foreign key: see records_table
    Column("level", String(10), nullable=False),
    Column("code", AREA_CODE_TYPE, nullable=False),
    Column("period", String(7), nullable=False),
    Column("procedural", Boolean),
    Column("destination_country", String(120)),
    Column("destination_city", String(120)),
    Column("transit", String(120)),
    Column("sex", String(6)),
    Column("count", BigInteger, nullable=False),
    Column("records", Integer, nullable=False),
    # A view: one dataset, one level, a few periods, the codes of one area (a range).
    Index("ix_rollups_view", "dataset_id", "level", "period", "code"),
)

# One row per completed one-off task (seeding the sample data): the primary key
# makes concurrent first starts create the samples once.
markers_table = Table(
    "markers",
    metadata,
    Column("name", String(50), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

users_table = Table(
    "users",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(200), nullable=False),  # argon2id; never the password
    Column("created_at", DateTime(timezone=True), nullable=False),
)

sessions_table = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),  # sha256 of the token: a stolen table opens nothing
    Column("user_name", String(100), ForeignKey("users.name", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

# Failed sign-ins per name (existing or not), so the slow-down holds across processes.
sign_in_failures_table = Table(
    "sign_in_failures",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", DateTime(timezone=True), nullable=False),
)

audit_table = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(200)),
    Column("action", String(40), nullable=False),
    Column("target", String(300)),
    Column("detail", Text),
    Index("ix_audit_at", "at"),
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
    restricted: bool = False
    disclosure_threshold: int = 0  # 0: the default of the kind (DEFAULT_THRESHOLDS)

    def __post_init__(self) -> None:
        if self.disclosure_threshold <= 0:
            object.__setattr__(self, "disclosure_threshold", DEFAULT_THRESHOLDS.get(self.kind, 10))

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
        deleted_at=_utc(data["deleted_at"]), restricted=bool(data["restricted"]),
        disclosure_threshold=int(data["disclosure_threshold"]),
    )


def _check_kind(kind: str) -> None:
    if kind not in DATASET_KINDS:
        raise StoreError(f"Unknown dataset kind {kind!r}; use one of: {', '.join(DATASET_KINDS)}.")


def _check_audience(audience: str) -> None:
    if audience not in AUDIENCES:
        raise StoreError(f"Unknown audience {audience!r}; use one of: {', '.join(AUDIENCES)}.")


def _check_threshold(threshold: int) -> int:
    try:
        value = int(threshold)
    except (TypeError, ValueError):
        value = 0
    if value < 1 or value != threshold:
        raise StoreError(f"A disclosure threshold must be a whole number of at least 1, not {threshold!r}.")
    return value


def _audit(connection: Connection, actor: str | None, action: str, target: str | None = None,
           detail: str | None = None) -> None:
    """One audit row, in the caller's transaction (the action and its trace commit together)."""
    connection.execute(insert(audit_table).values(
        at=dt.datetime.now(dt.UTC), actor=actor, action=action, target=target, detail=detail))


def _target(dataset: DatasetInfo) -> str:
    return f"dataset {dataset.id} ({dataset.kind} {dataset.label})"


def _none_if_missing(value: Any) -> Any:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _python_values(values: Any, convert: type | None = None) -> ObjectRows:
    """A column as a new object array of plain Python values, missing ones ``None``.

    Never NaN (a driver may store it as the text "NaN"), never numpy scalars (sqlite3 cannot
    bind them); ``convert`` (e.g. ``bool``) applies to the present values.
    """
    array = np.array(values, dtype=object, copy=True)  # a copy: the caller's frame stays as it was
    missing = pd.isna(array)
    if convert is not None and not missing.all():
        array[~missing] = np.asarray(array[~missing]).astype(convert).astype(object)
    array[missing] = None
    return array


def _rows_of(columns: Sequence[Any]) -> ObjectRows:
    """Columns (sequences of equal length) as one 2-D object array of rows."""
    rows = np.empty((len(columns[0]), len(columns)), dtype=object)
    for position, column in enumerate(columns):
        rows[:, position] = column
    return rows


def _record_rows(dataset_id: int, records: pd.DataFrame) -> Iterator[ObjectRows]:
    """Records as insert parameters (dataset_id first, then RECORD_COLUMNS), in chunks of rows."""
    counts = pd.to_numeric(records["count"], errors="raise")
    if counts.isna().any() or (counts < 0).any():
        raise StoreError("Records must have a non-negative count in every row.")
    # Rows are made one chunk at a time, from the caller's columns (no copy of the whole
    # frame): 3 million records as Python rows at once would take 1 GB.
    for start in range(0, len(records), _CHUNK_ROWS):
        part = records.iloc[start : start + _CHUNK_ROWS]
        absent = np.full(len(part), None, dtype=object)
        yield _rows_of([
            np.full(len(part), dataset_id, dtype=object),
            *(_python_values(part[name]) if name in part else absent for name in RECORD_COLUMNS[:-2]),
            _python_values(part["procedural"], bool) if "procedural" in part else absent,
            counts.iloc[start : start + _CHUNK_ROWS].to_numpy(dtype="int64").astype(object),
        ])


def _rollup_rows(dataset_id: int, records: pd.DataFrame) -> Iterator[ObjectRows]:
    """Roll-up rows of the records as insert parameters (dataset_id first, then ROLLUP_COLUMNS), in chunks.

    Computed chunk by chunk too (:func:`~geo.data.rollups.iter_rollups`): the 4 million roll-up
    rows of a national monthly dataset never exist at once, as a frame or as Python rows.
    """
    for part in iter_rollups(records, _CHUNK_ROWS):
        # Split values are None or str (procedural None or bool), never NaN (see _python_values).
        yield _rows_of([np.full(len(part), dataset_id, dtype=object),
                        *(part[name].to_numpy(dtype=object) for name in ROLLUP_COLUMNS)])


def _procedural_filter(procedural: bool | str | None) -> Any:
    """WHERE clause on roll-ups' ``procedural``: True/False, ``"known"`` (either), None (no filter)."""
    column = rollups_table.c.procedural
    if procedural is None:
        return None
    if procedural == "known":
        return column.is_not(None)
    if isinstance(procedural, bool):
        return column.is_(procedural)
    raise StoreError(f"Unknown procedural filter {procedural!r}; use True, False, 'known' or None.")


def _fetch_frame(connection: Connection, query: Any, columns: Sequence[str]) -> pd.DataFrame:
    """A query's rows as a frame of ``columns`` (object columns; the caller sets dtypes)."""
    result = connection.execute(query)
    try:  # the driver's plain tuples: SQLAlchemy's row objects cost more than the fetch (91,000 areas: 1 s)
        rows = result.cursor.fetchall() if result.cursor is not None else []
    finally:
        result.close()
    data = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    return pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in zip(columns, data, strict=True)},
                        columns=list(columns))


class Store:
    """Access to one database. Use :func:`default_store` for the configured one.

    Opening a store brings its schema to the newest migration (once per process and URL).
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = url or database_url()
        self.engine: Engine = _engine(self.url)
        _migrate_once(self.url, self.engine)

    # -- reading ----------------------------------------------------------------
    def list_datasets(
        self, kind: str | None = None, *, include_deleted: bool = False, audience: str = "analyst"
    ) -> list[DatasetInfo]:
        """Dataset versions, newest first.

        Parameters
        ----------
        kind
            Only this kind (default: all).
        include_deleted
            Also soft-deleted versions.
        audience
            ``"public"`` hides restricted datasets; ``"analyst"`` shows all.

        Returns
        -------
        list of DatasetInfo
            Newest first.
        """
        _check_audience(audience)
        query = select(datasets_table).order_by(datasets_table.c.created_at.desc(), datasets_table.c.id.desc())
        if kind is not None:
            _check_kind(kind)
            query = query.where(datasets_table.c.kind == kind)
        if not include_deleted:
            query = query.where(datasets_table.c.deleted_at.is_(None))
        if audience == "public":
            query = query.where(datasets_table.c.restricted.is_(False))
        with self.engine.connect() as connection:
            return [_info(row) for row in connection.execute(query)]

    def get_dataset(self, dataset_id: int, *, audience: str = "analyst") -> DatasetInfo:
        """One dataset version (also a deleted one); :class:`StoreError` if unknown or not for ``audience``."""
        _check_audience(audience)
        with self.engine.connect() as connection:
            row = connection.execute(select(datasets_table).where(datasets_table.c.id == int(dataset_id))).first()
        if row is None:
            raise StoreError(f"There is no dataset with id {dataset_id}; run `riskmap datasets` to list them.")
        dataset = _info(row)
        if audience == "public" and dataset.restricted:
            # the same words whether restricted or not: viewers learn nothing about it
            raise StoreError(f"Dataset {dataset_id} is not available.")
        return dataset

    def active_dataset(self, kind: str, *, audience: str = "analyst") -> DatasetInfo | None:
        """The version chosen as active for ``kind``; else the newest one; ``None`` when there is none.

        For the ``"public"`` audience a restricted active version gives ``None`` (not another version).
        """
        _check_kind(kind)
        _check_audience(audience)
        candidates = self.list_datasets(kind)
        chosen = next((dataset for dataset in candidates if dataset.is_active), candidates[0] if candidates else None)
        if chosen is not None and audience == "public" and chosen.restricted:
            return None
        return chosen

    def find_by_content(self, kind: str, sha256: str) -> DatasetInfo | None:
        """The newest non-deleted version of ``kind`` published from a file with this SHA-256, if any.

        The Data page asks before publishing the same file twice (identical versions help nobody).

        Parameters
        ----------
        kind : str
            Dataset kind (``"migration"`` or ``"cases"``).
        sha256 : str
            Hexadecimal SHA-256 of the file's bytes.

        Returns
        -------
        DatasetInfo or None
            The newest such version; ``None`` when this content was never published as ``kind``.
        """
        _check_kind(kind)
        query = (select(datasets_table)
                 .where(datasets_table.c.kind == kind, datasets_table.c.sha256 == sha256,
                        datasets_table.c.deleted_at.is_(None))
                 .order_by(datasets_table.c.created_at.desc(), datasets_table.c.id.desc()).limit(1))
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        return None if row is None else _info(row)

    def area_codes(self, dataset_id: int) -> set[str]:
        """The distinct area codes a version has records for (what it covers), without loading its records.

        Parameters
        ----------
        dataset_id : int
            The version.

        Returns
        -------
        set of str
            Area codes of any level; empty for an unknown version.
        """
        query = select(records_table.c.area_code).where(records_table.c.dataset_id == int(dataset_id)).distinct()
        with self.engine.connect() as connection:
            return {str(code) for code in connection.execute(query).scalars() if code is not None}

    def load_records(self, dataset_id: int) -> pd.DataFrame:
        """Records of a version as a DataFrame with the columns :data:`RECORD_COLUMNS`.

        ``count`` is int64, ``procedural`` a nullable boolean, the others text (missing: ``None``).
        """
        columns = [records_table.c[name] for name in RECORD_COLUMNS]
        query = select(*columns).where(records_table.c.dataset_id == int(dataset_id)).order_by(records_table.c.id)
        with self.engine.connect() as connection:
            # The driver's plain tuples: SQLAlchemy's row objects cost more than the fetch itself
            # (the sample alone has some 150,000 records). The only bound value is an int.
            sql = str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
            cursor = connection.connection.cursor()
            try:
                cursor.execute(sql)
                rows = cursor.fetchall()
            finally:
                cursor.close()
        if not rows:
            self.get_dataset(dataset_id)  # raises when the dataset does not exist
        # Column by column: pandas builds a frame from row objects 5-10 times slower.
        columns_data = list(zip(*rows, strict=True)) if rows else [() for _ in RECORD_COLUMNS]
        frame = pd.DataFrame(
            {name: pd.Series(values, dtype=object) for name, values in zip(RECORD_COLUMNS, columns_data, strict=True)},
            columns=list(RECORD_COLUMNS),
        )
        for name in RECORD_COLUMNS[:-2]:
            frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
        frame["procedural"] = frame["procedural"].astype("boolean")
        frame["count"] = frame["count"].astype("int64")
        return frame

    # -- roll-ups (what views read; geo.data.rollups) ------------------------------
    def rollup_rows(
        self,
        dataset_ids: Sequence[int],
        level: str,
        periods: Sequence[str],
        *,
        within: str | None = None,
        by: Sequence[str] = ("period", "procedural"),
    ) -> pd.DataFrame:
        """Roll-up rows of a view: one level, the areas inside ``within``, ``periods`` summed by SQL.

        One indexed query (``dataset_id, level, period, code``); nothing outside the view is read.

        Parameters
        ----------
        dataset_ids : sequence of int
            The versions.
        level : str
            ``province``, ``regency``, ``district`` or ``village``: the level of the rows.
        periods : sequence of str
            Roll-up periods to read, all months or all years (:func:`geo.data.rollups.periods_covering`).
        within : str, optional
            Only areas inside this code (``None``: the whole country).
        by : sequence of str
            Columns kept apart besides ``dataset_id`` and ``code``: ``period`` and any of
            :data:`geo.data.rollups.SPLIT_COLUMNS`; the rest is summed over.

        Returns
        -------
        pandas.DataFrame
            Columns ``dataset_id``, ``code``, ``by``…, ``count`` and ``records`` (int64).
        """
        unknown = [name for name in by if name != "period" and name not in SPLIT_COLUMNS]
        if unknown:
            raise StoreError(f"Roll-ups cannot be grouped by {', '.join(unknown)}.")
        table = rollups_table.c
        keys = [table.dataset_id, table.code, *[table[name] for name in by]]
        conditions = [table.dataset_id.in_([int(i) for i in dataset_ids]), table.level == level,
                      table.period.in_(list(periods))]
        bounds = area_bounds(within)
        if bounds is not None:
            conditions += [table.code >= bounds[0], table.code < bounds[1]]
        query = (select(*keys, func.sum(table.count), func.sum(table.records))
                 .where(and_(*conditions)).group_by(*keys).order_by(*keys))
        with self.engine.connect() as connection:
            frame = _fetch_frame(connection, query, ["dataset_id", "code", *by, "count", "records"])
        if "procedural" in frame:  # SQLite's driver gives 0/1
            frame["procedural"] = pd.Series([None if value is None else bool(value) for value in frame["procedural"]],
                                            index=frame.index, dtype=object)
        return frame.astype({"dataset_id": "int64", "count": "int64", "records": "int64"})

    def rollup_periods(self, dataset_ids: Sequence[int], *, within: str | None = None) -> pd.DataFrame:
        """The roll-up periods (months and years) each version has, inside ``within`` or anywhere.

        Parameters
        ----------
        dataset_ids : sequence of int
            The versions.
        within : str, optional
            Only periods with records inside this area (``None``: anywhere).

        Returns
        -------
        pandas.DataFrame
            Columns ``dataset_id`` (int64) and ``period``, sorted.
        """
        from geo.data.rollups import level_of_length

        table = rollups_table.c
        level = "province" if within is None else level_of_length(within)
        conditions = [table.dataset_id.in_([int(i) for i in dataset_ids]), table.level == (level or "")]
        if within is not None:
            conditions.append(table.code == within)
        query = (select(table.dataset_id, table.period).where(and_(*conditions)).distinct()
                 .order_by(table.dataset_id, table.period))
        with self.engine.connect() as connection:
            frame = _fetch_frame(connection, query, ["dataset_id", "period"])
        return frame.astype({"dataset_id": "int64"})

    def rollup_tree(
        self, dataset_id: int, periods: Sequence[str], *, procedural: bool | str | None = None
    ) -> pd.Series:
        """Count of every area of every level with data in ``periods``: the hierarchy disclosure control protects.

        Parameters
        ----------
        dataset_id : int
            The version.
        periods : sequence of str
            Roll-up periods summed (all months or all years).
        procedural : bool or "known" or None
            Only departures with this ``procedural`` value (``"known"``: True or False).

        Returns
        -------
        pandas.Series
            Float counts indexed by code, codes sorted (areas without data are absent).
        """
        table = rollups_table.c
        # every level named, so the index (dataset_id, level, period, code) is sought, not scanned
        conditions = [table.dataset_id == int(dataset_id), table.level.in_(list(CODE_LENGTHS)),
                      table.period.in_(list(periods))]
        split = _procedural_filter(procedural)
        if split is not None:
            conditions.append(split)
        query = select(table.code, func.sum(table.count)).where(and_(*conditions)).group_by(table.code)
        with self.engine.connect() as connection:
            frame = _fetch_frame(connection, query, ["code", "count"])
        series = pd.Series(frame["count"].to_numpy(dtype="float64"), index=pd.Index(frame["code"], dtype=object))
        return series.sort_index()  # Python's order, not the database's collation

    def has_procedural(self, dataset_id: int) -> bool:
        """Whether a version says for some records whether the departure was procedural."""
        table = rollups_table.c
        query = (select(table.id).where(table.dataset_id == int(dataset_id), table.level == "province",
                                        table.procedural.is_not(None)).limit(1))
        with self.engine.connect() as connection:
            return connection.execute(query).first() is not None

    def rollup_count(self, dataset_id: int) -> int:
        """How many roll-up rows a version has (0: none, e.g. no record with a period)."""
        query = select(func.count()).select_from(rollups_table).where(rollups_table.c.dataset_id == int(dataset_id))
        with self.engine.connect() as connection:
            return int(connection.execute(query).scalar_one())

    def is_empty(self) -> bool:
        """Whether the store has never held a dataset (deleted ones count)."""
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(datasets_table)).scalar_one() == 0

    # -- writing ----------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction (SQLite: ``BEGIN IMMEDIATE``, so concurrent writers queue instead of failing).

        Yields
        ------
        Connection
            Committed when the block ends, rolled back on an exception.
        """
        with self.engine.connect() as connection:
            connection.execution_options(riskmap_write=True)
            with connection.begin():
                yield connection

    def save_dataset(
        self, *, kind: str, name: str, records: pd.DataFrame, actor: str | None = None, **options: Any
    ) -> int:
        """Store a new immutable version of dataset ``name`` in one transaction; return its id.

        The version number is one more than the highest version of the same kind and name;
        when a concurrent upload took that number first, the save is retried with the next.
        With ``activate`` the new version becomes the active one of its kind.

        Parameters
        ----------
        kind
            One of :data:`geo.data.kinds.DATASET_KINDS`.
        name
            Dataset name; a new version when it exists.
        records
            Frame with (some of) :data:`RECORD_COLUMNS`; ``count`` is required.
        actor
            Who uploads (written to the audit trail as ``upload``).
        **options
            Optionally ``file_name``, ``sha256``,
            ``uploader``, ``note``, ``rows_read``, ``rows_accepted``, ``rows_rejected``, ``mapping``,
            ``report``, ``is_sample``, ``sources``, ``activate`` (default ``True``), ``restricted``,
            ``disclosure_threshold`` (default: by kind).

        Returns
        -------
        int
            The id of the new version.
        """
        for attempt in range(_SAVE_ATTEMPTS):
            try:
                with self.writing() as connection:
                    return self._save_in(connection, kind=kind, name=name, records=records, actor=actor,
                                         **options)
            except IntegrityError as error:
                if "uq_datasets_kind_name_version" not in str(error) and "datasets.version" not in str(error):
                    raise
                time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))  # let the other upload finish
        raise StoreError(f"Could not give dataset {name!r} a version number: too many uploads "
                         "with this name at once. Try again.")

    def _save_in(
        self,
        connection: Connection,
        *,
        kind: str,
        name: str,
        records: pd.DataFrame,
        actor: str | None = None,
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
        restricted: bool = False,
        disclosure_threshold: int | None = None,
    ) -> int:
        _check_kind(kind)
        name = (name or "").strip()
        if not name:
            raise StoreError("A dataset needs a name.")
        threshold = DEFAULT_THRESHOLDS[kind] if disclosure_threshold is None else _check_threshold(disclosure_threshold)
        total = int(pd.to_numeric(records["count"]).sum()) if len(records) else 0
        version = connection.execute(
            select(func.coalesce(func.max(datasets_table.c.version), 0)).where(
                datasets_table.c.kind == kind, datasets_table.c.name == name
            )
        ).scalar_one() + 1
        if activate:
            connection.execute(update(datasets_table).where(datasets_table.c.kind == kind).values(is_active=False))
        inserted = connection.execute(
            insert(datasets_table).values(
                kind=kind, name=name, version=version, note=note, file_name=file_name, sha256=sha256,
                created_at=dt.datetime.now(dt.UTC), uploader=uploader,
                rows_read=len(records) if rows_read is None else rows_read,
                rows_accepted=len(records) if rows_accepted is None else rows_accepted,
                rows_rejected=rows_rejected, record_count=len(records), total=total,
                mapping=json.dumps(mapping or {}, ensure_ascii=False, default=str),
                report=json.dumps(report or {}, ensure_ascii=False, default=str),
                is_sample=is_sample, sources=sources, is_active=activate, restricted=bool(restricted),
                disclosure_threshold=threshold,
            )
        )
        dataset_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
        with _BulkWriter(connection, records_table, ("dataset_id", *RECORD_COLUMNS)) as writer:
            for chunk in _record_rows(dataset_id, records):
                self._insert_records(writer, chunk)
        write_rollups(connection, dataset_id, records)  # same transaction: a version never lacks them
        label = f"dataset {dataset_id} ({kind} {name} v{version})"
        _audit(connection, actor, "upload", label, f"{len(records)} records" + (", active" if activate else ""))
        return dataset_id

    @staticmethod
    def _insert_records(writer: _BulkWriter, rows: ObjectRows) -> None:
        # A separate method so tests can interrupt a write half-way.
        writer.write(rows)

    def activate(self, dataset_id: int, *, actor: str | None = None) -> DatasetInfo:
        """Make a version the active one of its kind (audited as ``activate``)."""
        dataset = self.get_dataset(dataset_id)
        if dataset.deleted_at is not None:
            raise StoreError(f"Dataset {dataset_id} ({dataset.label}) is deleted; it cannot be made active.")
        with self.writing() as connection:
            connection.execute(
                update(datasets_table).where(datasets_table.c.kind == dataset.kind).values(is_active=False)
            )
            connection.execute(update(datasets_table).where(datasets_table.c.id == dataset.id).values(is_active=True))
            _audit(connection, actor, "activate", _target(dataset))
        return self.get_dataset(dataset_id)

    def delete_dataset(self, dataset_id: int, *, actor: str | None = None) -> DatasetInfo:
        """Soft-delete a version: hidden from lists, records kept (ask the user to confirm first)."""
        dataset = self.get_dataset(dataset_id)
        with self.writing() as connection:
            connection.execute(
                update(datasets_table)
                .where(datasets_table.c.id == dataset.id)
                .values(deleted_at=dt.datetime.now(dt.UTC), is_active=False)
            )
            _audit(connection, actor, "delete", _target(dataset))
        return self.get_dataset(dataset_id)

    def set_restricted(self, dataset_id: int, restricted: bool, *, actor: str | None = None) -> DatasetInfo:
        """Restrict a version (invisible to the public audience) or make it public again.

        Parameters
        ----------
        dataset_id
            The version.
        restricted
            ``True`` to restrict, ``False`` to publicise.
        actor
            Who changes it (audited as ``restrict`` or ``publicise``).

        Returns
        -------
        DatasetInfo
            The version after the change.
        """
        dataset = self.get_dataset(dataset_id)
        with self.writing() as connection:
            connection.execute(
                update(datasets_table).where(datasets_table.c.id == dataset.id).values(restricted=bool(restricted))
            )
            _audit(connection, actor, "restrict" if restricted else "publicise", _target(dataset))
        return self.get_dataset(dataset_id)

    def set_threshold(self, dataset_id: int, threshold: int, *, actor: str | None = None) -> DatasetInfo:
        """Set the disclosure threshold of a version (counts below it are suppressed when shown).

        Parameters
        ----------
        dataset_id
            The version.
        threshold
            A whole number of at least 1.
        actor
            Who changes it (audited as ``threshold``).

        Returns
        -------
        DatasetInfo
            The version after the change.
        """
        value = _check_threshold(threshold)
        dataset = self.get_dataset(dataset_id)
        with self.writing() as connection:
            connection.execute(
                update(datasets_table).where(datasets_table.c.id == dataset.id).values(disclosure_threshold=value)
            )
            _audit(connection, actor, "threshold", _target(dataset), f"{dataset.disclosure_threshold} -> {value}")
        return self.get_dataset(dataset_id)

    def purge(self, dataset_id: int, *, actor: str | None = None) -> DatasetInfo:
        """Erase a version: its records and its row (report, mapping, provenance) are physically deleted.

        On SQLite the file is then vacuumed and the write-ahead log truncated, so the values
        are gone from the disk, not only hidden; on PostgreSQL the emptied tables are vacuumed
        (``VACUUM (ANALYZE)``), so the deleted rows leave their pages. Ask the user to confirm first.

        Parameters
        ----------
        dataset_id
            The version.
        actor
            Who purges (audited as ``purge``; the audit row keeps only id, kind, name and version).

        Returns
        -------
        DatasetInfo
            The version as it was before the purge.
        """
        dataset = self.get_dataset(dataset_id)
        with self.writing() as connection:
            connection.execute(delete(records_table).where(records_table.c.dataset_id == dataset.id))
            connection.execute(delete(rollups_table).where(rollups_table.c.dataset_id == dataset.id))
            connection.execute(delete(datasets_table).where(datasets_table.c.id == dataset.id))
            _audit(connection, actor, "purge", _target(dataset), f"{dataset.record_count} records erased")
        self._vacuum(records_table, rollups_table, datasets_table)
        return dataset

    def _vacuum(self, *tables: Table) -> None:
        """Reclaim the space of deleted rows after a purge (SQLite: the whole file; PostgreSQL: ``tables``)."""
        # VACUUM cannot run inside a transaction: on SQLite the driver connection is used
        # directly, on PostgreSQL an autocommit connection.
        if self.engine.dialect.name == "postgresql":
            names = ", ".join(self.engine.dialect.identifier_preparer.format_table(table) for table in tables)
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql(f"VACUUM (ANALYZE) {names}")
            return
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as connection:
            driver = connection.connection.driver_connection
            assert driver is not None
            driver.execute("VACUUM")
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def mark_once(self, marker: str) -> bool:
        """Record that a one-off task ran; ``False`` if it already had (atomic across processes)."""
        try:
            with self.writing() as connection:
                connection.execute(insert(markers_table).values(name=marker, created_at=dt.datetime.now(dt.UTC)))
        except IntegrityError:
            return False
        return True

    def ensure_default_data(self) -> list[int]:
        """Create the sample datasets when the store has never held a dataset; return their ids.

        Safe when many sessions or processes start at once: the marker row and the samples are
        written in one transaction, so the others wait for it and then find the samples there;
        a failure leaves neither behind and a later start tries again.
        """
        if not self.is_empty():
            return []
        from geo.data.sample import sample_datasets

        with _seeding_lock:  # sessions of this process wait here instead of generating the samples too
            if not self.is_empty():
                return []
            datasets = sample_datasets()
            try:
                with self.writing() as connection:
                    connection.execute(
                        insert(markers_table).values(name="sample-data", created_at=dt.datetime.now(dt.UTC))
                    )
                    return [self._save_in(connection, actor="riskmap", **dataset) for dataset in datasets]
            except IntegrityError:  # another process seeded first (its transaction has committed)
                return []


class _BulkWriter:
    """Rows into one table, chunk by chunk, inside the caller's transaction, the fastest way the database offers.

    PostgreSQL through psycopg 3: one ``COPY … FROM STDIN`` for all the chunks, fed CSV made by
    :func:`_csv_of` (many times faster than inserts), so that the server stores a chunk while
    the next one is computed; a ``COPY`` per chunk made each chunk wait for the server (17 of a
    national ingest's 60 s). Other databases: :func:`_insert_rows` per chunk.

    Use as a context manager; leaving it with an error abandons the ``COPY`` (the caller's
    transaction then rolls back).
    """

    def __init__(self, connection: Connection, table: Table, keys: Sequence[str]) -> None:
        self.connection, self.table, self.keys = connection, table, tuple(keys)
        self._exits = ExitStack()
        self._copy: Any = None

    def __enter__(self) -> _BulkWriter:
        dialect = self.connection.dialect
        if dialect.name == "postgresql" and dialect.driver == "psycopg":
            quote = dialect.identifier_preparer.quote
            names = ", ".join(quote(name) for name in self.keys)
            driver = self.connection.connection.dbapi_connection  # the transaction's own connection
            cursor = self._exits.enter_context(driver.cursor())  # type: ignore[union-attr,arg-type]
            self._copy = self._exits.enter_context(
                cursor.copy(f"COPY {quote(self.table.name)} ({names}) FROM STDIN (FORMAT csv)"))
        return self

    def __exit__(self, *error: Any) -> bool | None:
        return self._exits.__exit__(*error)

    def write(self, rows: ObjectRows) -> None:
        """Write rows: a 2-D object array of plain Python values, in the order of ``keys``."""
        if self._copy is None:
            _insert_rows(self.connection, self.table, self.keys, rows)
            return
        self._copy.write(memoryview(_csv_of(rows)))


def _csv_of(rows: ObjectRows) -> pa.Buffer:
    """Rows as CSV for PostgreSQL's ``COPY … (FORMAT csv)``, written by Arrow's C++ writer.

    Arrow quotes every string and leaves a missing value unquoted and empty, which is exactly
    how that ``COPY`` tells an empty string (``""``) from NULL. Faster than psycopg's ``write_row``
    per row: a national monthly ingest on PostgreSQL took 39.7 s instead of 42.9 s.
    """
    columns = {}
    for position in range(rows.shape[1]):
        column = rows[:, position]
        try:
            columns[str(position)] = pa.array(column, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # values of mixed types: as the database reads them, text
            columns[str(position)] = pa.array([None if value is None else str(value) for value in column], pa.string())
    sink = pa.BufferOutputStream()
    pa_csv.write_csv(pa.table(columns), sink, pa_csv.WriteOptions(include_header=False))
    return sink.getvalue()


def _insert_rows(connection: Any, table: Table, keys: Sequence[str], rows: ObjectRows) -> None:
    """Insert rows (a 2-D object array of plain Python values) with the driver's ``executemany``.

    Inside the caller's transaction. SQLite: one statement per :data:`_SQLITE_PARAMETERS`
    values (``VALUES (…), (…), …``), executed many times — one step per hundred rows instead
    of one per row, half the time of a row-by-row ``executemany``. Other drivers: one
    driver-level ``executemany`` (SQLAlchemy's per-row dicts cost seconds for 200,000 rows).
    PostgreSQL through psycopg takes :class:`_BulkWriter`'s ``COPY`` instead.
    """
    if not len(rows):
        return
    # Columns empty in every row are left to their default (NULL): a national monthly file has
    # no destinations, transit or sex, and each bound value costs time on every row.
    used = [position for position in range(len(keys)) if not pd.isna(rows[:, position]).all()]  # None only, never NaN
    if len(used) < len(keys):
        keys, rows = [keys[position] for position in used], rows[:, used]
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(name) for name in keys)
    marker = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(dialect.paramstyle)
    if marker is None:  # other drivers: let SQLAlchemy bind
        connection.execute(insert(table), [dict(zip(keys, row, strict=True)) for row in rows.tolist()])
        return
    one_row = "(" + ", ".join([marker] * len(keys)) + ")"
    statement = f"INSERT INTO {quote(table.name)} ({names}) VALUES "
    per_statement = max(1, _SQLITE_PARAMETERS // len(keys)) if dialect.name == "sqlite" else 1
    whole = len(rows) // per_statement * per_statement
    # The driver's own cursor (the transaction's connection): it takes lists as they come from
    # numpy, where SQLAlchemy would want every row made a tuple first.
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        if per_statement > 1 and whole:
            # reshaped, not copied: each statement's parameters are the values of its rows in order
            parameters = rows[:whole].reshape(whole // per_statement, per_statement * len(keys)).tolist()
            cursor.executemany(statement + ", ".join([one_row] * per_statement), parameters)
            rows = rows[whole:]
        if len(rows):
            cursor.executemany(statement + one_row, rows.tolist())
    finally:
        cursor.close()


def write_rollups(connection: Connection, dataset_id: int, records: pd.DataFrame) -> int:
    """Compute and insert the roll-up rows of a version's records, in the caller's transaction.

    Used when a version is saved and by migration ``0003`` for versions stored before roll-ups.

    Parameters
    ----------
    connection : Connection
        Inside a write transaction.
    dataset_id : int
        The version the records belong to.
    records : pandas.DataFrame
        Its records (:data:`RECORD_COLUMNS`).

    Returns
    -------
    int
        Roll-up rows written.
    """
    written = 0
    with _BulkWriter(connection, rollups_table, ("dataset_id", *ROLLUP_COLUMNS)) as writer:
        for chunk in _rollup_rows(dataset_id, records):  # in index order: the index is appended to
            writer.write(chunk)
            written += len(chunk)
    return written


@cache
def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            # SQLAlchemy, not the driver, begins transactions (see _sqlite_begin)
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the one writer
            cursor.execute("PRAGMA secure_delete=ON")  # deleted values are overwritten (purge)
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: Connection) -> None:
            # A writer takes the write lock at BEGIN and so waits for others (busy timeout);
            # a deferred BEGIN that later writes fails at once when another writer committed.
            write = connection.get_execution_options().get("riskmap_write", False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


_migrated: set[str] = set()
_migrated_lock = threading.Lock()
_seeding_lock = threading.Lock()


def _migrate_once(url: str, engine: Engine) -> None:
    """Bring the schema to the newest migration the first time this process opens ``url``."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if database and database != ":memory:" and not Path(database).exists():
        _migrated.discard(url)  # the file was removed since: a new, empty store
    if url in _migrated:
        return
    from geo.data import migrations

    with _migrated_lock:
        if url not in _migrated:
            migrations.upgrade(engine)
            _migrated.add(url)


def default_store() -> Store:
    """The store at ``RISKMAP_DB_URL`` (or the SQLite file in ``RISKMAP_HOME``)."""
    return Store(database_url())


def list_datasets(
    kind: str | None = None, *, include_deleted: bool = False, audience: str = "analyst"
) -> list[DatasetInfo]:
    """Dataset versions in the default store, newest first (see :meth:`Store.list_datasets`)."""
    return default_store().list_datasets(kind, include_deleted=include_deleted, audience=audience)


def get_dataset(dataset_id: int, *, audience: str = "analyst") -> DatasetInfo:
    """One dataset version of the default store (see :meth:`Store.get_dataset`)."""
    return default_store().get_dataset(dataset_id, audience=audience)


def active_dataset(kind: str, *, audience: str = "analyst") -> DatasetInfo | None:
    """The active version of ``kind`` in the default store; creates the sample data first when it is empty."""
    store = default_store()
    store.ensure_default_data()
    return store.active_dataset(kind, audience=audience)


def load_records(dataset_id: int) -> pd.DataFrame:
    """Records of a version of the default store (see :meth:`Store.load_records`)."""
    return default_store().load_records(dataset_id)


def ensure_default_data() -> list[int]:
    """Create the sample datasets in the default store when it is empty."""
    return default_store().ensure_default_data()
