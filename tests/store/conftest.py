"""Store fixtures: every store test runs on SQLite, and on PostgreSQL when marked/available.

PostgreSQL tests read RISKMAP_TEST_POSTGRES_URL (e.g. from scripts/start-postgres.sh). Without it
they are skipped locally but FAIL under CI=true, so CI cannot go green without a real server.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from geo.data import migrations
from geo.data.store import Store


def postgres_url() -> str:
    url = os.environ.get("RISKMAP_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("RISKMAP_TEST_POSTGRES_URL is not set under CI=true; start a server with "
                        "scripts/start-postgres.sh and export its URL.")
        pytest.skip("RISKMAP_TEST_POSTGRES_URL is not set (run scripts/start-postgres.sh to test PostgreSQL)")
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """An empty store; RISKMAP_HOME is tmp_path so nothing is written into the project."""
    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path))
    if request.param == "sqlite":
        monkeypatch.delenv("RISKMAP_DB_URL", raising=False)
        yield Store()  # the default: riskmap.sqlite in RISKMAP_HOME
        return
    url = postgres_url()
    monkeypatch.setenv("RISKMAP_DB_URL", url)
    store = Store(url)
    reset_postgres(store)  # a clean schema for every test
    yield store
    reset_postgres(store)


def reset_postgres(store: Store) -> None:
    """Drop every table (alembic_version too), then migrate from nothing again."""
    with store.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    migrations.upgrade(store.engine)


def drop_postgres_schema(url: str) -> None:
    """An empty PostgreSQL database, which this process has not migrated yet."""
    from geo.data import store as store_module

    engine = store_module._engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    store_module._migrated.discard(url)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The URL of a database with no tables at all, set as RISKMAP_DB_URL (RISKMAP_HOME is tmp_path)."""
    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path))
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
        monkeypatch.setenv("RISKMAP_DB_URL", url)
        yield url
        return
    url = postgres_url()
    monkeypatch.setenv("RISKMAP_DB_URL", url)
    drop_postgres_schema(url)
    yield url
    drop_postgres_schema(url)
