"""A store on SQLite, and on PostgreSQL when RISKMAP_TEST_POSTGRES_URL is set (required under CI=true).

The same rules as ``tests/store/conftest.py``: roll-ups are read by the same SQL on both.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from geo.data import store as store_module
from geo.data.store import Store


def postgres_url() -> str:
    url = os.environ.get("RISKMAP_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("RISKMAP_TEST_POSTGRES_URL is not set under CI=true; start a server with "
                        "scripts/start-postgres.sh and export its URL.")
        pytest.skip("RISKMAP_TEST_POSTGRES_URL is not set (run scripts/start-postgres.sh to test PostgreSQL)")
    return url


def empty_postgres(url: str) -> None:
    """Drop every table of the PostgreSQL test database; this process will migrate it again."""
    with store_module._engine(url).begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    store_module._migrated.discard(url)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The URL of an empty database (no tables), set as RISKMAP_DB_URL; RISKMAP_HOME is tmp_path."""
    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path))
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'rollups.sqlite'}"
    else:
        url = postgres_url()
        empty_postgres(url)
    monkeypatch.setenv("RISKMAP_DB_URL", url)
    yield url
    if request.param == "postgres":
        empty_postgres(url)


@pytest.fixture
def store(database_url: str) -> Store:
    """An empty, migrated store."""
    return Store(database_url)
