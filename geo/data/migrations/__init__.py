"""Schema migrations of the dataset store (Alembic), run from code under a lock.

:func:`upgrade` brings a database to the newest revision. It holds a lock while it
works, so that many sessions or processes opening a fresh store at once create the
schema exactly once: a file lock beside the SQLite file, ``pg_advisory_lock`` on
PostgreSQL. A store made before migrations existed (tables, no ``alembic_version``)
is adopted: stamped as revision ``0001``, then upgraded.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from filelock import FileLock
from sqlalchemy import Connection, Engine, inspect, text

FIRST_REVISION = "0001"
"""The schema created by ``metadata.create_all`` before migrations existed."""

# Any constant works; it only has to be the same in every process using the database.
_ADVISORY_LOCK_KEY = 0x7269736B  # "risk"
_LOCK_TIMEOUT_SECONDS = 300
_thread_lock = threading.Lock()  # in-process guard (a file lock is per process on some systems)


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("geo.data.migrations")))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision in the migration scripts.

    Returns
    -------
    str
        The revision id, e.g. ``"0002"``.

    Examples
    --------
    >>> head_revision() >= "0002"
    True
    """
    config = Config()
    config.set_main_option("script_location", str(resources.files("geo.data.migrations")))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None  # the scripts always have one head
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision a database is at (``None``: never migrated).

    Parameters
    ----------
    connection
        An open connection to the database.

    Returns
    -------
    str or None
        The revision id from ``alembic_version``.
    """
    return MigrationContext.configure(connection).get_current_revision()


def _sqlite_lock_path(engine: Engine) -> Path | None:
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).with_name(Path(database).name + ".migrate.lock")


@contextmanager
def _locked(engine: Engine) -> Iterator[Connection]:
    """A connection held under the migration lock of this database."""
    with _thread_lock:
        if engine.dialect.name == "sqlite":
            lock_path = _sqlite_lock_path(engine)
            with FileLock(str(lock_path)) if lock_path else _no_lock(), engine.connect() as connection:
                yield connection
        elif engine.dialect.name == "postgresql":
            with engine.connect() as connection:
                connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _ADVISORY_LOCK_KEY})
                connection.commit()
                try:
                    yield connection
                finally:
                    connection.rollback()
                    connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _ADVISORY_LOCK_KEY})
                    connection.commit()
        else:  # other databases: no cross-process lock; first sessions may race once
            with engine.connect() as connection:
                yield connection


@contextmanager
def _no_lock() -> Iterator[None]:
    yield


@contextmanager
def _foreign_keys_off(connection: Connection) -> Iterator[None]:
    # SQLite batch migrations copy and drop tables that others reference; the pragma only
    # changes outside a transaction, so it goes to the driver connection directly.
    if connection.dialect.name != "sqlite":
        yield
        return
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        connection.rollback()
        driver.execute("PRAGMA foreign_keys=ON")


def upgrade(engine: Engine) -> str:
    """Bring the database of ``engine`` to the newest revision, under the migration lock.

    Parameters
    ----------
    engine
        The store's engine (SQLite or PostgreSQL).

    Returns
    -------
    str
        What was done: ``"current"`` (nothing to do), ``"created"``, ``"adopted"``
        (an old store stamped and upgraded) or ``"upgraded"``.
    """
    head = head_revision()
    with _locked(engine) as connection:
        revision = current_revision(connection)
        connection.commit()
        if revision == head:
            return "current"
        tables = set(inspect(connection).get_table_names())
        connection.commit()
        outcome = "upgraded"
        with _foreign_keys_off(connection):
            config = _config(connection)
            if revision is None and "datasets" in tables:
                command.stamp(config, FIRST_REVISION)
                connection.commit()
                outcome = "adopted"
            elif revision is None:
                outcome = "created"
            command.upgrade(config, "head")
            connection.commit()
        return outcome
